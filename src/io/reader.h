#pragma once
// Byte streams. A blob copy is a stack of Readers pulled by one thread (no pipe threads):
// source stream -> digest check -> progress counter -> (de)compression -> destination.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/digest.h"

namespace periscope::io {

class Reader {
 public:
  virtual ~Reader() = default;
  // Reads up to `size` bytes into `buffer`; returns 0 only at the end of the stream. Throws
  // periscope::Error on failure (with what and where).
  virtual std::size_t read(char* buffer, std::size_t size) = 0;
  // True when this stream itself fails at its end unless its content has `digest` (a digest check
  // in the stack below, seen through wrappers that do not change the bytes). Lets a destination
  // skip hashing the same bytes a second time.
  virtual bool guarantees(const Digest& digest) const {
    (void)digest;
    return false;
  }
};

// Reads everything that is left (for small content: manifests, configs, tests).
std::string read_all(Reader& reader, std::int64_t max_size = INT64_MAX);

// A reader over bytes it owns.
class StringReader : public Reader {
 public:
  explicit StringReader(std::string bytes) : bytes_(std::move(bytes)) {}
  std::size_t read(char* buffer, std::size_t size) override;

 private:
  std::string bytes_;
  std::size_t pos_ = 0;
};

// A reader over a file (read with large buffered reads); throws Error(kIo) naming the path.
class FileReader : public Reader {
 public:
  explicit FileReader(const std::string& path);
  ~FileReader() override;
  FileReader(const FileReader&) = delete;
  FileReader& operator=(const FileReader&) = delete;
  std::size_t read(char* buffer, std::size_t size) override;

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace periscope::io
