#include "io/compression.h"

#include <array>
#include <string>

#include "core/error.h"

namespace periscope::io {
namespace {

struct Magic {
  Compression compression;
  std::string_view bytes;
};

// The prefixes containers/image recognises (gzip includes the deflate method byte).
constexpr std::array<Magic, 4> kMagics = {{
    {Compression::kGzip, std::string_view("\x1f\x8b\x08", 3)},
    {Compression::kBzip2, std::string_view("BZh", 3)},
    {Compression::kXz, std::string_view("\xfd"
                                        "7zXZ\x00",
                                        6)},
    {Compression::kZstd, std::string_view("\x28\xb5\x2f\xfd", 4)},
}};

class PassThrough : public Reader {
 public:
  explicit PassThrough(Reader& source) : source_(source) {}
  std::size_t read(char* buffer, std::size_t size) override { return source_.read(buffer, size); }

 private:
  Reader& source_;
};

}  // namespace

std::string_view compression_name(Compression compression) {
  switch (compression) {
    case Compression::kNone:
      return "none";
    case Compression::kGzip:
      return "gzip";
    case Compression::kZstd:
      return "zstd";
    case Compression::kBzip2:
      return "bzip2";
    case Compression::kXz:
      return "xz";
  }
  return "none";
}

std::optional<Compression> compression_from_name(std::string_view name) {
  for (Compression c :
       {Compression::kGzip, Compression::kZstd, Compression::kBzip2, Compression::kXz}) {
    if (compression_name(c) == name) return c;
  }
  return std::nullopt;
}

Compression detect_compression(std::string_view head) {
  for (const Magic& magic : kMagics) {
    if (head.starts_with(magic.bytes)) return magic.compression;
  }
  return Compression::kNone;
}

Compression detect_compression(PeekReader& reader) { return detect_compression(reader.peek(8)); }

std::unique_ptr<Reader> decompressor(Compression compression, Reader& source) {
  switch (compression) {
    case Compression::kNone:
      return std::make_unique<PassThrough>(source);
    case Compression::kGzip:
      return gzip_decompressor(source);
    case Compression::kZstd:
      return zstd_decompressor(source);
    case Compression::kBzip2:
      return bzip2_decompressor(source);
    case Compression::kXz:
      return xz_decompressor(source);
  }
  throw Error(ErrorKind::kInternal, "unknown compression format");
}

std::unique_ptr<Reader> compressor(Compression compression, Reader& source,
                                   std::optional<int> level) {
  switch (compression) {
    case Compression::kGzip:
      return gzip_compressor(source, level);
    case Compression::kZstd:
      return zstd_compressor(source, level);
    default:
      throw Error(ErrorKind::kUnsupported,
                  std::string(compression_name(compression)) + " compression is not supported");
  }
}

}  // namespace periscope::io
