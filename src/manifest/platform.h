#pragma once
// Choosing an image from a multi-platform list, as c/image's ChooseInstance does: the wanted
// platform (host's unless overridden) expands into a preference-ordered list of compatible
// variants, and the first list entry matching the best candidate wins.
#include <string>
#include <string_view>
#include <vector>

#include "manifest/manifest.h"

namespace periscope::manifest {

// --override-os / --override-arch / --override-variant; empty means "the host's", in Go's GOOS /
// GOARCH names (linux, amd64, arm64, arm, 386, ppc64le, s390x, riscv64, ...).
struct PlatformWanted {
  std::string os;
  std::string architecture;
  std::string variant;
};

// Go's runtime.GOOS / runtime.GOARCH for this build.
std::string host_os();
std::string host_architecture();

// c/image getCPUVariantArm's reading of /proc/cpuinfo text ("Cpu architecture", "model name"):
// "v8", "v7", "v6", ... or "" when unknown.
std::string arm_variant_from_cpuinfo(std::string_view cpuinfo);

// c/image WantedPlatforms: the host's variant is detected (arm/arm64 only) only when the
// architecture is not overridden; a known variant expands to itself and every less capable one,
// then "" (for arm: v8, v7, v6, v5); no variant gives "" followed by all known variants.
std::vector<Platform> wanted_platforms(const PlatformWanted& wanted);
// The same with the host variant supplied, for tests and callers that detected it themselves.
std::vector<Platform> wanted_platforms(const PlatformWanted& wanted, std::string_view host_variant);

// c/image ChooseInstance. Docker lists: the first entry matching the most preferred wanted
// platform. OCI indexes: entries without a platform match anything but rank last; among equal
// platforms zstd instances (annotation io.github.containers.compression.zstd=true) win unless
// `prefer_gzip`, then list order. Throws Error(kUnsupported) "no image found in manifest list for
// architecture "amd64", variant "", OS "linux"" ("image index" for OCI); the caller adds
// "choosing image instance: " as c/image does.
const Descriptor& choose_instance(const ManifestList& list, const std::vector<Platform>& wanted,
                                  bool prefer_gzip = false);
const Descriptor& choose_instance(const ManifestList& list, const PlatformWanted& wanted);

}  // namespace periscope::manifest
