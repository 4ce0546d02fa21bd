// zstd through libzstd's streaming API; compression uses libzstd's own worker threads, which is
// what makes it faster than skopeo's (klauspost's pure-Go encoder).
#include <zstd.h>

#include <algorithm>
#include <string>
#include <thread>

#include "core/error.h"
#include "io/codec_input.h"
#include "io/compression.h"

namespace periscope::io {
namespace {

constexpr int kDefaultLevel = 3;

class ZstdDecompressor : public Reader {
 public:
  explicit ZstdDecompressor(Reader& source) : in_(source), context_(ZSTD_createDCtx()) {
    if (!context_) throw Error(ErrorKind::kInternal, "cannot initialise zstd");
  }
  ~ZstdDecompressor() override { ZSTD_freeDCtx(context_); }
  ZstdDecompressor(const ZstdDecompressor&) = delete;
  ZstdDecompressor& operator=(const ZstdDecompressor&) = delete;

  std::size_t read(char* buffer, std::size_t size) override {
    if (done_ || size == 0) return 0;
    while (true) {
      // A decoder that filled the last output may hold more, to flush without new input.
      if (!in_.refill() && !flushing_) {
        if (frame_complete_) {
          done_ = true;
          return 0;
        }
        throw Error(ErrorKind::kIo, "decompressing zstd: unexpected end of compressed data");
      }
      ZSTD_inBuffer input{in_.data(), in_.available(), 0};
      ZSTD_outBuffer output{buffer, size, 0};
      std::size_t rc = ZSTD_decompressStream(context_, &output, &input);
      in_.consume(input.pos);
      if (ZSTD_isError(rc))
        throw Error(ErrorKind::kIo, std::string("decompressing zstd: ") + ZSTD_getErrorName(rc));
      // rc == 0: a frame ended and everything was flushed. A call that did nothing (a flush
      // attempt after the end) answers for the next frame, so it must not count. Output filled
      // to the brim may hide more buffered output: the next call tries again without new input.
      if (input.pos > 0 || output.pos > 0) frame_complete_ = rc == 0;
      flushing_ = output.pos == output.size;
      if (output.pos > 0) return output.pos;
      if (input.pos == 0 && !flushing_ && in_.available() > 0)
        throw Error(ErrorKind::kIo, "decompressing zstd: decoder made no progress");
    }
  }

 private:
  CodecInput in_;
  ZSTD_DCtx* context_;
  bool frame_complete_ = false;
  bool flushing_ = false;
  bool done_ = false;
};

class ZstdCompressor : public Reader {
 public:
  ZstdCompressor(Reader& source, int level, int threads)
      : in_(source), context_(ZSTD_createCCtx()) {
    if (!context_) throw Error(ErrorKind::kInternal, "cannot initialise zstd");
    ZSTD_CCtx_setParameter(context_, ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(context_, ZSTD_c_checksumFlag, 1);
    // Fails harmlessly (single-threaded) on a libzstd built without threads.
    if (threads > 1) ZSTD_CCtx_setParameter(context_, ZSTD_c_nbWorkers, threads);
  }
  ~ZstdCompressor() override { ZSTD_freeCCtx(context_); }
  ZstdCompressor(const ZstdCompressor&) = delete;
  ZstdCompressor& operator=(const ZstdCompressor&) = delete;

  std::size_t read(char* buffer, std::size_t size) override {
    if (done_ || size == 0) return 0;
    while (true) {
      in_.refill();
      bool last = in_.at_end();
      ZSTD_inBuffer input{in_.data(), in_.available(), 0};
      ZSTD_outBuffer output{buffer, size, 0};
      std::size_t rc =
          ZSTD_compressStream2(context_, &output, &input, last ? ZSTD_e_end : ZSTD_e_continue);
      if (ZSTD_isError(rc))
        throw Error(ErrorKind::kInternal,
                    std::string("zstd compression failed: ") + ZSTD_getErrorName(rc));
      in_.consume(input.pos);
      if (last && rc == 0) done_ = true;
      if (output.pos > 0 || done_) return output.pos;
    }
  }

 private:
  CodecInput in_;
  ZSTD_CCtx* context_;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<Reader> zstd_decompressor(Reader& source) {
  return std::make_unique<ZstdDecompressor>(source);
}

std::unique_ptr<Reader> zstd_compressor(Reader& source, std::optional<int> level, int threads) {
  int chosen = std::clamp(level.value_or(kDefaultLevel), ZSTD_minCLevel(), ZSTD_maxCLevel());
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::make_unique<ZstdCompressor>(source, chosen, threads);
}

}  // namespace periscope::io
