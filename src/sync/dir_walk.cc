// find_image_dirs: skopeo's filepath.WalkDir over a dir: sync source.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/error.h"
#include "sync/plan.h"
#include "transport/dir/local_files.h"

namespace periscope::sync {
namespace {

// DirDestination stages in ".<name>.periscope-XXXXXX" (and ".periscope-staging-" inside mount
// points); a killed copy leaves one behind, and it must not be mistaken for an image.
bool is_staging_name(const std::string& name) {
  return name.starts_with(".") && name.find(".periscope-") != std::string::npos;
}

void walk(const std::string& root, const std::string& relative, std::vector<std::string>& out) {
  std::string dir = relative.empty() ? root : root + "/" + relative;
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr)
    throw Error(ErrorKind::kIo, "Error walking the path \"" + root +
                                    "\": " + transport::dir::os_error_text("open", dir, errno));
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  std::vector<std::string> subdirs;
  for (const auto& name : names) {
    std::string path = dir + "/" + name;
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0)
      throw Error(ErrorKind::kIo, "Error walking the path \"" + root +
                                      "\": " + transport::dir::os_error_text("lstat", path, errno));
    if (S_ISDIR(st.st_mode)) {
      if (!is_staging_name(name))
        subdirs.push_back(relative.empty() ? name : relative + "/" + name);
    } else if (name == "manifest.json") {
      out.push_back(relative);
      return;
    }
  }
  for (const auto& s : subdirs) walk(root, s, out);
}

}  // namespace

std::vector<std::string> find_image_dirs(const std::string& root) {
  std::vector<std::string> out;
  walk(root, "", out);
  return out;
}

}  // namespace periscope::sync
