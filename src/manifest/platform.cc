#include "manifest/platform.h"

#include <algorithm>
#include <climits>
#include <fstream>
#include <map>
#include <sstream>

#include "core/error.h"
#include "manifest/go_struct.h"
#include "manifest/media_type.h"

namespace periscope::manifest {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// getCPUInfo: the value of the first "key: value" line whose key matches, case-insensitively.
std::optional<std::string> cpuinfo_value(std::string_view cpuinfo, std::string_view key) {
  std::size_t pos = 0;
  while (pos < cpuinfo.size()) {
    std::size_t end = cpuinfo.find('\n', pos);
    if (end == std::string_view::npos) end = cpuinfo.size();
    std::string_view line = cpuinfo.substr(pos, end - pos);
    pos = end + 1;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    if (lower(trim(line.substr(0, colon))) != lower(key)) continue;
    std::string_view value = line.substr(colon + 1);
    // Go splits on every ':' and keeps only the second field.
    value = value.substr(0, value.find(':'));
    return std::string(trim(value));
  }
  return std::nullopt;
}

std::string host_variant() {
  std::string arch = host_architecture();
  if (arch != "arm" && arch != "arm64") return "";
  std::ifstream in("/proc/cpuinfo");
  std::stringstream text;
  text << in.rdbuf();
  return arm_variant_from_cpuinfo(text.str());
}

// c/image's compatibility table: known variants from most to least capable.
const std::vector<std::string>* compatible_variants(const std::string& arch) {
  static const std::map<std::string, std::vector<std::string>> kTable = {
      {"arm", {"v8", "v7", "v6", "v5"}},
      {"arm64", {"v8"}},
  };
  auto it = kTable.find(arch);
  return it == kTable.end() ? nullptr : &it->second;
}

bool matches(const Platform& image, const Platform& wanted) {
  return image.architecture == wanted.architecture && image.os == wanted.os &&
         image.variant == wanted.variant;
}

bool is_zstd(const Descriptor& d) {
  if (!d.annotations) return false;
  auto it = d.annotations->find(std::string(kZstdInstanceAnnotation));
  return it != d.annotations->end() && it->second == "true";
}

[[noreturn]] void not_found(const std::string& what, const Platform& first) {
  throw Error(ErrorKind::kUnsupported, "no image found in " + what + " for architecture " +
                                           go::go_quote(first.architecture) + ", variant " +
                                           go::go_quote(first.variant) + ", OS " +
                                           go::go_quote(first.os));
}

}  // namespace

std::string host_os() {
#if defined(__linux__)
  return "linux";
#elif defined(__APPLE__)
  return "darwin";
#elif defined(__FreeBSD__)
  return "freebsd";
#else
  return "linux";
#endif
}

std::string host_architecture() {
#if defined(__x86_64__)
  return "amd64";
#elif defined(__aarch64__)
  return "arm64";
#elif defined(__arm__)
  return "arm";
#elif defined(__i386__)
  return "386";
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  return "ppc64le";
#elif defined(__powerpc64__)
  return "ppc64";
#elif defined(__s390x__)
  return "s390x";
#elif defined(__riscv) && __riscv_xlen == 64
  return "riscv64";
#elif defined(__loongarch64)
  return "loong64";
#elif defined(__mips64) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  return "mips64le";
#elif defined(__mips64)
  return "mips64";
#else
  return "unknown";
#endif
}

std::string arm_variant_from_cpuinfo(std::string_view cpuinfo) {
  auto arch = cpuinfo_value(cpuinfo, "Cpu architecture");
  if (!arch) return "";
  std::string v = lower(*arch);
  if (v == "8" || v == "aarch64") return "v8";
  if (v == "7m" || v == "?(12)" || v == "?(13)" || v == "?(14)" || v == "?(15)" || v == "?(16)" ||
      v == "?(17)") {
    return "v7";
  }
  if (v == "7") {
    // Raspberry Pi Zero kernels report 7 for an ARMv6 CPU; the model name tells.
    auto model = cpuinfo_value(cpuinfo, "model name");
    if (!model) return "";
    return lower(*model).starts_with("armv6-compatible") ? "v6" : "v7";
  }
  if (v == "6" || v == "6tej") return "v6";
  if (v == "5" || v == "5t" || v == "5te" || v == "5tej") return "v5";
  if (v == "4" || v == "4t") return "v4";
  if (v == "3") return "v3";
  return "";
}

std::vector<Platform> wanted_platforms(const PlatformWanted& wanted,
                                       std::string_view detected_variant) {
  std::string arch = wanted.architecture.empty() ? host_architecture() : wanted.architecture;
  std::string variant = wanted.architecture.empty() ? std::string(detected_variant) : "";
  if (!wanted.variant.empty()) variant = wanted.variant;
  std::string os = wanted.os.empty() ? host_os() : wanted.os;

  std::vector<std::string> variants;
  const std::vector<std::string>* known = compatible_variants(arch);
  if (!variant.empty()) {
    if (known && std::find(known->begin(), known->end(), variant) != known->end()) {
      variants.assign(std::find(known->begin(), known->end(), variant), known->end());
    } else {
      variants = {variant};  // a variant we know nothing about: only itself
    }
    variants.push_back("");
  } else {
    variants.push_back("");
    if (known) variants.insert(variants.end(), known->begin(), known->end());
  }
  std::vector<Platform> out;
  for (const std::string& v : variants) {
    Platform p;
    p.os = os;
    p.architecture = arch;
    p.variant = v;
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<Platform> wanted_platforms(const PlatformWanted& wanted) {
  return wanted_platforms(wanted, wanted.architecture.empty() ? host_variant() : "");
}

const Descriptor& choose_instance(const ManifestList& list, const std::vector<Platform>& wanted,
                                  bool prefer_gzip) {
  if (list.media_type != kOciIndex) {
    for (const Platform& w : wanted) {
      for (const Descriptor& d : list.manifests) {
        if (matches(d.platform.value_or(Platform{}), w)) return d;
      }
    }
    not_found("manifest list", wanted.front());
  }
  const Descriptor* best = nullptr;
  std::size_t best_rank = SIZE_MAX;
  for (const Descriptor& d : list.manifests) {
    std::size_t rank = SIZE_MAX;  // no platform: acceptable, least preferred
    if (d.platform) {
      auto it = std::find_if(wanted.begin(), wanted.end(),
                             [&](const Platform& w) { return matches(*d.platform, w); });
      if (it == wanted.end()) continue;
      rank = static_cast<std::size_t>(it - wanted.begin());
    }
    bool better = best == nullptr || rank < best_rank ||
                  (rank == best_rank && is_zstd(d) != is_zstd(*best) &&
                   (prefer_gzip ? !is_zstd(d) : is_zstd(d)));
    if (better) {
      best = &d;
      best_rank = rank;
    }
  }
  if (best == nullptr) not_found("image index", wanted.front());
  return *best;
}

const Descriptor& choose_instance(const ManifestList& list, const PlatformWanted& wanted) {
  return choose_instance(list, wanted_platforms(wanted));
}

}  // namespace periscope::manifest
