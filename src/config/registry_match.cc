#include "config/registry_match.h"

#include "core/error.h"

namespace periscope::config {
namespace {

bool is_boundary(char c) { return c == ':' || c == '/' || c == '@'; }

int subdomain_match(std::string_view ref, std::string_view prefix) {
  std::string_view suffix = prefix.substr(1);  // ".example.com"
  auto index = ref.find(suffix);
  if (index == std::string_view::npos) return -1;
  if (ref.substr(0, index).find('/') != std::string_view::npos) return -1;  // must be in the host
  index += suffix.size();
  if (index == ref.size() || is_boundary(ref[index])) return static_cast<int>(index);
  return -1;
}

reference::Named rewrite(const reference::Named& ref, const Registry& registry,
                         const Endpoint& endpoint) {
  std::string text = ref.string();
  int matched = ref_matching_prefix(text, registry.prefix);
  if (matched < 0)
    throw Error(ErrorKind::kInternal,
                "invalid prefix '" + registry.prefix + "' for reference '" + text + "'");
  if (endpoint.location.empty()) return ref;  // "*.example.com" without location: unchanged
  std::string rewritten = endpoint.location + text.substr(static_cast<std::size_t>(matched));
  try {
    return reference::parse_named(rewritten);
  } catch (const Error& e) {
    throw Error(ErrorKind::kUsage, "rewriting reference: " + std::string(e.what()));
  }
}

}  // namespace

int ref_matching_prefix(std::string_view ref, std::string_view prefix) {
  if (prefix.starts_with("*.")) return subdomain_match(ref, prefix);
  if (ref.size() < prefix.size() || !ref.starts_with(prefix)) return -1;
  if (ref.size() == prefix.size()) return static_cast<int>(prefix.size());
  return is_boundary(ref[prefix.size()]) ? static_cast<int>(prefix.size()) : -1;
}

const Registry* find_registry(const RegistriesConf& conf, std::string_view ref) {
  const Registry* best = nullptr;
  std::size_t best_len = 0;
  for (const Registry& r : conf.registries) {
    if (ref_matching_prefix(ref, r.prefix) >= 0 && r.prefix.size() > best_len) {
      best = &r;
      best_len = r.prefix.size();
    }
  }
  return best;
}

std::vector<PullSource> pull_sources(const Registry* registry, const reference::Named& ref) {
  if (!registry) return {PullSource{Endpoint{ref.name(), false, PullFromMirror::kAll}, ref}};
  const bool digested = ref.digest.has_value();
  std::vector<const Endpoint*> endpoints;
  for (const Endpoint& m : registry->mirrors) {
    if (registry->mirror_by_digest_only && !digested) continue;
    if (m.pull_from_mirror == PullFromMirror::kDigestOnly && !digested) continue;
    if (m.pull_from_mirror == PullFromMirror::kTagOnly && digested) continue;
    endpoints.push_back(&m);
  }
  endpoints.push_back(&registry->endpoint);
  std::vector<PullSource> out;
  for (const Endpoint* e : endpoints) out.push_back(PullSource{*e, rewrite(ref, *registry, *e)});
  return out;
}

}  // namespace periscope::config
