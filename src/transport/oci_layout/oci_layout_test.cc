#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "core/error.h"
#include "io/reader.h"
#include "transport/dir/test_folder.h"
#include "transport/oci_layout/oci_index.h"
#include "transport/oci_layout/oci_reference.h"

namespace periscope::transport::oci_layout {
namespace {

using testing::read_text;
using testing::snapshot;
using testing::TestFolder;
using testing::write_text;
namespace fs = std::filesystem;

const std::string kConfig = R"({"architecture":"amd64","os":"linux"})";

std::string manifest_for(const std::string& layer) {
  return R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
         Digest::sha256_of(kConfig).str() + R"(","size":)" + std::to_string(kConfig.size()) +
         R"(},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":")" +
         Digest::sha256_of(layer).str() + R"(","size":)" + std::to_string(layer.size()) + "}]}";
}

BlobInfo info_of(const std::string& bytes) {
  BlobInfo info;
  info.digest = Digest::sha256_of(bytes);
  info.size = static_cast<std::int64_t>(bytes.size());
  return info;
}

std::string blob_file(const std::string& layout, const std::string& bytes) {
  return layout + "/blobs/sha256/" + std::string(Digest::sha256_of(bytes).hex());
}

// One image with one layer, committed to `name` ("oci:PATH:TAG" minus "oci:").
std::string write_image(const std::string& name, const std::string& layer,
                        TransportOptions options = {}) {
  auto dest = parse_oci_reference(name)->open_destination(options);
  for (const std::string& blob : {layer, kConfig}) {
    if (dest->try_reuse_blob(info_of(blob), {})) continue;
    io::StringReader reader(blob);
    dest->put_blob(reader, info_of(blob), BlobKind::kLayer);
  }
  std::string manifest = manifest_for(layer);
  dest->put_manifest(manifest, "", std::nullopt);
  dest->commit();
  return manifest;
}

std::string entry(const std::string& manifest, const std::string& tag = "") {
  std::string out = R"({"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
                    Digest::sha256_of(manifest).str() + R"(","size":)" +
                    std::to_string(manifest.size());
  if (!tag.empty()) out += R"(,"annotations":{"org.opencontainers.image.ref.name":")" + tag + "\"}";
  return out + "}";
}

TEST(OciReference, ParsesPathImageAndIndex) {
  TestFolder tmp;
  auto tagged = parse_oci_reference(tmp / "l:v1");
  EXPECT_EQ(tagged->to_string(), "oci:" + (tmp / "l") + ":v1");
  auto untagged = parse_oci_reference(tmp / "l");
  EXPECT_EQ(untagged->to_string(), "oci:" + (tmp / "l") + ":");
  auto indexed = parse_oci_reference(tmp / "l:@3");
  EXPECT_EQ(dynamic_cast<OciReference&>(*indexed).source_index(), 3);
  EXPECT_EQ(indexed->to_string(), "oci:" + (tmp / "l") + ":@3");
}

TEST(OciReference, RefusesBadNamesAndIndexes) {
  TestFolder tmp;
  EXPECT_THROW(parse_oci_reference(tmp / "l:-bad"), Error);
  EXPECT_THROW(parse_oci_reference(tmp / "l:a..b"), Error);
  EXPECT_NO_THROW(parse_oci_reference(tmp / "l:a--b/c_d.e@f+g:h"));
  try {
    parse_oci_reference(tmp / "l:@x");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(
        std::string(e.what()),
        "Invalid source index @x: not an integer: strconv.Atoi: parsing \"x\": invalid syntax");
  }
  try {
    parse_oci_reference(tmp / "l:@-1");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "Invalid source index @-1: must not be negative");
  }
}

TEST(OciReference, DestinationRefusesASourceIndex) {
  TestFolder tmp;
  EXPECT_THROW(parse_oci_reference(tmp / "l:@0")->open_destination({}), Error);
}

TEST(OciDestination, CreatesTheLayoutAsC_imageDoes) {
  TestFolder tmp;
  std::string manifest = write_image(tmp / "l:v1", "layer");
  std::string l = tmp / "l";
  EXPECT_EQ(read_text(l + "/oci-layout"), R"({"imageLayoutVersion":"1.0.0"})");
  EXPECT_EQ(read_text(l + "/index.json"),
            R"({"schemaVersion":2,"manifests":[)" + entry(manifest, "v1") + "]}");
  EXPECT_EQ(read_text(blob_file(l, "layer")), "layer");
  EXPECT_EQ(read_text(blob_file(l, kConfig)), kConfig);
  EXPECT_EQ(read_text(blob_file(l, manifest)), manifest);
  EXPECT_EQ(snapshot(l).size(), 7u)
      << "oci-layout, index.json, blobs, blobs/sha256, 3 blobs; no temp files";
}

TEST(OciSource, ReadsBackWhatTheDestinationWrote) {
  TestFolder tmp;
  std::string manifest = write_image(tmp / "l:v1", "layer");
  auto src = parse_oci_reference(tmp / "l:v1")->open_source({});
  RawManifest m = src->manifest(std::nullopt);
  EXPECT_EQ(m.bytes, manifest);
  EXPECT_EQ(m.media_type, "application/vnd.oci.image.manifest.v1+json");
  EXPECT_EQ(io::read_all(*src->blob(info_of("layer"))), "layer");
  EXPECT_EQ(src->small_blob(Digest::sha256_of(kConfig), 1024), kConfig);
}

TEST(OciSource, UnknownTagIsImageNotFound) {
  TestFolder tmp;
  write_image(tmp / "l:v1", "layer");
  try {
    parse_oci_reference(tmp / "l:v2")->open_source({});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kNotFound);
    EXPECT_EQ(std::string(e.what()), "no descriptor found for reference \"v2\"");
  }
}

TEST(OciSource, WithoutReferenceNeedsExactlyOneImage) {
  TestFolder tmp;
  write_image(tmp / "l:v1", "layer one");
  EXPECT_NO_THROW(parse_oci_reference(tmp / "l")->open_source({}));
  write_image(tmp / "l:v2", "layer two");
  try {
    parse_oci_reference(tmp / "l")->open_source({});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "more than one image in oci, choose an image");
  }
}

TEST(OciSource, SourceIndexPicksTheNthEntry) {
  TestFolder tmp;
  write_image(tmp / "l:v1", "layer one");
  std::string second = write_image(tmp / "l:v2", "layer two");
  EXPECT_EQ(parse_oci_reference(tmp / "l:@1")->open_source({})->manifest(std::nullopt).bytes,
            second);
  try {
    parse_oci_reference(tmp / "l:@2")->open_source({});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "index 2 is too large, only 2 entries available");
  }
}

TEST(OciSource, MissingIndexIsAnIoError) {
  TestFolder tmp;
  try {
    parse_oci_reference(tmp.path())->open_source({});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kIo);
  }
}

TEST(OciDestination, MovingATagKeepsTheOldEntryUntagged) {
  TestFolder tmp;
  std::string first = write_image(tmp / "l:v1", "layer one");
  std::string second = write_image(tmp / "l:v1", "layer two");
  EXPECT_EQ(read_text(tmp / "l/index.json"), R"({"schemaVersion":2,"manifests":[)" + entry(first) +
                                                 "," + entry(second, "v1") + "]}");
}

TEST(OciDestination, UntaggedCopyAppendsOrReplacesAnUntaggedEntry) {
  TestFolder tmp;
  std::string tagged = write_image(tmp / "l:v1", "layer one");
  std::string untagged = write_image(tmp / "l", "layer two");
  write_image(tmp / "l", "layer two");  // same digest, untagged: replaced, not duplicated
  EXPECT_EQ(
      read_text(tmp / "l/index.json"),
      R"({"schemaVersion":2,"manifests":[)" + entry(tagged, "v1") + "," + entry(untagged) + "]}");
}

TEST(OciDestination, KeepsOtherImagesAndTheirUnknownFieldsAreDroppedAsGoDoes) {
  TestFolder tmp;
  write_image(tmp / "l:v1", "layer one");
  std::string old_index = read_text(tmp / "l/index.json");
  write_text(tmp / "l/index.json", old_index.substr(0, old_index.size() - 1) + R"(,"extra":1})");
  std::string first = manifest_for("layer one");
  std::string second = write_image(tmp / "l:v2", "layer two");
  EXPECT_EQ(read_text(tmp / "l/index.json"), R"({"schemaVersion":2,"manifests":[)" +
                                                 entry(first, "v1") + "," + entry(second, "v2") +
                                                 "]}");
}

TEST(OciDestination, AbandonedCopyLeavesTheLayoutByteIdentical) {
  TestFolder tmp;
  write_image(tmp / "l:v1", "layer one");
  auto before = snapshot(tmp.path());
  {
    auto dest = parse_oci_reference(tmp / "l:v1")->open_destination({});
    io::StringReader reader("layer two");
    dest->put_blob(reader, info_of("layer two"), BlobKind::kLayer);
    dest->put_manifest(manifest_for("layer two"), "", std::nullopt);
  }
  EXPECT_EQ(snapshot(tmp.path()), before);
}

TEST(OciDestination, AbandonedCopyToANewLayoutLeavesNothing) {
  TestFolder tmp;
  {
    auto dest = parse_oci_reference(tmp / "l:v1")->open_destination({});
    io::StringReader reader("layer");
    dest->put_blob(reader, info_of("layer"), BlobKind::kLayer);
  }
  EXPECT_TRUE(fs::is_empty(tmp.path()));
}

TEST(OciDestination, DigestMismatchAtEndOfStreamLeavesNoBlob) {
  TestFolder tmp;
  write_image(tmp / "l:v1", "layer one");
  auto before = snapshot(tmp.path());
  {
    auto dest = parse_oci_reference(tmp / "l:v2")->open_destination({});
    testing::FailAtEofReader reader("layer two");
    EXPECT_THROW(dest->put_blob(reader, info_of("layer two"), BlobKind::kLayer), Error);
    EXPECT_FALSE(dest->try_reuse_blob(info_of("layer two"), {}));
  }
  EXPECT_EQ(snapshot(tmp.path()), before);
}

TEST(OciDestination, ReusesBlobsAlreadyInTheLayout) {
  TestFolder tmp;
  write_image(tmp / "l:v1", "layer");
  auto dest = parse_oci_reference(tmp / "l:v2")->open_destination({});
  auto reused = dest->try_reuse_blob(info_of("layer"), {});
  ASSERT_TRUE(reused);
  EXPECT_EQ(reused->size, 5);
  EXPECT_FALSE(dest->try_reuse_blob(info_of("other"), {}));
}

TEST(OciDestination, WritesAListAsABlobNamedByTheIndexEntry) {
  TestFolder tmp;
  std::string instance = manifest_for("layer");
  std::string list =
      R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
      Digest::sha256_of(instance).str() + R"(","size":)" + std::to_string(instance.size()) + "}]}";
  {
    auto dest = parse_oci_reference(tmp / "l:multi")->open_destination({});
    dest->put_manifest(instance, "", Digest::sha256_of(instance));
    dest->put_manifest(list, "", std::nullopt);
    dest->commit();
  }
  EXPECT_EQ(read_text(blob_file(tmp / "l", instance)), instance);
  EXPECT_EQ(read_text(blob_file(tmp / "l", list)), list);
  EXPECT_EQ(
      read_text(tmp / "l/index.json"),
      R"({"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.index.v1+json","digest":")" +
          Digest::sha256_of(list).str() + R"(","size":)" + std::to_string(list.size()) +
          R"(,"annotations":{"org.opencontainers.image.ref.name":"multi"}}]})");
  auto src = parse_oci_reference(tmp / "l:multi")->open_source({});
  EXPECT_EQ(src->manifest(Digest::sha256_of(instance)).bytes, instance);
}

TEST(OciDestination, SharedBlobDirHoldsTheBlobs) {
  TestFolder tmp;
  TransportOptions options;
  options.shared_blob_dir = tmp / "shared";
  fs::create_directory(options.shared_blob_dir);
  std::string manifest = write_image(tmp / "l:v1", "layer", options);
  EXPECT_EQ(read_text(tmp / ("shared/sha256/" + std::string(Digest::sha256_of("layer").hex()))),
            "layer");
  EXPECT_FALSE(fs::exists(blob_file(tmp / "l", "layer")));
  EXPECT_TRUE(fs::is_directory(tmp / "l/blobs"));
  auto src = parse_oci_reference(tmp / "l:v1")->open_source(options);
  EXPECT_EQ(src->manifest(std::nullopt).bytes, manifest);
}

TEST(OciDestination, CapsAreOciOnlyAndCompressUnlessTold) {
  TestFolder tmp;
  auto ref = parse_oci_reference(tmp / "l");
  DestCaps caps = ref->open_destination({})->caps();
  EXPECT_EQ(caps.manifest_types,
            (std::vector<std::string>{"application/vnd.oci.image.manifest.v1+json",
                                      "application/vnd.oci.image.index.v1+json"}));
  EXPECT_TRUE(caps.compresses_uncompressed_layers);
  EXPECT_FALSE(caps.supports_signatures);
  TransportOptions accept;
  accept.oci_accept_uncompressed_layers = true;
  EXPECT_FALSE(ref->open_destination(accept)->caps().compresses_uncompressed_layers);
}

TEST(OciDestination, ConcurrentPutsAllLand) {
  TestFolder tmp;
  auto dest = parse_oci_reference(tmp / "l:v1")->open_destination({});
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&dest, i] {
      std::string blob = "blob " + std::to_string(i);
      io::StringReader reader(blob);
      dest->put_blob(reader, info_of(blob), BlobKind::kLayer);
    });
  }
  for (auto& t : threads) t.join();
  dest->put_manifest(manifest_for("blob 0"), "", std::nullopt);
  dest->commit();
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(fs::exists(blob_file(tmp / "l", "blob " + std::to_string(i))));
}

TEST(OciDestination, RefusesSignatures) {
  TestFolder tmp;
  auto dest = parse_oci_reference(tmp / "l")->open_destination({});
  EXPECT_NO_THROW(dest->put_signatures({}, std::nullopt));
  EXPECT_THROW(dest->put_signatures({"sig"}, std::nullopt), Error);
}

}  // namespace
}  // namespace periscope::transport::oci_layout
