#include "core/digest.h"

#include <openssl/evp.h>

#include "core/error.h"

namespace periscope {
namespace {

std::size_t hex_length_for(std::string_view algorithm) {
  if (algorithm == "sha256") return 64;
  if (algorithm == "sha384") return 96;
  if (algorithm == "sha512") return 128;
  return 0;
}

// Empty string when valid, else the reason.
std::string problem_with(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos) return "missing algorithm prefix";
  auto algorithm = text.substr(0, colon);
  auto hex = text.substr(colon + 1);
  std::size_t want = hex_length_for(algorithm);
  if (want == 0) return "unsupported digest algorithm \"" + std::string(algorithm) + "\"";
  if (hex.size() != want) return "invalid checksum digest length";
  for (char c : hex) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return "invalid checksum digest format";
  }
  return {};
}

}  // namespace

Digest Digest::parse(std::string_view text) {
  std::string why = problem_with(text);
  if (!why.empty()) throw_usage("invalid digest \"" + std::string(text) + "\": " + why);
  return Digest(std::string(text));
}

bool Digest::valid(std::string_view text) { return problem_with(text).empty(); }

Digest Digest::sha256_of(std::string_view bytes) {
  Sha256 h;
  h.update(bytes);
  return h.finish();
}

std::string_view Digest::algorithm() const {
  std::string_view t = text_;
  return t.substr(0, t.find(':'));
}

std::string_view Digest::hex() const {
  std::string_view t = text_;
  auto colon = t.find(':');
  return colon == std::string_view::npos ? std::string_view{} : t.substr(colon + 1);
}

struct Sha256::Impl {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~Impl() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256() : impl_(std::make_unique<Impl>()) {
  if (!impl_->ctx || EVP_DigestInit_ex(impl_->ctx, EVP_sha256(), nullptr) != 1)
    throw Error(ErrorKind::kInternal, "cannot initialise SHA-256");
}
Sha256::~Sha256() = default;

void Sha256::update(const void* data, std::size_t size) {
  EVP_DigestUpdate(impl_->ctx, data, size);
}

Digest Sha256::finish() {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(impl_->ctx, out, &len);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text = "sha256:";
  for (unsigned i = 0; i < len; ++i) {
    text += kHex[out[i] >> 4];
    text += kHex[out[i] & 15];
  }
  return Digest(std::move(text));
}

}  // namespace periscope
