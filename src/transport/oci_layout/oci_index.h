#pragma once
// index.json of an OCI layout, held as c/image holds it: what json.Decode into imgspecv1.Index
// keeps (unknown fields dropped), written back as json.Marshal writes it, so that the files we
// write are byte-identical to skopeo's.
#include <cstddef>
#include <string>

#include "core/go_json.h"

namespace periscope::transport::oci_layout {

inline constexpr std::string_view kRefNameAnnotation = "org.opencontainers.image.ref.name";

// The go-decoded index (see manifest/go_struct.h). Errors as Go's os/json ones.
Json read_index(const std::string& path);
// A new layout's index: schemaVersion 2, no manifests.
Json empty_index();
// json.Marshal (what the destination writes at commit).
std::string index_bytes(const Json& index);
// json.Encoder.Encode: the same plus a newline (what delete writes).
std::string index_bytes_with_newline(const Json& index);

// The entry's ref.name annotation, "" when absent.
std::string ref_name_of(const Json& descriptor);

struct ChosenEntry {
  Json descriptor;
  std::size_t position = 0;
};

// c/image getManifestDescriptor: entry @source_index (>= 0), else the entry named `image`
// (Error(kNotFound) "no descriptor found for reference \"x\""), else the only entry.
ChosenEntry choose_entry(const Json& index, const std::string& image, int source_index);

// c/image addManifest: a tag already in use is removed from the entry holding it (which stays,
// untagged); an untagged entry with the same digest is replaced; otherwise the entry is appended.
void add_manifest(Json& index, const Json& descriptor);

}  // namespace periscope::transport::oci_layout
