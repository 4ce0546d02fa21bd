#pragma once
// The oci: transport: an OCI image layout folder (image-spec image-layout.md) —
// oci:PATH[:REFERENCE], REFERENCE being an index.json entry's org.opencontainers.image.ref.name.
#include <memory>
#include <string>
#include <string_view>

#include "transport/transport.h"

namespace periscope::transport::oci_layout {

// `rest` is what follows "oci:". PATH ends at the first ':' (as containers/image splits it).
std::unique_ptr<ImageReference> parse_oci_reference(std::string_view rest);

class OciReference : public ImageReference {
 public:
  OciReference(std::string path, std::string image) : path_(std::move(path)), image_(std::move(image)) {}
  std::string_view transport_name() const override { return "oci"; }
  std::string to_string() const override { return "oci:" + path_ + (image_.empty() ? "" : ":" + image_); }
  std::optional<reference::Named> docker_reference() const override { return std::nullopt; }
  std::unique_ptr<ImageSource> open_source(const TransportOptions& options) const override;
  void delete_image(const TransportOptions& options) const override;

  const std::string& path() const { return path_; }
  const std::string& image() const { return image_; }  // "" = the only image of the layout

 private:
  std::string path_;  // absolute
  std::string image_;
};

}  // namespace periscope::transport::oci_layout
