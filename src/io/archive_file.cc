#include "io/archive_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "core/error.h"
#include "io/compression.h"
#include "io/digesting_reader.h"
#include "io/peek_reader.h"

namespace periscope::io {
namespace {

namespace fs = std::filesystem;

std::string errno_text() { return std::strerror(errno); }

// Reads an fd it does not own from its current position.
class FdReader : public Reader {
 public:
  FdReader(int fd, std::string what) : fd_(fd), what_(std::move(what)) {}
  std::size_t read(char* buffer, std::size_t size) override {
    while (true) {
      ssize_t n = ::read(fd_, buffer, size);
      if (n >= 0) {
        return static_cast<std::size_t>(n);
      }
      if (errno != EINTR) {
        throw Error(ErrorKind::kIo, "reading " + what_ + ": " + errno_text());
      }
    }
  }

 private:
  int fd_;
  std::string what_;
};

void write_all(int fd, const char* data, std::size_t size, const std::string& what) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      throw Error(ErrorKind::kIo, "writing " + what + ": " + errno_text());
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

// An unlinked temporary file in `dir`: nothing is left behind whatever happens.
int anonymous_temp_file(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) {
    return fd;
  }
  std::string tmpl = dir + "/periscope-XXXXXX";
  fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
  if (fd < 0) {
    throw Error(ErrorKind::kIo, "creating a temporary file in " + dir + ": " + errno_text());
  }
  ::unlink(tmpl.c_str());
  return fd;
}

// Copies `source` to a fresh temporary file, rewound; returns its fd.
int spool(Reader& source, const std::string& dir, const std::string& what) {
  int fd = anonymous_temp_file(dir);
  try {
    char buffer[256 * 1024];
    while (std::size_t n = source.read(buffer, sizeof buffer)) {
      write_all(fd, buffer, n, "a temporary copy of " + what);
    }
    if (::lseek(fd, 0, SEEK_SET) < 0) {
      throw Error(ErrorKind::kIo, "rewinding a temporary copy of " + what + ": " + errno_text());
    }
  } catch (...) {
    ::close(fd);
    throw;
  }
  return fd;
}

mode_t default_file_mode() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

void fsync_dir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return;
  }
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

std::string big_file_tmpdir(const std::string& tmpdir) {
  return tmpdir.empty() ? "/var/tmp" : tmpdir;
}

std::unique_ptr<TarIndex> open_tar_archive(const std::string& path, const std::string& tmpdir) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw Error(errno == ENOENT ? ErrorKind::kNotFound : ErrorKind::kIo,
                "opening file \"" + path + "\": " + errno_text());
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    std::string why = errno_text();
    ::close(fd);
    throw Error(ErrorKind::kIo, "statting file \"" + path + "\": " + why);
  }
  if (S_ISREG(st.st_mode)) {
    char head[8] = {};
    ssize_t n = ::pread(fd, head, sizeof head, 0);
    if (n >= 0 && detect_compression(std::string_view(head, static_cast<std::size_t>(n))) ==
                      Compression::kNone) {
      return std::make_unique<TarIndex>(fd, path);  // owns fd, also when it throws
    }
  }
  // A stream or a compressed archive: members cannot be reached by offset, so copy it first.
  int copy = -1;
  try {
    FdReader raw(fd, path);
    PeekReader peek(raw);
    Compression compression = detect_compression(peek);
    std::unique_ptr<Reader> plain = decompressor(compression, peek);
    copy = spool(*plain, big_file_tmpdir(tmpdir), path);
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  return std::make_unique<TarIndex>(copy, path);
}

ArchiveOutput::ArchiveOutput(const std::string& path, const std::string& refuse_existing,
                             std::string tmpdir)
    : path_(path), tmpdir_(std::move(tmpdir)) {
  struct stat st {};
  bool exists = ::stat(path.c_str(), &st) == 0;
  if (exists && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) {
      throw Error(ErrorKind::kIo, "creating tar file \"" + path + "\": is a directory");
    }
    // A pipe, a terminal, /dev/null: write the archive as a stream.
    fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) {
      throw Error(ErrorKind::kIo, "opening file \"" + path + "\": " + errno_text());
    }
    tar_ = std::make_unique<TarWriter>(fd_, path_);
    return;
  }
  if (exists && st.st_size != 0 && !refuse_existing.empty()) {
    throw Error(ErrorKind::kIo, refuse_existing);
  }
  if (exists) {
    char resolved[PATH_MAX];
    if (::realpath(path.c_str(), resolved)) {
      path_ = resolved;  // replace a symlink's target, not the link
    }
  }
  fs::path target(path_);
  std::string dir = target.has_parent_path() ? target.parent_path().string() : ".";
  std::string tmpl = dir + "/." + target.filename().string() + ".tmp-XXXXXX";
  fd_ = ::mkostemp(tmpl.data(), O_CLOEXEC);
  if (fd_ < 0) {
    throw Error(ErrorKind::kIo, "creating tar file \"" + path + "\": " + errno_text());
  }
  temp_ = tmpl;
  ::fchmod(fd_, exists ? (st.st_mode & 07777) : default_file_mode());
  tar_ = std::make_unique<TarWriter>(fd_, path_);
}

ArchiveOutput::~ArchiveOutput() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
  if (!committed_ && !temp_.empty()) {
    ::unlink(temp_.c_str());
  }
}

BlobInfo ArchiveOutput::add_blob(Reader& data, const BlobInfo& expected,
                                 const std::function<std::string(const Digest&)>& name_for) {
  BlobInfo stored;
  stored.media_type = expected.media_type;
  if (!expected.digest.empty() && expected.size >= 0) {
    tar_->add_file(name_for(expected.digest), data, expected.size);
    stored.digest = expected.digest;
    stored.size = expected.size;
    return stored;
  }
  DigestingReader hashing(data, Digest(), expected.size);
  if (tar_->seekable()) {
    tar_->add_file_named_after(hashing, [&](std::int64_t) { return name_for(hashing.digest()); });
  } else {
    int fd = spool(hashing, big_file_tmpdir(tmpdir_), "a blob for " + path_);
    try {
      FdReader copy(fd, "a temporary copy of a blob");
      tar_->add_file(name_for(hashing.digest()), copy, hashing.size());
    } catch (...) {
      ::close(fd);
      throw;
    }
    ::close(fd);
  }
  stored.digest = hashing.digest();
  stored.size = hashing.size();
  return stored;
}

void ArchiveOutput::commit() {
  tar_->finish();
  if (temp_.empty()) {
    committed_ = true;
    return;
  }
  if (::fsync(fd_) != 0) {
    throw Error(ErrorKind::kIo, "writing " + path_ + ": " + errno_text());
  }
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    throw Error(ErrorKind::kIo, "writing " + path_ + ": " + errno_text());
  }
  if (::rename(temp_.c_str(), path_.c_str()) != 0) {
    throw Error(ErrorKind::kIo, "renaming " + temp_ + " to " + path_ + ": " + errno_text());
  }
  committed_ = true;
  fsync_dir(fs::path(path_).has_parent_path() ? fs::path(path_).parent_path().string() : ".");
}

}  // namespace periscope::io
