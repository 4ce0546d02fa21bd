#include "transport/docker_archive/raw_json.h"

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace periscope::transport::docker_archive {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

class Scanner {
 public:
  explicit Scanner(std::string_view text) : s_(text) {}
  void skip_space() {
    while (pos_ < s_.size() && is_space(s_[pos_])) {
      ++pos_;
    }
  }
  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  void expect(char c) {
    skip_space();
    if (peek() != c) {
      fail();
    }
    ++pos_;
  }
  std::string_view string_token() {
    std::size_t start = pos_;
    if (peek() != '"') {
      fail();
    }
    for (++pos_; pos_ < s_.size(); ++pos_) {
      if (s_[pos_] == '\\') {
        ++pos_;
      } else if (s_[pos_] == '"') {
        ++pos_;
        return s_.substr(start, pos_ - start);
      }
    }
    fail();
  }
  std::string_view value() {
    skip_space();
    std::size_t start = pos_;
    char c = peek();
    if (c == '"') {
      return string_token();
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      while (pos_ < s_.size()) {
        char d = s_[pos_];
        if (d == '"') {
          string_token();
          continue;
        }
        if (d == '{' || d == '[') {
          ++depth;
        }
        if (d == '}' || d == ']') {
          --depth;
        }
        ++pos_;
        if (depth == 0) {
          return s_.substr(start, pos_ - start);
        }
      }
      fail();
    }
    while (pos_ < s_.size() && !is_space(s_[pos_]) && s_[pos_] != ',' && s_[pos_] != '}' &&
           s_[pos_] != ']') {
      ++pos_;
    }
    if (pos_ == start) {
      fail();
    }
    return s_.substr(start, pos_ - start);
  }
  [[noreturn]] void fail() const {
    throw Error(ErrorKind::kIo, "unmarshaling config: invalid JSON object");
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace

std::map<std::string, std::string> raw_object_members(std::string_view text) {
  if (!nlohmann::json::accept(text)) {
    throw Error(ErrorKind::kIo, "unmarshaling config: invalid JSON");
  }
  std::map<std::string, std::string> out;
  Scanner sc(text);
  sc.expect('{');
  sc.skip_space();
  if (sc.peek() == '}') {
    return out;
  }
  while (true) {
    sc.skip_space();
    std::string key = nlohmann::json::parse(sc.string_token()).get<std::string>();
    sc.expect(':');
    out[key] = std::string(sc.value());
    sc.skip_space();
    if (sc.peek() == ',') {
      sc.expect(',');
      continue;
    }
    sc.expect('}');
    return out;
  }
}

std::string go_compact(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  bool in_string = false;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (!in_string && is_space(c)) {
      continue;
    }
    if (c == '<' || c == '>' || c == '&') {
      static const char* kHex = "0123456789abcdef";
      out += "\\u00";
      out += kHex[(c >> 4) & 0xf];
      out += kHex[c & 0xf];
      continue;
    }
    if (c == '\xe2' && i + 2 < raw.size() && raw[i + 1] == '\x80' &&
        (raw[i + 2] == '\xa8' || raw[i + 2] == '\xa9')) {
      out += raw[i + 2] == '\xa8' ? "\\u2028" : "\\u2029";
      i += 2;
      continue;
    }
    out += c;
    if (in_string && c == '\\' && i + 1 < raw.size()) {
      out += raw[++i];
      continue;
    }
    if (c == '"') {
      in_string = !in_string;
    }
  }
  return out;
}

}  // namespace periscope::transport::docker_archive
