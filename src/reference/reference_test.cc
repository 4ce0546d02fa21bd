#include "reference/reference.h"

#include <gtest/gtest.h>

#include <string>

#include "core/error.h"

namespace periscope::reference {
namespace {

const std::string kHex64 = std::string(64, 'f');
const std::string kDigest = "sha256:" + std::string(64, 'e');

// The message of the kUsage error `parse` throws, or "<no error>".
template <typename Fn>
std::string error_of(Fn fn) {
  try {
    fn();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    return e.what();
  }
  return "<no error>";
}

std::string normalize_error(std::string_view text) {
  return error_of([&] { parse_normalized_named(text); });
}

// --- normalisation ------------------------------------------------------------------------------

TEST(ParseNormalizedNamed, BareNameGetsDockerHubAndLibrary) {
  Named n = parse_normalized_named("busybox");
  EXPECT_EQ(n.domain, "docker.io");
  EXPECT_EQ(n.path, "library/busybox");
  EXPECT_FALSE(n.tag);
  EXPECT_FALSE(n.digest);
  EXPECT_EQ(n.string(), "docker.io/library/busybox");
}

TEST(ParseNormalizedNamed, NamespacedNameOnDockerHubKeepsNamespace) {
  Named n = parse_normalized_named("fooo/bar");
  EXPECT_EQ(n.domain, "docker.io");
  EXPECT_EQ(n.path, "fooo/bar");
}

TEST(ParseNormalizedNamed, ExplicitDockerIoWithoutNamespaceGetsLibrary) {
  EXPECT_EQ(parse_normalized_named("docker.io/debian").path, "library/debian");
}

TEST(ParseNormalizedNamed, IndexDockerIoIsAnAliasOfDockerIo) {
  Named n = parse_normalized_named("index.docker.io/debian");
  EXPECT_EQ(n.domain, "docker.io");
  EXPECT_EQ(n.path, "library/debian");
}

TEST(ParseNormalizedNamed, NestedDockerHubPathIsKept) {
  EXPECT_EQ(parse_normalized_named("docker.io/library/foo/bar").path, "library/foo/bar");
}

TEST(ParseNormalizedNamed, OtherRegistryGetsNoLibraryPrefix) {
  Named n = parse_normalized_named("example.com/privatebase");
  EXPECT_EQ(n.domain, "example.com");
  EXPECT_EQ(n.path, "privatebase");
}

TEST(ParseNormalizedNamed, NoDefaultTagIsAdded) {
  EXPECT_FALSE(parse_normalized_named("quay.io/ns/repo").tag);
}

// --- host detection -----------------------------------------------------------------------------

TEST(ParseNormalizedNamed, FirstSegmentWithDotIsADomain) {
  EXPECT_EQ(parse_normalized_named("quay.io/ns/repo").domain, "quay.io");
}

TEST(ParseNormalizedNamed, FirstSegmentWithoutDotOrColonIsANamespace) {
  Named n = parse_normalized_named("docker/migrator");
  EXPECT_EQ(n.domain, "docker.io");
  EXPECT_EQ(n.path, "docker/migrator");
}

TEST(ParseNormalizedNamed, LocalhostIsADomain) {
  Named n = parse_normalized_named("localhost/repo");
  EXPECT_EQ(n.domain, "localhost");
  EXPECT_EQ(n.path, "repo");
}

TEST(ParseNormalizedNamed, LocalhostWithoutSlashIsARepositoryWithTag) {
  Named n = parse_normalized_named("localhost:5000");
  EXPECT_EQ(n.string(), "docker.io/library/localhost:5000");
}

TEST(ParseNormalizedNamed, PunycodeDomainIsAccepted) {
  EXPECT_EQ(parse_normalized_named("xn--n3h.com:18080/foo").domain, "xn--n3h.com:18080");
}

TEST(ParseNormalizedNamed, UppercaseDomainIsKeptAsIs) {
  EXPECT_EQ(parse_normalized_named("Example.COM/repo").domain, "Example.COM");
}

TEST(ParseNormalizedNamed, HostLookingSegmentThatIsNoDomainBecomesPartOfPath) {
  // Upstream's quirk: the normaliser takes "a_b.com" for a host, the grammar does not.
  Named n = parse_normalized_named("a_b.com/x");
  EXPECT_EQ(n.domain, "");
  EXPECT_EQ(n.path, "a_b.com/x");
  EXPECT_EQ(n.name(), "a_b.com/x");
}

TEST(ParseNormalizedNamed, DomainLabelMayNotStartWithDash) {
  EXPECT_EQ(normalize_error("-docker.io/docker/docker"), "invalid reference format");
}

// --- ports and IPv6 -----------------------------------------------------------------------------

TEST(ParseNormalizedNamed, HostWithPort) {
  Named n = parse_normalized_named("127.0.0.1:5000/docker/docker");
  EXPECT_EQ(n.domain, "127.0.0.1:5000");
  EXPECT_EQ(n.path, "docker/docker");
}

TEST(ParseNormalizedNamed, ColonMakesAnUndottedSegmentADomain) {
  EXPECT_EQ(parse_normalized_named("test:5000/repo").domain, "test:5000");
}

TEST(ParseNormalizedNamed, PortAndTag) {
  Named n = parse_normalized_named("localhost:5000/ns/repo:v1");
  EXPECT_EQ(n.domain, "localhost:5000");
  EXPECT_EQ(n.path, "ns/repo");
  EXPECT_EQ(n.tag, "v1");
}

TEST(ParseNormalizedNamed, EmptyPortIsInvalid) {
  EXPECT_EQ(normalize_error("localhost:/repo"), "invalid reference format");
}

TEST(ParseNormalizedNamed, NonNumericPortIsInvalid) {
  EXPECT_EQ(normalize_error("localhost:50a/repo"), "invalid reference format");
}

TEST(ParseNormalizedNamed, BracketedIpv6IsRejectedAsSkopeoDoes) {
  // containers/image's grammar has no IPv6 literals (checked against skopeo 1.9.3).
  EXPECT_EQ(normalize_error("[::1]:5000/foo"), "invalid reference format");
}

// --- tags ---------------------------------------------------------------------------------------

TEST(ParseNormalizedNamed, TagIsSplitOff) {
  Named n = parse_normalized_named("busybox:1.36");
  EXPECT_EQ(n.path, "library/busybox");
  EXPECT_EQ(n.tag, "1.36");
  EXPECT_EQ(n.string(), "docker.io/library/busybox:1.36");
}

TEST(ParseNormalizedNamed, TagMayContainUppercase) {
  EXPECT_EQ(parse_normalized_named("lowercase:Uppercase").tag, "Uppercase");
}

TEST(ParseNormalizedNamed, TagMayLookLikeADomain) {
  Named n = parse_normalized_named("b.gcr.io/test.example.com/my-app:test.example.com");
  EXPECT_EQ(n.path, "test.example.com/my-app");
  EXPECT_EQ(n.tag, "test.example.com");
}

TEST(ParseNormalizedNamed, TagOf128CharactersIsAccepted) {
  EXPECT_EQ(parse_normalized_named("busybox:" + std::string(128, 't')).tag->size(), 128u);
}

TEST(ParseNormalizedNamed, TagOf129CharactersIsRejected) {
  EXPECT_EQ(normalize_error("busybox:" + std::string(129, 't')), "invalid reference format");
}

TEST(ParseNormalizedNamed, TagMayNotStartWithDot) {
  EXPECT_EQ(normalize_error("busybox:.x"), "invalid reference format");
}

TEST(ParseNormalizedNamed, TagMayStartWithUnderscore) {
  EXPECT_EQ(parse_normalized_named("busybox:_x").tag, "_x");
}

TEST(ParseNormalizedNamed, TrailingColonIsInvalid) {
  EXPECT_EQ(normalize_error("busybox:"), "invalid reference format");
}

TEST(ParseNormalizedNamed, TrailingColonAfterPortIsInvalid) {
  EXPECT_EQ(normalize_error("localhost:5000/repo:"), "invalid reference format");
}

TEST(ParseNormalizedNamed, OnlyATagIsInvalid) {
  EXPECT_EQ(normalize_error(":justtag"), "invalid reference format");
}

// --- digests ------------------------------------------------------------------------------------

TEST(ParseNormalizedNamed, DigestIsParsed) {
  Named n = parse_normalized_named("busybox@" + kDigest);
  ASSERT_TRUE(n.digest);
  EXPECT_EQ(n.digest->str(), kDigest);
  EXPECT_FALSE(n.tag);
  EXPECT_EQ(n.string(), "docker.io/library/busybox@" + kDigest);
}

TEST(ParseNormalizedNamed, TagAndDigestTogetherAreKept) {
  Named n = parse_normalized_named("quay.io/a/b:t@" + kDigest);
  EXPECT_EQ(n.tag, "t");
  EXPECT_EQ(n.digest->str(), kDigest);
  EXPECT_EQ(n.string(), "quay.io/a/b:t@" + kDigest);
}

TEST(ParseNormalizedNamed, Sha512DigestIsAccepted) {
  std::string d = "sha512:" + std::string(128, 'f');
  EXPECT_EQ(parse_normalized_named("x.com/a:t@" + d).digest->str(), d);
}

TEST(ParseNormalizedNamed, DigestShorterThan32HexIsAFormatError) {
  EXPECT_EQ(normalize_error("busybox@sha256:aaaa"), "invalid reference format");
}

TEST(ParseNormalizedNamed, DigestOfWrongLengthReportsLength) {
  EXPECT_EQ(normalize_error("busybox@sha256:" + std::string(42, 'a')),
            "invalid checksum digest length");
}

TEST(ParseNormalizedNamed, UnknownDigestAlgorithmIsUnsupported) {
  EXPECT_EQ(normalize_error("busybox@sha999:" + std::string(44, 'a')),
            "unsupported digest algorithm");
}

TEST(ParseNormalizedNamed, UppercaseDigestHexIsAFormatError) {
  EXPECT_EQ(normalize_error("busybox@sha256:" + std::string(64, 'A')),
            "invalid checksum digest format");
}

TEST(ParseNormalizedNamed, UppercaseDigestAlgorithmAfterTagIsAFormatError) {
  EXPECT_EQ(normalize_error("busybox:t@SHA256:" + kHex64), "invalid checksum digest format");
}

TEST(ParseNormalizedNamed, SecondAtSignIsInvalid) {
  EXPECT_EQ(normalize_error("busybox@" + kDigest + "@" + kDigest), "invalid reference format");
}

TEST(ParseNormalizedNamed, OnlyADigestIsInvalid) {
  EXPECT_EQ(normalize_error("@" + kDigest), "invalid reference format");
}

TEST(ParseNormalizedNamed, SixtyFourHexIsAmbiguousWithAnImageId) {
  EXPECT_EQ(normalize_error(kHex64),
            "invalid repository name (" + kHex64 + "), cannot specify 64-byte hexadecimal strings");
}

TEST(ParseNormalizedNamed, SixtyFourHexWithDomainIsAName) {
  EXPECT_EQ(parse_normalized_named("docker.io/" + kHex64).path, "library/" + kHex64);
}

TEST(ParseNormalizedNamed, SixtyFourNonHexCharactersAreAName) {
  std::string name = "thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev";
  EXPECT_EQ(parse_normalized_named(name).path, "library/" + name);
}

// --- uppercase ----------------------------------------------------------------------------------

TEST(ParseNormalizedNamed, UppercaseRepositoryIsRejected) {
  EXPECT_EQ(normalize_error("Foo"), "invalid reference format: repository name must be lowercase");
}

TEST(ParseNormalizedNamed, UppercaseUndottedFirstSegmentIsAPathNotADomain) {
  EXPECT_EQ(normalize_error("FOO/bar"),
            "invalid reference format: repository name must be lowercase");
}

TEST(ParseNormalizedNamed, UppercaseAfterPortIsRejected) {
  EXPECT_EQ(normalize_error("test:5000/Uppercase/lowercase:tag"),
            "invalid reference format: repository name must be lowercase");
}

// --- components and slashes ---------------------------------------------------------------------

TEST(ParseNormalizedNamed, SeparatorsInsideComponentsAreAccepted) {
  for (const char* name : {"docker-rules/docker", "docker---rules/docker", "dock__er/docker",
                           "d/docker", "ubuntu-12.04-base", "a_b.c-d/e"}) {
    EXPECT_NO_THROW(parse_normalized_named(name)) << name;
  }
}

TEST(ParseNormalizedNamed, BadSeparatorsAreRejected) {
  for (const char* name :
       {"-docker", "docker-/docker", "____/____", "_docker/_docker", "dock..er/docker",
        "dock_.er/docker", "dock-.er/docker", "dock___er/docker", "aa/asdf$$^/aa"}) {
    EXPECT_EQ(normalize_error(name), "invalid reference format") << name;
  }
}

TEST(ParseNormalizedNamed, EmptyInputIsInvalid) {
  EXPECT_EQ(normalize_error(""), "invalid reference format");
}

TEST(ParseNormalizedNamed, TrailingSlashIsInvalid) {
  EXPECT_EQ(normalize_error("docker/"), "invalid reference format");
}

TEST(ParseNormalizedNamed, DoubleSlashIsInvalid) {
  EXPECT_EQ(normalize_error("a//b"), "invalid reference format");
}

TEST(ParseNormalizedNamed, DomainWithoutPathIsInvalid) {
  EXPECT_EQ(normalize_error("quay.io/"), "invalid reference format");
}

TEST(ParseNormalizedNamed, LeadingSlashIsInvalid) {
  EXPECT_EQ(normalize_error("/busybox"), "invalid reference format");
}

// --- length -------------------------------------------------------------------------------------

TEST(ParseNormalizedNamed, NameOf255CharactersIncludingDomainIsAccepted) {
  // "docker.io/library/" is 18 characters and counts.
  EXPECT_NO_THROW(parse_normalized_named(std::string(237, 'a')));
}

TEST(ParseNormalizedNamed, NameOf256CharactersIncludingDomainIsTooLong) {
  EXPECT_EQ(normalize_error(std::string(238, 'a')),
            "repository name must not be more than 255 characters");
}

TEST(ParseNormalizedNamed, TagDoesNotCountTowardsNameLength) {
  std::string name = "x.io/" + std::string(250, 'a');
  EXPECT_EQ(parse_normalized_named(name + ":tag-over-the-limit").name().size(), 255u);
}

// --- familiar forms -----------------------------------------------------------------------------

TEST(Familiar, OfficialImageDropsDomainAndLibrary) {
  Named n = parse_normalized_named("docker.io/library/ubuntu:22.04");
  EXPECT_EQ(n.familiar_name(), "ubuntu");
  EXPECT_EQ(n.familiar_string(), "ubuntu:22.04");
}

TEST(Familiar, DockerHubNamespaceDropsDomainOnly) {
  EXPECT_EQ(parse_normalized_named("dmcgowan/myapp").familiar_name(), "dmcgowan/myapp");
}

TEST(Familiar, NestedLibraryPathKeepsLibrary) {
  EXPECT_EQ(parse_normalized_named("library/foo/bar").familiar_name(), "library/foo/bar");
}

TEST(Familiar, OtherRegistryKeepsEverything) {
  Named n = parse_normalized_named("localhost:5000/library/x@" + kDigest);
  EXPECT_EQ(n.familiar_string(), "localhost:5000/library/x@" + kDigest);
}

// --- parse_named --------------------------------------------------------------------------------

TEST(ParseNamed, CanonicalTextIsAccepted) {
  EXPECT_EQ(parse_named("docker.io/library/busybox:1").tag, "1");
}

TEST(ParseNamed, FamiliarTextIsNotCanonical) {
  EXPECT_EQ(error_of([] { parse_named("busybox"); }), "repository name must be canonical");
}

// --- helpers ------------------------------------------------------------------------------------

TEST(Helpers, IsNameOnlyWithoutTagOrDigest) {
  EXPECT_TRUE(is_name_only(parse_normalized_named("busybox")));
  EXPECT_FALSE(is_name_only(parse_normalized_named("busybox:1")));
  EXPECT_FALSE(is_name_only(parse_normalized_named("busybox@" + kDigest)));
}

TEST(Helpers, TagNameOnlyAddsLatestOnlyToNameOnly) {
  EXPECT_EQ(tag_name_only(parse_normalized_named("busybox")).tag, "latest");
  EXPECT_EQ(tag_name_only(parse_normalized_named("busybox:1")).tag, "1");
  EXPECT_FALSE(tag_name_only(parse_normalized_named("busybox@" + kDigest)).tag);
}

TEST(Helpers, WithTagRejectsInvalidTag) {
  Named n = parse_normalized_named("busybox");
  EXPECT_EQ(with_tag(n, "v2").string(), "docker.io/library/busybox:v2");
  EXPECT_EQ(error_of([&] { with_tag(n, "-v2"); }), "invalid tag format");
}

// --- docker transport ---------------------------------------------------------------------------

std::string transport_error(std::string_view text) {
  return error_of([&] { parse_docker_transport_reference(text); });
}

TEST(DockerTransport, AddsLatestWhenNameOnly) {
  EXPECT_EQ(parse_docker_transport_reference("//busybox").string(),
            "docker.io/library/busybox:latest");
}

TEST(DockerTransport, KeepsGivenTag) {
  EXPECT_EQ(parse_docker_transport_reference("//busybox:1").tag, "1");
}

TEST(DockerTransport, DigestOnlyGetsNoTag) {
  Named n = parse_docker_transport_reference("//quay.io/a/b@" + kDigest);
  EXPECT_FALSE(n.tag);
  EXPECT_EQ(n.digest->str(), kDigest);
}

TEST(DockerTransport, MissingDoubleSlashIsAnError) {
  EXPECT_EQ(transport_error("busybox"), "docker: image reference busybox does not start with //");
}

TEST(DockerTransport, SingleSlashIsAnError) {
  EXPECT_EQ(transport_error("/busybox"), "docker: image reference /busybox does not start with //");
}

TEST(DockerTransport, TagAndDigestTogetherAreRejected) {
  EXPECT_EQ(transport_error("//busybox:latest@" + kDigest),
            "Docker references with both a tag and digest are currently not supported");
}

TEST(DockerTransport, GrammarErrorsPassThrough) {
  EXPECT_EQ(transport_error("//Foo"),
            "invalid reference format: repository name must be lowercase");
  EXPECT_EQ(transport_error("//"), "invalid reference format");
  EXPECT_EQ(transport_error("///busybox"), "invalid reference format");
}

TEST(DockerTransport, StringRoundTrips) {
  Named n = parse_docker_transport_reference("//localhost:5000/ns/repo");
  EXPECT_EQ(docker_transport_string(n), "//localhost:5000/ns/repo:latest");
  EXPECT_EQ(parse_docker_transport_reference(docker_transport_string(n)), n);
}

TEST(DockerTransport, StringUsesFamiliarForm) {
  EXPECT_EQ(docker_transport_string(parse_docker_transport_reference("//docker.io/library/alpine")),
            "//alpine:latest");
}

}  // namespace
}  // namespace periscope::reference
