#include "transport/registry/blob_locations.h"

namespace periscope::transport::registry {

BlobLocations& BlobLocations::process_wide() {
  static BlobLocations instance;
  return instance;
}

void BlobLocations::record(const std::string& registry, const std::string& repository, const std::string& digest) {
  std::lock_guard lock(mu_);
  where_[{registry, digest}] = repository;
}

std::optional<std::string> BlobLocations::find(const std::string& registry, const std::string& digest,
                                               const std::string& except) const {
  std::lock_guard lock(mu_);
  auto it = where_.find({registry, digest});
  if (it == where_.end() || it->second == except) return std::nullopt;
  return it->second;
}

}  // namespace periscope::transport::registry
