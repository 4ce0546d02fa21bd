#pragma once
// Short names ("busybox", "ns/app:1": no registry) resolved for reads as containers/image's
// pkg/shortnames does for pulls: an alias wins; else the unqualified-search-registries, all of
// them in order ("disabled", or "permissive" without a terminal), the only one, or the one the
// user picks at a prompt; "enforcing" without a terminal and with several candidates fails.
// One deliberate difference: with no alias and no search registries configured, the name
// resolves to docker.io, as skopeo's docker:// transport always does, instead of failing.
#include <functional>
#include <map>
#include <string_view>
#include <vector>

#include "config/registries_conf.h"
#include "reference/reference.h"

namespace periscope::config {

// True when `text` (a docker reference, as after "docker://") names no registry: its first
// segment is not a host (no '.' or ':', not "localhost") or there is no '/'.
bool is_short_name(std::string_view text);

struct ShortNameInput {
  std::string_view text;        // as the user wrote it, e.g. "app:1"
  reference::Named normalized;  // skopeo's reading: docker.io/library/app:1
  const std::map<std::string, Alias>* user_aliases = nullptr;  // short-name-aliases.conf, preferred
  bool terminal = false;                                       // stdin and stdout are a TTY
  // Asks the user to pick one of `choices` (only called with a terminal); returns its index.
  std::function<std::size_t(const std::vector<std::string>& choices)> prompt;
};

// The references to try, in order (never empty). Throws Error(kUsage) as containers/image words it
// ("short-name resolution enforced but cannot prompt without a TTY").
std::vector<reference::Named> resolve_short_name(const RegistriesConf& conf,
                                                 const ShortNameInput& input);

}  // namespace periscope::config
