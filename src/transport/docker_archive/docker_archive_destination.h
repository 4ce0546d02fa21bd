#pragma once
// Writes one image in the `docker save` format as c/image's tarfile writer does
// (docker/internal/tarfile/writer.go): <diffid-hex>.tar layers and <config-hex>.json as they
// arrive, then per layer the legacy <id>/layer.tar link, <id>/VERSION and <id>/json, and at
// commit manifest.json and repositories. An existing non-empty regular file is refused.
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "io/archive_file.h"
#include "reference/reference.h"
#include "transport/docker_archive/docker_archive_reference.h"
#include "transport/transport.h"

namespace periscope::transport::docker_archive {

class DockerArchiveDestination : public ImageDestination {
 public:
  // Errors: kUsage for an --additional-tag that is invalid or untagged (skopeo's wording); kIo
  // "docker-archive doesn't support modifying existing images".
  DockerArchiveDestination(const DockerArchiveReference& ref, const TransportOptions& options);

  DestCaps caps() const override;
  std::optional<BlobInfo> try_reuse_blob(const BlobInfo& info, const BlobOrigin& origin) override;
  BlobInfo put_blob(io::Reader& reader, const BlobInfo& info, BlobKind kind) override;
  void put_manifest(std::string_view bytes, std::string_view media_type,
                    const std::optional<Digest>& instance) override;
  void put_signatures(const std::vector<std::string>& signatures,
                      const std::optional<Digest>& instance) override;
  void commit() override;

 private:
  void write_legacy_metadata(const std::vector<Digest>& layers);

  std::vector<reference::Named> repo_tags_;
  io::ArchiveOutput output_;
  std::map<Digest, std::int64_t> blobs_;  // written, with sizes
  std::string config_;
  std::set<std::string> legacy_layers_;
  std::map<std::string, std::map<std::string, std::string>> repositories_;
  struct Item {
    std::string config;
    std::vector<std::string> repo_tags;
    std::vector<std::string> layers;
  };
  std::vector<Item> items_;
};

}  // namespace periscope::transport::docker_archive
