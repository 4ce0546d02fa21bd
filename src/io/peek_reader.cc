#include "io/peek_reader.h"

#include <algorithm>
#include <cstring>

namespace periscope::io {

std::string_view PeekReader::peek(std::size_t n) {
  if (pos_ > 0) {
    buffered_.erase(0, pos_);
    pos_ = 0;
  }
  char chunk[4096];
  while (buffered_.size() < n && !eof_) {
    std::size_t got = source_.read(chunk, std::min(sizeof chunk, n - buffered_.size()));
    if (got == 0) eof_ = true;
    buffered_.append(chunk, got);
  }
  return std::string_view(buffered_).substr(0, n);
}

std::size_t PeekReader::read(char* buffer, std::size_t size) {
  if (pos_ < buffered_.size()) {
    std::size_t n = std::min(size, buffered_.size() - pos_);
    std::memcpy(buffer, buffered_.data() + pos_, n);
    pos_ += n;
    return n;
  }
  // Past the peeked bytes the source is read directly: no copy on the hot path.
  if (eof_ || size == 0) return 0;
  return source_.read(buffer, size);
}

}  // namespace periscope::io
