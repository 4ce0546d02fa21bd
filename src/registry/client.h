#pragma once
// A client of one registry (distribution-spec v2 / OCI distribution 1.1): ping and scheme choice,
// authentication (anonymous, Basic, Bearer tokens cached per scope, OAuth2 refresh with an identity
// token, a given --registry-token), redirects that never carry credentials to another host, and the
// endpoints the commands need. Thread-safe: concurrent requests each take an HTTP connection
// handle from a pool (connections are reused across requests); tokens are shared.
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "auth/auth_file.h"
#include "core/blob_info.h"
#include "http/http_client.h"
#include "io/reader.h"
#include "registry/auth_challenge.h"

namespace periscope::registry {

// registries.conf (config/system_config.h) applies to every client: a blocked registry is refused
// when the client is made, an `insecure` one is reached as with --tls-verify=false unless
// tls_verify is set, and credentials come from its credential-helpers list.
struct ClientConfig {
  std::string registry;            // as in references: "docker.io", "127.0.0.1:5000"
  // The name matched against registries.conf prefixes: "host/ns/repo"; empty: `registry`.
  std::string reference_name;
  // A read from a mirror or remapped location: that endpoint's `insecure`, replacing the lookup.
  std::optional<bool> endpoint_insecure;
  std::optional<bool> tls_verify;  // unset: verify, unless registries.conf says insecure
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
  // Throws Error(kAuth) "registry X is blocked in ..." and registries.conf errors (kUsage).
  explicit Client(ClientConfig config);
  ~Client();

  const std::string& registry() const { return config_.registry; }

  // Fails (kNotFound, kAuth, kNetwork) with the registry's explanation.
  Manifest get_manifest(const std::string& repository, const std::string& tag_or_digest);
  // The digest and media type the registry reports, without the body; nullopt on 404.
  std::optional<Manifest> head_manifest(const std::string& repository, const std::string& tag_or_digest);
  // A whole blob held in memory: for configs and other small blobs only.
  std::string get_blob(const std::string& repository, const std::string& digest, std::int64_t max_size);
  // A blob as a stream (redirects followed, credentials kept to the registry). Unverified.
  std::unique_ptr<io::Reader> open_blob(const std::string& repository, const std::string& digest);
  // The blob's size when the repository has it (HEAD), nullopt when not.
  std::optional<std::int64_t> blob_size(const std::string& repository, const std::string& digest);
  // Cross-repository mount (POST ?mount=&from=); true when the registry mounted it.
  bool mount_blob(const std::string& repository, const std::string& digest, const std::string& from_repository);
  // Uploads what `reader` yields; `digest` may be empty (then computed while streaming). Small
  // blobs of known digest go up in one PUT, others in PATCH chunks of at most `chunk_size` bytes.
  // The upload is never completed if the reader throws (the digest check fails at its end).
  BlobInfo upload_blob(const std::string& repository, io::Reader& reader, const std::string& digest,
                       std::int64_t size);
  void put_manifest(const std::string& repository, const std::string& tag_or_digest, std::string_view bytes,
                    std::string_view media_type);
  // Every tag, following Link pagination.
  std::vector<std::string> list_tags(const std::string& repository);
  void delete_manifest(const std::string& repository, const std::string& digest);
  // For login: checks that the credentials are accepted by /v2/ (Basic) or the token service.
  void check_credentials();

  // HTTP requests sent so far (pings and token requests included), for sync's report.
  std::int64_t request_count() const { return requests_.load(); }

  // The base URL chosen after pinging: "https://host:port" or "http://host:port".
  std::string base_url();

  // Equal for two clients that would behave the same (same registry, effective TLS setting,
  // credentials and options): one of them can serve both (ClientCache).
  std::string sharing_key() const;

 private:
  struct Token {
    std::string value;
    std::chrono::steady_clock::time_point expires;
  };

  void ping();
  void prepare_http_options();  // from the settings; once, before the ping
  // The ping, done by `first` itself where that is safe (see client.cc); returns its answer then.
  std::optional<http::Response> ping_with(const http::Request& first);
  void adopt_challenges(const http::Response& ping_answer);  // its WWW-Authenticate challenges
  const auth::Credentials* credentials_for(const std::string& repository);
  std::string authorization_for(const std::string& scope, const std::string& repository);
  std::string fetch_token(const Challenge& challenge, const std::string& scope, const std::string& repository);
  // Performs the request against the registry with auth and redirects; `scope` is the token scope
  // ("repository:ns/repo:pull"), empty for the /v2/ endpoint.
  http::Response request(http::Request request, const std::string& scope, const std::string& repository);
  // After a 401: adopts the response's challenges and drops the scope's token; false when there
  // is nothing new to try.
  bool take_new_challenge(const http::Response& r, const std::string& scope);
  [[noreturn]] void fail(const http::Response& r, const std::string& what);

  // An HTTP handle taken from the pool for one request (or one stream's lifetime).
  class Lease {
   public:
    Lease(Client& owner, std::unique_ptr<http::Client> c) : owner_(&owner), client_(std::move(c)) {}
    Lease(Lease&&) = default;
    ~Lease();
    http::Client* operator->() { return client_.get(); }

   private:
    Client* owner_;
    std::unique_ptr<http::Client> client_;
  };
  Lease acquire();
  // GET /v2/ over `scheme`, with the handle that asked (to be returned to the pool last).
  std::pair<http::Response, Lease> ping_scheme(const std::string& scheme);
  // --tls-verify=false: HTTPS or plain HTTP, whichever is right (sets scheme_).
  http::Response ping_insecure(const std::string& context);
  std::vector<Challenge> challenges();
  // Sends `req` with auth, following redirects; returns the final response headers with the body
  // left in the stream (for blob downloads), or collected (streaming == false).
  std::unique_ptr<io::Reader> open_stream(http::Request req, const std::string& scope, const std::string& repository,
                                          const std::string& what);

  ClientConfig config_;
  bool insecure_ = false;  // from registries.conf
  std::vector<std::string> credential_helpers_;
  http::ClientOptions http_options_;  // set once, before the ping (under ping_once_)
  std::once_flag ping_once_;
  std::string scheme_;  // set by ping()
  std::string endpoint_host_;
  std::atomic<std::int64_t> requests_{0};
  std::mutex mu_;  // guards what follows
  std::vector<std::unique_ptr<http::Client>> idle_;
  std::vector<Challenge> challenges_;
  std::map<std::string, Token> tokens_;
  std::map<std::string, std::optional<auth::Credentials>> creds_cache_;
  std::mutex token_fetch_mu_;  // one token request at a time: concurrent requests share its result
};

// "manifest unknown: manifest unknown" -> kind and text from a registry error body and status.
struct RegistryError {
  int status = 0;
  std::string code;     // first error's code, e.g. "MANIFEST_UNKNOWN"
  std::string message;  // readable: "manifest unknown"
};
RegistryError parse_registry_error(long status, const std::string& body);

}  // namespace periscope::registry
