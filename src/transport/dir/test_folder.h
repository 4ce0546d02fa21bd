#pragma once
// Test helpers of the dir: and oci: tests: a temporary folder removed afterwards, a snapshot of a
// tree's files and bytes (to prove a failed copy changed nothing), and readers that fail.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "core/error.h"
#include "io/reader.h"

namespace periscope::transport::testing {

class TestFolder {
 public:
  TestFolder() {
    char pattern[] = "/tmp/periscope-test-XXXXXX";
    char* made = ::mkdtemp(pattern);
    if (made == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = made;
  }
  ~TestFolder() { std::filesystem::remove_all(path_); }
  TestFolder(const TestFolder&) = delete;
  TestFolder& operator=(const TestFolder&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every entry under `root` (relative path -> content, "<dir>" for folders).
inline std::map<std::string, std::string> snapshot(const std::string& root) {
  std::map<std::string, std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
    std::string rel = std::filesystem::relative(e.path(), root).string();
    out[rel] = e.is_directory() ? "<dir>" : read_text(e.path().string());
  }
  return out;
}

// Yields its bytes, then throws where a digest check would: at the end of the stream.
class FailAtEofReader : public io::Reader {
 public:
  explicit FailAtEofReader(std::string bytes) : inner_(std::move(bytes)) {}
  std::size_t read(char* buffer, std::size_t size) override {
    std::size_t n = inner_.read(buffer, size);
    if (n == 0) throw Error(ErrorKind::kDigestMismatch, "Digest did not match (test)");
    return n;
  }

 private:
  io::StringReader inner_;
};

}  // namespace periscope::transport::testing
