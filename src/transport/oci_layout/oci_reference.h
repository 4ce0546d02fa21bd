#pragma once
// The oci: transport (c/image oci/layout/): an OCI image layout folder (image-spec
// image-layout.md) — oci:PATH[:REFERENCE|:@N]. REFERENCE selects the index.json entry whose
// org.opencontainers.image.ref.name equals it; @N (skopeo 1.18+) the N-th entry, 0-based; neither:
// the only entry. PATH ends at the first ':' (as c/image splits it) and its parent must exist.
#include <memory>
#include <string>
#include <string_view>

#include "core/digest.h"
#include "transport/transport.h"

namespace periscope::transport::oci_layout {

// `rest` is what follows "oci:". Errors (kUsage) with c/image's wording.
std::unique_ptr<ImageReference> parse_oci_reference(std::string_view rest);

class OciReference : public ImageReference {
 public:
  // `source_index` -1: none.
  OciReference(std::string path, std::string resolved_path, std::string image, int source_index)
      : path_(std::move(path)),
        resolved_path_(std::move(resolved_path)),
        image_(std::move(image)),
        source_index_(source_index) {}
  std::string_view transport_name() const override { return "oci"; }
  // c/image's StringWithinTransport: "PATH:IMAGE" (also "PATH:" without one) or "PATH:@N".
  std::string to_string() const override;
  std::optional<reference::Named> docker_reference() const override { return std::nullopt; }
  std::unique_ptr<ImageSource> open_source(const TransportOptions& options) const override;
  std::unique_ptr<ImageDestination> open_destination(
      const TransportOptions& options) const override;
  // Removes the index.json entry, then the blobs of the local blobs/ folder that no other entry
  // uses (never any from a shared blob folder: other layouts may use them).
  void delete_image(const TransportOptions& options) const override;

  const std::string& path() const { return path_; }  // as the user wrote it; files are opened by it
  const std::string& resolved_path() const { return resolved_path_; }
  const std::string& image() const { return image_; }  // "" = none given
  int source_index() const { return source_index_; }   // -1 = none given

  std::string index_path() const { return path_ + "/index.json"; }
  std::string layout_file_path() const { return path_ + "/oci-layout"; }
  // blobs/<algorithm>/<hex> under the layout, or under `shared_blob_dir` when that is set.
  std::string blob_path(const Digest& digest, const std::string& shared_blob_dir) const;

 private:
  std::string path_;
  std::string resolved_path_;
  std::string image_;
  int source_index_;
};

}  // namespace periscope::transport::oci_layout
