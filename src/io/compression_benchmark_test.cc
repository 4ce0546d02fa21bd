// Throughput of the codecs and the digest check, printed, never asserted on (timings on a shared
// machine are noise). Disabled by default; run with
//   periscope_tests --gtest_also_run_disabled_tests --gtest_filter='*Benchmark*'
// PERISCOPE_BENCH_MB sets the input size (default 100); the compressible input is the machine's
// own binaries and libraries, which look like a typical layer.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>

#include "io/compression.h"
#include "io/digesting_reader.h"
#include "io/test_readers.h"

namespace periscope::io {
namespace {

std::size_t bench_size() {
  const char* mb = std::getenv("PERISCOPE_BENCH_MB");
  return static_cast<std::size_t>(mb ? std::atoi(mb) : 100) << 20;
}

std::string layer_like_bytes(std::size_t size) {
  std::string out;
  std::error_code ec;
  for (const char* dir : {"/usr/lib/x86_64-linux-gnu", "/usr/lib", "/usr/bin", "/usr/share"}) {
    for (auto it = std::filesystem::recursive_directory_iterator(
             dir, std::filesystem::directory_options::skip_permission_denied, ec);
         it != std::filesystem::recursive_directory_iterator() && out.size() < size;
         it.increment(ec)) {
      if (ec || !it->is_regular_file(ec) || it->is_symlink(ec)) continue;
      std::ifstream file(it->path(), std::ios::binary);
      out.append(std::istreambuf_iterator<char>(file), {});
    }
  }
  if (out.size() < size) out += test_readers::text_bytes(size - out.size());
  out.resize(size);
  return out;
}

// Buffers are allocated and touched before the clock starts: first-touch page faults are slow on
// this virtual machine and would swamp the codecs.
class Sink {
 public:
  explicit Sink(std::size_t capacity) : bytes_(capacity, '\0') {}
  // Pulls everything from `reader` in 128 KiB reads like the copy engine, keeping what fits.
  void pull(Reader& reader) {
    size_ = 0;
    char buffer[128 * 1024];
    while (std::size_t n = reader.read(buffer, sizeof buffer)) {
      std::size_t keep = std::min(n, bytes_.size() - std::min(bytes_.size(), size_));
      std::memcpy(bytes_.data() + size_, buffer, keep);
      size_ += n;
    }
  }
  std::string_view bytes() const { return std::string_view(bytes_).substr(0, size_); }
  std::size_t size() const { return size_; }

 private:
  std::string bytes_;
  std::size_t size_ = 0;
};

double seconds_of(const std::function<void()>& work) {
  auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

using Compress = std::function<std::unique_ptr<Reader>(Reader&)>;

void report(const char* input_name, const std::string& input, const char* codec,
            const Compress& compress, Compression format) {
  Sink compressed(input.size() + input.size() / 8 + (1 << 20));
  StringReader plain(input);
  double tc = seconds_of([&] { compressed.pull(*compress(plain)); });
  Sink round(input.size());
  StringReader packed{std::string(compressed.bytes())};
  double td = seconds_of([&] { round.pull(*decompressor(format, packed)); });
  double mb = static_cast<double>(input.size()) / 1e6;
  std::printf("%-12s %-16s ratio %.3f  compress %7.1f MB/s  decompress %7.1f MB/s%s\n", input_name,
              codec, static_cast<double>(compressed.size()) / input.size(), mb / tc, mb / td,
              round.bytes() == input ? "" : "  ROUND TRIP FAILED");
  std::fflush(stdout);
}

TEST(CompressionBenchmark, DISABLED_ReportsThroughputOfEachCodec) {
  std::size_t size = bench_size();
  struct Input {
    const char* name;
    std::string bytes;
  };
  Input inputs[] = {{"random", test_readers::random_bytes(size)},
                    {"layer-like", layer_like_bytes(size)}};
  for (const Input& in : inputs) {
    StringReader source(in.bytes);
    DigestingReader digesting(source);
    Sink sink(in.bytes.size());
    double digest_s = seconds_of([&] { sink.pull(digesting); });
    std::printf("%-12s %-16s %7.1f MB/s\n", in.name, "sha256-check",
                static_cast<double>(in.bytes.size()) / 1e6 / digest_s);
    for (int level : {1, 2, 3, 6}) {
      std::string name = "gzip-" + std::to_string(level) + (level <= 3 ? " isa-l" : " zlib");
      report(
          in.name, in.bytes, name.c_str(), [level](Reader& r) { return gzip_compressor(r, level); },
          Compression::kGzip);
    }
    report(
        in.name, in.bytes, "gzip-default", [](Reader& r) { return gzip_compressor(r); },
        Compression::kGzip);
    report(
        in.name, in.bytes, "zstd-1 mt", [](Reader& r) { return zstd_compressor(r, 1); },
        Compression::kZstd);
    report(
        in.name, in.bytes, "zstd-3 1 thread", [](Reader& r) { return zstd_compressor(r, 3, 1); },
        Compression::kZstd);
    report(
        in.name, in.bytes, "zstd-3 mt", [](Reader& r) { return zstd_compressor(r); },
        Compression::kZstd);
    report(
        in.name, in.bytes, "zstd-9 mt", [](Reader& r) { return zstd_compressor(r, 9); },
        Compression::kZstd);
  }
}

}  // namespace
}  // namespace periscope::io
