#pragma once
// The docker:// transport: images in a registry, read through registry::Client.
#include <memory>
#include <string_view>

#include "transport/transport.h"

namespace periscope::transport::registry {

// `rest` is what follows "docker:", i.e. "//name[:tag|@digest]".
std::unique_ptr<ImageReference> parse_docker_reference(std::string_view rest);

// A registry client for `named`'s registry configured from the per-image options.
std::unique_ptr<periscope::registry::Client> make_client(const reference::Named& named,
                                                         const TransportOptions& options);

class DockerReference : public ImageReference {
 public:
  explicit DockerReference(reference::Named named) : named_(std::move(named)) {}
  std::string_view transport_name() const override { return "docker"; }
  std::string to_string() const override { return "docker://" + named_.string(); }
  std::optional<reference::Named> docker_reference() const override { return named_; }
  std::unique_ptr<ImageSource> open_source(const TransportOptions& options) const override;
  std::unique_ptr<ImageDestination> open_destination(const TransportOptions& options) const override;
  void delete_image(const TransportOptions& options) const override;
  const reference::Named& named() const { return named_; }

 private:
  reference::Named named_;
};

}  // namespace periscope::transport::registry
