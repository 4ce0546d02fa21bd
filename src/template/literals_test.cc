#include "template/literals.h"

#include <gtest/gtest.h>

namespace periscope::tmpl {
namespace {

TEST(TmplUnescape, SimpleNumericAndUnicodeEscapes) {
  EXPECT_EQ(unescape(R"(a\tb\n\"\\\x41\101\u00e9\U0001F600)"),
            "a\tb\n\"\\AA\xC3\xA9\xF0\x9F\x98\x80");
}
TEST(TmplUnescape, RejectsMalformedEscapes) {
  EXPECT_EQ(unescape(R"(\q)"), std::nullopt);
  EXPECT_EQ(unescape(R"(\x4)"), std::nullopt);
  EXPECT_EQ(unescape("\\"), std::nullopt);
}
TEST(TmplSingleRune, ExactlyOneRune) {
  EXPECT_EQ(single_rune("a"), 97);
  EXPECT_EQ(single_rune("\xC3\xA9"), 0xE9);
  EXPECT_EQ(single_rune("ab"), std::nullopt);
}
TEST(TmplParseNumber, IntegersInEveryBase) {
  EXPECT_EQ(parse_number("42").value->as_int(), 42);
  EXPECT_EQ(parse_number("-0x1F").value->as_int(), -31);
  EXPECT_EQ(parse_number("0o17").value->as_int(), 15);
  EXPECT_EQ(parse_number("017").value->as_int(), 15);
  EXPECT_EQ(parse_number("0b101").value->as_int(), 5);
  EXPECT_EQ(parse_number("1_000").value->as_int(), 1000);
}
TEST(TmplParseNumber, FloatsByTheirSyntax) {
  EXPECT_EQ(parse_number("1e3").value->kind(), Value::Kind::kFloat);
  EXPECT_DOUBLE_EQ(parse_number(".5").value->as_float(), 0.5);
}
TEST(TmplParseNumber, OverflowAndGarbage) {
  EXPECT_TRUE(parse_number("9223372036854775808").overflow);
  EXPECT_EQ(parse_number("-9223372036854775808").value->as_int(), INT64_MIN);
  EXPECT_FALSE(parse_number("09").value.has_value());
}
TEST(TmplUtf8Encode, InvalidRunesBecomeReplacementCharacter) {
  EXPECT_EQ(utf8_encode(0x41), "A");
  EXPECT_EQ(utf8_encode(-1), "\xEF\xBF\xBD");
}

}  // namespace
}  // namespace periscope::tmpl
