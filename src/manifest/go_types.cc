#include "manifest/go_types.h"

namespace periscope::manifest::go {
namespace {
constexpr bool kOmit = true;
constexpr bool kPtr = true;
}  // namespace

const Struct& oci_platform() {
  static const Struct s{"Platform",
                        {{"architecture", Kind::kString},
                         {"os", Kind::kString},
                         {"os.version", Kind::kString, kOmit},
                         {"os.features", Kind::kStringSlice, kOmit},
                         {"variant", Kind::kString, kOmit}}};
  return s;
}

const Struct& oci_descriptor() {
  static const Struct s{"Descriptor",
                        {{"mediaType", Kind::kString},
                         {"digest", Kind::kString, false, false, nullptr, "digest.Digest"},
                         {"size", Kind::kInt, false, false, nullptr, "int64"},
                         {"urls", Kind::kStringSlice, kOmit},
                         {"annotations", Kind::kStringMap, kOmit},
                         {"data", Kind::kBytes, kOmit},
                         {"platform", Kind::kStruct, kOmit, kPtr, &oci_platform()},
                         {"artifactType", Kind::kString, kOmit}}};
  return s;
}

const Struct& oci_manifest() {
  static const Struct s{"OCI1",
                        {{"schemaVersion", Kind::kInt},
                         {"mediaType", Kind::kString, kOmit},
                         {"artifactType", Kind::kString, kOmit},
                         {"config", Kind::kStruct, false, false, &oci_descriptor()},
                         {"layers", Kind::kStructSlice, false, false, &oci_descriptor()},
                         {"subject", Kind::kStruct, kOmit, kPtr, &oci_descriptor()},
                         {"annotations", Kind::kStringMap, kOmit}}};
  return s;
}

const Struct& oci_index() {
  static const Struct s{"OCI1IndexPublic",
                        {{"schemaVersion", Kind::kInt},
                         {"mediaType", Kind::kString, kOmit},
                         {"artifactType", Kind::kString, kOmit},
                         {"manifests", Kind::kStructSlice, false, false, &oci_descriptor()},
                         {"subject", Kind::kStruct, kOmit, kPtr, &oci_descriptor()},
                         {"annotations", Kind::kStringMap, kOmit}}};
  return s;
}

namespace {

const Struct& oci_image_config() {
  static const Struct s{"ImageConfig",
                        {{"User", Kind::kString, kOmit},
                         {"ExposedPorts", Kind::kSet, kOmit},
                         {"Env", Kind::kStringSlice, kOmit},
                         {"Entrypoint", Kind::kStringSlice, kOmit},
                         {"Cmd", Kind::kStringSlice, kOmit},
                         {"Volumes", Kind::kSet, kOmit},
                         {"WorkingDir", Kind::kString, kOmit},
                         {"Labels", Kind::kStringMap, kOmit},
                         {"StopSignal", Kind::kString, kOmit},
                         {"ArgsEscaped", Kind::kBool, kOmit}}};
  return s;
}

const Struct& oci_rootfs() {
  static const Struct s{
      "RootFS",
      {{"type", Kind::kString},
       {"diff_ids", Kind::kStringSlice, false, false, nullptr, "[]digest.Digest"}}};
  return s;
}

const Struct& oci_history() {
  static const Struct s{"History",
                        {{"created", Kind::kTime, kOmit, kPtr},
                         {"created_by", Kind::kString, kOmit},
                         {"author", Kind::kString, kOmit},
                         {"comment", Kind::kString, kOmit},
                         {"empty_layer", Kind::kBool, kOmit}}};
  return s;
}

}  // namespace

const Struct& oci_image() {
  static const Struct s{"Image",
                        {{"created", Kind::kTime, kOmit, kPtr},
                         {"author", Kind::kString, kOmit},
                         // Platform is embedded: its fields are promoted.
                         {"architecture", Kind::kString},
                         {"os", Kind::kString},
                         {"os.version", Kind::kString, kOmit},
                         {"os.features", Kind::kStringSlice, kOmit},
                         {"variant", Kind::kString, kOmit},
                         // omitempty has no effect on a struct: "config" is always written.
                         {"config", Kind::kStruct, kOmit, false, &oci_image_config()},
                         {"rootfs", Kind::kStruct, false, false, &oci_rootfs()},
                         {"history", Kind::kStructSlice, kOmit, false, &oci_history()}}};
  return s;
}

const Struct& schema2_descriptor() {
  static const Struct s{"Schema2Descriptor",
                        {{"mediaType", Kind::kString},
                         {"size", Kind::kInt, false, false, nullptr, "int64"},
                         {"digest", Kind::kString, false, false, nullptr, "digest.Digest"},
                         {"urls", Kind::kStringSlice, kOmit}}};
  return s;
}

const Struct& schema2_manifest() {
  static const Struct s{"Schema2",
                        {{"schemaVersion", Kind::kInt},
                         {"mediaType", Kind::kString},
                         {"config", Kind::kStruct, false, false, &schema2_descriptor()},
                         {"layers", Kind::kStructSlice, false, false, &schema2_descriptor()}}};
  return s;
}

namespace {

const Struct& schema2_platform() {
  static const Struct s{"Schema2PlatformSpec",
                        {{"architecture", Kind::kString},
                         {"os", Kind::kString},
                         {"os.version", Kind::kString, kOmit},
                         {"os.features", Kind::kStringSlice, kOmit},
                         {"variant", Kind::kString, kOmit},
                         {"features", Kind::kStringSlice, kOmit}}};
  return s;
}

const Struct& schema2_manifest_descriptor() {
  static const Struct s{"Schema2ManifestDescriptor",
                        {{"mediaType", Kind::kString},
                         {"size", Kind::kInt, false, false, nullptr, "int64"},
                         {"digest", Kind::kString, false, false, nullptr, "digest.Digest"},
                         {"urls", Kind::kStringSlice, kOmit},
                         {"platform", Kind::kStruct, false, false, &schema2_platform()}}};
  return s;
}

const Struct& schema2_health_config() {
  static const Struct s{"Schema2HealthConfig",
                        {{"Test", Kind::kStringSlice, kOmit},
                         {"StartPeriod", Kind::kInt, kOmit, false, nullptr, "time.Duration"},
                         {"StartInterval", Kind::kInt, kOmit, false, nullptr, "time.Duration"},
                         {"Interval", Kind::kInt, kOmit, false, nullptr, "time.Duration"},
                         {"Timeout", Kind::kInt, kOmit, false, nullptr, "time.Duration"},
                         {"Retries", Kind::kInt, kOmit}}};
  return s;
}

const Struct& schema2_rootfs() {
  static const Struct s{
      "Schema2RootFS",
      {{"type", Kind::kString},
       {"diff_ids", Kind::kStringSlice, kOmit, false, nullptr, "[]digest.Digest"}}};
  return s;
}

const Struct& schema2_history() {
  static const Struct s{"Schema2History",
                        {{"created", Kind::kTime},
                         {"author", Kind::kString, kOmit},
                         {"created_by", Kind::kString, kOmit},
                         {"comment", Kind::kString, kOmit},
                         {"empty_layer", Kind::kBool, kOmit}}};
  return s;
}

// Schema2V1Image's fields, for embedding.
std::vector<Field> v1_image_fields() {
  return {{"id", Kind::kString, kOmit},
          {"parent", Kind::kString, kOmit},
          {"comment", Kind::kString, kOmit},
          {"created", Kind::kTime},
          {"container", Kind::kString, kOmit},
          {"container_config", Kind::kStruct, kOmit, false, &schema2_config()},
          {"docker_version", Kind::kString, kOmit},
          {"author", Kind::kString, kOmit},
          {"config", Kind::kStruct, kOmit, kPtr, &schema2_config()},
          {"architecture", Kind::kString, kOmit},
          {"variant", Kind::kString, kOmit},
          {"os", Kind::kString, kOmit},
          {"Size", Kind::kInt, kOmit, false, nullptr, "int64"}};
}

}  // namespace

const Struct& schema2_list() {
  static const Struct s{
      "Schema2ListPublic",
      {{"schemaVersion", Kind::kInt},
       {"mediaType", Kind::kString},
       {"manifests", Kind::kStructSlice, false, false, &schema2_manifest_descriptor()}}};
  return s;
}

const Struct& schema2_config() {
  static const Struct s{
      "Schema2Config",
      {{"Hostname", Kind::kString},
       {"Domainname", Kind::kString},
       {"User", Kind::kString},
       {"AttachStdin", Kind::kBool},
       {"AttachStdout", Kind::kBool},
       {"AttachStderr", Kind::kBool},
       {"ExposedPorts", Kind::kSet, kOmit, false, nullptr, "manifest.Schema2PortSet"},
       {"Tty", Kind::kBool},
       {"OpenStdin", Kind::kBool},
       {"StdinOnce", Kind::kBool},
       {"Env", Kind::kStringSlice},
       {"Cmd", Kind::kStrSlice},
       {"Healthcheck", Kind::kStruct, kOmit, kPtr, &schema2_health_config()},
       {"ArgsEscaped", Kind::kBool, kOmit},
       {"Image", Kind::kString},
       {"Volumes", Kind::kSet},
       {"WorkingDir", Kind::kString},
       {"Entrypoint", Kind::kStrSlice},
       {"NetworkDisabled", Kind::kBool, kOmit},
       {"MacAddress", Kind::kString, kOmit},
       {"OnBuild", Kind::kStringSlice},
       {"Labels", Kind::kStringMap},
       {"StopSignal", Kind::kString, kOmit},
       {"StopTimeout", Kind::kInt, kOmit, kPtr},
       {"Shell", Kind::kStrSlice, kOmit}}};
  return s;
}

const Struct& schema2_v1_image() {
  static const Struct s{"Schema2V1Image", v1_image_fields()};
  return s;
}

const Struct& schema2_image() {
  static const Struct s = [] {
    // Schema2Image's own "parent" (a digest) shadows the embedded one: same name, same kind.
    Struct t{"Schema2Image", v1_image_fields()};
    t.fields.push_back({"rootfs", Kind::kStruct, kOmit, kPtr, &schema2_rootfs()});
    t.fields.push_back({"history", Kind::kStructSlice, kOmit, false, &schema2_history()});
    t.fields.push_back({"os.version", Kind::kString, kOmit});
    t.fields.push_back({"os.features", Kind::kStringSlice, kOmit});
    return t;
  }();
  return s;
}

namespace {

const Struct& schema1_fs_layer() {
  static const Struct s{"Schema1FSLayers",
                        {{"blobSum", Kind::kString, false, false, nullptr, "digest.Digest"}}};
  return s;
}

const Struct& schema1_history() {
  static const Struct s{"Schema1History", {{"v1Compatibility", Kind::kString}}};
  return s;
}

const Struct& schema1_container_config() {
  static const Struct s{"schema1V1CompatibilityContainerConfig", {{"Cmd", Kind::kStringSlice}}};
  return s;
}

}  // namespace

const Struct& schema1_manifest() {
  static const Struct s{"Schema1",
                        {{"name", Kind::kString},
                         {"tag", Kind::kString},
                         {"architecture", Kind::kString},
                         {"fsLayers", Kind::kStructSlice, false, false, &schema1_fs_layer()},
                         {"history", Kind::kStructSlice, false, false, &schema1_history()},
                         {"schemaVersion", Kind::kInt}}};
  return s;
}

const Struct& schema1_v1_compatibility() {
  static const Struct s{
      "Schema1V1Compatibility",
      {{"id", Kind::kString},
       {"parent", Kind::kString, kOmit},
       {"comment", Kind::kString, kOmit},
       {"created", Kind::kTime},
       {"container_config", Kind::kStruct, kOmit, false, &schema1_container_config()},
       {"author", Kind::kString, kOmit},
       {"throwaway", Kind::kBool, kOmit}}};
  return s;
}

}  // namespace periscope::manifest::go
