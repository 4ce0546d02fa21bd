#include "io/reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/error.h"

namespace periscope::io {

std::string read_all(Reader& reader, std::int64_t max_size) {
  std::string out;
  char buffer[64 * 1024];
  while (std::size_t n = reader.read(buffer, sizeof buffer)) {
    if (static_cast<std::int64_t>(out.size() + n) > max_size)
      throw Error(ErrorKind::kUnsupported, "content larger than " + std::to_string(max_size) + " bytes");
    out.append(buffer, n);
  }
  return out;
}

std::size_t StringReader::read(char* buffer, std::size_t size) {
  std::size_t n = std::min(size, bytes_.size() - pos_);
  std::memcpy(buffer, bytes_.data() + pos_, n);
  pos_ += n;
  return n;
}

FileReader::FileReader(const std::string& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw Error(errno == ENOENT ? ErrorKind::kNotFound : ErrorKind::kIo,
                           "opening " + path + ": " + std::strerror(errno));
  ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
}

FileReader::~FileReader() {
  if (fd_ >= 0) ::close(fd_);
}

std::size_t FileReader::read(char* buffer, std::size_t size) {
  while (true) {
    ssize_t n = ::read(fd_, buffer, size);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno == EINTR) continue;
    throw Error(ErrorKind::kIo, "reading " + path_ + ": " + std::strerror(errno));
  }
}

}  // namespace periscope::io
