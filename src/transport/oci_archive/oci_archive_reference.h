#pragma once
// The oci-archive: transport: a tar of an OCI image layout — oci-archive:PATH[:REFERENCE], as
// c/image oci/archive. Unlike c/image we never extract the archive: the source reads members in
// place and the destination streams the tar as blobs arrive.
#include <memory>
#include <string>
#include <string_view>

#include "transport/transport.h"

namespace periscope::transport::oci_archive {

// `rest` is what follows "oci-archive:"; PATH ends at the first ':'.
std::unique_ptr<ImageReference> parse_oci_archive_reference(std::string_view rest);

class OciArchiveReference : public ImageReference {
 public:
  OciArchiveReference(std::string file, std::string resolved, std::string image)
      : file_(std::move(file)), resolved_(std::move(resolved)), image_(std::move(image)) {}
  std::string_view transport_name() const override { return "oci-archive"; }
  // As c/image's StringWithinTransport: the path as given, a colon, the image (maybe empty).
  std::string to_string() const override { return "oci-archive:" + file_ + ":" + image_; }
  std::optional<reference::Named> docker_reference() const override { return std::nullopt; }
  std::unique_ptr<ImageSource> open_source(const TransportOptions& options) const override;
  std::unique_ptr<ImageDestination> open_destination(
      const TransportOptions& options) const override;
  void delete_image(const TransportOptions& options) const override;

  const std::string& resolved_path() const { return resolved_; }  // absolute
  const std::string& image() const { return image_; }  // "" = the only image of the archive

 private:
  std::string file_;
  std::string resolved_;
  std::string image_;
};

}  // namespace periscope::transport::oci_archive
