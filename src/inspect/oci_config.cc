#include "inspect/oci_config.h"

#include <algorithm>
#include <map>

#include "core/error.h"
#include "manifest/go_struct.h"
#include "manifest/go_types.h"
#include "manifest/media_type.h"

namespace periscope::inspect {
namespace {

namespace go = manifest::go;

[[noreturn]] void fail(const std::string& message) {
  throw Error(ErrorKind::kUnsupported, message);
}

// docker/docker api/types/versions.LessThan: dot-separated integers, non-numbers count as 0.
bool version_less_than(std::string_view a, std::string_view b) {
  auto part = [](std::string_view v, std::size_t i) {
    std::size_t start = 0;
    for (std::size_t n = 0; n < i; ++n) {
      start = v.find('.', start);
      if (start == std::string_view::npos) return 0L;
      ++start;
    }
    std::string_view p = v.substr(start, v.find('.', start) - start);
    if (p.empty()) return 0L;
    std::size_t pos = (p[0] == '+' || p[0] == '-') ? 1 : 0;
    if (pos == p.size()) return 0L;
    long value = 0;
    for (; pos < p.size(); ++pos) {
      if (p[pos] < '0' || p[pos] > '9') return 0L;
      value = value * 10 + (p[pos] - '0');
    }
    return p[0] == '-' ? -value : value;
  };
  if (a == b) return false;
  auto count = [](std::string_view v) { return std::count(v.begin(), v.end(), '.') + 1; };
  std::size_t parts = static_cast<std::size_t>(std::max(count(a), count(b)));
  for (std::size_t i = 0; i < parts; ++i) {
    if (part(a, i) != part(b, i)) return part(a, i) < part(b, i);
  }
  return false;
}

const go::Struct& schema2_history_type() {
  static const go::Struct s{"Schema2History",
                            {{"created", go::Kind::kTime},
                             {"author", go::Kind::kString, true},
                             {"created_by", go::Kind::kString, true},
                             {"comment", go::Kind::kString, true},
                             {"empty_layer", go::Kind::kBool, true}}};
  return s;
}

const go::Struct& schema2_rootfs_type() {
  static const go::Struct s{
      "Schema2RootFS", {{"type", go::Kind::kString}, {"diff_ids", go::Kind::kStringSlice, true}}};
  return s;
}

}  // namespace

Json oci_config_from_blob(std::string_view config_bytes) {
  return go::marshal(go::unmarshal(go::parse_json(config_bytes), go::oci_image()), go::oci_image());
}

Json schema1_docker_config(const manifest::ImageManifest& image) {
  if (image.v1_compatibility.empty()) fail("image has no layers");
  const std::string& top = image.v1_compatibility.front();
  Json s1;
  try {
    s1 = go::unmarshal(go::parse_json(top), go::schema2_v1_image());
  } catch (const Error& e) {
    fail(std::string("decoding configuration: ") + e.what());
  }
  Json config = go::parse_json(top);
  std::string docker_version = s1.value("docker_version", "");
  if (!docker_version.empty() && version_less_than(docker_version, "1.8.3")) {
    config = go::marshal(s1, go::schema2_v1_image());  // very old configs are re-encoded
  }
  if (!config.is_object()) fail("re-decoding compat image config: not a JSON object");

  Json history = Json::array();
  std::size_t non_empty = 0;
  for (std::size_t i = image.v1_compatibility.size(); i-- > 0;) {
    Json compat =
        go::unmarshal(go::parse_json(image.v1_compatibility[i]), go::schema1_v1_compatibility());
    std::string created_by;  // strings.Join(Cmd, " ")
    Json cmd = compat.value("container_config", Json::object()).value("Cmd", Json::array());
    for (std::size_t n = 0; n < cmd.size(); ++n) {
      created_by += (n == 0 ? "" : " ") + cmd[n].get<std::string>();
    }
    bool throwaway = compat.value("throwaway", false);
    if (!throwaway) ++non_empty;
    Json item = Json::object();
    if (compat.contains("created")) item["created"] = compat["created"];
    item["author"] = compat.value("author", "");
    item["created_by"] = created_by;
    item["comment"] = compat.value("comment", "");
    item["empty_layer"] = throwaway;
    history.push_back(go::marshal(item, schema2_history_type()));
  }
  Json rootfs = Json::object();
  rootfs["type"] = "layers";
  rootfs["diff_ids"] = Json::array();
  for (std::size_t i = 0; i < non_empty; ++i) rootfs["diff_ids"].push_back("");

  std::map<std::string, Json> raw;  // Go marshals the map[string]*json.RawMessage sorted
  for (auto it = config.begin(); it != config.end(); ++it) raw[it.key()] = it.value();
  for (const char* dropped : {"id", "parent", "parent_id", "layer_id", "throwaway", "Size"}) {
    raw.erase(dropped);
  }
  raw["rootfs"] = go::marshal(rootfs, schema2_rootfs_type());
  raw["history"] = std::move(history);
  Json out = Json::object();
  for (auto& [k, v] : raw) out[k] = std::move(v);
  return out;
}

Json oci_config(const manifest::ImageManifest& image, std::string_view config_bytes) {
  if (image.media_type == manifest::kDockerV2Schema1 ||
      image.media_type == manifest::kDockerV2Schema1Signed) {
    Json docker = schema1_docker_config(image);
    return go::marshal(go::unmarshal(docker, go::oci_image()), go::oci_image());
  }
  if (image.media_type == manifest::kOciManifest &&
      image.config.media_type != manifest::kOciConfig) {
    std::string type = image.artifact_type.empty() ? image.config.media_type : image.artifact_type;
    if (type == manifest::kDockerV2Schema2Config) {
      fail("invalid mixed OCI image with Docker v2s2 config (" + go::go_quote(type) + ")");
    }
    fail("unsupported image-specific operation on artifact with type " + go::go_quote(type));
  }
  return oci_config_from_blob(config_bytes);
}

Json oci_config(std::string_view manifest_bytes, std::string_view manifest_media_type,
                std::string_view config_bytes) {
  auto parsed =
      manifest::parse(manifest_bytes, manifest::normalized_media_type(manifest_media_type));
  const auto* image = std::get_if<manifest::ImageManifest>(&parsed);
  if (image == nullptr) {
    throw Error(ErrorKind::kInternal,
                "oci_config needs an image manifest, not a list: choose an instance first");
  }
  return oci_config(*image, config_bytes);
}

}  // namespace periscope::inspect
