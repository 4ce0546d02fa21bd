#include "manifest/convert_list.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "manifest/convert_fixtures.h"
#include "manifest/media_type.h"

namespace periscope::manifest {
namespace {

namespace fx = convert_fixtures;

const std::string kIndex(kOciIndex);
const std::string kList(kDockerV2List);
const std::string kOci(kOciManifest);
const std::string kS2(kDockerV2Schema2Manifest);

// Instances of the fixture lists.
constexpr const char* kIdx1 =
    "sha256:48f9a6540196c558edd5e05d41dcf26caaf68b2c803ef630cc9f2acdf043fc01";
constexpr const char* kIdx2 =
    "sha256:4fcdc5fb9f6fe27487fe2af2d902a4e8eac8a3cc2811f4c2b8b44dd9c7eea96f";
constexpr const char* kList1 =
    "sha256:3429223f483d37a9670e5b7ebc40f43690c55a2618fad82576780143368433d0";
constexpr const char* kList2 =
    "sha256:3c1d9154d11b7f14077e1432584439af12e0b18fe4bcbbdfd08c432e49082dab";

InstanceEdit edit(const char* old_digest, const char* digest, std::int64_t size,
                  const std::string& type, std::vector<std::string> algorithms = {"gzip"}) {
  return {old_digest, digest, size, type, std::move(algorithms)};
}

TEST(UpdateList, UnchangedInstancesKeepOriginalBytes) {
  std::vector<InstanceEdit> edits = {edit(kIdx1, kIdx1, 836, kOci), edit(kIdx2, kIdx2, 415, kOci)};
  EXPECT_EQ(update_list(fx::kOciIndex, kIndex, edits, kIndex), fx::kOciIndex);
}

TEST(UpdateList, OciIndexWithRecompressedInstancesMatchesSkopeo) {
  std::vector<InstanceEdit> edits = {
      edit(kIdx1, "sha256:f4de9cda3fdaacfabc21f20af36dd203bdbd65f1b494f4b21b51b2a423ccb83e", 667,
           kOci),
      edit(kIdx2, "sha256:09133db636f43232a9a85754a8f6322827c1d53359e69e76ec48b12eb5e90749", 401,
           kOci)};
  EXPECT_EQ(update_list(fx::kOciIndex, kIndex, edits, kIndex), fx::kOciIndexCompressed);
}

#if defined(__x86_64__)
// The instance without a platform gets the host's (linux/amd64 here), as Go's runtime.GOARCH.
TEST(UpdateList, OciIndexToDockerListMatchesSkopeo) {
  std::vector<InstanceEdit> edits = {
      edit(kIdx1, "sha256:0af592e556f4f8942d9fc0c01d6e2255666f9d60d7262d8acb1aceeb16b03045", 580,
           kS2),
      edit(kIdx2, "sha256:0f83a6984d792d60126fcaf015fca374a2aff75c7bc4c98c3a51118daf6792fe", 420,
           kS2)};
  EXPECT_EQ(update_list(fx::kOciIndex, kIndex, edits, kList), fx::kOciIndexToList);
}
#endif

// skopeo 1.22 marks zstd instances; 1.9.3 wrote fx::kOciIndexZstd193 without the annotation.
TEST(UpdateList, ZstdInstancesAreAnnotated) {
  std::vector<InstanceEdit> edits = {
      edit(kIdx1, "sha256:0c82a2e1577186f60cee5bdbe34125852b20bb2401686a65bc0695b97f46cfd3", 622,
           kOci, {"zstd"}),
      edit(kIdx2, "sha256:048f4913c71593b0a034b04286f58c6bea9f7d26f48334b497c864e2255ae933", 401,
           kOci, {"zstd"})};
  std::string expected(fx::kOciIndexZstd193);
  const std::string zstd = R"("io.github.containers.compression.zstd":"true")";
  expected.replace(expected.find(R"({"inst":"1"})"), 12, R"({"inst":"1",)" + zstd + "}");
  expected.replace(expected.find(R"("size":401})"), 11,
                   R"("size":401,"annotations":{)" + zstd + "}}");
  EXPECT_EQ(update_list(fx::kOciIndex, kIndex, edits, kIndex), expected);
}

TEST(UpdateList, DockerListWithRecompressedInstancesMatchesSkopeo) {
  std::vector<InstanceEdit> edits = {
      edit(kList1, "sha256:22068bc816f8fb7e3d1f26b967cc214771679a0718097945699095a7483e28ac", 583,
           kS2),
      edit(kList2, "sha256:ee0bc3a6d78d424989c20ea15cbf09e5d62b254572826cc874363642cb8437ea", 423,
           kS2)};
  EXPECT_EQ(update_list(fx::kDockerList, kList, edits, kList), fx::kDockerListCompressed);
}

TEST(UpdateList, DockerListToOciIndexDropsFeaturesLikeSkopeo) {
  std::vector<InstanceEdit> edits = {
      edit(kList1, "sha256:f47147301f9b94e8f1e888571ae2d634b3bfa1f8c3285d6445e5d9130029026d", 552,
           kOci),
      edit(kList2, "sha256:90152828e53db77ce305a1272ebc550c589b9f8e6f773fed79f0c1c35169cfde", 398,
           kOci)};
  EXPECT_EQ(update_list(fx::kDockerList, kList, edits, kIndex), fx::kDockerListToOci);
}

TEST(UpdateList, RefusesChangeWhenListCannotBeModified) {
  std::vector<InstanceEdit> edits = {edit(
      kList1, "sha256:22068bc816f8fb7e3d1f26b967cc214771679a0718097945699095a7483e28ac", 583, kS2)};
  try {
    update_list(fx::kDockerList, kList, edits, kList, "Instructed to preserve digests");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "Manifest list must be converted to type "
                 "\"application/vnd.docker.distribution.manifest.list.v2+json\" to be written to "
                 "destination, but we cannot modify it: \"Instructed to preserve digests\"");
  }
}

TEST(UpdateList, UnknownInstanceIsAnError) {
  std::vector<InstanceEdit> bad = {edit(kIdx1, kIdx2, 1, kS2)};
  try {
    update_list(fx::kDockerList, kList, bad, kList);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              std::string("updating manifest list: Schema2List.EditInstances: digest ") + kIdx1 +
                  " not found");
  }
}

TEST(UpdateList, NegativeSizeIsAnError) {
  std::vector<InstanceEdit> edits = {edit(kIdx1, kIdx1, -1, kOci)};
  try {
    update_list(fx::kOciIndex, kIndex, edits, kIndex);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "updating manifest list: update 1 of 1 passed to OCI1Index.UpdateInstances had "
                 "an invalid size (-1)");
  }
}

TEST(UpdateList, IndexWithoutMediaTypeStillKeepsOriginalBytes) {
  // c/image fills in the defaults before decoding, on both sides of its comparison.
  const std::string raw =
      R"({"schemaVersion":2,"manifests":[)"
      R"({"mediaType":"application/vnd.oci.image.manifest.v1+json",)"
      R"("digest":"sha256:48f9a6540196c558edd5e05d41dcf26caaf68b2c803ef630cc9f2acdf043fc01",)"
      R"("size":836}]})";
  std::vector<InstanceEdit> edits = {edit(kIdx1, kIdx1, 836, kOci)};
  EXPECT_EQ(update_list(raw, kIndex, edits, kIndex), raw);
}

// ---- choose_list_type ----

TEST(ChooseListType, ForcedSingleFormatSelectsItsListType) {
  ListTypePlan p = choose_list_type(kIndex, {}, kS2, "");
  EXPECT_EQ(p.selected, kList);
  EXPECT_TRUE(p.others.empty());
  EXPECT_EQ(choose_list_type(kList, {}, kOci, "").selected, kIndex);
}

TEST(ChooseListType, KeepsCurrentTypeAndOffersTheOther) {
  ListTypePlan p = choose_list_type(kIndex, {}, "", "");
  EXPECT_EQ(p.selected, kIndex);
  EXPECT_EQ(p.others, std::vector<std::string>{kList});
}

TEST(ChooseListType, RefusesConversionWhenListCannotBeModified) {
  try {
    choose_list_type(kIndex, {}, kS2, "Destination specifies a digest");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "Manifest list must be converted to type "
                 "\"application/vnd.docker.distribution.manifest.list.v2+json\" to be written to "
                 "destination, but we cannot modify it: \"Destination specifies a digest\"");
  }
}

TEST(ChooseListType, DestinationWithoutListTypesIsRefused) {
  try {
    choose_list_type(kIndex, {kS2, kOci}, "", "");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "determining manifest list type to write to destination: destination does not "
                 "support any supported manifest list types "
                 "([application/vnd.docker.distribution.manifest.list.v2+json "
                 "application/vnd.oci.image.index.v1+json])");
  }
}

}  // namespace
}  // namespace periscope::manifest
