#include "sync/client_pool.h"

#include "transport/registry/docker_reference.h"

namespace periscope::sync {
namespace {

std::string key_of(const reference::Named& named, const transport::TransportOptions& o) {
  std::string key = named.domain;
  key += '\0' + std::string(o.tls_verify ? (*o.tls_verify ? "1" : "0") : "-");
  key += '\0' + o.cert_dir + '\0' + o.authfile + '\0' + o.registry_token + '\0' +
         (o.no_creds ? "1" : "0");
  if (o.credentials) key += '\0' + o.credentials->username + '\0' + o.credentials->password;
  return key;
}

// Client::request_count() is proposed to the registry client; use it once it exists.
template <class C>
std::int64_t exact_count(const C& client, std::int64_t fallback) {
  if constexpr (requires { client.request_count(); }) {
    return static_cast<std::int64_t>(client.request_count());
  } else {
    return fallback;
  }
}

}  // namespace

std::string manifest_ref(const reference::Named& named) {
  if (named.digest) return named.digest->str();
  return named.tag.value_or(std::string(reference::kDefaultTag));
}

registry::Client& ClientPool::get(const reference::Named& named,
                                  const transport::TransportOptions& options) {
  std::string key = key_of(named, options);
  std::lock_guard lock(mu_);
  auto& slot = clients_[key];
  if (!slot) slot = transport::registry::make_client(named, options);
  return *slot;
}

std::int64_t ClientPool::requests() const {
  std::lock_guard lock(mu_);
  std::int64_t total = 0;
  bool exact = true;
  for (const auto& [key, client] : clients_) {
    std::int64_t n = exact_count(*client, -1);
    if (n < 0) exact = false;
    total += n;
  }
  return exact ? total : calls_.load();
}

std::vector<std::string> ClientPool::list_tags(const reference::Named& repo,
                                               const transport::TransportOptions& options) {
  ++calls_;
  return get(repo, options).list_tags(repo.path);
}

std::optional<registry::Manifest> ClientPool::head_manifest(
    const reference::Named& image, const transport::TransportOptions& options) {
  ++calls_;
  return get(image, options).head_manifest(image.path, manifest_ref(image));
}

registry::Manifest ClientPool::get_manifest(const reference::Named& image,
                                            const transport::TransportOptions& options) {
  ++calls_;
  return get(image, options).get_manifest(image.path, manifest_ref(image));
}

}  // namespace periscope::sync
