#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "core/error.h"
#include "io/reader.h"
#include "transport/dir/dir_destination.h"
#include "transport/dir/dir_reference.h"
#include "transport/dir/test_folder.h"

namespace periscope::transport::dir {
namespace {

using testing::read_text;
using testing::snapshot;
using testing::TestFolder;
using testing::write_text;
namespace fs = std::filesystem;

const std::string kLayer = "layer bytes";
const std::string kConfig = R"({"architecture":"amd64","os":"linux"})";

std::string manifest_for(const std::string& config, const std::string& layer) {
  return R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
         Digest::sha256_of(config).str() + R"(","size":)" + std::to_string(config.size()) +
         R"(},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":")" +
         Digest::sha256_of(layer).str() + R"(","size":)" + std::to_string(layer.size()) + "}]}";
}

BlobInfo info_of(const std::string& bytes) {
  BlobInfo info;
  info.digest = Digest::sha256_of(bytes);
  info.size = static_cast<std::int64_t>(bytes.size());
  return info;
}

void put(ImageDestination& dest, const std::string& bytes, BlobKind kind = BlobKind::kLayer) {
  io::StringReader reader(bytes);
  dest.put_blob(reader, info_of(bytes), kind);
}

// Writes a whole single-image copy to `path` and commits it.
void write_image(const std::string& path, const std::string& layer,
                 std::vector<std::string> sigs = {}) {
  auto ref = parse_dir_reference(path);
  auto dest = ref->open_destination({});
  put(*dest, layer);
  put(*dest, kConfig, BlobKind::kConfig);
  dest->put_manifest(manifest_for(kConfig, layer), "", std::nullopt);
  dest->put_signatures(sigs, std::nullopt);
  dest->commit();
}

TEST(DirReference, KeepsThePathAsWrittenAndResolvesIt) {
  TestFolder tmp;
  auto ref = parse_dir_reference(tmp / "img");
  EXPECT_EQ(ref->to_string(), "dir:" + (tmp / "img"));
  EXPECT_EQ(dynamic_cast<DirReference&>(*ref).resolved_path(),
            fs::canonical(tmp.path()).string() + "/img");
}

TEST(DirReference, RefusesAPathWhoseParentIsMissing) {
  TestFolder tmp;
  try {
    parse_dir_reference(tmp / "missing/img");
    FAIL() << "parsed";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_EQ(std::string(e.what()), "lstat " + fs::canonical(tmp.path()).string() +
                                         "/missing: no such file or directory");
  }
}

TEST(DirDestination, WritesTheLayoutC_imageWrites) {
  TestFolder tmp;
  write_image(tmp / "img", kLayer, {"sig one", "sig two"});
  std::string img = tmp / "img";
  EXPECT_EQ(read_text(img + "/version"), "Directory Transport Version: 1.1\n");
  EXPECT_EQ(read_text(img + "/" + std::string(Digest::sha256_of(kLayer).hex())), kLayer);
  EXPECT_EQ(read_text(img + "/" + std::string(Digest::sha256_of(kConfig).hex())), kConfig);
  EXPECT_EQ(read_text(img + "/manifest.json"), manifest_for(kConfig, kLayer));
  EXPECT_EQ(read_text(img + "/signature-1"), "sig one");
  EXPECT_EQ(read_text(img + "/signature-2"), "sig two");
  EXPECT_EQ(snapshot(img).size(), 6u);
  EXPECT_EQ(snapshot(tmp.path()).size(), 7u) << "no staging folder left beside it";
}

TEST(DirDestination, BlobFilesAreWorldReadable) {
  TestFolder tmp;
  write_image(tmp / "img", kLayer);
  struct stat st;
  ASSERT_EQ(::stat((tmp / "img/" + std::string(Digest::sha256_of(kLayer).hex())).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
}

TEST(DirSource, ReadsBackWhatTheDestinationWrote) {
  TestFolder tmp;
  write_image(tmp / "img", kLayer, {"sig one"});
  auto src = parse_dir_reference(tmp / "img")->open_source({});
  RawManifest m = src->manifest(std::nullopt);
  EXPECT_EQ(m.bytes, manifest_for(kConfig, kLayer));
  EXPECT_EQ(m.media_type, "application/vnd.oci.image.manifest.v1+json");
  auto layer = src->blob(info_of(kLayer));
  EXPECT_EQ(io::read_all(*layer), kLayer);
  EXPECT_EQ(src->small_blob(Digest::sha256_of(kConfig), 1 << 20), kConfig);
  EXPECT_EQ(src->signatures(std::nullopt), std::vector<std::string>{"sig one"});
}

TEST(DirSource, ReadsInstanceManifestsAndSignaturesByDigest) {
  TestFolder tmp;
  std::string instance = manifest_for(kConfig, kLayer);
  Digest d = Digest::sha256_of(instance);
  {
    auto dest = parse_dir_reference(tmp / "img")->open_destination({});
    dest->put_manifest(instance, "", d);
    dest->put_signatures({"instance sig"}, d);
    dest->put_manifest(
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]})",
        "", std::nullopt);
    dest->commit();
  }
  EXPECT_TRUE(fs::exists(tmp / ("img/" + std::string(d.hex()) + ".manifest.json")));
  EXPECT_TRUE(fs::exists(tmp / ("img/" + std::string(d.hex()) + ".signature-1")));
  auto src = parse_dir_reference(tmp / "img")->open_source({});
  EXPECT_EQ(src->manifest(d).bytes, instance);
  EXPECT_EQ(src->signatures(d), std::vector<std::string>{"instance sig"});
  EXPECT_EQ(src->manifest(std::nullopt).media_type, "application/vnd.oci.image.index.v1+json");
}

TEST(DirSource, MissingManifestIsAnIoErrorNotImageNotFound) {
  TestFolder tmp;
  auto src = parse_dir_reference(tmp.path())->open_source({});
  try {
    src->manifest(std::nullopt);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kIo);
    EXPECT_EQ(std::string(e.what()),
              "open " + tmp.path() + "/manifest.json: no such file or directory");
  }
}

TEST(DirSource, SmallBlobWithWrongContentIsRefused) {
  TestFolder tmp;
  write_text(tmp / std::string(Digest::sha256_of(kConfig).hex()), "tampered");
  auto src = parse_dir_reference(tmp.path())->open_source({});
  try {
    src->small_blob(Digest::sha256_of(kConfig), 1 << 20);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kDigestMismatch);
  }
}

TEST(DirDestination, ReplacesAnExistingImageCompletely) {
  TestFolder tmp;
  write_image(tmp / "img", "old layer", {"old sig"});
  write_image(tmp / "img", kLayer);
  auto files = snapshot(tmp / "img");
  EXPECT_EQ(files.count(std::string(Digest::sha256_of("old layer").hex())), 0u);
  EXPECT_EQ(files.count("signature-1"), 0u);
  EXPECT_EQ(files["manifest.json"], manifest_for(kConfig, kLayer));
  EXPECT_EQ(files.size(), 4u);
  EXPECT_EQ(snapshot(tmp.path()).size(), 5u) << "old image and staging folder are gone";
}

TEST(DirDestination, ReplacementKeepsTheFolderPermissions) {
  TestFolder tmp;
  write_image(tmp / "img", kLayer);
  ASSERT_EQ(::chmod((tmp / "img").c_str(), 0750), 0);
  write_image(tmp / "img", "new layer");
  struct stat st;
  ASSERT_EQ(::stat((tmp / "img").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0750u);
}

TEST(DirDestination, WritesIntoAnEmptyExistingFolder) {
  TestFolder tmp;
  fs::create_directory(tmp / "img");
  write_image(tmp / "img", kLayer);
  EXPECT_EQ(read_text(tmp / "img/manifest.json"), manifest_for(kConfig, kLayer));
}

TEST(DirDestination, RefusesANonEmptyFolderWithoutVersionFile) {
  TestFolder tmp;
  fs::create_directory(tmp / "data");
  write_text(tmp / "data/precious.txt", "keep me");
  auto ref = parse_dir_reference(tmp / "data");
  try {
    ref->open_destination({});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "not a containers image directory, don't want to overwrite important data");
  }
  EXPECT_EQ(read_text(tmp / "data/precious.txt"), "keep me");
  EXPECT_EQ(snapshot(tmp.path()).size(), 2u) << "no staging folder left";
}

TEST(DirDestination, RefusesAFolderWithAForeignVersionFile) {
  TestFolder tmp;
  fs::create_directory(tmp / "data");
  write_text(tmp / "data/version", "Directory Transport Version: 1.0\n");
  EXPECT_THROW(parse_dir_reference(tmp / "data")->open_destination({}), Error);
}

TEST(DirDestination, RefusesAtCommitWhenTheFolderFilledUpMeanwhile) {
  TestFolder tmp;
  auto dest = parse_dir_reference(tmp / "img")->open_destination({});
  put(*dest, kLayer);
  dest->put_manifest(manifest_for(kConfig, kLayer), "", std::nullopt);
  fs::create_directory(tmp / "img");
  write_text(tmp / "img/precious.txt", "keep me");
  EXPECT_THROW(dest->commit(), Error);
  EXPECT_EQ(snapshot(tmp / "img").size(), 1u);
}

TEST(DirDestination, AbandonedCopyLeavesTheOldImageByteIdentical) {
  TestFolder tmp;
  write_image(tmp / "img", "old layer", {"old sig"});
  auto before = snapshot(tmp.path());
  {
    auto dest = parse_dir_reference(tmp / "img")->open_destination({});
    put(*dest, kLayer);
    dest->put_manifest(manifest_for(kConfig, kLayer), "", std::nullopt);
  }  // destroyed without commit
  EXPECT_EQ(snapshot(tmp.path()), before);
}

TEST(DirDestination, AbandonedCopyToANewPathLeavesNothing) {
  TestFolder tmp;
  {
    auto dest = parse_dir_reference(tmp / "img")->open_destination({});
    put(*dest, kLayer);
  }
  EXPECT_TRUE(fs::is_empty(tmp.path()));
}

TEST(DirDestination, DigestMismatchAtEndOfStreamLeavesNoBlob) {
  TestFolder tmp;
  auto dest = std::make_unique<DirDestination>(tmp / "img");
  testing::FailAtEofReader reader(kLayer);
  EXPECT_THROW(dest->put_blob(reader, info_of(kLayer), BlobKind::kLayer), Error);
  EXPECT_EQ(snapshot(dest->staging_path()).size(), 1u) << "only the version file";
  EXPECT_FALSE(dest->try_reuse_blob(info_of(kLayer), {}));
}

TEST(DirDestination, ContentNotMatchingTheExpectedDigestIsRefused) {
  TestFolder tmp;
  auto dest = std::make_unique<DirDestination>(tmp / "img");
  io::StringReader reader("other bytes");
  BlobInfo expected = info_of(kLayer);
  expected.size = -1;
  try {
    dest->put_blob(reader, expected, BlobKind::kLayer);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kDigestMismatch);
  }
  EXPECT_EQ(snapshot(dest->staging_path()).size(), 1u);
}

TEST(DirDestination, ComputesDigestAndSizeWhenUnknown) {
  TestFolder tmp;
  auto dest = parse_dir_reference(tmp / "img")->open_destination({});
  io::StringReader reader(kLayer);
  BlobInfo stored = dest->put_blob(reader, BlobInfo{}, BlobKind::kLayer);
  EXPECT_EQ(stored.digest, Digest::sha256_of(kLayer));
  EXPECT_EQ(stored.size, static_cast<std::int64_t>(kLayer.size()));
}

TEST(DirDestination, ReusesOnlyBlobsOfTheNewImage) {
  TestFolder tmp;
  write_image(tmp / "img", kLayer);
  auto dest = parse_dir_reference(tmp / "img")->open_destination({});
  EXPECT_FALSE(dest->try_reuse_blob(info_of(kLayer), {})) << "the old image is going away";
  put(*dest, kLayer);
  auto reused = dest->try_reuse_blob(info_of(kLayer), {});
  ASSERT_TRUE(reused);
  EXPECT_EQ(reused->size, static_cast<std::int64_t>(kLayer.size()));
}

TEST(DirDestination, AcceptsAnyManifestTypeAndSignatures) {
  TestFolder tmp;
  auto dest = parse_dir_reference(tmp / "img")->open_destination({});
  DestCaps caps = dest->caps();
  EXPECT_TRUE(caps.manifest_types.empty());
  EXPECT_TRUE(caps.supports_signatures);
  EXPECT_FALSE(caps.compresses_uncompressed_layers);
  EXPECT_TRUE(caps.concurrent_blobs);
}

TEST(DirReference, DeleteIsNotSupported) {
  TestFolder tmp;
  EXPECT_THROW(parse_dir_reference(tmp.path())->delete_image({}), Error);
}

}  // namespace
}  // namespace periscope::transport::dir
