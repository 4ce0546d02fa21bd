#pragma once
// Inputs and what Debian's skopeo 1.9.3 wrote for them, byte for byte (generated from small
// hand-made dir: and oci: images; blobs and their digests are real). Used by convert*_test.cc.
#include <string_view>

namespace periscope::manifest::convert_fixtures {

// Docker schema 2 source (dir:s2): gzip, uncompressed and foreign gzip layers
inline constexpr std::string_view kS2Manifest = R"fx({
   "schemaVersion": 2,
   "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
   "config": {
      "mediaType": "application/vnd.docker.container.image.v1+json",
      "size": 826,
      "digest": "sha256:93296a5f119a12244dd01e984b16850a95e3d77da4134a91da39220654e6af18"
   },
   "layers": [
      {
         "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
         "size": 112,
         "digest": "sha256:6978f28faa9a737945730306a5e3832d1881a6372aafc2422ab5edd53d2d58c5"
      },
      {
         "mediaType": "application/vnd.docker.image.rootfs.diff.tar",
         "size": 10240,
         "digest": "sha256:c797bbede4e0688f7cd7ed751db793a6d5a155daf019a0778fe9d9a38b0ac5a1"
      },
      {
         "mediaType": "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
         "size": 107,
         "digest": "sha256:d048c6c43d65138e8e5f49360ae25be342f4602eea6be78d95728c173d2189b0",
         "urls": [
            "https://example.com/l3?a=1&b=2"
         ]
      }
   ]
})fx";

// its Docker config: keys out of order, unsorted maps, HTML characters
inline constexpr std::string_view kS2Config = R"fx({"architecture":"amd64","os":"linux","config":{"Labels":{"z":"1","a":"<b>&"},"Env":["PATH=/usr/bin"],"Cmd":["sh"],"Hostname":"","ExposedPorts":{"80/tcp":{},"443/tcp":{}},"Volumes":null,"WorkingDir":"/w"},"container_config":{"Cmd":["/bin/sh","-c","#(nop) CMD"]},"created":"2020-09-13T12:26:40.5000Z","docker_version":"20.10.0","author":"A <a@b>","history":[{"created":"2020-09-13T12:26:40Z","created_by":"ADD hello"},{"created":"2020-09-13T12:26:41Z","created_by":"ADD b","empty_layer":false},{"created":"2020-09-13T12:26:42+02:00","created_by":"ADD c"}],"rootfs":{"type":"layers","diff_ids":["sha256:306fec24646609190d644ef13d1979b32c3031178c5b68dc14bff0ae433ad5f2","sha256:c797bbede4e0688f7cd7ed751db793a6d5a155daf019a0778fe9d9a38b0ac5a1","sha256:84dbdbd600fae5c64639992fd3867398b726cfd445e62740a1ce5a74b1ff1d1b"]},"extra":1})fx";

// skopeo copy --format oci dir:s2 dir:D
inline constexpr std::string_view kS2ToOci = R"fx({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:26542d5b9ab2e269d04ed3c333fc80b8b303e0f9d0827010f1c94cdd12596f13","size":705},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:6978f28faa9a737945730306a5e3832d1881a6372aafc2422ab5edd53d2d58c5","size":112},{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:c797bbede4e0688f7cd7ed751db793a6d5a155daf019a0778fe9d9a38b0ac5a1","size":10240},{"mediaType":"application/vnd.oci.image.layer.nondistributable.v1.tar+gzip","digest":"sha256:d048c6c43d65138e8e5f49360ae25be342f4602eea6be78d95728c173d2189b0","size":107,"urls":["https://example.com/l3?a=1\u0026b=2"]}]})fx";

// the config that copy wrote there
inline constexpr std::string_view kS2ToOciConfig = R"fx({"created":"2020-09-13T12:26:40.5Z","author":"A \u003ca@b\u003e","architecture":"amd64","os":"linux","config":{"ExposedPorts":{"443/tcp":{},"80/tcp":{}},"Env":["PATH=/usr/bin"],"Cmd":["sh"],"WorkingDir":"/w","Labels":{"a":"\u003cb\u003e\u0026","z":"1"}},"rootfs":{"type":"layers","diff_ids":["sha256:306fec24646609190d644ef13d1979b32c3031178c5b68dc14bff0ae433ad5f2","sha256:c797bbede4e0688f7cd7ed751db793a6d5a155daf019a0778fe9d9a38b0ac5a1","sha256:84dbdbd600fae5c64639992fd3867398b726cfd445e62740a1ce5a74b1ff1d1b"]},"history":[{"created":"2020-09-13T12:26:40Z","created_by":"ADD hello"},{"created":"2020-09-13T12:26:41Z","created_by":"ADD b"},{"created":"2020-09-13T12:26:42+02:00","created_by":"ADD c"}]})fx";

// skopeo copy --dest-decompress dir:s2 dir:D
inline constexpr std::string_view kS2Decompressed = R"fx({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":826,"digest":"sha256:93296a5f119a12244dd01e984b16850a95e3d77da4134a91da39220654e6af18"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar","size":10240,"digest":"sha256:306fec24646609190d644ef13d1979b32c3031178c5b68dc14bff0ae433ad5f2"},{"mediaType":"application/vnd.docker.image.rootfs.diff.tar","size":10240,"digest":"sha256:c797bbede4e0688f7cd7ed751db793a6d5a155daf019a0778fe9d9a38b0ac5a1"},{"mediaType":"application/vnd.docker.image.rootfs.foreign.diff.tar","size":10240,"digest":"sha256:84dbdbd600fae5c64639992fd3867398b726cfd445e62740a1ce5a74b1ff1d1b"}]})fx";

// skopeo copy --dest-compress dir:s2 dir:D
inline constexpr std::string_view kS2Compressed = R"fx({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":826,"digest":"sha256:93296a5f119a12244dd01e984b16850a95e3d77da4134a91da39220654e6af18"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":112,"digest":"sha256:6978f28faa9a737945730306a5e3832d1881a6372aafc2422ab5edd53d2d58c5"},{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":127,"digest":"sha256:ed642e1b046a46d6f30a5767273991e4ca0031f8d31b9b3138d9807185999b45"},{"mediaType":"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip","size":107,"digest":"sha256:d048c6c43d65138e8e5f49360ae25be342f4602eea6be78d95728c173d2189b0"}]})fx";

// skopeo copy --format oci --dest-compress --dest-compress-format zstd dir:s2 dir:D
inline constexpr std::string_view kS2ToOciZstd = R"fx({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:26542d5b9ab2e269d04ed3c333fc80b8b303e0f9d0827010f1c94cdd12596f13","size":705},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+zstd","digest":"sha256:9cbf5c00ad92213f6be35debf73310200b34b84fe7262c39b0b27a019c880c5f","size":97},{"mediaType":"application/vnd.oci.image.layer.v1.tar+zstd","digest":"sha256:16518018ca09a67fcebd14cfe2013106ded46ed3ac75355560573965d723e96c","size":110},{"mediaType":"application/vnd.oci.image.layer.nondistributable.v1.tar+zstd","digest":"sha256:5ad333395a29b57b532465023bd05cee7dcfad6dbf6eb479e574d4e1e1e6b0f7","size":95}]})fx";

// skopeo copy dir:s2 oci:D:t (compresses; the foreign layer is not copied, keeps its urls)
inline constexpr std::string_view kS2ToOciLayout = R"fx({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:26542d5b9ab2e269d04ed3c333fc80b8b303e0f9d0827010f1c94cdd12596f13","size":705},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:6978f28faa9a737945730306a5e3832d1881a6372aafc2422ab5edd53d2d58c5","size":112},{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:ed642e1b046a46d6f30a5767273991e4ca0031f8d31b9b3138d9807185999b45","size":127},{"mediaType":"application/vnd.oci.image.layer.nondistributable.v1.tar+gzip","digest":"sha256:d048c6c43d65138e8e5f49360ae25be342f4602eea6be78d95728c173d2189b0","size":107,"urls":["https://example.com/l3?a=1\u0026b=2"]}]})fx";

// OCI source (oci:o1:t): annotated gzip layer, uncompressed layer, manifest annotations
inline constexpr std::string_view kOciManifest = R"fx({
  "schemaVersion": 2,
  "mediaType": "application/vnd.oci.image.manifest.v1+json",
  "config": {
    "mediaType": "application/vnd.oci.image.config.v1+json",
    "digest": "sha256:32b2cd0a078ed33863f9dcbff5c262e306cf9a95c865d855dc6fdc844e5da4f4",
    "size": 366,
    "annotations": {
      "cfg": "a"
    }
  },
  "layers": [
    {
      "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
      "digest": "sha256:6978f28faa9a737945730306a5e3832d1881a6372aafc2422ab5edd53d2d58c5",
      "size": 112,
      "annotations": {
        "b": "2",
        "a": "<1>"
      }
    },
    {
      "mediaType": "application/vnd.oci.image.layer.v1.tar",
      "digest": "sha256:c797bbede4e0688f7cd7ed751db793a6d5a155daf019a0778fe9d9a38b0ac5a1",
      "size": 10240
    }
  ],
  "annotations": {
    "org.example": "v",
    "a": "b"
  }
})fx";

// its config
inline constexpr std::string_view kOciConfig = R"fx({"created":"2021-01-01T00:00:00.123456789Z","architecture":"arm64","variant":"v8","os":"linux","config":{"Env":["A=1"],"Labels":{"y":"2","x":"&"}},"rootfs":{"type":"layers","diff_ids":["sha256:306fec24646609190d644ef13d1979b32c3031178c5b68dc14bff0ae433ad5f2","sha256:c797bbede4e0688f7cd7ed751db793a6d5a155daf019a0778fe9d9a38b0ac5a1"]},"history":[{"created_by":"x"}]})fx";

// skopeo copy --format v2s2 oci:o1:t dir:D
inline constexpr std::string_view kOciToS2 = R"fx({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":366,"digest":"sha256:32b2cd0a078ed33863f9dcbff5c262e306cf9a95c865d855dc6fdc844e5da4f4"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":112,"digest":"sha256:6978f28faa9a737945730306a5e3832d1881a6372aafc2422ab5edd53d2d58c5"},{"mediaType":"application/vnd.docker.image.rootfs.diff.tar","size":10240,"digest":"sha256:c797bbede4e0688f7cd7ed751db793a6d5a155daf019a0778fe9d9a38b0ac5a1"}]})fx";

// skopeo copy --dest-decompress oci:o1:t dir:D
inline constexpr std::string_view kOciDecompressed = R"fx({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:32b2cd0a078ed33863f9dcbff5c262e306cf9a95c865d855dc6fdc844e5da4f4","size":366,"annotations":{"cfg":"a"}},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:306fec24646609190d644ef13d1979b32c3031178c5b68dc14bff0ae433ad5f2","size":10240},{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:c797bbede4e0688f7cd7ed751db793a6d5a155daf019a0778fe9d9a38b0ac5a1","size":10240}],"annotations":{"a":"b","org.example":"v"}})fx";

// skopeo copy --dest-compress oci:o1:t dir:D
inline constexpr std::string_view kOciCompressed = R"fx({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:32b2cd0a078ed33863f9dcbff5c262e306cf9a95c865d855dc6fdc844e5da4f4","size":366,"annotations":{"cfg":"a"}},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:6978f28faa9a737945730306a5e3832d1881a6372aafc2422ab5edd53d2d58c5","size":112,"annotations":{"a":"\u003c1\u003e","b":"2"}},{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:ed642e1b046a46d6f30a5767273991e4ca0031f8d31b9b3138d9807185999b45","size":127}],"annotations":{"a":"b","org.example":"v"}})fx";

// skopeo copy --dest-compress --dest-compress-format zstd oci:o1:t dir:D
inline constexpr std::string_view kOciZstd = R"fx({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:32b2cd0a078ed33863f9dcbff5c262e306cf9a95c865d855dc6fdc844e5da4f4","size":366,"annotations":{"cfg":"a"}},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+zstd","digest":"sha256:9cbf5c00ad92213f6be35debf73310200b34b84fe7262c39b0b27a019c880c5f","size":97},{"mediaType":"application/vnd.oci.image.layer.v1.tar+zstd","digest":"sha256:16518018ca09a67fcebd14cfe2013106ded46ed3ac75355560573965d723e96c","size":110}],"annotations":{"a":"b","org.example":"v"}})fx";

// skopeo copy --dest-compress --dest-compress-format gzip dir:(kOciZstd) dir:D
inline constexpr std::string_view kOciZstdToGzip = R"fx({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:32b2cd0a078ed33863f9dcbff5c262e306cf9a95c865d855dc6fdc844e5da4f4","size":366,"annotations":{"cfg":"a"}},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:efe843063872e327c4d78c5fad7a5f6d1eb070930a6df1175150ec3f13ad18c0","size":123},{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:ed642e1b046a46d6f30a5767273991e4ca0031f8d31b9b3138d9807185999b45","size":127}],"annotations":{"a":"b","org.example":"v"}})fx";

// OCI index source (oci:oi:t): annotated arm64 instance, instance without platform
inline constexpr std::string_view kOciIndex = R"fx({
 "schemaVersion": 2,
 "mediaType": "application/vnd.oci.image.index.v1+json",
 "manifests": [
  {
   "mediaType": "application/vnd.oci.image.manifest.v1+json",
   "digest": "sha256:48f9a6540196c558edd5e05d41dcf26caaf68b2c803ef630cc9f2acdf043fc01",
   "size": 836,
   "annotations": {
    "inst": "1"
   },
   "platform": {
    "architecture": "arm64",
    "os": "linux",
    "variant": "v8"
   }
  },
  {
   "mediaType": "application/vnd.oci.image.manifest.v1+json",
   "digest": "sha256:4fcdc5fb9f6fe27487fe2af2d902a4e8eac8a3cc2811f4c2b8b44dd9c7eea96f",
   "size": 415
  }
 ],
 "annotations": {
  "idx": "<x>"
 }
})fx";

// skopeo copy --all --dest-compress oci:oi:t dir:D
inline constexpr std::string_view kOciIndexCompressed = R"fx({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:f4de9cda3fdaacfabc21f20af36dd203bdbd65f1b494f4b21b51b2a423ccb83e","size":667,"annotations":{"inst":"1"},"platform":{"architecture":"arm64","os":"linux","variant":"v8"}},{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:09133db636f43232a9a85754a8f6322827c1d53359e69e76ec48b12eb5e90749","size":401}],"annotations":{"idx":"\u003cx\u003e"}})fx";

// skopeo copy --all --format v2s2 oci:oi:t dir:D (on amd64)
inline constexpr std::string_view kOciIndexToList = R"fx({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","size":580,"digest":"sha256:0af592e556f4f8942d9fc0c01d6e2255666f9d60d7262d8acb1aceeb16b03045","platform":{"architecture":"arm64","os":"linux","variant":"v8"}},{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","size":420,"digest":"sha256:0f83a6984d792d60126fcaf015fca374a2aff75c7bc4c98c3a51118daf6792fe","platform":{"architecture":"amd64","os":"linux"}}]})fx";

// skopeo 1.9.3 copy --all --dest-compress --dest-compress-format zstd oci:oi:t dir:D
inline constexpr std::string_view kOciIndexZstd193 = R"fx({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:0c82a2e1577186f60cee5bdbe34125852b20bb2401686a65bc0695b97f46cfd3","size":622,"annotations":{"inst":"1"},"platform":{"architecture":"arm64","os":"linux","variant":"v8"}},{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:048f4913c71593b0a034b04286f58c6bea9f7d26f48334b497c864e2255ae933","size":401}],"annotations":{"idx":"\u003cx\u003e"}})fx";

// Docker manifest list source (dir:dl): features and os.features in platforms
inline constexpr std::string_view kDockerList = R"fx({
   "schemaVersion": 2,
   "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",
   "manifests": [
      {
         "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
         "size": 727,
         "digest": "sha256:3429223f483d37a9670e5b7ebc40f43690c55a2618fad82576780143368433d0",
         "platform": {
            "architecture": "amd64",
            "os": "linux",
            "features": [
               "sse4"
            ]
         }
      },
      {
         "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
         "size": 437,
         "digest": "sha256:3c1d9154d11b7f14077e1432584439af12e0b18fe4bcbbdfd08c432e49082dab",
         "platform": {
            "architecture": "arm",
            "os": "linux",
            "variant": "v7",
            "os.features": [
               "f"
            ]
         }
      }
   ]
})fx";

// skopeo copy --all --dest-compress dir:dl dir:D
inline constexpr std::string_view kDockerListCompressed = R"fx({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","size":583,"digest":"sha256:22068bc816f8fb7e3d1f26b967cc214771679a0718097945699095a7483e28ac","platform":{"architecture":"amd64","os":"linux","features":["sse4"]}},{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","size":423,"digest":"sha256:ee0bc3a6d78d424989c20ea15cbf09e5d62b254572826cc874363642cb8437ea","platform":{"architecture":"arm","os":"linux","os.features":["f"],"variant":"v7"}}]})fx";

// skopeo copy --all --format oci dir:dl dir:D
inline constexpr std::string_view kDockerListToOci = R"fx({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:f47147301f9b94e8f1e888571ae2d634b3bfa1f8c3285d6445e5d9130029026d","size":552,"platform":{"architecture":"amd64","os":"linux"}},{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:90152828e53db77ce305a1272ebc550c589b9f8e6f773fed79f0c1c35169cfde","size":398,"platform":{"architecture":"arm","os":"linux","os.features":["f"],"variant":"v7"}}]})fx";

}  // namespace periscope::manifest::convert_fixtures
