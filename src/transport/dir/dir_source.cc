#include "transport/dir/dir_source.h"

#include <sys/stat.h>

#include <cerrno>

#include "core/error.h"
#include "manifest/manifest.h"
#include "transport/dir/dir_reference.h"
#include "transport/dir/local_files.h"

namespace periscope::transport::dir {

std::unique_ptr<io::Reader> DirSource::blob(const BlobInfo& info) {
  return std::make_unique<io::FileReader>(file(blob_file_name(info.digest)));
}

std::vector<std::string> DirSource::signatures(const std::optional<Digest>& instance) {
  std::vector<std::string> out;
  for (int i = 0;; ++i) {
    auto bytes = read_file_if_exists(file(signature_file_name(i, instance)));
    if (!bytes) {
      break;
    }
    out.push_back(*std::move(bytes));
  }
  return out;
}

RawManifest DirSource::manifest(const std::optional<Digest>& instance) {
  std::string path = file(manifest_file_name(instance));
  std::string bytes;
  try {
    bytes = read_whole_file(path);
  } catch (const Error& e) {
    // skopeo exits 1, not 2, for a folder without a manifest: it is not "image not found".
    throw Error(ErrorKind::kIo, e.what());
  }
  std::string type = manifest::guess_media_type(bytes);
  return RawManifest{std::move(bytes), std::move(type)};
}

std::string DirSource::small_blob(const Digest& digest, std::int64_t max_size) {
  std::string path = file(blob_file_name(digest));
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    throw_os_error("open", path, errno);
  }
  if (st.st_size > max_size) {
    throw Error(ErrorKind::kUnsupported, "blob " + digest.str() + " in " + path_ +
                                             " is larger than " + std::to_string(max_size) +
                                             " bytes");
  }
  std::string bytes = read_whole_file(path);
  if (digest.algorithm() == "sha256") {
    Digest actual = Digest::sha256_of(bytes);
    if (actual != digest) {
      throw Error(ErrorKind::kDigestMismatch, "blob " + path + ": Digest did not match, expected " +
                                                  digest.str() + ", got " + actual.str());
    }
  }
  return bytes;
}

}  // namespace periscope::transport::dir
