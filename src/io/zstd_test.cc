#include <gtest/gtest.h>
#include <zstd.h>

#include "core/error.h"
#include "io/compression.h"
#include "io/test_readers.h"

namespace periscope::io {
namespace {

using test_readers::random_bytes;
using test_readers::read_all_in;
using test_readers::text_bytes;
using test_readers::TrickleReader;

std::string zstd(const std::string& data, std::optional<int> level = std::nullopt,
                 int threads = 0) {
  StringReader source(data);
  return read_all(*zstd_compressor(source, level, threads));
}

std::string unzstd(const std::string& data, std::size_t chunk = 64 * 1024) {
  TrickleReader source(data, chunk);
  return read_all_in(*zstd_decompressor(source), chunk);
}

ErrorKind kind_of_unzstd(const std::string& data) {
  try {
    unzstd(data);
  } catch (const Error& e) {
    return e.kind();
  }
  return ErrorKind::kInternal;
}

TEST(Zstd, RoundTripsEmptyInput) { EXPECT_EQ(unzstd(zstd("")), ""); }

TEST(Zstd, RoundTripsOneByte) { EXPECT_EQ(unzstd(zstd("x")), "x"); }

TEST(Zstd, RoundTripsMegabytesOfRandomData) {
  std::string data = random_bytes(5 << 20);
  EXPECT_EQ(unzstd(zstd(data)), data);
}

TEST(Zstd, RoundTripsMegabytesOfTextAndShrinksIt) {
  std::string data = text_bytes(5 << 20);
  std::string compressed = zstd(data);
  EXPECT_LT(compressed.size(), data.size() / 2);
  EXPECT_EQ(unzstd(compressed), data);
}

TEST(Zstd, SingleThreadedAndHighLevelOutputRoundTrips) {
  std::string data = text_bytes(1 << 20);
  EXPECT_EQ(unzstd(zstd(data, 1, 1)), data);
  EXPECT_EQ(unzstd(zstd(data, 19, 2)), data);
}

TEST(Zstd, OutputIsOneFrameThatLibzstdDecodes) {
  std::string data = text_bytes(1 << 20);
  std::string compressed = zstd(data);
  EXPECT_EQ(ZSTD_findFrameCompressedSize(compressed.data(), compressed.size()), compressed.size());
  std::string out(data.size(), '\0');
  std::size_t rc = ZSTD_decompress(out.data(), out.size(), compressed.data(), compressed.size());
  ASSERT_FALSE(ZSTD_isError(rc)) << ZSTD_getErrorName(rc);
  EXPECT_EQ(out.substr(0, rc), data);
}

TEST(Zstd, CompressorWorksWithTinyOutputReads) {
  std::string data = text_bytes(200000);
  TrickleReader source(data, 1000);
  EXPECT_EQ(unzstd(read_all_in(*zstd_compressor(source), 1)), data);
}

TEST(Zstd, DecompressorWorksWithOneByteReads) {
  std::string data = text_bytes(100000);
  EXPECT_EQ(unzstd(zstd(data), 1), data);
}

TEST(Zstd, DecompressesConcatenatedFrames) {
  std::string a = text_bytes(60000, 1), b = random_bytes(40000, 2);
  EXPECT_EQ(unzstd(zstd(a) + zstd(b)), a + b);
}

TEST(Zstd, EmptyInputIsAnIoError) { EXPECT_EQ(kind_of_unzstd(""), ErrorKind::kIo); }

TEST(Zstd, TruncatedInputIsAnIoError) {
  std::string compressed = zstd(text_bytes(100000));
  EXPECT_EQ(kind_of_unzstd(compressed.substr(0, compressed.size() - 1)), ErrorKind::kIo);
  EXPECT_EQ(kind_of_unzstd(compressed.substr(0, compressed.size() / 2)), ErrorKind::kIo);
  EXPECT_EQ(kind_of_unzstd(compressed.substr(0, 3)), ErrorKind::kIo);
}

TEST(Zstd, CorruptedDataIsAnIoError) {
  std::string compressed = zstd(text_bytes(200000) + random_bytes(100000));
  for (std::size_t at : {compressed.size() / 3, compressed.size() * 2 / 3, compressed.size() - 2}) {
    std::string bad = compressed;
    bad[at] ^= 0x55;
    EXPECT_EQ(kind_of_unzstd(bad), ErrorKind::kIo) << "corrupted at " << at;
  }
}

TEST(Zstd, TrailingGarbageIsAnIoError) {
  EXPECT_EQ(kind_of_unzstd(zstd("content") + "garbage!"), ErrorKind::kIo);
}

}  // namespace
}  // namespace periscope::io
