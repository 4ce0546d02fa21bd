#include "reference/auth_key.h"

#include <gtest/gtest.h>

#include <string>

#include "core/error.h"

namespace periscope::reference {
namespace {

std::string key_error(std::string_view arg) {
  try {
    parse_credentials_key(arg);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    return e.what();
  }
  return "<no error>";
}

TEST(AuthKey, HostIsKeptAsIs) {
  CredentialsKey k = parse_credentials_key("quay.io");
  EXPECT_EQ(k.key, "quay.io");
  EXPECT_EQ(k.registry, "quay.io");
}

TEST(AuthKey, HostWithPortIsKeptAsIs) {
  EXPECT_EQ(normalize_auth_key("localhost:5000"), "localhost:5000");
}

TEST(AuthKey, RepositoryIsKeptAsGivenWithItsRegistry) {
  CredentialsKey k = parse_credentials_key("quay.io/ns/repo");
  EXPECT_EQ(k.key, "quay.io/ns/repo");
  EXPECT_EQ(k.registry, "quay.io");
}

TEST(AuthKey, DockerHubNamespaceIsNotNormalised) {
  EXPECT_EQ(normalize_auth_key("docker.io/vendor"), "docker.io/vendor");
}

TEST(AuthKey, HttpsUrlIsReducedToHostAndPort) {
  CredentialsKey k = parse_credentials_key("https://h:5000/v2/x?q=1#frag");
  EXPECT_EQ(k.key, "h:5000");
  EXPECT_EQ(k.registry, "h:5000");
}

TEST(AuthKey, HttpUrlIsReducedToHost) {
  EXPECT_EQ(normalize_auth_key("http://quay.io"), "quay.io");
}

TEST(AuthKey, UrlUserInfoIsDropped) {
  EXPECT_EQ(normalize_auth_key("https://user:pw@quay.io/"), "quay.io");
}

TEST(AuthKey, UrlWithBracketedIpv6KeepsBrackets) {
  EXPECT_EQ(normalize_auth_key("https://[::1]:5000/"), "[::1]:5000");
}

TEST(AuthKey, UppercaseSchemeIsNotAUrl) {
  // The prefix test is case-sensitive, so this is parsed as a repository and fails.
  EXPECT_EQ(key_error("HTTPS://quay.io"),
            "parse reference from \"HTTPS://quay.io\": invalid reference format");
}

TEST(AuthKey, TaggedRepositoryIsRejected) {
  EXPECT_EQ(key_error("quay.io/ns/repo:tag"),
            "reference \"quay.io/ns/repo:tag\" contains tag or digest");
}

TEST(AuthKey, DigestedRepositoryIsRejected) {
  std::string d = "sha256:" + std::string(64, 'a');
  EXPECT_EQ(key_error("quay.io/ns@" + d),
            "reference \"quay.io/ns@" + d + "\" contains tag or digest");
}

TEST(AuthKey, UppercaseRepositoryIsRejected) {
  EXPECT_EQ(key_error("quay.io/Ns"),
            "parse reference from \"quay.io/Ns\": invalid reference format: repository name must "
            "be lowercase");
}

TEST(AuthKey, DoubleSlashIsRejected) {
  EXPECT_EQ(key_error("h:5000//x"), "parse reference from \"h:5000//x\": invalid reference format");
}

TEST(AuthKey, NamespaceWithoutRegistryIsARegistryMismatch) {
  EXPECT_EQ(key_error("foo/bar"),
            "internal error: key \"foo/bar\" registry mismatch, \"docker.io/foo/bar\" vs. "
            "\"docker.io\"");
}

TEST(AuthKey, LegacyDockerHubHostIsARegistryMismatch) {
  EXPECT_EQ(key_error("index.docker.io/foo"),
            "internal error: key \"index.docker.io/foo\" registry mismatch, "
            "\"docker.io/library/foo\" vs. \"docker.io\"");
}

TEST(AuthKeyUrl, InvalidHostCharacter) {
  EXPECT_EQ(
      key_error("https://a^b/"),
      "trimming http{s} prefix: parse \"https://a^b/\": invalid character \"^\" in host name");
}

TEST(AuthKeyUrl, SpaceInHost) {
  EXPECT_EQ(key_error("https://a b"),
            "trimming http{s} prefix: parse \"https://a b\": invalid character \" \" in host name");
}

TEST(AuthKeyUrl, NonNumericPort) {
  EXPECT_EQ(key_error("https://quay.io:abc/"),
            "trimming http{s} prefix: parse \"https://quay.io:abc/\": invalid port \":abc\" after "
            "host");
}

TEST(AuthKeyUrl, UnclosedIpv6Bracket) {
  EXPECT_EQ(key_error("https://[::1/"),
            "trimming http{s} prefix: parse \"https://[::1/\": missing ']' in host");
}

TEST(AuthKeyUrl, AsciiPercentEscapeInHost) {
  EXPECT_EQ(key_error("https://h%41/"),
            "trimming http{s} prefix: parse \"https://h%41/\": invalid URL escape \"%41\"");
}

TEST(AuthKeyUrl, BadEscapeInUserInfo) {
  EXPECT_EQ(key_error("https://u%zz@h/"),
            "trimming http{s} prefix: parse \"https://u%zz@h/\": invalid URL escape \"%zz\"");
}

TEST(AuthKeyUrl, TruncatedEscapeInPassword) {
  EXPECT_EQ(key_error("https://u:p%@h/"),
            "trimming http{s} prefix: parse \"https://u:p%@h/\": invalid URL escape \"%\"");
}

TEST(AuthKeyUrl, BadEscapeInFragment) {
  EXPECT_EQ(key_error("https://h/#%zz"),
            "trimming http{s} prefix: parse \"https://h/#%zz\": invalid URL escape \"%zz\"");
}

TEST(AuthKeyUrl, ControlCharacter) {
  EXPECT_EQ(key_error("https://h\x01/"),
            "trimming http{s} prefix: parse \"https://h\\x01/\": net/url: invalid control "
            "character in URL");
}

TEST(AuthKeyUrl, NonAsciiPercentEscapeInHostIsDecoded) {
  EXPECT_EQ(replace_url_by_host_port("https://h%C3%A9.com/"), "h\xC3\xA9.com");
}

TEST(AuthKeyUrl, NonUrlIsReturnedUnchanged) {
  EXPECT_EQ(replace_url_by_host_port("quay.io/a b"), "quay.io/a b");
}

}  // namespace
}  // namespace periscope::reference
