#pragma once
// The dir: transport (c/image directory/): one image in a folder — manifest.json, blobs named by
// their digest's hex, instance manifests <hex>.manifest.json, signatures signature-N (1-based) and
// <hex>.signature-N, and a version file.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/digest.h"
#include "transport/transport.h"

namespace periscope::transport::dir {

inline constexpr std::string_view kVersionFile = "version";
inline constexpr std::string_view kVersionText = "Directory Transport Version: 1.1\n";

// `rest` is what follows "dir:". The folder's parent must exist (Error(kUsage) otherwise).
std::unique_ptr<ImageReference> parse_dir_reference(std::string_view rest);

// File names inside an image folder, as c/image names them.
std::string manifest_file_name(const std::optional<Digest>& instance);
std::string blob_file_name(const Digest& digest);
std::string signature_file_name(int index, const std::optional<Digest>& instance);  // index 0-based

class DirReference : public ImageReference {
 public:
  DirReference(std::string path, std::string resolved_path)
      : path_(std::move(path)), resolved_path_(std::move(resolved_path)) {}
  std::string_view transport_name() const override { return "dir"; }
  std::string to_string() const override { return "dir:" + path_; }
  std::optional<reference::Named> docker_reference() const override { return std::nullopt; }
  std::unique_ptr<ImageSource> open_source(const TransportOptions& options) const override;
  std::unique_ptr<ImageDestination> open_destination(
      const TransportOptions& options) const override;
  void delete_image(const TransportOptions& options) const override;

  const std::string& path() const { return path_; }                    // as the user wrote it
  const std::string& resolved_path() const { return resolved_path_; }  // absolute, no symlinks

 private:
  std::string path_;
  std::string resolved_path_;
};

}  // namespace periscope::transport::dir
