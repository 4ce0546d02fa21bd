#include "sync/tag_filter.h"

#include <re2/re2.h>

#include <cstddef>
#include <vector>

#include "core/error.h"

namespace periscope::sync {
namespace {

[[noreturn]] void throw_regexp_error(std::string_view code, std::string_view expr) {
  throw_usage("error parsing regexp: " + std::string(code) + ": `" + std::string(expr) + "`");
}

// Go's regexp/syntax ErrorCode text for RE2's classification of the same mistake.
std::string_view go_error_code(RE2::ErrorCode code) {
  switch (code) {
    case RE2::ErrorBadEscape:
      return "invalid escape sequence";
    case RE2::ErrorBadCharClass:
      return "invalid character class";
    case RE2::ErrorBadCharRange:
      return "invalid character class range";
    case RE2::ErrorMissingBracket:
      return "missing closing ]";
    case RE2::ErrorMissingParen:
      return "missing closing )";
    case RE2::ErrorUnexpectedParen:
      return "unexpected )";
    case RE2::ErrorTrailingBackslash:
      return "trailing backslash at end of expression";
    case RE2::ErrorRepeatArgument:
      return "missing argument to repetition operator";
    case RE2::ErrorRepeatSize:
      return "invalid repeat count";
    case RE2::ErrorRepeatOp:
      return "invalid nested repetition operator";
    case RE2::ErrorBadPerlOp:
      return "invalid or unsupported Perl syntax";
    case RE2::ErrorBadUTF8:
      return "invalid UTF-8";
    case RE2::ErrorBadNamedCapture:
      return "invalid named capture";
    case RE2::ErrorPatternTooLarge:
      return "expression too large";
    default:
      return "regexp/syntax: internal error";
  }
}

// Rewrites the pattern into what Debian's RE2 parses as Go does. Walks the pattern with Go's
// lexical rules (escapes, \Q...\E, character classes) so that "(?<" is only rewritten where it
// opens a group and \C is only refused where Go's parser sees it as an escape.
std::string to_re2_syntax(std::string_view pattern) {
  std::string out;
  out.reserve(pattern.size() + 8);
  std::size_t i = 0;
  const std::size_t n = pattern.size();
  while (i < n) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < n) {
      const char next = pattern[i + 1];
      if (next == 'C') {
        throw_regexp_error("invalid escape sequence", "\\C");
      }
      if (next == 'Q') {
        // Everything up to \E (or the end) is literal; copy it untouched.
        std::size_t end = pattern.find("\\E", i + 2);
        end = end == std::string_view::npos ? n : end + 2;
        out.append(pattern.substr(i, end - i));
        i = end;
        continue;
      }
      out.append(pattern.substr(i, 2));
      i += 2;
      continue;
    }
    if (c == '[') {
      // Copy the class verbatim; a ']' right after '[' or '[^' is a literal member.
      std::size_t j = i + 1;
      if (j < n && pattern[j] == '^') {
        ++j;
      }
      if (j < n && pattern[j] == ']') {
        ++j;
      }
      while (j < n && pattern[j] != ']') {
        if (pattern[j] == '\\' && j + 1 < n) {
          j += 2;
        } else if (pattern[j] == '[' && j + 1 < n && pattern[j + 1] == ':') {
          const std::size_t close = pattern.find(":]", j + 2);
          j = close == std::string_view::npos ? j + 1 : close + 2;
        } else {
          ++j;
        }
      }
      j = j < n ? j + 1 : n;
      out.append(pattern.substr(i, j - i));
      i = j;
      continue;
    }
    if (c == '(' && pattern.substr(i, 3) == "(?<") {
      out.append("(?P<");
      i += 3;
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

}  // namespace

TagRegex TagRegex::compile(std::string_view pattern) {
  RE2::Options options;
  options.set_log_errors(false);  // the error goes into our exception, not to stderr
  auto re = std::make_shared<const RE2>(to_re2_syntax(pattern), options);
  if (!re->ok()) {
    std::string_view arg = re->error_arg();
    // Go names the whole expression for these two, RE2 the fragment.
    if (re->error_code() == RE2::ErrorMissingParen ||
        re->error_code() == RE2::ErrorUnexpectedParen ||
        re->error_code() == RE2::ErrorPatternTooLarge) {
      arg = pattern;
    }
    throw_regexp_error(go_error_code(re->error_code()), arg);
  }
  return TagRegex(std::string(pattern), std::move(re));
}

bool TagRegex::matches(std::string_view tag) const {
  return RE2::PartialMatch(re2::StringPiece(tag.data(), tag.size()), *re_);
}

bool glob_match(std::string_view pattern, std::string_view tag) {
  // Iterative matcher with one backtrack point: the most recent '*'.
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;
  std::size_t star_t = 0;
  while (t < tag.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_t = t;
    } else if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == tag[t])) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++star_t;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') {
    ++p;
  }
  return p == pattern.size();
}

}  // namespace periscope::sync
