#include "inspect/oci_config.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "manifest/media_type.h"
#include "manifest/test_fixtures.h"

namespace periscope::inspect {
namespace {

namespace td = manifest::testdata;

std::string text(const Json& j) { return go_json(j, {.indent = 4}); }

// skopeo 1.9.3's `inspect --config` output for this image (the same with image-spec 1.1's field
// order, since Docker configs have no variant).
TEST(OciConfig, ConvertsADockerConfigAsSkopeoDoes) {
  EXPECT_EQ(
      text(oci_config(td::kDockerManifest, manifest::kDockerV2Schema2Manifest, td::kDockerConfig)),
      R"({
    "created": "2024-01-02T03:04:05.12Z",
    "architecture": "amd64",
    "os": "linux",
    "config": {
        "User": "app",
        "ExposedPorts": {
            "443/tcp": {},
            "8080/tcp": {}
        },
        "Env": [
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "LANG=C.UTF-8"
        ],
        "Cmd": [
            "/bin/sh",
            "-c",
            "echo hi"
        ],
        "Volumes": {
            "/data": {}
        },
        "WorkingDir": "/srv",
        "Labels": {
            "alpha": "first \u003cx\u003e",
            "maintainer": "ops@example.com",
            "zeta": "last"
        },
        "StopSignal": "SIGTERM"
    },
    "rootfs": {
        "type": "layers",
        "diff_ids": [
            "sha256:2222222222222222222222222222222222222222222222222222222222222222",
            "sha256:3333333333333333333333333333333333333333333333333333333333333333"
        ]
    },
    "history": [
        {
            "created": "2024-01-01T00:00:00Z",
            "created_by": "/bin/sh -c #(nop) ADD file:123 in / "
        },
        {
            "created": "2024-01-02T03:04:05.12+01:00",
            "created_by": "/bin/sh -c #(nop)  CMD [\"sh\"]",
            "empty_layer": true
        },
        {
            "created": "2024-01-02T03:04:05.12Z",
            "created_by": "RUN apk add curl",
            "comment": "buildkit.dockerfile.v0"
        }
    ]
})");
}

// image-spec 1.1 embeds Platform, so "variant" follows "os" (skopeo 1.9.3 put it before).
TEST(OciConfig, WritesOciFieldsInImageSpec11Order) {
  EXPECT_EQ(text(oci_config(td::kOciManifest, manifest::kOciManifest, td::kOciConfig)), R"({
    "author": "someone",
    "architecture": "arm64",
    "os": "linux",
    "variant": "v8",
    "config": {
        "Env": [
            "A=1"
        ],
        "Entrypoint": [
            "/app"
        ],
        "WorkingDir": "/"
    },
    "rootfs": {
        "type": "layers",
        "diff_ids": [
            "sha256:2222222222222222222222222222222222222222222222222222222222222222"
        ]
    },
    "history": [
        {
            "created_by": "COPY app /app"
        }
    ]
})");
}

TEST(OciConfig, SynthesisesSchema1ConfigAsSkopeoDoes) {
  EXPECT_EQ(text(oci_config(td::kSchema1Signed, manifest::kDockerV2Schema1Signed, "")), R"({
    "created": "2016-03-03T11:29:44.222098366Z",
    "author": "Jane",
    "architecture": "amd64",
    "os": "linux",
    "config": {
        "Env": [
            "PATH=/usr/bin"
        ],
        "Cmd": [
            "sh"
        ],
        "Labels": {
            "Name": "demo"
        }
    },
    "rootfs": {
        "type": "layers",
        "diff_ids": [
            ""
        ]
    },
    "history": [
        {
            "created": "2016-03-03T11:29:38.563048924Z",
            "created_by": "/bin/sh -c #(nop) ADD file:abc in /"
        },
        {
            "created": "2016-03-03T11:29:44.222098366Z",
            "created_by": "/bin/sh -c #(nop) LABEL Name=demo",
            "author": "Jane",
            "empty_layer": true
        }
    ]
})");
}

TEST(OciConfig, AlwaysWritesConfigAndRootfs) {
  EXPECT_EQ(oci_config_from_blob("{}").dump(),
            R"({"architecture":"","os":"","config":{},"rootfs":{"type":"","diff_ids":null}})");
}

TEST(OciConfig, MatchesKeysCaseInsensitivelyAndDropsUnknownOnes) {
  Json out =
      oci_config_from_blob(R"({"Architecture":"amd64","config":{"env":["X=1"],"Hostname":"h"}})");
  EXPECT_EQ(out["architecture"], "amd64");
  EXPECT_EQ(out["config"].dump(), R"({"Env":["X=1"]})");
}

TEST(OciConfig, RejectsAStringEntrypoint) {
  // Docker's StrSlice accepts a string; the OCI struct does not, so Go's decode fails.
  try {
    oci_config_from_blob(R"({"config":{"Entrypoint":"/app"}})");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "json: cannot unmarshal string into Go struct field ImageConfig.config.Entrypoint "
                 "of type []string");
  }
}

TEST(OciConfig, RejectsAnUnparsableTime) {
  EXPECT_THROW(oci_config_from_blob(R"({"created":"yesterday"})"), Error);
}

TEST(OciConfig, RefusesMixedOciImagesWithDockerConfigs) {
  std::string mixed =
      R"({"schemaVersion":2,"config":{"mediaType":"application/vnd.docker.container.image.v1+json",)"
      R"("digest":"sha256:1","size":2},"layers":[]})";
  try {
    oci_config(mixed, manifest::kOciManifest, "{}");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(
        e.what(),
        R"(invalid mixed OCI image with Docker v2s2 config ("application/vnd.docker.container.image.v1+json"))");
  }
}

}  // namespace
}  // namespace periscope::inspect
