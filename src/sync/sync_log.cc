#include "sync/sync_log.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace periscope::sync {
namespace {

bool needs_quoting(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '.' || c == '_' || c == '/' || c == '@' || c == '^' || c == '+';
    return !plain;
  });
}

std::string value_text(const std::string& v) { return needs_quoting(v) ? go_quote(v) : v; }

const char* level_name(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarning:
      return "warning";
    case Level::kError:
      return "error";
  }
  return "info";
}

// RFC 3339 in local time, as logrus's default timestamp format.
std::string now_text() {
  std::time_t t = std::time(nullptr);
  std::tm local{};
  ::localtime_r(&t, &local);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S%z", &local);
  std::string s(buf);
  if (s.size() >= 5) {
    std::string zone = s.substr(s.size() - 5);
    s = s.substr(0, s.size() - 5) +
        (zone == "+0000" ? "Z" : zone.substr(0, 3) + ":" + zone.substr(3));
  }
  return s;
}

}  // namespace

std::string go_quote(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string format_log_line(const std::string& time, Level level, const std::string& message,
                            Fields fields) {
  std::stable_sort(fields.begin(), fields.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string line =
      "time=" + value_text(time) + " level=" + level_name(level) + " msg=" + value_text(message);
  for (const auto& [k, v] : fields) line += " " + k + "=" + value_text(v);
  return line;
}

void Log::write(Level level, const std::string& message, Fields fields) {
  if (level == Level::kDebug && !debug_) return;
  std::string line = format_log_line(now_text(), level, message, std::move(fields)) + "\n";
  std::lock_guard lock(mu_);
  out_ << line << std::flush;
}

void Log::plain(const std::string& text) {
  std::lock_guard lock(mu_);
  out_ << text << "\n" << std::flush;
}

}  // namespace periscope::sync
