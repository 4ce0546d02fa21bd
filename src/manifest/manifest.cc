#include "manifest/manifest.h"

#include "core/error.h"
#include "manifest/go_struct.h"
#include "manifest/go_types.h"
#include "manifest/media_type.h"
#include "manifest/schema1.h"
#include "manifest/unambiguous.h"

namespace periscope::manifest {
namespace {

[[noreturn]] void fail(const std::string& message) {
  throw Error(ErrorKind::kUnsupported, message);
}

std::optional<Annotations> annotations_from(const Json& decoded) {
  auto it = decoded.find("annotations");
  if (it == decoded.end() || it->is_null()) return std::nullopt;
  return it->get<Annotations>();
}

Platform platform_from(const Json& p) {
  Platform out;
  out.architecture = p.value("architecture", "");
  out.os = p.value("os", "");
  out.os_version = p.value("os.version", "");
  out.os_features = p.value("os.features", std::vector<std::string>{});
  out.variant = p.value("variant", "");
  return out;
}

// Decoded OCI Descriptor, Schema2Descriptor or Schema2ManifestDescriptor.
Descriptor descriptor_from(const Json& d, bool platform_always) {
  Descriptor out;
  out.media_type = d.value("mediaType", "");
  out.digest = d.value("digest", "");
  out.size = d.value("size", std::int64_t{0});
  out.urls = d.value("urls", std::vector<std::string>{});
  out.annotations = annotations_from(d);
  auto p = d.find("platform");
  if (p != d.end() && p->is_object()) {
    out.platform = platform_from(*p);
  } else if (platform_always) {
    out.platform = Platform{};  // Docker lists hold a platform value, not a pointer
  }
  return out;
}

std::vector<Descriptor> descriptors_from(const Json& decoded, const char* key,
                                         bool platform_always) {
  std::vector<Descriptor> out;
  for (const Json& d : decoded.value(key, Json::array())) {
    out.push_back(descriptor_from(d, platform_always));
  }
  return out;
}

// c/image SupportedSchema2MediaType, which (oddly) also admits list and config types.
void check_schema2_media_type(const std::string& type) {
  static constexpr std::string_view kSupported[] = {kDockerV2List,
                                                    kDockerV2Schema1,
                                                    kDockerV2Schema1Signed,
                                                    kDockerV2Schema2Config,
                                                    kDockerV2Schema2ForeignLayer,
                                                    kDockerV2Schema2ForeignLayerGzip,
                                                    kDockerV2Schema2Layer,
                                                    kDockerV2Schema2Manifest,
                                                    kDockerV2SchemaLayerUncompressed,
                                                    kDockerV2SchemaLayerZstd};
  for (std::string_view s : kSupported) {
    if (type == s) return;
  }
  fail("unsupported docker v2s2 media type: " + go::go_quote(type));
}

ImageManifest parse_oci(const Json& raw) {
  Json doc = go::unmarshal(raw, go::oci_manifest());
  validate_unambiguous(raw, kOciManifest, kAllowConfig | kAllowLayers);
  ImageManifest m;
  m.media_type = std::string(kOciManifest);
  m.schema_version = doc.value("schemaVersion", std::int64_t{0});
  m.config = descriptor_from(doc.value("config", Json::object()), false);
  m.layers = descriptors_from(doc, "layers", false);
  m.artifact_type = doc.value("artifactType", "");
  m.annotations = annotations_from(doc);
  m.empty_layers.assign(m.layers.size(), false);
  return m;
}

ImageManifest parse_schema2(const Json& raw) {
  Json doc = go::unmarshal(raw, go::schema2_manifest());
  validate_unambiguous(raw, kDockerV2Schema2Manifest, kAllowConfig | kAllowLayers);
  ImageManifest m;
  m.media_type = std::string(kDockerV2Schema2Manifest);
  m.schema_version = doc.value("schemaVersion", std::int64_t{0});
  check_schema2_media_type(doc.value("mediaType", ""));
  m.config = descriptor_from(doc.value("config", Json::object()), false);
  m.layers = descriptors_from(doc, "layers", false);
  for (const Descriptor& l : m.layers) check_schema2_media_type(l.media_type);
  m.empty_layers.assign(m.layers.size(), false);
  return m;
}

ManifestList parse_list(const Json& raw, std::string_view media_type) {
  bool oci = media_type == kOciIndex;
  Json doc;
  try {
    doc = go::unmarshal(raw, oci ? go::oci_index() : go::schema2_list());
  } catch (const Error& e) {
    fail(std::string(oci ? "unmarshaling OCI1Index: " : "unmarshaling Schema2List: ") + e.what());
  }
  validate_unambiguous(raw, media_type, kAllowManifests);
  ManifestList list;
  list.media_type = std::string(media_type);
  list.schema_version = doc.value("schemaVersion", std::int64_t{0});
  list.manifests = descriptors_from(doc, "manifests", !oci);
  if (oci) list.annotations = annotations_from(doc);
  return list;
}

}  // namespace

void validate_unambiguous(const Json& document, std::string_view expected, unsigned allowed) {
  static const go::Struct kDetected{"",
                                    {{"config", go::Kind::kAny},
                                     {"fsLayers", go::Kind::kAny},
                                     {"history", go::Kind::kAny},
                                     {"layers", go::Kind::kAny},
                                     {"manifests", go::Kind::kAny}}};
  static constexpr unsigned kBits[] = {kAllowConfig, kAllowFsLayers, kAllowHistory, kAllowLayers,
                                       kAllowManifests};
  Json detected = go::unmarshal(document, kDetected);
  std::string unexpected;
  for (std::size_t i = 0; i < kDetected.fields.size(); ++i) {
    std::string name(kDetected.fields[i].name);
    if (detected.contains(name) && (allowed & kBits[i]) == 0) {
      unexpected += (unexpected.empty() ? "" : ", ") + go_json_string(name);
    }
  }
  if (!unexpected.empty()) {
    fail("rejecting ambiguous manifest, unexpected fields []string{" + unexpected +
         "} in supposedly " + std::string(expected));
  }
}

std::string guess_media_type(std::string_view bytes) {
  static const go::Struct kMeta{"",
                                {{"mediaType", go::Kind::kString},
                                 {"schemaVersion", go::Kind::kInt},
                                 {"signatures", go::Kind::kAny}}};
  static const go::Struct kConfigType{"", {{"mediaType", go::Kind::kString}}};
  static const go::Struct kOciMan{"", {{"config", go::Kind::kStruct, false, false, &kConfigType}}};
  static const go::Struct kOciIdx{
      "", {{"manifests", go::Kind::kStructSlice, false, false, &go::oci_descriptor()}}};
  try {
    Json raw = go::parse_json(bytes);
    Json meta = go::unmarshal(raw, kMeta);
    std::string media_type = meta.value("mediaType", "");
    if (media_type == kDockerV2Schema2Manifest || media_type == kDockerV2List ||
        media_type == kOciManifest || media_type == kOciIndex) {
      return media_type;
    }
    switch (meta.value("schemaVersion", std::int64_t{0})) {
      case 1:
        return std::string(meta.contains("signatures") ? kDockerV2Schema1Signed : kDockerV2Schema1);
      case 2: {
        Json oci = go::unmarshal(raw, kOciMan);
        std::string config_type = oci.value("config", Json::object()).value("mediaType", "");
        if (config_type == kOciConfig) return std::string(kOciManifest);
        if (config_type == kDockerV2Schema2Config) return std::string(kDockerV2Schema2Manifest);
        Json index = go::unmarshal(raw, kOciIdx);
        if (!index.value("manifests", Json::array()).empty()) {
          // c/image returns the config type here, mixing manifest and config types.
          return config_type.empty() ? std::string(kOciIndex) : config_type;
        }
        return std::string(kOciManifest);  // most likely an artifact with a custom config type
      }
      default:
        return "";
    }
  } catch (const Error&) {
    return "";
  }
}

std::string normalized_media_type(std::string_view media_type) {
  for (std::string_view known : {kDockerV2Schema1, kDockerV2Schema1Signed, kOciManifest, kOciIndex,
                                 kDockerV2Schema2Manifest, kDockerV2List}) {
    if (media_type == known) return std::string(known);
  }
  return std::string(kDockerV2Schema1Signed);
}

bool is_list_media_type(std::string_view media_type) {
  return media_type == kDockerV2List || media_type == kOciIndex;
}

Digest manifest_digest(std::string_view bytes) {
  if (guess_media_type(bytes) == kDockerV2Schema1Signed) {
    return Digest::sha256_of(schema1_signed_payload(bytes));
  }
  return Digest::sha256_of(bytes);
}

Parsed parse(std::string_view bytes, std::string_view media_type) {
  if (media_type == kDockerV2Schema1 || media_type == kDockerV2Schema1Signed) {
    return parse_schema1(bytes, media_type);
  }
  if (media_type == kOciManifest) return parse_oci(go::parse_json(bytes));
  if (media_type == kDockerV2Schema2Manifest) return parse_schema2(go::parse_json(bytes));
  if (media_type == kOciIndex || media_type == kDockerV2List) {
    return parse_list(go::parse_json(bytes), media_type);
  }
  fail("Unimplemented manifest MIME type " + go::go_quote(std::string(media_type)));
}

}  // namespace periscope::manifest
