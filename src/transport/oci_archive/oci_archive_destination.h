#pragma once
// Writes an image as a tar of an OCI layout, streaming each blob into the tar as it arrives (one
// at a time, no temporary copy when its digest and size are known); oci-layout and index.json
// are written at commit, which renames the finished archive over PATH.
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/go_json.h"
#include "io/archive_file.h"
#include "transport/oci_archive/oci_archive_reference.h"
#include "transport/transport.h"

namespace periscope::transport::oci_archive {

class OciArchiveDestination : public ImageDestination {
 public:
  OciArchiveDestination(const OciArchiveReference& ref, const TransportOptions& options);

  DestCaps caps() const override;
  std::optional<BlobInfo> try_reuse_blob(const BlobInfo& info, const BlobOrigin& origin) override;
  BlobInfo put_blob(io::Reader& reader, const BlobInfo& info, BlobKind kind) override;
  void put_manifest(std::string_view bytes, std::string_view media_type,
                    const std::optional<Digest>& instance) override;
  void put_signatures(const std::vector<std::string>& signatures,
                      const std::optional<Digest>& instance) override;
  void commit() override;

 private:
  void ensure_algorithm_folder(const Digest& digest);

  std::string image_;
  bool accept_uncompressed_;
  io::ArchiveOutput output_;
  std::map<Digest, std::int64_t> written_;  // blobs in the archive, with their sizes
  std::map<std::string, bool> folders_;     // "blobs/<algorithm>/" written
  Json manifests_ = Json::array();          // index.json's "manifests"
};

}  // namespace periscope::transport::oci_archive
