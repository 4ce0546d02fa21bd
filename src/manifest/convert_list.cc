#include "manifest/convert_list.h"

#include <algorithm>

#include "core/digest.h"
#include "core/error.h"
#include "core/go_json.h"
#include "manifest/go_struct.h"
#include "manifest/go_types.h"
#include "manifest/manifest.h"
#include "manifest/media_type.h"
#include "manifest/unambiguous.h"

namespace periscope::manifest {
namespace {

using go::go_quote;

[[noreturn]] void fail(const std::string& message) {
  throw Error(ErrorKind::kUnsupported, message);
}

// runtime.GOOS / runtime.GOARCH of the skopeo binary that would run here: c/image gives index
// entries without a platform this one when writing a Docker list.
constexpr std::string_view kGoOs = "linux";
#if defined(__x86_64__)
constexpr std::string_view kGoArch = "amd64";
#elif defined(__aarch64__)
constexpr std::string_view kGoArch = "arm64";
#elif defined(__i386__)
constexpr std::string_view kGoArch = "386";
#elif defined(__arm__)
constexpr std::string_view kGoArch = "arm";
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
constexpr std::string_view kGoArch = "ppc64le";
#elif defined(__s390x__)
constexpr std::string_view kGoArch = "s390x";
#elif defined(__riscv) && __riscv_xlen == 64
constexpr std::string_view kGoArch = "riscv64";
#else
#error "unknown GOARCH for this target"
#endif

bool is_oci(std::string_view t) { return t == kOciIndex; }

const go::Struct& struct_for(std::string_view t) {
  return is_oci(t) ? go::oci_index() : go::schema2_list();
}

bool ascii_iequal(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    auto lower = [](char c) {
      return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    };
    return lower(x) == lower(y);
  });
}

// Whether Go would set the "manifests" field to nil: the key (matched as Go matches it) holds null.
bool manifests_explicitly_null(const Json& doc) {
  if (!doc.is_object()) return false;
  if (auto it = doc.find("manifests"); it != doc.end()) return it->is_null();
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    if (ascii_iequal(it.key(), "manifests")) return it.value().is_null();
  }
  return false;
}

// What c/image's ...ListPublicFromManifest leaves in the Go value: the decoded fields over the
// defaults it sets before unmarshalling.
Json decode_list(std::string_view raw, std::string_view type) {
  Json doc = go::parse_json(raw);
  Json out = go::unmarshal(doc, struct_for(type));
  validate_unambiguous(doc, type, kAllowManifests);
  if (is_oci(type)) {
    if (!out.contains("schemaVersion")) out["schemaVersion"] = 2;
    if (!out.contains("mediaType")) out["mediaType"] = kOciIndex;
  }
  if (!out.contains("manifests") && !manifests_explicitly_null(doc)) {
    out["manifests"] = Json::array();
  }
  return out;
}

std::string serialize(const Json& decoded, std::string_view type) {
  return go_json(go::marshal(decoded, struct_for(type)));
}

void apply_edits(Json& list, std::string_view type, const std::vector<InstanceEdit>& edits) {
  const std::string who = is_oci(type) ? "OCI1Index" : "Schema2List";
  Json& manifests = list["manifests"];
  if (manifests.is_null()) manifests = Json::array();
  const std::size_t n = edits.size();
  for (std::size_t i = 0; i < n; ++i) {
    const InstanceEdit& e = edits[i];
    const std::string prefix = "updating manifest list: ";
    if (!Digest::valid(e.old_digest)) {
      fail(prefix + who + ".EditInstances: Attempting to update " + e.old_digest +
           " which is an invalid digest: invalid checksum digest format");
    }
    if (!Digest::valid(e.digest)) {
      fail(prefix + who + ".EditInstances: Modified digest " + e.digest +
           " is an invalid digest: invalid checksum digest format");
    }
    auto target = std::find_if(manifests.begin(), manifests.end(), [&](const Json& m) {
      return m.value("digest", "") == e.old_digest;
    });
    if (target == manifests.end()) {
      fail(prefix + who + ".EditInstances: digest " + e.old_digest + " not found");
    }
    const std::string counts = std::to_string(i + 1) + " of " + std::to_string(n);
    (*target)["digest"] = e.digest;
    if (e.size < 0) {
      fail(prefix + "update " + counts + " passed to " + who +
           ".UpdateInstances had an invalid size (" + std::to_string(e.size) + ")");
    }
    (*target)["size"] = e.size;
    if (e.media_type.empty()) {
      // c/image reports the media type at position i, not the edited entry's.
      std::string was = i < manifests.size() ? manifests[i].value("mediaType", "") : "";
      fail(prefix + "update " + counts + " passed to " + who +
           ".UpdateInstances had no media type (was " + go_quote(was) + ")");
    }
    (*target)["mediaType"] = e.media_type;
    if (is_oci(type) && !e.compression_algorithms.empty()) {
      Json& annotations = (*target)["annotations"];
      if (!annotations.is_object()) annotations = Json::object();
      for (const std::string& algo : e.compression_algorithms) {
        if (algo == "zstd" || algo == "zstd:chunked") {
          annotations[std::string(kZstdInstanceAnnotation)] = "true";
        }
      }
    }
  }
}

Json platform_fields(const Json& p) {
  Json out = Json::object();
  for (const char* key : {"architecture", "os", "os.version", "os.features", "variant"}) {
    if (p.contains(key)) out[key] = p[key];
  }
  return out;
}

// Schema2ListPublic.ToOCI1Index.
Json to_oci_index(const Json& list) {
  Json manifests = Json::array();
  for (const Json& m : list.value("manifests", Json::array())) {
    Json d = Json::object();
    for (const char* key : {"mediaType", "size", "digest", "urls"}) {
      if (m.contains(key)) d[key] = m[key];
    }
    d["platform"] = platform_fields(m.value("platform", Json::object()));
    manifests.push_back(std::move(d));
  }
  return Json{{"schemaVersion", 2}, {"mediaType", kOciIndex}, {"manifests", std::move(manifests)}};
}

// OCI1IndexPublic.ToSchema2List.
Json to_schema2_list(const Json& index) {
  Json manifests = Json::array();
  for (const Json& m : index.value("manifests", Json::array())) {
    Json d = Json::object();
    for (const char* key : {"mediaType", "size", "digest", "urls"}) {
      if (m.contains(key)) d[key] = m[key];
    }
    if (m.contains("platform")) {
      d["platform"] = platform_fields(m["platform"]);
    } else {
      d["platform"] = Json{{"architecture", kGoArch}, {"os", kGoOs}};
    }
    manifests.push_back(std::move(d));
  }
  return Json{
      {"schemaVersion", 2}, {"mediaType", kDockerV2List}, {"manifests", std::move(manifests)}};
}

std::string forced_list_type(std::string_view forced) {
  if (forced == kDockerV2Schema1 || forced == kDockerV2Schema1Signed ||
      forced == kDockerV2Schema2Manifest) {
    return std::string(kDockerV2List);
  }
  if (forced == kOciManifest) return std::string(kOciIndex);
  return std::string(forced);
}

}  // namespace

ListTypePlan choose_list_type(std::string_view current,
                              const std::vector<std::string>& destination_supported,
                              std::string_view forced, std::string_view cannot_modify_reason) {
  std::vector<std::string> supported = destination_supported;
  if (supported.empty()) supported = {std::string(kDockerV2List), std::string(kOciIndex)};
  if (!forced.empty()) supported = {forced_list_type(forced)};
  std::vector<std::string> order;
  auto add = [&](const std::string& t) {
    if (std::find(order.begin(), order.end(), t) == order.end()) order.push_back(t);
  };
  if (std::find(supported.begin(), supported.end(), current) != supported.end()) {
    add(std::string(current));
  }
  for (const std::string& t : supported) {
    if (is_list_media_type(t)) add(t);
  }
  if (order.empty()) {
    fail(
        "determining manifest list type to write to destination: destination does not support "
        "any supported manifest list types ([" +
        std::string(kDockerV2List) + " " + std::string(kOciIndex) + "])");
  }
  if (order.front() != current && !cannot_modify_reason.empty()) {
    fail("Manifest list must be converted to type " + go_quote(order.front()) +
         " to be written to destination, but we cannot modify it: " +
         go_quote(cannot_modify_reason));
  }
  return {order.front(), std::vector<std::string>(order.begin() + 1, order.end())};
}

std::string update_list(std::string_view raw, std::string_view media_type,
                        const std::vector<InstanceEdit>& edits, std::string_view target,
                        std::string_view cannot_modify_reason) {
  if (!is_list_media_type(media_type)) {
    fail("update_list: " + std::string(media_type) + " is not a manifest list type");
  }
  if (target.empty()) target = media_type;
  if (!is_list_media_type(target)) {
    fail("converting manifest list to list with MIME type " + go_quote(target) +
         ": Can not convert manifest list to MIME type " + go_quote(target) +
         ", which is not a list type");
  }
  const Json original = decode_list(raw, media_type);
  Json updated = original;
  apply_edits(updated, media_type, edits);
  if (target != media_type) {
    updated = is_oci(media_type) ? to_schema2_list(updated) : to_oci_index(updated);
  }
  std::string attempted = serialize(updated, target);
  if (attempted == serialize(original, media_type)) return std::string(raw);
  if (!cannot_modify_reason.empty()) {
    fail("Manifest list must be converted to type " + go_quote(target) +
         " to be written to destination, but we cannot modify it: " +
         go_quote(cannot_modify_reason));
  }
  return attempted;
}

}  // namespace periscope::manifest
