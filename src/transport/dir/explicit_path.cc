#include "transport/dir/explicit_path.h"

#include <sys/stat.h>

#include <cerrno>
#include <filesystem>

#include "core/error.h"
#include "transport/dir/local_files.h"

namespace periscope::transport::dir {
namespace {

namespace fs = std::filesystem;

// filepath.Abs + filepath.EvalSymlinks of a path that should exist. EvalSymlinks reports the
// first component that is missing, so we do too.
std::string resolve_existing(const std::string& path) {
  fs::path abs = fs::absolute(path.empty() ? "." : path).lexically_normal();
  std::string text = abs.string();
  if (text.size() > 1 && text.back() == '/') {
    text.pop_back();
  }
  std::error_code ec;
  fs::path resolved = fs::canonical(text, ec);
  if (!ec) {
    return resolved.string();
  }
  fs::path prefix;
  for (const fs::path& part : fs::path(text)) {
    prefix /= part;
    struct stat st;
    if (::lstat(prefix.c_str(), &st) != 0) {
      throw_usage(os_error_text("lstat", prefix.string(), errno));
    }
  }
  throw_usage("resolving " + text + ": " + ec.message());
}

}  // namespace

std::string resolve_explicit_path(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0) {
    return resolve_existing(path);
  }
  if (errno != ENOENT) {
    throw_usage(os_error_text("lstat", path, errno));
  }
  auto slash = path.rfind('/');
  std::string parent = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  std::string file = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string resolved_parent = resolve_existing(parent);
  if (file == "." || file == "..") {
    throw_usage("Unexpectedly missing special filename component in " + path);
  }
  if (file.empty()) {
    return resolved_parent;
  }
  return (fs::path(resolved_parent) / file).string();
}

}  // namespace periscope::transport::dir
