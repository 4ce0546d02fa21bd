#pragma once
// The registries.conf in effect for this process, found and merged as skopeo does:
//   main file: --registries-conf, else $CONTAINERS_REGISTRIES_CONF (or the older
//     $REGISTRIES_CONFIG_PATH), else ~/.config/containers/registries.conf if it exists, else
//     /etc/containers/registries.conf (a missing default file is an empty configuration; a missing
//     named one is an error);
//   drop-ins: /etc/containers/registries.conf.d/*.conf then ~/.config/containers/registries.conf.d/
//     *.conf, each folder in name order; only the user folder when the user's main file is used;
//   short-name aliases written by tools: /var/cache/containers/short-name-aliases.conf for root,
//     else ${XDG_CACHE_HOME:-~/.cache}/containers/short-name-aliases.conf.
// Loaded once, on first use, by every command (through the registry client and the docker
// transport), so that all of them see the same configuration.
#include <map>
#include <string>
#include <vector>

#include "config/registries_conf.h"

namespace periscope::config {

struct ConfPaths {
  std::string main;
  bool main_required = false;  // named explicitly: must exist
  std::vector<std::string> drop_in_dirs;
  std::string alias_file;
};

// From the flag, the environment ($HOME, $XDG_CACHE_HOME, ...) and which files exist.
ConfPaths conf_paths(const std::string& registries_conf_flag);

// Reads and merges everything `paths` names. Throws Error(kUsage) for a malformed file.
RegistriesConf load(const ConfPaths& paths);

// "main, drop-in dir" as containers/image names them in "registry X is blocked in ...".
std::string blocked_description(const ConfPaths& paths);

// Process-wide: the --registries-conf flag, set by the CLI before any registry is contacted.
void set_registries_conf_flag(const std::string& path);

struct SystemConfig {
  ConfPaths paths;
  RegistriesConf conf;
  std::map<std::string, Alias> user_aliases;
};

// Loaded on first call (thread-safe); a malformed file throws on every call.
const SystemConfig& system_config();

}  // namespace periscope::config
