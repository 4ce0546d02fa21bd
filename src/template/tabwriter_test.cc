#include "template/tabwriter.h"

#include <gtest/gtest.h>

namespace periscope::tmpl {
namespace {

TEST(Tabwriter, PadsColumnsToMinWidth) {
  EXPECT_EQ(tabwrite("a\tb\nccc\td\n"), "a           b\nccc         d\n");
}
TEST(Tabwriter, WideCellWidensTheColumnPlusPadding) {
  EXPECT_EQ(tabwrite("aaaaaaaaaaaaaaa\tb\nc\td\n"), "aaaaaaaaaaaaaaa  b\nc                d\n");
}
TEST(Tabwriter, LineWithoutTabsEndsTheColumnBlock) {
  EXPECT_EQ(tabwrite("aaaaaaaaaaaaaaa\tb\nx\nc\td\n"), "aaaaaaaaaaaaaaa  b\nx\nc           d\n");
}
TEST(Tabwriter, TrailingTextIsNotAColumn) {
  EXPECT_EQ(tabwrite("a\tlong trailing text\nb\tc"),
            "a           long trailing text\nb           c");
}
TEST(Tabwriter, WidthCountsRunes) {
  EXPECT_EQ(tabwrite("\xC3\xA9\tx\n"), "\xC3\xA9           x\n");
}
TEST(Tabwriter, EscapedTextIsLiteral) {
  EXPECT_EQ(tabwrite("\xFF"
                     "a\tb"
                     "\xFF\tc\n"),
            "a\tb         c\n");
}

}  // namespace
}  // namespace periscope::tmpl
