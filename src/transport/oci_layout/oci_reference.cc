#include "transport/oci_layout/oci_reference.h"

#include <cctype>
#include <charconv>

#include "core/error.h"
#include "transport/dir/explicit_path.h"
#include "transport/oci_layout/oci_destination.h"
#include "transport/oci_layout/oci_source.h"

namespace periscope::transport::oci_layout {
namespace {

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// c/image's refRegexp: component(/component)*, component = alnum+ (separator alnum+)*, separator
// one of - . _ : @ + or "--". "--" is two '-' separators in a row; any other run of two is refused.
bool valid_image_name(std::string_view s) {
  std::size_t i = 0;
  while (true) {  // one component
    if (i >= s.size() || !is_alnum(s[i])) {
      return false;
    }
    while (i < s.size() && is_alnum(s[i])) {
      ++i;
    }
    while (i < s.size() && s[i] != '/') {
      char c = s[i];
      if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
        i += 2;
      } else if (c == '-' || c == '.' || c == '_' || c == ':' || c == '@' || c == '+') {
        ++i;
      } else {
        return false;
      }
      if (i >= s.size() || !is_alnum(s[i])) {
        return false;
      }
      while (i < s.size() && is_alnum(s[i])) {
        ++i;
      }
    }
    if (i == s.size()) {
      return true;
    }
    ++i;  // '/'
  }
}

// Go's strconv.Atoi: optional sign, decimal digits.
std::optional<long long> go_atoi(std::string_view s) {
  std::string_view digits = s;
  bool negative = false;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
    negative = digits[0] == '-';
    digits.remove_prefix(1);
  }
  if (digits.empty()) {
    return std::nullopt;
  }
  long long value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size()) {
    return std::nullopt;
  }
  return negative ? -value : value;
}

}  // namespace

std::unique_ptr<ImageReference> parse_oci_reference(std::string_view rest) {
  auto colon = rest.find(':');
  std::string path(rest.substr(0, colon));
  std::string image = colon == std::string_view::npos ? "" : std::string(rest.substr(colon + 1));
  int index = -1;
  if (!image.empty() && image.front() == '@') {
    std::string number = image.substr(1);
    auto value = go_atoi(number);
    if (!value) {
      throw_usage("Invalid source index @" + number + ": not an integer: strconv.Atoi: parsing \"" +
                  number + "\": invalid syntax");
    }
    if (*value < 0) {
      throw_usage("Invalid source index @" + std::to_string(*value) + ": must not be negative");
    }
    if (*value > INT32_MAX) {
      throw_usage("Invalid source index @" + number + ": too large");
    }
    index = static_cast<int>(*value);
    image.clear();
  }
  std::string resolved = dir::resolve_explicit_path(path);
  if (!image.empty() && !valid_image_name(image)) {
    throw_usage("Invalid image " + image);
  }
  return std::make_unique<OciReference>(std::move(path), std::move(resolved), std::move(image),
                                        index);
}

std::string OciReference::to_string() const {
  if (source_index_ >= 0) {
    return "oci:" + path_ + ":@" + std::to_string(source_index_);
  }
  return "oci:" + path_ + ":" + image_;
}

std::string OciReference::blob_path(const Digest& digest,
                                    const std::string& shared_blob_dir) const {
  std::string root = shared_blob_dir.empty() ? path_ + "/blobs" : shared_blob_dir;
  return root + "/" + std::string(digest.algorithm()) + "/" + std::string(digest.hex());
}

std::unique_ptr<ImageSource> OciReference::open_source(const TransportOptions& options) const {
  return std::make_unique<OciSource>(*this, options.shared_blob_dir);
}

std::unique_ptr<ImageDestination> OciReference::open_destination(
    const TransportOptions& options) const {
  if (source_index_ >= 0) {
    throw_usage("Destination reference must not contain a manifest index @" +
                std::to_string(source_index_));
  }
  return std::make_unique<OciDestination>(*this, options);
}

}  // namespace periscope::transport::oci_layout
