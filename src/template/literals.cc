#include "template/literals.h"

#include <cerrno>
#include <cstdlib>

namespace periscope::tmpl {
namespace {

int digit_value(char c, int base) {
  int v = (c >= '0' && c <= '9')   ? c - '0'
          : (c >= 'a' && c <= 'f') ? c - 'a' + 10
          : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                   : 99;
  return v < base ? v : -1;
}

// The character a one-letter escape stands for, or 0.
char simple_escape(char c) {
  static constexpr std::string_view kFrom = "abfnrtv\\\"'";
  static constexpr std::string_view kTo = "\a\b\f\n\r\t\v\\\"'";
  std::size_t at = kFrom.find(c);
  return at == std::string_view::npos ? '\0' : kTo[at];
}

}  // namespace

std::string utf8_encode(std::int64_t rune) {
  auto r = static_cast<std::uint32_t>(rune < 0 || rune > 0x10FFFF ? 0xFFFD : rune);
  std::string out;
  if (r < 0x80) {
    out += static_cast<char>(r);
  } else if (r < 0x800) {
    out += static_cast<char>(0xC0 | (r >> 6));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else if (r < 0x10000) {
    out += static_cast<char>(0xE0 | (r >> 12));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (r >> 18));
    out += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  }
  return out;
}

std::optional<std::string> unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out += s[i];
      continue;
    }
    if (++i >= s.size()) {
      return std::nullopt;
    }
    char c = s[i];
    if (char e = simple_escape(c)) {
      out += e;
      continue;
    }
    bool octal = c >= '0' && c <= '7';
    int n = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : octal ? 3 : 0;
    std::size_t first = octal ? i : i + 1;
    if (n == 0 || first + n > s.size()) {
      return std::nullopt;
    }
    std::uint32_t v = 0;
    for (int k = 0; k < n; ++k) {
      int d = digit_value(s[first + k], octal ? 8 : 16);
      if (d < 0) {
        return std::nullopt;
      }
      v = v * (octal ? 8 : 16) + d;
    }
    i = first + n - 1;
    bool byte = c == 'x' || octal;
    if (v > (byte ? 255U : 0x10FFFFU)) {
      return std::nullopt;
    }
    out += byte ? std::string(1, static_cast<char>(v)) : utf8_encode(v);
  }
  return out;
}

std::optional<std::int64_t> single_rune(std::string_view s) {
  if (s.empty()) {
    return std::nullopt;
  }
  auto c = static_cast<unsigned char>(s[0]);
  std::size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  if (s.size() != n) {
    return std::nullopt;
  }
  if (n == 1) {
    return c;
  }
  std::int64_t r = c & (0x3F >> (n - 1));
  for (std::size_t i = 1; i < n; ++i) {
    r = (r << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  }
  return r;
}

NumberConstant parse_number(std::string_view text) {
  std::string t;
  for (char c : text) {
    if (c != '_') {
      t += c;
    }
  }
  bool negative = !t.empty() && t[0] == '-';
  std::string body = (!t.empty() && (t[0] == '-' || t[0] == '+')) ? t.substr(1) : t;
  bool hex = body.size() > 1 && body[0] == '0' && (body[1] | 0x20) == 'x';
  if (body.find_first_of(hex ? "pP." : ".eE") != std::string::npos) {
    char* end = nullptr;
    double d = std::strtod(t.c_str(), &end);
    return *end == '\0' ? NumberConstant{Value(d)} : NumberConstant{};
  }
  int base = 10;
  std::string digits = body;
  if (body.size() > 1 && body[0] == '0') {
    char p = static_cast<char>(body[1] | 0x20);
    base = p == 'x' ? 16 : p == 'b' ? 2 : 8;
    digits = body.substr(p == 'x' || p == 'o' || p == 'b' ? 2 : 1);
  }
  if (digits.empty()) {
    return {};
  }
  for (char c : digits) {
    if (digit_value(c, base) < 0) {
      return {};
    }
  }
  errno = 0;
  unsigned long long u = std::strtoull(digits.c_str(), nullptr, base);
  if (errno == ERANGE || u > (negative ? 9223372036854775808ULL : 9223372036854775807ULL)) {
    return {std::nullopt, true};
  }
  return {Value(negative ? static_cast<std::int64_t>(0 - u) : static_cast<std::int64_t>(u))};
}

}  // namespace periscope::tmpl
