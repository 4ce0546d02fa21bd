#pragma once
// c/image's explicitfilepath.ResolvePathToFullyExplicit, which dir: and oci: references apply when
// they are parsed: an existing path resolves to its absolute, symlink-free form; a missing one
// needs an existing parent ("lstat /a: no such file or directory" otherwise, a usage error as in
// skopeo).
#include <string>

namespace periscope::transport::dir {

std::string resolve_explicit_path(const std::string& path);

}  // namespace periscope::transport::dir
