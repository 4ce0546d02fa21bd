#include "config/registries_conf.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace periscope::config {
namespace {

std::string error_of(std::string_view text, bool drop_in = false) {
  try {
    parse_registries_conf(text, "/etc/r.conf", drop_in);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    return e.what();
  }
  return "";
}

TEST(RegistriesConf, ParsesRegistryWithMirrors) {
  auto c = parse_registries_conf(R"(
[[registry]]
prefix = "example.com/foo"
location = "internal.example.com/bar/"
insecure = true
[[registry.mirror]]
location = "mirror-1.example.com"
pull-from-mirror = "digest-only"
[[registry.mirror]]
location = "mirror-2.example.com"
insecure = true
)",
                                 "/r.conf", false);
  ASSERT_EQ(c.registries.size(), 1u);
  const Registry& r = c.registries[0];
  EXPECT_EQ(r.prefix, "example.com/foo");
  EXPECT_EQ(r.endpoint.location, "internal.example.com/bar");  // trailing slash dropped
  EXPECT_TRUE(r.endpoint.insecure);
  ASSERT_EQ(r.mirrors.size(), 2u);
  EXPECT_EQ(r.mirrors[0].pull_from_mirror, PullFromMirror::kDigestOnly);
  EXPECT_FALSE(r.mirrors[0].insecure);
  EXPECT_TRUE(r.mirrors[1].insecure);
}

TEST(RegistriesConf, PrefixDefaultsToLocation) {
  auto c = parse_registries_conf("[[registry]]\nlocation = \"a.example\"\nblocked = true\n", "/r",
                                 false);
  EXPECT_EQ(c.registries.at(0).prefix, "a.example");
  EXPECT_TRUE(c.registries.at(0).blocked);
}

TEST(RegistriesConf, DuplicatePrefixKeepsTheFirstAndSorts) {
  auto c = parse_registries_conf(R"(
[[registry]]
location = "z.example"
[[registry]]
prefix = "a.example"
location = "first.example"
[[registry]]
prefix = "a.example"
location = "second.example"
)",
                                 "/r", false);
  ASSERT_EQ(c.registries.size(), 2u);
  EXPECT_EQ(c.registries[0].prefix, "a.example");
  EXPECT_EQ(c.registries[0].endpoint.location, "first.example");
  EXPECT_EQ(c.registries[1].prefix, "z.example");
}

TEST(RegistriesConf, TopLevelSettings) {
  auto c = parse_registries_conf(R"(
unqualified-search-registries = ["quay.io", "docker.io"]
short-name-mode = "enforcing"
credential-helpers = ["pass", "containers-auth.json"]
[aliases]
"app" = "quay.io/team/app"
"alpine" = "docker.io/alpine"
)",
                                 "/r", false);
  EXPECT_EQ(*c.unqualified_search_registries, (std::vector<std::string>{"quay.io", "docker.io"}));
  EXPECT_EQ(c.unqualified_search_origin, "/r");
  EXPECT_EQ(c.short_name_mode, ShortNameMode::kEnforcing);
  EXPECT_EQ(credential_helpers(c), (std::vector<std::string>{"pass", "containers-auth.json"}));
  EXPECT_EQ(c.aliases.at("app").value->name(), "quay.io/team/app");
  EXPECT_EQ(c.aliases.at("alpine").value->name(), "docker.io/library/alpine");
}

TEST(RegistriesConf, CredentialHelpersDefaultToAuthFiles) {
  auto c = parse_registries_conf("", "/r", false);
  EXPECT_EQ(credential_helpers(c), (std::vector<std::string>{"containers-auth.json"}));
}

TEST(RegistriesConf, V1LayoutIsConverted) {
  auto c = parse_registries_conf(R"(
[registries.search]
registries = ["s.example"]
[registries.insecure]
registries = ["i.example"]
[registries.block]
registries = ["b.example"]
)",
                                 "/r", false);
  EXPECT_EQ(*c.unqualified_search_registries, std::vector<std::string>{"s.example"});
  ASSERT_EQ(c.registries.size(), 2u);
  EXPECT_EQ(c.registries[0].prefix, "b.example");
  EXPECT_TRUE(c.registries[0].blocked);
  EXPECT_TRUE(c.registries[1].endpoint.insecure);
}

TEST(RegistriesConf, V1InDropInIsRefused) {
  EXPECT_NE(
      error_of("[registries.search]\nregistries = [\"x.io\"]\n", true).find("must be in v2 format"),
      std::string::npos);
}

TEST(RegistriesConf, MixingV1AndV2IsRefused) {
  EXPECT_NE(error_of("unqualified-search-registries = [\"a.io\"]\n[registries.search]\nregistries "
                     "= [\"x.io\"]\n")
                .find("mixing sysregistry v1/v2 is not supported"),
            std::string::npos);
}

TEST(RegistriesConf, SyntaxErrorNamesFileAndLine) {
  std::string e = error_of("[[registry]]\nlocation = \"a.example\"\ninsecure = yes\n");
  EXPECT_NE(e.find("loading registries configuration \"/etc/r.conf\": line 3: "), std::string::npos)
      << e;
}

TEST(RegistriesConf, WrongTypeNamesLineAndKey) {
  std::string e = error_of("[[registry]]\nlocation = \"a.example\"\ninsecure = \"yes\"\n");
  EXPECT_EQ(e,
            "loading registries configuration \"/etc/r.conf\": line 3: registry.insecure: expected "
            "a boolean, got a string");
}

TEST(RegistriesConf, DropInErrorSaysDropIn) {
  EXPECT_TRUE(
      error_of("x = ", true)
          .starts_with("loading drop-in registries configuration \"/etc/r.conf\": line 1: "));
}

TEST(RegistriesConf, SchemeInLocationIsRefused) {
  std::string e = error_of("\n[[registry]]\nlocation = \"https://a.example\"\n");
  EXPECT_EQ(e,
            "loading registries configuration \"/etc/r.conf\": line 2: invalid location "
            "'https://a.example': URI schemes are not supported");
}

TEST(RegistriesConf, RegistryWithoutPrefixOrLocationIsRefused) {
  EXPECT_NE(error_of("[[registry]]\ninsecure = true\n").find("both location and prefix are unset"),
            std::string::npos);
}

TEST(RegistriesConf, WildcardPrefixMayOmitLocation) {
  auto c = parse_registries_conf("[[registry]]\nprefix = \"*.example.com\"\nblocked = true\n", "/r",
                                 false);
  EXPECT_EQ(c.registries.at(0).endpoint.location, "");
  EXPECT_NE(error_of("[[registry]]\nprefix = \"example.com\"\n").find("location is unset"),
            std::string::npos);
  EXPECT_NE(error_of("[[registry]]\nprefix = \"*.example.com/ns\"\n").find("Wildcarded prefix"),
            std::string::npos);
}

TEST(RegistriesConf, MirrorErrors) {
  EXPECT_NE(error_of("[[registry]]\nlocation = \"a.io\"\n[[registry.mirror]]\ninsecure = true\n")
                .find("mirror location is unset"),
            std::string::npos);
  EXPECT_NE(error_of("[[registry]]\nlocation = \"a.io\"\n[[registry.mirror]]\nlocation = "
                     "\"m.io\"\npull-from-mirror = \"some\"\n")
                .find("unsupported pull-from-mirror value \"some\" for mirror \"m.io\""),
            std::string::npos);
  EXPECT_NE(error_of("[[registry]]\nlocation = \"a.io\"\nmirror-by-digest-only = "
                     "true\n[[registry.mirror]]\nlocation = \"m.io\"\n"
                     "pull-from-mirror = \"all\"\n")
                .find("cannot set mirror usage mirror-by-digest-only"),
            std::string::npos);
  EXPECT_NE(error_of("[[registry]]\nlocation = \"a.io\"\npull-from-mirror = \"all\"\n")
                .find("non-mirror registry"),
            std::string::npos);
}

TEST(RegistriesConf, ConflictingInsecureForOneLocation) {
  std::string e = error_of(
      "[[registry]]\nprefix = \"x.io\"\nlocation = \"a.io\"\n[[registry]]\nprefix = \"y.io\"\n"
      "location = \"a.io\"\ninsecure = true\n");
  EXPECT_EQ(e,
            "loading registries configuration \"/etc/r.conf\": line 4: registry 'a.io' is defined "
            "multiple times with "
            "conflicting 'insecure' setting");
}

TEST(RegistriesConf, BadSearchRegistryAndMode) {
  EXPECT_NE(error_of("unqualified-search-registries = [\"a.io/ns\"]\n")
                .find("Invalid unqualified-search-registries entry \"a.io/ns\""),
            std::string::npos);
  EXPECT_EQ(error_of("short-name-mode = \"strict\"\n"),
            "loading registries configuration \"/etc/r.conf\": line 1: invalid short-name mode: "
            "\"strict\"");
}

TEST(RegistriesConf, BadAliases) {
  EXPECT_NE(
      error_of("[aliases]\n\"quay.io/x\" = \"quay.io/x\"\n").find("must not contain registry"),
      std::string::npos);
  EXPECT_NE(error_of("[aliases]\n\"x\" = \"x\"\n").find("must contain registry and repository"),
            std::string::npos);
  EXPECT_NE(error_of("[aliases]\n\"x\" = \"quay.io/x:1\"\n").find("must not contain tag"),
            std::string::npos);
  EXPECT_NE(error_of("[aliases]\n\"x:1\" = \"quay.io/x\"\n").find("must not contain tag"),
            std::string::npos);
}

TEST(RegistriesConf, MergeReplacesByPrefixAndKeepsUnsetFields) {
  RegistriesConf base = parse_registries_conf(R"(
unqualified-search-registries = ["a.io"]
short-name-mode = "enforcing"
[[registry]]
location = "r.io"
[[registry]]
location = "keep.io"
[aliases]
"x" = "a.io/x"
"y" = "a.io/y"
)",
                                              "/base", false);
  merge(base, parse_registries_conf(R"(
[[registry]]
location = "r.io"
blocked = true
[aliases]
"y" = ""
)",
                                    "/d/1.conf", true));
  EXPECT_EQ(*base.unqualified_search_registries, std::vector<std::string>{"a.io"});
  EXPECT_EQ(base.short_name_mode, ShortNameMode::kEnforcing);
  ASSERT_EQ(base.registries.size(), 2u);
  EXPECT_EQ(base.registries[0].prefix, "keep.io");
  EXPECT_TRUE(base.registries[1].blocked);
  EXPECT_TRUE(base.aliases.at("x").value);
  EXPECT_FALSE(base.aliases.at("y").value);  // reset by the drop-in
  EXPECT_EQ(base.aliases.at("y").origin, "/d/1.conf");
}

TEST(RegistriesConf, MergeEmptySearchListReplaces) {
  RegistriesConf base =
      parse_registries_conf("unqualified-search-registries = [\"a.io\"]\n", "/b", false);
  merge(base, parse_registries_conf("unqualified-search-registries = []\n", "/d", true));
  EXPECT_TRUE(base.unqualified_search_registries->empty());
  EXPECT_EQ(base.unqualified_search_origin, "/d");
}

TEST(RegistriesConf, AliasFileReadsOnlyAliases) {
  auto a = parse_alias_file("[aliases]\n\"tool\" = \"quay.io/t/tool\"\n", "/cache/a.conf");
  EXPECT_EQ(a.at("tool").value->name(), "quay.io/t/tool");
  EXPECT_EQ(a.at("tool").origin, "/cache/a.conf");
}

}  // namespace
}  // namespace periscope::config
