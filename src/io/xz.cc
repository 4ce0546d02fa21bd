// xz decompression through liblzma (containers/image reads xz layers, never writes them).
#include <lzma.h>

#include <cstdint>
#include <string>

#include "core/error.h"
#include "io/codec_input.h"
#include "io/compression.h"

namespace periscope::io {
namespace {

std::string lzma_problem(lzma_ret rc) {
  switch (rc) {
    case LZMA_FORMAT_ERROR:
      return "not in xz format";
    case LZMA_DATA_ERROR:
      return "corrupt compressed data";
    case LZMA_BUF_ERROR:
      return "unexpected end of compressed data";
    case LZMA_MEM_ERROR:
      return "out of memory";
    case LZMA_OPTIONS_ERROR:
      return "unsupported options";
    default:
      return "liblzma error " + std::to_string(static_cast<int>(rc));
  }
}

class XzDecompressor : public Reader {
 public:
  explicit XzDecompressor(Reader& source) : in_(source) {
    // LZMA_CONCATENATED: several .xz streams back to back, as xz(1) and Go's xz reader accept.
    if (lzma_stream_decoder(&stream_, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK)
      throw Error(ErrorKind::kInternal, "cannot initialise liblzma");
  }
  ~XzDecompressor() override { lzma_end(&stream_); }
  XzDecompressor(const XzDecompressor&) = delete;
  XzDecompressor& operator=(const XzDecompressor&) = delete;

  std::size_t read(char* buffer, std::size_t size) override {
    if (done_ || size == 0) return 0;
    while (true) {
      in_.refill();
      std::size_t offered = in_.available();
      stream_.next_in = reinterpret_cast<const std::uint8_t*>(in_.data());
      stream_.avail_in = offered;
      stream_.next_out = reinterpret_cast<std::uint8_t*>(buffer);
      stream_.avail_out = size;
      lzma_ret rc = lzma_code(&stream_, in_.at_end() ? LZMA_FINISH : LZMA_RUN);
      in_.consume(offered - stream_.avail_in);
      std::size_t produced = size - stream_.avail_out;
      if (rc == LZMA_STREAM_END)
        done_ = true;
      else if (rc != LZMA_OK)
        throw Error(ErrorKind::kIo, "decompressing xz: " + lzma_problem(rc));
      if (produced > 0 || done_) return produced;
    }
  }

 private:
  CodecInput in_;
  lzma_stream stream_ = LZMA_STREAM_INIT;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<Reader> xz_decompressor(Reader& source) {
  return std::make_unique<XzDecompressor>(source);
}

}  // namespace periscope::io
