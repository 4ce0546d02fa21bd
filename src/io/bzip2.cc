// bzip2 decompression through libbz2 (containers/image reads bzip2 layers, never writes them).
#include <bzlib.h>

#include <algorithm>
#include <climits>
#include <string>

#include "core/error.h"
#include "io/codec_input.h"
#include "io/compression.h"

namespace periscope::io {
namespace {

class Bzip2Decompressor : public Reader {
 public:
  explicit Bzip2Decompressor(Reader& source) : in_(source) { start_stream(); }
  ~Bzip2Decompressor() override { BZ2_bzDecompressEnd(&stream_); }
  Bzip2Decompressor(const Bzip2Decompressor&) = delete;
  Bzip2Decompressor& operator=(const Bzip2Decompressor&) = delete;

  std::size_t read(char* buffer, std::size_t size) override {
    if (done_ || size == 0) return 0;
    while (true) {
      if (stream_ended_) {
        // Like Go's bzip2 reader and bzip2(1): further bytes are another concatenated stream.
        if (!in_.refill()) {
          done_ = true;
          return 0;
        }
        BZ2_bzDecompressEnd(&stream_);
        start_stream();
      }
      if (!in_.refill())
        throw Error(ErrorKind::kIo, "decompressing bzip2: unexpected end of compressed data");
      std::size_t offered = std::min<std::size_t>(in_.available(), UINT_MAX);
      stream_.next_in = const_cast<char*>(in_.data());
      stream_.avail_in = static_cast<unsigned>(offered);
      stream_.next_out = buffer;
      stream_.avail_out = static_cast<unsigned>(std::min<std::size_t>(size, UINT_MAX));
      unsigned out_before = stream_.avail_out;
      int rc = BZ2_bzDecompress(&stream_);
      in_.consume(offered - stream_.avail_in);
      if (rc == BZ_STREAM_END)
        stream_ended_ = true;
      else if (rc != BZ_OK)
        throw Error(ErrorKind::kIo,
                    rc == BZ_DATA_ERROR_MAGIC
                        ? "decompressing bzip2: not in bzip2 format"
                        : "decompressing bzip2: corrupt compressed data (libbz2 error " +
                              std::to_string(rc) + ")");
      std::size_t produced = out_before - stream_.avail_out;
      if (produced > 0) return produced;
    }
  }

 private:
  void start_stream() {
    stream_ = bz_stream{};
    if (BZ2_bzDecompressInit(&stream_, 0, 0) != BZ_OK)
      throw Error(ErrorKind::kInternal, "cannot initialise libbz2");
    stream_ended_ = false;
  }

  CodecInput in_;
  bz_stream stream_{};
  bool stream_ended_ = false;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<Reader> bzip2_decompressor(Reader& source) {
  return std::make_unique<Bzip2Decompressor>(source);
}

}  // namespace periscope::io
