#pragma once
// Media types of manifests, configs and layers, spelled exactly as c/image and the OCI image-spec
// define them (the strings go on the wire and into digests, so one typo breaks interop).
#include <string_view>

namespace periscope::manifest {

// OCI image-spec v1.
inline constexpr std::string_view kOciManifest = "application/vnd.oci.image.manifest.v1+json";
inline constexpr std::string_view kOciIndex = "application/vnd.oci.image.index.v1+json";
inline constexpr std::string_view kOciConfig = "application/vnd.oci.image.config.v1+json";
inline constexpr std::string_view kOciDescriptor = "application/vnd.oci.descriptor.v1+json";
inline constexpr std::string_view kOciLayoutHeader = "application/vnd.oci.layout.header.v1+json";
inline constexpr std::string_view kOciEmptyJson = "application/vnd.oci.empty.v1+json";
inline constexpr std::string_view kOciLayer = "application/vnd.oci.image.layer.v1.tar";
inline constexpr std::string_view kOciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
inline constexpr std::string_view kOciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
// Deprecated by the spec, still accepted by c/image for pre-existing images.
inline constexpr std::string_view kOciLayerNonDistributable =
    "application/vnd.oci.image.layer.nondistributable.v1.tar";
inline constexpr std::string_view kOciLayerNonDistributableGzip =
    "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
inline constexpr std::string_view kOciLayerNonDistributableZstd =
    "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";
// ocicrypt (encrypted layers).
inline constexpr std::string_view kOciLayerEncrypted =
    "application/vnd.oci.image.layer.v1.tar+encrypted";
inline constexpr std::string_view kOciLayerGzipEncrypted =
    "application/vnd.oci.image.layer.v1.tar+gzip+encrypted";
inline constexpr std::string_view kOciLayerZstdEncrypted =
    "application/vnd.oci.image.layer.v1.tar+zstd+encrypted";

// Docker registry schema 2.
inline constexpr std::string_view kDockerV2Schema2Manifest =
    "application/vnd.docker.distribution.manifest.v2+json";
inline constexpr std::string_view kDockerV2List =
    "application/vnd.docker.distribution.manifest.list.v2+json";
inline constexpr std::string_view kDockerV2Schema2Config =
    "application/vnd.docker.container.image.v1+json";
inline constexpr std::string_view kDockerV2Schema2Layer =
    "application/vnd.docker.image.rootfs.diff.tar.gzip";
inline constexpr std::string_view kDockerV2SchemaLayerUncompressed =
    "application/vnd.docker.image.rootfs.diff.tar";
// Not registered by Docker; c/image (internal/manifest) uses this spelling.
inline constexpr std::string_view kDockerV2SchemaLayerZstd =
    "application/vnd.docker.image.rootfs.diff.tar.zstd";
inline constexpr std::string_view kDockerV2Schema2ForeignLayer =
    "application/vnd.docker.image.rootfs.foreign.diff.tar";
inline constexpr std::string_view kDockerV2Schema2ForeignLayerGzip =
    "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

// Docker registry schema 1 (legacy; the signed form carries JWS signatures inside the JSON).
inline constexpr std::string_view kDockerV2Schema1 =
    "application/vnd.docker.distribution.manifest.v1+json";
inline constexpr std::string_view kDockerV2Schema1Signed =
    "application/vnd.docker.distribution.manifest.v1+prettyjws";

// The annotation c/image puts on zstd instances of an OCI index (value "true").
inline constexpr std::string_view kZstdInstanceAnnotation = "io.github.containers.compression.zstd";

}  // namespace periscope::manifest
