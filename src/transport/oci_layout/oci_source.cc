#include "transport/oci_layout/oci_source.h"

#include <sys/stat.h>

#include <cerrno>

#include "core/error.h"
#include "manifest/manifest.h"
#include "transport/dir/local_files.h"
#include "transport/oci_layout/oci_index.h"

namespace periscope::transport::oci_layout {
namespace {

// A digest from the index, validated before it becomes part of a path (no "../").
Digest descriptor_digest(const Json& descriptor) {
  std::string text = descriptor.value("digest", "");
  try {
    return Digest::parse(text);
  } catch (const Error& e) {
    throw Error(ErrorKind::kUnsupported, "unexpected digest reference " + text + ": " + e.what());
  }
}

}  // namespace

OciSource::OciSource(const OciReference& ref, std::string shared_blob_dir)
    : ref_(ref), shared_blob_dir_(std::move(shared_blob_dir)) {
  Json index = read_index(ref_.index_path());
  descriptor_ = choose_entry(index, ref_.image(), ref_.source_index()).descriptor;
  index_ = std::move(index);
}

RawManifest OciSource::manifest(const std::optional<Digest>& instance) {
  Digest digest;
  std::string type;
  if (instance) {
    digest = *instance;
    for (const Json& entry : index_.value("manifests", Json::array())) {
      if (entry.value("digest", "") == digest.str()) {
        type = entry.value("mediaType", "");
        break;
      }
    }
  } else {
    digest = descriptor_digest(descriptor_);
    type = descriptor_.value("mediaType", "");
  }
  std::string bytes;
  try {
    bytes = dir::read_whole_file(path_of(digest));
  } catch (const Error& e) {
    throw Error(ErrorKind::kIo, e.what());  // skopeo exits 1 here: the index names the image
  }
  if (type.empty()) {
    type = manifest::guess_media_type(bytes);
  }
  return RawManifest{std::move(bytes), std::move(type)};
}

std::unique_ptr<io::Reader> OciSource::blob(const BlobInfo& info) {
  return std::make_unique<io::FileReader>(path_of(info.digest));
}

std::string OciSource::small_blob(const Digest& digest, std::int64_t max_size) {
  std::string path = path_of(digest);
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    dir::throw_os_error("open", path, errno);
  }
  if (st.st_size > max_size) {
    throw Error(ErrorKind::kUnsupported,
                "blob " + digest.str() + " is larger than " + std::to_string(max_size) + " bytes");
  }
  std::string bytes = dir::read_whole_file(path);
  if (digest.algorithm() == "sha256") {
    Digest actual = Digest::sha256_of(bytes);
    if (actual != digest) {
      throw Error(ErrorKind::kDigestMismatch, "blob " + path + ": Digest did not match, expected " +
                                                  digest.str() + ", got " + actual.str());
    }
  }
  return bytes;
}

}  // namespace periscope::transport::oci_layout
