#include "io/digesting_reader.h"

#include <string>

#include "core/error.h"

namespace periscope::io {

DigestingReader::DigestingReader(Reader& source, const Digest& expected, std::int64_t expected_size)
    : source_(source), expected_(expected), expected_size_(expected_size) {
  if (!expected_.empty() && expected_.algorithm() != "sha256")
    throw Error(ErrorKind::kUnsupported, "cannot verify digest " + expected_.str() +
                                             ": unsupported digest algorithm " +
                                             std::string(expected_.algorithm()));
}

DigestingReader::DigestingReader(Reader& source) : source_(source) {}

std::size_t DigestingReader::read(char* buffer, std::size_t size) {
  if (finished_ || size == 0) return 0;
  std::size_t n = source_.read(buffer, size);
  if (n > 0) {
    size_ += static_cast<std::int64_t>(n);
    if (expected_size_ >= 0 && size_ > expected_size_)
      throw Error(ErrorKind::kDigestMismatch, "Size did not match, expected " +
                                                  std::to_string(expected_size_) +
                                                  " bytes, got at least " + std::to_string(size_));
    hash_.update(buffer, n);
    return n;
  }
  // Sha256 cannot be finished twice: a caller that reads again after a mismatch gets the same
  // error from the stored result.
  if (actual_.empty()) actual_ = hash_.finish();
  // The digest is what skopeo reports; a short stream almost always fails it too.
  if (!expected_.empty() && actual_ != expected_)
    throw Error(ErrorKind::kDigestMismatch,
                "Digest did not match, expected " + expected_.str() + ", got " + actual_.str());
  if (expected_size_ >= 0 && size_ != expected_size_)
    throw Error(ErrorKind::kDigestMismatch, "Size did not match, expected " +
                                                std::to_string(expected_size_) + " bytes, got " +
                                                std::to_string(size_));
  finished_ = true;
  return 0;
}

const Digest& DigestingReader::digest() const {
  if (!finished_) throw Error(ErrorKind::kInternal, "digest of a stream requested before its end");
  return actual_;
}

}  // namespace periscope::io
