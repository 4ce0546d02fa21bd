// xz and bzip2 are read only; the fixtures are made with liblzma's and libbz2's one-shot encoders.
#include <bzlib.h>
#include <gtest/gtest.h>
#include <lzma.h>

#include "core/error.h"
#include "io/compression.h"
#include "io/test_readers.h"

namespace periscope::io {
namespace {

using test_readers::random_bytes;
using test_readers::read_all_in;
using test_readers::text_bytes;
using test_readers::TrickleReader;

std::string xz(const std::string& data) {
  std::string out(lzma_stream_buffer_bound(data.size()), '\0');
  std::size_t pos = 0;
  EXPECT_EQ(lzma_easy_buffer_encode(1, LZMA_CHECK_CRC64, nullptr,
                                    reinterpret_cast<const std::uint8_t*>(data.data()), data.size(),
                                    reinterpret_cast<std::uint8_t*>(out.data()), &pos, out.size()),
            LZMA_OK);
  out.resize(pos);
  return out;
}

std::string bzip2(const std::string& data) {
  std::string out(data.size() + data.size() / 100 + 700, '\0');
  unsigned size = static_cast<unsigned>(out.size());
  EXPECT_EQ(BZ2_bzBuffToBuffCompress(out.data(), &size, const_cast<char*>(data.data()),
                                     static_cast<unsigned>(data.size()), 1, 0, 0),
            BZ_OK);
  out.resize(size);
  return out;
}

std::string decompress(Compression format, const std::string& data, std::size_t chunk = 65536) {
  TrickleReader source(data, chunk);
  return read_all_in(*decompressor(format, source), chunk);
}

ErrorKind kind_of_decompress(Compression format, const std::string& data) {
  try {
    decompress(format, data);
  } catch (const Error& e) {
    return e.kind();
  }
  return ErrorKind::kInternal;
}

TEST(Xz, Decompresses) {
  std::string data = text_bytes(500000) + random_bytes(100000);
  EXPECT_EQ(detect_compression(xz(data)), Compression::kXz);
  EXPECT_EQ(decompress(Compression::kXz, xz(data)), data);
}

TEST(Xz, DecompressesEmptyContentAndOneByteReads) {
  EXPECT_EQ(decompress(Compression::kXz, xz("")), "");
  EXPECT_EQ(decompress(Compression::kXz, xz("abc"), 1), "abc");
}

TEST(Xz, DecompressesConcatenatedStreams) {
  EXPECT_EQ(decompress(Compression::kXz, xz("first ") + xz("second")), "first second");
}

TEST(Xz, TruncatedOrCorruptInputIsAnIoError) {
  std::string compressed = xz(text_bytes(100000));
  EXPECT_EQ(kind_of_decompress(Compression::kXz, compressed.substr(0, compressed.size() - 4)),
            ErrorKind::kIo);
  std::string bad = compressed;
  bad[bad.size() / 2] ^= 0x55;
  EXPECT_EQ(kind_of_decompress(Compression::kXz, bad), ErrorKind::kIo);
  EXPECT_EQ(kind_of_decompress(Compression::kXz, ""), ErrorKind::kIo);
}

TEST(Bzip2, Decompresses) {
  std::string data = text_bytes(500000) + random_bytes(100000);
  EXPECT_EQ(detect_compression(bzip2(data)), Compression::kBzip2);
  EXPECT_EQ(decompress(Compression::kBzip2, bzip2(data)), data);
}

TEST(Bzip2, DecompressesEmptyContentAndOneByteReads) {
  EXPECT_EQ(decompress(Compression::kBzip2, bzip2("")), "");
  EXPECT_EQ(decompress(Compression::kBzip2, bzip2("abc"), 1), "abc");
}

TEST(Bzip2, DecompressesConcatenatedStreams) {
  EXPECT_EQ(decompress(Compression::kBzip2, bzip2("first ") + bzip2("second")), "first second");
}

TEST(Bzip2, TruncatedOrCorruptInputIsAnIoError) {
  std::string compressed = bzip2(text_bytes(100000));
  EXPECT_EQ(kind_of_decompress(Compression::kBzip2, compressed.substr(0, compressed.size() - 4)),
            ErrorKind::kIo);
  std::string bad = compressed;
  bad[bad.size() / 2] ^= 0x55;
  EXPECT_EQ(kind_of_decompress(Compression::kBzip2, bad), ErrorKind::kIo);
  EXPECT_EQ(kind_of_decompress(Compression::kBzip2, ""), ErrorKind::kIo);
}

}  // namespace
}  // namespace periscope::io
