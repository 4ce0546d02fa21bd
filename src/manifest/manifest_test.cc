#include "manifest/manifest.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "core/go_json.h"
#include "manifest/media_type.h"
#include "manifest/test_fixtures.h"

namespace periscope::manifest {
namespace {

using testdata::kDockerManifest;
using testdata::kOciManifest;
using testdata::kSchema1Payload;
using testdata::kSchema1Signed;

std::string error_of(std::string_view bytes, std::string_view type) {
  try {
    parse(bytes, type);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUnsupported);
    return e.what();
  }
  return "no error";
}

TEST(GuessMediaType, RecognisesDeclaredTypes) {
  EXPECT_EQ(guess_media_type(kDockerManifest), kDockerV2Schema2Manifest);
  EXPECT_EQ(guess_media_type(testdata::kOciManifest), manifest::kOciManifest);
}

TEST(GuessMediaType, TellsSignedSchema1ByItsSignatures) {
  EXPECT_EQ(guess_media_type(kSchema1Signed), kDockerV2Schema1Signed);
  EXPECT_EQ(guess_media_type(kSchema1Payload), kDockerV2Schema1);
}

TEST(GuessMediaType, UsesTheConfigTypeWhenMediaTypeIsMissing) {
  EXPECT_EQ(guess_media_type(R"({"schemaVersion":2,"config":{"mediaType":")" +
                             std::string(kOciConfig) + R"("},"layers":[]})"),
            manifest::kOciManifest);
  EXPECT_EQ(guess_media_type(R"({"schemaVersion":2,"config":{"mediaType":")" +
                             std::string(kDockerV2Schema2Config) + R"("}})"),
            kDockerV2Schema2Manifest);
}

TEST(GuessMediaType, TreatsUnlabelledManifestsListAsIndex) {
  EXPECT_EQ(guess_media_type(R"({"schemaVersion":2,"manifests":[{"digest":"sha256:x","size":1}]})"),
            kOciIndex);
}

TEST(GuessMediaType, TreatsOtherVersion2DocumentsAsArtifacts) {
  EXPECT_EQ(guess_media_type(R"({"schemaVersion":2,"config":{"mediaType":"x/y"}})"),
            manifest::kOciManifest);
}

TEST(GuessMediaType, ReturnsEmptyForWhatItCannotRead) {
  EXPECT_EQ(guess_media_type("not json"), "");
  EXPECT_EQ(guess_media_type(R"({"schemaVersion":"2"})"), "");
  EXPECT_EQ(guess_media_type(R"({"schemaVersion":3})"), "");
  // A wrongly typed descriptor field makes Go's decode of the manifests list fail.
  EXPECT_EQ(guess_media_type(R"({"schemaVersion":2,"manifests":[{"size":"1"}]})"), "");
}

TEST(GuessMediaType, MatchesFieldNamesCaseInsensitively) {
  EXPECT_EQ(guess_media_type(R"({"MediaType":")" + std::string(kDockerV2List) + R"("})"),
            kDockerV2List);
}

TEST(ManifestDigest, StripsSchema1Signatures) {
  EXPECT_EQ(manifest_digest(kSchema1Signed).str(), testdata::kSchema1SignedDigest);
  EXPECT_EQ(manifest_digest(kSchema1Signed), Digest::sha256_of(kSchema1Payload));
}

TEST(ManifestDigest, HashesEverythingElseAsIs) {
  EXPECT_EQ(manifest_digest(kDockerManifest).str(),
            "sha256:92be068a4182a1604709da8766980d828b6c63716b968e0c0ae6d2ee579ce5f8");
  EXPECT_EQ(manifest_digest("hello").str(),
            "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
}

// libtrust's payload of zero signature blocks is empty (skopeo 1.9.3 agrees).
TEST(ManifestDigest, EmptySignatureListDigestsNothing) {
  EXPECT_EQ(manifest_digest(R"({"schemaVersion":1,"signatures":[]})"), Digest::sha256_of(""));
}

TEST(ManifestDigest, RejectsMalformedSignatures) {
  EXPECT_THROW(manifest_digest(R"({"schemaVersion":1,"signatures":[{"protected":"!!"}]})"), Error);
  EXPECT_THROW(manifest_digest(R"({"schemaVersion":1,"signatures":[{"protected":"e30"}]})"), Error);
}

TEST(NormalizedMediaType, MapsUnknownTypesToSignedSchema1) {
  EXPECT_EQ(normalized_media_type("application/json"), kDockerV2Schema1Signed);
  EXPECT_EQ(normalized_media_type("text/plain"), kDockerV2Schema1Signed);
  EXPECT_EQ(normalized_media_type(kOciIndex), kOciIndex);
}

TEST(Parse, ReadsADockerSchema2Manifest) {
  auto m = std::get<ImageManifest>(parse(kDockerManifest, kDockerV2Schema2Manifest));
  EXPECT_EQ(m.config.media_type, kDockerV2Schema2Config);
  EXPECT_EQ(m.config.digest, Digest::sha256_of(testdata::kDockerConfig).str());
  ASSERT_EQ(m.layers.size(), 2u);
  EXPECT_EQ(m.layers[1].size, 15);
  EXPECT_FALSE(m.layers[0].annotations);
}

TEST(Parse, ReadsOciLayerAnnotations) {
  auto m = std::get<ImageManifest>(parse(testdata::kOciManifest, manifest::kOciManifest));
  ASSERT_EQ(m.layers.size(), 1u);
  ASSERT_TRUE(m.layers[0].annotations);
  EXPECT_EQ(m.layers[0].annotations->at("org.opencontainers.image.title"), "one.tar.gz");
  EXPECT_EQ(m.annotations->at("org.opencontainers.image.created"), "2024-05-06T07:08:09Z");
}

TEST(Parse, ReadsSchema1BaseLayerFirst) {
  auto m = std::get<ImageManifest>(parse(kSchema1Signed, kDockerV2Schema1Signed));
  EXPECT_EQ(m.name, "ns/demo");
  EXPECT_EQ(m.tag, "latest");
  ASSERT_EQ(m.layers.size(), 2u);
  EXPECT_EQ(m.layers[0].digest, m.fs_layers[1]);
  EXPECT_EQ(m.layers[0].size, -1);
  EXPECT_EQ(m.empty_layers, (std::vector<bool>{false, true}));
}

std::string schema1_with_history(const std::vector<std::string>& v1) {
  std::string layers, history;
  for (const std::string& h : v1) {
    layers += std::string(layers.empty() ? "" : ",") + R"({"blobSum":"sha256:a"})";
    history +=
        std::string(history.empty() ? "" : ",") + R"({"v1Compatibility":)" + Json(h).dump() + "}";
  }
  return R"({"schemaVersion":1,"fsLayers":[)" + layers + R"(],"history":[)" + history + "]}";
}

const std::string kIdA(64, 'a');
const std::string kIdB(64, 'b');

TEST(Parse, DropsConsecutiveDuplicateSchema1Entries) {
  std::string top = R"({"id":")" + kIdA + R"(","parent":")" + kIdB + R"("})";
  std::string base = R"({"id":")" + kIdB + R"("})";
  auto m = std::get<ImageManifest>(parse(schema1_with_history({top, top, base}), kDockerV2Schema1));
  EXPECT_EQ(m.layers.size(), 2u);
  EXPECT_EQ(m.v1_compatibility.size(), 2u);
}

TEST(Parse, RejectsABrokenSchema1Chain) {
  std::string top = R"({"id":")" + kIdA + R"(","parent":")" + kIdA + R"("})";
  std::string base = R"({"id":")" + kIdB + R"("})";
  EXPECT_EQ(error_of(schema1_with_history({top, base}), kDockerV2Schema1),
            "Invalid parent ID. Expected " + kIdB + ", got \"" + kIdA + "\"");
}

TEST(Parse, RejectsSchema1WithBadIds) {
  EXPECT_EQ(error_of(schema1_with_history({R"({"id":"xyz"})"}), kDockerV2Schema1),
            R"(image ID "xyz" is invalid)");
}

TEST(Parse, ReadsAnOciIndex) {
  auto list = std::get<ManifestList>(parse(
      R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:1","size":7,
           "platform":{"architecture":"arm","os":"linux","variant":"v7"}},
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:2","size":8}]})",
      kOciIndex));
  ASSERT_EQ(list.manifests.size(), 2u);
  EXPECT_EQ(list.manifests[0].platform->variant, "v7");
  EXPECT_FALSE(list.manifests[1].platform);
}

TEST(Parse, GivesDockerListEntriesAPlatformEvenWhenMissing) {
  auto list = std::get<ManifestList>(parse(
      R"({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json",
          "manifests":[{"mediaType":"m","digest":"sha256:1","size":1}]})",
      kDockerV2List));
  EXPECT_EQ(list.manifests[0].platform, Platform{});
}

TEST(Parse, RejectsAmbiguousManifests) {
  EXPECT_EQ(error_of(R"({"schemaVersion":2,"manifests":[],"layers":[]})", kOciIndex),
            "rejecting ambiguous manifest, unexpected fields []string{\"layers\"} in supposedly " +
                std::string(kOciIndex));
}

TEST(Parse, RejectsUnknownSchema2LayerTypes) {
  EXPECT_EQ(error_of(R"({"schemaVersion":2,"mediaType":")" + std::string(kDockerV2Schema2Manifest) +
                         R"(","layers":[{"mediaType":"application/x-tar"}]})",
                     kDockerV2Schema2Manifest),
            R"(unsupported docker v2s2 media type: "application/x-tar")");
}

TEST(Parse, ReportsWronglyTypedFieldsWithGoWording) {
  EXPECT_EQ(
      error_of(R"({"schemaVersion":2,"layers":[{"size":"12"}]})", manifest::kOciManifest),
      "json: cannot unmarshal string into Go struct field Descriptor.layers.size of type int64");
}

TEST(Parse, ReportsInvalidJson) {
  EXPECT_EQ(error_of(R"({"schemaVersion":2,)", manifest::kOciManifest),
            "unexpected end of JSON input");
}

TEST(Parse, RefusesUnknownMediaTypes) {
  EXPECT_EQ(error_of("{}", "text/plain"), R"(Unimplemented manifest MIME type "text/plain")");
}

}  // namespace
}  // namespace periscope::manifest
