#pragma once
// What c/image's copy does to a single image's manifest: choosing the manifest type to write
// (copy/manifest.go determineManifestConversion), converting between Docker schema 2 and OCI
// (image/docker_schema2.go, image/oci.go), and rewriting layer descriptors after blobs were
// (re)compressed (UpdateLayerInfos). The output is json.Marshal of c/image's Go structs, so the
// bytes and digests equal skopeo's; when nothing needs to change the source bytes are kept.
//
// The copy engine uses it like c/image's copySingleImage:
//   plan = choose_manifest_type(...)            // before copying layers
//   ... copy layers, recording one LayerEdit per layer (see LayerEdit) ...
//   out = update_manifest(raw, type, edits, plan.needs_conversion ? plan.preferred : "", config)
//   put out.config (if set) as the config blob, then out.manifest; on
//   CompressionIncompatibleError or a destination rejecting the type, retry with
//   plan.other_candidates in order (skopeo: "Uploading manifest failed, attempted the following
//   formats: type(err), ...").
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "manifest/manifest.h"

namespace periscope::manifest {

// c/image ManifestLayerCompressionIncompatibilityError: this manifest type cannot describe the
// layer compression used (zstd in Docker schema 2). Callers may try another manifest type.
class CompressionIncompatibleError : public Error {
 public:
  explicit CompressionIncompatibleError(const std::string& message)
      : Error(ErrorKind::kUnsupported, message) {}
};

// skopeo's --format values: "oci", "v2s1", "v2s2" to the media type forced; other text throws
// Error(kUsage) with skopeo's wording.
std::string format_media_type(std::string_view format);

struct ManifestTypeInputs {
  std::string source_media_type = {};                   // as declared (normalised here)
  std::vector<std::string> destination_supported = {};  // preferred first; empty: anything
  std::string forced_media_type = {};  // --format, via format_media_type; "" if not
  // The compression algorithm the user asked for explicitly ("gzip", "zstd", "zstd:chunked"),
  // or "" (the destination's default is gzip, which every format supports).
  std::string requested_compression = {};
  bool requires_oci_encryption = false;
  // Why the manifest must stay byte-identical ("Would invalidate signatures", "Destination
  // specifies a digest", "Instructed to preserve digests"), or "" when it may change.
  std::string cannot_modify_reason = {};
};

struct ManifestTypePlan {
  std::string preferred;  // the type to write first
  bool needs_conversion = false;
  std::vector<std::string> other_candidates;  // to try in order if `preferred` is refused
};

// determineManifestConversion. When the manifest cannot be modified the (normalised) source type
// is kept even where the destination or --format asks otherwise; c/image then simply tries to
// write it, and the destination's refusal is the error the user sees. Throws Error(kUnsupported)
// with c/image's wording when no type can carry the requested compression or encryption.
ManifestTypePlan choose_manifest_type(const ManifestTypeInputs& in);

// c/image types.LayerCompression.
enum class CompressionOperation { kPreserveOriginal, kCompress, kDecompress };

// One layer as written to the destination: c/image's types.BlobInfo after copyLayer. The new
// media type is not stated but derived, as c/image does, from the source layer's media type and
// the (operation, algorithm) pair:
//   - blob copied unchanged: kPreserveOriginal with the detected algorithm ("gzip"/"zstd"/...),
//     or kDecompress when it was an uncompressed (compressible) layer, or kPreserveOriginal and ""
//     for layers whose compression c/image cannot change (can_change_layer_compression false);
//   - compressed here: kCompress with the algorithm; recompressed: kPreserveOriginal with the new
//     algorithm; decompressed: kDecompress with "";
//   - reused at the destination: compression_edits_from_media_type of the source layer, unless
//     the destination reports a substitute's compression.
// urls: empty for every blob that was written or reused (c/image clears them); only a foreign
// layer that was skipped keeps the source's. annotations: the source layer's when its bytes were
// kept or reused, none after (re/de)compression, plus compression annotations (zstd:chunked).
struct LayerEdit {
  std::string digest;
  std::int64_t size = -1;
  std::vector<std::string> urls;
  std::optional<Annotations> annotations;
  CompressionOperation operation = CompressionOperation::kPreserveOriginal;
  std::string algorithm;  // "", "gzip", "zstd" or "zstd:chunked"
};

// c/image compressionEditsFromBlobInfo: what copying a layer of this media type unchanged means
// for its descriptor. OCI zstd with a TOC annotation is "zstd:chunked".
std::pair<CompressionOperation, std::string> compression_edits_from_media_type(
    std::string_view layer_media_type, const std::optional<Annotations>& annotations);

// c/image CanChangeLayerCompression of the source image: whether a layer of this type may be
// compressed or decompressed in this manifest (OCI: only for image configs, not artifacts).
bool can_change_layer_compression(std::string_view manifest_media_type,
                                  std::string_view config_media_type,
                                  std::string_view layer_media_type);

struct UpdatedManifest {
  std::string manifest;  // bytes to write; the source bytes when nothing changed
  std::string media_type;
  bool changed = false;
  // Set when the config blob itself changed (Docker schema 2 -> OCI re-marshals it): write these
  // bytes as the config, described by `config_descriptor`.
  std::optional<std::string> config;
  Descriptor config_descriptor;  // media type, digest and size of the config the manifest names
};

// UpdatedImage of c/image's copy: converts `raw` (of normalised type `media_type`) to
// `target_media_type` ("" or the same type: no conversion), then applies `layers` (empty: no
// layer edits). As in c/image, layer edits apply only when some layer digest differs from the
// manifest's, or when `layers_substituted` (the source's LayerInfosForCopy replaced layers).
// `config` is the source config blob; only Docker schema 2 -> OCI reads it.
// Throws CompressionIncompatibleError as described above, Error(kUnsupported) with c/image's
// wording for impossible conversions (artifacts to Docker, zstd or encrypted layers to Docker,
// unknown layer types), and Error(kUnsupported) for what Periscope does not implement: writing
// Docker schema 1 (needs re-signing with a new key) and converting from schema 1 (needs the
// layers' diff IDs).
// skopeo prints these errors after "creating an updated image manifest: " (copy's context).
UpdatedManifest update_manifest(std::string_view raw, std::string_view media_type,
                                const std::vector<LayerEdit>& layers,
                                std::string_view target_media_type, std::string_view config,
                                bool layers_substituted = false);

}  // namespace periscope::manifest
