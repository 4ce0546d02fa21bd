#include "reference/grammar.h"

#include <gtest/gtest.h>

#include <string>

namespace periscope::reference {
namespace {

TEST(Grammar, DomainAllowsUppercaseDashesAndPort) {
  EXPECT_TRUE(is_domain("Sub-Dom1.Foo.com:8080"));
  EXPECT_TRUE(is_domain("localhost"));
}

TEST(Grammar, DomainRejectsEmptyLabelsAndUnderscores) {
  EXPECT_FALSE(is_domain("a..b"));
  EXPECT_FALSE(is_domain(".a"));
  EXPECT_FALSE(is_domain("a_b.com"));
  EXPECT_FALSE(is_domain("a-.com"));
  EXPECT_FALSE(is_domain("a:1:2"));
  EXPECT_FALSE(is_domain("[::1]"));
}

TEST(Grammar, PathComponentSeparators) {
  EXPECT_TRUE(is_path_component("a.b_c__d---e"));
  EXPECT_FALSE(is_path_component("a___b"));
  EXPECT_FALSE(is_path_component("a.-b"));
  EXPECT_FALSE(is_path_component("a."));
  EXPECT_FALSE(is_path_component("A"));
}

TEST(Grammar, RemoteNameNeedsNonEmptyComponents) {
  EXPECT_TRUE(is_remote_name("a/b/c"));
  EXPECT_FALSE(is_remote_name("a//b"));
  EXPECT_FALSE(is_remote_name(""));
}

TEST(Grammar, DigestSyntaxNeeds32HexAndLetterLedAlgorithm) {
  EXPECT_TRUE(is_digest_syntax("sha256+b64u.x:" + std::string(32, 'F')));
  EXPECT_FALSE(is_digest_syntax("sha256:" + std::string(31, 'f')));
  EXPECT_FALSE(is_digest_syntax("1sha:" + std::string(32, 'f')));
  EXPECT_FALSE(is_digest_syntax("sha--256:" + std::string(32, 'f')));
}

TEST(Grammar, ColonBeforeSlashIsAPortNotATag) {
  auto m = match_reference("a:1/b");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->name, "a:1/b");
  EXPECT_EQ(m->tag, "");
}

TEST(Grammar, NameSplitFallsBackToNoDomain) {
  auto m = match_name("foo_bar.com/x");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->domain, "");
  EXPECT_EQ(m->path, "foo_bar.com/x");
}

TEST(Grammar, VeryLongInputIsHandledWithoutRecursion) {
  EXPECT_TRUE(is_remote_name(std::string(1'000'000, 'a')));
}

}  // namespace
}  // namespace periscope::reference
