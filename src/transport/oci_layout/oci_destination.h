#pragma once
// Writes images into an OCI layout, creating it when missing. Everything is staged in a hidden
// folder inside the blob root (blobs/ or --dest-shared-blob-dir, so renames stay on one
// filesystem); commit() renames the staged blobs into blobs/<alg>/<hex>, then rewrites index.json
// atomically (staged file + rename) under an flock(2) of the layout folder, re-reading it first so
// that images other writers committed meanwhile are kept. Without commit() the destructor removes
// the staging folder and any folder it created: an existing layout stays byte-identical.
// index.json changes as c/image's addManifest makes them (see oci_index.h).
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/go_json.h"
#include "transport/oci_layout/oci_reference.h"

namespace periscope::transport::oci_layout {

class OciDestination : public ImageDestination {
 public:
  OciDestination(const OciReference& ref, const TransportOptions& options);
  ~OciDestination() override;
  OciDestination(const OciDestination&) = delete;
  OciDestination& operator=(const OciDestination&) = delete;

  DestCaps caps() const override;
  // Blobs already in the layout (or shared blob folder) or staged by this destination.
  std::optional<BlobInfo> try_reuse_blob(const BlobInfo& info, const BlobOrigin& origin) override;
  BlobInfo put_blob(io::Reader& reader, const BlobInfo& info, BlobKind kind) override;
  // Manifests are blobs too; the top-level one also becomes the index.json entry at commit.
  void put_manifest(std::string_view bytes, std::string_view media_type,
                    const std::optional<Digest>& instance) override;
  void put_signatures(const std::vector<std::string>& signatures,
                      const std::optional<Digest>& instance) override;
  void commit() override;

 private:
  std::string staged_path(const Digest& digest) const;
  void stage_bytes(const Digest& digest, std::string_view bytes);
  void make_dir(const std::string& path);  // mkdir unless present; remembered for rollback
  void write_index();

  OciReference ref_;
  std::string shared_blob_dir_;
  bool accept_uncompressed_layers_;
  std::string blob_root_;
  std::string staging_;
  std::vector<std::string> created_dirs_;  // in creation order
  std::mutex mutex_;
  std::set<Digest> staged_;
  std::optional<Json> top_descriptor_;
  bool committed_ = false;
};

}  // namespace periscope::transport::oci_layout
