#pragma once
// Readers and data for the io tests: streams that hand out short reads, and reproducible inputs.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>

#include "io/reader.h"

namespace periscope::io::test_readers {

// Hands out at most `chunk` bytes per read, to exercise every buffer boundary.
class TrickleReader : public Reader {
 public:
  TrickleReader(std::string bytes, std::size_t chunk) : bytes_(std::move(bytes)), chunk_(chunk) {}
  std::size_t read(char* buffer, std::size_t size) override {
    std::size_t n = std::min({size, chunk_, bytes_.size() - pos_});
    std::memcpy(buffer, bytes_.data() + pos_, n);
    pos_ += n;
    reads_ += 1;
    return n;
  }
  int reads() const { return reads_; }

 private:
  std::string bytes_;
  std::size_t chunk_;
  std::size_t pos_ = 0;
  int reads_ = 0;
};

// Reads everything from `reader` with reads of at most `chunk` bytes.
inline std::string read_all_in(Reader& reader, std::size_t chunk) {
  std::string out;
  std::string buffer(chunk, '\0');
  while (std::size_t n = reader.read(buffer.data(), chunk)) out.append(buffer.data(), n);
  return out;
}

inline std::string random_bytes(std::size_t size, std::uint64_t seed = 1) {
  std::mt19937_64 generator(seed);
  std::string out(size, '\0');
  for (std::size_t i = 0; i < size; i += 8) {
    std::uint64_t word = generator();
    std::memcpy(out.data() + i, &word, std::min<std::size_t>(8, size - i));
  }
  return out;
}

// Compressible, text-like data: words drawn from a small vocabulary.
inline std::string text_bytes(std::size_t size, std::uint64_t seed = 1) {
  static const char* const kWords[] = {"layer ",    "manifest ", "digest ", "sha256 ", "blob\n",
                                       "registry ", "config ",   "image ",  "tar ",    "gzip "};
  std::mt19937_64 generator(seed);
  std::string out;
  out.reserve(size + 16);
  while (out.size() < size) out += kWords[generator() % 10];
  out.resize(size);
  return out;
}

}  // namespace periscope::io::test_readers
