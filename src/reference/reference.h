#pragma once
// Docker image references ("busybox", "quay.io/ns/repo:tag", "host:5000/x@sha256:..."), parsed
// and normalised as containers/image's docker/reference (its copy of distribution's reference
// package) and docker/docker_transport.go do, with their error wording, because skopeo prints
// those messages verbatim after "Error parsing image name \"...\": ".
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/digest.h"

namespace periscope::reference {

inline constexpr std::size_t kNameTotalLengthMax = 255;
inline constexpr std::string_view kDefaultDomain = "docker.io";
inline constexpr std::string_view kLegacyDefaultDomain = "index.docker.io";
inline constexpr std::string_view kOfficialRepoName = "library";
inline constexpr std::string_view kDefaultTag = "latest";

struct Named {
  // "docker.io", "localhost:5000", "quay.io". Empty only in the odd case upstream also produces,
  // where the first segment looked like a host to the normaliser but is not a valid domain
  // ("a_b.com/x": the whole text becomes the path).
  std::string domain;
  std::string path;  // "library/busybox", "ns/repo"
  std::optional<std::string> tag;
  std::optional<Digest> digest;

  std::string name() const;    // domain/path
  std::string string() const;  // name[:tag][@digest]
  // Without "docker.io/", and without "library/" for a two-segment official image.
  std::string familiar_name() const;
  std::string familiar_string() const;
  bool operator==(const Named&) const = default;
};

// ParseNormalizedNamed: "busybox" -> docker.io/library/busybox; index.docker.io becomes
// docker.io; the first segment is a domain iff it contains '.' or ':' or is "localhost". No
// default tag is added. Throws Error(kUsage) with upstream's message.
Named parse_normalized_named(std::string_view text);

// ParseNamed: as parse_normalized_named, but the text must already be in normalised form
// ("repository name must be canonical" otherwise).
Named parse_named(std::string_view text);

// The part of a "docker:" image name after the colon, e.g. "//busybox:1". Adds the tag "latest"
// when there is neither tag nor digest, and rejects a tag and digest together, as skopeo does.
Named parse_docker_transport_reference(std::string_view after_docker_colon);

// The "docker:" form of a reference, "//" + familiar string; it parses back to the same Named.
std::string docker_transport_string(const Named& named);

bool is_name_only(const Named& named);  // no tag and no digest

// TagNameOnly: the reference with tag "latest" when it is name-only, else unchanged.
Named tag_name_only(Named named);

// WithTag: the reference with `tag` (any digest kept). Throws Error(kUsage) "invalid tag format".
Named with_tag(Named named, std::string_view tag);

}  // namespace periscope::reference
