#include "registry/auth_challenge.h"

#include <gtest/gtest.h>

#include "registry/link_header.h"

namespace periscope::registry {
namespace {

TEST(AuthChallenge, ParsesBearerWithQuotedParams) {
  auto c = parse_challenges(
      R"(Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push")");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].scheme, "bearer");
  EXPECT_EQ(c[0].param("realm"), "https://auth.example.com/token");
  EXPECT_EQ(c[0].param("service"), "registry.example.com");
  EXPECT_EQ(c[0].param("scope"), "repository:a/b:pull,push");
}

TEST(AuthChallenge, ParsesBasicAndLowercasesNames) {
  auto c = parse_challenges(R"(Basic Realm="Registry Realm")");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].scheme, "basic");
  EXPECT_EQ(c[0].param("realm"), "Registry Realm");
}

TEST(AuthChallenge, ParsesSeveralChallengesInOneHeader) {
  auto c = parse_challenges(R"(Basic realm="x", Bearer realm="https://t/token", service=reg)");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].scheme, "basic");
  EXPECT_EQ(c[1].scheme, "bearer");
  EXPECT_EQ(c[1].param("service"), "reg");
}

TEST(AuthChallenge, UnescapesQuotedPairs) {
  auto c = parse_challenges(R"(Bearer realm="a\"b")");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].param("realm"), "a\"b");
}

TEST(AuthChallenge, EmptyHeaderGivesNothing) { EXPECT_TRUE(parse_challenges("").empty()); }

TEST(LinkHeader, FindsNextLink) {
  EXPECT_EQ(next_link(R"(</v2/r/tags/list?last=b&n=100>; rel="next")"), "/v2/r/tags/list?last=b&n=100");
}

TEST(LinkHeader, IgnoresOtherRelations) {
  EXPECT_EQ(next_link(R"(</a>; rel="prev", </b>; rel="next")"), "/b");
  EXPECT_FALSE(next_link(R"(</a>; rel="prev")").has_value());
  EXPECT_FALSE(next_link("").has_value());
}

TEST(LinkHeader, AcceptsUnquotedRel) { EXPECT_EQ(next_link("</c?last=x>; rel=next"), "/c?last=x"); }

TEST(LinkHeader, ResolvesAgainstRequestUrl) {
  EXPECT_EQ(resolve_url("https://h:5000/v2/r/tags/list", "/v2/r/tags/list?last=a"),
            "https://h:5000/v2/r/tags/list?last=a");
  EXPECT_EQ(resolve_url("https://h/v2/x", "https://o/y"), "https://o/y");
  EXPECT_EQ(resolve_url("http://h/v2/r/tags/list?n=1", "list?last=z"), "http://h/v2/r/tags/list?last=z");
}

}  // namespace
}  // namespace periscope::registry
