#pragma once
// The registry clients of one sync run: its planning (tag lists), its up-to-date checks (HEADs)
// and its image copies (through TransportOptions::clients) all share one client per registry and
// settings, so that thousands of images reuse one ping, a few pooled connections and one token
// per scope. The requests these clients send are counted for the report.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "reference/reference.h"
#include "registry/client.h"
#include "registry/client_cache.h"
#include "transport/transport.h"

namespace periscope::sync {

class ClientPool {
 public:
  ClientPool() : cache_(std::make_shared<registry::ClientCache>()) {}

  // The client for `named`'s registry with `options` (created on first use). Thread-safe; the
  // client itself is thread-safe.
  registry::Client& get(const reference::Named& named, const transport::TransportOptions& options);

  // What copies put into their TransportOptions::clients to use the same clients.
  const std::shared_ptr<registry::ClientCache>& cache() const { return cache_; }

  // HTTP requests the pool's clients have sent (tag lists, checks and copies).
  std::int64_t requests() const { return cache_->requests(); }

  std::vector<std::string> list_tags(const reference::Named& repo,
                                     const transport::TransportOptions& options);
  std::optional<registry::Manifest> head_manifest(const reference::Named& image,
                                                  const transport::TransportOptions& options);
  registry::Manifest get_manifest(const reference::Named& image,
                                  const transport::TransportOptions& options);

 private:
  std::shared_ptr<registry::ClientCache> cache_;
};

// The tag or digest a reference names, as the manifest endpoint takes it.
std::string manifest_ref(const reference::Named& named);

}  // namespace periscope::sync
