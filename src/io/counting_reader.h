#pragma once
// Counts the bytes passing through and reports the running total, for progress output. The
// callback runs on every non-empty read: it is the listener's job to throttle what it prints.
#include <cstdint>
#include <functional>

#include "io/reader.h"

namespace periscope::io {

class CountingReader : public Reader {
 public:
  using Progress = std::function<void(std::int64_t bytes_so_far)>;

  explicit CountingReader(Reader& source, Progress progress = {})
      : source_(source), progress_(std::move(progress)) {}

  std::size_t read(char* buffer, std::size_t size) override {
    std::size_t n = source_.read(buffer, size);
    if (n > 0) {
      count_ += static_cast<std::int64_t>(n);
      if (progress_) progress_(count_);
    }
    return n;
  }

  std::int64_t count() const { return count_; }
  bool guarantees(const Digest& digest) const override { return source_.guarantees(digest); }

 private:
  Reader& source_;
  Progress progress_;
  std::int64_t count_ = 0;
};

}  // namespace periscope::io
