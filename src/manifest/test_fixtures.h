#pragma once
// Realistic manifests shared by the manifest and inspect tests. The signed schema 1 manifest was
// signed with a throwaway P-256 key (libtrust format); skopeo 1.9.3's manifest-digest gives
// kSchema1SignedDigest for it, the sha256 of kSchema1Payload.
#include <string_view>

namespace periscope::manifest::testdata {

inline constexpr std::string_view kSchema1Signed = R"json({
   "schemaVersion": 1,
   "name": "ns/demo",
   "tag": "latest",
   "architecture": "amd64",
   "fsLayers": [
      {
         "blobSum": "sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4"
      },
      {
         "blobSum": "sha256:31b1bea262a65f3b89522e134cef5e65962a5c1727666859ef2448fd439ccccf"
      }
   ],
   "history": [
      {
         "v1Compatibility": "{\"id\":\"9d2c8f1a7b6e5d4c3b2a19087f6e5d4c3b2a19087f6e5d4c3b2a19087f6e5d4c\",\"parent\":\"4c3ba1f6f3e2a0c1e5f2b8d3a9c7e6f5d4c3b2a1908f7e6d5c4b3a2918f7e6d5\",\"created\":\"2016-03-03T11:29:44.222098366Z\",\"container_config\":{\"Cmd\":[\"/bin/sh\",\"-c\",\"#(nop) LABEL Name=demo\"]},\"docker_version\":\"1.8.2-fc22\",\"author\":\"Jane\",\"config\":{\"Env\":[\"PATH=/usr/bin\"],\"Labels\":{\"Name\":\"demo\"},\"Cmd\":[\"sh\"]},\"architecture\":\"amd64\",\"os\":\"linux\",\"throwaway\":true,\"Size\":0}"
      },
      {
         "v1Compatibility": "{\"id\":\"4c3ba1f6f3e2a0c1e5f2b8d3a9c7e6f5d4c3b2a1908f7e6d5c4b3a2918f7e6d5\",\"created\":\"2016-03-03T11:29:38.563048924Z\",\"container_config\":{\"Cmd\":[\"/bin/sh\",\"-c\",\"#(nop) ADD file:abc in /\"]},\"Size\":1024}"
      }
   ],
   "signatures": [
      {
         "header": {
            "jwk": {
               "crv": "P-256",
               "kid": "NXVF:SE7Y:SHCT:TMLI:FMSS:AZGM:UJJA:D2H6:3EG3:FHWQ:3YTU:XDRR",
               "kty": "EC",
               "x": "GzX-Hnr2qiLSke_V6f4gL0mBe6emmM8xzR2XAWFPs0E",
               "y": "TfvFPX4ABYYiCeK-0iTdFMtW22oBeKNGJq6bwWJRWuA"
            },
            "alg": "ES256"
         },
         "signature": "xRpcOHYtymaN2AhQBHz9EGjD48Vv6utL1ZU2ePE4_Pvu5c41qVIdreQ16nO4R436q4751V_1ZE4DMRQYOXFmCg",
         "protected": "eyJmb3JtYXRMZW5ndGgiOjExNzMsImZvcm1hdFRhaWwiOiJDbjAiLCJ0aW1lIjoiMjAxNi0wMy0wNFQxMDowMDowMFoifQ"
      }
   ]
})json";

inline constexpr std::string_view kSchema1Payload = R"json({
   "schemaVersion": 1,
   "name": "ns/demo",
   "tag": "latest",
   "architecture": "amd64",
   "fsLayers": [
      {
         "blobSum": "sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4"
      },
      {
         "blobSum": "sha256:31b1bea262a65f3b89522e134cef5e65962a5c1727666859ef2448fd439ccccf"
      }
   ],
   "history": [
      {
         "v1Compatibility": "{\"id\":\"9d2c8f1a7b6e5d4c3b2a19087f6e5d4c3b2a19087f6e5d4c3b2a19087f6e5d4c\",\"parent\":\"4c3ba1f6f3e2a0c1e5f2b8d3a9c7e6f5d4c3b2a1908f7e6d5c4b3a2918f7e6d5\",\"created\":\"2016-03-03T11:29:44.222098366Z\",\"container_config\":{\"Cmd\":[\"/bin/sh\",\"-c\",\"#(nop) LABEL Name=demo\"]},\"docker_version\":\"1.8.2-fc22\",\"author\":\"Jane\",\"config\":{\"Env\":[\"PATH=/usr/bin\"],\"Labels\":{\"Name\":\"demo\"},\"Cmd\":[\"sh\"]},\"architecture\":\"amd64\",\"os\":\"linux\",\"throwaway\":true,\"Size\":0}"
      },
      {
         "v1Compatibility": "{\"id\":\"4c3ba1f6f3e2a0c1e5f2b8d3a9c7e6f5d4c3b2a1908f7e6d5c4b3a2918f7e6d5\",\"created\":\"2016-03-03T11:29:38.563048924Z\",\"container_config\":{\"Cmd\":[\"/bin/sh\",\"-c\",\"#(nop) ADD file:abc in /\"]},\"Size\":1024}"
      }
   ]
})json";

inline constexpr std::string_view kSchema1SignedDigest =
    "sha256:37d02714eaf209a130c4f177a05a7edf028e7592aceb72830db5ee9aae29c9d4";

// A Docker schema 2 image: its manifest and its config (Labels, Env, Cmd, history with offsets).
inline constexpr std::string_view kDockerManifest = R"json({
   "schemaVersion": 2,
   "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
   "config": {
      "mediaType": "application/vnd.docker.container.image.v1+json",
      "size": 1315,
      "digest": "sha256:9a26535a05541c31e0971a187016c5da2c1309d2d507d4a2ce97c8f45f9946c0"
   },
   "layers": [
      {
         "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
         "size": 15,
         "digest": "sha256:a805f1b1041fe94a547b08eca5a9bcbc48aa1e2a5517ca21dd366a7aee3416e4"
      },
      {
         "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
         "size": 15,
         "digest": "sha256:80d63897f83ced3de27c9ba27cd811b323f297371b81069af7fc7561c842edcf"
      }
   ]
})json";

inline constexpr std::string_view kDockerConfig =
    R"json({"architecture":"amd64","config":{"Hostname":"","Domainname":"","User":"app","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"ExposedPorts":{"8080/tcp":{},"443/tcp":{}},"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","LANG=C.UTF-8"],"Cmd":["/bin/sh","-c","echo hi"],"Image":"sha256:1111111111111111111111111111111111111111111111111111111111111111","Volumes":{"/data":{}},"WorkingDir":"/srv","Entrypoint":null,"OnBuild":null,"Labels":{"zeta":"last","alpha":"first \u003cx\u003e","maintainer":"ops@example.com"},"StopSignal":"SIGTERM"},"container":"abc","container_config":{"Hostname":"abc","Cmd":["/bin/sh","-c","#(nop) CMD [\"/bin/sh\"]"]},"created":"2024-01-02T03:04:05.120000000Z","docker_version":"20.10.7","history":[{"created":"2024-01-01T00:00:00Z","created_by":"/bin/sh -c #(nop) ADD file:123 in / "},{"created":"2024-01-02T03:04:05.1200+01:00","created_by":"/bin/sh -c #(nop)  CMD [\"sh\"]","empty_layer":true},{"created":"2024-01-02T03:04:05.12Z","created_by":"RUN apk add curl","comment":"buildkit.dockerfile.v0"}],"os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:2222222222222222222222222222222222222222222222222222222222222222","sha256:3333333333333333333333333333333333333333333333333333333333333333"]}})json";

// An OCI image whose config has no "created".
inline constexpr std::string_view kOciManifest = R"json({
  "schemaVersion": 2,
  "mediaType": "application/vnd.oci.image.manifest.v1+json",
  "config": {
    "mediaType": "application/vnd.oci.image.config.v1+json",
    "digest": "sha256:1d6d11db4fcba2cfbdc5d8669679202d3e8bfe288e2835755f8ddd98702b9979",
    "size": 312
  },
  "layers": [
    {
      "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
      "digest": "sha256:a805f1b1041fe94a547b08eca5a9bcbc48aa1e2a5517ca21dd366a7aee3416e4",
      "size": 15,
      "annotations": {
        "org.opencontainers.image.title": "one.tar.gz",
        "a.b": "c"
      }
    }
  ],
  "annotations": {
    "org.opencontainers.image.created": "2024-05-06T07:08:09Z"
  }
})json";

inline constexpr std::string_view kOciConfig =
    R"json({"architecture":"arm64","variant":"v8","os":"linux","author":"someone","config":{"Env":["A=1"],"Entrypoint":["/app"],"WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":["sha256:2222222222222222222222222222222222222222222222222222222222222222"]},"history":[{"created_by":"COPY app /app","empty_layer":false}]})json";

}  // namespace periscope::manifest::testdata
