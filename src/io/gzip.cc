// gzip through isa-l's igzip (inflate ~2-3x and fast deflate ~4x faster than zlib on this
// machine's measurements) and zlib for the slow, high-ratio deflate levels.
#include <isa-l/igzip_lib.h>
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <string>

#include "core/error.h"
#include "io/codec_input.h"
#include "io/compression.h"

namespace periscope::io {
namespace {

// isa-l's levels 1-3 stand in for the fast end of zlib's scale; the default sits at 2, whose
// ratio is within a few percent of zlib's level 1 at about four times its speed.
constexpr int kDefaultIsalLevel = 2;

std::uint32_t clamp_u32(std::size_t n) {
  return static_cast<std::uint32_t>(std::min<std::size_t>(n, UINT32_MAX));
}

[[noreturn]] void throw_corrupt(const std::string& why) {
  throw Error(ErrorKind::kIo, "decompressing gzip: " + why);
}

std::string isal_inflate_problem(int code) {
  switch (code) {
    case ISAL_INVALID_BLOCK:
      return "invalid deflate block";
    case ISAL_INVALID_SYMBOL:
      return "invalid deflate symbol";
    case ISAL_INVALID_LOOKBACK:
      return "invalid back-reference distance";
    case ISAL_INVALID_WRAPPER:
      return "invalid gzip header";
    case ISAL_UNSUPPORTED_METHOD:
      return "unsupported compression method";
    case ISAL_INCORRECT_CHECKSUM:
      return "checksum mismatch";
    default:
      return "corrupt input (isa-l error " + std::to_string(code) + ")";
  }
}

class GzipDecompressor : public Reader {
 public:
  explicit GzipDecompressor(Reader& source) : in_(source) { start_member(); }

  std::size_t read(char* buffer, std::size_t size) override {
    if (done_ || size == 0) return 0;
    while (true) {
      if (state_.block_state == ISAL_BLOCK_FINISH) {
        // A member ended; more bytes mean another member (Go's gzip.Reader is multistream too).
        if (!in_.refill()) {
          done_ = true;
          return 0;
        }
        start_member();
      }
      if (!in_.refill()) throw_corrupt("unexpected end of compressed data");
      std::size_t offered = in_.available();
      state_.next_in = reinterpret_cast<std::uint8_t*>(const_cast<char*>(in_.data()));
      state_.avail_in = clamp_u32(offered);
      state_.next_out = reinterpret_cast<std::uint8_t*>(buffer);
      state_.avail_out = clamp_u32(size);
      std::uint32_t out_before = state_.avail_out;
      int rc = isal_inflate(&state_);
      std::size_t consumed = std::min<std::size_t>(offered, UINT32_MAX) - state_.avail_in;
      in_.consume(consumed);
      if (rc < 0) throw_corrupt(isal_inflate_problem(rc));
      std::size_t produced = out_before - state_.avail_out;
      if (produced > 0) return produced;
      if (consumed == 0 && state_.block_state != ISAL_BLOCK_FINISH)
        throw_corrupt("decoder made no progress");
    }
  }

 private:
  void start_member() {
    isal_inflate_init(&state_);
    state_.crc_flag = ISAL_GZIP;  // parse the header, verify CRC-32 and length in the trailer
  }

  CodecInput in_;
  inflate_state state_;
  bool done_ = false;
};

class IsalGzipCompressor : public Reader {
 public:
  IsalGzipCompressor(Reader& source, int level) : in_(source) {
    isal_deflate_init(&stream_);
    stream_.level = static_cast<std::uint32_t>(level);
    stream_.gzip_flag = IGZIP_GZIP;
    std::size_t buffer_size = level == 1   ? ISAL_DEF_LVL1_DEFAULT
                              : level == 2 ? ISAL_DEF_LVL2_DEFAULT
                                           : ISAL_DEF_LVL3_DEFAULT;
    level_buffer_.reset(new std::uint8_t[buffer_size]);
    stream_.level_buf = level_buffer_.get();
    stream_.level_buf_size = static_cast<std::uint32_t>(buffer_size);
  }

  std::size_t read(char* buffer, std::size_t size) override {
    if (done_ || size == 0) return 0;
    while (true) {
      in_.refill();
      std::size_t offered = std::min<std::size_t>(in_.available(), UINT32_MAX);
      stream_.next_in = reinterpret_cast<std::uint8_t*>(const_cast<char*>(in_.data()));
      stream_.avail_in = static_cast<std::uint32_t>(offered);
      stream_.end_of_stream = in_.at_end() ? 1 : 0;
      stream_.next_out = reinterpret_cast<std::uint8_t*>(buffer);
      stream_.avail_out = clamp_u32(size);
      std::uint32_t out_before = stream_.avail_out;
      int rc = isal_deflate(&stream_);
      if (rc != COMP_OK)
        throw Error(ErrorKind::kInternal,
                    "gzip compression failed (isa-l error " + std::to_string(rc) + ")");
      in_.consume(offered - stream_.avail_in);
      if (stream_.internal_state.state == ZSTATE_END) done_ = true;
      std::size_t produced = out_before - stream_.avail_out;
      if (produced > 0 || done_) return produced;
    }
  }

 private:
  CodecInput in_;
  isal_zstream stream_;
  std::unique_ptr<std::uint8_t[]> level_buffer_;
  bool done_ = false;
};

class ZlibGzipCompressor : public Reader {
 public:
  ZlibGzipCompressor(Reader& source, int level) : in_(source) {
    // windowBits 15 + 16 asks zlib for a gzip wrapper rather than a zlib one.
    if (deflateInit2(&stream_, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
      throw Error(ErrorKind::kInternal, "cannot initialise zlib");
  }
  ~ZlibGzipCompressor() override { deflateEnd(&stream_); }
  ZlibGzipCompressor(const ZlibGzipCompressor&) = delete;
  ZlibGzipCompressor& operator=(const ZlibGzipCompressor&) = delete;

  std::size_t read(char* buffer, std::size_t size) override {
    if (done_ || size == 0) return 0;
    while (true) {
      in_.refill();
      std::size_t offered = std::min<std::size_t>(in_.available(), UINT_MAX);
      stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in_.data()));
      stream_.avail_in = static_cast<uInt>(offered);
      stream_.next_out = reinterpret_cast<Bytef*>(buffer);
      stream_.avail_out = static_cast<uInt>(std::min<std::size_t>(size, UINT_MAX));
      uInt out_before = stream_.avail_out;
      int rc = deflate(&stream_, in_.at_end() ? Z_FINISH : Z_NO_FLUSH);
      if (rc == Z_STREAM_ERROR) throw Error(ErrorKind::kInternal, "gzip compression failed");
      in_.consume(offered - stream_.avail_in);
      if (rc == Z_STREAM_END) done_ = true;
      std::size_t produced = out_before - stream_.avail_out;
      if (produced > 0 || done_) return produced;
    }
  }

 private:
  CodecInput in_;
  z_stream stream_{};
  bool done_ = false;
};

}  // namespace

std::unique_ptr<Reader> gzip_decompressor(Reader& source) {
  return std::make_unique<GzipDecompressor>(source);
}

std::unique_ptr<Reader> gzip_compressor(Reader& source, std::optional<int> level) {
  int chosen = level.value_or(-1);
  if (chosen < -1 || chosen > 9)
    throw_usage("invalid gzip compression level " + std::to_string(chosen) +
                ": want a value in the range [-1, 9]");
  if (chosen == -1) return std::make_unique<IsalGzipCompressor>(source, kDefaultIsalLevel);
  if (chosen >= 1 && chosen <= 3) return std::make_unique<IsalGzipCompressor>(source, chosen);
  return std::make_unique<ZlibGzipCompressor>(source, chosen);
}

}  // namespace periscope::io
