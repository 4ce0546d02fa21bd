#pragma once
// The media type to treat a fetched or stored manifest as: the declared type without parameters,
// unless it says nothing ("", application/json, text/plain), then what the bytes look like; then
// normalised as containers/image does.
#include <string>

#include "manifest/manifest.h"
#include "transport/transport.h"

namespace periscope::transport {

std::string manifest_media_type(const RawManifest& manifest);

// One instance of a list, fetched by its descriptor's digest (verified by the source), with its
// media type settled: the source's, else the descriptor's, then as manifest_media_type().
RawManifest fetch_instance(ImageSource& source, const manifest::Descriptor& descriptor);

}  // namespace periscope::transport
