#include "sync/semver.h"

#include <re2/re2.h>

#include <array>
#include <charconv>
#include <cstddef>

#include "core/error.h"

namespace periscope::sync {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_char(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

std::optional<std::uint64_t> parse_uint(std::string_view digits) {
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size()) {
    return std::nullopt;
  }
  return value;
}

// Consumes [0-9A-Za-z-]+ ( "." [0-9A-Za-z-]+ )* from text[i]; false when there is none or a
// dot is not followed by an identifier.
bool take_identifiers(std::string_view text, std::size_t& i) {
  const std::size_t start = i;
  while (true) {
    const std::size_t part = i;
    while (i < text.size() && is_ident_char(text[i])) {
      ++i;
    }
    if (i == part) {
      return false;
    }
    if (i < text.size() && text[i] == '.') {
      ++i;
      continue;
    }
    return i > start;
  }
}

// Prerelease identifiers: a purely numeric one may not have a leading zero.
bool valid_prerelease(std::string_view pre) {
  std::size_t start = 0;
  while (start <= pre.size()) {
    std::size_t end = pre.find('.', start);
    if (end == std::string_view::npos) {
      end = pre.size();
    }
    const std::string_view part = pre.substr(start, end - start);
    bool numeric = !part.empty();
    for (char c : part) {
      numeric = numeric && is_digit(c);
    }
    if (part.empty() || (numeric && part.size() > 1 && part[0] == '0')) {
      return false;
    }
    start = end + 1;
  }
  return true;
}

int compare_prerelease_part(std::string_view a, std::string_view b) {
  if (a == b) {
    return 0;
  }
  if (a.empty()) {
    return -1;
  }
  if (b.empty()) {
    return 1;
  }
  const auto an = parse_uint(a);
  const auto bn = parse_uint(b);
  if (!an && !bn) {
    return a > b ? 1 : -1;
  }
  if (!bn) {
    return -1;  // a number sorts before a word
  }
  if (!an) {
    return 1;
  }
  return *an > *bn ? 1 : -1;
}

int compare_prerelease(std::string_view a, std::string_view b) {
  std::size_t ia = 0;
  std::size_t ib = 0;
  // Walk both dot-separated lists; a missing part compares as "".
  while (ia <= a.size() || ib <= b.size()) {
    std::string_view pa;
    std::string_view pb;
    if (ia <= a.size()) {
      std::size_t end = a.find('.', ia);
      if (end == std::string_view::npos) {
        end = a.size();
      }
      pa = a.substr(ia, end - ia);
      ia = end + 1;
    }
    if (ib <= b.size()) {
      std::size_t end = b.find('.', ib);
      if (end == std::string_view::npos) {
        end = b.size();
      }
      pb = b.substr(ib, end - ib);
      ib = end + 1;
    }
    if (int d = compare_prerelease_part(pa, pb); d != 0) {
      return d;
    }
  }
  return 0;
}

int compare_number(std::uint64_t a, std::uint64_t b) { return a < b ? -1 : (a > b ? 1 : 0); }

// The library's grammar is a set of Go regexps; RE2 has the same syntax and leftmost-first
// semantics, so the same expressions split a constraint exactly as the library does (including
// its oddities, such as '|' being a member of the version character class).
constexpr std::string_view kVersionPart = R"([0-9|x|X|\*])";
const std::string& constraint_version_pattern() {
  static const std::string pattern =
      std::string("v?(") + std::string(kVersionPart) + "+)(\\." + std::string(kVersionPart) +
      "+)?(\\." + std::string(kVersionPart) + "+)?" + R"((-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?)" +
      R"((\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?)";
  return pattern;
}
constexpr std::string_view kOperators = R"(=||!=|>|<|>=|=>|<=|=<|~|~>|\^)";

struct Patterns {
  RE2 single;  // one comparison, whole text; groups: 1 op, 2 version, 3-5 parts, 6 -pre
  RE2 range;   // "A - B"; groups 1 and 11 are the two versions
  RE2 find;    // one comparison anywhere
  RE2 valid;   // a whole conjunction
};

const Patterns& patterns() {
  static const Patterns p = [] {
    const std::string& cv = constraint_version_pattern();
    const std::string ops(kOperators);
    return Patterns{
        RE2("^\\s*(" + ops + ")\\s*(" + cv + ")\\s*$"),
        RE2("\\s*(" + cv + ")\\s+-\\s+(" + cv + ")\\s*"),
        RE2("(" + ops + ")\\s*(" + cv + ")"),
        RE2("^(\\s*(" + ops + ")\\s*(" + cv + ")\\s*)((?:\\s+|,\\s*)(" + ops + ")\\s*(" + cv +
            ")\\s*)*$"),
    };
  }();
  return p;
}

constexpr int kMaxGroups = 23;
using Groups = std::array<re2::StringPiece, kMaxGroups>;

// All non-overlapping matches, as Go's FindAll(…, -1) (matches here are never empty).
std::vector<Groups> find_all(const RE2& re, std::string_view text) {
  std::vector<Groups> matches;
  const re2::StringPiece piece(text.data(), text.size());
  std::size_t pos = 0;
  const int n = re.NumberOfCapturingGroups() + 1;
  while (pos <= text.size()) {
    Groups groups;
    if (!re.Match(piece, pos, text.size(), RE2::UNANCHORED, groups.data(), n)) {
      break;
    }
    matches.push_back(groups);
    const std::size_t end =
        static_cast<std::size_t>(groups[0].data() - text.data()) + groups[0].size();
    pos = groups[0].empty() ? end + 1 : end;
  }
  return matches;
}

std::string str(const re2::StringPiece& piece) {
  return piece.empty() ? std::string() : std::string(piece.data(), piece.size());
}

// "1.2 - 3" becomes ">= 1.2, <= 3 ", each replacement made at the first occurrence of the
// matched text in the string rewritten so far, as the library does.
std::string rewrite_ranges(std::string text) {
  const std::string original = text;
  for (const Groups& m : find_all(patterns().range, original)) {
    const std::string whole = str(m[0]);
    const std::size_t at = text.find(whole);
    if (at == std::string::npos) {
      continue;
    }
    text.replace(at, whole.size(), ">= " + str(m[1]) + ", <= " + str(m[11]) + " ");
  }
  return text;
}

bool is_wildcard(std::string_view part) { return part == "x" || part == "X" || part == "*"; }

SemverConstraint::Comparison parse_comparison(const std::string& text) {
  Groups m;
  if (!patterns().single.Match(re2::StringPiece(text), 0, text.size(), RE2::UNANCHORED, m.data(),
                               7)) {
    throw_usage("improper constraint: " + text);
  }
  SemverConstraint::Comparison c;
  c.op = str(m[1]);
  const std::string major = str(m[3]);
  const std::string minor = str(m[4]);  // with its '.'
  const std::string patch = str(m[5]);
  const std::string pre = str(m[6]);  // with its '-'
  std::string version = str(m[2]);
  if (is_wildcard(major) || major.empty()) {
    version = "0.0.0" + pre;
    c.dirty = true;
  } else if (minor.empty() || is_wildcard(minor.substr(1))) {
    version = major + ".0.0" + pre;
    c.dirty = c.minor_dirty = true;
  } else if (patch.empty() || is_wildcard(patch.substr(1))) {
    version = major + minor + ".0" + pre;
    c.dirty = c.patch_dirty = true;
  }
  const auto parsed = SemverVersion::parse(version);
  if (!parsed) {
    throw_usage("constraint parser error");
  }
  c.version = *parsed;
  return c;
}

// The comparison functions of constraints.go; `v` never has a prerelease unless the
// alternative opted in (checked by the caller).
bool tilde(const SemverVersion& v, const SemverConstraint::Comparison& c) {
  if (v.compare(c.version) < 0) {
    return false;
  }
  // ~0.0.0 (also ~* and ~x) is "any version".
  if (c.version.major == 0 && c.version.minor == 0 && c.version.patch == 0 && !c.minor_dirty &&
      !c.patch_dirty) {
    return true;
  }
  if (v.major != c.version.major) {
    return false;
  }
  return v.minor == c.version.minor || c.minor_dirty;
}

bool caret(const SemverVersion& v, const SemverConstraint::Comparison& c) {
  if (v.compare(c.version) < 0) {
    return false;
  }
  if (c.version.major > 0 || c.minor_dirty) {
    return v.major == c.version.major;
  }
  if (v.major > 0) {
    return false;
  }
  if (c.version.minor > 0 || c.patch_dirty) {
    return v.minor == c.version.minor;
  }
  if (v.minor > 0) {
    return false;
  }
  return v.patch == c.version.patch;
}

bool not_equal(const SemverVersion& v, const SemverConstraint::Comparison& c) {
  if (c.dirty) {
    if (c.version.major != v.major) {
      return true;
    }
    if (c.version.minor != v.minor && !c.minor_dirty) {
      return true;
    }
    if (c.minor_dirty) {
      return false;
    }
    if (c.version.patch != v.patch && !c.patch_dirty) {
      return true;
    }
    if (c.patch_dirty) {
      if (!v.prerelease.empty() || !c.version.prerelease.empty()) {
        return compare_prerelease(v.prerelease, c.version.prerelease) != 0;
      }
      return false;
    }
  }
  return v.compare(c.version) != 0;
}

bool greater(const SemverVersion& v, const SemverConstraint::Comparison& c) {
  if (!c.dirty) {
    return v.compare(c.version) > 0;
  }
  if (v.major != c.version.major) {
    return v.major > c.version.major;
  }
  // ">11" needs 12 or more; ">11.1" needs 11.2 or more.
  if (c.minor_dirty) {
    return false;
  }
  if (c.patch_dirty) {
    return v.minor > c.version.minor;
  }
  return v.compare(c.version) > 0;
}

bool less_equal(const SemverVersion& v, const SemverConstraint::Comparison& c) {
  if (!c.dirty) {
    return v.compare(c.version) <= 0;
  }
  if (v.major > c.version.major) {
    return false;
  }
  if (v.major == c.version.major && v.minor > c.version.minor && !c.minor_dirty) {
    return false;
  }
  return true;
}

bool check_comparison(const SemverVersion& v, const SemverConstraint::Comparison& c,
                      bool include_prerelease) {
  if (!v.prerelease.empty() && !include_prerelease) {
    return false;
  }
  const std::string& op = c.op;
  if (op.empty() || op == "=") {
    return c.dirty ? tilde(v, c) : v.compare(c.version) == 0;
  }
  if (op == "!=") {
    return not_equal(v, c);
  }
  if (op == ">") {
    return greater(v, c);
  }
  if (op == "<") {
    return v.compare(c.version) < 0;
  }
  if (op == ">=" || op == "=>") {
    return v.compare(c.version) >= 0;
  }
  if (op == "<=" || op == "=<") {
    return less_equal(v, c);
  }
  if (op == "~" || op == "~>") {
    return tilde(v, c);
  }
  if (op == "^") {
    return caret(v, c);
  }
  return false;
}

}  // namespace

std::optional<SemverVersion> SemverVersion::parse(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && text[i] == 'v') {
    ++i;
  }
  std::array<std::string_view, 3> numbers;
  for (int part = 0; part < 3; ++part) {
    std::size_t start = i;
    if (part > 0) {
      if (i + 1 >= text.size() || text[i] != '.' || !is_digit(text[i + 1])) {
        break;
      }
      start = ++i;
    }
    while (i < text.size() && is_digit(text[i])) {
      ++i;
    }
    if (i == start) {
      return std::nullopt;  // only the major part can be missing this way
    }
    numbers[part] = text.substr(start, i - start);
  }
  SemverVersion v;
  if (i < text.size() && text[i] == '-') {
    const std::size_t start = ++i;
    if (!take_identifiers(text, i)) {
      return std::nullopt;
    }
    v.prerelease = std::string(text.substr(start, i - start));
  }
  if (i < text.size() && text[i] == '+') {
    const std::size_t start = ++i;
    if (!take_identifiers(text, i)) {
      return std::nullopt;
    }
    v.metadata = std::string(text.substr(start, i - start));
  }
  if (i != text.size()) {
    return std::nullopt;
  }
  std::uint64_t* fields[] = {&v.major, &v.minor, &v.patch};
  for (int part = 0; part < 3; ++part) {
    if (numbers[part].empty()) {
      continue;
    }
    const auto value = parse_uint(numbers[part]);
    if (!value) {
      return std::nullopt;  // out of range
    }
    *fields[part] = *value;
  }
  if (!v.prerelease.empty() && !valid_prerelease(v.prerelease)) {
    return std::nullopt;
  }
  return v;
}

int SemverVersion::compare(const SemverVersion& other) const {
  if (int d = compare_number(major, other.major); d != 0) {
    return d;
  }
  if (int d = compare_number(minor, other.minor); d != 0) {
    return d;
  }
  if (int d = compare_number(patch, other.patch); d != 0) {
    return d;
  }
  if (prerelease.empty() && other.prerelease.empty()) {
    return 0;
  }
  if (prerelease.empty()) {
    return 1;
  }
  if (other.prerelease.empty()) {
    return -1;
  }
  return compare_prerelease(prerelease, other.prerelease);
}

SemverConstraint SemverConstraint::parse(std::string_view text) {
  SemverConstraint result;
  result.text_ = std::string(text);
  const std::string rewritten = rewrite_ranges(result.text_);
  std::size_t start = 0;
  while (true) {
    std::size_t end = rewritten.find("||", start);
    if (end == std::string::npos) {
      end = rewritten.size();
    }
    const std::string alternative = rewritten.substr(start, end - start);
    if (!RE2::FullMatch(alternative, patterns().valid)) {
      throw_usage("improper constraint: " + alternative);
    }
    std::vector<Comparison> conjunction;
    bool has_prerelease = false;
    for (const Groups& m : find_all(patterns().find, alternative)) {
      conjunction.push_back(parse_comparison(str(m[0])));
      has_prerelease = has_prerelease || !conjunction.back().version.prerelease.empty();
    }
    result.alternatives_.push_back(std::move(conjunction));
    result.includes_prerelease_.push_back(has_prerelease);
    if (end == rewritten.size()) {
      break;
    }
    start = end + 2;
  }
  return result;
}

bool SemverConstraint::check(const SemverVersion& version) const {
  for (std::size_t i = 0; i < alternatives_.size(); ++i) {
    bool all = true;
    for (const Comparison& c : alternatives_[i]) {
      if (!check_comparison(version, c, includes_prerelease_[i])) {
        all = false;
        break;
      }
    }
    if (all) {
      return true;
    }
  }
  return false;
}

bool SemverConstraint::matches(std::string_view tag) const {
  const auto version = SemverVersion::parse(tag);
  return version && check(*version);
}

}  // namespace periscope::sync
