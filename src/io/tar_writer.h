#pragma once
// A streaming tar writer: each entry's data comes from an io::Reader and goes straight to the
// output, so a layer is never held in memory. Headers are deterministic (uid/gid 0, no user
// names, mode 0644 files / 0755 folders / 0777 links, mtime as given); names longer than ustar
// holds and sizes of 8 GiB and more get a PAX header.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "io/reader.h"

namespace periscope::io {

class TarWriter {
 public:
  // Writes to `fd` from its current position; the fd stays the caller's. `path` names the output
  // in errors.
  TarWriter(int fd, std::string path);
  TarWriter(const TarWriter&) = delete;
  TarWriter& operator=(const TarWriter&) = delete;

  // An entry of `size` bytes read from `data`, which is read until it reports its end (so that a
  // digest check at the end of the reader stack runs before the entry counts as written). Throws
  // Error(kIo) when `data` yields a different amount; on a seekable output the partial entry is
  // then taken out again, elsewhere the archive is unusable afterwards.
  void add_file(std::string_view name, Reader& data, std::int64_t size, std::int64_t mtime = 0);
  void add_bytes(std::string_view name, std::string_view bytes, std::int64_t mtime = 0);
  void add_directory(std::string_view name, std::int64_t mtime = 0);
  void add_symlink(std::string_view name, std::string_view target, std::int64_t mtime = 0);

  // A regular file as output: headers can be rewritten after their data.
  bool seekable() const { return seekable_; }
  // Seekable outputs only: streams `data` to its end first, then names the entry with
  // `name_for(size)` (for content-addressed names known only once the data was hashed). The name
  // must fit a plain ustar header (at most 255 bytes, split at a '/'). Returns the name.
  std::string add_file_named_after(Reader& data,
                                   const std::function<std::string(std::int64_t size)>& name_for,
                                   std::int64_t mtime = 0);

  // Writes the end-of-archive blocks and flushes (the caller fsyncs and closes).
  void finish();
  std::int64_t bytes_written() const { return offset_ - start_; }

 private:
  void write(const char* data, std::size_t size);
  void flush();
  void write_headers(std::string_view name, char type, std::int64_t size, std::int64_t mtime,
                     std::string_view link);
  std::int64_t copy_data(Reader& data, std::int64_t limit, std::string_view name);
  void pad_to_block();
  void fail_entry(std::int64_t entry_start);
  void check_usable() const;

  int fd_;
  std::string path_;
  bool seekable_ = false;
  bool broken_ = false;
  bool finished_ = false;
  std::int64_t start_ = 0;
  std::int64_t offset_ = 0;  // of the next byte, buffered bytes included
  std::vector<char> buffer_;
};

}  // namespace periscope::io
