#include "config/registry_match.h"

#include <gtest/gtest.h>

namespace periscope::config {
namespace {

RegistriesConf conf(std::string_view text) { return parse_registries_conf(text, "/r", false); }

std::vector<std::string> sources(const RegistriesConf& c, std::string_view ref) {
  reference::Named n = reference::parse_normalized_named(ref);
  std::vector<std::string> out;
  for (const auto& s : pull_sources(find_registry(c, n.name()), n)) out.push_back(s.ref.string());
  return out;
}

TEST(RegistryMatch, PrefixMatchesAtBoundaries) {
  EXPECT_EQ(ref_matching_prefix("example.com/foo/bar:1", "example.com/foo"), 15);
  EXPECT_EQ(ref_matching_prefix("example.com/foobar", "example.com/foo"), -1);
  EXPECT_EQ(ref_matching_prefix("example.com", "example.com"), 11);
  EXPECT_EQ(ref_matching_prefix("example.com:5000/x", "example.com"),
            11);  // upstream's documented quirk
  EXPECT_EQ(ref_matching_prefix("example.co", "example.com"), -1);
}

TEST(RegistryMatch, WildcardMatchesSubdomainsOnly) {
  EXPECT_EQ(ref_matching_prefix("a.b.example.com/x", "*.example.com"), 15);
  EXPECT_EQ(ref_matching_prefix("example.com/x", "*.example.com"), -1);
  EXPECT_EQ(ref_matching_prefix("other.io/a.example.com", "*.example.com"), -1);  // not in the host
  EXPECT_EQ(ref_matching_prefix("a.example.community/x", "*.example.com"), -1);
}

TEST(RegistryMatch, LongestPrefixWins) {
  auto c = conf(R"(
[[registry]]
location = "q.io"
[[registry]]
prefix = "q.io/team"
location = "q.io/team"
blocked = true
[[registry]]
prefix = "*.q.io"
insecure = true
)");
  EXPECT_EQ(find_registry(c, "q.io/team/app")->prefix, "q.io/team");
  EXPECT_EQ(find_registry(c, "q.io/other")->prefix, "q.io");
  EXPECT_EQ(find_registry(c, "eu.q.io/x")->prefix, "*.q.io");
  EXPECT_EQ(find_registry(c, "z.io/x"), nullptr);
}

TEST(RegistryMatch, MirrorsFirstThenPrimaryWithRewrite) {
  auto c = conf(R"(
[[registry]]
prefix = "example.com/foo"
location = "primary.io/bar"
[[registry.mirror]]
location = "m1.io/cache"
[[registry.mirror]]
location = "m2.io:5000"
)");
  EXPECT_EQ(
      sources(c, "example.com/foo/app:1"),
      (std::vector<std::string>{"m1.io/cache/app:1", "m2.io:5000/app:1", "primary.io/bar/app:1"}));
}

TEST(RegistryMatch, WithoutEntryTheReferenceItself) {
  auto c = conf("");
  EXPECT_EQ(sources(c, "q.io/a:1"), std::vector<std::string>{"q.io/a:1"});
}

TEST(RegistryMatch, DigestOnlyMirrorIsSkippedForTags) {
  auto c = conf(R"(
[[registry]]
location = "p.io"
[[registry.mirror]]
location = "digests.io"
pull-from-mirror = "digest-only"
[[registry.mirror]]
location = "tags.io"
pull-from-mirror = "tag-only"
)");
  const std::string digest = "sha256:" + std::string(64, 'a');
  EXPECT_EQ(sources(c, "p.io/x:1"), (std::vector<std::string>{"tags.io/x:1", "p.io/x:1"}));
  EXPECT_EQ(sources(c, "p.io/x@" + digest),
            (std::vector<std::string>{"digests.io/x@" + digest, "p.io/x@" + digest}));
}

TEST(RegistryMatch, MirrorByDigestOnlyAppliesToAllMirrors) {
  auto c = conf(
      "[[registry]]\nlocation = \"p.io\"\nmirror-by-digest-only = "
      "true\n[[registry.mirror]]\nlocation = \"m.io\"\n");
  EXPECT_EQ(sources(c, "p.io/x:1"), std::vector<std::string>{"p.io/x:1"});
  EXPECT_EQ(sources(c, "p.io/x@sha256:" + std::string(64, 'b')).size(), 2u);
}

TEST(RegistryMatch, WildcardWithoutLocationKeepsReference) {
  auto c =
      conf("[[registry]]\nprefix = \"*.p.io\"\n[[registry.mirror]]\nlocation = \"m.io/all\"\n");
  EXPECT_EQ(sources(c, "eu.p.io/ns/x:1"),
            (std::vector<std::string>{"m.io/all/ns/x:1", "eu.p.io/ns/x:1"}));
}

TEST(RegistryMatch, DockerHubNamesAreNormalizedBeforeMatching) {
  auto c = conf(
      "[[registry]]\nlocation = \"docker.io\"\n[[registry.mirror]]\nlocation = \"hub-cache.io\"\n");
  EXPECT_EQ(sources(c, "busybox"), (std::vector<std::string>{"hub-cache.io/library/busybox",
                                                             "docker.io/library/busybox"}));
}

}  // namespace
}  // namespace periscope::config
