#include <gtest/gtest.h>

#include "template/test_data.h"

namespace periscope::tmpl {
namespace {

using testing::error_of;
using testing::inspect_output;
using testing::run;

TEST(Exec, TextOnlyIsCopied) { EXPECT_EQ(run("plain text\n"), "plain text\n"); }
TEST(Exec, FieldsAndNestedFields) {
  EXPECT_EQ(run("{{.Name}} {{.Architecture}}"), "docker.io/library/alpine amd64");
  EXPECT_EQ(run("{{.Labels.a}}"), "1");
}
TEST(Exec, DotPrintsTheWholeValue) {
  EXPECT_EQ(run("{{.}}", Value::string_list({"a", "b"})), "[a b]");
}
TEST(Exec, FieldValuesPrintTheGoWay) {
  EXPECT_EQ(run("{{.Labels}}"), "map[a:1 b:2]");
  EXPECT_EQ(run("{{.Env}}"), "[A=1 B=2]");
  EXPECT_EQ(run("{{.Created}}"), "2024-01-02 03:04:05.5 +0000 UTC");
  EXPECT_EQ(run("{{.Nothing}}"), "[]");
  EXPECT_EQ(run("{{.LayersData}}"),
            "[{application/vnd.oci.image.layer.v1.tar+gzip sha256:l1 12 map[]}]");
}
TEST(Exec, MissingMapKeyPrintsNoValue) { EXPECT_EQ(run("{{.Labels.nope}}"), "<no value>"); }
TEST(Exec, FieldOfNoValueIsNoValue) { EXPECT_EQ(run("{{.Labels.nope.deeper}}"), "<no value>"); }

TEST(Exec, TrimMarkersEatAdjacentWhitespace) {
  EXPECT_EQ(run("a  \n {{- .Os -}} \n  b"), "alinuxb");
  EXPECT_EQ(run("a {{- .Os}} b"), "alinux b");
}
TEST(Exec, MinusWithoutSpaceIsANumber) { EXPECT_EQ(run("x {{-3}}"), "x -3"); }
TEST(Exec, CommentsProduceNothing) {
  EXPECT_EQ(run("a{{/* note */}}b"), "ab");
  EXPECT_EQ(run("a {{- /* note */ -}} b"), "ab");
}

TEST(Exec, Literals) {
  EXPECT_EQ(run(R"({{"a\tb\u00e9"}})"), "a\tb\xC3\xA9");
  EXPECT_EQ(run("{{`raw\\n`}}"), "raw\\n");
  EXPECT_EQ(run("{{1.5}} {{1e3}} {{0x1F}} {{'a'}} {{true}} {{-7}} {{1_000}}"),
            "1.5 1000 31 97 true -7 1000");
}
TEST(Exec, NilIsNotACommand) {
  EXPECT_EQ(error_of("{{nil}}"),
            "template: format:1:2: executing \"format\" at <nil>: nil is not a command");
}

TEST(Exec, VariablesDeclareAndPrint) { EXPECT_EQ(run("{{$x := .Os}}[{{$x}}]"), "[linux]"); }
TEST(Exec, AssignmentUpdatesOuterVariable) {
  EXPECT_EQ(run("{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}"), "2");
}
TEST(Exec, DollarIsTheData) {
  EXPECT_EQ(run("{{range .RepoTags}}{{$.Os}}:{{.}} {{end}}"), "linux:3.19 linux:latest ");
}
TEST(Exec, VariableFieldAccess) { EXPECT_EQ(run("{{$l := .Labels}}{{$l.b}}"), "2"); }
TEST(Exec, VariablesEndWithTheirBlock) {
  EXPECT_EQ(error_of("{{if true}}{{$y := 1}}{{end}}{{$y}}"),
            "template: format:1: undefined variable \"$y\"");
}

TEST(Exec, PipelinePassesResultAsLastArgument) {
  EXPECT_EQ(run("{{.Os | upper}}"), "LINUX");
  EXPECT_EQ(run(R"({{"abc" | printf "%s-%s" "x"}})"), "x-abc");
  EXPECT_EQ(run(R"({{.Name | printf "%.6s" | upper}})"), "DOCKER");
}
TEST(Exec, ParenthesisedCommandsAndChains) {
  EXPECT_EQ(run("{{(index .RepoTags 1) | upper}}"), "LATEST");
  EXPECT_EQ(run("{{(index .LayersData 0).Digest}}"), "sha256:l1");
}
TEST(Exec, ArgumentToNonFunctionIsAnError) {
  EXPECT_EQ(error_of(R"({{"x" | .Os}})"),
            "template: format:1:8: executing \"format\" at <.Os>: Os has arguments but cannot be "
            "invoked as function");
  EXPECT_NE(error_of(R"({{"x" | $}})").find("can't give argument to non-function $"),
            std::string::npos);
}

TEST(Exec, IfElseIfElse) {
  const char* t = "{{if eq .Os \"windows\"}}W{{else if eq .Os \"linux\"}}L{{else}}?{{end}}";
  EXPECT_EQ(run(t), "L");
  EXPECT_EQ(run("{{if .Tag}}tag{{else}}none{{end}}"), "none");
}
TEST(Exec, IfTruthinessFollowsGo) {
  EXPECT_EQ(run("{{if .Nothing}}y{{else}}n{{end}}{{if .Labels}}y{{end}}{{if 0}}y{{else}}n{{end}}"),
            "nyn");
  EXPECT_EQ(run("{{if .LayersData}}{{if index .LayersData 0}}s{{end}}{{end}}"), "s");
}
TEST(Exec, WithSetsDotAndHasElse) {
  EXPECT_EQ(run("{{with .Labels}}{{.b}}{{end}}"), "2");
  EXPECT_EQ(run("{{with .Tag}}{{.}}{{else}}untagged{{end}}"), "untagged");
  EXPECT_EQ(run("{{with .Tag}}t{{else with .Os}}{{.}}{{end}}"), "linux");
}
TEST(Exec, WithDeclaration) {
  EXPECT_EQ(run("{{with $a := .Os}}{{$a}}{{.}}{{end}}"), "linuxlinux");
}

TEST(Exec, RangeOverList) { EXPECT_EQ(run("{{range .Env}}<{{.}}>{{end}}"), "<A=1><B=2>"); }
TEST(Exec, RangeWithIndexAndValue) {
  EXPECT_EQ(run("{{range $i, $t := .RepoTags}}{{$i}}={{$t}};{{end}}"), "0=3.19;1=latest;");
}
TEST(Exec, RangeWithOneVariableGetsTheElement) {
  EXPECT_EQ(run("{{range $t := .RepoTags}}{{$t}},{{end}}"), "3.19,latest,");
}
TEST(Exec, RangeOverMapIsInKeyOrder) {
  EXPECT_EQ(run("{{range $k, $v := .Labels}}{{$k}}={{$v}} {{end}}"), "a=1 b=2 ");
}
TEST(Exec, RangeElseRunsWhenEmpty) {
  EXPECT_EQ(run("{{range .Nothing}}x{{else}}empty{{end}}"), "empty");
  EXPECT_EQ(run("{{range .Labels.nope}}x{{else}}none{{end}}"), "none");
}
TEST(Exec, RangeBreakAndContinue) {
  Value l = Value::list({1, 2, 3, 4});
  EXPECT_EQ(
      run("{{range .}}{{if eq . 2}}{{continue}}{{end}}{{if eq . 4}}{{break}}{{end}}{{.}}{{end}}",
          l),
      "13");
}
TEST(Exec, RangeOverInteger) { EXPECT_EQ(run("{{range 3}}{{.}}{{end}}"), "012"); }
TEST(Exec, RangeOverScalarIsAnError) {
  EXPECT_NE(error_of("{{range .Os}}{{end}}").find("range can't iterate over linux"),
            std::string::npos);
}

TEST(ExecErrors, UnknownStructFieldNamesFieldTypeAndPosition) {
  EXPECT_EQ(error_of("{{.Nope}}"),
            "template: format:1:2: executing \"format\" at <.Nope>: can't evaluate field Nope in "
            "type inspect.Output");
}
TEST(ExecErrors, PositionCountsLinesAndColumns) {
  EXPECT_EQ(error_of("a\n  {{.Os.Bad}}"),
            "template: format:2:4: executing \"format\" at <.Os.Bad>: can't evaluate field Bad in "
            "type string");
}
TEST(ExecErrors, NilPointerField) {
  Value s = Value::structure("T", {{"Created", Value(), "", false}});
  EXPECT_NE(error_of("{{.Created.Year}}", s).find("nil pointer evaluating"), std::string::npos);
}
TEST(ExecErrors, OutputBeforeTheErrorIsKept) {
  std::string out;
  Template t = Template::parse("a{{.Os}}{{.Nope}}b");
  EXPECT_THROW(t.execute(inspect_output(), out), Error);
  EXPECT_EQ(out, "alinux");
}

TEST(ParseErrors, UnknownFunction) {
  EXPECT_EQ(error_of("{{foo .}}"), "template: format:1: function \"foo\" not defined");
}
TEST(ParseErrors, UnclosedAction) {
  EXPECT_EQ(error_of("{{.Name"), "template: format:1: unclosed action");
}
TEST(ParseErrors, MissingEnd) {
  EXPECT_EQ(error_of("{{if .Name}}x"), "template: format:1: unexpected EOF");
}
TEST(ParseErrors, StrayEndAndElse) {
  EXPECT_EQ(error_of("x{{end}}"), "template: format:1: unexpected {{end}}");
  EXPECT_EQ(error_of("x{{else}}"), "template: format:1: unexpected {{else}}");
}
TEST(ParseErrors, BreakOutsideRange) {
  EXPECT_EQ(error_of("{{break}}"), "template: format:1: {{break}} outside {{range}}");
}
TEST(ParseErrors, ReportsTheLine) {
  EXPECT_EQ(error_of("a\nb\n{{bogus}}"), "template: format:3: function \"bogus\" not defined");
}
TEST(ParseErrors, BadTokens) {
  EXPECT_EQ(error_of("{{\"abc}}"), "template: format:1: unterminated quoted string");
  EXPECT_EQ(error_of("{{3x}}"), "template: format:1: bad number syntax: \"3x\"");
  EXPECT_EQ(error_of("{{/* x */ .}}"), "template: format:1: comment ends before closing delimiter");
  EXPECT_EQ(error_of("{{/* x"), "template: format:1: unclosed comment");
  EXPECT_EQ(error_of("{{(.Os}}"), "template: format:1: unclosed left paren");
  EXPECT_EQ(error_of("{{.Os)}}"), "template: format:1: unexpected right paren");
}
TEST(ParseErrors, MissingValue) {
  EXPECT_EQ(error_of("{{if}}{{end}}"), "template: format:1: missing value for if");
}
TEST(ParseErrors, LiteralAfterPipeIsNotExecutable) {
  EXPECT_EQ(error_of("{{.Os | \"x\"}}"),
            "template: format:1: non executable command in pipeline stage 2");
}
TEST(ParseErrors, FieldOnLiteral) {
  EXPECT_EQ(error_of("{{\"x\".Foo}}"), "template: format:1: unexpected . after term \"\"x\"\"");
}
TEST(ParseErrors, UnsupportedDefine) {
  EXPECT_NE(error_of("{{define \"x\"}}{{end}}").find("{{define}}"), std::string::npos);
}
TEST(ParseErrors, TemplateNameAppearsInMessages) {
  try {
    Template::parse("{{nope}}", "skopeo inspect");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "template: skopeo inspect:1: function \"nope\" not defined");
  }
}

}  // namespace
}  // namespace periscope::tmpl
