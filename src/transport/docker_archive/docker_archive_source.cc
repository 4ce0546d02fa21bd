#include "transport/docker_archive/docker_archive_source.h"

#include <nlohmann/json.hpp>
#include <set>

#include "core/error.h"
#include "core/go_json.h"
#include "io/archive_file.h"
#include "io/compression.h"
#include "io/peek_reader.h"
#include "io/tar_header.h"
#include "manifest/media_type.h"

namespace periscope::transport::docker_archive {
namespace {

constexpr std::int64_t kMaxManifestJsonSize = 1 << 20;  // c/image iolimits.MaxTarFileManifestSize
constexpr std::int64_t kMaxConfigSize = 4 << 20;        // c/image iolimits.MaxConfigBodySize

// A member's data, decompressed when it is compressed; owns the whole chain.
class LayerReader : public io::Reader {
 public:
  explicit LayerReader(std::unique_ptr<io::Reader> member)
      : member_(std::move(member)), peek_(*member_) {
    plain_ = io::decompressor(io::detect_compression(peek_), peek_);
  }
  std::size_t read(char* buffer, std::size_t size) override { return plain_->read(buffer, size); }

 private:
  std::unique_ptr<io::Reader> member_;
  io::PeekReader peek_;
  std::unique_ptr<io::Reader> plain_;
};

std::string read_component(const io::TarIndex& archive, const std::string& name,
                           std::int64_t limit) {
  try {
    return io::read_all(*archive.open(name), limit);
  } catch (const Error& e) {
    throw e.with_context("loading tar component \"" + name + "\"");
  }
}

std::vector<std::string> string_list(const nlohmann::json& item, const char* key) {
  std::vector<std::string> out;
  auto it = item.find(key);
  if (it == item.end() || it->is_null()) {
    return out;
  }
  if (!it->is_array()) {
    throw Error(ErrorKind::kIo,
                std::string("decoding tar manifest.json: ") + key + " is not an array");
  }
  for (const auto& v : *it) {
    if (!v.is_string()) {
      throw Error(ErrorKind::kIo,
                  std::string("decoding tar manifest.json: ") + key + " holds a non-string");
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

}  // namespace

std::vector<ManifestItem> parse_manifest_json(std::string_view bytes) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(bytes);
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::kIo, std::string("decoding tar manifest.json: ") + e.what());
  }
  if (doc.is_null()) {
    return {};
  }
  if (!doc.is_array()) {
    throw Error(ErrorKind::kIo, "decoding tar manifest.json: not an array");
  }
  std::vector<ManifestItem> items;
  for (const auto& entry : doc) {
    if (!entry.is_object()) {
      throw Error(ErrorKind::kIo, "decoding tar manifest.json: an item is not an object");
    }
    ManifestItem item;
    auto config = entry.find("Config");
    if (config != entry.end() && config->is_string()) {
      item.config = config->get<std::string>();
    }
    item.repo_tags = string_list(entry, "RepoTags");
    item.layers = string_list(entry, "Layers");
    items.push_back(std::move(item));
  }
  return items;
}

std::vector<ManifestItem> read_archive_manifest(const std::string& path,
                                                const TransportOptions& options) {
  auto archive = io::open_tar_archive(path, options.tmpdir);
  return parse_manifest_json(read_component(*archive, "manifest.json", kMaxManifestJsonSize));
}

DockerArchiveSource::DockerArchiveSource(const DockerArchiveReference& ref,
                                         const TransportOptions& options)
    : path_(ref.path()) {
  archive_ = io::open_tar_archive(path_, options.tmpdir);
  items_ = parse_manifest_json(read_component(*archive_, "manifest.json", kMaxManifestJsonSize));
  const ManifestItem& item = choose(ref);

  config_ = read_component(*archive_, item.config, kMaxConfigSize);
  nlohmann::json config;
  try {
    config = nlohmann::json::parse(config_);
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::kIo, "decoding tar config \"" + item.config + "\": " + e.what());
  }
  if (!config.is_object() || !config.contains("rootfs") || config["rootfs"].is_null()) {
    throw Error(ErrorKind::kIo,
                "Invalid image config (rootFS is not set): \"" + item.config + "\"");
  }
  const auto& rootfs = config["rootfs"];
  if (rootfs.contains("diff_ids") && rootfs["diff_ids"].is_array()) {
    for (const auto& d : rootfs["diff_ids"]) {
      std::string text = d.is_string() ? d.get<std::string>() : "";
      if (!Digest::valid(text)) {
        throw Error(ErrorKind::kIo, "decoding tar config \"" + item.config +
                                        "\": invalid diff ID \"" + text + "\"");
      }
      diff_ids_.push_back(Digest::parse(text));
    }
  }
  if (item.layers.size() != diff_ids_.size()) {
    throw Error(ErrorKind::kIo, "Inconsistent layer count: " + std::to_string(item.layers.size()) +
                                    " in manifest, " + std::to_string(diff_ids_.size()) +
                                    " in config");
  }
  std::set<std::string> paths;
  for (std::size_t i = 0; i < diff_ids_.size(); ++i) {
    // The same diff twice: `docker save` makes the second a link to the first; either will do.
    if (layers_.contains(diff_ids_[i])) {
      continue;
    }
    std::string layer_path = io::tar::clean_path(item.layers[i]);
    if (!paths.insert(layer_path).second) {
      throw Error(ErrorKind::kIo,
                  "Layer tarfile \"" + layer_path + "\" used for two different DiffID values");
    }
    const io::TarEntry* entry = archive_->resolve(layer_path);
    if (!entry) {
      throw Error(ErrorKind::kIo, "Some layer tarfiles are missing in the tarball");
    }
    layers_[diff_ids_[i]] = Layer{layer_path, uncompressed_size(*entry)};
  }
  config_digest_ = Digest::sha256_of(config_);

  Json m = Json::object();
  m["schemaVersion"] = 2;
  m["mediaType"] = manifest::kDockerV2Schema2Manifest;
  m["config"] = Json{{"mediaType", manifest::kDockerV2Schema2Config},
                     {"size", static_cast<std::int64_t>(config_.size())},
                     {"digest", config_digest_.str()}};
  Json layers = Json::array();
  for (const Digest& d : diff_ids_) {
    layers.push_back(Json{{"mediaType", manifest::kDockerV2Schema2Layer},
                          {"size", layers_[d].size},
                          {"digest", d.str()}});
  }
  m["layers"] = layers;
  manifest_ = go_json(m);
}

const ManifestItem& DockerArchiveSource::choose(const DockerArchiveReference& ref) const {
  if (ref.tagged()) {
    std::string wanted = ref.tagged()->string();
    for (std::size_t i = 0; i < items_.size(); ++i) {
      for (const std::string& tag : items_[i].repo_tags) {
        reference::Named parsed;
        try {
          parsed = reference::parse_normalized_named(tag);
        } catch (const Error& e) {
          throw e.with_context("Invalid tag \"" + tag + "\" in manifest.json item @" +
                               std::to_string(i));
        }
        if (parsed.string() == wanted) {
          return items_[i];
        }
      }
    }
    throw Error(ErrorKind::kUsage, "Tag \"" + wanted + "\" not found");
  }
  if (ref.source_index() != -1) {
    if (static_cast<std::size_t>(ref.source_index()) >= items_.size()) {
      throw Error(ErrorKind::kUsage, "Invalid source index @" + std::to_string(ref.source_index()) +
                                         ", only " + std::to_string(items_.size()) +
                                         " manifest items available");
    }
    return items_[ref.source_index()];
  }
  if (items_.size() != 1) {
    throw Error(ErrorKind::kUsage, "Unexpected tar manifest.json: expected 1 item, got " +
                                       std::to_string(items_.size()));
  }
  return items_[0];
}

std::int64_t DockerArchiveSource::uncompressed_size(const io::TarEntry& entry) const {
  auto member = archive_->open(entry);
  io::PeekReader peek(*member);
  io::Compression compression = io::detect_compression(peek);
  if (compression == io::Compression::kNone) {
    return entry.size;
  }
  // umoci and others store compressed layers; the manifest must state what blob() yields.
  auto plain = io::decompressor(compression, peek);
  std::int64_t total = 0;
  char buffer[64 * 1024];
  try {
    while (std::size_t n = plain->read(buffer, sizeof buffer)) {
      total += static_cast<std::int64_t>(n);
    }
  } catch (const Error& e) {
    throw e.with_context("reading \"" + entry.name + "\" to find its size");
  }
  return total;
}

std::unique_ptr<io::Reader> DockerArchiveSource::blob(const BlobInfo& info) {
  if (info.digest == config_digest_) {
    return std::make_unique<io::StringReader>(config_);
  }
  auto it = layers_.find(info.digest);
  if (it == layers_.end()) {
    throw Error(ErrorKind::kNotFound, "Unknown blob " + info.digest.str());
  }
  return std::make_unique<LayerReader>(archive_->open(it->second.path));
}

RawManifest DockerArchiveSource::manifest(const std::optional<Digest>& instance) {
  if (instance) {
    throw Error(ErrorKind::kUnsupported, "Manifest lists are not supported by \"docker-archive:\"");
  }
  return RawManifest{manifest_, std::string(manifest::kDockerV2Schema2Manifest)};
}

std::string DockerArchiveSource::small_blob(const Digest& digest, std::int64_t max_size) {
  if (digest == config_digest_) {
    if (static_cast<std::int64_t>(config_.size()) > max_size) {
      throw Error(ErrorKind::kUnsupported,
                  "config " + digest.str() + " in " + path_ + " is too large");
    }
    return config_;
  }
  BlobInfo info;
  info.digest = digest;
  std::string bytes = io::read_all(*blob(info), max_size);
  if (digest.algorithm() == "sha256" && Digest::sha256_of(bytes) != digest) {
    throw Error(ErrorKind::kDigestMismatch,
                "blob " + digest.str() + " in " + path_ + ": digest did not match");
  }
  return bytes;
}

}  // namespace periscope::transport::docker_archive
