#include "sync/naming.h"

#include <vector>

namespace periscope::sync {
namespace {

std::string finish(std::string suffix, const NamingOptions& options) {
  if (!options.scoped) {
    suffix = go_path_base(suffix);
  }
  return go_path_join(options.destination, suffix) + options.append_suffix;
}

}  // namespace

std::string go_path_clean(std::string_view path) {
  if (path.empty()) {
    return ".";
  }
  const bool rooted = path.front() == '/';
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i < path.size()) {
    std::size_t end = path.find('/', i);
    if (end == std::string_view::npos) {
      end = path.size();
    }
    const std::string_view part = path.substr(i, end - i);
    i = end + 1;
    if (part.empty() || part == ".") {
      continue;
    }
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!rooted) {
        parts.push_back(part);  // a leading ".." of a relative path stays
      }
      continue;
    }
    parts.push_back(part);
  }
  std::string out = rooted ? "/" : "";
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (k > 0) {
      out += '/';
    }
    out += parts[k];
  }
  return out.empty() ? "." : out;
}

std::string go_path_join(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) {
    return "";
  }
  if (a.empty()) {
    return go_path_clean(b);
  }
  if (b.empty()) {
    return go_path_clean(a);
  }
  return go_path_clean(std::string(a) + "/" + std::string(b));
}

std::string go_path_base(std::string_view path) {
  if (path.empty()) {
    return ".";
  }
  while (path.size() > 1 && path.back() == '/') {
    path.remove_suffix(1);
  }
  if (path == "/") {
    return "/";
  }
  const std::size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string dir_image_path(std::string_view source, std::string_view relative) {
  return go_path_join(source, relative);
}

std::string destination_name(const reference::Named& image, const NamingOptions& options) {
  return finish(image.string(), options);
}

std::string destination_name(const DirImage& image, const NamingOptions& options) {
  // strings.TrimPrefix on the raw texts: "./src" is not a prefix of the walked "src/img", and a
  // SOURCE with a trailing slash that is itself the image leaves the whole path as the suffix.
  std::string suffix = image.path;
  if (suffix.starts_with(image.source)) {
    suffix.erase(0, image.source.size());
  }
  if (suffix.empty()) {
    suffix = go_path_base(image.source);
  }
  return finish(std::move(suffix), options);
}

}  // namespace periscope::sync
