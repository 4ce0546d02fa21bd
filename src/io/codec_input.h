#pragma once
// The input side shared by the (de)compressing readers: one buffer, allocated once per stream,
// refilled from the source with a single read when the codec has consumed it.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "io/reader.h"

namespace periscope::io {

class CodecInput {
 public:
  static constexpr std::size_t kSize = 256 * 1024;

  explicit CodecInput(Reader& source) : source_(source), data_(new char[kSize]) {}

  // Bytes read but not yet consumed by the codec.
  const char* data() const { return data_.get() + pos_; }
  std::size_t available() const { return end_ - pos_; }
  void consume(std::size_t n) { pos_ += n; }
  // True once the source has returned 0.
  bool at_end() const { return eof_; }
  // Reads more when everything was consumed; returns false when the source is finished.
  bool refill() {
    if (available() > 0) return true;
    if (eof_) return false;
    pos_ = 0;
    end_ = source_.read(data_.get(), kSize);
    if (end_ == 0) eof_ = true;
    return end_ > 0;
  }

 private:
  Reader& source_;
  std::unique_ptr<char[]> data_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
};

}  // namespace periscope::io
