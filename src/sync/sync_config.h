#pragma once
// The sync YAML (`sync --src yaml FILE`): a mapping of registry to what to copy from it, read as
// skopeo's sync.go reads it into its sourceConfig / registrySyncConfig with yaml.v3:
//
//   registry.example.com[:port]:
//     images: {busybox: [], redis: ["1.0", "sha256:…"]}   # [] or null = every tag
//     images-by-tag-regex: {nginx: ^1\.13\.[12]-alpine$}   # Go regexp, unanchored search
//     images-by-semver: {alpine: ">= 3.12"}                # Masterminds/semver constraint
//     credentials: {username: u, password: p}              # also identitytoken
//     tls-verify: false                                    # unset = the command line decides
//     cert-dir: /path/to/certs
//     skip-existing-tags: ["v*"]                           # Periscope extension
//
// As yaml.v3: unknown keys are ignored, keys are case-sensitive, duplicate keys are errors
// (except unknown ones), null means "not given", scalars are taken as written (1.10 stays
// "1.10"), tls-verify also accepts yes/no/on/off/y/n, merge keys (<<) work. Unlike skopeo,
// sections and entries keep file order (Go's map order is random), and a bad regex or semver
// constraint is an error here rather than a logged skip of the registry's whole filter list.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/auth_file.h"

namespace periscope::sync {

struct RegistrySection {  // one top-level key of the file
  std::string registry;   // "host[:port]" as written
  int line = 0;           // where the key is, for messages
  // repo -> tags/digests ([] = all tags), file order
  std::vector<std::pair<std::string, std::vector<std::string>>> images;
  std::vector<std::pair<std::string, std::string>> images_by_tag_regex;  // repo -> RE2 pattern
  std::vector<std::pair<std::string, std::string>> images_by_semver;     // repo -> constraint
  // Key "skip-existing-tags": glob patterns (glob_match) of tags treated as immutable.
  std::vector<std::string> skip_existing_tags;
  std::optional<bool> tls_verify;
  std::string cert_dir;
  // Set when any of username, password, identitytoken is non-empty (skopeo compares the struct
  // with its zero value).
  std::optional<auth::Credentials> credentials;

  // skopeo warns "No images specified for registry" and skips such a section.
  bool has_images() const {
    return !images.empty() || !images_by_tag_regex.empty() || !images_by_semver.empty();
  }
};

// Reads and parses the file. Errors are Error(kUsage) "FILE:LINE: KEY: what is wrong" (malformed
// YAML, wrong types, duplicate keys, a bad regex or semver constraint); an unreadable file is
// Error(kIo) worded as Go's os.ReadFile ("open FILE: no such file or directory").
std::vector<RegistrySection> load_sync_yaml(const std::string& path);

// The same for text already in memory; `file_name` is only used in messages.
std::vector<RegistrySection> parse_sync_yaml(std::string_view text, const std::string& file_name);

}  // namespace periscope::sync
