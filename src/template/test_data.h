#pragma once
// A value shaped like skopeo's inspect.Output, shared by the template tests.
#include <string>
#include <string_view>

#include "core/error.h"
#include "template/template.h"

namespace periscope::tmpl::testing {

inline Value inspect_output() {
  Value layer =
      Value::structure("types.ImageInspectLayer",
                       {{"MIMEType", "application/vnd.oci.image.layer.v1.tar+gzip", "", false},
                        {"Digest", "sha256:l1", "", false},
                        {"Size", 12, "", false},
                        {"Annotations", Value::nil_map(), "", false}});
  return Value::structure("inspect.Output",
                          {{"Name", "docker.io/library/alpine", "", true},
                           {"Tag", "", "", true},
                           {"Digest", "sha256:abc", "", false},
                           {"RepoTags", Value::string_list({"3.19", "latest"}), "", false},
                           {"Created", Value::time("2024-01-02T03:04:05.5Z"), "", false},
                           {"DockerVersion", "", "", false},
                           {"Labels", Value::string_map({{"b", "2"}, {"a", "1"}}), "", false},
                           {"Architecture", "amd64", "", false},
                           {"Os", "linux", "", false},
                           {"Layers", Value::string_list({"sha256:l1"}), "", false},
                           {"LayersData", Value::list({layer}), "", false},
                           {"Env", Value::string_list({"A=1", "B=2"}), "", false},
                           {"Nothing", Value::nil_list(), "", false},
                           {"Size", 42, "", false}});
}

inline std::string run(std::string_view text, const Value& data = inspect_output()) {
  return Template::parse(text).execute(data);
}

// The message of the Error(kUsage) that parsing or running `text` throws, or "no error".
inline std::string error_of(std::string_view text, const Value& data = inspect_output()) {
  try {
    Template::parse(text).execute(data);
  } catch (const Error& e) {
    return e.kind() == ErrorKind::kUsage ? e.what() : std::string("wrong kind: ") + e.what();
  }
  return "no error";
}

}  // namespace periscope::tmpl::testing
