#include "config/short_names.h"

#include "core/error.h"

namespace periscope::config {
namespace {

// The repository part of a normalized reference as the user would have written it without a
// registry: docker.io/library/busybox -> "busybox", docker.io/ns/app -> "ns/app".
std::string short_repository(std::string_view text) {
  std::string_view name = text;
  if (auto at = name.find('@'); at != std::string_view::npos) name = name.substr(0, at);
  auto slash = name.rfind('/');
  auto colon = name.rfind(':');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash))
    name = name.substr(0, colon);
  return std::string(name);
}

reference::Named with_tag_and_digest(reference::Named base, const reference::Named& from) {
  base.tag = from.tag;
  base.digest = from.digest;
  return base;
}

}  // namespace

bool is_short_name(std::string_view text) {
  auto slash = text.find('/');
  if (slash == std::string_view::npos) return true;
  std::string_view first = text.substr(0, slash);
  return first.find_first_of(".:") == std::string_view::npos && first != "localhost";
}

std::vector<reference::Named> resolve_short_name(const RegistriesConf& conf,
                                                 const ShortNameInput& input) {
  const std::string repo = short_repository(input.text);
  auto alias_of = [&](const std::map<std::string, Alias>* aliases) -> const Alias* {
    if (!aliases) return nullptr;
    auto it = aliases->find(repo);
    return it == aliases->end() ? nullptr : &it->second;
  };
  const Alias* alias = alias_of(input.user_aliases);
  if (!alias) alias = alias_of(&conf.aliases);
  if (alias && alias->value) return {with_tag_and_digest(*alias->value, input.normalized)};

  const auto& search = conf.unqualified_search_registries;
  if (!search || search->empty()) return {input.normalized};

  std::vector<reference::Named> candidates;
  for (const std::string& registry : *search) {
    reference::Named n;
    try {
      n = reference::parse_normalized_named(registry + "/" + repo);
    } catch (const Error& e) {
      throw Error(ErrorKind::kUsage, "creating reference with unqualified-search registry \"" +
                                         registry + "\": " + e.what());
    }
    candidates.push_back(with_tag_and_digest(std::move(n), input.normalized));
  }
  ShortNameMode mode = conf.short_name_mode == ShortNameMode::kUnset ? ShortNameMode::kPermissive
                                                                     : conf.short_name_mode;
  if (mode == ShortNameMode::kDisabled || candidates.size() == 1) return candidates;
  if (!input.terminal || !input.prompt) {
    if (mode == ShortNameMode::kEnforcing)
      throw Error(ErrorKind::kUsage,
                  "short-name resolution enforced but cannot prompt without a TTY");
    return candidates;
  }
  std::vector<std::string> choices;
  for (const auto& c : candidates) choices.push_back(c.string());
  std::size_t picked = input.prompt(choices);
  if (picked >= candidates.size())
    throw Error(ErrorKind::kUsage, "short-name resolution: no image selected");
  return {candidates[picked]};
}

}  // namespace periscope::config
