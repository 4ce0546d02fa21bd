#include "transport/transport.h"

#include "core/error.h"
#include "transport/dir/dir_reference.h"
#include "transport/docker_archive/docker_archive_reference.h"
#include "transport/oci_archive/oci_archive_reference.h"
#include "transport/oci_layout/oci_reference.h"
#include "transport/registry/docker_reference.h"

namespace periscope::transport {

const std::vector<Transport>& transports() {
  static const std::vector<Transport> kTransports = {
      {"containers-storage", nullptr},
      {"dir", &dir::parse_dir_reference},
      {"docker", &registry::parse_docker_reference},
      {"docker-archive", &docker_archive::parse_docker_archive_reference},
      {"docker-daemon", nullptr},
      {"oci", &oci_layout::parse_oci_reference},
      {"oci-archive", &oci_archive::parse_oci_archive_reference},
      {"sif", nullptr},
      {"tarball", nullptr},
  };
  return kTransports;
}

std::unique_ptr<ImageReference> parse_image_name(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos)
    throw_usage("Invalid image name \"" + std::string(text) + "\", expected colon-separated transport:reference");
  std::string_view name = text.substr(0, colon);
  for (const Transport& t : transports()) {
    if (t.name != name) continue;
    if (!t.parse)
      throw Error(ErrorKind::kUnsupported, "Invalid image name \"" + std::string(text) + "\": the \"" +
                                               std::string(name) + "\" transport is not supported by Periscope yet");
    try {
      return t.parse(text.substr(colon + 1));
    } catch (const Error& e) {
      throw e.with_context("Invalid image name \"" + std::string(text) + "\"");
    }
  }
  throw_usage("Invalid image name \"" + std::string(text) + "\", unknown transport \"" + std::string(name) + "\"");
}

}  // namespace periscope::transport
