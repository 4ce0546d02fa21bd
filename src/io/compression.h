#pragma once
// Compression formats of layer blobs: detection by magic bytes (as containers/image
// pkg/compression DetectCompressionFormat) and pull-based (de)compressing readers. A compressing
// reader's read() pulls from its source and returns compressed bytes, so a copy stays one thread
// pulling one stack of readers (zstd adds its own worker threads inside the codec).
//
// Every reader here keeps a reference to its source, which must outlive it. Corrupt or truncated
// input is Error(kIo) naming the format; it is never passed on as data.
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "io/peek_reader.h"
#include "io/reader.h"

namespace periscope::io {

enum class Compression { kNone, kGzip, kZstd, kBzip2, kXz };

// "gzip", "zstd", "bzip2", "xz" (containers/image's algorithm names); "none" for kNone.
std::string_view compression_name(Compression compression);
// The inverse of compression_name for the four formats; nullopt for anything else (the caller
// decides what "zstd:chunked" means).
std::optional<Compression> compression_from_name(std::string_view name);

// The format whose magic number starts `head` (8 bytes are enough); kNone when none matches.
Compression detect_compression(std::string_view head);
// Detects from the first bytes of `reader` without consuming them.
Compression detect_compression(PeekReader& reader);

// Decompression. gzip reads multi-member streams (like Go's gzip.Reader) and verifies each
// member's CRC-32 and length; zstd reads concatenated frames. kNone gives a pass-through reader.
std::unique_ptr<Reader> gzip_decompressor(Reader& source);
std::unique_ptr<Reader> zstd_decompressor(Reader& source);
std::unique_ptr<Reader> bzip2_decompressor(Reader& source);
std::unique_ptr<Reader> xz_decompressor(Reader& source);
std::unique_ptr<Reader> decompressor(Compression compression, Reader& source);

// Compression. Levels follow the formats' usual scales; nullopt is the default.
// gzip: 0-9 (-1 also means default), else Error(kUsage). Levels 1-3 and the default use isa-l's
// igzip (several times faster than zlib at a ratio close to zlib's level 1-3, see
// compression_benchmark_test.cc); 0 and 4-9 use zlib for callers who ask for the ratio.
// zstd: libzstd levels (clamped to its range), default 3 like klauspost's SpeedDefault; `threads`
// 0 means one worker per core. Output carries a content checksum.
std::unique_ptr<Reader> gzip_compressor(Reader& source, std::optional<int> level = std::nullopt);
std::unique_ptr<Reader> zstd_compressor(Reader& source, std::optional<int> level = std::nullopt,
                                        int threads = 0);
// kGzip and kZstd; others are Error(kUnsupported) naming the format.
std::unique_ptr<Reader> compressor(Compression compression, Reader& source,
                                   std::optional<int> level = std::nullopt);

}  // namespace periscope::io
