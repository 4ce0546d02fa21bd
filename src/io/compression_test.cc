#include "io/compression.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "io/test_readers.h"

namespace periscope::io {
namespace {

using namespace std::string_literals;

TEST(DetectCompression, RecognisesGzip) {
  EXPECT_EQ(detect_compression("\x1f\x8b\x08\x00\x00\x00\x00\x00"s), Compression::kGzip);
}

TEST(DetectCompression, RecognisesZstd) {
  EXPECT_EQ(detect_compression("\x28\xb5\x2f\xfd\x04\x58"s), Compression::kZstd);
}

TEST(DetectCompression, RecognisesBzip2) {
  EXPECT_EQ(detect_compression("BZh91AY&SY"s), Compression::kBzip2);
}

TEST(DetectCompression, RecognisesXz) {
  EXPECT_EQ(detect_compression("\xfd"
                               "7zXZ\x00\x00\x04"s),
            Compression::kXz);
}

TEST(DetectCompression, TarIsUncompressed) {
  EXPECT_EQ(detect_compression("etc/\0\0\0\0"s), Compression::kNone);
}

TEST(DetectCompression, GzipMagicWithoutDeflateMethodIsNotGzip) {
  EXPECT_EQ(detect_compression("\x1f\x8b\x07\x00"s), Compression::kNone);
}

TEST(DetectCompression, PrefixShorterThanAnyMagicIsUncompressed) {
  EXPECT_EQ(detect_compression("\x1f\x8b"s), Compression::kNone);
  EXPECT_EQ(detect_compression(""s), Compression::kNone);
}

TEST(DetectCompression, FromAPeekReaderLeavesTheStreamWhole) {
  std::string gz = "\x1f\x8b\x08 and the rest"s;
  test_readers::TrickleReader source(gz, 2);
  PeekReader peek(source);
  EXPECT_EQ(detect_compression(peek), Compression::kGzip);
  EXPECT_EQ(read_all(peek), gz);
}

TEST(CompressionName, RoundTripsThroughCompressionFromName) {
  for (Compression c :
       {Compression::kGzip, Compression::kZstd, Compression::kBzip2, Compression::kXz}) {
    EXPECT_EQ(compression_from_name(compression_name(c)), c);
  }
  EXPECT_EQ(compression_from_name("zstd:chunked"), std::nullopt);
  EXPECT_EQ(compression_name(Compression::kNone), "none");
}

TEST(Decompressor, NoneIsAPassThrough) {
  StringReader source("plain");
  EXPECT_EQ(read_all(*decompressor(Compression::kNone, source)), "plain");
}

TEST(Decompressor, DispatchesOnTheFormat) {
  std::string text = test_readers::text_bytes(10000);
  StringReader plain(text);
  std::string compressed = read_all(*compressor(Compression::kZstd, plain));
  StringReader source(compressed);
  EXPECT_EQ(read_all(*decompressor(Compression::kZstd, source)), text);
}

TEST(Compressor, XzAndBzip2AreUnsupportedAndNamed) {
  StringReader source("x");
  try {
    compressor(Compression::kXz, source);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUnsupported);
    EXPECT_EQ(std::string(e.what()), "xz compression is not supported");
  }
  EXPECT_THROW(compressor(Compression::kBzip2, source), Error);
}

}  // namespace
}  // namespace periscope::io
