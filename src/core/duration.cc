#include "core/duration.h"

#include <string>

#include "core/error.h"

namespace periscope {

std::chrono::nanoseconds parse_go_duration(std::string_view text) {
  auto bad = [&]() -> std::chrono::nanoseconds {
    throw_usage("time: invalid duration \"" + std::string(text) + "\"");
  };
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return std::chrono::nanoseconds(0);
  if (s.empty()) return bad();
  long double total = 0;
  while (!s.empty()) {
    std::size_t i = 0;
    long double number = 0;
    bool digits = false;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      number = number * 10 + (s[i] - '0');
      ++i;
      digits = true;
    }
    if (i < s.size() && s[i] == '.') {
      ++i;
      long double scale = 0.1L;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        number += (s[i] - '0') * scale;
        scale /= 10;
        ++i;
        digits = true;
      }
    }
    if (!digits) return bad();
    std::size_t u = i;
    while (u < s.size() && !(s[u] >= '0' && s[u] <= '9') && s[u] != '.') ++u;
    std::string_view unit = s.substr(i, u - i);
    long double ns;
    if (unit == "ns") ns = 1;
    else if (unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs") ns = 1e3L;
    else if (unit == "ms") ns = 1e6L;
    else if (unit == "s") ns = 1e9L;
    else if (unit == "m") ns = 60e9L;
    else if (unit == "h") ns = 3600e9L;
    else if (unit.empty()) throw_usage("time: missing unit in duration \"" + std::string(text) + "\"");
    else throw_usage("time: unknown unit \"" + std::string(unit) + "\" in duration \"" + std::string(text) + "\"");
    total += number * ns;
    s.remove_prefix(u);
  }
  auto n = static_cast<std::int64_t>(total);
  return std::chrono::nanoseconds(negative ? -n : n);
}

}  // namespace periscope
