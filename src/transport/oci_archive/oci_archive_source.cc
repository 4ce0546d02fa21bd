#include "transport/oci_archive/oci_archive_source.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "io/archive_file.h"
#include "manifest/manifest.h"
#include "manifest/media_type.h"

namespace periscope::transport::oci_archive {
namespace {

constexpr std::string_view kRefNameAnnotation = "org.opencontainers.image.ref.name";
constexpr std::int64_t kMaxManifestSize = 4 << 20;  // c/image iolimits.MaxManifestBodySize
constexpr std::int64_t kMaxIndexSize = 4 << 20;

bool is_image_or_index(const std::string& media_type) {
  return media_type == manifest::kOciManifest || media_type == manifest::kOciIndex ||
         media_type == manifest::kDockerV2Schema2Manifest || media_type == manifest::kDockerV2List;
}

std::string string_field(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

OciArchiveSource::OciArchiveSource(const OciArchiveReference& ref, const TransportOptions& options)
    : path_(ref.resolved_path()), shared_blob_dir_(options.shared_blob_dir) {
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0 && errno == ENOENT) {
    throw Error(ErrorKind::kIo, "archive file not found: \"" + path_ + "\"");
  }
  archive_ = io::open_tar_archive(path_, options.tmpdir);

  std::string index_text;
  try {
    index_text = io::read_all(*archive_->open("index.json"), kMaxIndexSize);
  } catch (const Error& e) {
    throw e.with_context("reading the OCI index of " + path_);
  }
  nlohmann::json index;
  try {
    index = nlohmann::json::parse(index_text);
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::kIo, "parsing index.json in " + path_ + ": " + e.what());
  }
  nlohmann::json manifests =
      index.is_object() && index.contains("manifests") && index["manifests"].is_array()
          ? index["manifests"]
          : nlohmann::json::array();
  for (const auto& m : manifests) {
    if (m.is_object() && Digest::valid(string_field(m, "digest"))) {
      index_media_types_.emplace_back(Digest::parse(string_field(m, "digest")),
                                      string_field(m, "mediaType"));
    }
  }

  const nlohmann::json* chosen = nullptr;
  if (ref.image().empty()) {
    if (manifests.size() != 1) {
      throw Error(ErrorKind::kUsage, "more than one image in oci, choose an image");
    }
    chosen = &manifests[0];
  } else {
    std::vector<std::string> unsupported;
    for (const auto& m : manifests) {
      if (!m.is_object() || !m.contains("annotations") || !m["annotations"].is_object()) {
        continue;
      }
      if (string_field(m["annotations"], kRefNameAnnotation.data()) != ref.image()) {
        continue;
      }
      std::string media_type = string_field(m, "mediaType");
      if (is_image_or_index(media_type)) {
        chosen = &m;
        break;
      }
      unsupported.push_back(media_type);
    }
    if (!chosen && !unsupported.empty()) {
      std::string list;
      for (const auto& t : unsupported) {
        list += (list.empty() ? "\"" : " \"") + t + "\"";
      }
      throw Error(ErrorKind::kUnsupported, "reference \"" + ref.image() +
                                               "\" matches unsupported manifest MIME types [" +
                                               list + "]");
    }
    if (!chosen) {
      throw Error(ErrorKind::kNotFound,
                  "no descriptor found for reference \"" + ref.image() + "\"");
    }
  }
  std::string digest = chosen->is_object() ? string_field(*chosen, "digest") : "";
  if (!Digest::valid(digest)) {
    throw Error(ErrorKind::kIo, "invalid digest \"" + digest + "\" in index.json of " + path_);
  }
  top_digest_ = Digest::parse(digest);
  top_media_type_ = string_field(*chosen, "mediaType");
}

std::string OciArchiveSource::member_name(const Digest& digest) const {
  return "blobs/" + std::string(digest.algorithm()) + "/" + std::string(digest.hex());
}

std::unique_ptr<io::Reader> OciArchiveSource::open_blob(const Digest& digest,
                                                        std::int64_t* size) const {
  if (!shared_blob_dir_.empty()) {
    // As c/image: with a shared blob folder, blobs are looked up there, not in the layout.
    std::string p =
        shared_blob_dir_ + "/" + std::string(digest.algorithm()) + "/" + std::string(digest.hex());
    std::error_code ec;
    auto s = std::filesystem::file_size(p, ec);
    if (size) {
      *size = ec ? -1 : static_cast<std::int64_t>(s);
    }
    return std::make_unique<io::FileReader>(p);
  }
  const io::TarEntry* e = archive_->resolve(member_name(digest));
  if (!e) {
    throw Error(ErrorKind::kNotFound, "blob " + digest.str() + " not found in " + path_);
  }
  if (size) {
    *size = e->size;
  }
  return archive_->open(*e);
}

std::string OciArchiveSource::read_verified(const Digest& digest, std::int64_t max_size) const {
  std::int64_t size = -1;
  auto reader = open_blob(digest, &size);
  if (size > max_size) {
    throw Error(ErrorKind::kUnsupported, "blob " + digest.str() + " in " + path_ +
                                             " is too large (" + std::to_string(size) + " bytes)");
  }
  std::string bytes = io::read_all(*reader, max_size);
  if (digest.algorithm() == "sha256") {
    Digest actual = Digest::sha256_of(bytes);
    if (actual != digest) {
      throw Error(ErrorKind::kDigestMismatch, "blob " + member_name(digest) + " in " + path_ +
                                                  ": digest did not match, expected " +
                                                  digest.str() + ", got " + actual.str());
    }
  }
  return bytes;
}

std::unique_ptr<io::Reader> OciArchiveSource::blob(const BlobInfo& info) {
  return open_blob(info.digest, nullptr);
}

RawManifest OciArchiveSource::manifest(const std::optional<Digest>& instance) {
  const Digest& digest = instance ? *instance : top_digest_;
  std::string media_type;
  if (!instance) {
    media_type = top_media_type_;
  } else {
    for (const auto& [d, t] : index_media_types_) {
      if (d == digest) {
        media_type = t;
        break;
      }
    }
  }
  std::string bytes = read_verified(digest, kMaxManifestSize);
  if (media_type.empty()) {
    media_type = manifest::guess_media_type(bytes);
  }
  return RawManifest{std::move(bytes), std::move(media_type)};
}

std::string OciArchiveSource::small_blob(const Digest& digest, std::int64_t max_size) {
  return read_verified(digest, max_size);
}

}  // namespace periscope::transport::oci_archive
