#include "cli/image_flags.h"

#include "core/error.h"

namespace periscope::cli {

std::vector<FlagSpec> shared_image_flags() {
  return {{"authfile", 0, FlagType::kString, "string",
           "path of the authentication file. Default is ${XDG_RUNTIME_DIR}/containers/auth.json"}};
}

std::vector<FlagSpec> docker_image_flags(const std::string& p) {
  std::vector<FlagSpec> f;
  if (!p.empty())
    f.push_back({p + "authfile", 0, FlagType::kString, "string", "path of the authentication file. Default is ${XDG_RUNTIME_DIR}/containers/auth.json"});
  f.push_back({p + "cert-dir", 0, FlagType::kString, "PATH", "use certificates at PATH (*.crt, *.cert, *.key) to connect to the registry or daemon"});
  f.push_back({p + "creds", 0, FlagType::kString, "USERNAME[:PASSWORD]", "Use USERNAME[:PASSWORD] for accessing the registry"});
  f.push_back({p + "no-creds", 0, FlagType::kBool, "", "Access the registry anonymously"});
  f.push_back({p + "password", 0, FlagType::kString, "string", "Password for accessing the registry"});
  f.push_back({p + "registry-token", 0, FlagType::kString, "TOKEN", "Provide a Bearer token for accessing the registry"});
  f.push_back({p + "tls-verify", 0, FlagType::kBool, "", "require HTTPS and verify certificates when talking to the container registry or daemon", "true"});
  f.push_back({p + "username", 0, FlagType::kString, "string", "Username for accessing the registry"});
  return f;
}

std::vector<FlagSpec> image_flags(const std::string& p) {
  auto f = docker_image_flags(p);
  f.push_back({p + "daemon-host", 0, FlagType::kString, "HOST", "use docker daemon host at HOST (docker-daemon: only)"});
  f.push_back({p + "shared-blob-dir", 0, FlagType::kString, "DIRECTORY", "DIRECTORY to use to share blobs across OCI repositories"});
  return f;
}

std::vector<FlagSpec> retry_flags() {
  return {{"retry-delay", 0, FlagType::kString, "duration", "Fixed delay between retries (default: exponential back-off)"},
          {"retry-times", 0, FlagType::kInt, "int", "the number of times to possibly retry"}};
}

std::vector<FlagSpec> join_flags(std::initializer_list<std::vector<FlagSpec>> groups) {
  std::vector<FlagSpec> out;
  for (const auto& g : groups) out.insert(out.end(), g.begin(), g.end());
  return out;
}

transport::TransportOptions transport_options(const ParsedArgs& args, const std::string& p, const GlobalOptions& global) {
  transport::TransportOptions o;
  o.authfile = args.get(p + "authfile", args.get("authfile"));
  if (o.authfile.empty() && !p.empty()) o.authfile = args.get("authfile");
  o.cert_dir = args.get(p + "cert-dir");
  o.tls_verify = args.get_optional_bool(p + "tls-verify");
  if (!o.tls_verify) o.tls_verify = global.tls_verify;
  o.registry_token = args.get(p + "registry-token");
  o.no_creds = args.get_bool(p + "no-creds");
  o.shared_blob_dir = args.get(p + "shared-blob-dir");
  o.user_agent = global.user_agent;
  o.debug = global.debug;
  o.deadline = global.deadline;
  o.tmpdir = global.tmpdir;

  bool has_creds = args.has(p + "creds");
  bool has_user = args.has(p + "username");
  bool has_password = args.has(p + "password");
  if (has_creds && o.no_creds) throw_usage("creds and no-creds cannot be specified at the same time");
  if (has_user && o.no_creds) throw_usage("username and no-creds cannot be specified at the same time");
  if (has_creds && has_user) throw_usage("creds and username cannot be specified at the same time");
  if (has_user && !has_password) throw_usage("password must be specified when username is specified");
  if (has_password && !has_user) throw_usage("username must be specified when password is specified");
  if (has_creds) {
    std::string creds = args.get(p + "creds");
    if (creds.empty()) throw_usage("credentials can't be empty");
    auto colon = creds.find(':');
    auth::Credentials c;
    c.username = creds.substr(0, colon);
    if (colon != std::string::npos) c.password = creds.substr(colon + 1);
    if (c.username.empty()) throw_usage("username can't be empty");
    o.credentials = c;
  } else if (has_user) {
    o.credentials = auth::Credentials{args.get(p + "username"), args.get(p + "password"), ""};
  }
  return o;
}

}  // namespace periscope::cli
