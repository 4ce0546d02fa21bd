#include "reference/reference.h"

#include <algorithm>

#include "core/error.h"
#include "reference/grammar.h"

namespace periscope::reference {
namespace {

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

bool has_upper(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::size_t hex_length_for(std::string_view algorithm) {
  if (algorithm == "sha256") {
    return 64;
  }
  if (algorithm == "sha384") {
    return 96;
  }
  if (algorithm == "sha512") {
    return 128;
  }
  return 0;
}

// go-digest's Parse, for text that already matched the reference grammar's digest production;
// its error strings are what skopeo shows.
Digest parse_digest(std::string_view text) {
  std::size_t colon = text.find(':');
  std::string_view algorithm = text.substr(0, colon);
  std::string_view hex = text.substr(colon + 1);
  std::size_t want = hex_length_for(algorithm);
  if (want == 0) {
    // go-digest's own digest pattern wants a lowercase algorithm; anything else that the
    // reference grammar let through is merely unknown.
    throw_usage(has_upper(algorithm) ? "invalid checksum digest format"
                                     : "unsupported digest algorithm");
  }
  if (hex.size() != want) {
    throw_usage("invalid checksum digest length");
  }
  if (has_upper(hex)) {
    throw_usage("invalid checksum digest format");
  }
  return Digest::parse(text);
}

// Parse: the reference grammar with no normalisation at all.
Named parse_exact(std::string_view text) {
  std::optional<ReferenceMatch> match = match_reference(text);
  if (!match) {
    if (text.empty()) {
      throw_usage("repository name must have at least one component");
    }
    if (match_reference(ascii_lower(text))) {
      throw_usage("repository name must be lowercase");
    }
    throw_usage("invalid reference format");
  }
  if (match->name.size() > kNameTotalLengthMax) {
    throw_usage("repository name must not be more than " + std::to_string(kNameTotalLengthMax) +
                " characters");
  }
  std::optional<NameMatch> parts = match_name(match->name);
  Named named;
  named.domain = std::string(parts->domain);
  named.path = std::string(parts->path);
  if (!match->tag.empty()) {
    named.tag = std::string(match->tag);
  }
  if (!match->digest.empty()) {
    named.digest = parse_digest(match->digest);
  }
  return named;
}

struct DomainSplit {
  std::string domain;
  std::string remainder;
};

// splitDockerDomain of containers/image (not distribution's newer one, which also treats an
// uppercase first segment as a host).
DomainSplit split_docker_domain(std::string_view text) {
  DomainSplit split;
  std::size_t slash = text.find('/');
  std::string_view first = text.substr(0, slash);
  if (slash == std::string_view::npos ||
      (first.find_first_of(".:") == std::string_view::npos && first != "localhost")) {
    split.domain = kDefaultDomain;
    split.remainder = text;
  } else {
    split.domain = first;
    split.remainder = text.substr(slash + 1);
  }
  if (split.domain == kLegacyDefaultDomain) {
    split.domain = kDefaultDomain;
  }
  if (split.domain == kDefaultDomain && split.remainder.find('/') == std::string::npos) {
    split.remainder = std::string(kOfficialRepoName) + "/" + split.remainder;
  }
  return split;
}

}  // namespace

std::string Named::name() const { return domain.empty() ? path : domain + "/" + path; }

std::string Named::string() const {
  std::string out = name();
  if (tag) {
    out += ":" + *tag;
  }
  if (digest) {
    out += "@" + digest->str();
  }
  return out;
}

std::string Named::familiar_name() const {
  if (domain != kDefaultDomain) {
    return name();
  }
  std::string_view p = path;
  std::size_t slash = p.find('/');
  if (slash != std::string_view::npos && p.substr(0, slash) == kOfficialRepoName &&
      p.find('/', slash + 1) == std::string_view::npos) {
    return std::string(p.substr(slash + 1));
  }
  return path;
}

std::string Named::familiar_string() const {
  std::string out = familiar_name();
  if (tag) {
    out += ":" + *tag;
  }
  if (digest) {
    out += "@" + digest->str();
  }
  return out;
}

Named parse_normalized_named(std::string_view text) {
  if (is_full_identifier(text)) {
    throw_usage("invalid repository name (" + std::string(text) +
                "), cannot specify 64-byte hexadecimal strings");
  }
  DomainSplit split = split_docker_domain(text);
  std::string_view remote = split.remainder;
  remote = remote.substr(0, remote.find(':'));
  if (has_upper(remote)) {
    throw_usage("invalid reference format: repository name must be lowercase");
  }
  return parse_exact(split.domain + "/" + split.remainder);
}

Named parse_named(std::string_view text) {
  Named named = parse_normalized_named(text);
  if (named.string() != text) {
    throw_usage("repository name must be canonical");
  }
  return named;
}

Named parse_docker_transport_reference(std::string_view after_docker_colon) {
  if (!after_docker_colon.starts_with("//")) {
    throw_usage("docker: image reference " + std::string(after_docker_colon) +
                " does not start with //");
  }
  Named named = tag_name_only(parse_normalized_named(after_docker_colon.substr(2)));
  if (named.tag && named.digest) {
    throw_usage("Docker references with both a tag and digest are currently not supported");
  }
  return named;
}

std::string docker_transport_string(const Named& named) { return "//" + named.familiar_string(); }

bool is_name_only(const Named& named) { return !named.tag && !named.digest; }

Named tag_name_only(Named named) {
  if (is_name_only(named)) {
    named.tag = std::string(kDefaultTag);
  }
  return named;
}

Named with_tag(Named named, std::string_view tag) {
  if (!is_valid_tag(tag)) {
    throw_usage("invalid tag format");
  }
  named.tag = std::string(tag);
  return named;
}

}  // namespace periscope::reference
