#include <gtest/gtest.h>

#include <filesystem>

#include "core/error.h"
#include "io/reader.h"
#include "transport/dir/test_folder.h"
#include "transport/oci_layout/oci_reference.h"

namespace periscope::transport::oci_layout {
namespace {

using testing::read_text;
using testing::TestFolder;
namespace fs = std::filesystem;

const std::string kConfig = R"({"os":"linux"})";

std::string manifest_for(const std::string& layer) {
  return R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
         Digest::sha256_of(kConfig).str() + R"(","size":)" + std::to_string(kConfig.size()) +
         R"(},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":")" +
         Digest::sha256_of(layer).str() + R"(","size":)" + std::to_string(layer.size()) + "}]}";
}

std::string write_image(const std::string& name, const std::string& layer) {
  auto dest = parse_oci_reference(name)->open_destination({});
  for (const std::string& blob : {layer, kConfig}) {
    io::StringReader reader(blob);
    dest->put_blob(reader, BlobInfo{}, BlobKind::kLayer);
  }
  std::string manifest = manifest_for(layer);
  dest->put_manifest(manifest, "", std::nullopt);
  dest->commit();
  return manifest;
}

bool has_blob(const std::string& layout, const std::string& bytes) {
  return fs::exists(layout + "/blobs/sha256/" + std::string(Digest::sha256_of(bytes).hex()));
}

TEST(OciDelete, RemovesTheEntryAndTheBlobsOnlyItUsed) {
  TestFolder tmp;
  std::string one = write_image(tmp / "l:one", "layer one");
  std::string two = write_image(tmp / "l:two", "layer two");
  parse_oci_reference(tmp / "l:one")->delete_image({});
  EXPECT_FALSE(has_blob(tmp / "l", one));
  EXPECT_FALSE(has_blob(tmp / "l", "layer one"));
  EXPECT_TRUE(has_blob(tmp / "l", kConfig)) << "still used by two";
  EXPECT_TRUE(has_blob(tmp / "l", two));
  EXPECT_TRUE(has_blob(tmp / "l", "layer two"));
  // json.Encoder output: a trailing newline, unlike the copy destination's json.Marshal.
  EXPECT_EQ(
      read_text(tmp / "l/index.json"),
      R"({"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
          Digest::sha256_of(two).str() + R"(","size":)" + std::to_string(two.size()) +
          R"(,"annotations":{"org.opencontainers.image.ref.name":"two"}}]})" + "\n");
}

TEST(OciDelete, LastImageLeavesAnEmptyManifestList) {
  TestFolder tmp;
  write_image(tmp / "l:one", "layer one");
  parse_oci_reference(tmp / "l:one")->delete_image({});
  EXPECT_EQ(read_text(tmp / "l/index.json"), "{\"schemaVersion\":2,\"manifests\":[]}\n");
  EXPECT_TRUE(fs::is_empty(tmp / "l/blobs/sha256"));
}

TEST(OciDelete, ManifestSharedByTwoTagsSurvivesDeletingOne) {
  TestFolder tmp;
  std::string manifest = write_image(tmp / "l:a", "layer");
  write_image(tmp / "l:b", "layer");
  parse_oci_reference(tmp / "l:a")->delete_image({});
  EXPECT_TRUE(has_blob(tmp / "l", manifest));
  EXPECT_TRUE(has_blob(tmp / "l", "layer"));
  EXPECT_NO_THROW(parse_oci_reference(tmp / "l:b")->open_source({}));
}

TEST(OciDelete, BySourceIndex) {
  TestFolder tmp;
  write_image(tmp / "l:a", "layer a");
  write_image(tmp / "l:b", "layer b");
  parse_oci_reference(tmp / "l:@0")->delete_image({});
  EXPECT_THROW(parse_oci_reference(tmp / "l:a")->open_source({}), Error);
  EXPECT_NO_THROW(parse_oci_reference(tmp / "l")->open_source({}));
}

TEST(OciDelete, UnknownTagIsImageNotFound) {
  TestFolder tmp;
  write_image(tmp / "l:a", "layer a");
  try {
    parse_oci_reference(tmp / "l:zzz")->delete_image({});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kNotFound);
  }
}

TEST(OciDelete, RemovesTheInstancesOfADeletedIndex) {
  TestFolder tmp;
  std::string instance = manifest_for("layer");
  std::string list =
      R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
      Digest::sha256_of(instance).str() + R"(","size":)" + std::to_string(instance.size()) + "}]}";
  {
    auto dest = parse_oci_reference(tmp / "l:multi")->open_destination({});
    for (const std::string& blob : {std::string("layer"), kConfig}) {
      io::StringReader reader(blob);
      dest->put_blob(reader, BlobInfo{}, BlobKind::kLayer);
    }
    dest->put_manifest(instance, "", Digest::sha256_of(instance));
    dest->put_manifest(list, "", std::nullopt);
    dest->commit();
  }
  parse_oci_reference(tmp / "l:multi")->delete_image({});
  EXPECT_TRUE(fs::is_empty(tmp / "l/blobs/sha256"));
}

}  // namespace
}  // namespace periscope::transport::oci_layout
