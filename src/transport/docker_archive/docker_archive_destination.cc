#include "transport/docker_archive/docker_archive_destination.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/go_json.h"
#include "manifest/media_type.h"
#include "transport/docker_archive/raw_json.h"

namespace periscope::transport::docker_archive {
namespace {

constexpr std::int64_t kMaxConfigSize = 4 << 20;  // c/image iolimits.MaxConfigBodySize

std::string layer_path(const Digest& d) { return std::string(d.hex()) + ".tar"; }
std::string config_path(const Digest& d) { return std::string(d.hex()) + ".json"; }

std::vector<reference::Named> destination_tags(const DockerArchiveReference& ref,
                                               const TransportOptions& options) {
  std::vector<reference::Named> tags;
  if (ref.tagged()) {
    tags.push_back(*ref.tagged());
  }
  for (const std::string& image : options.additional_tags) {
    reference::Named named;
    try {
      named = reference::parse_normalized_named(image);
    } catch (const Error& e) {
      throw_usage("error parsing additional-tag '" + image + "': " + e.what());
    }
    if (!named.tag) {
      throw_usage("additional-tag '" + image + "' must be a tagged reference");
    }
    tags.push_back(named);
  }
  return tags;
}

// json.Marshal of a map[string]any: keys sorted, values already JSON text.
std::string marshal_sorted(const std::map<std::string, std::string>& members) {
  std::string out = "{";
  for (const auto& [key, value] : members) {
    if (out.size() > 1) {
      out += ',';
    }
    out += go_json_string(key) + ":" + value;
  }
  return out + "}";
}

}  // namespace

DockerArchiveDestination::DockerArchiveDestination(const DockerArchiveReference& ref,
                                                   const TransportOptions& options)
    : repo_tags_(destination_tags(ref, options)),
      output_(ref.path(), "docker-archive doesn't support modifying existing images",
              options.tmpdir) {}

DestCaps DockerArchiveDestination::caps() const {
  DestCaps caps;
  caps.manifest_types = {std::string(manifest::kDockerV2Schema2Manifest)};
  caps.concurrent_blobs = false;
  caps.wants_uncompressed_layers = true;
  caps.compresses_uncompressed_layers = false;
  caps.supports_signatures = false;
  caps.accepts_lists = false;
  return caps;
}

std::optional<BlobInfo> DockerArchiveDestination::try_reuse_blob(const BlobInfo& info,
                                                                 const BlobOrigin&) {
  auto it = blobs_.find(info.digest);
  if (info.digest.empty() || it == blobs_.end()) {
    return std::nullopt;
  }
  BlobInfo reused = info;
  reused.size = it->second;
  return reused;
}

BlobInfo DockerArchiveDestination::put_blob(io::Reader& reader, const BlobInfo& info,
                                            BlobKind kind) {
  if (auto reused = try_reuse_blob(info, {})) {
    char buffer[64 * 1024];  // still read to the end, so the reader stack checks what it passed
    while (reader.read(buffer, sizeof buffer) > 0) {
    }
    return *reused;
  }
  BlobInfo stored;
  if (kind == BlobKind::kConfig) {
    std::string bytes;
    try {
      bytes = io::read_all(reader, kMaxConfigSize);
    } catch (const Error& e) {
      throw e.with_context("reading Config file stream");
    }
    stored = info;
    if (stored.digest.empty()) {
      stored.digest = Digest::sha256_of(bytes);
    }
    if (stored.size >= 0 && stored.size != static_cast<std::int64_t>(bytes.size())) {
      throw Error(ErrorKind::kIo, "Size mismatch when copying " + config_path(stored.digest) +
                                      ", expected " + std::to_string(stored.size) + ", got " +
                                      std::to_string(bytes.size()));
    }
    stored.size = static_cast<std::int64_t>(bytes.size());
    output_.tar().add_bytes(config_path(stored.digest), bytes);
    config_ = std::move(bytes);
  } else {
    stored = output_.add_blob(reader, info, layer_path);
  }
  blobs_[stored.digest] = stored.size;
  return stored;
}

void DockerArchiveDestination::put_manifest(std::string_view bytes, std::string_view,
                                            const std::optional<Digest>& instance) {
  if (instance) {
    throw Error(ErrorKind::kUnsupported, "Manifest lists are not supported for docker tar files");
  }
  nlohmann::json m;
  try {
    m = nlohmann::json::parse(bytes);
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::kManifestRejected, std::string("parsing manifest: ") + e.what());
  }
  if (!m.is_object() || m.value("schemaVersion", nlohmann::json()) != 2 ||
      m.value("mediaType", std::string()) != manifest::kDockerV2Schema2Manifest) {
    throw Error(ErrorKind::kManifestRejected,
                "Unsupported manifest type, need a Docker schema 2 manifest");
  }
  Digest config = Digest::parse(m["config"].value("digest", ""));
  std::vector<Digest> layers;
  for (const auto& l : m.value("layers", nlohmann::json::array())) {
    layers.push_back(Digest::parse(l.value("digest", "")));
  }

  write_legacy_metadata(layers);

  Item item;
  item.config = config_path(config);
  for (const Digest& l : layers) {
    item.layers.push_back(layer_path(l));
  }
  for (const reference::Named& tag : repo_tags_) {
    std::string text = tag.name() + ":" + *tag.tag;
    if (std::find(item.repo_tags.begin(), item.repo_tags.end(), text) == item.repo_tags.end()) {
      item.repo_tags.push_back(text);
    }
  }
  items_.push_back(std::move(item));
}

void DockerArchiveDestination::write_legacy_metadata(const std::vector<Digest>& layers) {
  std::map<std::string, std::string> top_config;
  if (!layers.empty()) {
    top_config = raw_object_members(config_);
  }
  std::string chain_id;
  std::string last_layer_id;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    std::map<std::string, std::string> layer_config;  // member -> JSON text
    if (!last_layer_id.empty()) {
      layer_config["parent"] = go_json_string(last_layer_id);
    }
    if (i == layers.size() - 1) {
      // The top layer's configuration is a subset of the image configuration.
      for (const char* attr : {"architecture", "config", "container", "container_config", "created",
                               "docker_version", "os"}) {
        auto it = top_config.find(attr);
        layer_config[attr] = it == top_config.end() ? "null" : go_compact(it->second);
      }
    }
    // docker/docker layer.CreateChainID; the ID is a digest of the config holding it.
    chain_id = chain_id.empty() ? layers[i].str()
                                : Digest::sha256_of(chain_id + " " + layers[i].str()).str();
    layer_config["layer_id"] = go_json_string(chain_id);
    std::string layer_id(Digest::sha256_of(marshal_sorted(layer_config)).hex());
    layer_config.erase("layer_id");
    layer_config["id"] = go_json_string(layer_id);
    std::string config_bytes = marshal_sorted(layer_config);

    if (legacy_layers_.insert(layer_id).second) {
      output_.tar().add_symlink(layer_id + "/layer.tar", "../" + layer_path(layers[i]));
      output_.tar().add_bytes(layer_id + "/VERSION", "1.0");
      output_.tar().add_bytes(layer_id + "/json", config_bytes);
    }
    last_layer_id = layer_id;
  }
  if (last_layer_id.empty()) {
    return;
  }
  for (const reference::Named& tag : repo_tags_) {
    repositories_[tag.name()][*tag.tag] = last_layer_id;
  }
}

void DockerArchiveDestination::put_signatures(const std::vector<std::string>& signatures,
                                              const std::optional<Digest>& instance) {
  if (instance) {
    throw Error(ErrorKind::kUnsupported, "Manifest lists are not supported for docker tar files");
  }
  if (!signatures.empty()) {
    throw Error(ErrorKind::kUnsupported,
                "Storing signatures for docker tar files is not supported");
  }
}

void DockerArchiveDestination::commit() {
  Json manifest = items_.empty() ? Json() : Json::array();  // Go marshals a nil slice as null
  for (const Item& item : items_) {
    Json entry = Json::object();
    entry["Config"] = item.config;
    entry["RepoTags"] = item.repo_tags;
    entry["Layers"] = item.layers;
    manifest.push_back(entry);
  }
  output_.tar().add_bytes("manifest.json", go_json(manifest));
  Json repositories = Json::object();
  for (const auto& [name, tags] : repositories_) {
    Json t = Json::object();
    for (const auto& [tag, id] : tags) {
      t[tag] = id;
    }
    repositories[name] = t;
  }
  output_.tar().add_bytes("repositories", go_json(repositories));
  output_.commit();
}

}  // namespace periscope::transport::docker_archive
