#include "inspect/inspect_output.h"

#include <map>

#include "core/error.h"
#include "manifest/go_struct.h"
#include "manifest/go_time.h"
#include "manifest/go_types.h"
#include "manifest/media_type.h"

namespace periscope::inspect {
namespace {

namespace go = manifest::go;

std::optional<std::vector<std::string>> string_list(const Json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  return it->get<std::vector<std::string>>();
}

std::optional<manifest::Annotations> string_map(const Json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  return it->get<manifest::Annotations>();
}

void fill_layers(const manifest::ImageManifest& image, InspectInfo& info) {
  for (const manifest::Descriptor& d : image.layers) {
    info.layers.push_back(d.digest);
    info.layers_data.push_back({d.media_type, d.digest, d.size, d.annotations});
  }
}

// Schema2V1Image fields shared by Docker configs and schema 1 history entries.
void fill_from_docker(const Json& image, InspectInfo& info) {
  info.created = image.value("created", std::string(manifest::kGoZeroTime));
  info.docker_version = image.value("docker_version", "");
  info.architecture = image.value("architecture", "");
  info.variant = image.value("variant", "");
  info.os = image.value("os", "");
  info.author = image.value("author", "");
  auto config = image.find("config");
  if (config != image.end() && config->is_object()) {
    info.labels = string_map(*config, "Labels");
    info.env = string_list(*config, "Env");
  }
}

void fill_from_oci(std::string_view config_bytes, InspectInfo& info) {
  Json raw = go::parse_json(config_bytes);
  Json v1 = go::unmarshal(raw, go::oci_image());
  Json d1 = go::unmarshal(raw, go::schema2_v1_image());  // only for docker_version
  if (v1.contains("created")) info.created = v1["created"].get<std::string>();
  info.docker_version = d1.value("docker_version", "");
  info.architecture = v1.value("architecture", "");
  info.variant = v1.value("variant", "");
  info.os = v1.value("os", "");
  info.author = v1.value("author", "");
  Json config = v1.value("config", Json::object());
  info.labels = string_map(config, "Labels");
  info.env = string_list(config, "Env");
}

Json string_map_json(const std::optional<manifest::Annotations>& m) {
  if (!m) return nullptr;
  Json out = Json::object();
  for (const auto& [k, v] : *m) out[k] = v;  // std::map: Go's sorted key order
  return out;
}

Json string_list_json(const std::optional<std::vector<std::string>>& list) {
  if (!list) return nullptr;
  Json out = Json::array();
  for (const std::string& s : *list) out.push_back(s);
  return out;
}

}  // namespace

InspectInfo inspect_info(const InspectInput& input) {
  auto parsed =
      manifest::parse(input.manifest, manifest::normalized_media_type(input.manifest_media_type));
  const auto* image = std::get_if<manifest::ImageManifest>(&parsed);
  if (image == nullptr) {
    throw Error(ErrorKind::kInternal,
                "inspect needs an image manifest, not a list: choose an instance first");
  }
  InspectInfo info;
  info.name = input.name.value_or("");
  info.digest = input.digest;
  info.repo_tags = input.repo_tags;
  if (image->media_type == manifest::kDockerV2Schema1 ||
      image->media_type == manifest::kDockerV2Schema1Signed) {
    info.tag = image->tag;
    fill_from_docker(
        go::unmarshal(go::parse_json(image->v1_compatibility.front()), go::schema2_v1_image()),
        info);
  } else {
    if (image->media_type == manifest::kOciManifest &&
        image->config.media_type != manifest::kOciConfig) {
      std::string type =
          image->artifact_type.empty() ? image->config.media_type : image->artifact_type;
      if (type == manifest::kDockerV2Schema2Config) {
        throw Error(ErrorKind::kUnsupported,
                    "invalid mixed OCI image with Docker v2s2 config (" + go::go_quote(type) + ")");
      }
      throw Error(
          ErrorKind::kUnsupported,
          "unsupported image-specific operation on artifact with type " + go::go_quote(type));
    }
    if (!input.config) throw Error(ErrorKind::kInternal, "inspect needs the config blob");
    if (image->media_type == manifest::kOciManifest) {
      fill_from_oci(*input.config, info);
    } else {
      fill_from_docker(go::unmarshal(go::parse_json(*input.config), go::schema2_image()), info);
    }
  }
  fill_layers(*image, info);
  return info;
}

Json to_json(const InspectInfo& info) {
  Json out = Json::object();
  if (!info.name.empty()) out["Name"] = info.name;
  if (!info.tag.empty()) out["Tag"] = info.tag;
  out["Digest"] = info.digest;
  out["RepoTags"] = string_list_json(info.repo_tags);
  out["Created"] = info.created ? Json(*info.created) : Json(nullptr);
  out["DockerVersion"] = info.docker_version;
  out["Labels"] = string_map_json(info.labels);
  out["Architecture"] = info.architecture;
  out["Os"] = info.os;
  Json layers = Json::array();
  for (const std::string& l : info.layers) layers.push_back(l);
  out["Layers"] = std::move(layers);
  Json data = Json::array();
  for (const InspectLayer& l : info.layers_data) {
    Json entry = Json::object();
    entry["MIMEType"] = l.mime_type;
    entry["Digest"] = l.digest;
    entry["Size"] = l.size;
    entry["Annotations"] = string_map_json(l.annotations);
    data.push_back(std::move(entry));
  }
  out["LayersData"] = std::move(data);
  out["Env"] = string_list_json(info.env);
  return out;
}

Json inspect_output(const InspectInput& input) { return to_json(inspect_info(input)); }

}  // namespace periscope::inspect
