#include "template/go_print.h"

#include <gtest/gtest.h>

namespace periscope::tmpl {
namespace {

std::string f(std::string_view format, const std::vector<Value>& args) {
  return go_sprintf(format, args);
}

TEST(Sprintf, StringsWithWidthAndAlignment) {
  EXPECT_EQ(f("%5s|%-5s|%.2s", {"ab", "cd", "xyz"}), "   ab|cd   |xy");
}
TEST(Sprintf, Integers) {
  EXPECT_EQ(f("%d %05d %+d %x %X %#x %o %b %c", {42, -42, 5, 255, 255, 255, 8, 5, 65}),
            "42 -0042 +5 ff FF 0xff 10 101 A");
}
TEST(Sprintf, Floats) {
  EXPECT_EQ(f("%.2f %f %8.3f %e %g %v", {3.14159, 1.5, 3.14159, 1234.5678, 1e6, 2.5}),
            "3.14 1.500000    3.142 1.234568e+03 1e+06 2.5");
}
TEST(Sprintf, QuotedAndHexStrings) {
  EXPECT_EQ(f("%q %x %q", {"a\"b\n", "hi", 65}), "\"a\\\"b\\n\" 6869 'A'");
}
TEST(Sprintf, BoolsTypesAndPercent) {
  EXPECT_EQ(f("%t %T %T 100%%", {true, "s", 1.5}), "true string float64 100%");
}
TEST(Sprintf, VerbsApplyToListElements) {
  EXPECT_EQ(f("%v %s %d %q", {Value::string_list({"a", "b"}), Value::string_list({"c"}),
                              Value::list({1, 2}), Value::string_list({"x"})}),
            "[a b] [c] [1 2] [\"x\"]");
}
TEST(Sprintf, BadVerbMissingAndExtraOperands) {
  EXPECT_EQ(f("%d", {"x"}), "%!d(string=x)");
  EXPECT_EQ(f("%d %s", {1}), "1 %!s(MISSING)");
  EXPECT_EQ(f("a", {1, "b"}), "a%!(EXTRA int=1, string=b)");
  EXPECT_EQ(f("%s", {Value()}), "%!s(<nil>)");
  EXPECT_EQ(f("%v", {Value()}), "<nil>");
}
TEST(Sprintf, TimesPrintWithS) {
  EXPECT_EQ(f("%s", {Value::time("2024-01-02T03:04:05Z")}), "2024-01-02 03:04:05 +0000 UTC");
}

TEST(FormatFloat, ShortestForms) {
  EXPECT_EQ(format_float(1e21, 'g', -1), "1e+21");
  EXPECT_EQ(format_float(1e-7, 'g', -1), "1e-07");
  EXPECT_EQ(format_float(123456.0, 'g', -1), "123456");
  EXPECT_EQ(format_float(1234567.0, 'g', -1), "1.234567e+06");
  EXPECT_EQ(format_float(0.000123, 'g', -1), "0.000123");
  EXPECT_EQ(format_float(1e100, 'g', -1), "1e+100");
  EXPECT_EQ(format_float(-0.0, 'g', -1), "-0");
}
TEST(FormatFloat, WithPrecision) {
  EXPECT_EQ(format_float(2.0 / 3, 'g', 3), "0.667");
  EXPECT_EQ(format_float(100.0, 'g', 3), "100");
  EXPECT_EQ(format_float(0.5, 'f', 0), "0");
  EXPECT_EQ(format_float(1.5, 'e', 2), "1.50e+00");
}

TEST(GoQuote, EscapesLikeStrconvQuote) {
  EXPECT_EQ(go_quote("a\tb\\c\x01\xC3\xA9"), "\"a\\tb\\\\c\\x01\xC3\xA9\"");
  EXPECT_EQ(go_quote("\xFF"), "\"\\xff\"");
}

}  // namespace
}  // namespace periscope::tmpl
