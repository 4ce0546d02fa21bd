#include "config/system_config.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "core/error.h"

namespace periscope::config {
namespace {

namespace fs = std::filesystem;

const char* kSystemConf = "/etc/containers/registries.conf";
const char* kSystemDir = "/etc/containers/registries.conf.d";

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::vector<std::string> drop_ins(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::error_code type_ec;
    if (e.is_directory(type_ec)) continue;
    if (e.path().string().ends_with(".conf")) out.push_back(e.path().string());
  }
  if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory)
    throw Error(ErrorKind::kIo, "reading registries.conf.d: " + dir + ": " + ec.message());
  std::sort(out.begin(), out.end());
  return out;
}

std::map<std::string, Alias> load_alias_file(const std::string& path) {
  if (path.empty()) return {};
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};  // a missing file is fine; tools create it on first use
  std::stringstream ss;
  ss << in.rdbuf();
  try {
    return parse_alias_file(ss.str(), path);
  } catch (const Error& e) {
    throw Error(ErrorKind::kUsage,
                "loading short-name aliases config file \"" + path + "\": " + e.what());
  }
}

std::mutex g_mu;
std::string g_flag;
std::once_flag g_once;
std::unique_ptr<SystemConfig> g_config;
std::exception_ptr g_error;

}  // namespace

ConfPaths conf_paths(const std::string& flag) {
  ConfPaths p;
  const std::string home = env("HOME");
  const std::string user_conf = home + "/.config/containers/registries.conf";
  const std::string user_dir = home + "/.config/containers/registries.conf.d";
  std::string named = flag;
  if (named.empty()) {
    if (const char* v = std::getenv("CONTAINERS_REGISTRIES_CONF"))
      named = v;
    else if (const char* old = std::getenv("REGISTRIES_CONFIG_PATH"))
      named = old;
  }
  std::error_code ec;
  if (!named.empty()) {
    p.main = named;
    p.main_required = true;
    p.drop_in_dirs = {kSystemDir, user_dir};
  } else if (!home.empty() && fs::exists(user_conf, ec)) {
    // The user's file replaces the system one, and with it the system drop-ins.
    p.main = user_conf;
    p.drop_in_dirs = {user_dir};
  } else {
    p.main = kSystemConf;
    p.drop_in_dirs = {kSystemDir, user_dir};
  }
  if (::geteuid() == 0) {
    p.alias_file = "/var/cache/containers/short-name-aliases.conf";
  } else {
    std::string cache = env("XDG_CACHE_HOME");
    if (cache.empty() && !home.empty()) cache = home + "/.cache";
    if (!cache.empty()) p.alias_file = cache + "/containers/short-name-aliases.conf";
  }
  return p;
}

RegistriesConf load(const ConfPaths& paths) {
  std::optional<RegistriesConf> conf = load_registries_conf_file(paths.main, false);
  if (!conf) {
    if (paths.main_required)
      throw Error(ErrorKind::kUsage, "loading registries configuration \"" + paths.main +
                                         "\": open " + paths.main + ": no such file or directory");
    conf.emplace();
  }
  for (const auto& dir : paths.drop_in_dirs)
    for (const auto& file : drop_ins(dir))
      if (auto d = load_registries_conf_file(file, true)) merge(*conf, std::move(*d));
  return std::move(*conf);
}

std::string blocked_description(const ConfPaths& paths) {
  std::string dir = paths.drop_in_dirs.empty() ? "" : paths.drop_in_dirs.back();
  return paths.main + " or " + dir;
}

void set_registries_conf_flag(const std::string& path) {
  std::lock_guard lock(g_mu);
  g_flag = path;
}

const SystemConfig& system_config() {
  std::call_once(g_once, [] {
    try {
      auto c = std::make_unique<SystemConfig>();
      {
        std::lock_guard lock(g_mu);
        c->paths = conf_paths(g_flag);
      }
      c->conf = load(c->paths);
      c->user_aliases = load_alias_file(c->paths.alias_file);
      g_config = std::move(c);
    } catch (...) {
      g_error = std::current_exception();
    }
  });
  if (g_error) std::rethrow_exception(g_error);
  return *g_config;
}

}  // namespace periscope::config
