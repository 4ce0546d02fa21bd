#pragma once
// Reading tar archives: ustar, GNU long names and PAX headers. Every entry is checked as it is
// read: a name that is absolute or has a ".." component, or a link leading outside the archive,
// is an error, as is a truncated archive or one that is not tar at all (each naming the file and
// the offset).
//
// TarReader walks a stream; TarIndex scans a file once (seeking over data) and then opens any
// member directly, so an archive is read in place instead of being extracted.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/reader.h"

namespace periscope::io {

enum class TarEntryType { kRegular, kDirectory, kSymlink, kHardLink, kOther };

struct TarEntry {
  std::string name;  // cleaned: no "./" prefix, no trailing '/'
  TarEntryType type = TarEntryType::kOther;
  std::string link_target;  // as stored, for links
  std::int64_t size = 0;    // of the data that follows the header (0 for links and folders)
  std::int64_t mtime = 0;
  std::int64_t mode = 0;
  std::int64_t header_offset = 0;  // of the entry's first header (extended headers included)
  std::int64_t data_offset = 0;
};

// Where the bytes come from; implemented for streams and for files (which can skip by seeking).
class TarInput;

class TarReader {
 public:
  // `name` (usually the path) names the archive in errors.
  TarReader(Reader& input, std::string name);
  ~TarReader();
  TarReader(const TarReader&) = delete;
  TarReader& operator=(const TarReader&) = delete;

  // The next entry, or nullopt at the end of the archive; skips what is left of the previous
  // entry's data.
  std::optional<TarEntry> next();
  // The data of the entry next() returned last; valid until the next call to next().
  Reader& data();

 private:
  friend class TarIndex;
  TarReader(std::unique_ptr<TarInput> input, std::string name);

  class DataReader;
  std::unique_ptr<TarInput> input_;
  std::string name_;
  std::unique_ptr<DataReader> data_;
  std::int64_t data_left_ = 0;  // of the current entry
  std::int64_t padding_left_ = 0;
  bool ended_ = false;
};

class TarIndex {
 public:
  // Scans the tar file at `path`. Throws Error(kNotFound) when it does not exist, Error(kIo) when
  // it is not a valid, safe tar archive.
  explicit TarIndex(const std::string& path);
  // Scans the regular file open at `fd`, which the index then owns (for an unlinked temporary
  // file); `name` names it in errors.
  TarIndex(int fd, std::string name);
  ~TarIndex();
  TarIndex(const TarIndex&) = delete;
  TarIndex& operator=(const TarIndex&) = delete;

  const std::string& path() const { return path_; }
  const std::vector<TarEntry>& entries() const { return entries_; }
  // The first entry named `name` (compared after cleaning, as c/image does), or nullptr.
  const TarEntry* find(std::string_view name) const;
  // The regular file `name` resolves to, following one link inside the archive, or nullptr when
  // there is none. Throws Error(kIo) when `name` exists but is neither a file nor such a link.
  const TarEntry* resolve(std::string_view name) const;
  // The data of the regular file `name` resolves to; Error(kNotFound) naming it when missing.
  // Readers are independent and may be used from several threads at once.
  std::unique_ptr<Reader> open(std::string_view name) const;
  std::unique_ptr<Reader> open(const TarEntry& regular_file) const;

 private:
  struct File;
  void scan();
  std::string path_;
  std::shared_ptr<File> file_;
  std::vector<TarEntry> entries_;
};

}  // namespace periscope::io
