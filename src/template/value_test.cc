#include "template/value.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace periscope::tmpl {
namespace {

TEST(GoPrint, StringsPrintRaw) { EXPECT_EQ(go_print(Value("a \"b\"")), "a \"b\""); }
TEST(GoPrint, IntsAndBools) {
  EXPECT_EQ(go_print(Value(-42)), "-42");
  EXPECT_EQ(go_print(Value(true)), "true");
  EXPECT_EQ(go_print(Value(false)), "false");
}
TEST(GoPrint, NilPrintsAngleNil) { EXPECT_EQ(go_print(Value()), "<nil>"); }
TEST(GoPrint, NoValuePrintsAngleNoValue) { EXPECT_EQ(go_print(Value::no_value()), "<no value>"); }

TEST(GoPrint, FloatsUseShortestG) {
  EXPECT_EQ(go_print(Value(1.5)), "1.5");
  EXPECT_EQ(go_print(Value(1e21)), "1e+21");
  EXPECT_EQ(go_print(Value(1e6)), "1e+06");
  EXPECT_EQ(go_print(Value(100000.0)), "100000");
  EXPECT_EQ(go_print(Value(123456789.0)), "1.23456789e+08");
  EXPECT_EQ(go_print(Value(0.0001)), "0.0001");
  EXPECT_EQ(go_print(Value(0.00001)), "1e-05");
  EXPECT_EQ(go_print(Value(0.1)), "0.1");
  EXPECT_EQ(go_print(Value(-2.5)), "-2.5");
  EXPECT_EQ(go_print(Value(0.0)), "0");
  EXPECT_EQ(go_print(Value(3.0)), "3");
}

TEST(GoPrint, ListsAreSpaceSeparatedInBrackets) {
  EXPECT_EQ(go_print(Value::string_list({"a", "b", "c"})), "[a b c]");
  EXPECT_EQ(go_print(Value::list({1, Value(), "x"})), "[1 <nil> x]");
}
TEST(GoPrint, NilAndEmptyListsPrintEmptyBrackets) {
  EXPECT_EQ(go_print(Value::nil_list()), "[]");
  EXPECT_EQ(go_print(Value::list({})), "[]");
}
TEST(GoPrint, MapsPrintSortedKeys) {
  EXPECT_EQ(go_print(Value::string_map({{"k2", "v2"}, {"k1", "v1"}})), "map[k1:v1 k2:v2]");
}
TEST(GoPrint, NilMapPrintsEmptyMap) { EXPECT_EQ(go_print(Value::nil_map()), "map[]"); }
TEST(GoPrint, StructsPrintValuesInFieldOrder) {
  Value s = Value::structure("T", {{"B", "x", "", false},
                                   {"A", 1, "", false},
                                   {"L", Value::string_list({"p", "q"}), "", false}});
  EXPECT_EQ(go_print(s), "{x 1 [p q]}");
}
TEST(GoPrint, NestedValuesPrintRecursively) {
  Value inner = Value::structure("T", {{"M", Value::string_map({{"a", "b"}}), "", false},
                                       {"N", Value::nil_list(), "", false}});
  EXPECT_EQ(go_print(Value::list({inner, inner})), "[{map[a:b] []} {map[a:b] []}]");
}

TEST(GoPrint, UtcTimePrintsLikeGoTimeString) {
  EXPECT_EQ(go_print(Value::time("2024-01-02T03:04:05.123Z")), "2024-01-02 03:04:05.123 +0000 UTC");
}
TEST(GoPrint, TimeDropsTrailingZeroNanoseconds) {
  EXPECT_EQ(go_print(Value::time("2024-01-02T03:04:05.120000000Z")),
            "2024-01-02 03:04:05.12 +0000 UTC");
  EXPECT_EQ(go_print(Value::time("2024-01-02T03:04:05.000Z")), "2024-01-02 03:04:05 +0000 UTC");
}
TEST(GoPrint, NumericOffsetTimeNamesZoneByOffset) {
  EXPECT_EQ(go_print(Value::time("2024-01-02T03:04:05+01:00")), "2024-01-02 03:04:05 +0100 +0100");
  EXPECT_EQ(go_print(Value::time("2024-01-02T03:04:05-05:30")), "2024-01-02 03:04:05 -0530 -0530");
}
TEST(TmplTime, MalformedTextIsAUsageError) {
  EXPECT_THROW(Value::time("2024-01-02 03:04:05"), Error);
  EXPECT_THROW(Value::time("2024-13-02T03:04:05Z"), Error);
  EXPECT_THROW(Value::time("2024-01-02T03:04:05"), Error);
}
TEST(TmplTime, KeepsTheGivenText) {
  EXPECT_EQ(Value::time("2024-01-02T03:04:05+01:00").as_string(), "2024-01-02T03:04:05+01:00");
}

TEST(TmplTruthy, FollowsGo) {
  EXPECT_FALSE(Value("").truthy());
  EXPECT_FALSE(Value(0).truthy());
  EXPECT_FALSE(Value(0.0).truthy());
  EXPECT_FALSE(Value(false).truthy());
  EXPECT_FALSE(Value().truthy());
  EXPECT_FALSE(Value::list({}).truthy());
  EXPECT_FALSE(Value::nil_map().truthy());
  EXPECT_TRUE(Value("x").truthy());
  EXPECT_TRUE(Value(-1).truthy());
  EXPECT_TRUE(Value::structure("T", {}).truthy());
  EXPECT_TRUE(Value::time("2024-01-02T03:04:05Z").truthy());
}

TEST(ToJson, ScalarsAndNil) {
  EXPECT_EQ(to_json(Value(3)), Json(3));
  EXPECT_EQ(to_json(Value("s")), Json("s"));
  EXPECT_EQ(to_json(Value(true)), Json(true));
  EXPECT_TRUE(to_json(Value()).is_null());
  EXPECT_TRUE(to_json(Value::no_value()).is_null());
}
TEST(ToJson, NilContainersMarshalAsNullEmptyOnesDoNot) {
  EXPECT_TRUE(to_json(Value::nil_list()).is_null());
  EXPECT_TRUE(to_json(Value::nil_map()).is_null());
  EXPECT_EQ(go_json(to_json(Value::list({}))), "[]");
  EXPECT_EQ(go_json(to_json(Value::map({}))), "{}");
}
TEST(ToJson, StructUsesJsonNamesAndOmitempty) {
  Value s = Value::structure("T", {{"Name", "", "", true},
                                   {"Tag", "v", "tag", false},
                                   {"Env", Value::nil_list(), "", true},
                                   {"Count", 0, "count", false}});
  EXPECT_EQ(go_json(to_json(s)), R"({"tag":"v","count":0})");
}
TEST(ToJson, TimeMarshalsAsRfc3339Nano) {
  EXPECT_EQ(to_json(Value::time("2024-01-02T03:04:05.120Z")), Json("2024-01-02T03:04:05.12Z"));
  EXPECT_EQ(to_json(Value::time("2024-01-02T03:04:05+01:00")), Json("2024-01-02T03:04:05+01:00"));
  EXPECT_EQ(to_json(Value::time("2024-01-02T03:04:05+00:00")), Json("2024-01-02T03:04:05Z"));
}

TEST(GoType, NamesForErrors) {
  EXPECT_EQ(Value::string_list({"a"}).go_type(), "[]string");
  EXPECT_EQ(Value::string_map({}).go_type(), "map[string]string");
  EXPECT_EQ(Value::structure("inspect.Output", {}).go_type(), "inspect.Output");
}

}  // namespace
}  // namespace periscope::tmpl
