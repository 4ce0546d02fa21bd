#pragma once
// `skopeo inspect --config`: the image's config as an OCI imgspecv1.Image. c/image json.Unmarshals
// the config blob into that Go struct (a Docker config goes in as it is, relying on Go's
// case-insensitive key matching; unknown fields are dropped) and skopeo json.MarshalIndents it.
// Schema 1 images have no config blob: c/image synthesises a Docker config from the history first.
//
// Printing: skopeo writes json.MarshalIndent(v, "", "    ") followed by "\n"
// (cmd/skopeo/inspect.go writeOutput), i.e. go_json(oci_config(...), {.indent = 4}) + "\n".
// Errors are thrown as Error(kUnsupported); skopeo prefixes them with
// "Error reading OCI-formatted configuration data: ".
#include <optional>
#include <string_view>

#include "core/go_json.h"
#include "manifest/manifest.h"

namespace periscope::inspect {

// For an OCI or Docker schema 2 image: the config blob decoded into imgspecv1.Image and marshalled.
// An OCI manifest whose config is not an OCI image config is refused as c/image does
// ("unsupported image-specific operation on artifact with type ..."). For schema 1,
// `config_bytes` is ignored and the config is synthesised from the manifest's history.
Json oci_config(const manifest::ImageManifest& image, std::string_view config_bytes);

// The same, parsing the manifest from its bytes and (normalised) media type first.
Json oci_config(std::string_view manifest_bytes, std::string_view manifest_media_type,
                std::string_view config_bytes);

// Only the config decode-and-marshal step (no artifact check, no schema 1 synthesis).
Json oci_config_from_blob(std::string_view config_bytes);

// c/image Schema1.ToSchema2Config with empty diff IDs, as schema 1's OCIConfig uses it: the
// Docker config JSON (keys sorted, as Go marshals a map) built from the history.
Json schema1_docker_config(const manifest::ImageManifest& image);

}  // namespace periscope::inspect
