#pragma once
// Credentials kept by external helpers: `docker-credential-NAME get|store|erase` speaking docker's
// credential-helper protocol (server URL or {"ServerURL","Username","Secret"} JSON on stdin, JSON
// or an error text on stdout). Secrets travel on stdin/stdout only, never in argv or messages.
//
// Also the order of sources containers/image follows for the credential-helpers list of
// registries.conf: each entry is an external helper, or "containers-auth.json" meaning the auth
// files (whose own credHelpers and credsStore entries are consulted there, see auth_file.h).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/auth_file.h"

namespace periscope::auth {

// Runs `docker-credential-<helper>`, searched in $PATH. nullopt when the helper answers
// "credentials not found in native keychain". A username "<token>" means the secret is an
// identity token. Throws Error(kAuth) with the helper's message otherwise.
std::optional<Credentials> helper_get(const std::string& helper, const std::string& server_url);
void helper_store(const std::string& helper, const std::string& server_url,
                  const Credentials& credentials);
// false when the helper had nothing for `server_url`.
bool helper_erase(const std::string& helper, const std::string& server_url);

// Credentials from the first source of `helpers` that has any; errors of earlier sources are
// reported only when no source had credentials.
std::optional<Credentials> find_credentials(const std::vector<std::string>& helpers,
                                            const std::vector<AuthFile>& files,
                                            std::string_view registry,
                                            std::string_view repository_path);

// login: stores into the first of `helpers` that accepts; for "containers-auth.json" that is the
// file at `path` (or the helper its credHelpers / credsStore names). Returns where it went:
// "" for the file itself, else "credential helper: NAME". Namespaced keys ("host/ns") cannot go to
// an external helper.
std::string store_credentials(const std::vector<std::string>& helpers, const std::string& path,
                              const std::string& key, const Credentials& credentials);

// logout: removes `key` from every source; false when none had it.
bool remove_credentials(const std::vector<std::string>& helpers, const std::string& path,
                        const std::string& key);

}  // namespace periscope::auth
