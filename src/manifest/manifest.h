#pragma once
// Manifests as c/image reads them: the media type guessed from bytes, the digest that names them,
// and their parsed form. Parsing follows c/image's Go structs (see go_types.h), so what we accept,
// reject and report is what skopeo does; callers keep the raw bytes for anything digest-related.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/digest.h"

namespace periscope::manifest {

struct Platform {
  std::string architecture;
  std::string os;
  std::string os_version;
  std::vector<std::string> os_features;
  std::string variant;  // Docker lists' "features" is dropped, as c/image's OCI conversion does
  bool operator==(const Platform&) const = default;
};

using Annotations = std::map<std::string, std::string>;

struct Descriptor {
  std::string media_type;
  std::string digest;     // as written: c/image validates digests only when it uses them
  std::int64_t size = 0;  // as written (0 when absent, like Go)
  std::vector<std::string> urls;
  std::optional<Annotations> annotations;  // nullopt: absent or null (Go's nil map, output "null")
  std::optional<Platform> platform;        // always set for Docker list entries
};

struct ImageManifest {
  std::string media_type;  // what it was parsed as: OCI, Docker schema 2, or schema 1 (signed)
  std::int64_t schema_version = 0;
  Descriptor config;  // schema 1 has none: left empty
  // Base layer first. Schema 1: from fsLayers reversed, size -1, no media type, duplicates of
  // consecutive history IDs removed as c/image does.
  std::vector<Descriptor> layers;
  std::string artifact_type;               // OCI only
  std::optional<Annotations> annotations;  // OCI only

  // Schema 1 only, in manifest order (top layer first).
  std::string name;
  std::string tag;
  std::string architecture;
  std::vector<std::string> fs_layers;         // blobSum
  std::vector<std::string> v1_compatibility;  // history[].v1Compatibility (JSON text)
  std::vector<bool> empty_layers;             // parallel to `layers`: v1Compatibility "throwaway"
};

struct ManifestList {
  std::string media_type;  // kOciIndex or kDockerV2List
  std::int64_t schema_version = 0;
  std::vector<Descriptor> manifests;
  std::optional<Annotations> annotations;  // OCI only
};

using Parsed = std::variant<ImageManifest, ManifestList>;

// c/image GuessMIMEType: the media type `bytes` look like, or "" when unrecognised (also non-JSON).
std::string guess_media_type(std::string_view bytes);

// c/image NormalizedMIMEType: the type to parse a server-declared type as. "application/json" and
// anything unrecognised (text/plain from CDNs, "") become signed schema 1.
std::string normalized_media_type(std::string_view media_type);

bool is_list_media_type(std::string_view media_type);

// c/image manifest.Digest: sha256 of the bytes, except that a signed schema 1 manifest is digested
// without its JWS signatures (libtrust's formatLength/formatTail payload). Throws
// Error(kUnsupported) with libtrust's wording when such signatures are malformed.
Digest manifest_digest(std::string_view bytes);

// Parses `bytes` as exactly `media_type` (one of the six manifest types; schema 1 signed and
// unsigned parse alike). Unknown types throw Error(kUnsupported); to behave as c/image does for
// server-declared types, pass normalized_media_type(declared). Invalid or ambiguous content throws
// Error(kUnsupported) with c/image's wording.
Parsed parse(std::string_view bytes, std::string_view media_type);

}  // namespace periscope::manifest
