#include "registry/cert_dir.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "core/error.h"

namespace periscope::registry {

namespace fs = std::filesystem;

std::string find_cert_dir(const std::string& cert_dir_flag, const std::string& registry) {
  if (!cert_dir_flag.empty()) return cert_dir_flag;
  std::vector<std::string> roots;
  if (const char* home = std::getenv("HOME")) roots.push_back(std::string(home) + "/.config/containers/certs.d");
  roots.push_back("/etc/containers/certs.d");
  roots.push_back("/etc/docker/certs.d");
  for (const auto& root : roots) {
    std::error_code ec;
    fs::path p = fs::path(root) / registry;
    if (fs::is_directory(p, ec)) return p.string();
  }
  return {};
}

void load_cert_dir(const std::string& dir, http::TlsOptions& tls) {
  if (dir.empty()) return;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;  // skopeo ignores a missing cert dir
  std::vector<fs::path> entries;
  for (const auto& e : fs::directory_iterator(dir, ec)) entries.push_back(e.path());
  std::sort(entries.begin(), entries.end());
  for (const auto& p : entries) {
    std::string ext = p.extension().string();
    if (ext == ".crt") {
      tls.extra_ca_files.push_back(p.string());
    } else if (ext == ".cert") {
      fs::path key = p;
      key.replace_extension(".key");
      if (!fs::exists(key))
        throw Error(ErrorKind::kIo, "missing key " + key.filename().string() + " for client certificate " +
                                        p.filename().string() + ". Note that CA certificates should use the extension .crt");
      tls.client_cert_file = p.string();
      tls.client_key_file = key.string();
    } else if (ext == ".key") {
      fs::path cert = p;
      cert.replace_extension(".cert");
      if (!fs::exists(cert))
        throw Error(ErrorKind::kIo, "missing client certificate " + cert.filename().string() + " for key " +
                                        p.filename().string());
    }
  }
}

}  // namespace periscope::registry
