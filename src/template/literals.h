#pragma once
// Go's literal syntax as templates use it: quoted strings and character constants (strconv
// Unquote rules), integer and float constants, and UTF-8 encoding of runes.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "template/value.h"

namespace periscope::tmpl {

// UTF-8 for a rune; invalid runes become U+FFFD as in Go.
std::string utf8_encode(std::int64_t rune);

// The body of a "..." or '...' literal (quotes removed) with escapes resolved; nullopt if an
// escape is malformed.
std::optional<std::string> unescape(std::string_view body);

// The value of a character constant's unescaped body: exactly one rune.
std::optional<std::int64_t> single_rune(std::string_view s);

struct NumberConstant {
  std::optional<Value> value;  // int for integer syntax, float when it has . e E p P
  bool overflow = false;       // integer syntax outside int64 (Go: "N overflows int")
};
// Go number syntax: decimal, 0x / 0o / 0b / leading-0 octal, '_' separators, optional sign.
NumberConstant parse_number(std::string_view text);

}  // namespace periscope::tmpl
