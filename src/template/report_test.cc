#include "template/report.h"

#include <gtest/gtest.h>

#include "template/test_data.h"

namespace periscope::tmpl {
namespace {

using testing::inspect_output;

TEST(NormalizeFormat, AppendsMissingNewline) {
  EXPECT_EQ(normalize_format("{{.Name}}"), "{{.Name}}\n");
  EXPECT_EQ(normalize_format("x\n"), "x\n");
  EXPECT_EQ(normalize_format(""), "\n");
}
TEST(NormalizeFormat, ExpandsBackslashEscapes) {
  EXPECT_EQ(normalize_format("a\\tb\\n"), "a\tb\n");
}
TEST(NormalizeFormat, TableDropsKeywordAndTurnsSpacesIntoTabs) {
  EXPECT_EQ(normalize_format("table {{.A}} {{.B}}"), "{{.A}}\t{{.B}}\n");
}
TEST(NormalizeFormat, SpacesStayWithoutTable) {
  EXPECT_EQ(normalize_format("{{.A}} table {{.B}}"), "{{.A}} table {{.B}}\n");
}

TEST(EnforceRange, WrapsFormatsWithoutRange) {
  EXPECT_EQ(enforce_range("{{.A}}\n"), "{{range .}}{{.A}}\n{{end -}}");
}
TEST(EnforceRange, KeepsFormatsWithRangeDot) {
  EXPECT_EQ(enforce_range("{{ range . }}x{{end -}}"), "{{ range . }}x{{end -}}");
  EXPECT_EQ(enforce_range("{{range .}}x{{ end }}"), "{{range .}}x{{ end }}");
}
TEST(EnforceRange, RangeOverAFieldStillGetsWrapped) {
  EXPECT_EQ(enforce_range("{{range .Env}}x{{end}}"), "{{range .}}{{range .Env}}x{{end}}{{end -}}");
}

TEST(IsJsonFormat, MatchesReportIsJson) {
  EXPECT_TRUE(is_json_format("json"));
  EXPECT_TRUE(is_json_format(" {{ json }} "));
  EXPECT_TRUE(is_json_format("{{json.}}"));
  EXPECT_FALSE(is_json_format("{{json .}}"));
  EXPECT_FALSE(is_json_format("jsonx"));
  EXPECT_FALSE(is_json_format(""));
}
TEST(HasTable, NeedsTheSpace) {
  EXPECT_TRUE(has_table("table {{.A}}"));
  EXPECT_FALSE(has_table("table{{.A}}"));
}

TEST(UserFormat, RunsOverAOneElementListAndEndsTheLine) {
  EXPECT_EQ(UserFormat::parse("{{.Name}}").execute(inspect_output()), "docker.io/library/alpine\n");
}
TEST(UserFormat, ExpandsEscapes) {
  EXPECT_EQ(UserFormat::parse("{{.Os}}\\t{{.Architecture}}").execute(inspect_output()),
            "linux\tamd64\n");
}
TEST(UserFormat, ExplicitRangeSeesTheList) {
  EXPECT_EQ(UserFormat::parse("{{range .}}{{.Os}}{{end}}").execute(inspect_output()), "linux\n");
}
TEST(UserFormat, FallsBackToTheRawTextWhenNormalizingBreaksIt) {
  // "\n" inside a string literal becomes a real newline, which Go rejects inside quotes.
  EXPECT_EQ(UserFormat::parse(R"({{printf "%s\n" .Os}})").execute(inspect_output()), "linux\n");
}
TEST(UserFormat, ErrorsNameTheTemplateAndCountTheRangeWrapper) {
  try {
    UserFormat::parse("{{.Nope}}").execute(inspect_output());
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "template: skopeo inspect:1:13: executing \"skopeo inspect\" at <.Nope>: can't "
                 "evaluate field Nope in type inspect.Output");
  }
}
TEST(UserFormat, ParseErrorsNameTheTemplate) {
  try {
    UserFormat::parse("{{json .}} {{foo}}");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "template: skopeo inspect:1: function \"foo\" not defined");
  }
}
TEST(UserFormat, TableAlignsThroughTheTabwriter) {
  UserFormat f = UserFormat::parse("table {{.Os}} {{.Architecture}}");
  EXPECT_TRUE(f.is_table());
  EXPECT_EQ(f.execute(inspect_output()), "linux       amd64\n");
}
TEST(UserFormat, KeepsPartialOutputOnExecError) {
  std::string out;
  EXPECT_THROW(UserFormat::parse("{{.Os}} {{.Nope}}").execute(inspect_output(), out), Error);
  EXPECT_EQ(out, "linux ");
}

}  // namespace
}  // namespace periscope::tmpl
