#pragma once
// Splits template text into tokens as Go's text/template/parse lexer does: text between actions,
// {{ }} with the "{{- " / " -}}" trim markers applied to the neighbouring text, comments dropped.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace periscope::tmpl {

enum class Tok {
  kText,
  kLeftDelim,
  kRightDelim,
  kSpace,
  kIdentifier,
  kKeyword,
  kField,
  kVariable,
  kDot,
  kString,
  kRawString,
  kChar,
  kNumber,
  kBool,
  kNil,
  kPipe,
  kLeftParen,
  kRightParen,
  kDeclare,
  kAssign,
  kComma,
  kEof,
  kError,
};

struct Token {
  Tok type;
  std::string text;  // for kError: the message
  std::size_t pos;   // byte offset in the template text
  int line;          // 1-based
};

// Always ends with kEof or kError.
std::vector<Token> lex(std::string_view text);

bool is_keyword(std::string_view word);

}  // namespace periscope::tmpl
