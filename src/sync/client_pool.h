#pragma once
// Registry clients shared by sync's planning (tag lists) and its up-to-date checks (HEADs), one
// per registry and option set, so that thousands of checks reuse a few pooled connections and one
// token per scope instead of a new client (ping, token, TCP connection) per image. The requests
// these clients send are counted, for the report's "requests per unchanged tag".
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "reference/reference.h"
#include "registry/client.h"
#include "transport/transport.h"

namespace periscope::sync {

class ClientPool {
 public:
  // The client for `named`'s registry with `options` (created on first use). Thread-safe; the
  // client itself is thread-safe.
  registry::Client& get(const reference::Named& named, const transport::TransportOptions& options);

  // HTTP requests the pool's clients have sent: exact when registry::Client counts its requests
  // (request_count()), else the number of API calls made through the wrappers below.
  std::int64_t requests() const;

  std::vector<std::string> list_tags(const reference::Named& repo,
                                     const transport::TransportOptions& options);
  std::optional<registry::Manifest> head_manifest(const reference::Named& image,
                                                  const transport::TransportOptions& options);
  registry::Manifest get_manifest(const reference::Named& image,
                                  const transport::TransportOptions& options);

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<registry::Client>> clients_;
  std::atomic<std::int64_t> calls_{0};
};

// The tag or digest a reference names, as the manifest endpoint takes it.
std::string manifest_ref(const reference::Named& named);

}  // namespace periscope::sync
