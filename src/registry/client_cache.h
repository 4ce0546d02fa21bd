#pragma once
// Registry clients shared by every image a process copies (sync): one client per registry and
// settings, so that a thousand images cost one ping, a few pooled connections and one token per
// scope, instead of a new client (ping, token, TCP connections) per image.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "registry/client.h"

namespace periscope::registry {

class ClientCache {
 public:
  // The client for `config`: made on first use, then the same one for every config that behaves
  // the same (Client::sharing_key). Thread-safe, as the clients are. Throws what Client() throws.
  std::shared_ptr<Client> get(ClientConfig config);

  // HTTP requests sent by all the clients so far.
  std::int64_t requests() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<Client>> clients_;
};

}  // namespace periscope::registry
