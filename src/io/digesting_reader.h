#pragma once
// Hashes a stream as it passes and, when an expectation is given, checks it where the stream ends:
// the read that would return 0 throws Error(kDigestMismatch) instead, so a destination that reads
// to the end before committing never commits bad data (containers/image copy/digesting_reader.go).
#include <cstdint>

#include "core/digest.h"
#include "io/reader.h"

namespace periscope::io {

class DigestingReader : public Reader {
 public:
  // Verifies `expected` unless it is empty, and `expected_size` unless it is -1. Only sha256 can
  // be verified; another algorithm is Error(kUnsupported).
  DigestingReader(Reader& source, const Digest& expected, std::int64_t expected_size = -1);
  // Computes only: for destinations that need the digest of what they received.
  explicit DigestingReader(Reader& source);

  // Also throws Error(kDigestMismatch) as soon as the stream runs past `expected_size`, before
  // passing those bytes on.
  std::size_t read(char* buffer, std::size_t size) override;
  bool guarantees(const Digest& digest) const override { return !expected_.empty() && expected_ == digest; }

  // True once read() returned 0 (so the expectation, if any, held).
  bool finished() const { return finished_; }
  // The sha256 digest of the whole stream; Error(kInternal) before the end.
  const Digest& digest() const;
  // Bytes passed on so far.
  std::int64_t size() const { return size_; }

 private:
  Reader& source_;
  Sha256 hash_;
  Digest expected_;
  std::int64_t expected_size_ = -1;
  std::int64_t size_ = 0;
  Digest actual_;
  bool finished_ = false;
};

}  // namespace periscope::io
