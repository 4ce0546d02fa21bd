#pragma once
// The docker:// transport: images in a registry, read through registry::Client.
//
// registries.conf applies here as in containers/image: a read tries the [[registry]] entry's
// mirrors in order, then its (possibly remapped) location, and keeps the first endpoint that
// serves the manifest; a short name ("docker://busybox") is first resolved through aliases and
// unqualified-search-registries (config/short_names.h). Writes, deletes and tag listing go to the
// reference as written, never to a mirror.
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

#include "transport/transport.h"

namespace periscope::transport::registry {

// `rest` is what follows "docker:", i.e. "//name[:tag|@digest]".
std::unique_ptr<ImageReference> parse_docker_reference(std::string_view rest);

// A registry client for `named`'s registry configured from the per-image options (taken from
// options.clients when set).
std::shared_ptr<periscope::registry::Client> make_client(const reference::Named& named,
                                                         const TransportOptions& options);
periscope::registry::ClientConfig client_config(const reference::Named& named,
                                                const TransportOptions& options);

class DockerReference : public ImageReference {
 public:
  // `short_name`: the name as written when it had no registry (resolved when read).
  explicit DockerReference(reference::Named named, std::string short_name = {})
      : named_(std::move(named)), short_name_(std::move(short_name)) {}
  std::string_view transport_name() const override { return "docker"; }
  std::string to_string() const override { return "docker://" + named_.string(); }
  // After a successful open_source of a short name: the reference it resolved to.
  std::optional<reference::Named> docker_reference() const override;
  std::unique_ptr<ImageSource> open_source(const TransportOptions& options) const override;
  std::unique_ptr<ImageDestination> open_destination(
      const TransportOptions& options) const override;
  void delete_image(const TransportOptions& options) const override;
  const reference::Named& named() const { return named_; }

 private:
  reference::Named named_;
  std::string short_name_;
  mutable std::mutex mu_;
  mutable std::optional<reference::Named> resolved_;
};

}  // namespace periscope::transport::registry
