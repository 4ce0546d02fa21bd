// periscope logout REGISTRY | --all: removes stored credentials from the auth file login writes and
// from the credential helpers it may have stored them in.
#include <iostream>

#include "auth/auth_file.h"
#include "auth/credential_helper.h"
#include "cli/command.h"
#include "config/system_config.h"
#include "core/error.h"
#include "reference/auth_key.h"

namespace periscope::cli {

std::vector<FlagSpec> logout_flags() {
  return {
      {"all", 'a', FlagType::kBool, "", "Remove the cached credentials for all registries in the auth file"},
      {"authfile", 0, FlagType::kString, "string", "path of the authentication file. Default is ${XDG_RUNTIME_DIR}/containers/auth.json"},
      {"compat-auth-file", 0, FlagType::kString, "string", "path of a Docker-compatible config file to update instead"},
      {"tls-verify", 0, FlagType::kBool, "", "require HTTPS and verify certificates when accessing the registry", "true"},
  };
}

int run_logout(const ParsedArgs& args, const GlobalOptions&) {
  std::string authfile = args.get("compat-auth-file", args.get("authfile"));
  std::string path = auth::primary_path(authfile);
  if (args.get_bool("all")) {
    if (!args.positional.empty()) throw_usage("--all takes no arguments");
    auth::remove_all(path);
    std::cout << "Removed login credentials for all registries\n";
    return 0;
  }
  if (args.positional.size() > 1) throw_usage("logout accepts only one registry to logout from");
  if (args.positional.empty()) throw_usage("please provide a registry to logout from");
  reference::CredentialsKey key = reference::parse_credentials_key(args.positional[0]);
  std::vector<std::string> helpers{std::string(config::kAuthFileHelper)};
  std::string remove_key = key.key;
  if (args.has("compat-auth-file")) {
    if (remove_key == "docker.io") remove_key = "https://index.docker.io/v1/";
  } else {
    helpers = config::credential_helpers(config::system_config().conf);
  }
  if (auth::remove_credentials(helpers, path, remove_key)) {
    std::cout << "Removed login credentials for " << key.key << "\n";
    return 0;
  }
  // Credentials found only in a file logout does not edit: say where they come from.
  auto files = auth::search_order(authfile);
  for (std::size_t i = 1; i < files.size(); ++i) {
    if (auth::read_entry(files[i].path, key.key))
      throw Error(ErrorKind::kAuth, "Not logged into " + key.key + " with current tool. Existing credentials were "
                                    "established in " + files[i].path + "; remove them there.");
  }
  throw Error(ErrorKind::kAuth, "not logged into " + key.key);
}

}  // namespace periscope::cli
