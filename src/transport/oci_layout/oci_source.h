#pragma once
// Reads one image of an OCI layout. As c/image: the index entry is chosen when the source opens;
// manifests are returned as stored (media type from the index entry, else guessed); blobs are
// read from the layout's blobs/ or from --src-shared-blob-dir. Foreign-layer URLs are not fetched.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/go_json.h"
#include "transport/oci_layout/oci_reference.h"

namespace periscope::transport::oci_layout {

class OciSource : public ImageSource {
 public:
  OciSource(const OciReference& ref, std::string shared_blob_dir);
  RawManifest manifest(const std::optional<Digest>& instance) override;
  std::unique_ptr<io::Reader> blob(const BlobInfo& info) override;
  std::string small_blob(const Digest& digest, std::int64_t max_size) override;
  std::vector<std::string> repo_tags() override { return {}; }

  const Json& chosen_descriptor() const { return descriptor_; }

 private:
  std::string path_of(const Digest& digest) const {
    return ref_.blob_path(digest, shared_blob_dir_);
  }

  OciReference ref_;
  std::string shared_blob_dir_;
  Json index_;
  Json descriptor_;
};

}  // namespace periscope::transport::oci_layout
