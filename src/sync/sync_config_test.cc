#include "sync/sync_config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "core/error.h"

namespace periscope::sync {
namespace {

using Images = std::vector<std::pair<std::string, std::vector<std::string>>>;
using Pairs = std::vector<std::pair<std::string, std::string>>;

std::vector<RegistrySection> parse(const std::string& text) {
  return parse_sync_yaml(text, "sync.yaml");
}

std::string parse_error(const std::string& text) {
  try {
    parse(text);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    return e.what();
  }
  return "";
}

TEST(SyncConfigTest, ReadsEveryKey) {
  const auto sections = parse(R"(registry.example.com:
  images:
    busybox: []
    redis: ["1.0", "2.0", "sha256:0000000000000000000000000000000011111111111111111111111111111111"]
  images-by-tag-regex:
    nginx: ^1\.13\.[12]-alpine-perl$
  images-by-semver:
    alpine: ">= 3.12.0"
  credentials:
    username: john
    password: this is a secret
  tls-verify: false
  cert-dir: /home/john/certs
  skip-existing-tags: ["v*", "1.?"]
)");
  ASSERT_EQ(sections.size(), 1u);
  const RegistrySection& s = sections[0];
  EXPECT_EQ(s.registry, "registry.example.com");
  EXPECT_EQ(s.line, 1);
  EXPECT_EQ(
      s.images,
      (Images{{"busybox", {}},
              {"redis",
               {"1.0", "2.0",
                "sha256:0000000000000000000000000000000011111111111111111111111111111111"}}}));
  EXPECT_EQ(s.images_by_tag_regex, (Pairs{{"nginx", R"(^1\.13\.[12]-alpine-perl$)"}}));
  EXPECT_EQ(s.images_by_semver, (Pairs{{"alpine", ">= 3.12.0"}}));
  ASSERT_TRUE(s.credentials);
  EXPECT_EQ(s.credentials->username, "john");
  EXPECT_EQ(s.credentials->password, "this is a secret");
  EXPECT_EQ(s.tls_verify, std::optional<bool>(false));
  EXPECT_EQ(s.cert_dir, "/home/john/certs");
  EXPECT_EQ(s.skip_existing_tags, (std::vector<std::string>{"v*", "1.?"}));
  EXPECT_TRUE(s.has_images());
}

TEST(SyncConfigTest, SectionsAndReposKeepFileOrder) {
  const auto sections = parse(R"(zeta.io:
  images: {z: [], a: [], m: []}
alpha.io:
  images: {b: []}
localhost:5000:
  images: {c: []}
)");
  ASSERT_EQ(sections.size(), 3u);
  EXPECT_EQ(sections[0].registry, "zeta.io");
  EXPECT_EQ(sections[1].registry, "alpha.io");
  EXPECT_EQ(sections[2].registry, "localhost:5000");
  EXPECT_EQ(sections[2].line, 5);
  ASSERT_EQ(sections[0].images.size(), 3u);
  EXPECT_EQ(sections[0].images[0].first, "z");
  EXPECT_EQ(sections[0].images[1].first, "a");
  EXPECT_EQ(sections[0].images[2].first, "m");
}

TEST(SyncConfigTest, EmptyFileHasNoSections) {
  EXPECT_TRUE(parse("").empty());
  EXPECT_TRUE(parse("# only a comment\n").empty());
}

TEST(SyncConfigTest, NullRegistryIsASectionWithoutImages) {
  const auto sections = parse("quay.io:\n");
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_FALSE(sections[0].has_images());
  EXPECT_FALSE(sections[0].tls_verify);
  EXPECT_FALSE(sections[0].credentials);
}

TEST(SyncConfigTest, NullRepoMeansAllTags) {
  const auto sections = parse("quay.io:\n  images:\n    busybox:\n");
  ASSERT_EQ(sections[0].images.size(), 1u);
  EXPECT_TRUE(sections[0].images[0].second.empty());
}

TEST(SyncConfigTest, UnquotedNumbersStayAsWritten) {
  const auto sections = parse("quay.io:\n  images:\n    redis: [1.10, 2.0, 010]\n");
  EXPECT_EQ(sections[0].images[0].second, (std::vector<std::string>{"1.10", "2.0", "010"}));
}

TEST(SyncConfigTest, UnknownKeysAreIgnored) {
  const auto sections = parse(R"(quay.io:
  Images: {ignored: []}
  destination-path-style: flat
  images: {kept: []}
  whatever: {deep: [1, 2]}
)");
  EXPECT_EQ(sections[0].images, (Images{{"kept", {}}}));
}

TEST(SyncConfigTest, TlsVerifyAcceptsYaml11Words) {
  EXPECT_EQ(parse("r.io:\n  tls-verify: true\n")[0].tls_verify, std::optional<bool>(true));
  EXPECT_EQ(parse("r.io:\n  tls-verify: 'no'\n")[0].tls_verify, std::optional<bool>(false));
  EXPECT_EQ(parse("r.io:\n  tls-verify: on\n")[0].tls_verify, std::optional<bool>(true));
  EXPECT_EQ(parse("r.io:\n  tls-verify: FALSE\n")[0].tls_verify, std::optional<bool>(false));
}

TEST(SyncConfigTest, TlsVerifyNullIsUnset) {
  EXPECT_FALSE(parse("r.io:\n  tls-verify:\n  cert-dir: /x\n")[0].tls_verify);
}

TEST(SyncConfigTest, QuotedTrueIsNotABoolean) {
  // yaml.v3 only resolves plain true/false; a quoted "true" is a string Go cannot put in a bool.
  EXPECT_EQ(parse_error("r.io:\n  tls-verify: \"true\"\n"),
            "sync.yaml:2: tls-verify: expected a boolean, got \"true\"");
}

TEST(SyncConfigTest, TlsVerifyGarbageIsAnError) {
  EXPECT_EQ(parse_error("r.io:\n  tls-verify: maybe\n"),
            "sync.yaml:2: tls-verify: expected a boolean, got \"maybe\"");
}

TEST(SyncConfigTest, EmptyCredentialsAreUnset) {
  EXPECT_FALSE(parse("r.io:\n  credentials: {username: '', password: ''}\n")[0].credentials);
}

TEST(SyncConfigTest, IdentityTokenIsReadIntoCredentials) {
  const auto sections = parse("r.io:\n  credentials: {identitytoken: tok}\n");
  ASSERT_TRUE(sections[0].credentials);
  EXPECT_EQ(sections[0].credentials->identity_token, "tok");
}

TEST(SyncConfigTest, AliasesAndMergeKeysWork) {
  const auto sections = parse(R"(common: &common
  tls-verify: false
  credentials: &creds {username: u, password: p}
a.io:
  <<: *common
  tls-verify: true
  images: {x: []}
b.io:
  credentials: *creds
)");
  ASSERT_EQ(sections.size(), 3u);
  EXPECT_EQ(sections[1].tls_verify, std::optional<bool>(true));  // its own key wins
  ASSERT_TRUE(sections[1].credentials);
  EXPECT_EQ(sections[1].credentials->username, "u");
  ASSERT_TRUE(sections[2].credentials);
  EXPECT_EQ(sections[2].credentials->password, "p");
}

TEST(SyncConfigTest, MappingMergedIntoItselfIsAnError) {
  EXPECT_EQ(parse_error("a.io: &x\n  tls-verify: true\n  <<: *x\n"),
            "sync.yaml:3: <<: a mapping cannot be merged into itself");
}

TEST(SyncConfigTest, MalformedYamlNamesFileAndLine) {
  EXPECT_EQ(parse_error("r.io:\n  images: [a\n  x: 1\n").rfind("sync.yaml:", 0), 0u);
  EXPECT_NE(parse_error("r.io:\n  images: [a\n  x: 1\n").find("invalid YAML"), std::string::npos);
}

TEST(SyncConfigTest, TopLevelMustBeAMapping) {
  EXPECT_EQ(parse_error("- a\n- b\n"),
            "sync.yaml:1: expected a mapping of registry names, got a list");
}

TEST(SyncConfigTest, RegistryMustBeAMapping) {
  EXPECT_EQ(parse_error("r.io: oops\n"),
            "sync.yaml:1: r.io: expected a mapping of sync settings, got \"oops\"");
}

TEST(SyncConfigTest, ImagesMustBeAMapping) {
  EXPECT_EQ(parse_error("r.io:\n  images: [busybox]\n"),
            "sync.yaml:2: images: expected a mapping of repository to list of tags, got a list");
}

TEST(SyncConfigTest, RepoTagsMustBeAList) {
  EXPECT_EQ(parse_error("r.io:\n  images:\n    busybox: latest\n"),
            "sync.yaml:3: busybox: expected a list of tags or digests, got \"latest\"");
}

TEST(SyncConfigTest, RepoTagMustBeAScalar) {
  EXPECT_EQ(parse_error("r.io:\n  images:\n    busybox:\n      - {a: b}\n"),
            "sync.yaml:4: busybox: expected a list of tags or digests, got a mapping in it");
}

TEST(SyncConfigTest, CertDirMustBeAString) {
  EXPECT_EQ(parse_error("r.io:\n  cert-dir: [a]\n"),
            "sync.yaml:2: cert-dir: expected a directory path, got a list");
}

TEST(SyncConfigTest, BadRegexIsReportedWhereItIs) {
  EXPECT_EQ(parse_error("r.io:\n  images-by-tag-regex:\n    nginx: ^(1\n"),
            "sync.yaml:3: nginx: error parsing regexp: missing closing ): `^(1`");
}

TEST(SyncConfigTest, BadSemverIsReportedWhereItIs) {
  EXPECT_EQ(parse_error("r.io:\n  images-by-semver:\n    alpine: '>= three'\n"),
            "sync.yaml:3: alpine: improper constraint: >= three");
}

TEST(SyncConfigTest, NullSemverIsAnEmptyAndThereforeBadConstraint) {
  EXPECT_EQ(parse_error("r.io:\n  images-by-semver:\n    alpine:\n"),
            "sync.yaml:3: alpine: improper constraint: ");
}

TEST(SyncConfigTest, DuplicateRegistryIsAnError) {
  EXPECT_EQ(parse_error("r.io:\n  images: {a: []}\nr.io:\n  images: {b: []}\n"),
            "sync.yaml:3: r.io: already defined at line 1");
}

TEST(SyncConfigTest, DuplicateRepoIsAnError) {
  EXPECT_EQ(parse_error("r.io:\n  images:\n    a: []\n    a: [x]\n"),
            "sync.yaml:4: a: already defined at line 3");
}

TEST(SyncConfigTest, DuplicateFieldIsAnErrorButDuplicateUnknownKeyIsNot) {
  EXPECT_EQ(parse_error("r.io:\n  cert-dir: /a\n  cert-dir: /b\n"),
            "sync.yaml:3: cert-dir: already defined at line 2");
  EXPECT_EQ(parse("r.io:\n  other: 1\n  other: 2\n").size(), 1u);
}

TEST(SyncConfigTest, LoadReadsTheFile) {
  char path[] = "/tmp/sync_config_test_XXXXXX";
  const int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  close(fd);
  std::ofstream(path) << "quay.io:\n  images: {busybox: [latest]}\n";
  const auto sections = load_sync_yaml(path);
  std::remove(path);
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].images, (Images{{"busybox", {"latest"}}}));
}

TEST(SyncConfigTest, MissingFileIsAnIoErrorWordedAsGo) {
  try {
    load_sync_yaml("/nonexistent/sync.yaml");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kIo);
    EXPECT_STREQ(e.what(), "open /nonexistent/sync.yaml: no such file or directory");
  }
}

TEST(SyncConfigTest, ErrorMessagesUseTheGivenPath) {
  try {
    parse_sync_yaml("- x\n", "/etc/periscope/sync.yml");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("/etc/periscope/sync.yml:1: ", 0), 0u);
  }
}

}  // namespace
}  // namespace periscope::sync
