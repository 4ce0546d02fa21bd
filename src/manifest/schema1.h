#pragma once
// Docker schema 1 specifics: libtrust's "pretty JWS" signatures embedded in the manifest JSON and
// c/image's validation of the v1Compatibility history chain.
#include <string>
#include <string_view>

#include "manifest/manifest.h"

namespace periscope::manifest {

// The signed payload of a signed schema 1 manifest (what libtrust's ParsePrettySignature + Payload
// return): the bytes before the signatures, formatLength of them, followed by formatTail.
// Throws Error(kUnsupported) with libtrust's messages on malformed signatures.
std::string schema1_signed_payload(std::string_view bytes);

// Schema1FromManifest: decodes and validates, removing consecutive duplicate history entries.
ImageManifest parse_schema1(std::string_view bytes, std::string_view media_type);

}  // namespace periscope::manifest
