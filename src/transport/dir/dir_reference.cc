#include "transport/dir/dir_reference.h"

#include "core/error.h"
#include "transport/dir/dir_destination.h"
#include "transport/dir/dir_source.h"
#include "transport/dir/explicit_path.h"

namespace periscope::transport::dir {

std::unique_ptr<ImageReference> parse_dir_reference(std::string_view rest) {
  std::string path(rest);
  std::string resolved = resolve_explicit_path(path);
  return std::make_unique<DirReference>(std::move(path), std::move(resolved));
}

std::string manifest_file_name(const std::optional<Digest>& instance) {
  return instance ? std::string(instance->hex()) + ".manifest.json" : "manifest.json";
}

std::string blob_file_name(const Digest& digest) { return std::string(digest.hex()); }

std::string signature_file_name(int index, const std::optional<Digest>& instance) {
  std::string name = "signature-" + std::to_string(index + 1);
  return instance ? std::string(instance->hex()) + "." + name : name;
}

std::unique_ptr<ImageSource> DirReference::open_source(const TransportOptions&) const {
  return std::make_unique<DirSource>(path_);
}

std::unique_ptr<ImageDestination> DirReference::open_destination(const TransportOptions&) const {
  return std::make_unique<DirDestination>(resolved_path_);
}

void DirReference::delete_image(const TransportOptions&) const {
  throw Error(ErrorKind::kUnsupported, "Deleting images not implemented for dir: images");
}

}  // namespace periscope::transport::dir
