#include <gtest/gtest.h>
#include <zlib.h>

#include "core/error.h"
#include "io/compression.h"
#include "io/test_readers.h"

namespace periscope::io {
namespace {

using test_readers::random_bytes;
using test_readers::read_all_in;
using test_readers::text_bytes;
using test_readers::TrickleReader;

std::string gzip(const std::string& data, std::optional<int> level = std::nullopt) {
  StringReader source(data);
  return read_all(*gzip_compressor(source, level));
}

std::string gunzip(const std::string& data, std::size_t chunk = 64 * 1024) {
  TrickleReader source(data, chunk);
  return read_all_in(*gzip_decompressor(source), chunk);
}

// zlib as the independent, standard decoder; also rejects trailing bytes after the member.
std::string zlib_gunzip(const std::string& data) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[65536];
  int rc;
  do {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    rc = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
  } while (rc == Z_OK);
  EXPECT_EQ(rc, Z_STREAM_END);
  EXPECT_EQ(stream.avail_in, 0u);
  inflateEnd(&stream);
  return out;
}

// A gzip member as zlib writes it, with a file name in the header (as gzip(1) does).
std::string zlib_gzip_with_name(const std::string& data) {
  z_stream stream{};
  deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  gz_header header{};
  char name[] = "layer.tar";
  header.name = reinterpret_cast<Bytef*>(name);
  deflateSetHeader(&stream, &header);
  std::string out(deflateBound(&stream, data.size()) + 64, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

ErrorKind kind_of_gunzip(const std::string& data) {
  try {
    gunzip(data);
  } catch (const Error& e) {
    return e.kind();
  }
  return ErrorKind::kInternal;
}

TEST(Gzip, RoundTripsEmptyInput) {
  std::string compressed = gzip("");
  EXPECT_EQ(gunzip(compressed), "");
  EXPECT_EQ(zlib_gunzip(compressed), "");
}

TEST(Gzip, RoundTripsOneByte) { EXPECT_EQ(gunzip(gzip("x")), "x"); }

TEST(Gzip, RoundTripsMegabytesOfRandomData) {
  std::string data = random_bytes(3 << 20);
  EXPECT_EQ(gunzip(gzip(data)), data);
}

TEST(Gzip, RoundTripsMegabytesOfTextAndShrinksIt) {
  std::string data = text_bytes(3 << 20);
  std::string compressed = gzip(data);
  EXPECT_LT(compressed.size(), data.size() / 2);
  EXPECT_EQ(gunzip(compressed), data);
}

TEST(Gzip, DefaultOutputIsReadableByZlib) {
  std::string data = text_bytes(1 << 20) + random_bytes(1 << 20);
  EXPECT_EQ(zlib_gunzip(gzip(data)), data);
}

TEST(Gzip, EveryLevelIsReadableByZlibAndByUs) {
  std::string data = text_bytes(300000);
  for (int level = -1; level <= 9; ++level) {
    std::string compressed = gzip(data, level);
    EXPECT_EQ(zlib_gunzip(compressed), data) << "level " << level;
    EXPECT_EQ(gunzip(compressed), data) << "level " << level;
  }
}

TEST(Gzip, InvalidLevelIsAUsageError) {
  StringReader source("x");
  try {
    gzip_compressor(source, 10);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
  }
}

TEST(Gzip, CompressorWorksWithTinyOutputReads) {
  std::string data = text_bytes(100000);
  TrickleReader source(data, 777);
  std::string compressed = read_all_in(*gzip_compressor(source), 1);
  EXPECT_EQ(zlib_gunzip(compressed), data);
}

TEST(Gzip, DecompressorWorksWithOneByteReads) {
  std::string data = text_bytes(100000);
  EXPECT_EQ(gunzip(gzip(data), 1), data);
}

TEST(Gzip, DecompressesZlibOutputWithAFileNameInTheHeader) {
  std::string data = text_bytes(50000);
  EXPECT_EQ(gunzip(zlib_gzip_with_name(data)), data);
}

TEST(Gzip, DecompressesConcatenatedMembers) {
  std::string a = text_bytes(70000, 1), b = random_bytes(50000, 2);
  EXPECT_EQ(gunzip(gzip(a) + zlib_gzip_with_name(b)), a + b);
  EXPECT_EQ(gunzip(gzip(a) + gzip(b), 3), a + b);
}

TEST(Gzip, EmptyInputIsAnIoError) { EXPECT_EQ(kind_of_gunzip(""), ErrorKind::kIo); }

TEST(Gzip, TruncatedInputIsAnIoError) {
  std::string compressed = gzip(text_bytes(100000));
  EXPECT_EQ(kind_of_gunzip(compressed.substr(0, compressed.size() - 3)), ErrorKind::kIo);
  EXPECT_EQ(kind_of_gunzip(compressed.substr(0, compressed.size() / 2)), ErrorKind::kIo);
  EXPECT_EQ(kind_of_gunzip(compressed.substr(0, 5)), ErrorKind::kIo);
}

TEST(Gzip, WrongChecksumIsAnIoError) {
  std::string compressed = gzip(text_bytes(100000));
  compressed[compressed.size() - 6] ^= 0x01;  // inside the CRC-32 of the trailer
  try {
    gunzip(compressed);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kIo);
    EXPECT_EQ(std::string(e.what()), "decompressing gzip: checksum mismatch");
  }
}

TEST(Gzip, CorruptedDataIsAnIoError) {
  std::string compressed = gzip(random_bytes(200000) + text_bytes(200000));
  for (std::size_t at : {std::size_t{20}, compressed.size() / 3, compressed.size() * 2 / 3}) {
    std::string bad = compressed;
    bad[at] ^= 0x55;
    EXPECT_EQ(kind_of_gunzip(bad), ErrorKind::kIo) << "corrupted at " << at;
  }
}

TEST(Gzip, TrailingGarbageIsAnIoError) {
  EXPECT_EQ(kind_of_gunzip(gzip("content") + "garbage"), ErrorKind::kIo);
}

TEST(Gzip, NonGzipInputIsAnIoError) {
  EXPECT_EQ(kind_of_gunzip("this is not gzip at all"), ErrorKind::kIo);
}

}  // namespace
}  // namespace periscope::io
