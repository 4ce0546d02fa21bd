#pragma once
// Registry credentials in the files skopeo reads and writes (containers-auth.json(5)):
//   {"auths": {"host[:port][/namespace...]": {"auth": base64("user:pass"), "identitytoken": "..."}}}
// docker's config.json has the same "auths" shape; the legacy ~/.dockercfg has the entries at the top.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace periscope::auth {

struct Credentials {
  std::string username;
  std::string password;
  std::string identity_token;  // an OAuth2 refresh token, used instead of the password
  bool empty() const { return username.empty() && password.empty() && identity_token.empty(); }
};

struct AuthFile {
  std::string path;
  bool legacy = false;  // ~/.dockercfg layout
};

// The files searched, in skopeo's order: the primary file (--authfile, else REGISTRY_AUTH_FILE,
// else $XDG_RUNTIME_DIR/containers/auth.json, else /run/containers/$UID/auth.json), then, only when
// no file was named explicitly (containers/image 5.24+), ${XDG_CONFIG_HOME:-~/.config}/containers/
// auth.json, ${DOCKER_CONFIG:-~/.docker}/config.json and ~/.dockercfg.
std::vector<AuthFile> search_order(const std::string& authfile_flag);

// The file login writes and logout edits.
std::string primary_path(const std::string& authfile_flag);

// Credentials for `registry` (host[:port]) and repository path (e.g. "ns/repo"), from the first
// file holding any: its "credHelpers" entry for the registry (that helper is asked, see
// credential_helper.h), else its "credsStore" helper (docker's config.json; skopeo ignores it),
// else the most specific "auths" key ("host/ns/repo", "host/ns", then "host"). Keys written as
// URLs ("https://host/v1/") and docker.io's aliases match as containers/image does; entries
// without credentials (docker's "{}" markers) are skipped. A file that exists but is not valid
// JSON is an error naming it.
std::optional<Credentials> lookup(const std::vector<AuthFile>& files, std::string_view registry,
                                  std::string_view repository_path);

// The external helper a file assigns to `key`'s registry: its "credHelpers" entry (docker.io
// aliases matched), else its "credsStore". `server_url` is what the helper is asked for: the
// registry for credHelpers (as containers/image), docker's "https://index.docker.io/v1/" for
// docker.io in a credsStore (as docker itself stores it).
struct FileHelper {
  std::string helper;
  std::string server_url;
  bool from_cred_helpers = false;  // else credsStore
};
std::optional<FileHelper> file_helper(const std::string& path, std::string_view key);

// Writes `key` into the file (created 0600 with its folder 0700; rewritten atomically, keeping its
// other entries and keys).
void store(const std::string& path, const std::string& key, const Credentials& credentials);

// Removes `key`; false when the file had no such entry.
bool remove(const std::string& path, const std::string& key);

// Removes every entry from "auths"; other keys stay.
void remove_all(const std::string& path);

// The username stored for `key` in the file, for login --get-login.
std::optional<Credentials> read_entry(const std::string& path, const std::string& key);

}  // namespace periscope::auth
