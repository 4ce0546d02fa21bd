#pragma once
// What c/image's copy does to a manifest list (copy/multiple.go copyMultipleImages,
// determineListConversion; internal/manifest oci_index.go and docker_schema2_list.go
// EditInstances / ConvertToMIMEType / Serialize): after the instances were copied, their
// descriptors get the digest, size and media type actually written, the list may be converted
// between OCI index and Docker manifest list, and it is re-serialised as Go would; if that
// equals the re-serialised original, the original bytes are kept so the digest does not change.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace periscope::manifest {

struct ListTypePlan {
  std::string selected;             // the list type to write first
  std::vector<std::string> others;  // to try in order if the destination refuses `selected`
};

// determineListConversion, with copyMultipleImages' mapping of a forced single-image type
// (--format) to its list type. `destination_supported` empty: anything. Throws Error(kUnsupported)
// "determining manifest list type to write to destination: destination does not support any
// supported manifest list types (...)", or, when `cannot_modify_reason` is set and the list would
// have to change type, c/image's "Manifest list must be converted to type ... but we cannot
// modify it: ...".
ListTypePlan choose_list_type(std::string_view current_media_type,
                              const std::vector<std::string>& destination_supported,
                              std::string_view forced_media_type,
                              std::string_view cannot_modify_reason);

// ListEdit{ListOpUpdate}: the instance that had `old_digest` was written as `digest`.
struct InstanceEdit {
  std::string old_digest;
  std::string digest;
  std::int64_t size = -1;
  std::string media_type;
  // Compression algorithms the instance's layers use ("gzip", "zstd", "zstd:chunked"): an OCI
  // index marks zstd instances with io.github.containers.compression.zstd=true (skopeo 1.22;
  // 1.9.3 did not).
  std::vector<std::string> compression_algorithms;
};

// The list bytes to write as `target_media_type` (an OCI index or a Docker manifest list) after
// applying `edits` to the list `raw` of type `media_type`: `raw` itself when the result
// serialises like the unmodified original. Throws Error(kUnsupported) with c/image's wording for
// bad edits (unknown or invalid digests, negative sizes, empty media types) and, when
// `cannot_modify_reason` is set and the bytes would change, "Manifest list must be converted to
// type ... but we cannot modify it: ...".
std::string update_list(std::string_view raw, std::string_view media_type,
                        const std::vector<InstanceEdit>& edits, std::string_view target_media_type,
                        std::string_view cannot_modify_reason = {});

}  // namespace periscope::manifest
