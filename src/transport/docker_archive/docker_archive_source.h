#pragma once
// Reads one image of a `docker save` archive in place, synthesizing the Docker schema 2 manifest
// c/image generates (docker/internal/tarfile/src.go): the config is the <hex>.json member, each
// layer is named by its diff ID with its uncompressed size (layers stored compressed are
// decompressed on the way), with the gzip layer media type c/image declares for all of them.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/tar_reader.h"
#include "transport/docker_archive/docker_archive_reference.h"
#include "transport/transport.h"

namespace periscope::transport::docker_archive {

// One element of manifest.json (c/image tarfile.ManifestItem).
struct ManifestItem {
  std::string config;
  std::vector<std::string> repo_tags;
  std::vector<std::string> layers;
};

// Parses manifest.json; Error(kIo) "decoding tar manifest.json: ..." when it is not an array of
// such items.
std::vector<ManifestItem> parse_manifest_json(std::string_view bytes);

// The items of the archive at `path` (for list-tags).
std::vector<ManifestItem> read_archive_manifest(const std::string& path,
                                                const TransportOptions& options);

class DockerArchiveSource : public ImageSource {
 public:
  DockerArchiveSource(const DockerArchiveReference& ref, const TransportOptions& options);

  SourceCaps caps() const override { return {.concurrent_blobs = true}; }
  std::unique_ptr<io::Reader> blob(const BlobInfo& info) override;
  RawManifest manifest(const std::optional<Digest>& instance) override;
  std::string small_blob(const Digest& digest, std::int64_t max_size) override;
  std::vector<std::string> repo_tags() override { return {}; }

 private:
  struct Layer {
    std::string path;
    std::int64_t size = -1;  // uncompressed
  };
  const ManifestItem& choose(const DockerArchiveReference& ref) const;
  std::int64_t uncompressed_size(const io::TarEntry& entry) const;

  std::string path_;
  std::unique_ptr<io::TarIndex> archive_;
  std::vector<ManifestItem> items_;
  std::string config_;
  Digest config_digest_;
  std::vector<Digest> diff_ids_;
  std::map<Digest, Layer> layers_;
  std::string manifest_;
};

}  // namespace periscope::transport::docker_archive
