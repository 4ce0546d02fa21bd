#include "transport/dir/dir_destination.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <random>

#include "core/error.h"
#include "transport/dir/dir_reference.h"
#include "transport/dir/local_files.h"

namespace periscope::transport::dir {
namespace {

namespace fs = std::filesystem;

std::string random_suffix() {
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device rd;
  std::string out;
  for (int i = 0; i < 8; ++i) {
    out += kChars[rd() % (sizeof kChars - 1)];
  }
  return out;
}

// mkdir(2) with mode 0755 so that the umask applies as for c/image's MkdirAll(0755).
std::string make_unique_dir(const std::string& prefix) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string candidate = prefix + random_suffix();
    if (::mkdir(candidate.c_str(), 0755) == 0) {
      return candidate;
    }
    if (errno != EEXIST) {
      throw_os_error("mkdir", candidate, errno);
    }
  }
  throw Error(ErrorKind::kIo, "mkdir " + prefix + "*: too many name collisions");
}

std::vector<std::string> entries_of(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) {
    throw_os_error("open", dir, errno);
  }
  std::vector<std::string> out;
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name != "." && name != "..") {
      out.push_back(name);
    }
  }
  ::closedir(d);
  return out;
}

}  // namespace

DirDestination::DirDestination(std::string path) : path_(std::move(path)) {
  struct stat target;
  bool exists = ::stat(path_.c_str(), &target) == 0;
  if (!exists && errno != ENOENT) {
    throw_os_error("stat", path_, errno);
  }
  if (exists) {
    if (!S_ISDIR(target.st_mode)) {
      throw Error(ErrorKind::kIo, os_error_text("open", path_, ENOTDIR));
    }
    check_replaceable();
  }
  fs::path p(path_);
  std::string parent = p.parent_path().string();
  struct stat parent_st;
  if (::stat(parent.c_str(), &parent_st) != 0) {
    throw_os_error("stat", parent, errno);
  }
  inside_target_ = exists && parent_st.st_dev != target.st_dev;
  staging_ = inside_target_
                 ? make_unique_dir(path_ + "/.periscope-staging-")
                 : make_unique_dir(parent + "/." + p.filename().string() + ".periscope-");
  try {
    // The image keeps the permissions of the folder it replaces.
    if (exists && !inside_target_ && ::chmod(staging_.c_str(), target.st_mode & 07777) != 0) {
      throw_os_error("chmod", staging_, errno);
    }
    write_file_atomically(staged(std::string(kVersionFile)), kVersionText);
  } catch (...) {
    remove_tree_quietly(staging_);
    throw;
  }
}

DirDestination::~DirDestination() {
  if (!committed_) {
    remove_tree_quietly(staging_);
  }
}

void DirDestination::check_replaceable() const {
  std::vector<std::string> entries = entries_of(path_);
  std::size_t ours = 0;
  for (const std::string& name : entries) {
    if (!staging_.empty() && inside_target_ && path_ + "/" + name == staging_) {
      ++ours;
    }
  }
  if (entries.size() == ours) {
    return;
  }
  auto version = read_file_if_exists(path_ + "/" + std::string(kVersionFile));
  if (!version || *version != kVersionText) {
    throw Error(ErrorKind::kUsage, std::string(kNotImageDirMessage));
  }
}

DestCaps DirDestination::caps() const {
  DestCaps caps;
  caps.concurrent_blobs = true;
  caps.supports_signatures = true;
  return caps;
}

std::optional<BlobInfo> DirDestination::try_reuse_blob(const BlobInfo& info, const BlobOrigin&) {
  if (info.digest.empty()) {
    throw Error(ErrorKind::kInternal, "Can not check for a blob with unknown digest");
  }
  struct stat st;
  if (::stat(staged(blob_file_name(info.digest)).c_str(), &st) != 0) {
    if (errno == ENOENT) {
      return std::nullopt;
    }
    throw_os_error("stat", staged(blob_file_name(info.digest)), errno);
  }
  BlobInfo out = info;
  out.size = st.st_size;
  return out;
}

BlobInfo DirDestination::put_blob(io::Reader& reader, const BlobInfo& info, BlobKind) {
  StagedFile file(staging_, "dir-put-blob-");
  WrittenBlob written = write_verified(reader, file, info);
  file.publish(staged(blob_file_name(written.digest)));
  BlobInfo out = info;
  out.digest = written.digest;
  out.size = written.size;
  return out;
}

void DirDestination::put_manifest(std::string_view bytes, std::string_view,
                                  const std::optional<Digest>& instance) {
  write_file_atomically(staged(manifest_file_name(instance)), bytes);
}

void DirDestination::put_signatures(const std::vector<std::string>& signatures,
                                    const std::optional<Digest>& instance) {
  for (std::size_t i = 0; i < signatures.size(); ++i) {
    write_file_atomically(staged(signature_file_name(static_cast<int>(i), instance)),
                          signatures[i]);
  }
}

void DirDestination::commit() {
  if (committed_) {
    throw Error(ErrorKind::kInternal, "dir: destination committed twice");
  }
  fsync_directory(staging_);
  if (inside_target_) {
    move_entries_up();
  } else {
    swap_into_place();
  }
  committed_ = true;
}

// Someone may have written to the target since we opened it; the refusal rule applies again.
void DirDestination::swap_into_place() {
  std::string parent = fs::path(path_).parent_path().string();
  auto rename_failed = [](const std::string& from, const std::string& to, int error_number) {
    std::string message = "rename ";
    message.append(from).append(" ").append(to).append(": ").append(errno_text(error_number));
    return Error(ErrorKind::kIo, message);
  };
  if (!path_exists(path_)) {
    int rc = ::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, path_.c_str(), RENAME_NOREPLACE);
    if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {
      rc = ::rename(staging_.c_str(), path_.c_str());
    }
    if (rc != 0) {
      throw rename_failed(staging_, path_, errno);
    }
    fsync_directory(parent);
    return;
  }
  check_replaceable();
  if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, path_.c_str(), RENAME_EXCHANGE) == 0) {
    fsync_directory(parent);
    remove_tree_quietly(staging_);  // now holds the old image
    return;
  }
  if (errno != EINVAL && errno != ENOSYS) {
    throw rename_failed(staging_, path_, errno);
  }
  // Filesystems without RENAME_EXCHANGE: move the old image aside first (a short window without
  // any image, never a mixed one).
  std::string aside =
      make_unique_dir(parent + "/." + fs::path(path_).filename().string() + ".periscope-old-");
  ::rmdir(aside.c_str());
  if (::rename(path_.c_str(), aside.c_str()) != 0) {
    throw rename_failed(path_, aside, errno);
  }
  if (::rename(staging_.c_str(), path_.c_str()) != 0) {
    int saved = errno;
    ::rename(aside.c_str(), path_.c_str());
    throw rename_failed(staging_, path_, saved);
  }
  fsync_directory(parent);
  remove_tree_quietly(aside);
}

void DirDestination::move_entries_up() {
  check_replaceable();
  std::string staging_name = fs::path(staging_).filename().string();
  for (const std::string& name : entries_of(path_)) {
    if (name != staging_name && name != kVersionFile) {
      remove_tree_quietly(path_ + "/" + name);
    }
  }
  for (const std::string& name : entries_of(staging_)) {
    std::string from = staging_ + "/" + name;
    std::string to = path_ + "/" + name;
    rename_path(from, to);
  }
  ::rmdir(staging_.c_str());
  fsync_directory(path_);
}

}  // namespace periscope::transport::dir
