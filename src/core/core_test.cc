#include <gtest/gtest.h>

#include "core/base64.h"
#include "core/digest.h"
#include "core/duration.h"
#include "core/error.h"
#include "core/go_json.h"

namespace periscope {
namespace {

TEST(Digest, Sha256OfKnownInput) {
  EXPECT_EQ(Digest::sha256_of("").str(),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Digest::sha256_of("abc").str(),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Digest, ParseRejectsBadDigests) {
  EXPECT_THROW(Digest::parse("sha256:abc"), Error);
  EXPECT_THROW(Digest::parse("md5:d41d8cd98f00b204e9800998ecf8427e"), Error);
  EXPECT_THROW(Digest::parse("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), Error);
  EXPECT_THROW(Digest::parse("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"), Error);
  auto d = Digest::parse("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(d.algorithm(), "sha256");
  EXPECT_EQ(d.hex().size(), 64u);
}

TEST(Base64, RoundTripsAllPaddings) {
  EXPECT_EQ(base64_encode("user:pass"), "dXNlcjpwYXNz");
  EXPECT_EQ(base64_encode("a"), "YQ==");
  EXPECT_EQ(base64_encode("ab"), "YWI=");
  EXPECT_EQ(base64_decode("YWI="), "ab");
  EXPECT_EQ(base64_decode("YQ"), "a");
  EXPECT_FALSE(base64_decode("!!").has_value());
}

TEST(GoDuration, ParsesGoSyntax) {
  using namespace std::chrono;
  EXPECT_EQ(parse_go_duration("300ms"), milliseconds(300));
  EXPECT_EQ(parse_go_duration("1h2m3s"), hours(1) + minutes(2) + seconds(3));
  EXPECT_EQ(parse_go_duration("1.5s"), milliseconds(1500));
  EXPECT_EQ(parse_go_duration("0"), nanoseconds(0));
  EXPECT_THROW(parse_go_duration("10"), Error);
  EXPECT_THROW(parse_go_duration("abc"), Error);
  EXPECT_THROW(parse_go_duration("5x"), Error);
}

TEST(GoJson, IndentsLikeMarshalIndent) {
  Json j = Json::object();
  j["Name"] = "a";
  j["Tags"] = Json::array({"x", "y"});
  j["Empty"] = Json::array();
  j["Labels"] = nullptr;
  EXPECT_EQ(go_json(j, {.indent = 4}),
            "{\n    \"Name\": \"a\",\n    \"Tags\": [\n        \"x\",\n        \"y\"\n    ],\n"
            "    \"Empty\": [],\n    \"Labels\": null\n}");
}

TEST(GoJson, EscapesHtmlAndControlCharactersAsGo) {
  EXPECT_EQ(go_json(Json("<a&b>\x01\n")), "\"\\u003ca\\u0026b\\u003e\\u0001\\n\"");
  EXPECT_EQ(go_json(Json("<a>"), {.escape_html = false}), "\"<a>\"");
  EXPECT_EQ(go_json(Json("\xE2\x80\xA8")), "\"\\u2028\"");
}

TEST(GoJson, CompactHasNoSpaces) {
  Json j = Json::object();
  j["a"] = 1;
  j["b"] = Json::object();
  EXPECT_EQ(go_json(j), "{\"a\":1,\"b\":{}}");
}

TEST(Error, ExitCodeTwoOnlyForNotFound) {
  EXPECT_EQ(exit_code_for(ErrorKind::kNotFound), 2);
  EXPECT_EQ(exit_code_for(ErrorKind::kAuth), 1);
  EXPECT_EQ(exit_code_for(ErrorKind::kUsage), 1);
}

}  // namespace
}  // namespace periscope
