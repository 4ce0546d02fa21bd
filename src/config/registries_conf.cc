#include "config/registries_conf.h"

// Header-only: the one translation unit that parses TOML compiles toml++ in (see CMakeLists.txt).
#define TOML_HEADER_ONLY 1
#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "core/error.h"
#include "reference/grammar.h"

namespace periscope::config {
namespace {

// What went wrong and where; turned into one Error naming the file at the top.
struct Problem {
  std::string message;
  std::uint32_t line = 0;  // 0: not tied to one line
};

[[noreturn]] void fail(const std::string& message, const toml::node* at = nullptr) {
  throw Problem{message, at ? at->source().begin.line : 0};
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

const char* type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "a date or time";
  }
}

std::optional<std::string> get_string(const toml::table& t, std::string_view key,
                                      const std::string& where) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (!n->is_string())
    fail(where + std::string(key) + ": expected a string, got " + type_name(*n), n);
  return n->as_string()->get();
}

bool get_bool(const toml::table& t, std::string_view key, const std::string& where) {
  const toml::node* n = t.get(key);
  if (!n) return false;
  if (!n->is_boolean())
    fail(where + std::string(key) + ": expected a boolean, got " + type_name(*n), n);
  return n->as_boolean()->get();
}

std::optional<std::vector<std::string>> get_strings(const toml::table& t, std::string_view key,
                                                    const std::string& where) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (!n->is_array())
    fail(where + std::string(key) + ": expected an array of strings, got " + type_name(*n), n);
  std::vector<std::string> out;
  for (const toml::node& e : *n->as_array()) {
    if (!e.is_string())
      fail(where + std::string(key) + ": expected an array of strings, got an element that is " +
               type_name(e),
           &e);
    out.push_back(e.as_string()->get());
  }
  return out;
}

const toml::table& as_table(const toml::node& n, const std::string& what) {
  if (!n.is_table()) fail(what + ": expected a table, got " + type_name(n), &n);
  return *n.as_table();
}

// containers/image's parseLocation: no scheme, trailing slashes dropped.
std::string parse_location(std::string_view input, const toml::node* at) {
  std::string_view trimmed = input;
  while (!trimmed.empty() && trimmed.back() == '/') trimmed.remove_suffix(1);
  if (trimmed.starts_with("http://") || trimmed.starts_with("https://"))
    fail("invalid location '" + std::string(input) + "': URI schemes are not supported", at);
  return std::string(trimmed);
}

PullFromMirror parse_pull_from_mirror(const std::string& value, const std::string& mirror,
                                      const toml::node* at) {
  if (value.empty() || value == "all") return PullFromMirror::kAll;
  if (value == "digest-only") return PullFromMirror::kDigestOnly;
  if (value == "tag-only") return PullFromMirror::kTagOnly;
  fail("unsupported pull-from-mirror value " + quoted(value) + " for mirror " + quoted(mirror), at);
}

bool is_qualified_domain(std::string_view domain) {
  return domain.find_first_of(".:") != std::string_view::npos || domain == "localhost";
}

// The left-hand side of an alias: a repository without registry, tag or digest.
void validate_short_name(const std::string& name, const toml::node* at) {
  auto m = reference::match_reference(name);
  if (!m) fail("cannot parse short name: " + quoted(name) + ": invalid reference format", at);
  if (!m->digest.empty())
    fail("invalid short name " + quoted(name) + ": must not contain digest", at);
  if (!m->tag.empty()) fail("invalid short name " + quoted(name) + ": must not contain tag", at);
  auto n = reference::match_name(m->name);
  if (n && is_qualified_domain(n->domain))
    fail("invalid short name " + quoted(name) + ": must not contain registry", at);
}

// The right-hand side: a fully-qualified repository, normalised (docker.io/alpine ->
// docker.io/library/alpine).
reference::Named parse_alias_value(const std::string& value, const toml::node* at) {
  auto m = reference::match_reference(value);
  if (!m) fail("parsing alias " + quoted(value) + ": invalid reference format", at);
  if (!m->digest.empty()) fail("invalid alias " + quoted(value) + ": must not contain digest", at);
  if (!m->tag.empty()) fail("invalid alias " + quoted(value) + ": must not contain tag", at);
  auto n = reference::match_name(m->name);
  if (!n || !is_qualified_domain(n->domain))
    fail("invalid alias " + quoted(value) + ": must contain registry and repository", at);
  try {
    return reference::parse_normalized_named(value);
  } catch (const Error& e) {
    fail("parsing alias " + quoted(value) + ": " + e.what(), at);
  }
}

std::map<std::string, Alias> parse_aliases(const toml::table& root, const std::string& path) {
  std::map<std::string, Alias> out;
  const toml::node* n = root.get("aliases");
  if (!n) return out;
  for (const auto& [key, value] : as_table(*n, "aliases")) {
    std::string name(key.str());
    validate_short_name(name, &value);
    if (!value.is_string())
      fail("aliases." + name + ": expected a string, got " + type_name(value), &value);
    const std::string& text = value.as_string()->get();
    // An empty value resets an alias set by an earlier file.
    out[name] =
        Alias{text.empty() ? std::nullopt : std::optional(parse_alias_value(text, &value)), path};
  }
  return out;
}

Endpoint parse_mirror(const toml::table& t, bool by_digest_only, const std::string& prefix) {
  Endpoint m;
  m.location = parse_location(get_string(t, "location", "registry.mirror.").value_or(""), &t);
  if (m.location.empty()) fail("invalid condition: mirror location is unset", &t);
  m.insecure = get_bool(t, "insecure", "registry.mirror.");
  std::string pull = get_string(t, "pull-from-mirror", "registry.mirror.").value_or("");
  if (by_digest_only && !pull.empty())
    fail("cannot set mirror usage mirror-by-digest-only for the registry (" + quoted(prefix) +
             ") and pull-from-mirror for per-mirror (" + quoted(m.location) + ") at the same time",
         &t);
  m.pull_from_mirror = parse_pull_from_mirror(pull, m.location, &t);
  return m;
}

Registry parse_registry(const toml::table& t) {
  Registry r;
  r.endpoint.location = parse_location(get_string(t, "location", "registry.").value_or(""), &t);
  std::string prefix = get_string(t, "prefix", "registry.").value_or("");
  if (prefix.empty()) {
    if (r.endpoint.location.empty())
      fail("invalid condition: both location and prefix are unset", &t);
    r.prefix = r.endpoint.location;
  } else {
    r.prefix = parse_location(prefix, &t);
    if (!r.prefix.starts_with("*.") && r.endpoint.location.empty())
      fail("invalid condition: location is unset and prefix is not in the format: *.example.com",
           &t);
  }
  if (r.prefix.starts_with("*.") && r.prefix.find_first_of("/@:") != std::string::npos)
    fail("Wildcarded prefix should be in the format: *.example.com. Current prefix " +
             quoted(r.prefix) + " is incorrectly formatted",
         &t);
  r.endpoint.insecure = get_bool(t, "insecure", "registry.");
  r.blocked = get_bool(t, "blocked", "registry.");
  r.mirror_by_digest_only = get_bool(t, "mirror-by-digest-only", "registry.");
  if (t.get("pull-from-mirror"))
    fail("pull-from-mirror must not be set for a non-mirror registry " + quoted(r.prefix), &t);
  if (const toml::node* mirrors = t.get("mirror")) {
    if (!mirrors->is_array())
      fail("registry.mirror: expected an array of tables ([[registry.mirror]])", mirrors);
    for (const toml::node& m : *mirrors->as_array())
      r.mirrors.push_back(
          parse_mirror(as_table(m, "registry.mirror"), r.mirror_by_digest_only, r.prefix));
  }
  return r;
}

// One entry per prefix (the first wins, as containers/image), sorted by prefix; entries sharing a
// location must agree on insecure and blocked.
void post_process(std::vector<Registry>& registries, const std::vector<std::uint32_t>& lines) {
  std::map<std::string, std::size_t> first_by_location;
  for (std::size_t i = 0; i < registries.size(); ++i) {
    const Registry& r = registries[i];
    const std::string& key = r.endpoint.location.empty() ? r.prefix : r.endpoint.location;
    auto [it, fresh] = first_by_location.emplace(key, i);
    if (fresh) continue;
    const Registry& other = registries[it->second];
    std::uint32_t line = i < lines.size() ? lines[i] : 0;
    if (other.endpoint.insecure != r.endpoint.insecure)
      throw Problem{"registry '" + r.endpoint.location +
                        "' is defined multiple times with conflicting 'insecure' setting",
                    line};
    if (other.blocked != r.blocked)
      throw Problem{"registry '" + r.endpoint.location +
                        "' is defined multiple times with conflicting 'blocked' setting",
                    line};
  }
  std::map<std::string, Registry> unique;
  for (auto& r : registries) unique.emplace(r.prefix, std::move(r));
  registries.clear();
  for (auto& [prefix, r] : unique) registries.push_back(std::move(r));
}

void validate_search_registries(std::vector<std::string>& entries, const toml::node* at) {
  for (auto& e : entries) {
    e = parse_location(e, at);
    if (!reference::is_domain(e))
      fail("Invalid unqualified-search-registries entry " + quoted(e), at);
  }
}

ShortNameMode parse_short_name_mode(const std::string& mode, const toml::node* at) {
  if (mode == "disabled") return ShortNameMode::kDisabled;
  if (mode == "enforcing") return ShortNameMode::kEnforcing;
  if (mode == "permissive") return ShortNameMode::kPermissive;
  fail("invalid short-name mode: " + quoted(mode), at);
}

// The v1 layout: [registries.search] / [registries.insecure] / [registries.block], each with a
// `registries` list; converted as containers/image does.
RegistriesConf convert_v1(const toml::table& v1) {
  std::vector<std::string> order;
  std::map<std::string, Registry> by_location;
  auto get = [&](const std::string& loc, const toml::node* at) -> Registry& {
    std::string location = parse_location(loc, at);
    auto [it, fresh] = by_location.try_emplace(location);
    if (fresh) {
      it->second.prefix = location;
      it->second.endpoint.location = location;
      order.push_back(location);
    }
    return it->second;
  };
  auto list = [&](std::string_view section) -> std::vector<std::string> {
    const toml::node* n = v1.get(section);
    if (!n) return {};
    return get_strings(as_table(*n, "registries." + std::string(section)), "registries",
                       "registries." + std::string(section) + ".")
        .value_or(std::vector<std::string>{});
  };
  for (const auto& b : list("block")) get(b, v1.get("block")).blocked = true;
  for (const auto& i : list("insecure")) get(i, v1.get("insecure")).endpoint.insecure = true;
  RegistriesConf out;
  if (v1.get("search")) out.unqualified_search_registries = list("search");
  for (const auto& loc : order) out.registries.push_back(by_location[loc]);
  return out;
}

bool has_v2_fields(const toml::table& root) {
  for (std::string_view k : {"registry", "unqualified-search-registries", "credential-helpers",
                             "short-name-mode", "aliases", "additional-layer-store-auth-helper"})
    if (root.get(k)) return true;
  return false;
}

RegistriesConf parse_root(const toml::table& root, const std::string& path, bool drop_in) {
  RegistriesConf conf;
  if (const toml::node* v1 = root.get("registries")) {
    const toml::table& t = as_table(*v1, "registries");
    if (!t.empty()) {
      if (drop_in) fail("registry must be in v2 format but is in v1", v1);
      if (has_v2_fields(root)) fail("mixing sysregistry v1/v2 is not supported", v1);
      conf = convert_v1(t);
      std::vector<std::uint32_t> lines;
      post_process(conf.registries, lines);
      if (conf.unqualified_search_registries) {
        validate_search_registries(*conf.unqualified_search_registries, v1);
        conf.unqualified_search_origin = path;
      }
      return conf;
    }
  }
  std::vector<std::uint32_t> lines;
  if (const toml::node* regs = root.get("registry")) {
    if (!regs->is_array())
      fail("registry: expected an array of tables ([[registry]]), got " +
               std::string(type_name(*regs)),
           regs);
    for (const toml::node& r : *regs->as_array()) {
      conf.registries.push_back(parse_registry(as_table(r, "registry")));
      lines.push_back(r.source().begin.line);
    }
  }
  post_process(conf.registries, lines);
  conf.unqualified_search_registries = get_strings(root, "unqualified-search-registries", "");
  if (conf.unqualified_search_registries) {
    validate_search_registries(*conf.unqualified_search_registries,
                               root.get("unqualified-search-registries"));
    conf.unqualified_search_origin = path;
  }
  conf.credential_helpers = get_strings(root, "credential-helpers", "");
  if (auto mode = get_string(root, "short-name-mode", ""); mode && !mode->empty())
    conf.short_name_mode = parse_short_name_mode(*mode, root.get("short-name-mode"));
  conf.aliases = parse_aliases(root, path);
  return conf;
}

template <typename F>
auto with_file_context(const std::string& path, bool drop_in, F&& body) {
  const std::string what = std::string(drop_in ? "loading drop-in registries configuration "
                                               : "loading registries configuration ") +
                           quoted(path) + ": ";
  try {
    return body();
  } catch (const toml::parse_error& e) {
    throw Error(ErrorKind::kUsage, what + "line " + std::to_string(e.source().begin.line) + ": " +
                                       std::string(e.description()));
  } catch (const Problem& p) {
    throw Error(ErrorKind::kUsage,
                what + (p.line ? "line " + std::to_string(p.line) + ": " : "") + p.message);
  }
}

}  // namespace

RegistriesConf parse_registries_conf(std::string_view text, const std::string& path, bool drop_in) {
  return with_file_context(path, drop_in, [&] {
    toml::table root = toml::parse(text, path);
    return parse_root(root, path, drop_in);
  });
}

std::map<std::string, Alias> parse_alias_file(std::string_view text, const std::string& path) {
  return with_file_context(path, false, [&] {
    toml::table root = toml::parse(text, path);
    return parse_aliases(root, path);
  });
}

std::optional<RegistriesConf> load_registries_conf_file(const std::string& path, bool drop_in) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return std::nullopt;
    throw Error(ErrorKind::kIo, std::string(drop_in ? "loading drop-in registries configuration "
                                                    : "loading registries configuration ") +
                                    quoted(path) + ": " + std::strerror(errno));
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_registries_conf(ss.str(), path, drop_in);
}

void merge(RegistriesConf& base, RegistriesConf update) {
  std::map<std::string, Registry> by_prefix;
  for (auto& r : base.registries) by_prefix[r.prefix] = std::move(r);
  for (auto& r : update.registries) by_prefix[r.prefix] = std::move(r);
  base.registries.clear();
  for (auto& [prefix, r] : by_prefix) base.registries.push_back(std::move(r));
  if (update.unqualified_search_registries) {
    base.unqualified_search_registries = std::move(update.unqualified_search_registries);
    base.unqualified_search_origin = std::move(update.unqualified_search_origin);
  }
  if (update.credential_helpers) base.credential_helpers = std::move(update.credential_helpers);
  if (update.short_name_mode != ShortNameMode::kUnset)
    base.short_name_mode = update.short_name_mode;
  for (auto& [name, alias] : update.aliases) base.aliases[name] = std::move(alias);
}

std::vector<std::string> credential_helpers(const RegistriesConf& conf) {
  if (conf.credential_helpers && !conf.credential_helpers->empty()) return *conf.credential_helpers;
  return {std::string(kAuthFileHelper)};
}

}  // namespace periscope::config
