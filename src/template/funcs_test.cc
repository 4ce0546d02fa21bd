#include "template/funcs.h"

#include <gtest/gtest.h>

#include "template/test_data.h"

namespace periscope::tmpl {
namespace {

using testing::error_of;
using testing::run;

TEST(TmplFuncs, AndReturnsFirstFalseOrLast) { EXPECT_EQ(run("{{and 1 0 2}}|{{and 1 2}}"), "0|2"); }
TEST(TmplFuncs, OrReturnsFirstTrueOrLast) {
  EXPECT_EQ(run(R"({{or 0 "" "x"}}|{{or 0 ""}}|)"), "x||");
}
TEST(TmplFuncs, AndOrShortCircuit) { EXPECT_EQ(run("{{or 1 .Nope}} {{and 0 .Nope}}"), "1 0"); }
TEST(TmplFuncs, AndUsesPipedValueLast) { EXPECT_EQ(run("{{.Os | and 1}}"), "linux"); }
TEST(TmplFuncs, Not) { EXPECT_EQ(run(R"({{not ""}} {{not .Os}})"), "true false"); }

TEST(TmplFuncs, LenOfStringListAndMap) {
  EXPECT_EQ(run("{{len .Env}} {{len .Labels}} {{len \"h\xC3\xA9\"}} {{len .Nothing}}"), "2 2 3 0");
}
TEST(TmplFuncs, LenOfIntIsAnError) {
  EXPECT_EQ(
      error_of("{{len 3}}"),
      "template: format:1:2: executing \"format\" at <len 3>: error calling len: len of type int");
}

TEST(TmplFuncs, IndexListMapAndNested) {
  EXPECT_EQ(run(R"({{index .RepoTags 1}} {{index .Labels "b"}})"), "latest 2");
  Value nested = Value::map({{"k", Value::string_list({"x", "y"})}}, Value());
  EXPECT_EQ(run(R"({{index . "k" 1}})", nested), "y");
}
TEST(TmplFuncs, IndexMissingMapKeyIsTheElementZero) {
  EXPECT_EQ(run(R"([{{index .Labels "nope"}}])"), "[]");
}
TEST(TmplFuncs, IndexOfStringIsAByte) { EXPECT_EQ(run(R"({{index "abc" 1}})"), "98"); }
TEST(TmplFuncs, IndexOutOfRange) {
  EXPECT_NE(error_of("{{index .RepoTags 5}}").find("error calling index: index out of range: 5"),
            std::string::npos);
  EXPECT_NE(error_of("{{index .RepoTags 2}}").find("reflect: slice index out of range"),
            std::string::npos);
}
TEST(TmplFuncs, IndexWithWrongKeyType) {
  EXPECT_NE(error_of("{{index .Labels 1}}").find("value has type int; should be string"),
            std::string::npos);
  EXPECT_NE(error_of("{{index .Os \"a\"}}").find("cannot index slice/array with type string"),
            std::string::npos);
}

TEST(TmplFuncs, SliceStringsAndLists) {
  EXPECT_EQ(run(R"({{slice "abcdef" 1 3}} {{slice .Env 1}} {{slice .Env}})"), "bc [B=2] [A=1 B=2]");
}
TEST(TmplFuncs, SliceBadIndexes) {
  EXPECT_NE(error_of(R"({{slice "abc" 2 1}})").find("invalid slice index: 2 > 1"),
            std::string::npos);
  EXPECT_NE(error_of(R"({{slice "abc" 0 1 2}})").find("cannot 3-index slice a string"),
            std::string::npos);
}

TEST(TmplFuncs, EqWithOneOrManyCandidates) {
  EXPECT_EQ(run(R"({{eq 1 1}} {{eq "a" "b" "a"}} {{eq "a" "b" "c"}} {{eq .Size 42}})"),
            "true true false true");
}
TEST(TmplFuncs, EqOfIntAndFloatIsAnError) {
  EXPECT_NE(error_of("{{eq 1 1.0}}")
                .find("error calling eq: incompatible types for comparison: int and float64"),
            std::string::npos);
}
TEST(TmplFuncs, EqWithNilOrMissingValues) {
  EXPECT_EQ(run(R"({{eq .Labels.nope "x"}} {{eq .Nothing nil}} {{eq .Env nil}})"),
            "false true false");
}
TEST(TmplFuncs, Ordering) {
  EXPECT_EQ(run(R"({{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ge 1 2}} {{lt 1.5 2.5}})"),
            "true true true true false true");
}
TEST(TmplFuncs, OrderingBoolsIsAnError) {
  EXPECT_NE(error_of("{{lt true false}}").find("invalid type for comparison"), std::string::npos);
}

TEST(TmplFuncs, PrintAddsSpacesOnlyBetweenNonStrings) {
  EXPECT_EQ(run(R"({{print "a" "b"}}|{{print 1 2 "c" 3 4}}|{{print "a" 1 "b"}})"),
            "ab|1 2c3 4|a1b");
}
TEST(TmplFuncs, PrintlnAlwaysSeparatesAndEndsTheLine) {
  EXPECT_EQ(run(R"({{println "a" 1}})"), "a 1\n");
}
TEST(TmplFuncs, PrintfFormats) { EXPECT_EQ(run(R"({{printf "%s=%d" .Os .Size}})"), "linux=42"); }

TEST(TmplFuncs, JsonIsCompactWithoutHtmlEscaping) {
  EXPECT_EQ(run(R"({{json "<a&b>"}})"), R"("<a&b>")");
  EXPECT_EQ(run("{{json .Labels}} {{json .Env}} {{json .Nothing}} {{json .Labels.nope}}"),
            R"({"a":"1","b":"2"} ["A=1","B=2"] null null)");
}
TEST(TmplFuncs, JsonOfStructHonoursOmitempty) {
  Value s = Value::structure("T", {{"Name", "", "", true},
                                   {"Tag", "x", "tag", false},
                                   {"Created", Value::time("2024-01-02T03:04:05Z"), "", false}});
  EXPECT_EQ(run("{{json .}}", s), R"({"tag":"x","Created":"2024-01-02T03:04:05Z"})");
}

TEST(TmplFuncs, LowerUpperTitle) {
  EXPECT_EQ(run(R"({{lower "AbC"}} {{upper "aBc"}} {{title "hello wide-world_x"}})"),
            "abc ABC Hello Wide-World_x");
}
TEST(TmplFuncs, JoinAndSplit) {
  EXPECT_EQ(run(R"({{join .Env ","}} {{join (split "a:b:c" ":") "-"}} {{split "a,b" ","}})"),
            "A=1,B=2 a-b-c [a b]");
}
TEST(TmplFuncs, SplitEdgeCases) {
  EXPECT_EQ(run(R"({{len (split "" ",")}} {{split "ab" ""}})"), "1 [a b]");
}
TEST(TmplFuncs, JoinNeedsAStringList) {
  EXPECT_NE(error_of(R"({{join .LayersData ","}})").find("wrong type for value; expected []string"),
            std::string::npos);
}
TEST(TmplFuncs, Truncate) {
  EXPECT_EQ(run(R"({{truncate "abcdef" 3}} {{truncate "ab" 3}} {{truncate "abc" 3}})"),
            "abc ab abc");
}
TEST(TmplFuncs, PadOnlyNonEmpty) {
  EXPECT_EQ(run(R"([{{pad "x" 2 1}}][{{pad "" 2 2}}])"), "[  x ][]");
}
TEST(TmplFuncs, Escapers) {
  EXPECT_EQ(run(R"({{html "<a href='x'>"}})"), "&lt;a href=&#39;x&#39;&gt;");
  EXPECT_EQ(run(R"({{urlquery "a b&c"}})"), "a+b%26c");
  EXPECT_EQ(run(R"({{js "a'b<"}})"), "a\\'b\\u003C");
}

TEST(TmplFuncErrors, WrongConstantType) {
  EXPECT_EQ(error_of("{{upper 5}}"),
            "template: format:1:8: executing \"format\" at <5>: expected string; found 5");
  EXPECT_NE(error_of(R"({{truncate "a" "b"}})").find("expected integer; found \"b\""),
            std::string::npos);
}
TEST(TmplFuncErrors, WrongValueType) {
  EXPECT_NE(error_of("{{upper .Size}}").find("wrong type for value; expected string; got int"),
            std::string::npos);
  EXPECT_NE(error_of("{{.Size | upper}}").find("wrong type for value; expected string; got int"),
            std::string::npos);
}
TEST(TmplFuncErrors, MissingValueForStringParameter) {
  EXPECT_NE(error_of("{{upper .Labels.nope}}").find("invalid value; expected string"),
            std::string::npos);
}
TEST(TmplFuncErrors, NilForStringParameter) {
  EXPECT_NE(error_of("{{upper nil}}").find("cannot assign nil to string"), std::string::npos);
}
TEST(TmplFuncErrors, WrongNumberOfArgs) {
  EXPECT_EQ(error_of("{{upper}}"),
            "template: format:1:2: executing \"format\" at <upper>: wrong number of args for "
            "upper: want 1 got 0");
  EXPECT_NE(error_of("{{index}}").find("wrong number of args for index: want at least 1 got 0"),
            std::string::npos);
}

TEST(TmplFuncTable, HasGoBuiltinsAndReportFunctions) {
  for (const char* name :
       {"and",  "or",   "not",  "len",   "index",  "slice",   "eq",    "ne",       "lt",
        "le",   "gt",   "ge",   "print", "printf", "println", "html",  "js",       "urlquery",
        "call", "join", "json", "lower", "pad",    "split",   "title", "truncate", "upper"}) {
    EXPECT_NE(find_function(name), nullptr) << name;
  }
  EXPECT_EQ(find_function("default"), nullptr);
}

}  // namespace
}  // namespace periscope::tmpl
