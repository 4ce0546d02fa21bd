#include "io/tar_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/error.h"
#include "io/tar_header.h"

namespace periscope::io {

using tar::UstarHeader;

namespace {

// Extended headers are small; anything bigger is not an archive we want to trust.
constexpr std::int64_t kMaxExtendedHeader = 1 << 20;

Error archive_error(const std::string& name, std::int64_t offset, const std::string& what) {
  return Error(ErrorKind::kIo, name + ": " + what + " at offset " + std::to_string(offset));
}

TarEntryType type_of(char flag) {
  switch (flag) {
    case tar::kTypeRegular:
    case tar::kTypeRegularOld:
    case tar::kTypeContiguous:
      return TarEntryType::kRegular;
    case tar::kTypeDirectory:
      return TarEntryType::kDirectory;
    case tar::kTypeSymlink:
      return TarEntryType::kSymlink;
    case tar::kTypeHardLink:
      return TarEntryType::kHardLink;
    default:
      return TarEntryType::kOther;
  }
}

// Applies the records of a PAX extended header we care about.
void apply_pax(std::string_view body, std::optional<std::string>& path,
               std::optional<std::string>& link, std::optional<std::int64_t>& size,
               const std::string& name, std::int64_t offset) {
  while (!body.empty()) {
    auto space = body.find(' ');
    std::int64_t length = 0;
    if (space == std::string_view::npos || space == 0) {
      throw archive_error(name, offset, "malformed PAX header");
    }
    for (char c : body.substr(0, space)) {
      if (c < '0' || c > '9' || length > kMaxExtendedHeader) {
        throw archive_error(name, offset, "malformed PAX header");
      }
      length = length * 10 + (c - '0');
    }
    if (length <= static_cast<std::int64_t>(space) + 1 ||
        length > static_cast<std::int64_t>(body.size()) || body[length - 1] != '\n') {
      throw archive_error(name, offset, "malformed PAX header");
    }
    std::string_view record = body.substr(space + 1, length - space - 2);
    body.remove_prefix(length);
    auto eq = record.find('=');
    if (eq == std::string_view::npos) {
      throw archive_error(name, offset, "malformed PAX header");
    }
    std::string_view key = record.substr(0, eq), value = record.substr(eq + 1);
    if (key == "path") {
      path = std::string(value);
    } else if (key == "linkpath") {
      link = std::string(value);
    } else if (key == "size") {
      std::int64_t v = 0;
      if (value.empty() || value.size() > 18) {
        throw archive_error(name, offset, "invalid PAX size");
      }
      for (char c : value) {
        if (c < '0' || c > '9') {
          throw archive_error(name, offset, "invalid PAX size");
        }
        v = v * 10 + (c - '0');
      }
      size = v;
    }
  }
}

}  // namespace

// A source of archive bytes that knows its offset.
class TarInput {
 public:
  virtual ~TarInput() = default;
  // Up to `size` bytes; 0 at the end.
  virtual std::size_t read_some(char* buffer, std::size_t size) = 0;
  virtual void skip(std::int64_t size, const std::string& name) {
    char scratch[64 * 1024];
    while (size > 0) {
      std::size_t n = read_some(
          scratch, static_cast<std::size_t>(std::min<std::int64_t>(size, sizeof scratch)));
      if (n == 0) {
        throw archive_error(name, offset_, "truncated tar archive: unexpected end of file");
      }
      size -= static_cast<std::int64_t>(n);
    }
  }
  // Reads `size` bytes, fewer only at the end of the input.
  std::size_t read_full(char* buffer, std::size_t size) {
    std::size_t got = 0;
    while (got < size) {
      std::size_t n = read_some(buffer + got, size - got);
      if (n == 0) {
        break;
      }
      got += n;
    }
    return got;
  }
  // Reads exactly `size` bytes; false at a clean end (nothing read), throws when cut short.
  bool read_exact(char* buffer, std::size_t size, const std::string& name) {
    std::size_t got = read_full(buffer, size);
    if (got == 0 && size > 0) {
      return false;
    }
    if (got < size) {
      throw archive_error(name, offset_, "truncated tar archive: unexpected end of file");
    }
    return true;
  }
  std::int64_t offset() const { return offset_; }

 protected:
  std::int64_t offset_ = 0;
};

namespace {

class StreamInput : public TarInput {
 public:
  explicit StreamInput(Reader& r) : reader_(r) {}
  std::size_t read_some(char* buffer, std::size_t size) override {
    std::size_t n = reader_.read(buffer, size);
    offset_ += static_cast<std::int64_t>(n);
    return n;
  }

 private:
  Reader& reader_;
};

class FileInput : public TarInput {
 public:
  FileInput(int fd, std::int64_t file_size, std::string path)
      : fd_(fd), size_(file_size), path_(std::move(path)) {}
  std::size_t read_some(char* buffer, std::size_t size) override {
    while (true) {
      ssize_t n = ::pread(fd_, buffer, size, offset_);
      if (n >= 0) {
        offset_ += n;
        return static_cast<std::size_t>(n);
      }
      if (errno != EINTR) {
        throw Error(ErrorKind::kIo, "reading " + path_ + ": " + std::strerror(errno));
      }
    }
  }
  void skip(std::int64_t size, const std::string& name) override {
    if (offset_ + size > size_) {
      offset_ = size_;
      throw archive_error(name, size_, "truncated tar archive: unexpected end of file");
    }
    offset_ += size;
  }

 private:
  int fd_;
  std::int64_t size_;
  std::string path_;
};

}  // namespace

class TarReader::DataReader : public Reader {
 public:
  explicit DataReader(TarReader& owner) : owner_(owner) {}
  std::size_t read(char* buffer, std::size_t size) override {
    if (owner_.data_left_ == 0) {
      return 0;
    }
    std::size_t want =
        static_cast<std::size_t>(std::min(static_cast<std::int64_t>(size), owner_.data_left_));
    std::size_t n = owner_.input_->read_some(buffer, want);
    if (n == 0) {
      throw archive_error(owner_.name_, owner_.input_->offset(),
                          "truncated tar archive: unexpected end of file");
    }
    owner_.data_left_ -= static_cast<std::int64_t>(n);
    return n;
  }

 private:
  TarReader& owner_;
};

TarReader::TarReader(Reader& input, std::string name)
    : TarReader(std::make_unique<StreamInput>(input), std::move(name)) {}

TarReader::TarReader(std::unique_ptr<TarInput> input, std::string name)
    : input_(std::move(input)),
      name_(std::move(name)),
      data_(std::make_unique<DataReader>(*this)) {}

TarReader::~TarReader() = default;

Reader& TarReader::data() { return *data_; }

std::optional<TarEntry> TarReader::next() {
  if (ended_) {
    return std::nullopt;
  }
  if (data_left_ + padding_left_ > 0) {
    input_->skip(data_left_ + padding_left_, name_);
  }
  data_left_ = padding_left_ = 0;

  std::optional<std::string> long_name, long_link;
  std::optional<std::int64_t> pax_size;
  std::int64_t first_header = input_->offset();
  bool first_block = first_header == 0;
  while (true) {
    std::int64_t at = input_->offset();
    UstarHeader h;
    // Go's reader also accepts an archive that stops at a block boundary without the end blocks.
    std::size_t got = input_->read_full(reinterpret_cast<char*>(&h), sizeof h);
    if (got > 0 && got < sizeof h) {
      throw archive_error(name_, input_->offset(),
                          first_block ? "not a tar archive (shorter than a tar header)"
                                      : "truncated tar archive: unexpected end of file");
    }
    if (got == 0) {
      if (long_name || long_link || pax_size) {
        throw archive_error(name_, at, "truncated tar archive: unexpected end of file");
      }
      ended_ = true;
      return std::nullopt;
    }
    static const UstarHeader kZero{};
    if (std::memcmp(&h, &kZero, sizeof h) == 0) {
      ended_ = true;  // the end-of-archive marker; whatever follows is ignored, as Go does
      return std::nullopt;
    }
    auto recorded = tar::parse_number(h.checksum, sizeof h.checksum);
    std::int64_t unsigned_sum = tar::checksum_of(h);
    std::int64_t signed_sum = unsigned_sum;
    for (unsigned char c : std::string_view(reinterpret_cast<const char*>(&h), sizeof h)) {
      if (c >= 0x80) {
        signed_sum -= 256;
      }
    }
    for (unsigned char c : h.checksum) {
      if (c >= 0x80) {
        signed_sum += 256;
      }
    }
    if (!recorded || (*recorded != unsigned_sum && *recorded != signed_sum)) {
      throw archive_error(
          name_, at,
          first_block ? "not a tar archive (invalid header)" : "invalid tar header checksum");
    }
    first_block = false;
    auto size = tar::parse_number(h.size, sizeof h.size);
    if (!size) {
      throw archive_error(name_, at, "invalid size in tar header");
    }

    char flag = h.typeflag;
    if (flag == tar::kTypePaxLocal || flag == tar::kTypePaxGlobal ||
        flag == tar::kTypeGnuLongName || flag == tar::kTypeGnuLongLink) {
      if (*size > kMaxExtendedHeader) {
        throw archive_error(name_, at, "extended tar header too large");
      }
      std::string body(static_cast<std::size_t>(*size), '\0');
      if (!input_->read_exact(body.data(), body.size(), name_) && !body.empty()) {
        throw archive_error(name_, input_->offset(),
                            "truncated tar archive: unexpected end of file");
      }
      input_->skip(tar::padded_size(*size) - *size, name_);
      if (flag == tar::kTypePaxLocal) {
        apply_pax(body, long_name, long_link, pax_size, name_, at);
      } else if (flag == tar::kTypeGnuLongName) {
        long_name = std::string(tar::field_string(body.data(), body.size()));
      } else if (flag == tar::kTypeGnuLongLink) {
        long_link = std::string(tar::field_string(body.data(), body.size()));
      }  // global PAX headers: nothing there changes how we read members
      continue;
    }

    TarEntry e;
    std::string raw_name;
    if (long_name) {
      raw_name = *long_name;
    } else {
      std::string_view prefix = tar::field_string(h.prefix, sizeof h.prefix);
      bool ustar = std::memcmp(h.magic, "ustar\0", 6) == 0;
      raw_name = ustar && !prefix.empty() ? std::string(prefix) + "/" : "";
      raw_name += tar::field_string(h.name, sizeof h.name);
    }
    e.type = type_of(flag);
    e.link_target =
        long_link ? *long_link : std::string(tar::field_string(h.linkname, sizeof h.linkname));
    e.size = pax_size ? *pax_size : *size;
    e.mtime = tar::parse_number(h.mtime, sizeof h.mtime).value_or(0);
    e.mode = tar::parse_number(h.mode, sizeof h.mode).value_or(0);
    e.header_offset = first_header;
    e.data_offset = input_->offset();
    if (!tar::is_safe_member_name(raw_name)) {
      throw archive_error(name_, at,
                          "unsafe entry name \"" + raw_name + "\" (absolute or with \"..\")");
    }
    e.name = tar::clean_path(raw_name);
    if (e.type == TarEntryType::kSymlink || e.type == TarEntryType::kHardLink) {
      if (!tar::resolve_link(e.name, e.link_target, e.type == TarEntryType::kSymlink)) {
        throw archive_error(
            name_, at,
            "link \"" + raw_name + "\" to \"" + e.link_target + "\" points outside the archive");
      }
      e.size = 0;  // links carry no data, whatever the header says (Go does the same)
    }
    if (e.type == TarEntryType::kDirectory) {
      e.size = 0;
    }
    data_left_ = e.size;
    padding_left_ = tar::padded_size(e.size) - e.size;
    return e;
  }
}

struct TarIndex::File {
  int fd = -1;
  ~File() {
    if (fd >= 0) {
      ::close(fd);
    }
  }
};

namespace {

// A member's bytes, read with pread so that readers of one archive do not disturb each other.
class MemberReader : public Reader {
 public:
  MemberReader(std::shared_ptr<const void> keep, int fd, std::int64_t offset, std::int64_t size,
               std::string what)
      : keep_(std::move(keep)), fd_(fd), offset_(offset), left_(size), what_(std::move(what)) {}
  std::size_t read(char* buffer, std::size_t size) override {
    if (left_ == 0) {
      return 0;
    }
    std::size_t want = static_cast<std::size_t>(std::min(static_cast<std::int64_t>(size), left_));
    while (true) {
      ssize_t n = ::pread(fd_, buffer, want, offset_);
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n < 0) {
        throw Error(ErrorKind::kIo, "reading " + what_ + ": " + std::strerror(errno));
      }
      if (n == 0) {
        throw Error(ErrorKind::kIo, "reading " + what_ + ": unexpected end of file");
      }
      offset_ += n;
      left_ -= n;
      return static_cast<std::size_t>(n);
    }
  }

 private:
  std::shared_ptr<const void> keep_;
  int fd_;
  std::int64_t offset_;
  std::int64_t left_;
  std::string what_;
};

}  // namespace

TarIndex::TarIndex(const std::string& path) : path_(path), file_(std::make_shared<File>()) {
  file_->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (file_->fd < 0) {
    throw Error(errno == ENOENT ? ErrorKind::kNotFound : ErrorKind::kIo,
                "opening " + path + ": " + std::strerror(errno));
  }
  scan();
}

TarIndex::TarIndex(int fd, std::string name)
    : path_(std::move(name)), file_(std::make_shared<File>()) {
  file_->fd = fd;
  scan();
}

void TarIndex::scan() {
  struct stat st {};
  if (::fstat(file_->fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    throw Error(ErrorKind::kIo, "indexing " + path_ + ": not a regular file");
  }
  TarReader reader(std::make_unique<FileInput>(file_->fd, st.st_size, path_), path_);
  while (auto e = reader.next()) {
    entries_.push_back(std::move(*e));
  }
}

TarIndex::~TarIndex() = default;

const TarEntry* TarIndex::find(std::string_view name) const {
  std::string wanted = tar::clean_path(name);
  for (const TarEntry& e : entries_) {
    if (e.name == wanted) {
      return &e;
    }
  }
  return nullptr;
}

const TarEntry* TarIndex::resolve(std::string_view name) const {
  const TarEntry* e = find(name);
  if (e && (e->type == TarEntryType::kSymlink || e->type == TarEntryType::kHardLink)) {
    // One level only, as c/image follows links, so no loop is possible.
    auto target = tar::resolve_link(e->name, e->link_target, e->type == TarEntryType::kSymlink);
    e = target ? find(*target) : nullptr;
  }
  if (e && e->type != TarEntryType::kRegular) {
    throw Error(ErrorKind::kIo, "reading " + path_ + ": archive member \"" + std::string(name) +
                                    "\" is not a regular file");
  }
  return e;
}

std::unique_ptr<Reader> TarIndex::open(std::string_view name) const {
  const TarEntry* e = resolve(name);
  if (!e) {
    throw Error(ErrorKind::kNotFound,
                "reading " + path_ + ": archive member \"" + std::string(name) + "\" not found");
  }
  return open(*e);
}

std::unique_ptr<Reader> TarIndex::open(const TarEntry& regular_file) const {
  return std::make_unique<MemberReader>(file_, file_->fd, regular_file.data_offset,
                                        regular_file.size, path_ + " member " + regular_file.name);
}

}  // namespace periscope::io
