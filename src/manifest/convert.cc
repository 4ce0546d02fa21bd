#include "manifest/convert.h"

#include "manifest/go_struct.h"
#include "manifest/go_types.h"
#include "manifest/media_type.h"

namespace periscope::manifest {
namespace {

using go::go_quote;

// Layer media types that have an exact counterpart in the other format, as c/image converts them
// both ways (Docker foreign layers are OCI non-distributable ones).
constexpr std::pair<std::string_view, std::string_view> kDockerOciLayerTypes[] = {
    {kDockerV2Schema2ForeignLayer, kOciLayerNonDistributable},
    {kDockerV2Schema2ForeignLayerGzip, kOciLayerNonDistributableGzip},
    {kDockerV2SchemaLayerUncompressed, kOciLayer},
    {kDockerV2Schema2Layer, kOciLayerGzip},
};

// The other format's type for `type`, or "" when it has none.
std::string_view counterpart_layer_type(std::string_view type, bool to_oci) {
  for (const auto& [docker, oci] : kDockerOciLayerTypes) {
    if (type == (to_oci ? docker : oci)) return to_oci ? oci : docker;
  }
  return {};
}

[[noreturn]] void fail(const std::string& message) {
  throw Error(ErrorKind::kUnsupported, message);
}

bool is_schema1(std::string_view t) { return t == kDockerV2Schema1 || t == kDockerV2Schema1Signed; }

// ---- layer media type variants (manifest/common.go) -----------------------------------------

// Compression.BaseVariantName(): zstd:chunked is a zstd variant.
std::string base_variant(std::string_view algorithm) {
  if (algorithm == "zstd:chunked") return "zstd";
  return std::string(algorithm);
}

// One kind of layer content in its differently-compressed spellings; "" = recognised but not
// representable.
struct Variants {
  std::string_view uncompressed, gzip, zstd;
};

constexpr Variants kSchema2Variants[] = {
    {kDockerV2Schema2ForeignLayer, kDockerV2Schema2ForeignLayerGzip, ""},
    {kDockerV2SchemaLayerUncompressed, kDockerV2Schema2Layer, ""},
};
constexpr Variants kOciVariants[] = {
    {kOciLayerNonDistributable, kOciLayerNonDistributableGzip, kOciLayerNonDistributableZstd},
    {kOciLayer, kOciLayerGzip, kOciLayerZstd},
};

template <std::size_t N>
const Variants* find_variants(const Variants (&table)[N], std::string_view type) {
  if (type.empty()) return nullptr;
  for (const Variants& v : table) {
    if (v.uncompressed == type || v.gzip == type || v.zstd == type) return &v;
  }
  return nullptr;
}

// compressionVariantMIMEType; `algorithm` "" means uncompressed.
template <std::size_t N>
std::string variant_type(const Variants (&table)[N], const std::string& type,
                         const std::string& algorithm) {
  if (type.empty()) fail("cannot update unknown MIME type");
  const Variants* v = find_variants(table, type);
  if (v == nullptr) {
    fail((algorithm.empty() ? "unsupported MIME type for decompression: "
                            : "unsupported MIME type for compression: ") +
         go_quote(type));
  }
  std::string name = base_variant(algorithm);
  std::string_view result;
  if (name.empty()) {
    result = v->uncompressed;
  } else if (name == "gzip") {
    result = v->gzip;
  } else if (name == "zstd") {
    result = v->zstd;
  } else {
    throw CompressionIncompatibleError("unknown compressed with algorithm " + name +
                                       " variant for type " + go_quote(type));
  }
  if (!result.empty()) return std::string(result);
  if (!name.empty()) {
    throw CompressionIncompatibleError(name + " compression is not supported for type " +
                                       go_quote(type));
  }
  throw CompressionIncompatibleError("uncompressed variant is not supported for type " +
                                     go_quote(type));
}

// updatedMIMEType.
template <std::size_t N>
std::string updated_type(const Variants (&table)[N], const std::string& type,
                         const LayerEdit& edit) {
  switch (edit.operation) {
    case CompressionOperation::kPreserveOriginal:
      // A named algorithm forces the matching spelling, which may differ from the original's.
      if (!edit.algorithm.empty()) return variant_type(table, type, edit.algorithm);
      return type;
    case CompressionOperation::kDecompress:
      return variant_type(table, type, "");
    case CompressionOperation::kCompress:
      if (edit.algorithm.empty()) return type;
      return variant_type(table, type, edit.algorithm);
  }
  return type;
}

// Re-throws `e` with c/image's per-layer context, keeping its class.
[[noreturn]] void rethrow_for_layer(const Error& e, const std::string& digest) {
  std::string message = "preparing updated manifest, layer " + go_quote(digest) + ": " + e.what();
  if (dynamic_cast<const CompressionIncompatibleError*>(&e) != nullptr) {
    throw CompressionIncompatibleError(message);
  }
  throw Error(e.kind(), message);
}

void check_layer_count(std::size_t have, std::size_t edits) {
  if (have != edits) {
    fail("Error preparing updated manifest: layer count changed from " + std::to_string(have) +
         " to " + std::to_string(edits));
  }
}

void put_urls(Json& d, const std::vector<std::string>& urls) {
  if (!urls.empty()) d["urls"] = urls;
}

bool schema2_supported_type(std::string_view t) {
  return t == kDockerV2List || t == kDockerV2Schema1 || t == kDockerV2Schema1Signed ||
         t == kDockerV2Schema2Config || t == kDockerV2Schema2ForeignLayer ||
         t == kDockerV2Schema2ForeignLayerGzip || t == kDockerV2Schema2Layer ||
         t == kDockerV2Schema2Manifest || t == kDockerV2SchemaLayerUncompressed;
}

// Schema2.UpdateLayerInfos on a decoded Schema2 value.
void schema2_update_layers(Json& m, const std::vector<LayerEdit>& edits) {
  Json original = m.value("layers", Json::array());
  check_layer_count(original.size(), edits.size());
  Json layers = Json::array();
  for (std::size_t i = 0; i < edits.size(); ++i) {
    const LayerEdit& e = edits[i];
    std::string type = original[i].value("mediaType", "");
    if (!schema2_supported_type(type)) {
      fail("Error preparing updated manifest: unknown media type of original layer " +
           go_quote(e.digest) + ": " + go_quote(type));
    }
    Json d = Json::object();
    try {
      d["mediaType"] = updated_type(kSchema2Variants, type, e);
    } catch (const Error& err) {
      rethrow_for_layer(err, e.digest);
    }
    d["digest"] = e.digest;
    d["size"] = e.size;
    put_urls(d, e.urls);
    layers.push_back(std::move(d));
  }
  m["layers"] = std::move(layers);
}

// OCI1.UpdateLayerInfos: the descriptors are rebuilt, so fields not carried by a BlobInfo
// (data, platform, artifactType) are dropped, as in Go.
void oci_update_layers(Json& m, const std::vector<LayerEdit>& edits) {
  Json original = m.value("layers", Json::array());
  check_layer_count(original.size(), edits.size());
  Json layers = Json::array();
  for (std::size_t i = 0; i < edits.size(); ++i) {
    const LayerEdit& e = edits[i];
    std::string type = original[i].value("mediaType", "");
    Json d = Json::object();
    try {
      d["mediaType"] = updated_type(kOciVariants, type, e);
    } catch (const Error& err) {
      rethrow_for_layer(err, e.digest);
    }
    d["digest"] = e.digest;
    d["size"] = e.size;
    put_urls(d, e.urls);
    if (e.annotations) d["annotations"] = *e.annotations;
    layers.push_back(std::move(d));
  }
  m["layers"] = std::move(layers);
}

// ---- conversions ----------------------------------------------------------------------------

struct Converted {
  Json manifest;  // decoded form of the target type
  std::optional<std::string> config;
};

// convertToManifestOCI1: the config goes through imgspecv1.Image, which drops Docker-only fields
// and sorts maps, so it gets a new digest.
Converted schema2_to_oci(const Json& s2, std::string_view config) {
  Json image = go::unmarshal(go::parse_json(config), go::oci_image());
  std::string bytes = go_json(go::marshal(image, go::oci_image()));
  Json out = Json::object();
  out["schemaVersion"] = 2;
  out["mediaType"] = kOciManifest;
  out["config"] = Json{{"mediaType", kOciConfig},
                       {"digest", Digest::sha256_of(bytes).str()},
                       {"size", static_cast<std::int64_t>(bytes.size())}};
  Json layers = Json::array();
  for (const Json& l : s2.value("layers", Json::array())) {
    std::string type = l.value("mediaType", "");
    std::string_view oci = counterpart_layer_type(type, /*to_oci=*/true);
    if (oci.empty()) fail("Unknown media type during manifest conversion: " + go_quote(type));
    Json d = Json{{"mediaType", oci}};
    d["digest"] = l.value("digest", "");
    d["size"] = l.value("size", std::int64_t{0});
    if (l.contains("urls")) d["urls"] = l["urls"];
    layers.push_back(std::move(d));
  }
  out["layers"] = std::move(layers);
  return {std::move(out), std::move(bytes)};
}

bool is_zstd_layer(std::string_view t) {
  return t == kOciLayerZstd || t == kOciLayerNonDistributableZstd;
}

// layerEditsOfOCIOnlyFeatures for compression: zstd layers cannot be named in Docker schema 2, so
// their compression edits are applied while still OCI, and only the rest afterwards.
std::vector<LayerEdit> apply_oci_only_edits(Json& oci, const std::vector<LayerEdit>& edits) {
  const Json original = oci.value("layers", Json::array());
  if (original.size() != edits.size()) {
    fail("preparing to decrypt before conversion: " + std::to_string(original.size()) +
         " layers vs. " + std::to_string(edits.size()) + " layer edits");
  }
  std::vector<LayerEdit> now, later = edits;
  bool needed = false;
  for (std::size_t i = 0; i < edits.size(); ++i) {
    const Json& l = original[i];
    LayerEdit keep;
    keep.digest = l.value("digest", "");
    keep.size = l.value("size", std::int64_t{0});
    keep.urls = l.value("urls", std::vector<std::string>{});
    if (l.contains("annotations")) keep.annotations = l["annotations"].get<Annotations>();
    if (is_zstd_layer(l.value("mediaType", ""))) {
      needed = true;
      keep.operation = edits[i].operation;
      keep.algorithm = edits[i].algorithm;
      later[i].operation = CompressionOperation::kPreserveOriginal;
      later[i].algorithm.clear();
    }
    now.push_back(std::move(keep));
  }
  if (needed) oci_update_layers(oci, now);
  return later;
}

// convertToManifestSchema2: descriptors keep digest, size and urls; annotations are dropped.
Json oci_to_schema2(Json oci, const std::vector<LayerEdit>* edits, std::vector<LayerEdit>* later) {
  const Json& config = oci.contains("config") ? oci["config"] : Json::object();
  if (config.value("mediaType", "") != kOciConfig) {
    std::string type = oci.value("artifactType", "");
    if (type.empty()) type = config.value("mediaType", "");
    if (type == kDockerV2Schema2Config) {
      fail("invalid mixed OCI image with Docker v2s2 config (" + go_quote(type) + ")");
    }
    fail("unsupported image-specific operation on artifact with type " + go_quote(type));
  }
  if (edits != nullptr) *later = apply_oci_only_edits(oci, *edits);
  auto descriptor = [](const Json& d, std::string_view type) {
    Json out = Json{{"mediaType", type}};
    out["size"] = d.value("size", std::int64_t{0});
    out["digest"] = d.value("digest", "");
    if (d.contains("urls")) out["urls"] = d["urls"];
    return out;
  };
  Json out = Json::object();
  out["schemaVersion"] = 2;
  out["mediaType"] = kDockerV2Schema2Manifest;
  out["config"] = descriptor(oci["config"], kDockerV2Schema2Config);
  Json layers = Json::array();
  for (const Json& l : oci.value("layers", Json::array())) {
    std::string type = l.value("mediaType", "");
    std::string_view docker = counterpart_layer_type(type, /*to_oci=*/false);
    if (docker.empty()) {
      if (is_zstd_layer(type))
        fail("Error during manifest conversion: " + go_quote(type) +
             ": zstd compression is not supported for docker images");
      if (type.size() > 10 && type.ends_with("+encrypted"))
        fail("during manifest conversion: encrypted layers (" + go_quote(type) +
             ") are not supported in docker images");
      fail("Unknown media type during manifest conversion: " + go_quote(type));
    }
    layers.push_back(descriptor(l, docker));
  }
  out["layers"] = std::move(layers);
  return out;
}

Descriptor config_descriptor_of(const Json& m) {
  Descriptor d;
  if (!m.contains("config")) return d;
  const Json& c = m["config"];
  d.media_type = c.value("mediaType", "");
  d.digest = c.value("digest", "");
  d.size = c.value("size", std::int64_t{0});
  d.urls = c.value("urls", std::vector<std::string>{});
  if (c.contains("annotations")) d.annotations = c["annotations"].get<Annotations>();
  return d;
}

bool digests_differ(const ImageManifest& m, const std::vector<LayerEdit>& edits) {
  if (m.layers.size() != edits.size()) return true;
  for (std::size_t i = 0; i < edits.size(); ++i) {
    if (m.layers[i].digest != edits[i].digest) return true;
  }
  return false;
}

}  // namespace

std::pair<CompressionOperation, std::string> compression_edits_from_media_type(
    std::string_view type, const std::optional<Annotations>& annotations) {
  if (type == kDockerV2Schema2Layer || type == kOciLayerGzip) {
    return {CompressionOperation::kPreserveOriginal, "gzip"};
  }
  if (type == kOciLayerZstd) {
    // chunkedToc.GetTOCDigest: a zstd:chunked or eStargz TOC annotation marks a chunked layer.
    bool toc = annotations &&
               (annotations->contains("io.github.containers.zstd-chunked.manifest-checksum") ||
                annotations->contains("containerd.io/snapshot/stargz/toc.digest"));
    return {CompressionOperation::kPreserveOriginal, toc ? "zstd:chunked" : "zstd"};
  }
  if (type == kDockerV2SchemaLayerUncompressed || type == kOciLayer) {
    return {CompressionOperation::kDecompress, ""};
  }
  return {CompressionOperation::kPreserveOriginal, ""};
}

bool can_change_layer_compression(std::string_view manifest_type, std::string_view config_type,
                                  std::string_view layer_type) {
  if (manifest_type == kOciManifest) {
    return config_type == kOciConfig && find_variants(kOciVariants, layer_type) != nullptr;
  }
  if (manifest_type == kDockerV2Schema2Manifest) {
    return find_variants(kSchema2Variants, layer_type) != nullptr;
  }
  return is_schema1(manifest_type);  // schema 1 names no media types: assume a valid image
}

UpdatedManifest update_manifest(std::string_view raw, std::string_view media_type,
                                const std::vector<LayerEdit>& layers,
                                std::string_view target_media_type, std::string_view config,
                                bool layers_substituted) {
  const std::string source(media_type);
  Parsed parsed = parse(raw, source);
  const auto* image = std::get_if<ImageManifest>(&parsed);
  if (image == nullptr) fail("update_manifest: " + source + " is a manifest list");
  const bool convert = !target_media_type.empty() && target_media_type != source;
  const bool edit = !layers.empty() && (layers_substituted || digests_differ(*image, layers));

  UpdatedManifest out;
  if (!convert && !edit) {
    out.manifest = std::string(raw);
    out.media_type = source;
    out.config_descriptor = image->config;
    return out;
  }
  const std::string target = convert ? std::string(target_media_type) : source;
  if (is_schema1(source)) {
    if (convert && (target == kOciManifest || target == kDockerV2Schema2Manifest)) {
      fail("converting a Docker schema 1 manifest to " + target +
           " needs the layers' diff IDs, which Periscope does not compute yet");
    }
    if (convert) fail("Unsupported conversion type: " + target);
    fail(
        "updating the layers of a Docker schema 1 manifest is not supported (it must be "
        "re-signed)");
  }
  if (is_schema1(target)) {
    fail("converting to Docker schema 1 (" + target + ") is not supported: it must be signed");
  }
  if (convert && target != kOciManifest && target != kDockerV2Schema2Manifest) {
    fail("Unsupported conversion type: " + target);
  }

  const bool oci_source = source == kOciManifest;
  const go::Struct& source_type = oci_source ? go::oci_manifest() : go::schema2_manifest();
  Json m = go::unmarshal(go::parse_json(raw), source_type);
  if (convert && oci_source) {
    std::vector<LayerEdit> later;
    m = oci_to_schema2(std::move(m), edit ? &layers : nullptr, &later);
    if (edit) schema2_update_layers(m, later);
  } else if (convert) {
    Converted c = schema2_to_oci(m, config);
    m = std::move(c.manifest);
    out.config = std::move(c.config);
    if (edit) oci_update_layers(m, layers);
  } else if (oci_source) {
    oci_update_layers(m, layers);
  } else {
    schema2_update_layers(m, layers);
  }
  const go::Struct& target_type =
      target == kOciManifest ? go::oci_manifest() : go::schema2_manifest();
  out.manifest = go_json(go::marshal(m, target_type));
  out.media_type = target;
  out.changed = out.manifest != raw;
  out.config_descriptor = config_descriptor_of(m);
  return out;
}

}  // namespace periscope::manifest
