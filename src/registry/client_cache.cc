#include "registry/client_cache.h"

namespace periscope::registry {

std::shared_ptr<Client> ClientCache::get(ClientConfig config) {
  // Making a client does no I/O (it looks the registry up in the parsed registries.conf), so a
  // candidate is made first and its key decides whether an equal one already exists.
  auto candidate = std::make_shared<Client>(std::move(config));
  std::string key = candidate->sharing_key();
  std::lock_guard lock(mu_);
  auto [it, inserted] = clients_.try_emplace(std::move(key), candidate);
  return it->second;
}

std::int64_t ClientCache::requests() const {
  std::lock_guard lock(mu_);
  std::int64_t total = 0;
  for (const auto& [key, client] : clients_) total += client->request_count();
  return total;
}

}  // namespace periscope::registry
