#include "sync/tag_filter.h"

#include <gtest/gtest.h>

#include <string>

#include "core/error.h"

namespace periscope::sync {
namespace {

// The message compile() throws for `pattern`, or "" when it compiles.
std::string compile_error(const std::string& pattern) {
  try {
    TagRegex::compile(pattern);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    return e.what();
  }
  return "";
}

TEST(TagRegexTest, UnanchoredPatternMatchesAnywhereInTheTag) {
  const TagRegex re = TagRegex::compile(R"(1\.13)");
  EXPECT_TRUE(re.matches("1.13"));
  EXPECT_TRUE(re.matches("v1.13-alpine"));
  EXPECT_FALSE(re.matches("1.14"));
}

TEST(TagRegexTest, AnchoredPatternMustCoverTheWholeTag) {
  const TagRegex re = TagRegex::compile(R"(^1\.13\.[12]-alpine-perl$)");
  EXPECT_TRUE(re.matches("1.13.2-alpine-perl"));
  EXPECT_FALSE(re.matches("1.13.2-alpine-perl-x"));
  EXPECT_FALSE(re.matches("x1.13.1-alpine-perl"));
}

TEST(TagRegexTest, DotIsAnyCharacterUnlessEscaped) {
  EXPECT_TRUE(TagRegex::compile("^1.2$").matches("1x2"));
  EXPECT_FALSE(TagRegex::compile(R"(^1\.2$)").matches("1x2"));
}

TEST(TagRegexTest, EmptyPatternMatchesEveryTag) {
  EXPECT_TRUE(TagRegex::compile("").matches("latest"));
}

TEST(TagRegexTest, PerlAndPosixClassesWork) {
  EXPECT_TRUE(TagRegex::compile(R"(^\d+\.\d+$)").matches("3.12"));
  EXPECT_TRUE(TagRegex::compile("^[[:digit:]]+$").matches("42"));
  EXPECT_FALSE(TagRegex::compile("^[[:digit:]]+$").matches("4a"));
}

TEST(TagRegexTest, CaseInsensitiveFlagIsHonoured) {
  EXPECT_TRUE(TagRegex::compile("(?i)^ALPINE$").matches("alpine"));
  EXPECT_FALSE(TagRegex::compile("^ALPINE$").matches("alpine"));
}

TEST(TagRegexTest, GoAngleNamedGroupIsAccepted) {
  // Go 1.22+ (skopeo 1.22 is built with Go 1.24) accepts (?<name>re); Debian's RE2 does not.
  const TagRegex re = TagRegex::compile(R"(^(?<major>\d+)\.x$)");
  EXPECT_TRUE(re.matches("3.x"));
  EXPECT_EQ(re.pattern(), R"(^(?<major>\d+)\.x$)");
}

TEST(TagRegexTest, PythonNamedGroupIsAccepted) {
  EXPECT_TRUE(TagRegex::compile(R"(^(?P<v>\d+)$)").matches("12"));
}

TEST(TagRegexTest, AngleBracketInsideClassIsNotRewritten) {
  // Rewriting inside the class would add 'P' to it.
  const TagRegex re = TagRegex::compile("^[(?<]x$");
  EXPECT_TRUE(re.matches("<x"));
  EXPECT_FALSE(re.matches("Px"));
}

TEST(TagRegexTest, QuotedTextIsLiteral) {
  const TagRegex re = TagRegex::compile(R"(^\Q(?<a\E$)");
  EXPECT_TRUE(re.matches("(?<a"));
  EXPECT_FALSE(re.matches("(?P<a"));
}

TEST(TagRegexTest, AnyByteEscapeIsRefusedAsGoDoes) {
  EXPECT_EQ(compile_error(R"(a\C)"), "error parsing regexp: invalid escape sequence: `\\C`");
}

TEST(TagRegexTest, EscapedBackslashBeforeCIsALiteral) {
  EXPECT_TRUE(TagRegex::compile(R"(^a\\C$)").matches(R"(a\C)"));
}

TEST(TagRegexTest, LookaheadIsRefused) {
  EXPECT_EQ(compile_error("(?=a)"),
            "error parsing regexp: invalid or unsupported Perl syntax: `(?=`");
}

TEST(TagRegexTest, BackreferenceIsRefused) {
  EXPECT_EQ(compile_error(R"((a)\1)"), "error parsing regexp: invalid escape sequence: `\\1`");
}

TEST(TagRegexTest, MissingParenNamesTheWholeExpression) {
  EXPECT_EQ(compile_error("^(1\\.2"), "error parsing regexp: missing closing ): `^(1\\.2`");
}

TEST(TagRegexTest, UnexpectedParenIsReported) {
  EXPECT_EQ(compile_error("a)"), "error parsing regexp: unexpected ): `a)`");
}

TEST(TagRegexTest, MissingBracketIsReported) {
  EXPECT_EQ(compile_error("[a"), "error parsing regexp: missing closing ]: `[a`");
}

TEST(TagRegexTest, NestedRepetitionIsRefused) {
  EXPECT_EQ(compile_error("a**"), "error parsing regexp: invalid nested repetition operator: `**`");
}

TEST(TagRegexTest, RepeatCountAbove1000IsRefused) {
  EXPECT_EQ(compile_error("a{1001}"), "error parsing regexp: invalid repeat count: `{1001}`");
}

TEST(TagRegexTest, RepetitionWithoutArgumentIsRefused) {
  EXPECT_EQ(compile_error("*1"),
            "error parsing regexp: missing argument to repetition operator: `*`");
}

TEST(TagRegexTest, CopiesShareTheCompiledPattern) {
  const TagRegex a = TagRegex::compile("^v");
  const TagRegex b = a;  // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_TRUE(b.matches("v1"));
}

TEST(GlobMatchTest, StarMatchesAnyRunIncludingNone) {
  EXPECT_TRUE(glob_match("v*", "v"));
  EXPECT_TRUE(glob_match("v*", "v1.2.3"));
  EXPECT_TRUE(glob_match("*-alpine", "3.12-alpine"));
  EXPECT_FALSE(glob_match("v*", "1.0"));
}

TEST(GlobMatchTest, QuestionMarkMatchesExactlyOneCharacter) {
  EXPECT_TRUE(glob_match("1.?", "1.2"));
  EXPECT_FALSE(glob_match("1.?", "1."));
  EXPECT_FALSE(glob_match("1.?", "1.23"));
}

TEST(GlobMatchTest, PatternMustCoverTheWholeTag) {
  EXPECT_FALSE(glob_match("1.2", "1.2.3"));
  EXPECT_FALSE(glob_match("2.3", "1.2.3"));
  EXPECT_TRUE(glob_match("1.2.3", "1.2.3"));
}

TEST(GlobMatchTest, StarBacktracksOverRepeatedText) {
  EXPECT_TRUE(glob_match("*a*b", "xaaxab"));
  EXPECT_FALSE(glob_match("*a*b", "xaaxa"));
}

TEST(GlobMatchTest, OtherCharactersAreLiteral) {
  EXPECT_TRUE(glob_match("[ab]", "[ab]"));
  EXPECT_FALSE(glob_match("[ab]", "a"));
}

}  // namespace
}  // namespace periscope::sync
