#include "auth/auth_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "auth/credential_helper.h"
#include "core/base64.h"
#include "core/error.h"
#include "core/go_json.h"

namespace periscope::auth {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;  // sorted keys, as Go marshals maps

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string home() { return env("HOME"); }

// nullopt when the file does not exist.
std::optional<Json> read_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT || !fs::exists(path)) return std::nullopt;
    throw Error(ErrorKind::kIo, "reading auth file " + path + ": " + std::strerror(errno));
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return Json::object();
  try {
    Json j = Json::parse(text);
    if (!j.is_object()) throw Error(ErrorKind::kIo, "auth file " + path + " is not a JSON object");
    return j;
  } catch (const Json::parse_error& e) {
    throw Error(ErrorKind::kIo, "unmarshaling JSON at \"" + path + "\": " + e.what());
  }
}

std::string normalize_registry(std::string_view registry) {
  if (registry == "registry-1.docker.io" || registry == "docker.io") return "index.docker.io";
  return std::string(registry);
}

std::string normalize_key(std::string_view key, bool legacy) {
  std::string_view stripped = key;
  if (stripped.starts_with("http://")) stripped.remove_prefix(7);
  else if (stripped.starts_with("https://")) stripped.remove_prefix(8);
  if (legacy || stripped.size() != key.size()) stripped = stripped.substr(0, stripped.find('/'));
  return normalize_registry(stripped);
}

Credentials decode_entry(const std::string& path, const std::string& key, const Json& entry) {
  Credentials c;
  if (!entry.is_object()) return c;
  if (auto it = entry.find("identitytoken"); it != entry.end() && it->is_string()) c.identity_token = *it;
  if (auto it = entry.find("auth"); it != entry.end() && it->is_string() && !it->get_ref<const std::string&>().empty()) {
    auto decoded = base64_decode(it->get<std::string>());
    if (!decoded) throw Error(ErrorKind::kIo, "decoding credentials for " + key + " in " + path + ": invalid base64");
    auto colon = decoded->find(':');
    // As containers/image and docker: an entry without "user:" is skipped, not an error.
    if (colon == std::string::npos) return c;
    c.username = decoded->substr(0, colon);
    c.password = decoded->substr(colon + 1);
    while (!c.password.empty() && c.password.back() == '\0') c.password.pop_back();
  }
  return c;
}

const Json* auths_of(const Json& j, bool legacy) {
  if (legacy) return &j;
  auto it = j.find("auths");
  return (it != j.end() && it->is_object()) ? &*it : nullptr;
}

void write_atomically(const std::string& path, const std::string& content) {
  fs::path p(path);
  if (p.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(p.parent_path(), ec);
    if (ec) throw Error(ErrorKind::kIo, "creating " + p.parent_path().string() + ": " + ec.message());
    ::chmod(p.parent_path().c_str(), 0700);  // best effort, as containers/image creates it 0700
  }
  std::string tmp = path + ".tmp-periscope-" + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw Error(ErrorKind::kIo, "writing auth file " + path + ": " + std::strerror(errno));
  ::fchmod(fd, 0600);
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      throw Error(ErrorKind::kIo, "writing auth file " + path + ": " + std::strerror(err));
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    throw Error(ErrorKind::kIo, "writing auth file " + path + ": " + std::strerror(err));
  }
}

void write_json(const std::string& path, const Json& j) {
  // Go's json.MarshalIndent(config, "", "\t") with sorted map keys.
  write_atomically(path, go_json(periscope::Json::parse(j.dump()), {.indent = 1, .indent_char = '\t'}));
}

}  // namespace

std::string primary_path(const std::string& authfile_flag) {
  if (!authfile_flag.empty()) return authfile_flag;
  if (std::string f = env("REGISTRY_AUTH_FILE"); !f.empty()) return f;
  if (std::string xdg = env("XDG_RUNTIME_DIR"); !xdg.empty()) return xdg + "/containers/auth.json";
  return "/run/containers/" + std::to_string(::getuid()) + "/auth.json";
}

std::vector<AuthFile> search_order(const std::string& authfile_flag) {
  std::vector<AuthFile> files{{primary_path(authfile_flag), false}};
  bool explicit_file = !authfile_flag.empty() || !env("REGISTRY_AUTH_FILE").empty();
  if (explicit_file) return files;
  std::string config_home = env("XDG_CONFIG_HOME");
  if (config_home.empty()) config_home = home() + "/.config";
  files.push_back({config_home + "/containers/auth.json", false});
  std::string docker = env("DOCKER_CONFIG");
  files.push_back({(docker.empty() ? home() + "/.docker" : docker) + "/config.json", false});
  files.push_back({home() + "/.dockercfg", true});
  return files;
}

namespace {

std::optional<FileHelper> file_helper_in(const Json& j, std::string_view key) {
  std::string_view host = key;
  if (host.starts_with("http://")) host.remove_prefix(7);
  else if (host.starts_with("https://")) host.remove_prefix(8);
  std::string registry(host.substr(0, host.find('/')));
  if (auto helpers = j.find("credHelpers"); helpers != j.end() && helpers->is_object()) {
    if (auto it = helpers->find(registry); it != helpers->end() && it->is_string() && !it->get_ref<const std::string&>().empty())
      return FileHelper{*it, registry, true};
    const std::string want = normalize_registry(registry);
    for (auto it = helpers->begin(); it != helpers->end(); ++it)
      if (it->is_string() && normalize_key(it.key(), false) == want) return FileHelper{*it, it.key(), true};
  }
  if (auto store = j.find("credsStore"); store != j.end() && store->is_string() && !store->get_ref<const std::string&>().empty()) {
    bool hub = normalize_registry(registry) == "index.docker.io";
    return FileHelper{*store, hub ? "https://index.docker.io/v1/" : registry, false};
  }
  return std::nullopt;
}

std::optional<Credentials> lookup_auths(const AuthFile& f, const Json& j, const std::vector<std::string>& keys,
                                        std::string_view registry) {
  const Json* auths = auths_of(j, f.legacy);
  if (!auths) return std::nullopt;
  if (!f.legacy) {
    for (const auto& k : keys) {
      if (auto it = auths->find(k); it != auths->end()) {
        Credentials c = decode_entry(f.path, k, *it);
        if (!c.empty()) return c;
      }
    }
  }
  std::string want = normalize_registry(registry);
  for (auto it = auths->begin(); it != auths->end(); ++it) {
    if (normalize_key(it.key(), f.legacy) != want) continue;
    Credentials c = decode_entry(f.path, it.key(), *it);
    if (!c.empty()) return c;
  }
  return std::nullopt;
}

}  // namespace

std::optional<FileHelper> file_helper(const std::string& path, std::string_view key) {
  auto j = read_json(path);
  if (!j) return std::nullopt;
  return file_helper_in(*j, key);
}

std::optional<Credentials> lookup(const std::vector<AuthFile>& files, std::string_view registry,
                                  std::string_view repository_path) {
  // Most specific first: host/ns/repo, host/ns, host.
  std::vector<std::string> keys;
  std::string full = std::string(registry) + (repository_path.empty() ? "" : "/" + std::string(repository_path));
  for (std::string k = full;;) {
    keys.push_back(k);
    auto slash = k.rfind('/');
    if (slash == std::string::npos || k.size() <= registry.size()) break;
    k = k.substr(0, slash);
  }
  for (const AuthFile& f : files) {
    auto j = read_json(f.path);
    if (!j) continue;
    if (!f.legacy) {
      if (auto fh = file_helper_in(*j, registry)) {
        if (auto c = helper_get(fh->helper, fh->server_url)) return c;
        // credHelpers is authoritative for its registry (containers/image); a credsStore that has
        // nothing leaves the file's own entries to be tried, as docker does.
        if (fh->from_cred_helpers) continue;
      }
    }
    if (auto c = lookup_auths(f, *j, keys, registry)) return c;
  }
  return std::nullopt;
}

void store(const std::string& path, const std::string& key, const Credentials& credentials) {
  Json j = read_json(path).value_or(Json::object());
  Json& auths = j["auths"];
  if (!auths.is_object()) auths = Json::object();
  Json entry = Json::object();
  if (!credentials.username.empty() || !credentials.password.empty())
    entry["auth"] = base64_encode(credentials.username + ":" + credentials.password);
  if (!credentials.identity_token.empty()) entry["identitytoken"] = credentials.identity_token;
  auths[key] = entry;
  write_json(path, j);
}

bool remove(const std::string& path, const std::string& key) {
  auto j = read_json(path);
  if (!j) return false;
  auto it = j->find("auths");
  if (it == j->end() || !it->is_object() || !it->contains(key)) return false;
  it->erase(key);
  write_json(path, *j);
  return true;
}

void remove_all(const std::string& path) {
  auto j = read_json(path);
  if (!j) return;
  (*j)["auths"] = Json::object();
  write_json(path, *j);
}

std::optional<Credentials> read_entry(const std::string& path, const std::string& key) {
  auto j = read_json(path);
  if (!j) return std::nullopt;
  const Json* auths = auths_of(*j, false);
  if (!auths) return std::nullopt;
  auto it = auths->find(key);
  if (it == auths->end()) return std::nullopt;
  return decode_entry(path, key, *it);
}

}  // namespace periscope::auth
