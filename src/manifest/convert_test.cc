#include "manifest/convert.h"

#include <gtest/gtest.h>

#include "manifest/convert_fixtures.h"
#include "manifest/media_type.h"
#include "manifest/test_fixtures.h"

namespace periscope::manifest {
namespace {

namespace fx = convert_fixtures;
using Op = CompressionOperation;

// Layer blobs of the fixture images, as skopeo wrote them.
constexpr const char* kL1Gzip =
    "sha256:6978f28faa9a737945730306a5e3832d1881a6372aafc2422ab5edd53d2d58c5";
constexpr const char* kL1Tar =
    "sha256:306fec24646609190d644ef13d1979b32c3031178c5b68dc14bff0ae433ad5f2";
constexpr const char* kL1Zstd =
    "sha256:9cbf5c00ad92213f6be35debf73310200b34b84fe7262c39b0b27a019c880c5f";
constexpr const char* kL1Regzip =
    "sha256:efe843063872e327c4d78c5fad7a5f6d1eb070930a6df1175150ec3f13ad18c0";
constexpr const char* kL2Tar =
    "sha256:c797bbede4e0688f7cd7ed751db793a6d5a155daf019a0778fe9d9a38b0ac5a1";
constexpr const char* kL2Gzip =
    "sha256:ed642e1b046a46d6f30a5767273991e4ca0031f8d31b9b3138d9807185999b45";
constexpr const char* kL2Zstd =
    "sha256:16518018ca09a67fcebd14cfe2013106ded46ed3ac75355560573965d723e96c";
constexpr const char* kL3Gzip =
    "sha256:d048c6c43d65138e8e5f49360ae25be342f4602eea6be78d95728c173d2189b0";
constexpr const char* kL3Tar =
    "sha256:84dbdbd600fae5c64639992fd3867398b726cfd445e62740a1ce5a74b1ff1d1b";
constexpr const char* kL3Zstd =
    "sha256:5ad333395a29b57b532465023bd05cee7dcfad6dbf6eb479e574d4e1e1e6b0f7";

LayerEdit edit(const char* digest, std::int64_t size, Op op, std::string algorithm = "",
               std::optional<Annotations> annotations = Annotations{}) {
  LayerEdit e;
  e.digest = digest;
  e.size = size;
  e.operation = op;
  e.algorithm = std::move(algorithm);
  e.annotations = std::move(annotations);
  return e;
}

const std::string kOci(kOciManifest);
const std::string kS2(kDockerV2Schema2Manifest);

// ---- choose_manifest_type ----

TEST(ChooseManifestType, KeepsSourceTypeWhenDestinationAcceptsAnything) {
  ManifestTypePlan p = choose_manifest_type({.source_media_type = kS2});
  EXPECT_EQ(p.preferred, kS2);
  EXPECT_FALSE(p.needs_conversion);
  EXPECT_EQ(p.other_candidates, (std::vector<std::string>{std::string(kDockerV2Schema1Signed), kOci,
                                                          std::string(kDockerV2Schema1)}));
}

TEST(ChooseManifestType, ForcedFormatConverts) {
  ManifestTypePlan p = choose_manifest_type(
      {.source_media_type = kS2, .forced_media_type = format_media_type("oci")});
  EXPECT_EQ(p.preferred, kOci);
  EXPECT_TRUE(p.needs_conversion);
  EXPECT_TRUE(p.other_candidates.empty());
}

TEST(ChooseManifestType, CannotModifyKeepsSourceEvenWhenFormatIsForced) {
  ManifestTypePlan p =
      choose_manifest_type({.source_media_type = kS2,
                            .forced_media_type = kOci,
                            .cannot_modify_reason = "Instructed to preserve digests"});
  EXPECT_EQ(p.preferred, kS2);
  EXPECT_FALSE(p.needs_conversion);
  EXPECT_TRUE(p.other_candidates.empty());
}

TEST(ChooseManifestType, CannotModifyKeepsSourceEvenWhenDestinationLacksIt) {
  ManifestTypePlan p =
      choose_manifest_type({.source_media_type = kS2,
                            .destination_supported = {kOci},
                            .cannot_modify_reason = "Would invalidate signatures"});
  EXPECT_EQ(p.preferred, kS2);
  EXPECT_FALSE(p.needs_conversion);
}

TEST(ChooseManifestType, PrefersSchema2OverDestinationOrderWhenConverting) {
  ManifestTypePlan p =
      choose_manifest_type({.source_media_type = kOci,
                            .destination_supported = {std::string(kDockerV2Schema1Signed), kS2}});
  EXPECT_EQ(p.preferred, kS2);
  EXPECT_TRUE(p.needs_conversion);
  EXPECT_EQ(p.other_candidates, std::vector<std::string>{std::string(kDockerV2Schema1Signed)});
}

TEST(ChooseManifestType, NormalizesDeclaredSourceType) {
  ManifestTypePlan p =
      choose_manifest_type({.source_media_type = "application/json",
                            .destination_supported = {kOci, std::string(kDockerV2Schema1Signed)}});
  EXPECT_EQ(p.preferred, kDockerV2Schema1Signed);
  EXPECT_FALSE(p.needs_conversion);
}

// skopeo 1.22 (unlike 1.9.3, which failed writing the Docker manifest) picks OCI for zstd.
TEST(ChooseManifestType, ZstdCompressionSelectsOciForAnyDestination) {
  ManifestTypePlan p =
      choose_manifest_type({.source_media_type = kS2, .requested_compression = "zstd"});
  EXPECT_EQ(p.preferred, kOci);
  EXPECT_TRUE(p.needs_conversion);
  EXPECT_TRUE(p.other_candidates.empty());
}

TEST(ChooseManifestType, ZstdWithForcedSchema2IsRefused) {
  try {
    choose_manifest_type(
        {.source_media_type = kOci, .forced_media_type = kS2, .requested_compression = "zstd"});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "compression using zstd required together with format "
                 "application/vnd.docker.distribution.manifest.v2+json, which does not support it");
  }
}

TEST(ChooseManifestType, ZstdToDockerOnlyDestinationIsRefused) {
  try {
    choose_manifest_type({.source_media_type = kOci,
                          .destination_supported = {kS2, std::string(kDockerV2Schema1Signed)},
                          .requested_compression = "zstd:chunked"});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "compression using zstd:chunked required but the destination only supports MIME "
                 "types [application/vnd.docker.distribution.manifest.v2+json, "
                 "application/vnd.docker.distribution.manifest.v1+prettyjws], none of which "
                 "support it");
  }
}

TEST(FormatMediaType, RejectsUnknownFormatAsUsageError) {
  try {
    format_media_type("v2s3");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_STREQ(e.what(),
                 "unknown format \"v2s3\". Choose one of the supported formats: 'oci', 'v2s1', or "
                 "'v2s2'");
  }
}

// ---- update_manifest: Docker schema 2 source ----

TEST(UpdateManifest, UnchangedDigestsKeepOriginalBytes) {
  // Copying dir:s2 to dir: writes the pretty-printed source unchanged, even though the copy
  // reports the uncompressed layer as "decompressed".
  std::vector<LayerEdit> edits = {edit(kL1Gzip, 112, Op::kPreserveOriginal, "gzip"),
                                  edit(kL2Tar, 10240, Op::kDecompress),
                                  edit(kL3Gzip, 107, Op::kPreserveOriginal, "gzip")};
  UpdatedManifest out = update_manifest(fx::kS2Manifest, kS2, edits, "", fx::kS2Config);
  EXPECT_EQ(out.manifest, fx::kS2Manifest);
  EXPECT_FALSE(out.changed);
  EXPECT_FALSE(out.config.has_value());
  EXPECT_EQ(out.config_descriptor.digest,
            "sha256:93296a5f119a12244dd01e984b16850a95e3d77da4134a91da39220654e6af18");
}

TEST(UpdateManifest, Schema2ToOciMatchesSkopeo) {
  UpdatedManifest out = update_manifest(fx::kS2Manifest, kS2, {}, kOci, fx::kS2Config);
  EXPECT_EQ(out.manifest, fx::kS2ToOci);
  EXPECT_EQ(out.media_type, kOci);
  ASSERT_TRUE(out.config.has_value());
  EXPECT_EQ(*out.config, fx::kS2ToOciConfig);
  EXPECT_EQ(out.config_descriptor.media_type, kOciConfig);
  EXPECT_EQ(out.config_descriptor.digest,
            "sha256:26542d5b9ab2e269d04ed3c333fc80b8b303e0f9d0827010f1c94cdd12596f13");
  EXPECT_EQ(out.config_descriptor.size, 705);
}

TEST(UpdateManifest, Schema2DecompressMatchesSkopeo) {
  std::vector<LayerEdit> edits = {edit(kL1Tar, 10240, Op::kDecompress),
                                  edit(kL2Tar, 10240, Op::kDecompress),
                                  edit(kL3Tar, 10240, Op::kDecompress)};
  UpdatedManifest out = update_manifest(fx::kS2Manifest, kS2, edits, "", fx::kS2Config);
  EXPECT_EQ(out.manifest, fx::kS2Decompressed);
  EXPECT_TRUE(out.changed);
}

TEST(UpdateManifest, Schema2CompressDropsForeignUrlsLikeSkopeo) {
  std::vector<LayerEdit> edits = {edit(kL1Gzip, 112, Op::kPreserveOriginal, "gzip"),
                                  edit(kL2Gzip, 127, Op::kCompress, "gzip"),
                                  edit(kL3Gzip, 107, Op::kPreserveOriginal, "gzip")};
  UpdatedManifest out = update_manifest(fx::kS2Manifest, kS2, edits, "", fx::kS2Config);
  EXPECT_EQ(out.manifest, fx::kS2Compressed);
}

TEST(UpdateManifest, Schema2ToOciWithZstdMatchesSkopeo) {
  std::vector<LayerEdit> edits = {edit(kL1Zstd, 97, Op::kPreserveOriginal, "zstd"),
                                  edit(kL2Zstd, 110, Op::kCompress, "zstd"),
                                  edit(kL3Zstd, 95, Op::kPreserveOriginal, "zstd")};
  UpdatedManifest out = update_manifest(fx::kS2Manifest, kS2, edits, kOci, fx::kS2Config);
  EXPECT_EQ(out.manifest, fx::kS2ToOciZstd);
  ASSERT_TRUE(out.config.has_value());
  EXPECT_EQ(*out.config, fx::kS2ToOciConfig);
}

TEST(UpdateManifest, SkippedForeignLayerKeepsUrlsLikeSkopeo) {
  LayerEdit foreign = edit(kL3Gzip, 107, Op::kPreserveOriginal, "", std::nullopt);
  foreign.urls = {"https://example.com/l3?a=1&b=2"};
  std::vector<LayerEdit> edits = {edit(kL1Gzip, 112, Op::kPreserveOriginal, "gzip"),
                                  edit(kL2Gzip, 127, Op::kCompress, "gzip"), foreign};
  UpdatedManifest out = update_manifest(fx::kS2Manifest, kS2, edits, kOci, fx::kS2Config);
  EXPECT_EQ(out.manifest, fx::kS2ToOciLayout);
}

TEST(UpdateManifest, ZstdInSchema2IsCompressionIncompatible) {
  std::vector<LayerEdit> edits = {edit(kL1Zstd, 97, Op::kPreserveOriginal, "zstd"),
                                  edit(kL2Zstd, 110, Op::kCompress, "zstd"),
                                  edit(kL3Zstd, 95, Op::kPreserveOriginal, "zstd")};
  try {
    update_manifest(fx::kS2Manifest, kS2, edits, "", fx::kS2Config);
    FAIL() << "expected an error";
  } catch (const CompressionIncompatibleError& e) {
    // skopeo 1.9.3 prints this after "creating an updated image manifest: ".
    EXPECT_STREQ(
        e.what(),
        "preparing updated manifest, layer "
        "\"sha256:9cbf5c00ad92213f6be35debf73310200b34b84fe7262c39b0b27a019c880c5f\": zstd "
        "compression is not supported for type "
        "\"application/vnd.docker.image.rootfs.diff.tar.gzip\"");
  }
}

TEST(UpdateManifest, LayerCountMismatchIsAnError) {
  std::vector<LayerEdit> edits = {edit(kL1Tar, 10240, Op::kDecompress)};
  try {
    update_manifest(fx::kS2Manifest, kS2, edits, "", fx::kS2Config);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "Error preparing updated manifest: layer count changed from 3 to 1");
  }
}

// ---- update_manifest: OCI source ----

TEST(UpdateManifest, OciToSchema2KeepsConfigBytesLikeSkopeo) {
  UpdatedManifest out = update_manifest(fx::kOciManifest, kOci, {}, kS2, fx::kOciConfig);
  EXPECT_EQ(out.manifest, fx::kOciToS2);
  EXPECT_EQ(out.media_type, kS2);
  EXPECT_FALSE(out.config.has_value());
  EXPECT_EQ(out.config_descriptor.media_type, kDockerV2Schema2Config);
  EXPECT_EQ(out.config_descriptor.size, 366);
}

TEST(UpdateManifest, OciDecompressMatchesSkopeo) {
  std::vector<LayerEdit> edits = {edit(kL1Tar, 10240, Op::kDecompress),
                                  edit(kL2Tar, 10240, Op::kDecompress)};
  EXPECT_EQ(update_manifest(fx::kOciManifest, kOci, edits, "", "").manifest, fx::kOciDecompressed);
}

TEST(UpdateManifest, OciCompressKeepsAnnotationsOfUnchangedLayers) {
  std::vector<LayerEdit> edits = {
      edit(kL1Gzip, 112, Op::kPreserveOriginal, "gzip", Annotations{{"b", "2"}, {"a", "<1>"}}),
      edit(kL2Gzip, 127, Op::kCompress, "gzip")};
  EXPECT_EQ(update_manifest(fx::kOciManifest, kOci, edits, "", "").manifest, fx::kOciCompressed);
}

TEST(UpdateManifest, OciZstdMatchesSkopeo) {
  std::vector<LayerEdit> edits = {edit(kL1Zstd, 97, Op::kPreserveOriginal, "zstd"),
                                  edit(kL2Zstd, 110, Op::kCompress, "zstd")};
  EXPECT_EQ(update_manifest(fx::kOciManifest, kOci, edits, "", "").manifest, fx::kOciZstd);
}

TEST(UpdateManifest, OciZstdRecompressedToGzipMatchesSkopeo) {
  std::vector<LayerEdit> edits = {edit(kL1Regzip, 123, Op::kPreserveOriginal, "gzip"),
                                  edit(kL2Gzip, 127, Op::kPreserveOriginal, "gzip")};
  EXPECT_EQ(update_manifest(fx::kOciZstd, kOci, edits, "", "").manifest, fx::kOciZstdToGzip);
}

TEST(UpdateManifest, OciZstdToSchema2WithoutLayerChangesFails) {
  try {
    update_manifest(fx::kOciZstd, kOci, {}, kS2, "");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "Error during manifest conversion: "
                 "\"application/vnd.oci.image.layer.v1.tar+zstd\": zstd compression is not "
                 "supported for docker images");
  }
}

// skopeo 1.22 (layerEditsOfOCIOnlyFeatures) recompresses zstd layers before converting; 1.9.3
// failed as in the test above. The layer blobs are those 1.9.3 wrote for the same recompression.
TEST(UpdateManifest, OciZstdToSchema2WithGzipRecompression) {
  std::vector<LayerEdit> edits = {edit(kL1Regzip, 123, Op::kPreserveOriginal, "gzip"),
                                  edit(kL2Gzip, 127, Op::kPreserveOriginal, "gzip")};
  UpdatedManifest out = update_manifest(fx::kOciZstd, kOci, edits, kS2, "");
  EXPECT_EQ(
      out.manifest,
      R"({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",)"
      R"("config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":366,)"
      R"("digest":"sha256:32b2cd0a078ed33863f9dcbff5c262e306cf9a95c865d855dc6fdc844e5da4f4"},)"
      R"("layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":123,)"
      R"("digest":"sha256:efe843063872e327c4d78c5fad7a5f6d1eb070930a6df1175150ec3f13ad18c0"},)"
      R"({"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":127,)"
      R"("digest":"sha256:ed642e1b046a46d6f30a5767273991e4ca0031f8d31b9b3138d9807185999b45"}]})");
}

TEST(UpdateManifest, OciZstdToSchema2WithDecompression) {
  std::vector<LayerEdit> edits = {edit(kL1Tar, 10240, Op::kDecompress),
                                  edit(kL2Tar, 10240, Op::kDecompress)};
  UpdatedManifest out = update_manifest(fx::kOciZstd, kOci, edits, kS2, "");
  EXPECT_NE(
      out.manifest.find(
          R"("layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar","size":10240,)"),
      std::string::npos)
      << out.manifest;
}

TEST(UpdateManifest, ArtifactCannotBecomeSchema2) {
  const std::string artifact =
      R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",)"
      R"("config":{"mediaType":"application/vnd.example+json",)"
      R"("digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",)"
      R"("size":2},)"
      R"("layers":[]})";
  try {
    update_manifest(artifact, kOci, {}, kS2, "");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "unsupported image-specific operation on artifact with type "
                 "\"application/vnd.example+json\"");
  }
}

TEST(UpdateManifest, Schema1ConversionNeedsDiffIds) {
  try {
    update_manifest(testdata::kSchema1Signed, kDockerV2Schema1Signed, {}, kOci, "");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUnsupported);
    EXPECT_NE(std::string(e.what()).find("diff IDs"), std::string::npos) << e.what();
  }
}

TEST(UpdateManifest, LayersSubstitutedForcesRewriteWithSameDigests) {
  std::vector<LayerEdit> edits = {edit(kL1Gzip, 112, Op::kPreserveOriginal, "gzip"),
                                  edit(kL2Tar, 10240, Op::kDecompress)};
  UpdatedManifest out = update_manifest(fx::kOciManifest, kOci, edits, "", "", true);
  EXPECT_TRUE(out.changed);
  // The first layer's annotations are gone: the edit carried none.
  EXPECT_EQ(out.manifest.find("\"b\":\"2\""), std::string::npos) << out.manifest;
}

// ---- helpers for the copy engine ----

TEST(CompressionEdits, FollowLayerMediaType) {
  EXPECT_EQ(compression_edits_from_media_type(kDockerV2Schema2Layer, std::nullopt),
            std::make_pair(Op::kPreserveOriginal, std::string("gzip")));
  EXPECT_EQ(compression_edits_from_media_type(kOciLayer, std::nullopt),
            std::make_pair(Op::kDecompress, std::string()));
  EXPECT_EQ(compression_edits_from_media_type(
                kOciLayerZstd,
                Annotations{{"io.github.containers.zstd-chunked.manifest-checksum", "sha256:x"}}),
            std::make_pair(Op::kPreserveOriginal, std::string("zstd:chunked")));
  EXPECT_EQ(compression_edits_from_media_type(kDockerV2Schema2ForeignLayerGzip, std::nullopt),
            std::make_pair(Op::kPreserveOriginal, std::string()));
}

TEST(CanChangeLayerCompression, RefusesArtifactsAndUnknownTypes) {
  EXPECT_TRUE(can_change_layer_compression(kOciManifest, kOciConfig, kOciLayerGzip));
  EXPECT_FALSE(
      can_change_layer_compression(kOciManifest, "application/vnd.example+json", kOciLayerGzip));
  EXPECT_FALSE(can_change_layer_compression(kDockerV2Schema2Manifest, kDockerV2Schema2Config,
                                            kOciLayerGzip));
  EXPECT_TRUE(can_change_layer_compression(kDockerV2Schema2Manifest, kDockerV2Schema2Config,
                                           kDockerV2Schema2ForeignLayer));
}

}  // namespace
}  // namespace periscope::manifest
