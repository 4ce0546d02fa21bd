#pragma once
// Reads an image from an oci-archive: index.json and blobs straight from the tar by offset.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/tar_reader.h"
#include "transport/oci_archive/oci_archive_reference.h"
#include "transport/transport.h"

namespace periscope::transport::oci_archive {

class OciArchiveSource : public ImageSource {
 public:
  // Opens and indexes the archive and chooses the image (c/image getManifestDescriptor). Errors:
  // kIo "archive file not found: ..."; kNotFound "no descriptor found for reference ..."; kUsage
  // "more than one image in oci, choose an image".
  OciArchiveSource(const OciArchiveReference& ref, const TransportOptions& options);

  SourceCaps caps() const override { return {.concurrent_blobs = true}; }
  std::unique_ptr<io::Reader> blob(const BlobInfo& info) override;
  RawManifest manifest(const std::optional<Digest>& instance) override;
  std::string small_blob(const Digest& digest, std::int64_t max_size) override;
  std::vector<std::string> repo_tags() override { return {}; }

 private:
  std::string member_name(const Digest& digest) const;
  std::unique_ptr<io::Reader> open_blob(const Digest& digest, std::int64_t* size) const;
  std::string read_verified(const Digest& digest, std::int64_t max_size) const;

  std::string path_;
  std::string shared_blob_dir_;
  std::unique_ptr<io::TarIndex> archive_;
  Digest top_digest_;
  std::string top_media_type_;
  std::vector<std::pair<Digest, std::string>> index_media_types_;  // of index.json's entries
};

}  // namespace periscope::transport::oci_archive
