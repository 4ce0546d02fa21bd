#pragma once
// Which [[registry]] entry applies to a reference, and where a read of it may be served from:
// containers/image's FindRegistry and PullSourcesFromReference.
#include <string_view>
#include <vector>

#include "config/registries_conf.h"
#include "reference/reference.h"

namespace periscope::config {

// The length of `prefix` when `ref` ("host[:port]/path[:tag|@digest]") falls under it, else -1.
// A plain prefix matches at a ':', '/' or '@' boundary (so "example.com" also matches
// "example.com:5000", as upstream warns); "*.example.com" matches any subdomain's host.
int ref_matching_prefix(std::string_view ref, std::string_view prefix);

// The entry with the longest matching prefix, or nullptr.
const Registry* find_registry(const RegistriesConf& conf, std::string_view ref);

struct PullSource {
  Endpoint endpoint;
  reference::Named ref;  // rewritten to the endpoint's location
};

// The endpoints a read tries, in order: the mirrors that apply (mirror-by-digest-only and
// pull-from-mirror consulted), then the primary location. Without an entry: `ref` alone. Throws
// Error(kUsage) when a rewritten reference is not valid.
std::vector<PullSource> pull_sources(const Registry* registry, const reference::Named& ref);

}  // namespace periscope::config
