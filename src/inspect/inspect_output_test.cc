#include "inspect/inspect_output.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "manifest/manifest.h"
#include "manifest/media_type.h"
#include "manifest/test_fixtures.h"

namespace periscope::inspect {
namespace {

namespace td = manifest::testdata;

std::string text(const InspectInput& in) { return go_json(inspect_output(in), {.indent = 4}); }

InspectInput docker_input() {
  InspectInput in;
  in.digest = manifest::manifest_digest(td::kDockerManifest).str();
  in.manifest = td::kDockerManifest;
  in.manifest_media_type = manifest::kDockerV2Schema2Manifest;
  in.config = td::kDockerConfig;
  return in;
}

// skopeo 1.9.3's output for this image (checked with `skopeo inspect dir:`), plus the LayersData
// that 1.10+ adds.
TEST(InspectOutput, DockerImageMatchesSkopeo) {
  EXPECT_EQ(text(docker_input()), R"({
    "Digest": "sha256:92be068a4182a1604709da8766980d828b6c63716b968e0c0ae6d2ee579ce5f8",
    "RepoTags": [],
    "Created": "2024-01-02T03:04:05.12Z",
    "DockerVersion": "20.10.7",
    "Labels": {
        "alpha": "first \u003cx\u003e",
        "maintainer": "ops@example.com",
        "zeta": "last"
    },
    "Architecture": "amd64",
    "Os": "linux",
    "Layers": [
        "sha256:a805f1b1041fe94a547b08eca5a9bcbc48aa1e2a5517ca21dd366a7aee3416e4",
        "sha256:80d63897f83ced3de27c9ba27cd811b323f297371b81069af7fc7561c842edcf"
    ],
    "LayersData": [
        {
            "MIMEType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
            "Digest": "sha256:a805f1b1041fe94a547b08eca5a9bcbc48aa1e2a5517ca21dd366a7aee3416e4",
            "Size": 15,
            "Annotations": null
        },
        {
            "MIMEType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
            "Digest": "sha256:80d63897f83ced3de27c9ba27cd811b323f297371b81069af7fc7561c842edcf",
            "Size": 15,
            "Annotations": null
        }
    ],
    "Env": [
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "LANG=C.UTF-8"
    ]
})");
}

TEST(InspectOutput, OciImageWithoutCreatedHasNullCreatedAndLabels) {
  InspectInput in;
  in.digest = manifest::manifest_digest(td::kOciManifest).str();
  in.manifest = td::kOciManifest;
  in.manifest_media_type = manifest::kOciManifest;
  in.config = td::kOciConfig;
  EXPECT_EQ(text(in), R"({
    "Digest": "sha256:0f121700f18b29cc91c8829efbadf8fb7b1add08af354ffdfc2ad80540af1eae",
    "RepoTags": [],
    "Created": null,
    "DockerVersion": "",
    "Labels": null,
    "Architecture": "arm64",
    "Os": "linux",
    "Layers": [
        "sha256:a805f1b1041fe94a547b08eca5a9bcbc48aa1e2a5517ca21dd366a7aee3416e4"
    ],
    "LayersData": [
        {
            "MIMEType": "application/vnd.oci.image.layer.v1.tar+gzip",
            "Digest": "sha256:a805f1b1041fe94a547b08eca5a9bcbc48aa1e2a5517ca21dd366a7aee3416e4",
            "Size": 15,
            "Annotations": {
                "a.b": "c",
                "org.opencontainers.image.title": "one.tar.gz"
            }
        }
    ],
    "Env": [
        "A=1"
    ]
})");
}

TEST(InspectOutput, Schema1HasTagAndUnknownLayerSizes) {
  InspectInput in;
  in.name = "127.0.0.1:5000/ns/demo";
  in.digest = std::string(td::kSchema1SignedDigest);
  in.manifest = td::kSchema1Signed;
  in.manifest_media_type = "application/json";  // normalised to signed schema 1, as c/image does
  EXPECT_EQ(text(in), R"({
    "Name": "127.0.0.1:5000/ns/demo",
    "Tag": "latest",
    "Digest": "sha256:37d02714eaf209a130c4f177a05a7edf028e7592aceb72830db5ee9aae29c9d4",
    "RepoTags": [],
    "Created": "2016-03-03T11:29:44.222098366Z",
    "DockerVersion": "1.8.2-fc22",
    "Labels": {
        "Name": "demo"
    },
    "Architecture": "amd64",
    "Os": "linux",
    "Layers": [
        "sha256:31b1bea262a65f3b89522e134cef5e65962a5c1727666859ef2448fd439ccccf",
        "sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4"
    ],
    "LayersData": [
        {
            "MIMEType": "",
            "Digest": "sha256:31b1bea262a65f3b89522e134cef5e65962a5c1727666859ef2448fd439ccccf",
            "Size": -1,
            "Annotations": null
        },
        {
            "MIMEType": "",
            "Digest": "sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4",
            "Size": -1,
            "Annotations": null
        }
    ],
    "Env": [
        "PATH=/usr/bin"
    ]
})");
}

TEST(InspectOutput, RefusedTagListIsNull) {
  InspectInput in = docker_input();
  in.repo_tags = std::nullopt;
  EXPECT_TRUE(inspect_output(in)["RepoTags"].is_null());
}

TEST(InspectOutput, KeepsRegistryTagOrder) {
  InspectInput in = docker_input();
  in.repo_tags = std::vector<std::string>{"2.0", "latest", "1.0"};
  EXPECT_EQ(inspect_output(in)["RepoTags"], Json::array({"2.0", "latest", "1.0"}));
}

TEST(InspectOutput, DockerConfigWithoutCreatedGivesGoZeroTime) {
  InspectInput in = docker_input();
  std::string config = R"({"architecture":"amd64","os":"linux"})";
  in.config = config;
  Json out = inspect_output(in);
  EXPECT_EQ(out["Created"], "0001-01-01T00:00:00Z");
  EXPECT_TRUE(out["Labels"].is_null());
  EXPECT_TRUE(out["Env"].is_null());
}

TEST(InspectOutput, EmptyEnvStaysAnEmptyList) {
  InspectInput in = docker_input();
  std::string config = R"({"config":{"Env":[],"Labels":{}}})";
  in.config = config;
  Json out = inspect_output(in);
  EXPECT_EQ(out["Env"], Json::array());
  EXPECT_EQ(out["Labels"], Json::object());
}

TEST(InspectOutput, RefusesOciArtifacts) {
  std::string artifact =
      R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",)"
      R"("config":{"mediaType":"application/vnd.example.sbom","digest":"sha256:1","size":2},"layers":[]})";
  InspectInput in;
  in.manifest = artifact;
  in.manifest_media_type = manifest::kOciManifest;
  in.config = "{}";
  try {
    inspect_info(in);
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(
        e.what(),
        R"(unsupported image-specific operation on artifact with type "application/vnd.example.sbom")");
  }
}

TEST(InspectOutput, RefusesAList) {
  InspectInput in;
  in.manifest = R"({"schemaVersion":2,"manifests":[]})";
  in.manifest_media_type = manifest::kOciIndex;
  try {
    inspect_info(in);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInternal);
  }
}

TEST(InspectOutput, WronglyTypedConfigFailsLikeGo) {
  InspectInput in = docker_input();
  std::string config = R"({"config":{"Env":"PATH=/bin"}})";
  in.config = config;
  try {
    inspect_info(in);
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "json: cannot unmarshal string into Go struct field Schema2Config.config.Env of "
                 "type []string");
  }
}

TEST(InspectInfo, ExposesVariantAndAuthorThatOutputOmits) {
  InspectInput in;
  in.manifest = td::kOciManifest;
  in.manifest_media_type = manifest::kOciManifest;
  in.config = td::kOciConfig;
  InspectInfo info = inspect_info(in);
  EXPECT_EQ(info.variant, "v8");
  EXPECT_EQ(info.author, "someone");
  EXPECT_FALSE(to_json(info).contains("Variant"));
}

}  // namespace
}  // namespace periscope::inspect
