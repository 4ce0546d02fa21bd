#include "transport/oci_layout/oci_destination.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <random>

#include "core/error.h"
#include "manifest/manifest.h"
#include "manifest/media_type.h"
#include "transport/dir/local_files.h"
#include "transport/oci_layout/oci_index.h"

namespace periscope::transport::oci_layout {
namespace {

using dir::throw_os_error;

constexpr std::string_view kLayoutFileText = R"({"imageLayoutVersion":"1.0.0"})";

std::string make_staging_dir(const std::string& root) {
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string candidate = root + "/.periscope-staging-";
    for (int i = 0; i < 8; ++i) {
      candidate += kChars[rd() % (sizeof kChars - 1)];
    }
    if (::mkdir(candidate.c_str(), 0700) == 0) {
      return candidate;
    }
    if (errno != EEXIST) {
      throw_os_error("mkdir", candidate, errno);
    }
  }
  throw Error(ErrorKind::kIo, "mkdir " + root + "/.periscope-staging-*: too many name collisions");
}

// Holds flock(LOCK_EX) on a folder while index.json is read, changed and replaced.
class FolderLock {
 public:
  explicit FolderLock(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd_ < 0) {
      throw_os_error("open", path, errno);
    }
    while (::flock(fd_, LOCK_EX) != 0) {
      if (errno != EINTR) {
        int saved = errno;
        ::close(fd_);
        throw_os_error("flock", path, saved);
      }
    }
  }
  ~FolderLock() { ::close(fd_); }
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace

OciDestination::OciDestination(const OciReference& ref, const TransportOptions& options)
    : ref_(ref),
      shared_blob_dir_(options.shared_blob_dir),
      accept_uncompressed_layers_(options.oci_accept_uncompressed_layers) {
  // As c/image: an unreadable index.json fails now, before anything is copied.
  if (dir::path_exists(ref_.index_path())) {
    read_index(ref_.index_path());
  }
  try {
    make_dir(ref_.path());
    blob_root_ = shared_blob_dir_.empty() ? ref_.path() + "/blobs" : shared_blob_dir_;
    make_dir(blob_root_);
    staging_ = make_staging_dir(blob_root_);
  } catch (...) {
    for (auto it = created_dirs_.rbegin(); it != created_dirs_.rend(); ++it) {
      ::rmdir(it->c_str());
    }
    throw;
  }
}

OciDestination::~OciDestination() {
  if (committed_) {
    return;
  }
  dir::remove_tree_quietly(staging_);
  for (auto it = created_dirs_.rbegin(); it != created_dirs_.rend(); ++it) {
    ::rmdir(it->c_str());
  }
}

void OciDestination::make_dir(const std::string& path) {
  if (::mkdir(path.c_str(), 0755) == 0) {
    created_dirs_.push_back(path);
    return;
  }
  if (errno != EEXIST) {
    throw_os_error("mkdir", path, errno);
  }
}

DestCaps OciDestination::caps() const {
  DestCaps caps;
  caps.manifest_types = {std::string(manifest::kOciManifest), std::string(manifest::kOciIndex)};
  caps.concurrent_blobs = true;
  caps.compresses_uncompressed_layers = !accept_uncompressed_layers_;
  caps.supports_signatures = false;
  return caps;
}

std::string OciDestination::staged_path(const Digest& digest) const {
  return staging_ + "/" + std::string(digest.algorithm()) + "-" + std::string(digest.hex());
}

std::optional<BlobInfo> OciDestination::try_reuse_blob(const BlobInfo& info, const BlobOrigin&) {
  if (info.digest.empty()) {
    throw Error(ErrorKind::kInternal, "Can not check for a blob with unknown digest");
  }
  for (const std::string& path :
       {ref_.blob_path(info.digest, shared_blob_dir_), staged_path(info.digest)}) {
    struct stat st;
    if (::stat(path.c_str(), &st) == 0) {
      BlobInfo out = info;
      out.size = st.st_size;
      return out;
    }
    if (errno != ENOENT) {
      throw_os_error("stat", path, errno);
    }
  }
  return std::nullopt;
}

BlobInfo OciDestination::put_blob(io::Reader& reader, const BlobInfo& info, BlobKind) {
  dir::StagedFile file(staging_, "oci-put-blob-");
  dir::WrittenBlob written = dir::write_verified(reader, file, info);
  file.publish(staged_path(written.digest));
  {
    std::lock_guard<std::mutex> lock(mutex_);
    staged_.insert(written.digest);
  }
  BlobInfo out = info;
  out.digest = written.digest;
  out.size = written.size;
  return out;
}

void OciDestination::stage_bytes(const Digest& digest, std::string_view bytes) {
  dir::StagedFile file(staging_, "oci-put-manifest-");
  file.write(bytes);
  file.publish(staged_path(digest));
  std::lock_guard<std::mutex> lock(mutex_);
  staged_.insert(digest);
}

void OciDestination::put_manifest(std::string_view bytes, std::string_view media_type,
                                  const std::optional<Digest>& instance) {
  Digest digest = instance ? *instance : manifest::manifest_digest(bytes);
  if (instance && instance->algorithm() == "sha256" && Digest::sha256_of(bytes) != *instance) {
    throw Error(ErrorKind::kInternal,
                "manifest instance " + instance->str() + " does not match its bytes");
  }
  stage_bytes(digest, bytes);
  if (instance) {
    return;
  }
  std::string type = manifest::guess_media_type(bytes);
  if (type.empty()) {
    type = std::string(media_type);
  }
  Json descriptor = {{"mediaType", type},
                     {"digest", digest.str()},
                     {"size", static_cast<std::int64_t>(bytes.size())}};
  if (!ref_.image().empty()) {
    descriptor["annotations"] = Json{{std::string(kRefNameAnnotation), ref_.image()}};
  }
  top_descriptor_ = std::move(descriptor);
}

void OciDestination::put_signatures(const std::vector<std::string>& signatures,
                                    const std::optional<Digest>&) {
  if (!signatures.empty()) {
    throw Error(ErrorKind::kUnsupported, "Pushing signatures for OCI images is not supported");
  }
}

void OciDestination::commit() {
  if (committed_) {
    throw Error(ErrorKind::kInternal, "oci: destination committed twice");
  }
  if (!top_descriptor_) {
    throw Error(ErrorKind::kInternal, "oci: destination committed without a manifest");
  }
  std::set<std::string> folders;
  for (const Digest& digest : staged_) {
    std::string folder = blob_root_ + "/" + std::string(digest.algorithm());
    if (folders.insert(folder).second) {
      make_dir(folder);
    }
    std::string from = staged_path(digest);
    std::string to = ref_.blob_path(digest, shared_blob_dir_);
    dir::rename_path(from, to);
  }
  // The blobs must be durable before an index that names them, and so must the folders this
  // copy made (the layout itself, blobs/, blobs/sha256/): their entries live in their parents.
  for (const std::string& folder : folders) {
    dir::fsync_directory(folder);
  }
  std::set<std::string> parents;
  for (const std::string& made : created_dirs_) {
    parents.insert(std::filesystem::path(made).parent_path().string());
  }
  for (const std::string& parent : parents) {
    if (!parent.empty()) {
      dir::fsync_directory(parent);
    }
  }
  if (!shared_blob_dir_.empty()) {
    make_dir(ref_.path() + "/blobs");
  }
  write_index();
  committed_ = true;
  dir::remove_tree_quietly(staging_);
}

void OciDestination::write_index() {
  FolderLock lock(ref_.path());
  auto layout = dir::read_file_if_exists(ref_.layout_file_path());
  if (!layout || *layout != kLayoutFileText) {
    dir::write_file_atomically(ref_.layout_file_path(), kLayoutFileText);
  }
  Json index = dir::path_exists(ref_.index_path()) ? read_index(ref_.index_path()) : empty_index();
  add_manifest(index, *top_descriptor_);
  mode_t mode = 0644;
  struct stat st;
  if (::stat(ref_.index_path().c_str(), &st) == 0) {
    mode = st.st_mode & 07777;
  }
  dir::write_file_atomically(ref_.index_path(), index_bytes(index), mode);
  dir::fsync_directory(ref_.path());
}

}  // namespace periscope::transport::oci_layout
