#pragma once
// registries.conf (containers-registries.conf(5), version 2, and the version 1 layout it replaced),
// as containers/image's pkg/sysregistriesv2 reads it: [[registry]] entries with their mirrors,
// unqualified-search-registries, short-name-mode, [aliases] and credential-helpers. This file holds
// the data and the parsing of one file plus the merging of drop-ins; where the files are searched
// is in system_config.h, matching references against entries in registry_match.h.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reference/reference.h"

namespace periscope::config {

enum class PullFromMirror { kAll, kDigestOnly, kTagOnly };
enum class ShortNameMode { kUnset, kDisabled, kPermissive, kEnforcing };

struct Endpoint {
  std::string location;   // host[:port][/namespace]; empty only for a "*.example.com" prefix
  bool insecure = false;  // as --tls-verify=false for this endpoint
  PullFromMirror pull_from_mirror = PullFromMirror::kAll;  // mirrors only
  bool operator==(const Endpoint&) const = default;
};

struct Registry {
  std::string prefix;  // defaults to the location
  Endpoint endpoint;
  std::vector<Endpoint> mirrors;
  bool blocked = false;
  bool mirror_by_digest_only = false;
  bool operator==(const Registry&) const = default;
};

struct Alias {
  std::optional<reference::Named> value;  // nullopt: reset by `name = ""` in a later file
  std::string origin;                     // the file it was set in, for messages
};

struct RegistriesConf {
  std::vector<Registry> registries;  // one per prefix, sorted by prefix (as containers/image)
  // Set fields replace earlier ones when a drop-in is merged; unset ones keep them.
  std::optional<std::vector<std::string>> unqualified_search_registries;
  std::string unqualified_search_origin;  // the file that set them
  std::optional<std::vector<std::string>> credential_helpers;
  ShortNameMode short_name_mode = ShortNameMode::kUnset;
  std::map<std::string, Alias> aliases;
};

// The reserved credential-helpers entry meaning "the auth files" (containers-auth.json(5)).
inline constexpr std::string_view kAuthFileHelper = "containers-auth.json";

// Parses one file. `drop_in`: the v1 layout is refused, as for registries.conf.d files. Throws
// Error(kUsage) naming `path` and, where the problem sits on one, the line:
//   loading registries configuration "/etc/x.conf": line 3: registry.insecure: expected a boolean
RegistriesConf parse_registries_conf(std::string_view text, const std::string& path, bool drop_in);

// Reads a file; nullopt when it does not exist. Other failures throw as above.
std::optional<RegistriesConf> load_registries_conf_file(const std::string& path, bool drop_in);

// Applies a drop-in: registries replace those with the same prefix, aliases are merged, set
// scalars and lists replace.
void merge(RegistriesConf& base, RegistriesConf update);

// The credential-helpers in effect: ["containers-auth.json"] when none are configured.
std::vector<std::string> credential_helpers(const RegistriesConf& conf);

// The [aliases] of a short-name-aliases.conf file (only that table is read).
std::map<std::string, Alias> parse_alias_file(std::string_view text, const std::string& path);

}  // namespace periscope::config
