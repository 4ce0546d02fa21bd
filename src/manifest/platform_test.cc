#include "manifest/platform.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "manifest/media_type.h"

namespace periscope::manifest {
namespace {

std::vector<std::string> variants(const std::vector<Platform>& platforms) {
  std::vector<std::string> out;
  for (const Platform& p : platforms) out.push_back(p.variant);
  return out;
}

using Variants = std::vector<std::string>;

TEST(WantedPlatforms, DefaultArchitectureUsesTheDetectedVariant) {
  auto wanted = wanted_platforms({}, "v8");
  EXPECT_EQ(variants(wanted), (Variants{"v8", ""}));
  EXPECT_EQ(wanted[0].architecture, host_architecture());
}

TEST(WantedPlatforms, OverriddenArchitectureIgnoresTheHostVariant) {
  auto wanted = wanted_platforms({.os = "", .architecture = "arm64", .variant = ""}, "v7");
  EXPECT_EQ(variants(wanted), (Variants{"", "v8"}));
  EXPECT_EQ(wanted[0].os, host_os());
}

TEST(WantedPlatforms, ArmVariantFallsBackToLessCapableOnes) {
  auto wanted = wanted_platforms({.os = "linux", .architecture = "arm", .variant = "v7"}, "");
  EXPECT_EQ(variants(wanted), (Variants{"v7", "v6", "v5", ""}));
}

TEST(WantedPlatforms, UnknownVariantMatchesOnlyItselfAndNone) {
  auto wanted = wanted_platforms({.os = "linux", .architecture = "amd64", .variant = "v3"}, "");
  EXPECT_EQ(variants(wanted), (Variants{"v3", ""}));
}

TEST(WantedPlatforms, Amd64HasNoVariants) {
  auto wanted = wanted_platforms({.os = "linux", .architecture = "amd64", .variant = ""}, "");
  EXPECT_EQ(variants(wanted), (Variants{""}));
}

TEST(ArmVariantFromCpuinfo, ReadsAarch64) {
  EXPECT_EQ(arm_variant_from_cpuinfo("processor\t: 0\nCPU architecture: 8\n"), "v8");
}

TEST(ArmVariantFromCpuinfo, SpotsArmv6ReportedAs7) {
  EXPECT_EQ(arm_variant_from_cpuinfo(
                "model name\t: ARMv6-compatible processor rev 7 (v6l)\nCPU architecture: 7\n"),
            "v6");
  EXPECT_EQ(
      arm_variant_from_cpuinfo("model name\t: ARMv7 Processor rev 4 (v7l)\nCPU architecture: 7\n"),
      "v7");
}

TEST(ArmVariantFromCpuinfo, IsEmptyWithoutTheField) {
  EXPECT_EQ(arm_variant_from_cpuinfo("vendor_id\t: GenuineIntel\n"), "");
}

Descriptor entry(std::string digest, std::string arch, std::string variant, bool zstd = false) {
  Descriptor d;
  d.media_type = std::string(kOciManifest);
  d.digest = std::move(digest);
  d.platform = Platform{};
  d.platform->architecture = std::move(arch);
  d.platform->os = "linux";
  d.platform->variant = std::move(variant);
  if (zstd) d.annotations = Annotations{{std::string(kZstdInstanceAnnotation), "true"}};
  return d;
}

ManifestList oci_index() {
  ManifestList list;
  list.media_type = std::string(kOciIndex);
  list.manifests = {entry("sha256:amd64", "amd64", ""), entry("sha256:arm64", "arm64", "v8"),
                    entry("sha256:armv7", "arm", "v7")};
  return list;
}

TEST(ChooseInstance, PicksTheMatchingArchitecture) {
  EXPECT_EQ(
      choose_instance(oci_index(), {.os = "linux", .architecture = "amd64", .variant = ""}).digest,
      "sha256:amd64");
  EXPECT_EQ(
      choose_instance(oci_index(), {.os = "linux", .architecture = "arm64", .variant = ""}).digest,
      "sha256:arm64");
}

TEST(ChooseInstance, ArmV8FallsBackToV7) {
  EXPECT_EQ(
      choose_instance(oci_index(), {.os = "linux", .architecture = "arm", .variant = "v8"}).digest,
      "sha256:armv7");
}

TEST(ChooseInstance, ReportsNoMatchWithTheFirstWantedPlatform) {
  try {
    choose_instance(oci_index(), {.os = "linux", .architecture = "arm", .variant = "v6"});
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(
        e.what(),
        R"(no image found in image index for architecture "arm", variant "v6", OS "linux")");
  }
}

TEST(ChooseInstance, DockerListsSayManifestList) {
  ManifestList list = oci_index();
  list.media_type = std::string(kDockerV2List);
  try {
    choose_instance(list, {.os = "windows", .architecture = "amd64", .variant = ""});
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(
        e.what(),
        R"(no image found in manifest list for architecture "amd64", variant "", OS "windows")");
  }
}

TEST(ChooseInstance, OciPrefersZstdUnlessAskedForGzip) {
  ManifestList list = oci_index();
  list.manifests.push_back(entry("sha256:amd64-zstd", "amd64", "", true));
  auto wanted = wanted_platforms({.os = "linux", .architecture = "amd64", .variant = ""}, "");
  EXPECT_EQ(choose_instance(list, wanted).digest, "sha256:amd64-zstd");
  EXPECT_EQ(choose_instance(list, wanted, /*prefer_gzip=*/true).digest, "sha256:amd64");
}

TEST(ChooseInstance, OciPlatformlessEntryIsTheLastResort) {
  ManifestList list = oci_index();
  Descriptor any;
  any.digest = "sha256:any";
  list.manifests.insert(list.manifests.begin(), any);
  EXPECT_EQ(choose_instance(list, {.os = "linux", .architecture = "arm64", .variant = ""}).digest,
            "sha256:arm64");
  EXPECT_EQ(choose_instance(list, {.os = "linux", .architecture = "s390x", .variant = ""}).digest,
            "sha256:any");
}

TEST(ChooseInstance, DockerListsPreferTheBetterVariantOverListOrder) {
  ManifestList list;
  list.media_type = std::string(kDockerV2List);
  list.manifests = {entry("sha256:plain", "arm64", ""), entry("sha256:v8", "arm64", "v8")};
  auto wanted = wanted_platforms({.os = "linux", .architecture = "arm64", .variant = "v8"}, "");
  EXPECT_EQ(choose_instance(list, wanted).digest, "sha256:v8");
}

}  // namespace
}  // namespace periscope::manifest
