#include "transport/oci_archive/oci_archive_reference.h"

#include <filesystem>
#include <regex>

#include "core/error.h"
#include "transport/oci_archive/oci_archive_destination.h"
#include "transport/oci_archive/oci_archive_source.h"

namespace periscope::transport::oci_archive {
namespace {

// c/image oci/internal ValidateImageName: the grammar of org.opencontainers.image.ref.name.
bool valid_image_name(const std::string& image) {
  static const std::regex kRef(
      R"(^[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*(?:/[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*)*$)");
  return image.empty() || std::regex_match(image, kRef);
}

}  // namespace

std::unique_ptr<ImageReference> parse_oci_archive_reference(std::string_view rest) {
  auto colon = rest.find(':');
  std::string file(rest.substr(0, colon));
  std::string image = colon == std::string_view::npos ? "" : std::string(rest.substr(colon + 1));
  if (file.empty()) {
    throw_usage("oci-archive: path is empty");
  }
  if (!valid_image_name(image)) {
    throw_usage("Invalid image " + image);
  }
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(file, ec);
  if (ec) {
    throw_usage("resolving " + file + ": " + ec.message());
  }
  return std::make_unique<OciArchiveReference>(file, abs.lexically_normal().string(), image);
}

std::unique_ptr<ImageSource> OciArchiveReference::open_source(
    const TransportOptions& options) const {
  return std::make_unique<OciArchiveSource>(*this, options);
}

std::unique_ptr<ImageDestination> OciArchiveReference::open_destination(
    const TransportOptions& options) const {
  return std::make_unique<OciArchiveDestination>(*this, options);
}

void OciArchiveReference::delete_image(const TransportOptions&) const {
  throw Error(ErrorKind::kUnsupported, "Deleting images not implemented for oci: images");
}

}  // namespace periscope::transport::oci_archive
