#include "registry/client.h"

#include <future>
#include <nlohmann/json.hpp>

#include "auth/credential_helper.h"
#include "config/registry_match.h"
#include "config/system_config.h"
#include "core/base64.h"
#include "core/digest.h"
#include "core/error.h"
#include "registry/cert_dir.h"
#include "registry/link_header.h"

namespace periscope::registry {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr int kMaxRedirects = 10;

std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// "https://h:1/x" -> "https://h:1"
std::string origin_of(const std::string& url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  auto slash = url.find('/', scheme_end + 3);
  return url.substr(0, slash);
}

const Challenge* find_challenge(const std::vector<Challenge>& cs, std::string_view scheme) {
  for (const auto& c : cs)
    if (c.scheme == scheme) return &c;
  return nullptr;
}

std::string words_of_code(const std::string& code) {
  std::string out;
  for (char c : code) out += c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string status_text(long status) {
  switch (status) {
    case 400: return "400 Bad Request";
    case 401: return "401 Unauthorized";
    case 403: return "403 Forbidden";
    case 404: return "404 Not Found";
    case 405: return "405 Method Not Allowed";
    case 429: return "429 Too Many Requests";
    case 500: return "500 Internal Server Error";
    case 502: return "502 Bad Gateway";
    case 503: return "503 Service Unavailable";
    default: return std::to_string(status);
  }
}

const char* kManifestAccept =
    "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, "
    "application/vnd.docker.distribution.manifest.v2+json, "
    "application/vnd.docker.distribution.manifest.list.v2+json, "
    "application/vnd.docker.distribution.manifest.v1+prettyjws, "
    "application/vnd.docker.distribution.manifest.v1+json";

// "host:5000", "[::1]:5000": the port is part of the name (not "host" or "[::1]").
bool has_explicit_port(const std::string& host) {
  auto colon = host.rfind(':');
  auto bracket = host.rfind(']');
  return colon != std::string::npos && (bracket == std::string::npos || colon > bracket);
}

}  // namespace

RegistryError parse_registry_error(long status, const std::string& body) {
  RegistryError e;
  e.status = static_cast<int>(status);
  try {
    json j = json::parse(body);
    if (j.contains("errors") && j["errors"].is_array() && !j["errors"].empty()) {
      const json& first = j["errors"][0];
      e.code = first.value("code", "");
      std::string message = first.value("message", "");
      std::string words = words_of_code(e.code);
      if (message.empty() || message == words) e.message = words;
      else if (words.empty()) e.message = message;
      else e.message = words + ": " + message;
    }
  } catch (const json::exception&) {
  }
  if (e.message.empty()) {
    e.message = "received unexpected HTTP status: " + status_text(status);
  }
  return e;
}

Client::Client(ClientConfig config) : config_(std::move(config)) {
  endpoint_host_ = config_.registry == "docker.io" ? "registry-1.docker.io" : config_.registry;
  const config::SystemConfig& sys = config::system_config();
  const std::string& name = config_.reference_name.empty() ? config_.registry : config_.reference_name;
  if (const config::Registry* reg = config::find_registry(sys.conf, name)) {
    if (reg->blocked)
      throw Error(ErrorKind::kAuth, "registry " + reg->prefix + " is blocked in " + config::blocked_description(sys.paths));
    insecure_ = reg->endpoint.insecure;
  }
  if (config_.endpoint_insecure) insecure_ = *config_.endpoint_insecure;
  credential_helpers_ = config::credential_helpers(sys.conf);
}

Client::~Client() = default;

std::string Client::sharing_key() const {
  const ClientConfig& c = config_;
  std::string key = c.registry;
  auto add = [&key](std::string_view part) {
    key += '\0';
    key += part;
  };
  add(insecure_ ? "insecure" : "secure");
  add(c.tls_verify ? (*c.tls_verify ? "verify" : "no-verify") : "-");
  add(c.cert_dir);
  add(c.credentials ? c.credentials->username + '\0' + c.credentials->password + '\0' +
                          c.credentials->identity_token
                    : "-");
  add(c.registry_token);
  add(c.no_creds ? "no-creds" : "-");
  add(c.authfile);
  add(c.user_agent);
  add(c.debug ? "debug" : "-");
  add(c.deadline ? std::to_string(c.deadline->time_since_epoch().count()) : "-");
  return key;
}

Client::Lease::~Lease() {
  if (!client_) return;
  std::lock_guard lock(owner_->mu_);
  owner_->idle_.push_back(std::move(client_));
}

Client::Lease Client::acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(c));
    }
  }
  return Lease(*this, std::make_unique<http::Client>(http_options_));
}

std::vector<Challenge> Client::challenges() {
  std::lock_guard lock(mu_);
  return challenges_;
}

std::string Client::base_url() {
  std::call_once(ping_once_, [this] {
    prepare_http_options();
    ping();
  });
  return scheme_ + "://" + endpoint_host_;
}

void Client::prepare_http_options() {
  // An explicit --tls-verify wins over registries.conf, as in containers/image.
  http_options_.tls.verify = config_.tls_verify.value_or(!insecure_);
  load_cert_dir(find_cert_dir(config_.cert_dir, config_.registry), http_options_.tls);
  http_options_.user_agent = config_.user_agent;
  http_options_.debug = config_.debug;
  http_options_.deadline = config_.deadline;
}

namespace {

// A failed HTTPS exchange while pinging, as the ping reports it.
Error https_ping_error(const Error& e, const std::string& context) {
  std::string msg = e.what();
  if (msg.find("wrong version number") != std::string::npos || msg.find("SSL") != std::string::npos)
    msg += " (is it a plain-HTTP registry? then use --tls-verify=false)";
  return Error(e.kind(), context + ": " + msg);
}

// What a registry answers to GET /v2/: OK, or a challenge.
bool is_ping_answer(const http::Response& r) { return r.status == 200 || r.status == 401; }

// An answer to any request that shows a registry sent it.
bool answers_as_registry(const http::Response& r) {
  return is_ping_answer(r) || r.header("docker-distribution-api-version").has_value();
}

}  // namespace

std::optional<http::Response> Client::ping_with(const http::Request& first) {
  // The first GET or HEAD goes where the ping would, instead of the ping, when only one scheme
  // is possible (HTTPS with verification; plain HTTP first on an insecure host:port) and its
  // answer shows a registry: the ping's round trip is saved, and a 401 carries the challenge the
  // ping would have brought. Anything else (a refused plain-HTTP port, a non-registry answer,
  // other requests) gets the full ping first, so errors and the choice of scheme stay the same.
  const bool can_stand_in = (first.method == "GET" || first.method == "HEAD") && !first.body_reader &&
                            first.body.empty() && !first.on_body && first.url.starts_with("/v2/");
  std::string scheme;
  if (can_stand_in) {
    if (http_options_.tls.verify) scheme = "https";
    else if (has_explicit_port(endpoint_host_)) scheme = "http";
  }
  if (scheme.empty()) {
    ping();
    return std::nullopt;
  }
  http::Request probe = first;
  probe.url = scheme + "://" + endpoint_host_ + first.url;
  if (!config_.registry_token.empty()) probe.headers.emplace_back("Authorization", "Bearer " + config_.registry_token);
  const std::string context = "pinging container registry " + config_.registry;
  std::optional<http::Response> r;
  try {
    Lease http = acquire();
    ++requests_;
    r = http->perform(probe);
  } catch (const Error& e) {
    if (scheme == "https") throw https_ping_error(e, context);
  }
  if (!r || !answers_as_registry(*r)) {
    if (scheme == "http") {
      // Most likely a TLS port: ask HTTPS, as the full ping would next.
      try {
        auto [tls, lease] = ping_scheme("https");
        if (is_ping_answer(tls)) {
          scheme_ = "https";
          adopt_challenges(tls);
          return std::nullopt;
        }
      } catch (const Error&) {
      }
    }
    ping();  // decides, and words any error, as without the shortcut
    if (r && scheme_ == scheme && r->status != 401) return r;  // the ping vouched for this answer
    return std::nullopt;
  }
  scheme_ = scheme;
  if (r->status == 401) adopt_challenges(*r);
  return r;
}

void Client::adopt_challenges(const http::Response& r) {
  std::vector<Challenge> found;
  for (const auto& h : r.all_headers("www-authenticate"))
    for (auto& c : parse_challenges(h)) found.push_back(std::move(c));
  std::lock_guard lock(mu_);
  challenges_ = std::move(found);
}

void Client::ping() {
  const std::string context = "pinging container registry " + config_.registry;
  http::Response r;
  if (http_options_.tls.verify) {
    try {
      r = ping_scheme("https").first;
    } catch (const Error& e) {
      throw https_ping_error(e, context);
    }
    scheme_ = "https";
  } else {
    r = ping_insecure(context);
  }
  if (!is_ping_answer(r)) {
    throw Error(ErrorKind::kNetwork, context + ": invalid status code from registry " + status_text(r.status));
  }
  adopt_challenges(r);
}

std::pair<http::Response, Client::Lease> Client::ping_scheme(const std::string& scheme) {
  Lease http = acquire();
  http::Request r;
  r.url = scheme + "://" + endpoint_host_ + "/v2/";
  ++requests_;
  http::Response resp = http->perform(r);
  return {std::move(resp), std::move(http)};
}

http::Response Client::ping_insecure(const std::string& context) {
  // Without verification plain HTTP is the fallback when HTTPS fails. Both are asked at once, so
  // that a plain-HTTP registry costs no extra round trip. On the default ports (443 and 80) they
  // are two servers and HTTPS wins whenever it answers. On an explicit host:port one server speaks
  // one protocol: a port that answers plain HTTP as a registry cannot also complete a TLS
  // handshake, so plain HTTP is asked first and HTTPS only when it has not answered so within
  // kPlainHeadStart (this saves setting up TLS, ~2 ms of CPU, for every local registry).
  constexpr auto kPlainHeadStart = std::chrono::milliseconds(100);
  std::future<std::pair<http::Response, Lease>> plain =
      std::async(std::launch::async, [this] { return ping_scheme("http"); });
  std::optional<std::pair<http::Response, Lease>> plain_result;
  std::optional<Error> plain_error;
  auto collect_plain = [&] {
    try {
      plain_result.emplace(plain.get());
    } catch (const Error& e) {
      plain_error.emplace(e);
    }
  };
  if (has_explicit_port(endpoint_host_) && plain.wait_for(kPlainHeadStart) == std::future_status::ready) {
    collect_plain();
    if (plain_result && is_ping_answer(plain_result->first)) {
      scheme_ = "http";
      return std::move(plain_result->first);  // its handle, with the live connection, goes back to the pool
    }
  }
  std::optional<std::pair<http::Response, Lease>> tls;
  try {
    tls.emplace(ping_scheme("https"));
  } catch (const Error&) {
  }
  if (!plain_result && !plain_error) collect_plain();
  if (tls) {
    scheme_ = "https";
    plain_result.reset();  // returned first, so the HTTPS handle is the next one taken
    return std::move(tls->first);
  }
  if (plain_error) throw plain_error->with_context(context);
  tls.reset();
  scheme_ = "http";
  return std::move(plain_result->first);
}

const auth::Credentials* Client::credentials_for(const std::string& repository) {
  if (config_.no_creds) return nullptr;
  if (config_.credentials) return &*config_.credentials;
  std::lock_guard lock(mu_);
  auto it = creds_cache_.find(repository);
  if (it == creds_cache_.end()) {
    it = creds_cache_
             .emplace(repository, auth::find_credentials(credential_helpers_, auth::search_order(config_.authfile),
                                                         config_.registry, repository))
             .first;
  }
  return it->second ? &*it->second : nullptr;  // std::map nodes are stable
}

std::string Client::fetch_token(const Challenge& challenge, const std::string& scope, const std::string& repository) {
  std::string realm = challenge.param("realm");
  if (realm.empty()) throw Error(ErrorKind::kAuth, "the registry's Bearer challenge has no realm");
  const auth::Credentials* creds = credentials_for(repository);
  std::string service = challenge.param("service");
  // Several scopes (a mount needs the source repository too) are space-separated in `scope`.
  std::vector<std::string> scopes;
  for (std::size_t i = 0; i < scope.size();) {
    auto sp = scope.find(' ', i);
    scopes.push_back(scope.substr(i, sp == std::string::npos ? std::string::npos : sp - i));
    if (sp == std::string::npos) break;
    i = sp + 1;
  }

  http::Request r;
  if (creds && !creds->identity_token.empty()) {
    // OAuth2 refresh-token grant (distribution's docs/spec/auth/oauth.md).
    r.method = "POST";
    r.url = realm;
    r.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    r.body = "grant_type=refresh_token&refresh_token=" + percent_encode(creds->identity_token) +
             "&client_id=periscope&service=" + percent_encode(service);
    if (!scopes.empty()) r.body += "&scope=" + percent_encode(scope);
  } else {
    r.url = realm + (realm.find('?') == std::string::npos ? "?" : "&");
    std::string query;
    if (creds && !creds->username.empty()) query += "account=" + percent_encode(creds->username) + "&";
    if (!service.empty()) query += "service=" + percent_encode(service) + "&";
    for (const auto& sc : scopes) query += "scope=" + percent_encode(sc) + "&";
    if (!query.empty()) query.pop_back();
    r.url += query;
    if (creds && (!creds->username.empty() || !creds->password.empty()))
      r.headers.emplace_back("Authorization", "Basic " + base64_encode(creds->username + ":" + creds->password));
  }
  ++requests_;
  http::Response resp = acquire()->perform(r);
  if (resp.status == 401 || resp.status == 403) {
    RegistryError e = parse_registry_error(resp.status, resp.body);
    throw Error(ErrorKind::kAuth, "unable to retrieve auth token: invalid username/password: " + e.message);
  }
  if (resp.status != 200) {
    throw Error(ErrorKind::kAuth, "unable to retrieve auth token from " + origin_of(realm) + ": " +
                                      parse_registry_error(resp.status, resp.body).message);
  }
  json j;
  try {
    j = json::parse(resp.body);
  } catch (const json::exception&) {
    throw Error(ErrorKind::kAuth, "unable to retrieve auth token: the token service answered with invalid JSON");
  }
  std::string token = j.value("token", "");
  if (token.empty()) token = j.value("access_token", "");
  if (token.empty()) throw Error(ErrorKind::kAuth, "unable to retrieve auth token: the token service sent no token");
  long expires_in = j.value("expires_in", 60L);
  if (expires_in < 60) expires_in = 60;  // as the distribution spec's minimum
  std::lock_guard lock(mu_);
  tokens_[scope] = Token{token, Clock::now() + std::chrono::seconds(expires_in) - std::chrono::seconds(5)};
  return token;
}

std::string Client::authorization_for(const std::string& scope, const std::string& repository) {
  if (!config_.registry_token.empty()) return "Bearer " + config_.registry_token;
  std::vector<Challenge> cs = challenges();
  if (const Challenge* bearer = find_challenge(cs, "bearer")) {
    auto cached = [&]() -> std::optional<std::string> {
      std::lock_guard lock(mu_);
      auto it = tokens_.find(scope);
      if (it != tokens_.end() && it->second.expires > Clock::now()) return it->second.value;
      return std::nullopt;
    };
    if (auto t = cached()) return "Bearer " + *t;
    std::lock_guard fetching(token_fetch_mu_);
    if (auto t = cached()) return "Bearer " + *t;  // another thread fetched it meanwhile
    return "Bearer " + fetch_token(*bearer, scope, repository);
  }
  if (find_challenge(cs, "basic")) {
    const auth::Credentials* creds = credentials_for(repository);
    if (creds && (!creds->username.empty() || !creds->password.empty()))
      return "Basic " + base64_encode(creds->username + ":" + creds->password);
  }
  return {};
}

namespace {

// The stream of a response plus the pooled HTTP handle it runs on.
class LeasedStream : public io::Reader {
 public:
  LeasedStream(std::unique_ptr<http::Stream> stream, std::function<void()> release)
      : stream_(std::move(stream)), release_(std::move(release)) {}
  ~LeasedStream() override {
    stream_.reset();
    release_();
  }
  std::size_t read(char* buffer, std::size_t size) override { return stream_->read(buffer, size); }

 private:
  std::unique_ptr<http::Stream> stream_;
  std::function<void()> release_;
};

bool is_redirect(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

}  // namespace

bool Client::take_new_challenge(const http::Response& r, const std::string& scope) {
  // The registry may ask for auth only now (ping was anonymous) or for a token that has expired or
  // lacks a scope: take its challenge so that the caller tries once more. A given --registry-token
  // is never replaced.
  if (!config_.registry_token.empty()) return false;
  std::vector<Challenge> fresh;
  for (const auto& h : r.all_headers("www-authenticate"))
    for (auto& c : parse_challenges(h)) fresh.push_back(std::move(c));
  if (fresh.empty()) return false;
  std::lock_guard lock(mu_);
  challenges_ = std::move(fresh);
  tokens_.erase(scope);
  return true;
}

http::Response Client::request(http::Request req, const std::string& scope, const std::string& repository) {
  std::optional<http::Response> answered;  // `req` itself, sent in the ping's place
  std::call_once(ping_once_, [&] {
    prepare_http_options();
    answered = ping_with(req);
  });
  if (answered && answered->status != 401 && !is_redirect(answered->status)) return std::move(*answered);
  std::string base = base_url();
  if (req.url.starts_with("/")) req.url = base + req.url;
  const std::string registry_origin = origin_of(base);
  bool retried_auth = false;
  Lease http = acquire();
  for (int hop = 0; hop <= kMaxRedirects; ++hop) {
    http::Request attempt = req;
    // Credentials go to the registry itself only, never to a host a redirect points at.
    if (origin_of(attempt.url) == registry_origin) {
      std::string authorization = authorization_for(scope, repository);
      if (!authorization.empty()) attempt.headers.emplace_back("Authorization", authorization);
    }
    ++requests_;
    http::Response r = http->perform(attempt);
    if (r.status == 401 && !retried_auth && origin_of(attempt.url) == registry_origin &&
        !req.body_reader && take_new_challenge(r, scope)) {
      retried_auth = true;
      --hop;
      continue;
    }
    if (is_redirect(r.status) && !req.body_reader) {
      auto location = r.header("location");
      if (!location) return r;
      req.url = resolve_url(attempt.url, *location);
      if (r.status == 303) req.method = req.method == "HEAD" ? "HEAD" : "GET";
      continue;
    }
    return r;
  }
  throw Error(ErrorKind::kNetwork, req.method + " \"" + req.url + "\": stopped after " +
                                       std::to_string(kMaxRedirects) + " redirects");
}

std::unique_ptr<io::Reader> Client::open_stream(http::Request req, const std::string& scope,
                                                const std::string& repository, const std::string& what) {
  std::string base = base_url();
  if (req.url.starts_with("/")) req.url = base + req.url;
  const std::string registry_origin = origin_of(base);
  bool retried_auth = false;
  for (int hop = 0; hop <= kMaxRedirects; ++hop) {
    http::Request attempt = req;
    if (origin_of(attempt.url) == registry_origin) {
      std::string authorization = authorization_for(scope, repository);
      if (!authorization.empty()) attempt.headers.emplace_back("Authorization", authorization);
    }
    auto lease = std::make_shared<Lease>(acquire());
    ++requests_;
    std::unique_ptr<http::Stream> s = (*lease)->open(attempt);
    long status = s->status();
    if (status == 200) return std::make_unique<LeasedStream>(std::move(s), [lease]() mutable { lease.reset(); });
    http::Response r;
    r.status = status;
    r.headers = s->headers();
    r.body = io::read_all(*s, 1 << 20);
    s.reset();
    if (status == 401 && !retried_auth && origin_of(attempt.url) == registry_origin && take_new_challenge(r, scope)) {
      retried_auth = true;
      --hop;
      continue;
    }
    if (is_redirect(status)) {
      auto location = r.header("location");
      if (location) {
        req.url = resolve_url(attempt.url, *location);
        continue;
      }
    }
    fail(r, what);
  }
  throw Error(ErrorKind::kNetwork, req.method + " \"" + req.url + "\": stopped after " +
                                       std::to_string(kMaxRedirects) + " redirects");
}

void Client::fail(const http::Response& r, const std::string& what) {
  RegistryError e = parse_registry_error(r.status, r.body);
  ErrorKind kind = ErrorKind::kNetwork;
  if (r.status == 404 || e.code == "MANIFEST_UNKNOWN" || e.code == "NAME_UNKNOWN" || e.code == "BLOB_UNKNOWN")
    kind = ErrorKind::kNotFound;
  else if (r.status == 401 || r.status == 403 || e.code == "UNAUTHORIZED" || e.code == "DENIED")
    kind = ErrorKind::kAuth;
  else if (r.status == 405 || e.code == "UNSUPPORTED")
    kind = ErrorKind::kUnsupported;
  throw Error(kind, what + ": " + e.message);
}

Manifest Client::get_manifest(const std::string& repository, const std::string& ref) {
  http::Request r;
  r.url = "/v2/" + repository + "/manifests/" + ref;
  r.headers.emplace_back("Accept", kManifestAccept);
  http::Response resp = request(r, "repository:" + repository + ":pull", repository);
  if (resp.status != 200) fail(resp, "reading manifest " + ref + " in " + config_.registry + "/" + repository);
  return Manifest{std::move(resp.body), resp.header("content-type").value_or(""),
                  resp.header("docker-content-digest").value_or("")};
}

std::optional<Manifest> Client::head_manifest(const std::string& repository, const std::string& ref) {
  http::Request r;
  r.method = "HEAD";
  r.url = "/v2/" + repository + "/manifests/" + ref;
  r.headers.emplace_back("Accept", kManifestAccept);
  http::Response resp = request(r, "repository:" + repository + ":pull", repository);
  if (resp.status == 404) return std::nullopt;
  if (resp.status != 200) fail(resp, "checking manifest " + ref + " in " + config_.registry + "/" + repository);
  return Manifest{"", resp.header("content-type").value_or(""), resp.header("docker-content-digest").value_or("")};
}

std::string Client::get_blob(const std::string& repository, const std::string& digest, std::int64_t max_size) {
  // The same download as open_blob (auth, redirects, errors), collected up to max_size.
  auto stream = open_blob(repository, digest);
  std::string body;
  char buffer[64 << 10];
  while (std::size_t n = stream->read(buffer, sizeof buffer)) {
    if (static_cast<std::int64_t>(body.size() + n) > max_size)
      throw Error(ErrorKind::kUnsupported, "blob " + digest + " in " + config_.registry + "/" + repository +
                                               " is larger than " + std::to_string(max_size) + " bytes");
    body.append(buffer, n);
  }
  Digest actual = Digest::sha256_of(body);
  if (actual.str() != digest)
    throw Error(ErrorKind::kDigestMismatch, "blob " + digest + " from " + config_.registry + "/" + repository +
                                                ": digest did not match, got " + actual.str());
  return body;
}

std::vector<std::string> Client::list_tags(const std::string& repository) {
  std::vector<std::string> tags;
  std::string url = "/v2/" + repository + "/tags/list";
  for (int page = 0; page < 100000; ++page) {
    http::Request r;
    r.url = url;
    http::Response resp = request(r, "repository:" + repository + ":pull", repository);
    if (resp.status != 200) fail(resp, "fetching tags list of " + config_.registry + "/" + repository);
    try {
      json j = json::parse(resp.body);
      if (j.contains("tags") && j["tags"].is_array())
        for (const auto& t : j["tags"]) tags.push_back(t.get<std::string>());
    } catch (const json::exception& e) {
      throw Error(ErrorKind::kNetwork, "fetching tags list of " + config_.registry + "/" + repository +
                                           ": invalid JSON from the registry: " + e.what());
    }
    auto link = resp.header("link");
    auto next = link ? next_link(*link) : std::nullopt;
    if (!next) break;
    url = resolve_url(url.starts_with("/") ? base_url() + url : url, *next);
  }
  return tags;
}

void Client::delete_manifest(const std::string& repository, const std::string& digest) {
  http::Request r;
  r.method = "DELETE";
  r.url = "/v2/" + repository + "/manifests/" + digest;
  http::Response resp = request(r, "repository:" + repository + ":*", repository);
  if (resp.status != 202 && resp.status != 200)
    fail(resp, "deleting manifest " + digest + " in " + config_.registry + "/" + repository);
}

void Client::check_credentials() {
  base_url();
  http::Request r;
  r.url = "/v2/";
  http::Response resp;
  try {
    resp = request(r, "", "");
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::kAuth) throw Error(ErrorKind::kAuth, "invalid username/password");
    throw;
  }
  if (resp.status == 401) throw Error(ErrorKind::kAuth, "invalid username/password");
  if (resp.status != 200) fail(resp, "checking credentials");
}

std::unique_ptr<io::Reader> Client::open_blob(const std::string& repository, const std::string& digest) {
  http::Request r;
  r.url = "/v2/" + repository + "/blobs/" + digest;
  return open_stream(r, "repository:" + repository + ":pull", repository,
                     "fetching blob " + digest + " from " + config_.registry + "/" + repository);
}

std::optional<std::int64_t> Client::blob_size(const std::string& repository, const std::string& digest) {
  http::Request r;
  r.method = "HEAD";
  r.url = "/v2/" + repository + "/blobs/" + digest;
  http::Response resp = request(r, "repository:" + repository + ":pull,push", repository);
  if (resp.status == 404) return std::nullopt;
  if (resp.status != 200) fail(resp, "checking blob " + digest + " in " + config_.registry + "/" + repository);
  auto length = resp.header("content-length");
  return length ? std::atoll(length->c_str()) : -1;
}

bool Client::mount_blob(const std::string& repository, const std::string& digest, const std::string& from) {
  http::Request r;
  r.method = "POST";
  r.url = "/v2/" + repository + "/blobs/uploads/?mount=" + percent_encode(digest) + "&from=" + percent_encode(from);
  http::Response resp = request(r, "repository:" + repository + ":pull,push repository:" + from + ":pull", repository);
  if (resp.status == 201) return true;
  if (resp.status == 202) {
    // The registry started an ordinary upload instead: cancel it.
    if (auto location = resp.header("location")) {
      http::Request cancel;
      cancel.method = "DELETE";
      cancel.url = resolve_url(base_url() + r.url, *location);
      try {
        request(cancel, "repository:" + repository + ":pull,push", repository);
      } catch (const Error&) {
      }
    }
    return false;
  }
  return false;  // a refused mount is not an error: the blob gets uploaded
}

namespace {

// Counts and hashes what passes through, and stops after `limit` bytes (one PATCH chunk).
class ChunkReader : public io::Reader {
 public:
  ChunkReader(io::Reader& inner, Sha256* hash, std::int64_t& total, std::int64_t limit)
      : inner_(inner), hash_(hash), total_(total), left_(limit) {}
  std::size_t read(char* buffer, std::size_t size) override {
    if (left_ <= 0) return 0;
    std::size_t n = inner_.read(buffer, static_cast<std::size_t>(std::min<std::int64_t>(left_, static_cast<std::int64_t>(size))));
    if (n == 0) {
      ended_ = true;
      return 0;
    }
    if (hash_) hash_->update(buffer, n);
    total_ += static_cast<std::int64_t>(n);
    left_ -= static_cast<std::int64_t>(n);
    return n;
  }
  bool ended() const { return ended_; }

 private:
  io::Reader& inner_;
  Sha256* hash_;  // null: the stream checks its own digest
  std::int64_t& total_;
  std::int64_t left_;
  bool ended_ = false;
};

// A reader that can take back one byte.
class PushbackReader : public io::Reader {
 public:
  explicit PushbackReader(io::Reader& inner) : inner_(inner) {}
  void unread(char c) {
    pending_ = c;
    has_pending_ = true;
  }
  std::size_t read(char* buffer, std::size_t size) override {
    if (size == 0) return 0;
    if (has_pending_) {
      has_pending_ = false;
      buffer[0] = pending_;
      return 1;
    }
    return inner_.read(buffer, size);
  }

 private:
  io::Reader& inner_;
  char pending_ = 0;
  bool has_pending_ = false;
};

std::int64_t upload_chunk_size() {
  if (const char* v = std::getenv("PERISCOPE_UPLOAD_CHUNK_SIZE")) {
    long long n = std::atoll(v);
    if (n > 0) return n;
  }
  return 64LL << 20;
}

}  // namespace

BlobInfo Client::upload_blob(const std::string& repository, io::Reader& reader, const std::string& digest,
                             std::int64_t size) {
  const std::string scope = "repository:" + repository + ":pull,push";
  const std::string what = "uploading blob to " + config_.registry + "/" + repository;
  http::Request start;
  start.method = "POST";
  start.url = "/v2/" + repository + "/blobs/uploads/";
  http::Response resp = request(start, scope, repository);
  if (resp.status != 202) fail(resp, what);
  auto location = resp.header("location");
  if (!location) throw Error(ErrorKind::kNetwork, what + ": the registry sent no upload location");
  std::string url = resolve_url(base_url() + start.url, *location);
  auto with_query = [](const std::string& u, const std::string& q) {
    return u + (u.find('?') == std::string::npos ? "?" : "&") + q;
  };

  Sha256 hash;
  std::int64_t total = 0;
  const std::int64_t chunk = upload_chunk_size();
  PushbackReader source(reader);
  // A stream that fails unless it matches `digest` needs no second hash here (the registry checks
  // the digest as well).
  const bool checked_upstream = !digest.empty() && reader.guarantees(Digest::parse(digest));
  Sha256* hashing = checked_upstream ? nullptr : &hash;
  // Bodies are sent chunked (no Content-Length), so the reader stack is always read to its end and
  // its digest check runs before the registry can complete the upload.
  if (!digest.empty() && size >= 0 && size <= chunk) {
    // Monolithic: one PUT carries the whole blob and completes the upload.
    ChunkReader body(source, hashing, total, INT64_MAX);
    http::Request put;
    put.method = "PUT";
    put.url = with_query(url, "digest=" + percent_encode(digest));
    put.headers.emplace_back("Content-Type", "application/octet-stream");
    put.body_reader = &body;
    http::Response done = request(put, scope, repository);
    if (done.status != 201) fail(done, what);
    return BlobInfo{Digest::parse(digest), total, "", {}, {}};
  }
  // Chunked: PATCH at most `chunk` bytes at a time, then PUT ?digest= to complete.
  while (true) {
    ChunkReader body(source, hashing, total, chunk);
    http::Request patch;
    patch.method = "PATCH";
    patch.url = url;
    patch.headers.emplace_back("Content-Type", "application/octet-stream");
    patch.body_reader = &body;
    http::Response r = request(patch, scope, repository);
    if (r.status != 202) fail(r, what);
    if (auto next = r.header("location")) url = resolve_url(url, *next);
    if (body.ended()) break;
    char probe;  // the chunk was full: is there more?
    if (source.read(&probe, 1) == 0) break;
    source.unread(probe);
  }
  Digest actual = checked_upstream ? Digest::parse(digest) : hash.finish();
  if (!digest.empty() && actual.str() != digest)
    throw Error(ErrorKind::kDigestMismatch, what + ": Digest did not match, expected " + digest + ", got " + actual.str());
  http::Request put;
  put.method = "PUT";
  put.url = with_query(url, "digest=" + percent_encode(actual.str()));
  http::Response done = request(put, scope, repository);
  if (done.status != 201) fail(done, what);
  return BlobInfo{actual, total, "", {}, {}};
}

void Client::put_manifest(const std::string& repository, const std::string& ref, std::string_view bytes,
                          std::string_view media_type) {
  http::Request r;
  r.method = "PUT";
  r.url = "/v2/" + repository + "/manifests/" + ref;
  r.headers.emplace_back("Content-Type", std::string(media_type));
  r.body = std::string(bytes);
  http::Response resp = request(r, "repository:" + repository + ":pull,push", repository);
  if (resp.status != 201 && resp.status != 200 && resp.status != 202)
    fail(resp, "writing manifest " + ref + " to " + config_.registry + "/" + repository);
}

}  // namespace periscope::registry
