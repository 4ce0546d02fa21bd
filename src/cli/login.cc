// periscope login REGISTRY: checks credentials against the registry, then stores them as skopeo
// (containers/common pkg/auth) does: in the auth file, or in the credential helper registries.conf
// lists or the file's credHelpers / credsStore names.
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <iterator>

#include "auth/auth_file.h"
#include "auth/credential_helper.h"
#include "cli/command.h"
#include "cli/image_flags.h"
#include "config/system_config.h"
#include "core/error.h"
#include "reference/auth_key.h"
#include "registry/client.h"

namespace periscope::cli {
namespace {

std::string prompt(const std::string& text, bool echo) {
  std::cerr << text << std::flush;
  termios old_mode{};
  bool restore = false;
  if (!echo && ::tcgetattr(STDIN_FILENO, &old_mode) == 0) {
    termios quiet = old_mode;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    restore = ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet) == 0;
  }
  std::string line;
  std::getline(std::cin, line);
  if (restore) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &old_mode);
    std::cerr << "\n";
  }
  return line;
}

registry::ClientConfig client_config(const std::string& registry, const ParsedArgs& args, const GlobalOptions& global,
                                     const auth::Credentials& creds) {
  registry::ClientConfig c;
  c.registry = registry;
  c.tls_verify = args.get_optional_bool("tls-verify");
  c.cert_dir = args.get("cert-dir");
  c.credentials = creds;
  c.user_agent = global.user_agent;
  c.debug = global.debug;
  c.deadline = global.deadline;
  return c;
}

// The sources login writes to and reads existing credentials from. A Docker-compatible file is
// edited alone, since docker knows nothing of registries.conf's helpers.
std::vector<std::string> credential_sources(const ParsedArgs& args) {
  if (args.has("compat-auth-file")) return {std::string(config::kAuthFileHelper)};
  return config::credential_helpers(config::system_config().conf);
}

std::string repository_part(const reference::CredentialsKey& key) {
  return key.key.size() > key.registry.size() ? key.key.substr(key.registry.size() + 1) : "";
}

}  // namespace

std::vector<FlagSpec> login_flags() {
  return {
      {"authfile", 0, FlagType::kString, "string", "path of the authentication file. Default is ${XDG_RUNTIME_DIR}/containers/auth.json"},
      {"cert-dir", 0, FlagType::kString, "string", "use certificates at the specified path to access the registry"},
      {"compat-auth-file", 0, FlagType::kString, "string", "path of a Docker-compatible config file to update instead"},
      {"get-login", 0, FlagType::kBool, "", "Return the current login user for the registry"},
      {"password", 'p', FlagType::kString, "string", "Password for registry"},
      {"password-stdin", 0, FlagType::kBool, "", "Take the password from stdin"},
      {"tls-verify", 0, FlagType::kBool, "", "require HTTPS and verify certificates when accessing the registry", "true"},
      {"username", 'u', FlagType::kString, "string", "Username for registry"},
      {"verbose", 'v', FlagType::kBool, "", "Write more detailed information to stdout"},
  };
}

int run_login(const ParsedArgs& args, const GlobalOptions& global) {
  if (args.positional.size() > 1) throw_usage("login accepts only one registry to login to");
  if (args.positional.empty()) throw_usage("please provide a registry to login to");
  if (args.has("authfile") && args.has("compat-auth-file"))
    throw_usage("options for paths to the credential file and to the Docker-compatible credential file can not be set simultaneously");
  reference::CredentialsKey key = reference::parse_credentials_key(args.positional[0]);
  std::string authfile = args.get("compat-auth-file", args.get("authfile"));
  std::string path = auth::primary_path(authfile);
  const std::vector<std::string> helpers = credential_sources(args);

  if (args.get_bool("get-login")) {
    auto creds = auth::find_credentials(helpers, auth::search_order(authfile), key.registry, repository_part(key));
    if (!creds || creds->username.empty()) throw Error(ErrorKind::kAuth, "not logged into " + key.key);
    std::cout << creds->username << "\n";
    return 0;
  }

  std::string username = args.get("username");
  std::string password = args.get("password");
  if (args.get_bool("password-stdin")) {
    if (args.has("password")) throw_usage("--password and --password-stdin are mutually exclusive");
    if (username.empty()) throw_usage("must provide --username with --password-stdin");
    password.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    while (!password.empty() && (password.back() == '\n' || password.back() == '\r')) password.pop_back();
  }

  if (username.empty() && password.empty() && !args.has("password")) {
    auto existing = auth::find_credentials(helpers, auth::search_order(authfile), key.registry, repository_part(key));
    if (existing && !existing->username.empty() && !existing->password.empty()) {
      std::cout << "Authenticating with existing credentials for " << key.key << "\n";
      try {
        registry::Client(client_config(key.registry, args, global, *existing)).check_credentials();
        std::cout << "Existing credentials are valid. Already logged in to " << key.key << "\n";
        return 0;
      } catch (const Error& e) {
        if (e.kind() != ErrorKind::kAuth) throw e.with_context("logging into \"" + key.key + "\"");
        std::cout << "Existing credentials are invalid, please enter valid username and password\n";
      }
    }
  }
  bool tty = ::isatty(STDIN_FILENO);
  if (username.empty()) {
    if (!tty) throw_usage("no username given: use --username (stdin is not a terminal)");
    username = prompt("Username: ", true);
    if (username.empty()) throw_usage("username can't be empty");
  }
  if (password.empty() && !args.has("password")) {
    if (!tty) throw_usage("no password given: use --password or --password-stdin (stdin is not a terminal)");
    password = prompt("Password: ", false);
    if (password.empty()) throw_usage("password can't be empty");
  }

  auth::Credentials creds{username, password, ""};
  try {
    registry::Client(client_config(key.registry, args, global, creds)).check_credentials();
  } catch (const Error& e) {
    throw e.with_context("logging into \"" + key.key + "\"");
  }
  // Docker's own file keys docker.io as its v1 URL.
  std::string store_key = args.has("compat-auth-file") && key.key == "docker.io" ? "https://index.docker.io/v1/" : key.key;
  auth::store_credentials(helpers, path, store_key, creds);
  std::cout << "Login Succeeded!\n";
  return 0;
}

}  // namespace periscope::cli
