#pragma once
// A client of one registry (distribution-spec v2 / OCI distribution 1.1): ping and scheme choice,
// authentication (anonymous, Basic, Bearer tokens cached per scope, OAuth2 refresh with an identity
// token, a given --registry-token), redirects that never carry credentials to another host, and the
// read/delete endpoints the commands need. Not thread-safe: one Client per thread.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/auth_file.h"
#include "http/http_client.h"
#include "registry/auth_challenge.h"

namespace periscope::registry {

struct ClientConfig {
  std::string registry;            // as in references: "docker.io", "127.0.0.1:5000"
  std::optional<bool> tls_verify;  // unset: verify
  std::string cert_dir;            // --cert-dir; else certs.d is searched
  std::optional<auth::Credentials> credentials;  // --creds / --username; else from auth files
  std::string registry_token;      // --registry-token: used as the Bearer token as is
  bool no_creds = false;           // --no-creds: anonymous
  std::string authfile;            // --authfile
  std::string user_agent;
  bool debug = false;
  std::optional<std::chrono::steady_clock::time_point> deadline;
};

struct Manifest {
  std::string bytes;
  std::string media_type;          // Content-Type as the registry sent it
  std::string docker_content_digest;
};

class Client {
 public:
  explicit Client(ClientConfig config);
  ~Client();

  const std::string& registry() const { return config_.registry; }

  // Fails (kNotFound, kAuth, kNetwork) with the registry's explanation.
  Manifest get_manifest(const std::string& repository, const std::string& tag_or_digest);
  // The digest and media type the registry reports, without the body; nullopt on 404.
  std::optional<Manifest> head_manifest(const std::string& repository, const std::string& tag_or_digest);
  // A whole blob held in memory: for configs and other small blobs only.
  std::string get_blob(const std::string& repository, const std::string& digest, std::int64_t max_size);
  // Every tag, following Link pagination.
  std::vector<std::string> list_tags(const std::string& repository);
  void delete_manifest(const std::string& repository, const std::string& digest);
  // For login: checks that the credentials are accepted by /v2/ (Basic) or the token service.
  void check_credentials();

  // The base URL chosen after pinging: "https://host:port" or "http://host:port".
  std::string base_url();

 private:
  struct Token {
    std::string value;
    std::chrono::steady_clock::time_point expires;
  };

  void ping();
  const auth::Credentials* credentials_for(const std::string& repository);
  std::string authorization_for(const std::string& scope, const std::string& repository);
  std::string fetch_token(const Challenge& challenge, const std::string& scope, const std::string& repository);
  // Performs the request against the registry with auth and redirects; `scope` is the token scope
  // ("repository:ns/repo:pull"), empty for the /v2/ endpoint.
  http::Response request(http::Request request, const std::string& scope, const std::string& repository);
  [[noreturn]] void fail(const http::Response& r, const std::string& what);

  ClientConfig config_;
  std::unique_ptr<http::Client> http_;
  std::string scheme_;  // set by ping()
  std::string endpoint_host_;
  std::vector<Challenge> challenges_;
  std::map<std::string, Token> tokens_;
  std::map<std::string, std::optional<auth::Credentials>> creds_cache_;
};

// "manifest unknown: manifest unknown" -> kind and text from a registry error body and status.
struct RegistryError {
  int status = 0;
  std::string code;     // first error's code, e.g. "MANIFEST_UNKNOWN"
  std::string message;  // readable: "manifest unknown"
};
RegistryError parse_registry_error(long status, const std::string& body);

}  // namespace periscope::registry
