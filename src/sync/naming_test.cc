#include "sync/naming.h"

#include <gtest/gtest.h>

#include "reference/reference.h"

namespace periscope::sync {
namespace {

constexpr char kDigest[] =
    "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

NamingOptions options(std::string destination, bool scoped = false, std::string suffix = "") {
  return NamingOptions{std::move(destination), scoped, std::move(suffix)};
}

std::string docker_name(const std::string& source, const NamingOptions& opts) {
  return destination_name(reference::parse_normalized_named(source), opts);
}

TEST(DockerNamingTest, UnscopedKeepsOnlyRepoAndTag) {
  EXPECT_EQ(docker_name("registry.example.com/ns/busybox:1.36", options("my-registry.lan")),
            "my-registry.lan/busybox:1.36");
}

TEST(DockerNamingTest, UnscopedKeepsTheDestinationNamespace) {
  EXPECT_EQ(docker_name("registry.example.com/repo/busybox:latest", options("my.lan/repo")),
            "my.lan/repo/busybox:latest");
}

TEST(DockerNamingTest, ScopedPrefixesTheWholeSourceReference) {
  EXPECT_EQ(docker_name("registry.example.com/busybox:1-glibc", options("/media/usb", true)),
            "/media/usb/registry.example.com/busybox:1-glibc");
}

TEST(DockerNamingTest, ScopedUsesTheNormalisedName) {
  EXPECT_EQ(docker_name("busybox:1", options("dest", true)), "dest/docker.io/library/busybox:1");
}

TEST(DockerNamingTest, ScopedKeepsTheSourcePort) {
  // Not a valid docker reference ("dest/localhost:5000/…"), as in skopeo.
  EXPECT_EQ(docker_name("localhost:5000/ns/repo:v1", options("dest:6000", true)),
            "dest:6000/localhost:5000/ns/repo:v1");
}

TEST(DockerNamingTest, DigestIsKeptAfterTheRepository) {
  EXPECT_EQ(docker_name(std::string("quay.io/ns/redis@") + kDigest, options("my.lan")),
            std::string("my.lan/redis@") + kDigest);
}

TEST(DockerNamingTest, ScopedDigest) {
  EXPECT_EQ(docker_name(std::string("quay.io/ns/redis@") + kDigest, options("my.lan", true)),
            std::string("my.lan/quay.io/ns/redis@") + kDigest);
}

TEST(DockerNamingTest, AppendSuffixGoesAfterTheTag) {
  EXPECT_EQ(docker_name("registry.example.com/busybox:latest", options("my.lan", false, "-mirror")),
            "my.lan/busybox:latest-mirror");
}

TEST(DockerNamingTest, AppendSuffixGoesAfterADigestToo) {
  EXPECT_EQ(docker_name(std::string("quay.io/redis@") + kDigest, options("my.lan", false, "-m")),
            std::string("my.lan/redis@") + kDigest + "-m");
}

TEST(DockerNamingTest, DestinationIsCleaned) {
  EXPECT_EQ(docker_name("quay.io/a/b:1", options("my.lan//x/./y/")), "my.lan/x/y/b:1");
  EXPECT_EQ(docker_name("quay.io/a/b:1", options("out/../dir")), "dir/b:1");
}

TEST(DockerNamingTest, EmptyDestinationLeavesTheSuffix) {
  EXPECT_EQ(docker_name("quay.io/a/b:1", options("")), "b:1");
}

TEST(DirNamingTest, ImageBelowSourceUnscoped) {
  const DirImage image{dir_image_path("/media/usb", "busybox:1-glibc"), "/media/usb"};
  EXPECT_EQ(image.path, "/media/usb/busybox:1-glibc");
  EXPECT_EQ(destination_name(image, options("my.lan/test")), "my.lan/test/busybox:1-glibc");
}

TEST(DirNamingTest, NestedImageScopedKeepsThePathBelowSource) {
  const DirImage image{dir_image_path("/media/usb", "quay.io/ns/redis:7"), "/media/usb"};
  EXPECT_EQ(destination_name(image, options("my.lan", true)), "my.lan/quay.io/ns/redis:7");
  EXPECT_EQ(destination_name(image, options("my.lan")), "my.lan/redis:7");
}

TEST(DirNamingTest, SourceThatIsTheImageUsesItsBaseName) {
  const DirImage image{dir_image_path("/media/usb/busybox:1-glibc", ""),
                       "/media/usb/busybox:1-glibc"};
  EXPECT_EQ(destination_name(image, options("my.lan/test/")), "my.lan/test/busybox:1-glibc");
  EXPECT_EQ(destination_name(image, options("my.lan/test/", true)), "my.lan/test/busybox:1-glibc");
}

TEST(DirNamingTest, SourceWithTrailingSlashThatIsTheImageScopesTheWholePath) {
  // The walked path is cleaned, so the raw SOURCE is no prefix of it.
  const DirImage image{dir_image_path("/media/usb/img/", ""), "/media/usb/img/"};
  EXPECT_EQ(image.path, "/media/usb/img");
  EXPECT_EQ(destination_name(image, options("my.lan")), "my.lan/img");
  EXPECT_EQ(destination_name(image, options("my.lan", true)), "my.lan/media/usb/img");
}

TEST(DirNamingTest, DotSlashSourceIsNoPrefixOfTheWalkedPath) {
  const DirImage image{dir_image_path("./src", "img:1"), "./src"};
  EXPECT_EQ(image.path, "src/img:1");
  EXPECT_EQ(destination_name(image, options("my.lan", true)), "my.lan/src/img:1");
  EXPECT_EQ(destination_name(image, options("my.lan")), "my.lan/img:1");
}

TEST(DirNamingTest, SourceWithTrailingSlashAndNestedImage) {
  const DirImage image{dir_image_path("/media/usb/", "ns/img:1"), "/media/usb/"};
  EXPECT_EQ(destination_name(image, options("my.lan", true)), "my.lan/ns/img:1");
}

TEST(DirNamingTest, AppendSuffix) {
  const DirImage image{dir_image_path("/src", "img:1"), "/src"};
  EXPECT_EQ(destination_name(image, options("my.lan", false, "-copy")), "my.lan/img:1-copy");
}

TEST(DirNamingTest, DockerSourceToDirDestinationIsAPath) {
  EXPECT_EQ(docker_name("registry.example.com/busybox:latest", options("/media/usb")),
            "/media/usb/busybox:latest");
}

TEST(GoPathTest, CleanMatchesGo) {
  EXPECT_EQ(go_path_clean(""), ".");
  EXPECT_EQ(go_path_clean("a//b/./c/"), "a/b/c");
  EXPECT_EQ(go_path_clean("/../a"), "/a");
  EXPECT_EQ(go_path_clean("../../a/.."), "../..");
  EXPECT_EQ(go_path_clean("a/../.."), "..");
  EXPECT_EQ(go_path_clean("/"), "/");
}

TEST(GoPathTest, JoinSkipsEmptyElements) {
  EXPECT_EQ(go_path_join("", ""), "");
  EXPECT_EQ(go_path_join("a/", ""), "a");
  EXPECT_EQ(go_path_join("", "/b/"), "/b");
  EXPECT_EQ(go_path_join("a", "/b"), "a/b");
}

TEST(GoPathTest, BaseMatchesGo) {
  EXPECT_EQ(go_path_base(""), ".");
  EXPECT_EQ(go_path_base("///"), "/");
  EXPECT_EQ(go_path_base("a/b/"), "b");
  EXPECT_EQ(go_path_base("host:5000/ns/repo:tag"), "repo:tag");
}

}  // namespace
}  // namespace periscope::sync
