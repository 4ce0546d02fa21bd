#pragma once
// Lets a caller look at the next bytes of a stream (a magic number, a header) and still pass the
// whole stream on.
#include <cstddef>
#include <string>
#include <string_view>

#include "io/reader.h"

namespace periscope::io {

class PeekReader : public Reader {
 public:
  explicit PeekReader(Reader& source) : source_(source) {}

  // The next `n` bytes without consuming them; fewer only when the stream ends sooner. The view
  // is valid until the next call on this reader.
  std::string_view peek(std::size_t n);
  std::size_t read(char* buffer, std::size_t size) override;
  bool guarantees(const Digest& digest) const override { return source_.guarantees(digest); }

 private:
  Reader& source_;
  std::string buffered_;  // peeked, not yet read
  std::size_t pos_ = 0;   // start of the unread part of buffered_
  bool eof_ = false;
};

}  // namespace periscope::io
