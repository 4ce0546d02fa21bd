#pragma once
// The media type to treat a fetched or stored manifest as: the declared type without parameters,
// unless it says nothing ("", application/json, text/plain), then what the bytes look like; then
// normalised as containers/image does.
#include <string>

#include "transport/transport.h"

namespace periscope::transport {

std::string manifest_media_type(const RawManifest& manifest);

}  // namespace periscope::transport
