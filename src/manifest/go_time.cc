#include "manifest/go_time.h"

namespace periscope::manifest {
namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& value) {
  value = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  return true;
}

int days_in(int month, int year) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

// Mirrors Go's parseRFC3339 (the fast path of time.parseStrictRFC3339); the slow fallback through
// time.Parse accepts nothing more once its extra strictness checks have run.
std::optional<std::string> go_time_canonical(std::string_view s) {
  int year, month, day, hour, minute, second;
  if (s.size() < 19 || !digits(s, 0, 4, year) || !digits(s, 5, 2, month) || !digits(s, 8, 2, day) ||
      !digits(s, 11, 2, hour) || !digits(s, 14, 2, minute) || !digits(s, 17, 2, second)) {
    return std::nullopt;
  }
  if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > days_in(month, year) || hour > 23 ||
      minute > 59 || second > 59) {
    return std::nullopt;
  }
  std::string out(s.substr(0, 19));
  std::size_t pos = 19;
  if (pos + 1 < s.size() && s[pos] == '.' && s[pos + 1] >= '0' && s[pos + 1] <= '9') {
    std::size_t end = pos + 1;
    while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
    // Go keeps at most nine digits, truncating the rest.
    std::string fraction(s.substr(pos + 1, std::min<std::size_t>(end - pos - 1, 9)));
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    if (!fraction.empty()) out += "." + fraction;
    pos = end;
  }
  std::string_view zone = s.substr(pos);
  if (zone == "Z") return out + "Z";
  int zone_hour, zone_minute;
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':' ||
      !digits(zone, 1, 2, zone_hour) || !digits(zone, 4, 2, zone_minute) || zone_hour > 23 ||
      zone_minute > 59) {
    return std::nullopt;
  }
  if (zone_hour == 0 && zone_minute == 0) return out + "Z";
  return out + std::string(zone);
}

}  // namespace periscope::manifest
