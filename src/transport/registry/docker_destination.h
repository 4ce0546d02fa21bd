#pragma once
// The docker:// transport's write side: blobs are checked (HEAD), mounted across repositories of the
// same registry, or uploaded; manifests are PUT last, so a failed copy never moves a tag.
#include <memory>

#include "reference/reference.h"
#include "registry/client.h"
#include "transport/transport.h"

namespace periscope::transport::registry {

std::unique_ptr<ImageDestination> make_docker_destination(const reference::Named& named,
                                                          const TransportOptions& options);

}  // namespace periscope::transport::registry
