#include "io/tar_header.h"

#include <cstring>
#include <vector>

namespace periscope::io::tar {

bool format_octal(char* field, std::size_t width, std::int64_t value) {
  if (value < 0) {
    return false;
  }
  // width-1 digits and a terminating NUL.
  std::memset(field, '0', width - 1);
  field[width - 1] = '\0';
  for (std::size_t i = width - 1; i-- > 0;) {
    field[i] = static_cast<char>('0' + (value & 7));
    value >>= 3;
  }
  return value == 0;
}

void format_base256(char* field, std::size_t width, std::int64_t value) {
  auto v = static_cast<std::uint64_t>(value);
  for (std::size_t i = width; i-- > 0;) {
    field[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  field[0] = static_cast<char>(static_cast<unsigned char>(field[0]) | 0x80);
}

std::optional<std::int64_t> parse_number(const char* field, std::size_t width) {
  auto first = static_cast<unsigned char>(field[0]);
  if (first & 0x80) {
    if (first == 0xff) {
      return std::nullopt;  // negative: never valid for sizes and times we use
    }
    std::uint64_t v = first & 0x7f;
    for (std::size_t i = 1; i < width; ++i) {
      if (v >> 55) {
        return std::nullopt;
      }
      v = (v << 8) | static_cast<unsigned char>(field[i]);
    }
    if (v > static_cast<std::uint64_t>(INT64_MAX)) {
      return std::nullopt;
    }
    return static_cast<std::int64_t>(v);
  }
  std::size_t i = 0;
  while (i < width && (field[i] == ' ' || field[i] == '\0')) {
    ++i;
  }
  std::int64_t v = 0;
  bool digits = false;
  for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i) {
    if (v >> 60) {
      return std::nullopt;
    }
    v = v * 8 + (field[i] - '0');
    digits = true;
  }
  for (; i < width; ++i) {
    if (field[i] != ' ' && field[i] != '\0') {
      return std::nullopt;
    }
  }
  (void)digits;  // an all-blank field is 0, as Go reads it
  return v;
}

std::int64_t checksum_of(const UstarHeader& header) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(&header);
  std::int64_t sum = 0;
  for (std::int64_t i = 0; i < kBlockSize; ++i) {
    sum += bytes[i];
  }
  for (unsigned char c : header.checksum) {
    sum -= c;
  }
  return sum + std::int64_t{8} * ' ';
}

void seal(UstarHeader& header) {
  std::int64_t sum = checksum_of(header);
  format_octal(header.checksum, 7, sum);
  header.checksum[7] = ' ';
}

std::string_view field_string(const char* field, std::size_t width) {
  const void* nul = std::memchr(field, '\0', width);
  return std::string_view(field, nul ? static_cast<const char*>(nul) - field : width);
}

std::string clean_path(std::string_view path) {
  bool absolute = !path.empty() && path.front() == '/';
  std::vector<std::string_view> parts;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    std::size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos) {
      slash = path.size();
    }
    std::string_view part = path.substr(pos, slash - pos);
    pos = slash + 1;
    if (part.empty() || part == ".") {
      continue;
    }
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!absolute) {
        parts.push_back(part);
      }
      continue;
    }
    parts.push_back(part);
  }
  std::string out = absolute ? "/" : "";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) {
      out += '/';
    }
    out += parts[i];
  }
  return out.empty() ? "." : out;
}

bool is_safe_member_name(std::string_view path) {
  if (path.empty() || path.front() == '/') {
    return false;
  }
  std::size_t pos = 0;
  while (pos <= path.size()) {
    std::size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos) {
      slash = path.size();
    }
    if (path.substr(pos, slash - pos) == "..") {
      return false;
    }
    pos = slash + 1;
  }
  return true;
}

std::optional<std::string> resolve_link(std::string_view member, std::string_view target,
                                        bool symbolic) {
  if (target.empty() || target.front() == '/') {
    return std::nullopt;
  }
  std::string base;
  if (symbolic) {
    std::string m = clean_path(member);
    auto slash = m.rfind('/');
    base = slash == std::string::npos ? "" : m.substr(0, slash + 1);
  }
  std::string resolved = clean_path(base + std::string(target));
  if (resolved == ".." || resolved.starts_with("../")) {
    return std::nullopt;
  }
  return resolved;
}

}  // namespace periscope::io::tar
