#include "sync/client_pool.h"

#include "transport/registry/docker_reference.h"

namespace periscope::sync {

std::string manifest_ref(const reference::Named& named) {
  if (named.digest) return named.digest->str();
  return named.tag.value_or(std::string(reference::kDefaultTag));
}

registry::Client& ClientPool::get(const reference::Named& named,
                                  const transport::TransportOptions& options) {
  // The cache keeps every client alive for the pool's lifetime: the reference stays valid.
  return *cache_->get(transport::registry::client_config(named, options));
}

std::vector<std::string> ClientPool::list_tags(const reference::Named& repo,
                                               const transport::TransportOptions& options) {
  return get(repo, options).list_tags(repo.path);
}

std::optional<registry::Manifest> ClientPool::head_manifest(
    const reference::Named& image, const transport::TransportOptions& options) {
  return get(image, options).head_manifest(image.path, manifest_ref(image));
}

registry::Manifest ClientPool::get_manifest(const reference::Named& image,
                                            const transport::TransportOptions& options) {
  return get(image, options).get_manifest(image.path, manifest_ref(image));
}

}  // namespace periscope::sync
