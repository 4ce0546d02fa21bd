#include "registry/auth_challenge.h"

#include <cctype>

namespace periscope::registry {
namespace {

bool is_token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("!#$%&'*+-.^_`|~/").find(c) != std::string_view::npos;
}

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}
  void skip_space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
  }
  bool done() const { return i_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  void advance() { ++i_; }
  std::string token() {
    std::size_t start = i_;
    while (i_ < s_.size() && is_token_char(s_[i_])) ++i_;
    return std::string(s_.substr(start, i_ - start));
  }
  std::string quoted() {  // at the opening quote
    std::string out;
    ++i_;
    while (i_ < s_.size() && s_[i_] != '"') {
      if (s_[i_] == '\\' && i_ + 1 < s_.size()) ++i_;
      out += s_[i_++];
    }
    if (i_ < s_.size()) ++i_;
    return out;
  }
  std::size_t pos() const { return i_; }
  void reset(std::size_t p) { i_ = p; }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

std::string Challenge::param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

std::vector<Challenge> parse_challenges(std::string_view header) {
  std::vector<Challenge> out;
  Scanner sc(header);
  while (true) {
    sc.skip_space();
    while (sc.peek() == ',') {
      sc.advance();
      sc.skip_space();
    }
    if (sc.done()) break;
    std::string scheme = sc.token();
    if (scheme.empty()) {
      sc.advance();  // skip garbage
      continue;
    }
    Challenge ch{lower(scheme), {}};
    // Parameters: name=value pairs separated by commas, until a token not followed by '='
    // (which starts the next challenge).
    while (true) {
      sc.skip_space();
      std::size_t mark = sc.pos();
      std::string name = sc.token();
      sc.skip_space();
      if (name.empty() || sc.peek() != '=') {
        sc.reset(mark);
        break;
      }
      sc.advance();
      sc.skip_space();
      std::string value = sc.peek() == '"' ? sc.quoted() : sc.token();
      ch.params[lower(name)] = value;
      sc.skip_space();
      if (sc.peek() == ',') sc.advance();
    }
    out.push_back(std::move(ch));
  }
  return out;
}

}  // namespace periscope::registry
