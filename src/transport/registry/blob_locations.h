#pragma once
// Where, within this process, blobs were seen in registries: one repository per (registry, digest).
// A destination that lacks a blob asks here for another repository of the same registry that has
// it, and mounts it from there instead of uploading it again — so a layer shared by many images of
// one sync (or one copy --all) crosses the network once. Thread-safe.
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace periscope::transport::registry {

class BlobLocations {
 public:
  static BlobLocations& process_wide();
  void record(const std::string& registry, const std::string& repository, const std::string& digest);
  // A repository other than `except` known to hold the blob.
  std::optional<std::string> find(const std::string& registry, const std::string& digest,
                                  const std::string& except) const;

 private:
  mutable std::mutex mu_;
  std::map<std::pair<std::string, std::string>, std::string> where_;  // (registry, digest) -> repository
};

}  // namespace periscope::transport::registry
