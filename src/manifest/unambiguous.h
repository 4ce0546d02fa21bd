#pragma once
// c/image ValidateUnambiguousManifestFormat: a manifest must not carry the essential fields of
// another format (a document with both "layers" and "manifests" could be read two ways, and
// signatures over one reading would then vouch for the other).
#include <string_view>

#include "core/go_json.h"

namespace periscope::manifest {

enum AllowedField : unsigned {
  kAllowConfig = 1,
  kAllowFsLayers = 2,
  kAllowHistory = 4,
  kAllowLayers = 8,
  kAllowManifests = 16,
};

// Throws Error(kUnsupported) "rejecting ambiguous manifest, unexpected fields []string{...} in
// supposedly <expected>" when `document` has non-null fields outside `allowed`.
void validate_unambiguous(const Json& document, std::string_view expected, unsigned allowed);

}  // namespace periscope::manifest
