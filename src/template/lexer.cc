#include "template/lexer.h"

#include <algorithm>

namespace periscope::tmpl {
namespace {

constexpr std::string_view kLeft = "{{";
constexpr std::string_view kRight = "}}";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_alnum(char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;  // Go allows Unicode letters; accept any non-ASCII
}

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  std::vector<Token> run() {
    while (lex_text()) {
      if (!lex_action()) {
        break;
      }
    }
    return std::move(tokens_);
  }

 private:
  int line_at(std::size_t pos) const {
    return 1 +
           static_cast<int>(std::count(s_.begin(), s_.begin() + std::min(pos, s_.size()), '\n'));
  }
  void emit(Tok t, std::size_t start, std::size_t end) {
    tokens_.push_back({t, std::string(s_.substr(start, end - start)), start, line_at(start)});
  }
  bool fail(const std::string& message, std::size_t at) {
    tokens_.push_back({Tok::kError, message, at, line_at(at)});
    return false;
  }
  bool at_left_trim(std::size_t p) const {  // "- " after {{
    return p + 1 < s_.size() && s_[p] == '-' && is_space(s_[p + 1]);
  }
  // At " -}}" (returns 4) or "}}" (returns 2), else 0.
  std::size_t right_delim_len(std::size_t p) const {
    if (p + 1 < s_.size() && is_space(s_[p]) && s_[p + 1] == '-' && s_.substr(p + 2, 2) == kRight) {
      return 4;
    }
    return s_.substr(p, 2) == kRight ? 2 : 0;
  }

  // Emits the text up to the next action; false at the end of input.
  bool lex_text() {
    std::size_t start = pos_;
    std::size_t open = s_.find(kLeft, pos_);
    std::size_t end = open == std::string_view::npos ? s_.size() : open;
    std::size_t text_end = end;
    if (open != std::string_view::npos && at_left_trim(open + 2)) {
      while (text_end > start && is_space(s_[text_end - 1])) {
        --text_end;
      }
    }
    if (trim_next_) {
      while (start < text_end && is_space(s_[start])) {
        ++start;
      }
      trim_next_ = false;
    }
    if (text_end > start) {
      emit(Tok::kText, start, text_end);
    }
    if (open == std::string_view::npos) {
      tokens_.push_back({Tok::kEof, "", s_.size(), line_at(s_.size())});
      return false;
    }
    pos_ = open;
    return true;
  }

  // From "{{" through the matching "}}".
  bool lex_action() {
    std::size_t open = pos_;
    pos_ += 2;
    std::size_t after_marker = at_left_trim(pos_) ? 2 : 0;
    if (s_.substr(pos_ + after_marker, 2) == "/*") {
      return lex_comment(pos_ + after_marker);
    }
    emit(Tok::kLeftDelim, open, pos_);
    pos_ += after_marker;
    int parens = 0;
    while (true) {
      if (std::size_t n = right_delim_len(pos_)) {
        if (parens > 0) {
          return fail("unclosed left paren", pos_);
        }
        emit(Tok::kRightDelim, pos_ + n - 2, pos_ + n);
        trim_next_ = n == 4;
        pos_ += n;
        return true;
      }
      if (pos_ >= s_.size()) {
        return fail("unclosed action", pos_);
      }
      char c = s_[pos_];
      std::size_t start = pos_;
      if (is_space(c)) {
        while (pos_ < s_.size() && is_space(s_[pos_]) && right_delim_len(pos_) != 4) {
          ++pos_;
        }
        if (pos_ > start) {
          emit(Tok::kSpace, start, pos_);
        }
        continue;
      }
      switch (c) {
        case '|':
          ++pos_;
          emit(Tok::kPipe, start, pos_);
          continue;
        case ',':
          ++pos_;
          emit(Tok::kComma, start, pos_);
          continue;
        case '=':
          ++pos_;
          emit(Tok::kAssign, start, pos_);
          continue;
        case ':':
          if (s_.substr(pos_, 2) != ":=") {
            return fail("expected :=", pos_);
          }
          pos_ += 2;
          emit(Tok::kDeclare, start, pos_);
          continue;
        case '(':
          ++parens;
          ++pos_;
          emit(Tok::kLeftParen, start, pos_);
          continue;
        case ')':
          if (--parens < 0) {
            return fail("unexpected right paren", pos_);
          }
          ++pos_;
          emit(Tok::kRightParen, start, pos_);
          continue;
        case '"':
          if (!lex_quote('"', Tok::kString)) {
            return false;
          }
          continue;
        case '\'':
          if (!lex_quote('\'', Tok::kChar)) {
            return false;
          }
          continue;
        case '`': {
          std::size_t close = s_.find('`', pos_ + 1);
          if (close == std::string_view::npos) {
            return fail("unterminated raw quoted string", pos_);
          }
          pos_ = close + 1;
          emit(Tok::kRawString, start, pos_);
          continue;
        }
        case '$': {
          ++pos_;
          while (pos_ < s_.size() && is_alnum(s_[pos_])) {
            ++pos_;
          }
          if (!at_terminator()) {
            return bad_character();
          }
          emit(Tok::kVariable, start, pos_);
          continue;
        }
        case '.':
          if (pos_ + 1 < s_.size() && s_[pos_ + 1] >= '0' && s_[pos_ + 1] <= '9') {
            break;  // number
          }
          ++pos_;
          while (pos_ < s_.size() && is_alnum(s_[pos_])) {
            ++pos_;
          }
          if (!at_terminator()) {
            return bad_character();
          }
          emit(pos_ - start == 1 ? Tok::kDot : Tok::kField, start, pos_);
          continue;
        default:
          break;
      }
      if (c == '.' || c == '+' || c == '-' || (c >= '0' && c <= '9')) {
        if (!lex_number()) {
          return false;
        }
        continue;
      }
      if (is_alnum(c)) {
        while (pos_ < s_.size() && is_alnum(s_[pos_])) {
          ++pos_;
        }
        if (!at_terminator()) {
          return bad_character();
        }
        std::string_view word = s_.substr(start, pos_ - start);
        Tok t = Tok::kIdentifier;
        if (word == "true" || word == "false") {
          t = Tok::kBool;
        } else if (word == "nil") {
          t = Tok::kNil;
        } else if (is_keyword(word)) {
          t = Tok::kKeyword;
        }
        emit(t, start, pos_);
        continue;
      }
      return fail(std::string("unrecognized character in action: '") + c + "'", pos_);
    }
  }

  bool at_terminator() const {
    if (pos_ >= s_.size()) {
      return true;
    }
    char c = s_[pos_];
    if (is_space(c)) {
      return true;
    }
    switch (c) {
      case '.':
      case ',':
      case '|':
      case ':':
      case ')':
      case '(':
      case '=':
        return true;
      default:
        return s_.substr(pos_, 2) == kRight;
    }
  }
  bool bad_character() { return fail(std::string("bad character '") + s_[pos_] + "'", pos_); }

  bool lex_quote(char quote, Tok type) {
    std::size_t start = pos_++;
    while (true) {
      if (pos_ >= s_.size() || s_[pos_] == '\n') {
        return fail(
            type == Tok::kString ? "unterminated quoted string" : "unterminated character constant",
            start);
      }
      char c = s_[pos_++];
      if (c == '\\') {
        if (pos_ < s_.size() && s_[pos_] != '\n') {
          ++pos_;
        }
      } else if (c == quote) {
        break;
      }
    }
    emit(type, start, pos_);
    return true;
  }

  bool lex_number() {
    std::size_t start = pos_;
    if (s_[pos_] == '+' || s_[pos_] == '-') {
      ++pos_;
    }
    std::string_view digits = "0123456789_";
    bool hex = false;
    if (s_.substr(pos_, 2) == "0x" || s_.substr(pos_, 2) == "0X") {
      hex = true;
      digits = "0123456789abcdefABCDEF_";
      pos_ += 2;
    } else if (s_.substr(pos_, 2) == "0o" || s_.substr(pos_, 2) == "0O" ||
               s_.substr(pos_, 2) == "0b" || s_.substr(pos_, 2) == "0B") {
      pos_ += 2;
    }
    auto run = [&](std::string_view set) {
      while (pos_ < s_.size() && set.find(s_[pos_]) != std::string_view::npos) {
        ++pos_;
      }
    };
    run(digits);
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      run(digits);
    }
    std::string_view exp = hex ? "pP" : "eE";
    if (pos_ < s_.size() && exp.find(s_[pos_]) != std::string_view::npos) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) {
        ++pos_;
      }
      run("0123456789_");
    }
    if (pos_ < s_.size() && is_alnum(s_[pos_])) {
      ++pos_;
      while (pos_ < s_.size() && is_alnum(s_[pos_])) {
        ++pos_;
      }
      return fail("bad number syntax: \"" + std::string(s_.substr(start, pos_ - start)) + "\"",
                  start);
    }
    emit(Tok::kNumber, start, pos_);
    return true;
  }

  bool lex_comment(std::size_t at) {
    std::size_t close = s_.find("*/", at + 2);
    if (close == std::string_view::npos) {
      return fail("unclosed comment", at);
    }
    pos_ = close + 2;
    std::size_t n = right_delim_len(pos_);
    if (n == 0) {
      return fail("comment ends before closing delimiter", pos_);
    }
    trim_next_ = n == 4;
    pos_ += n;
    return true;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  bool trim_next_ = false;
  std::vector<Token> tokens_;
};

}  // namespace

bool is_keyword(std::string_view w) {
  for (std::string_view k :
       {"if", "else", "end", "range", "with", "break", "continue", "define", "template", "block"}) {
    if (w == k) {
      return true;
    }
  }
  return false;
}

std::vector<Token> lex(std::string_view text) { return Lexer(text).run(); }

}  // namespace periscope::tmpl
