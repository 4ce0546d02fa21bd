#include "io/tar_writer.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/error.h"
#include "io/tar_header.h"

namespace periscope::io {
namespace {

using tar::kBlockSize;
using tar::UstarHeader;

constexpr std::size_t kBufferSize = 1 << 20;
// The largest size an 11-digit octal field holds (8 GiB - 1).
constexpr std::int64_t kMaxOctalSize = 077777777777;

// Puts `name` into name/prefix the ustar way; false when it cannot be split to fit.
bool set_ustar_name(UstarHeader& h, std::string_view name) {
  if (name.size() <= sizeof h.name) {
    std::memcpy(h.name, name.data(), name.size());
    return true;
  }
  if (name.size() > sizeof h.name + 1 + sizeof h.prefix) {
    return false;
  }
  // The prefix takes as much as it can; the rest must fit the name field.
  std::size_t limit = std::min(name.size() - 1, sizeof h.prefix);
  for (std::size_t i = limit + 1; i-- > 0;) {
    if (name[i] != '/') {
      continue;
    }
    if (name.size() - i - 1 > sizeof h.name || i == 0) {
      return false;
    }
    std::memcpy(h.prefix, name.data(), i);
    std::memcpy(h.name, name.data() + i + 1, name.size() - i - 1);
    return true;
  }
  return false;
}

UstarHeader base_header(char type, std::int64_t mtime) {
  UstarHeader h{};
  std::int64_t mode = type == tar::kTypeDirectory ? 0755 : type == tar::kTypeSymlink ? 0777 : 0644;
  tar::format_octal(h.mode, sizeof h.mode, mode);
  tar::format_octal(h.uid, sizeof h.uid, 0);
  tar::format_octal(h.gid, sizeof h.gid, 0);
  tar::format_octal(h.mtime, sizeof h.mtime, std::max<std::int64_t>(mtime, 0));
  tar::format_octal(h.size, sizeof h.size, 0);
  h.typeflag = type;
  std::memcpy(h.magic, "ustar", 6);
  std::memcpy(h.version, "00", 2);
  return h;
}

std::string pax_record(std::string_view key, std::string_view value) {
  std::size_t body = key.size() + value.size() + 3;  // ' ', '=', '\n'
  std::size_t length = body + 1;
  while (std::to_string(length).size() + body != length) {
    length = std::to_string(length).size() + body;
  }
  return std::to_string(length) + " " + std::string(key) + "=" + std::string(value) + "\n";
}

}  // namespace

TarWriter::TarWriter(int fd, std::string path) : fd_(fd), path_(std::move(path)) {
  struct stat st {};
  seekable_ = ::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode);
  if (seekable_) {
    off_t pos = ::lseek(fd_, 0, SEEK_CUR);
    start_ = offset_ = pos < 0 ? 0 : pos;
  }
  buffer_.reserve(kBufferSize);
}

void TarWriter::check_usable() const {
  if (finished_) {
    throw Error(ErrorKind::kInternal, "writing " + path_ + ": the archive was already finished");
  }
  if (broken_) {
    throw Error(ErrorKind::kIo,
                "writing " + path_ + ": the archive is incomplete after an earlier error");
  }
}

void TarWriter::write(const char* data, std::size_t size) {
  while (size > 0) {
    std::size_t n = std::min(size, kBufferSize - buffer_.size());
    buffer_.insert(buffer_.end(), data, data + n);
    data += n;
    size -= n;
    offset_ += static_cast<std::int64_t>(n);
    if (buffer_.size() == kBufferSize) {
      flush();
    }
  }
}

void TarWriter::flush() {
  const char* p = buffer_.data();
  std::size_t left = buffer_.size();
  while (left > 0) {
    ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      int e = errno;
      buffer_.clear();
      broken_ = true;
      throw Error(ErrorKind::kIo, "writing " + path_ + ": " + std::strerror(e));
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  buffer_.clear();
}

void TarWriter::pad_to_block() {
  static const char kZeros[kBlockSize] = {};
  std::int64_t rem = (offset_ - start_) % kBlockSize;
  if (rem) {
    write(kZeros, static_cast<std::size_t>(kBlockSize - rem));
  }
}

void TarWriter::write_headers(std::string_view name, char type, std::int64_t size,
                              std::int64_t mtime, std::string_view link) {
  UstarHeader h = base_header(type, mtime);
  std::string pax;
  if (!set_ustar_name(h, name)) {
    pax += pax_record("path", name);
  }
  if (link.size() > sizeof h.linkname) {
    pax += pax_record("linkpath", link);
  } else {
    std::memcpy(h.linkname, link.data(), link.size());
  }
  if (size > kMaxOctalSize) {
    pax += pax_record("size", std::to_string(size));
  } else {
    tar::format_octal(h.size, sizeof h.size, size);
  }
  if (!pax.empty()) {
    UstarHeader x = base_header(tar::kTypePaxLocal, mtime);
    std::string_view base = name;
    while (base.size() > 1 && base.back() == '/') {
      base.remove_suffix(1);
    }
    if (auto slash = base.rfind('/'); slash != std::string_view::npos) {
      base = base.substr(slash + 1);
    }
    std::string pax_name = ("PaxHeaders.0/" + std::string(base)).substr(0, sizeof x.name);
    std::memcpy(x.name, pax_name.data(), pax_name.size());
    tar::format_octal(x.size, sizeof x.size, static_cast<std::int64_t>(pax.size()));
    tar::seal(x);
    write(reinterpret_cast<const char*>(&x), sizeof x);
    write(pax.data(), pax.size());
    pad_to_block();
    if (h.name[0] == '\0') {  // keep something readable for readers without PAX support
      std::string_view shortened = name.substr(0, sizeof h.name);
      std::memcpy(h.name, shortened.data(), shortened.size());
    }
  }
  tar::seal(h);
  write(reinterpret_cast<const char*>(&h), sizeof h);
}

std::int64_t TarWriter::copy_data(Reader& data, std::int64_t limit, std::string_view name) {
  std::int64_t total = 0;
  char chunk[64 * 1024];
  while (true) {
    std::size_t want = sizeof chunk;
    if (limit >= 0) {
      want = static_cast<std::size_t>(std::min(static_cast<std::int64_t>(want), limit - total + 1));
    }
    std::size_t n = data.read(chunk, want);
    if (n == 0) {
      break;
    }
    total += static_cast<std::int64_t>(n);
    if (limit >= 0 && total > limit) {
      throw Error(ErrorKind::kIo, "writing " + path_ + ": " + std::string(name) +
                                      " is longer than the expected " + std::to_string(limit) +
                                      " bytes");
    }
    write(chunk, n);
  }
  return total;
}

void TarWriter::fail_entry(std::int64_t entry_start) {
  if (!seekable_ || broken_) {
    broken_ = true;
    return;
  }
  buffer_.clear();
  if (::ftruncate(fd_, entry_start) != 0 || ::lseek(fd_, entry_start, SEEK_SET) < 0) {
    broken_ = true;
    return;
  }
  offset_ = entry_start;
}

void TarWriter::add_file(std::string_view name, Reader& data, std::int64_t size,
                         std::int64_t mtime) {
  check_usable();
  if (size < 0) {
    throw Error(ErrorKind::kInternal,
                "writing " + path_ + ": " + std::string(name) + " has no known size");
  }
  if (seekable_) {
    flush();
  }
  std::int64_t entry_start = offset_;
  try {
    write_headers(name, tar::kTypeRegular, size, mtime, "");
    std::int64_t got = copy_data(data, size, name);
    if (got != size) {
      throw Error(ErrorKind::kIo, "writing " + path_ + ": " + std::string(name) + " ended after " +
                                      std::to_string(got) + " of " + std::to_string(size) +
                                      " bytes");
    }
    pad_to_block();
  } catch (...) {
    fail_entry(entry_start);
    throw;
  }
}

void TarWriter::add_bytes(std::string_view name, std::string_view bytes, std::int64_t mtime) {
  StringReader reader{std::string(bytes)};
  add_file(name, reader, static_cast<std::int64_t>(bytes.size()), mtime);
}

void TarWriter::add_directory(std::string_view name, std::int64_t mtime) {
  check_usable();
  std::string dir(name);
  if (dir.empty() || dir.back() != '/') {
    dir += '/';
  }
  write_headers(dir, tar::kTypeDirectory, 0, mtime, "");
}

void TarWriter::add_symlink(std::string_view name, std::string_view target, std::int64_t mtime) {
  check_usable();
  write_headers(name, tar::kTypeSymlink, 0, mtime, target);
}

std::string TarWriter::add_file_named_after(
    Reader& data, const std::function<std::string(std::int64_t)>& name_for, std::int64_t mtime) {
  check_usable();
  if (!seekable_) {
    throw Error(ErrorKind::kInternal,
                "writing " + path_ + ": cannot name an entry after its data on a stream");
  }
  flush();
  std::int64_t entry_start = offset_;
  try {
    static const char kPlaceholder[kBlockSize] = {};
    write(kPlaceholder, sizeof kPlaceholder);
    std::int64_t size = copy_data(data, -1, "entry");
    pad_to_block();
    std::string name = name_for(size);
    UstarHeader h = base_header(tar::kTypeRegular, mtime);
    if (!set_ustar_name(h, name)) {
      throw Error(ErrorKind::kInternal,
                  "writing " + path_ + ": entry name " + name + " does not fit a tar header");
    }
    if (!tar::format_octal(h.size, sizeof h.size, size)) {
      tar::format_base256(h.size, sizeof h.size, size);
    }
    tar::seal(h);
    flush();
    if (::pwrite(fd_, &h, sizeof h, entry_start) != static_cast<ssize_t>(sizeof h)) {
      throw Error(ErrorKind::kIo, "writing " + path_ + ": " + std::strerror(errno));
    }
    return name;
  } catch (...) {
    fail_entry(entry_start);
    throw;
  }
}

void TarWriter::finish() {
  check_usable();
  static const char kZeros[2 * kBlockSize] = {};
  write(kZeros, sizeof kZeros);
  flush();
  finished_ = true;
}

}  // namespace periscope::io
