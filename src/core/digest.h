#pragma once
// Content digests ("sha256:<64 hex>") as OCI descriptors use them.
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace periscope {

class Digest {
 public:
  Digest() = default;
  // Throws Error(kUsage) naming what is wrong when `text` is not algorithm:hex with a known
  // algorithm (sha256, sha384, sha512) and the right hex length, lowercase.
  static Digest parse(std::string_view text);
  // Returns false instead of throwing.
  static bool valid(std::string_view text);
  static Digest sha256_of(std::string_view bytes);

  const std::string& str() const { return text_; }
  std::string_view algorithm() const;
  std::string_view hex() const;
  bool empty() const { return text_.empty(); }
  bool operator==(const Digest&) const = default;
  auto operator<=>(const Digest&) const = default;

 private:
  friend class Sha256;
  explicit Digest(std::string text) : text_(std::move(text)) {}
  std::string text_;
};

// Incremental SHA-256 (OpenSSL, hardware accelerated where available).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(const void* data, std::size_t size);
  void update(std::string_view bytes) { update(bytes.data(), bytes.size()); }
  Digest finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace periscope
