#include "cli/inspect_value.h"

namespace periscope::cli {
namespace {

tmpl::Value optional_string_map(const std::optional<manifest::Annotations>& m) {
  return m ? tmpl::Value::string_map(*m) : tmpl::Value::nil_map();
}

tmpl::Value optional_string_list(const std::optional<std::vector<std::string>>& l) {
  return l ? tmpl::Value::string_list(*l) : tmpl::Value::nil_list();
}

tmpl::Field field(std::string name, tmpl::Value value, bool omitempty = false) {
  return tmpl::Field{std::move(name), std::move(value), "", omitempty};
}

}  // namespace

tmpl::Value inspect_value(const inspect::InspectInfo& info) {
  tmpl::Value::List layers_data;
  for (const auto& l : info.layers_data) {
    layers_data.push_back(tmpl::Value::structure(
        "types.ImageInspectLayer", {field("MIMEType", tmpl::Value(l.mime_type)), field("Digest", tmpl::Value(l.digest)),
                                    field("Size", tmpl::Value(l.size)),
                                    field("Annotations", optional_string_map(l.annotations))}));
  }
  // Created is a *time.Time: nil when absent.
  tmpl::Value created = info.created ? tmpl::Value::time(*info.created) : tmpl::Value();
  return tmpl::Value::structure(
      "inspect.Output",
      {field("Name", tmpl::Value(info.name), true),
       field("Tag", tmpl::Value(info.tag), true),
       field("Digest", tmpl::Value(info.digest)),
       field("RepoTags", optional_string_list(info.repo_tags)),
       field("Created", created),
       field("DockerVersion", tmpl::Value(info.docker_version)),
       field("Labels", optional_string_map(info.labels)),
       field("Architecture", tmpl::Value(info.architecture)),
       field("Os", tmpl::Value(info.os)),
       field("Layers", tmpl::Value::string_list(info.layers)),
       field("LayersData", tmpl::Value::list(std::move(layers_data))),
       field("Env", optional_string_list(info.env))});
}

}  // namespace periscope::cli
