#include "manifest/go_struct.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "manifest/go_types.h"

namespace periscope::manifest::go {
namespace {

const Struct& sample() {
  static const Struct s{"Sample",
                        {{"name", Kind::kString},
                         {"Name", Kind::kString},
                         {"tags", Kind::kStringSlice, true},
                         {"labels", Kind::kStringMap},
                         {"count", Kind::kInt, true},
                         {"when", Kind::kTime, false, true}}};
  return s;
}

Json decode(std::string_view text) { return unmarshal(parse_json(text), sample()); }

TEST(GoStruct, MatchesKeysCaseInsensitively) {
  EXPECT_EQ(decode(R"({"TAGS": ["a"]})")["tags"], Json::array({"a"}));
}

TEST(GoStruct, PrefersTheExactlyMatchingField) {
  Json d = decode(R"({"Name": "upper", "NAME": "folded"})");
  EXPECT_EQ(d["Name"], "upper");   // exact
  EXPECT_EQ(d["name"], "folded");  // first field equal under folding
}

TEST(GoStruct, NullLeavesAScalarButClearsASlice) {
  Json d = decode(R"({"name": "x", "tags": ["a"], "NAME": null, "TAGS": null})");
  EXPECT_EQ(d["name"], "x");
  EXPECT_FALSE(d.contains("tags"));
}

TEST(GoStruct, MergesRepeatedMaps) {
  Json d = decode(R"({"labels": {"a": "1"}, "Labels": {"b": "2"}})");
  EXPECT_EQ(d["labels"], (Json{{"a", "1"}, {"b", "2"}}));
}

TEST(GoStruct, ReportsTypeErrorsAsGoDoes) {
  try {
    decode(R"({"count": "3"})");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "json: cannot unmarshal string into Go struct field Sample.count of type int");
  }
}

TEST(GoStruct, RejectsFractionalIntegers) { EXPECT_THROW(decode(R"({"count": 1.5})"), Error); }

TEST(GoStruct, RejectsATopLevelArray) {
  try {
    decode("[]");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "json: cannot unmarshal array into Go value of type Sample");
  }
}

TEST(GoStruct, ReportsTruncatedJson) {
  try {
    parse_json(R"({"a": )");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "unexpected end of JSON input");
  }
}

TEST(GoStruct, MarshalWritesZeroValuesAndHonoursOmitempty) {
  Json out = marshal(decode(R"({"count": 0, "unknown": 1})"), sample());
  EXPECT_EQ(out.dump(), R"({"name":"","Name":"","labels":null,"when":null})");
}

TEST(GoStruct, MarshalSortsMapKeys) {
  Json out = marshal(decode(R"({"labels": {"z": "1", "a": "2"}})"), sample());
  EXPECT_EQ(out["labels"].dump(), R"({"a":"2","z":"1"})");
}

TEST(GoStruct, StrSliceAcceptsASingleString) {
  Json d = unmarshal(parse_json(R"({"Cmd": "sh"})"), schema2_config());
  EXPECT_EQ(d["Cmd"], Json::array({"sh"}));
}

TEST(GoStruct, GoQuoteEscapesLikeStrconvQuote) {
  EXPECT_EQ(go_quote("a\"b\\c\n\x01"), R"("a\"b\\c\n\x01")");
}

}  // namespace
}  // namespace periscope::manifest::go
