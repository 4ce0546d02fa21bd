#pragma once
// The Link header of paginated registry answers (tag list, catalog):
//   </v2/repo/tags/list?last=b&n=100>; rel="next"
#include <optional>
#include <string>
#include <string_view>

namespace periscope::registry {

// The target of the rel="next" link, if any, as written (often a path without scheme and host).
std::optional<std::string> next_link(std::string_view header);

// Resolves a link target against the URL of the request that returned it.
std::string resolve_url(std::string_view base_url, std::string_view target);

}  // namespace periscope::registry
