#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/error.h"
#include "io/compression.h"
#include "io/tar_reader.h"
#include "io/tar_writer.h"
#include "manifest/media_type.h"
#include "transport/docker_archive/docker_archive_reference.h"
#include "transport/docker_archive/raw_json.h"
#include "transport/dir/test_folder.h"

namespace periscope::transport::docker_archive {
namespace {

namespace fs = std::filesystem;

const std::string kLayer = "pretend this is a layer tar";
const Digest kDiffId = Digest::sha256_of(kLayer);
const std::string kConfig =
    R"({"architecture":"amd64","config":{"Env":["A=<b>"]},"os":"linux","rootfs":{"type":"layers","diff_ids":[")" +
    kDiffId.str() + R"("]}})";

std::string v2s2_manifest() {
  return R"({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":)" +
         std::to_string(kConfig.size()) + R"(,"digest":")" + Digest::sha256_of(kConfig).str() +
         R"("},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":)" +
         std::to_string(kLayer.size()) + R"(,"digest":")" + kDiffId.str() + R"("}]})";
}

class DockerArchiveTest : public ::testing::Test {
 protected:

  std::unique_ptr<ImageReference> ref(const std::string& suffix = "") {
    return parse_docker_archive_reference(path_ + suffix);
  }
  static BlobInfo info_of(const std::string& bytes) {
    BlobInfo info;
    info.digest = Digest::sha256_of(bytes);
    info.size = static_cast<std::int64_t>(bytes.size());
    return info;
  }
  void write_image(const std::string& suffix = "", bool commit = true) {
    auto dest = ref(suffix)->open_destination(options_);
    io::StringReader layer(kLayer), config(kConfig);
    dest->put_blob(layer, BlobInfo{}, BlobKind::kLayer);  // digest unknown, as after decompression
    dest->put_blob(config, info_of(kConfig), BlobKind::kConfig);
    dest->put_manifest(v2s2_manifest(), manifest::kDockerV2Schema2Manifest, std::nullopt);
    if (commit) dest->commit();
  }
  std::string error_of(const std::function<void()>& f) {
    try {
      f();
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

TEST_F(DockerArchiveTest, RoundTripsThroughItsOwnSource) {
  write_image(":busybox:1");
  auto src = ref()->open_source(options_);
  EXPECT_EQ(src->manifest(std::nullopt).bytes, v2s2_manifest());
  EXPECT_EQ(io::read_all(*src->blob(info_of(kLayer))), kLayer);
  EXPECT_EQ(src->small_blob(Digest::sha256_of(kConfig), 1 << 20), kConfig);
}

TEST_F(DockerArchiveTest, WritesTheDockerSaveLayout) {
  options_.additional_tags = {"example.com/x:2", "busybox:1"};
  write_image(":busybox:1");
  io::TarIndex index(path_);
  std::string hex(kDiffId.hex()), config_hex(Digest::sha256_of(kConfig).hex());
  EXPECT_EQ(io::read_all(*index.open(hex + ".tar")), kLayer);
  EXPECT_EQ(io::read_all(*index.open(config_hex + ".json")), kConfig);
  EXPECT_EQ(
      io::read_all(*index.open("manifest.json")),
      R"([{"Config":")" + config_hex +
          R"(.json","RepoTags":["docker.io/library/busybox:1","example.com/x:2"],"Layers":[")" +
          hex + R"(.tar"]}])");
  auto repositories = nlohmann::json::parse(io::read_all(*index.open("repositories")));
  std::string id = repositories["docker.io/library/busybox"]["1"];
  EXPECT_EQ(repositories["example.com/x"]["2"], id);
  EXPECT_EQ(index.find(id + "/layer.tar")->link_target, "../" + hex + ".tar");
  EXPECT_EQ(io::read_all(*index.open(id + "/layer.tar")), kLayer);
  EXPECT_EQ(io::read_all(*index.open(id + "/VERSION")), "1.0");
  std::string json = io::read_all(*index.open(id + "/json"));
  EXPECT_EQ(
      json,
      R"({"architecture":"amd64","config":{"Env":["A=\u003cb\u003e"]},"container":null,"container_config":null,"created":null,"docker_version":null,"id":")" +
          id + R"(","os":"linux"})");
  // The ID is the digest of that config with the chain ID in place of the ID.
  std::string with_chain =
      R"({"architecture":"amd64","config":{"Env":["A=\u003cb\u003e"]},"container":null,"container_config":null,"created":null,"docker_version":null,"layer_id":")" +
      kDiffId.str() + R"(","os":"linux"})";
  EXPECT_EQ(id, Digest::sha256_of(with_chain).hex());
}

TEST_F(DockerArchiveTest, UntaggedImageHasEmptyRepoTags) {
  write_image();
  io::TarIndex index(path_);
  EXPECT_NE(io::read_all(*index.open("manifest.json")).find(R"("RepoTags":[])"), std::string::npos);
  EXPECT_EQ(io::read_all(*index.open("repositories")), "{}");
}

TEST_F(DockerArchiveTest, SourceChoosesByTagOrIndex) {
  write_image(":busybox:1");
  EXPECT_NO_THROW(ref(":docker.io/library/busybox:1")->open_source(options_));
  EXPECT_NO_THROW(ref(":@0")->open_source(options_));
  EXPECT_EQ(error_of([&] { ref(":busybox:2")->open_source(options_); }),
            "Tag \"docker.io/library/busybox:2\" not found");
  EXPECT_EQ(error_of([&] { ref(":@3")->open_source(options_); }),
            "Invalid source index @3, only 1 manifest items available");
}

TEST_F(DockerArchiveTest, RefusesAnExistingNonEmptyFile) {
  std::ofstream(path_) << "keep me";
  EXPECT_EQ(error_of([&] { ref()->open_destination(options_); }),
            "docker-archive doesn't support modifying existing images");
  EXPECT_EQ(testing::read_text(path_), "keep me");
}

TEST_F(DockerArchiveTest, WritesOverAnEmptyFile) {
  std::ofstream(path_) << "";
  write_image();
  EXPECT_NO_THROW(ref()->open_source(options_));
}

TEST_F(DockerArchiveTest, UncommittedWriteLeavesNothing) {
  write_image("", /*commit=*/false);
  EXPECT_TRUE(fs::is_empty(dir_));
}

TEST_F(DockerArchiveTest, RejectsManifestsOtherThanSchema2) {
  auto dest = ref()->open_destination(options_);
  EXPECT_EQ(error_of([&] {
              dest->put_manifest(
                  R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"})",
                  "", std::nullopt);
            }),
            "Unsupported manifest type, need a Docker schema 2 manifest");
}

TEST_F(DockerArchiveTest, RejectsUntaggedAdditionalTag) {
  options_.additional_tags = {"busybox"};
  EXPECT_EQ(error_of([&] { ref()->open_destination(options_); }),
            "additional-tag 'busybox' must be a tagged reference");
}

TEST_F(DockerArchiveTest, CompressedLayerIsReadUncompressed) {
  std::string gz;
  {
    io::StringReader plain(kLayer);
    gz = io::read_all(*io::gzip_compressor(plain));
  }
  int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  {
    io::TarWriter w(fd, path_);
    w.add_bytes("layer.tar.gz", gz);
    w.add_bytes("config.json", kConfig);
    w.add_bytes("manifest.json",
                R"([{"Config":"config.json","RepoTags":null,"Layers":["layer.tar.gz"]}])");
    w.finish();
  }
  ::close(fd);
  auto src = ref()->open_source(options_);
  auto m = nlohmann::json::parse(src->manifest(std::nullopt).bytes);
  EXPECT_EQ(m["layers"][0]["size"], kLayer.size());
  EXPECT_EQ(m["layers"][0]["mediaType"], manifest::kDockerV2Schema2Layer);
  EXPECT_EQ(io::read_all(*src->blob(info_of(kLayer))), kLayer);
}

TEST_F(DockerArchiveTest, LayerCountMismatchIsReported) {
  int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  {
    io::TarWriter w(fd, path_);
    w.add_bytes("config.json", kConfig);
    w.add_bytes("manifest.json", R"([{"Config":"config.json","RepoTags":[],"Layers":[]}])");
    w.finish();
  }
  ::close(fd);
  EXPECT_EQ(error_of([&] { ref()->open_source(options_); }),
            "Inconsistent layer count: 0 in manifest, 1 in config");
}

TEST_F(DockerArchiveTest, ParsesReferencesAsCImageDoes) {
  EXPECT_EQ(parse_docker_archive_reference("/a:busybox")->to_string(),
            "docker-archive:/a:docker.io/library/busybox:latest");
  EXPECT_EQ(parse_docker_archive_reference("/a:@2")->to_string(), "docker-archive:/a:@2");
  EXPECT_EQ(error_of([] { parse_docker_archive_reference(""); }),
            "docker-archive reference  isn't of the form <path>[:<reference>]");
  EXPECT_EQ(error_of([] { parse_docker_archive_reference("/a:@x"); }),
            "Invalid source index @x: strconv.Atoi: parsing \"x\": invalid syntax");
  EXPECT_EQ(error_of([] { parse_docker_archive_reference("/a:@-1"); }),
            "Invalid source index @-1: must not be negative");
  EXPECT_NE(error_of([] {
              parse_docker_archive_reference("/a:busybox:1@sha256:" + std::string(64, 'a'));
            }).find("docker-archive doesn't support digest references"),
            std::string::npos);
}

TEST_F(DockerArchiveTest, DestinationRefusesASourceIndex) {
  EXPECT_EQ(error_of([&] { ref(":@1")->open_destination(options_); }),
            "Destination reference must not contain a manifest index @1");
}

TEST(RawJsonTest, CompactsAndEscapesAsGo) {
  EXPECT_EQ(go_compact("{ \"a\" : [1, 2],\n \"b\": \"x <&> y\" }"),
            R"({"a":[1,2],"b":"x \u003c\u0026\u003e y"})");
  EXPECT_EQ(go_compact("\"\xe2\x80\xa8\""), R"("\u2028")");
  EXPECT_EQ(go_compact(R"("a \" b")"), R"("a \" b")");
}

TEST(RawJsonTest, KeepsMembersRawAndLastDuplicateWins) {
  auto m = raw_object_members(R"({"a": {"x": 1.0}, "b": 1, "b": 2})");
  EXPECT_EQ(m["a"], R"({"x": 1.0})");
  EXPECT_EQ(m["b"], "2");
}

}  // namespace
}  // namespace periscope::transport::docker_archive
