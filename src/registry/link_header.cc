#include "registry/link_header.h"

namespace periscope::registry {

std::optional<std::string> next_link(std::string_view header) {
  // Several links may be comma-separated; a comma may not appear inside <...>.
  std::size_t i = 0;
  while (i < header.size()) {
    auto open = header.find('<', i);
    if (open == std::string_view::npos) break;
    auto close = header.find('>', open);
    if (close == std::string_view::npos) break;
    std::string target(header.substr(open + 1, close - open - 1));
    // The parameters run up to the next link's '<'.
    auto next_open = header.find('<', close);
    std::string_view params = header.substr(close + 1, (next_open == std::string_view::npos ? header.size() : next_open) - close - 1);
    std::size_t r = params.find("rel");
    while (r != std::string_view::npos) {
      std::size_t j = r + 3;
      while (j < params.size() && params[j] == ' ') ++j;
      if (j < params.size() && params[j] == '=') {
        ++j;
        while (j < params.size() && params[j] == ' ') ++j;
        std::string_view value = params.substr(j);
        if (!value.empty() && value.front() == '"') value.remove_prefix(1);
        std::size_t end = 0;
        while (end < value.size() && value[end] != '"' && value[end] != ';' && value[end] != ',') ++end;
        std::string_view rels = value.substr(0, end);
        // rel may hold several space-separated values.
        std::size_t k = 0;
        while (k < rels.size()) {
          std::size_t sp = rels.find(' ', k);
          if (rels.substr(k, sp == std::string_view::npos ? std::string_view::npos : sp - k) == "next") return target;
          if (sp == std::string_view::npos) break;
          k = sp + 1;
        }
      }
      r = params.find("rel", r + 3);
    }
    i = close + 1;
  }
  return std::nullopt;
}

std::string resolve_url(std::string_view base_url, std::string_view target) {
  if (target.find("://") != std::string_view::npos) return std::string(target);
  auto scheme_end = base_url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(target);
  auto path_start = base_url.find('/', scheme_end + 3);
  std::string_view origin = base_url.substr(0, path_start);
  if (target.starts_with("//")) return std::string(base_url.substr(0, scheme_end + 1)) + std::string(target);
  if (target.starts_with("/")) return std::string(origin) + std::string(target);
  // Relative to the base path's directory.
  std::string_view base_path = path_start == std::string_view::npos ? "/" : base_url.substr(path_start);
  auto q = base_path.find('?');
  if (q != std::string_view::npos) base_path = base_path.substr(0, q);
  auto slash = base_path.rfind('/');
  return std::string(origin) + std::string(base_path.substr(0, slash + 1)) + std::string(target);
}

}  // namespace periscope::registry
