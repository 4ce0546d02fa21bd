#include "transport/oci_archive/oci_archive_destination.h"

#include "core/error.h"
#include "core/go_json.h"
#include "manifest/manifest.h"
#include "manifest/media_type.h"

namespace periscope::transport::oci_archive {
namespace {

constexpr std::string_view kRefNameAnnotation = "org.opencontainers.image.ref.name";

std::string blob_name(const Digest& d) {
  return "blobs/" + std::string(d.algorithm()) + "/" + std::string(d.hex());
}

}  // namespace

OciArchiveDestination::OciArchiveDestination(const OciArchiveReference& ref,
                                             const TransportOptions& options)
    : image_(ref.image()),
      accept_uncompressed_(options.oci_accept_uncompressed_layers),
      output_(ref.resolved_path(), "", options.tmpdir) {
  output_.tar().add_directory("blobs");
  output_.tar().add_directory("blobs/sha256");
  folders_["blobs/sha256"] = true;
}

DestCaps OciArchiveDestination::caps() const {
  DestCaps caps;
  caps.manifest_types = {std::string(manifest::kOciManifest), std::string(manifest::kOciIndex)};
  caps.concurrent_blobs = false;  // each blob goes straight into the one tar stream
  caps.compresses_uncompressed_layers = !accept_uncompressed_;
  caps.supports_signatures = false;
  caps.accepts_lists = true;
  return caps;
}

void OciArchiveDestination::ensure_algorithm_folder(const Digest& digest) {
  std::string folder = "blobs/" + std::string(digest.algorithm());
  if (folders_.emplace(folder, true).second) {
    output_.tar().add_directory(folder);
  }
}

std::optional<BlobInfo> OciArchiveDestination::try_reuse_blob(const BlobInfo& info,
                                                              const BlobOrigin&) {
  auto it = written_.find(info.digest);
  if (info.digest.empty() || it == written_.end()) {
    return std::nullopt;
  }
  BlobInfo reused = info;
  reused.size = it->second;
  return reused;
}

BlobInfo OciArchiveDestination::put_blob(io::Reader& reader, const BlobInfo& info, BlobKind) {
  if (!info.digest.empty()) {
    ensure_algorithm_folder(info.digest);  // hashed here: sha256
  }
  BlobInfo stored = output_.add_blob(reader, info, blob_name);
  written_[stored.digest] = stored.size;
  return stored;
}

void OciArchiveDestination::put_manifest(std::string_view bytes, std::string_view,
                                         const std::optional<Digest>& instance) {
  Digest digest = instance ? *instance : manifest::manifest_digest(bytes);
  if (!written_.contains(digest)) {
    ensure_algorithm_folder(digest);
    output_.tar().add_bytes(blob_name(digest), bytes);
    written_[digest] = static_cast<std::int64_t>(bytes.size());
  }
  if (instance) {
    return;
  }
  // c/image addManifest: the tag moves to the new entry. The archive starts empty, so the only
  // entries are the ones this copy adds.
  Json desc = Json::object();
  desc["mediaType"] = manifest::guess_media_type(bytes);
  desc["digest"] = digest.str();
  desc["size"] = static_cast<std::int64_t>(bytes.size());
  if (!image_.empty()) {
    desc["annotations"] = Json{{std::string(kRefNameAnnotation), image_}};
  }
  for (auto& m : manifests_) {
    if (!image_.empty() && m.contains("annotations") &&
        m["annotations"].value(std::string(kRefNameAnnotation), "") == image_) {
      m["annotations"].erase(std::string(kRefNameAnnotation));
      if (m["annotations"].empty()) {
        m.erase("annotations");
      }
      break;
    }
  }
  for (auto& m : manifests_) {
    if (m["digest"] == digest.str() && !m.contains("annotations")) {
      m = desc;
      return;
    }
  }
  manifests_.push_back(desc);
}

void OciArchiveDestination::put_signatures(const std::vector<std::string>& signatures,
                                           const std::optional<Digest>&) {
  if (!signatures.empty()) {
    throw Error(ErrorKind::kUnsupported, "Pushing signatures for OCI images is not supported");
  }
}

void OciArchiveDestination::commit() {
  Json layout = Json::object();
  layout["imageLayoutVersion"] = "1.0.0";
  output_.tar().add_bytes("oci-layout", go_json(layout));
  Json index = Json::object();
  index["schemaVersion"] = 2;
  index["manifests"] = manifests_;
  output_.tar().add_bytes("index.json", go_json(index));
  output_.commit();
}

}  // namespace periscope::transport::oci_archive
