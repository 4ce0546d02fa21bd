#include "transport/oci_layout/oci_reference.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/error.h"

namespace periscope::transport::oci_layout {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view kRefNameAnnotation = "org.opencontainers.image.ref.name";

std::string read_file(const fs::path& p, const std::string& what) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw Error(ErrorKind::kIo, "reading " + what + " " + p.string() + ": " + std::strerror(errno));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The grammar of ref.name values that containers/image accepts (image-spec annotations.md).
bool valid_ref_name(std::string_view s) {
  if (s.empty()) return false;
  auto is_alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  auto is_component = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_'; };
  auto is_sep = [](char c) { return c == ':' || c == '/' || c == '@' || c == '+'; };
  if (!is_alnum(s.front()) && s.front() != '_' ) return false;
  bool prev_sep = false;
  for (char c : s) {
    if (is_sep(c)) {
      if (prev_sep) return false;
      prev_sep = true;
    } else if (is_component(c)) {
      prev_sep = false;
    } else {
      return false;
    }
  }
  return !prev_sep;
}

class OciSource : public ImageSource {
 public:
  OciSource(const OciReference& ref, std::string shared_blob_dir)
      : ref_(ref), shared_blob_dir_(std::move(shared_blob_dir)) {
    std::string index_text = read_file(fs::path(ref.path()) / "index.json", "OCI layout index");
    nlohmann::json index;
    try {
      index = nlohmann::json::parse(index_text);
    } catch (const nlohmann::json::exception& e) {
      throw Error(ErrorKind::kIo, "parsing " + ref.path() + "/index.json: " + e.what());
    }
    const auto& manifests = index.value("manifests", nlohmann::json::array());
    const nlohmann::json* chosen = nullptr;
    if (ref.image().empty()) {
      if (manifests.size() != 1)
        throw Error(manifests.empty() ? ErrorKind::kNotFound : ErrorKind::kUsage,
                    manifests.empty() ? "no images in " + ref.path()
                                      : "more than one image in oci, choose an image");
      chosen = &manifests[0];
    } else {
      for (const auto& m : manifests) {
        if (m.contains("annotations") && m["annotations"].value(std::string(kRefNameAnnotation), "") == ref.image()) {
          chosen = &m;
          break;
        }
      }
      if (!chosen)
        throw Error(ErrorKind::kNotFound, "no descriptor found for reference \"" + ref.image() + "\" in " + ref.path());
    }
    top_digest_ = Digest::parse(chosen->value("digest", ""));
    top_media_type_ = chosen->value("mediaType", "");
  }

  RawManifest manifest(const std::optional<Digest>& instance) override {
    const Digest& d = instance ? *instance : top_digest_;
    std::string bytes = read_blob(d);
    return RawManifest{std::move(bytes), instance ? "" : top_media_type_};
  }

  std::string small_blob(const Digest& digest, std::int64_t max_size) override {
    fs::path p = blob_path(digest);
    std::error_code ec;
    auto size = fs::file_size(p, ec);
    if (!ec && static_cast<std::int64_t>(size) > max_size)
      throw Error(ErrorKind::kUnsupported, "blob " + digest.str() + " in " + ref_.path() + " is too large");
    return read_blob(digest);
  }

  std::vector<std::string> repo_tags() override { return {}; }

 private:
  fs::path blob_path(const Digest& d) const {
    fs::path root = shared_blob_dir_.empty() ? fs::path(ref_.path()) / "blobs" : fs::path(shared_blob_dir_);
    return root / std::string(d.algorithm()) / std::string(d.hex());
  }

  std::string read_blob(const Digest& d) {
    std::string bytes = read_file(blob_path(d), "blob");
    Digest actual = Digest::sha256_of(bytes);
    if (d.algorithm() == "sha256" && actual != d)
      throw Error(ErrorKind::kDigestMismatch, "blob " + blob_path(d).string() + ": digest did not match, expected " +
                                                  d.str() + ", got " + actual.str());
    return bytes;
  }

  const OciReference& ref_;
  std::string shared_blob_dir_;
  Digest top_digest_;
  std::string top_media_type_;
};

}  // namespace

std::unique_ptr<ImageReference> parse_oci_reference(std::string_view rest) {
  auto colon = rest.find(':');
  std::string path(rest.substr(0, colon));
  std::string image = colon == std::string_view::npos ? "" : std::string(rest.substr(colon + 1));
  if (path.empty()) throw_usage("oci: path is empty");
  if (!image.empty() && image.front() != '@' && !valid_ref_name(image))
    throw_usage("Invalid image " + image);
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec);
  if (ec) throw_usage("resolving " + path + ": " + ec.message());
  return std::make_unique<OciReference>(abs.lexically_normal().string(), image);
}

std::unique_ptr<ImageSource> OciReference::open_source(const TransportOptions& options) const {
  return std::make_unique<OciSource>(*this, options.shared_blob_dir);
}

void OciReference::delete_image(const TransportOptions&) const {
  throw Error(ErrorKind::kUnsupported, "deleting images from oci: layouts is not supported by Periscope yet");
}

}  // namespace periscope::transport::oci_layout
