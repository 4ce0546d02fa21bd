#include "reference/grammar.h"

#include <cstddef>

namespace periscope::reference {
namespace {

// Only ASCII counts: Go's regexp classes here are ASCII classes.
bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
bool is_word(char c) { return is_alnum(c) || c == '_'; }
bool is_xdigit(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool is_domain_component(std::string_view label) {
  if (label.empty() || !is_alnum(label.front()) || !is_alnum(label.back())) {
    return false;
  }
  for (char c : label) {
    if (!is_alnum(c) && c != '-') {
      return false;
    }
  }
  return true;
}

// Calls `part` on each piece of `text` between `separator`s (empty pieces included) and stops at
// the first piece it rejects.
template <typename Part>
bool all_pieces(std::string_view text, char separator, Part part) {
  while (true) {
    std::size_t at = text.find(separator);
    if (!part(text.substr(0, at))) {
      return false;
    }
    if (at == std::string_view::npos) {
      return true;
    }
    text.remove_prefix(at + 1);
  }
}

bool is_separator(std::string_view run) {
  if (run == "." || run == "_" || run == "__") {
    return true;
  }
  return run.find_first_not_of('-') == std::string_view::npos;
}

bool is_algorithm_component(std::string_view part) {
  if (part.empty() || !is_alpha(part.front())) {
    return false;
  }
  for (char c : part) {
    if (!is_alnum(c)) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool is_domain(std::string_view text) {
  std::size_t colon = text.find(':');
  if (colon != std::string_view::npos) {
    std::string_view port = text.substr(colon + 1);
    if (port.empty()) {
      return false;
    }
    for (char c : port) {
      if (!is_digit(c)) {
        return false;
      }
    }
    text = text.substr(0, colon);
  }
  return all_pieces(text, '.', is_domain_component);
}

bool is_path_component(std::string_view text) {
  if (text.empty() || !is_lower_alnum(text.front()) || !is_lower_alnum(text.back())) {
    return false;
  }
  std::size_t i = 0;
  while (i < text.size()) {
    if (is_lower_alnum(text[i])) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < text.size() && !is_lower_alnum(text[i])) {
      ++i;
    }
    if (!is_separator(text.substr(start, i - start))) {
      return false;
    }
  }
  return true;
}

bool is_remote_name(std::string_view text) { return all_pieces(text, '/', is_path_component); }

bool is_valid_tag(std::string_view text) {
  if (text.empty() || text.size() > 128 || !is_word(text.front())) {
    return false;
  }
  for (char c : text) {
    if (!is_word(c) && c != '.' && c != '-') {
      return false;
    }
  }
  return true;
}

bool is_digest_syntax(std::string_view text) {
  std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    return false;
  }
  std::string_view algorithm = text.substr(0, colon);
  std::string_view hex = text.substr(colon + 1);
  if (hex.size() < 32) {
    return false;
  }
  for (char c : hex) {
    if (!is_xdigit(c)) {
      return false;
    }
  }
  // Components start with a letter, so splitting on every separator character is exact.
  std::size_t start = 0;
  for (std::size_t i = 0; i <= algorithm.size(); ++i) {
    if (i == algorithm.size() || algorithm[i] == '-' || algorithm[i] == '_' ||
        algorithm[i] == '+' || algorithm[i] == '.') {
      if (!is_algorithm_component(algorithm.substr(start, i - start))) {
        return false;
      }
      start = i + 1;
    }
  }
  return true;
}

bool is_full_identifier(std::string_view text) {
  if (text.size() != 64) {
    return false;
  }
  for (char c : text) {
    if (!is_digit(c) && !(c >= 'a' && c <= 'f')) {
      return false;
    }
  }
  return true;
}

std::optional<NameMatch> match_name(std::string_view text) {
  std::size_t slash = text.find('/');
  if (slash != std::string_view::npos && is_domain(text.substr(0, slash)) &&
      is_remote_name(text.substr(slash + 1))) {
    return NameMatch{text.substr(0, slash), text.substr(slash + 1)};
  }
  if (is_remote_name(text)) {
    return NameMatch{{}, text};
  }
  return std::nullopt;
}

std::optional<ReferenceMatch> match_reference(std::string_view text) {
  ReferenceMatch match;
  // No production but the digest may contain '@', and the digest none.
  std::size_t at = text.find('@');
  if (at != std::string_view::npos) {
    match.digest = text.substr(at + 1);
    if (!is_digest_syntax(match.digest)) {
      return std::nullopt;
    }
    text = text.substr(0, at);
  }
  // A colon followed by no slash can only start the tag: a port needs a path after it.
  std::size_t colon = text.rfind(':');
  if (colon != std::string_view::npos && text.find('/', colon) == std::string_view::npos) {
    match.tag = text.substr(colon + 1);
    if (!is_valid_tag(match.tag)) {
      return std::nullopt;
    }
    text = text.substr(0, colon);
  }
  if (!match_name(text)) {
    return std::nullopt;
  }
  match.name = text;
  return match;
}

}  // namespace periscope::reference
