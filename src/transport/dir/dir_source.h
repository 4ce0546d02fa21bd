#pragma once
// Reads a dir: image folder (ours or skopeo's). Like c/image it trusts the folder: manifests are
// returned as stored with their guessed media type, blobs unverified (the copy engine checks them).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "transport/transport.h"

namespace periscope::transport::dir {

class DirSource : public ImageSource {
 public:
  explicit DirSource(std::string path) : path_(std::move(path)) {}
  std::unique_ptr<io::Reader> blob(const BlobInfo& info) override;
  // signature-1, signature-2, ... up to the first missing one.
  std::vector<std::string> signatures(const std::optional<Digest>& instance) override;
  RawManifest manifest(const std::optional<Digest>& instance) override;
  std::string small_blob(const Digest& digest, std::int64_t max_size) override;
  std::vector<std::string> repo_tags() override { return {}; }

 private:
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  std::string path_;
};

}  // namespace periscope::transport::dir
