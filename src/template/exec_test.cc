#include <gtest/gtest.h>

#include "template/test_data.h"

namespace periscope::tmpl {
namespace {

using testing::error_of;
using testing::inspect_output;
using testing::run;

TEST(TmplExec, TextOnlyIsCopied) { EXPECT_EQ(run("plain text\n"), "plain text\n"); }
TEST(TmplExec, FieldsAndNestedFields) {
  EXPECT_EQ(run("{{.Name}} {{.Architecture}}"), "docker.io/library/alpine amd64");
  EXPECT_EQ(run("{{.Labels.a}}"), "1");
}
TEST(TmplExec, DotPrintsTheWholeValue) {
  EXPECT_EQ(run("{{.}}", Value::string_list({"a", "b"})), "[a b]");
}
TEST(TmplExec, FieldValuesPrintTheGoWay) {
  EXPECT_EQ(run("{{.Labels}}"), "map[a:1 b:2]");
  EXPECT_EQ(run("{{.Env}}"), "[A=1 B=2]");
  EXPECT_EQ(run("{{.Created}}"), "2024-01-02 03:04:05.5 +0000 UTC");
  EXPECT_EQ(run("{{.Nothing}}"), "[]");
  EXPECT_EQ(run("{{.LayersData}}"),
            "[{application/vnd.oci.image.layer.v1.tar+gzip sha256:l1 12 map[]}]");
}
TEST(TmplExec, NilTimePrintsNil) {
  Value s = Value::structure("T", {{"Created", Value(), "", false}});
  EXPECT_EQ(run("{{.Created}}{{if .Created}}x{{end}}", s), "<nil>");
}
TEST(TmplExec, MissingMapKeyPrintsNoValue) { EXPECT_EQ(run("{{.Labels.nope}}"), "<no value>"); }
TEST(TmplExec, FieldOfNoValueIsNoValue) { EXPECT_EQ(run("{{.Labels.nope.deeper}}"), "<no value>"); }

TEST(TmplExec, TrimMarkersEatAdjacentWhitespace) {
  EXPECT_EQ(run("a  \n {{- .Os -}} \n  b"), "alinuxb");
  EXPECT_EQ(run("a {{- .Os}} b"), "alinux b");
}
TEST(TmplExec, MinusWithoutSpaceIsANumber) { EXPECT_EQ(run("x {{-3}}"), "x -3"); }
TEST(TmplExec, CommentsProduceNothing) {
  EXPECT_EQ(run("a{{/* note */}}b"), "ab");
  EXPECT_EQ(run("a {{- /* note */ -}} b"), "ab");
}

TEST(TmplExec, Literals) {
  EXPECT_EQ(run(R"({{"a\tb\u00e9"}})"), "a\tb\xC3\xA9");
  EXPECT_EQ(run("{{`raw\\n`}}"), "raw\\n");
  EXPECT_EQ(run("{{1.5}} {{1e3}} {{0x1F}} {{'a'}} {{true}} {{-7}} {{1_000}}"),
            "1.5 1000 31 97 true -7 1000");
}
TEST(TmplExec, NilIsNotACommand) {
  EXPECT_EQ(error_of("{{nil}}"),
            "template: format:1:2: executing \"format\" at <nil>: nil is not a command");
}

TEST(TmplExec, VariablesDeclareAndPrint) { EXPECT_EQ(run("{{$x := .Os}}[{{$x}}]"), "[linux]"); }
TEST(TmplExec, AssignmentUpdatesOuterVariable) {
  EXPECT_EQ(run("{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}"), "2");
}
TEST(TmplExec, DollarIsTheData) {
  EXPECT_EQ(run("{{range .RepoTags}}{{$.Os}}:{{.}} {{end}}"), "linux:3.19 linux:latest ");
}
TEST(TmplExec, VariableFieldAccess) { EXPECT_EQ(run("{{$l := .Labels}}{{$l.b}}"), "2"); }
TEST(TmplExec, VariablesEndWithTheirBlock) {
  EXPECT_EQ(error_of("{{if true}}{{$y := 1}}{{end}}{{$y}}"),
            "template: format:1: undefined variable \"$y\"");
}

TEST(TmplExec, PipelinePassesResultAsLastArgument) {
  EXPECT_EQ(run("{{.Os | upper}}"), "LINUX");
  EXPECT_EQ(run(R"({{"abc" | printf "%s-%s" "x"}})"), "x-abc");
  EXPECT_EQ(run(R"({{.Name | printf "%.6s" | upper}})"), "DOCKER");
}
TEST(TmplExec, ParenthesisedCommandsAndChains) {
  EXPECT_EQ(run("{{(index .RepoTags 1) | upper}}"), "LATEST");
  EXPECT_EQ(run("{{(index .LayersData 0).Digest}}"), "sha256:l1");
}
TEST(TmplExec, ArgumentToNonFunctionIsAnError) {
  EXPECT_EQ(error_of(R"({{"x" | .Os}})"),
            "template: format:1:8: executing \"format\" at <.Os>: Os has arguments but cannot be "
            "invoked as function");
  EXPECT_NE(error_of(R"({{"x" | $}})").find("can't give argument to non-function $"),
            std::string::npos);
}

TEST(TmplExec, IfElseIfElse) {
  const char* t = "{{if eq .Os \"windows\"}}W{{else if eq .Os \"linux\"}}L{{else}}?{{end}}";
  EXPECT_EQ(run(t), "L");
  EXPECT_EQ(run("{{if .Tag}}tag{{else}}none{{end}}"), "none");
}
TEST(TmplExec, IfTruthinessFollowsGo) {
  EXPECT_EQ(run("{{if .Nothing}}y{{else}}n{{end}}{{if .Labels}}y{{end}}{{if 0}}y{{else}}n{{end}}"),
            "nyn");
  EXPECT_EQ(run("{{if .LayersData}}{{if index .LayersData 0}}s{{end}}{{end}}"), "s");
}
TEST(TmplExec, WithSetsDotAndHasElse) {
  EXPECT_EQ(run("{{with .Labels}}{{.b}}{{end}}"), "2");
  EXPECT_EQ(run("{{with .Tag}}{{.}}{{else}}untagged{{end}}"), "untagged");
  EXPECT_EQ(run("{{with .Tag}}t{{else with .Os}}{{.}}{{end}}"), "linux");
}
TEST(TmplExec, WithDeclaration) {
  EXPECT_EQ(run("{{with $a := .Os}}{{$a}}{{.}}{{end}}"), "linuxlinux");
}

TEST(TmplExec, RangeOverList) { EXPECT_EQ(run("{{range .Env}}<{{.}}>{{end}}"), "<A=1><B=2>"); }
TEST(TmplExec, RangeWithIndexAndValue) {
  EXPECT_EQ(run("{{range $i, $t := .RepoTags}}{{$i}}={{$t}};{{end}}"), "0=3.19;1=latest;");
}
TEST(TmplExec, RangeWithOneVariableGetsTheElement) {
  EXPECT_EQ(run("{{range $t := .RepoTags}}{{$t}},{{end}}"), "3.19,latest,");
}
TEST(TmplExec, RangeOverMapIsInKeyOrder) {
  EXPECT_EQ(run("{{range $k, $v := .Labels}}{{$k}}={{$v}} {{end}}"), "a=1 b=2 ");
}
TEST(TmplExec, RangeElseRunsWhenEmpty) {
  EXPECT_EQ(run("{{range .Nothing}}x{{else}}empty{{end}}"), "empty");
  EXPECT_EQ(run("{{range .Labels.nope}}x{{else}}none{{end}}"), "none");
}
TEST(TmplExec, RangeBreakAndContinue) {
  Value l = Value::list({1, 2, 3, 4});
  EXPECT_EQ(
      run("{{range .}}{{if eq . 2}}{{continue}}{{end}}{{if eq . 4}}{{break}}{{end}}{{.}}{{end}}",
          l),
      "13");
}
TEST(TmplExec, RangeOverInteger) { EXPECT_EQ(run("{{range 3}}{{.}}{{end}}"), "012"); }
TEST(TmplExec, RangeOverScalarIsAnError) {
  EXPECT_NE(error_of("{{range .Os}}{{end}}").find("range can't iterate over linux"),
            std::string::npos);
}

TEST(TmplExecErrors, UnknownStructFieldNamesFieldTypeAndPosition) {
  EXPECT_EQ(error_of("{{.Nope}}"),
            "template: format:1:2: executing \"format\" at <.Nope>: can't evaluate field Nope in "
            "type inspect.Output");
}
TEST(TmplExecErrors, PositionCountsLinesAndColumns) {
  EXPECT_EQ(error_of("a\n  {{.Os.Bad}}"),
            "template: format:2:4: executing \"format\" at <.Os.Bad>: can't evaluate field Bad in "
            "type string");
}
TEST(TmplExecErrors, NilPointerField) {
  Value s = Value::structure("T", {{"Created", Value(), "", false}});
  EXPECT_NE(error_of("{{.Created.Year}}", s).find("nil pointer evaluating"), std::string::npos);
}
TEST(TmplExecErrors, OutputBeforeTheErrorIsKept) {
  std::string out;
  Template t = Template::parse("a{{.Os}}{{.Nope}}b");
  EXPECT_THROW(t.execute(inspect_output(), out), Error);
  EXPECT_EQ(out, "alinux");
}

TEST(TmplParseErrors, UnknownFunction) {
  EXPECT_EQ(error_of("{{foo .}}"), "template: format:1: function \"foo\" not defined");
}
TEST(TmplParseErrors, UnclosedAction) {
  EXPECT_EQ(error_of("{{.Name"), "template: format:1: unclosed action");
}
TEST(TmplParseErrors, MissingEnd) {
  EXPECT_EQ(error_of("{{if .Name}}x"), "template: format:1: unexpected EOF");
}
TEST(TmplParseErrors, StrayEndAndElse) {
  EXPECT_EQ(error_of("x{{end}}"), "template: format:1: unexpected {{end}}");
  EXPECT_EQ(error_of("x{{else}}"), "template: format:1: unexpected {{else}}");
}
TEST(TmplParseErrors, BreakOutsideRange) {
  EXPECT_EQ(error_of("{{break}}"), "template: format:1: {{break}} outside {{range}}");
}
TEST(TmplParseErrors, ReportsTheLine) {
  EXPECT_EQ(error_of("a\nb\n{{bogus}}"), "template: format:3: function \"bogus\" not defined");
}
TEST(TmplParseErrors, BadTokens) {
  EXPECT_EQ(error_of("{{\"abc}}"), "template: format:1: unterminated quoted string");
  EXPECT_EQ(error_of("{{3x}}"), "template: format:1: bad number syntax: \"3x\"");
  EXPECT_EQ(error_of("{{/* x */ .}}"), "template: format:1: comment ends before closing delimiter");
  EXPECT_EQ(error_of("{{/* x"), "template: format:1: unclosed comment");
  EXPECT_EQ(error_of("{{(.Os}}"), "template: format:1: unclosed left paren");
  EXPECT_EQ(error_of("{{.Os)}}"), "template: format:1: unexpected right paren");
}
TEST(TmplParseErrors, MissingValue) {
  EXPECT_EQ(error_of("{{if}}{{end}}"), "template: format:1: missing value for if");
}
TEST(TmplParseErrors, LiteralAfterPipeIsNotExecutable) {
  EXPECT_EQ(error_of("{{.Os | \"x\"}}"),
            "template: format:1: non executable command in pipeline stage 2");
}
TEST(TmplParseErrors, FieldOnLiteral) {
  EXPECT_EQ(error_of("{{\"x\".Foo}}"), "template: format:1: unexpected . after term \"\"x\"\"");
}
TEST(TmplParseErrors, UnsupportedDefine) {
  EXPECT_NE(error_of("{{define \"x\"}}{{end}}").find("{{define}}"), std::string::npos);
}
TEST(TmplParseErrors, TemplateNameAppearsInMessages) {
  try {
    Template::parse("{{nope}}", "skopeo inspect");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "template: skopeo inspect:1: function \"nope\" not defined");
  }
}

}  // namespace
}  // namespace periscope::tmpl
