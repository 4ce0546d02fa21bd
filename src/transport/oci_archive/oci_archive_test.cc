#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/error.h"
#include "io/compression.h"
#include "io/tar_reader.h"
#include "manifest/manifest.h"
#include "manifest/media_type.h"
#include "transport/oci_archive/oci_archive_reference.h"
#include "transport/dir/test_folder.h"

namespace periscope::transport::oci_archive {
namespace {

namespace fs = std::filesystem;

const std::string kConfig =
    R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}})";
const std::string kLayer = "pretend this is a layer tar";

std::string oci_manifest() {
  return R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
         Digest::sha256_of(kConfig).str() + R"(","size":)" + std::to_string(kConfig.size()) +
         R"(},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":")" +
         Digest::sha256_of(kLayer).str() + R"(","size":)" + std::to_string(kLayer.size()) + "}]}";
}

class OciArchiveTest : public ::testing::Test {
 protected:

  std::unique_ptr<ImageReference> ref(const std::string& suffix = "") {
    return parse_oci_archive_reference(path_ + suffix);
  }
  BlobInfo info_of(const std::string& bytes) {
    BlobInfo info;
    info.digest = Digest::sha256_of(bytes);
    info.size = static_cast<std::int64_t>(bytes.size());
    return info;
  }
  // Stores the test image through a destination (without commit when `commit` is false).
  void write_image(const std::string& suffix = "", bool commit = true) {
    auto dest = ref(suffix)->open_destination(options_);
    io::StringReader config(kConfig), layer(kLayer);
    dest->put_blob(layer, info_of(kLayer), BlobKind::kLayer);
    dest->put_blob(config, info_of(kConfig), BlobKind::kConfig);
    dest->put_manifest(oci_manifest(), manifest::kOciManifest, std::nullopt);
    if (commit) dest->commit();
  }
  std::string source_error(const std::string& suffix) {
    try {
      ref(suffix)->open_source(options_);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }

  testing::TestFolder folder_;
  const std::string& dir_ = folder_.path();
  std::string path_ = folder_ / "image.tar";
  TransportOptions options_;
};

TEST_F(OciArchiveTest, RoundTripsThroughItsOwnSource) {
  write_image();
  auto src = ref()->open_source(options_);
  RawManifest m = src->manifest(std::nullopt);
  EXPECT_EQ(m.bytes, oci_manifest());
  EXPECT_EQ(m.media_type, manifest::kOciManifest);
  EXPECT_EQ(io::read_all(*src->blob(info_of(kLayer))), kLayer);
  EXPECT_EQ(src->small_blob(Digest::sha256_of(kConfig), 1 << 20), kConfig);
}

TEST_F(OciArchiveTest, ArchiveHoldsAnOciLayout) {
  write_image(":v1");
  io::TarIndex index(path_);
  EXPECT_EQ(io::read_all(*index.open("oci-layout")), R"({"imageLayoutVersion":"1.0.0"})");
  std::string manifest_digest = Digest::sha256_of(oci_manifest()).str();
  EXPECT_EQ(
      io::read_all(*index.open("index.json")),
      R"({"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
          manifest_digest + R"(","size":)" + std::to_string(oci_manifest().size()) +
          R"(,"annotations":{"org.opencontainers.image.ref.name":"v1"}}]})");
  EXPECT_NE(index.find("blobs/sha256/" + std::string(Digest::sha256_of(kLayer).hex())), nullptr);
}

TEST_F(OciArchiveTest, SourceChoosesByRefName) {
  write_image(":v1");
  EXPECT_NO_THROW(ref(":v1")->open_source(options_));
  try {
    ref(":v2")->open_source(options_);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kNotFound);
    EXPECT_STREQ(e.what(), "no descriptor found for reference \"v2\"");
  }
}

TEST_F(OciArchiveTest, MissingArchiveIsReported) {
  EXPECT_EQ(source_error(""), "archive file not found: \"" + path_ + "\"");
}

TEST_F(OciArchiveTest, NonTarFileIsReportedWithItsName) {
  std::ofstream(path_) << std::string(1024, 'x');
  EXPECT_EQ(source_error(""), path_ + ": not a tar archive (invalid header) at offset 0");
}

TEST_F(OciArchiveTest, BlobOfUnknownDigestIsHashedIntoTheArchive) {
  auto dest = ref()->open_destination(options_);
  io::StringReader layer(kLayer);
  BlobInfo stored = dest->put_blob(layer, BlobInfo{}, BlobKind::kLayer);
  EXPECT_EQ(stored.digest, Digest::sha256_of(kLayer));
  EXPECT_EQ(stored.size, static_cast<std::int64_t>(kLayer.size()));
  io::StringReader config(kConfig);
  dest->put_blob(config, info_of(kConfig), BlobKind::kConfig);
  dest->put_manifest(oci_manifest(), manifest::kOciManifest, std::nullopt);
  dest->commit();
  auto src = ref()->open_source(options_);
  EXPECT_EQ(io::read_all(*src->blob(stored)), kLayer);
}

TEST_F(OciArchiveTest, WrittenBlobIsReused) {
  auto dest = ref()->open_destination(options_);
  EXPECT_FALSE(dest->try_reuse_blob(info_of(kLayer), {}));
  io::StringReader layer(kLayer);
  dest->put_blob(layer, info_of(kLayer), BlobKind::kLayer);
  auto reused = dest->try_reuse_blob(info_of(kLayer), {});
  ASSERT_TRUE(reused);
  EXPECT_EQ(reused->size, static_cast<std::int64_t>(kLayer.size()));
}

TEST_F(OciArchiveTest, FailedCopyLeavesTheExistingArchiveUntouched) {
  write_image();
  std::string before = testing::read_text(path_);
  write_image(":other", /*commit=*/false);
  EXPECT_EQ(testing::read_text(path_), before);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()),
            1);  // no temp left
}

TEST_F(OciArchiveTest, CommitReplacesAnExistingArchive) {
  write_image();
  write_image(":v2");
  EXPECT_NO_THROW(ref(":v2")->open_source(options_));
}

TEST_F(OciArchiveTest, StreamsToAPipe) {
  std::string fifo = dir_ + "/pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] { received = testing::read_text(fifo); });
  {
    auto dest = parse_oci_archive_reference(fifo)->open_destination(options_);
    io::StringReader layer(kLayer), config(kConfig);
    dest->put_blob(layer, BlobInfo{}, BlobKind::kLayer);  // unknown digest: spooled, not seekable
    dest->put_blob(config, info_of(kConfig), BlobKind::kConfig);
    dest->put_manifest(oci_manifest(), manifest::kOciManifest, std::nullopt);
    dest->commit();
  }
  reader.join();
  std::ofstream(path_, std::ios::binary) << received;
  auto src = ref()->open_source(options_);
  EXPECT_EQ(io::read_all(*src->blob(info_of(kLayer))), kLayer);
}

TEST_F(OciArchiveTest, ReadsAGzipCompressedArchive) {
  write_image();
  {
    io::FileReader plain(path_);
    auto gz = io::gzip_compressor(plain);
    std::ofstream(dir_ + "/image.tar.gz", std::ios::binary) << io::read_all(*gz);
  }
  auto src = parse_oci_archive_reference(dir_ + "/image.tar.gz")->open_source(options_);
  EXPECT_EQ(io::read_all(*src->blob(info_of(kLayer))), kLayer);
}

TEST_F(OciArchiveTest, ParsesReferencesAsCImageDoes) {
  EXPECT_EQ(ref(":v1")->to_string(), "oci-archive:" + path_ + ":v1");
  EXPECT_THROW(ref(":@1"), Error);  // no @N for archives
  EXPECT_THROW(ref(":bad name"), Error);
}

}  // namespace
}  // namespace periscope::transport::oci_archive
