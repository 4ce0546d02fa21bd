#include "transport/dir/local_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <new>
#include <vector>

#include "core/error.h"

namespace periscope::transport::dir {

std::string errno_text(int error_number) {
  std::string reason = std::strerror(error_number);
  if (!reason.empty()) {
    reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
  }
  return reason;
}

std::string os_error_text(std::string_view op, const std::string& path, int error_number) {
  return std::string(op) + " " + path + ": " + errno_text(error_number);
}

void throw_os_error(std::string_view op, const std::string& path, int error_number) {
  throw Error(error_number == ENOENT ? ErrorKind::kNotFound : ErrorKind::kIo,
              os_error_text(op, path, error_number));
}

StagedFile::StagedFile(const std::string& dir, const std::string& prefix) {
  std::string pattern = dir + "/" + prefix + "XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  fd_ = ::mkostemp(buffer.data(), O_CLOEXEC);
  if (fd_ < 0) {
    throw_os_error("open", pattern, errno);
  }
  path_ = buffer.data();
}

StagedFile::~StagedFile() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
  if (!published_) {
    ::unlink(path_.c_str());
  }
}

// Local block-device filesystems, where a direct write is one DMA from our buffer. Elsewhere it
// can be worse than the page cache: a synchronous round trip per write on NFS, a copy anyway on
// tmpfs, unknown on FUSE.
bool direct_io_pays_off(int fd) {
  constexpr long kExt4 = 0xEF53;  // also ext2 and ext3
  constexpr long kXfs = 0x58465342;
  struct statfs fs;
  if (::fstatfs(fd, &fs) != 0) {
    return false;
  }
  return fs.f_type == kExt4 || fs.f_type == kXfs;
}

void StagedFile::write(const char* data, std::size_t size) {
  if (mode_ != Mode::kBuffered) {
    std::size_t direct = write_direct(data, size);
    data += direct;
    size -= direct;
    if (size == 0) {
      return;
    }
  }
  set_buffered();
  while (size > 0) {
    ssize_t n = ::write(fd_, data, size);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      throw_os_error("write", path_, errno);
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

// How much of `data` went out directly: all of it, or nothing when it does not qualify, or up to
// where the filesystem turned direct writes down (EINVAL: it wants a stricter alignment).
std::size_t StagedFile::write_direct(const char* data, std::size_t size) {
  if (size == 0 || size % kDirectAlignment != 0 ||
      reinterpret_cast<std::uintptr_t>(data) % kDirectAlignment != 0) {
    return 0;
  }
  if (mode_ == Mode::kUnset) {
    int flags = ::fcntl(fd_, F_GETFL);
    if (!direct_io_pays_off(fd_) || flags < 0 || ::fcntl(fd_, F_SETFL, flags | O_DIRECT) != 0) {
      mode_ = Mode::kBuffered;
      return 0;
    }
    mode_ = Mode::kDirect;
  }
  std::size_t done = 0;
  while (done < size) {
    ssize_t n = ::write(fd_, data + done, size - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0 && errno == EINVAL) {
      break;
    }
    if (n < 0) {
      throw_os_error("write", path_, errno);
    }
    done += static_cast<std::size_t>(n);
    if (done % kDirectAlignment != 0) {
      break;  // a short write left the offset unaligned for the next one
    }
  }
  return done;
}

void StagedFile::set_buffered() {
  if (mode_ == Mode::kDirect) {
    int flags = ::fcntl(fd_, F_GETFL);
    if (flags < 0 || ::fcntl(fd_, F_SETFL, flags & ~O_DIRECT) != 0) {
      throw_os_error("fcntl", path_, errno);
    }
  }
  mode_ = Mode::kBuffered;
}

void StagedFile::publish(const std::string& target, mode_t mode) {
  if (::fsync(fd_) != 0) {
    throw_os_error("sync", path_, errno);
  }
  if (::fchmod(fd_, mode) != 0) {
    throw_os_error("chmod", path_, errno);
  }
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    throw_os_error("close", path_, errno);
  }
  rename_path(path_, target);
  published_ = true;
}

namespace {

struct AlignedDelete {
  void operator()(char* p) const {
    ::operator delete[](p, std::align_val_t(StagedFile::kDirectAlignment));
  }
};

}  // namespace

WrittenBlob write_verified(io::Reader& reader, StagedFile& file, const BlobInfo& expected) {
  // When the stream itself fails unless it matches the expected digest, hashing it again here
  // would only cost a second pass of SHA-256 over every byte.
  const bool checked_upstream = !expected.digest.empty() && reader.guarantees(expected.digest);
  Sha256 hasher;
  std::int64_t size = 0;
  // Filled completely before each write, so that all but the last write can go direct.
  // 512 KiB: as fast as 1 MiB here (0.315 s vs 0.31 s for 300 MB into oci:), 3 MB less peak RSS
  // with five layers in flight.
  constexpr std::size_t kBufferSize = 512 << 10;
  std::unique_ptr<char[], AlignedDelete> buffer(static_cast<char*>(
      ::operator new[](kBufferSize, std::align_val_t(StagedFile::kDirectAlignment))));
  bool at_end = false;
  while (!at_end) {
    std::size_t filled = 0;
    while (filled < kBufferSize) {
      std::size_t n = reader.read(buffer.get() + filled, kBufferSize - filled);
      if (n == 0) {
        at_end = true;
        break;
      }
      filled += n;
    }
    if (filled == 0) {
      break;
    }
    if (!checked_upstream) {
      hasher.update(buffer.get(), filled);
    }
    file.write(buffer.get(), filled);
    size += static_cast<std::int64_t>(filled);
  }
  Digest computed = checked_upstream ? expected.digest : hasher.finish();
  Digest name = computed;
  if (!expected.digest.empty()) {
    if (expected.digest.algorithm() == "sha256" && expected.digest != computed) {
      throw Error(
          ErrorKind::kDigestMismatch,
          "Digest did not match, expected " + expected.digest.str() + ", got " + computed.str());
    }
    name = expected.digest;
  }
  if (expected.size >= 0 && size != expected.size) {
    throw Error(ErrorKind::kDigestMismatch, "Size mismatch when copying " + name.str() +
                                                ", expected " + std::to_string(expected.size) +
                                                ", got " + std::to_string(size));
  }
  return WrittenBlob{name, size};
}

void write_file_atomically(const std::string& path, std::string_view bytes, mode_t mode) {
  std::filesystem::path p(path);
  std::string folder = p.parent_path().empty() ? "." : p.parent_path().string();
  StagedFile file(folder, "." + p.filename().string() + ".tmp-");
  file.write(bytes);
  file.publish(path, mode);
}

std::string read_whole_file(const std::string& path) {
  auto bytes = read_file_if_exists(path);
  if (!bytes) {
    throw_os_error("open", path, ENOENT);
  }
  return *std::move(bytes);
}

std::optional<std::string> read_file_if_exists(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) {
      return std::nullopt;
    }
    throw_os_error("open", path, errno);
  }
  std::string out;
  char buffer[64 * 1024];
  while (true) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      int saved = errno;
      ::close(fd);
      throw_os_error("read", path, saved);
    }
    if (n == 0) {
      break;
    }
    out.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

void rename_path(const std::string& from, const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) == 0) {
    return;
  }
  std::string message = "rename ";
  message.append(from).append(" ").append(to).append(": ").append(errno_text(errno));
  throw Error(ErrorKind::kIo, message);
}

void fsync_directory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    throw_os_error("open", dir, errno);
  }
  int rc = ::fsync(fd);
  int saved = errno;
  ::close(fd);
  // Some filesystems refuse fsync on directories; the data itself is already synced then.
  if (rc != 0 && saved != EINVAL && saved != EROFS) {
    throw_os_error("sync", dir, saved);
  }
}

void remove_tree_quietly(const std::string& path) noexcept {
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
}

bool path_exists(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0) {
    return true;
  }
  if (errno == ENOENT || errno == ENOTDIR) {
    return false;
  }
  throw_os_error("lstat", path, errno);
}

}  // namespace periscope::transport::dir
