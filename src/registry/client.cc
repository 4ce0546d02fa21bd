#include "registry/client.h"

#include <nlohmann/json.hpp>

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
}

Client::~Client() = default;

std::string Client::base_url() {
  if (scheme_.empty()) ping();
  return scheme_ + "://" + endpoint_host_;
}

void Client::ping() {
  http::ClientOptions options;
  options.tls.verify = config_.tls_verify.value_or(true);
  load_cert_dir(find_cert_dir(config_.cert_dir, config_.registry), options.tls);
  options.user_agent = config_.user_agent;
  options.debug = config_.debug;
  options.deadline = config_.deadline;
  http_ = std::make_unique<http::Client>(options);

  auto try_scheme = [&](const std::string& scheme) {
    http::Request r;
    r.url = scheme + "://" + endpoint_host_ + "/v2/";
    return http_->perform(r);
  };
  const std::string context = "pinging container registry " + config_.registry;
  http::Response r;
  try {
    r = try_scheme("https");
    scheme_ = "https";
  } catch (const Error& e) {
    if (options.tls.verify) {
      std::string msg = e.what();
      if (msg.find("wrong version number") != std::string::npos || msg.find("SSL") != std::string::npos)
        msg += " (is it a plain-HTTP registry? then use --tls-verify=false)";
      throw Error(e.kind(), context + ": " + msg);
    }
    try {
      r = try_scheme("http");
      scheme_ = "http";
    } catch (const Error& e2) {
      throw e2.with_context(context);
    }
  }
  if (r.status != 200 && r.status != 401) {
    throw Error(ErrorKind::kNetwork, context + ": invalid status code from registry " + status_text(r.status));
  }
  challenges_.clear();
  for (const auto& h : r.all_headers("www-authenticate"))
    for (auto& c : parse_challenges(h)) challenges_.push_back(std::move(c));
}

const auth::Credentials* Client::credentials_for(const std::string& repository) {
  if (config_.no_creds) return nullptr;
  if (config_.credentials) return &*config_.credentials;
  auto it = creds_cache_.find(repository);
  if (it == creds_cache_.end()) {
    it = creds_cache_.emplace(repository, auth::lookup(auth::search_order(config_.authfile), config_.registry, repository)).first;
  }
  return it->second ? &*it->second : nullptr;
}

std::string Client::fetch_token(const Challenge& challenge, const std::string& scope, const std::string& repository) {
  std::string realm = challenge.param("realm");
  if (realm.empty()) throw Error(ErrorKind::kAuth, "the registry's Bearer challenge has no realm");
  const auth::Credentials* creds = credentials_for(repository);
  std::string service = challenge.param("service");

  http::Request r;
  if (creds && !creds->identity_token.empty()) {
    // OAuth2 refresh-token grant (distribution's docs/spec/auth/oauth.md).
    r.method = "POST";
    r.url = realm;
    r.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    r.body = "grant_type=refresh_token&refresh_token=" + percent_encode(creds->identity_token) +
             "&client_id=periscope&service=" + percent_encode(service);
    if (!scope.empty()) r.body += "&scope=" + percent_encode(scope);
  } else {
    r.url = realm + (realm.find('?') == std::string::npos ? "?" : "&");
    std::string query;
    if (creds && !creds->username.empty()) query += "account=" + percent_encode(creds->username) + "&";
    if (!service.empty()) query += "service=" + percent_encode(service) + "&";
    if (!scope.empty()) query += "scope=" + percent_encode(scope) + "&";
    if (!query.empty()) query.pop_back();
    r.url += query;
    if (creds && (!creds->username.empty() || !creds->password.empty()))
      r.headers.emplace_back("Authorization", "Basic " + base64_encode(creds->username + ":" + creds->password));
  }
  http::Response resp = http_->perform(r);
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
  tokens_[scope] = Token{token, Clock::now() + std::chrono::seconds(expires_in) - std::chrono::seconds(5)};
  return token;
}

std::string Client::authorization_for(const std::string& scope, const std::string& repository) {
  if (!config_.registry_token.empty()) return "Bearer " + config_.registry_token;
  if (const Challenge* bearer = find_challenge(challenges_, "bearer")) {
    auto it = tokens_.find(scope);
    if (it != tokens_.end() && it->second.expires > Clock::now()) return "Bearer " + it->second.value;
    return "Bearer " + fetch_token(*bearer, scope, repository);
  }
  if (find_challenge(challenges_, "basic")) {
    const auth::Credentials* creds = credentials_for(repository);
    if (creds && (!creds->username.empty() || !creds->password.empty()))
      return "Basic " + base64_encode(creds->username + ":" + creds->password);
  }
  return {};
}

http::Response Client::request(http::Request req, const std::string& scope, const std::string& repository) {
  std::string base = base_url();
  if (req.url.starts_with("/")) req.url = base + req.url;
  const std::string registry_origin = origin_of(base);
  bool retried_auth = false;
  for (int hop = 0; hop <= kMaxRedirects; ++hop) {
    http::Request attempt = req;
    // Credentials go to the registry itself only, never to a host a redirect points at.
    if (origin_of(attempt.url) == registry_origin) {
      std::string authorization = authorization_for(scope, repository);
      if (!authorization.empty()) attempt.headers.emplace_back("Authorization", authorization);
    }
    http::Response r = http_->perform(attempt);
    if (r.status == 401 && !retried_auth && origin_of(attempt.url) == registry_origin &&
        config_.registry_token.empty()) {
      // The registry may ask for auth only now (ping was anonymous) or for a token that has expired
      // or lacks a scope: take its challenge and try once more.
      std::vector<Challenge> fresh;
      for (const auto& h : r.all_headers("www-authenticate"))
        for (auto& c : parse_challenges(h)) fresh.push_back(std::move(c));
      if (!fresh.empty()) {
        challenges_ = std::move(fresh);
        tokens_.erase(scope);
        retried_auth = true;
        --hop;
        continue;
      }
    }
    if (r.status == 301 || r.status == 302 || r.status == 303 || r.status == 307 || r.status == 308) {
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
  http::Request r;
  r.url = "/v2/" + repository + "/blobs/" + digest;
  std::string body;
  bool too_big = false;
  r.on_body = [&](std::string_view chunk) {
    if (static_cast<std::int64_t>(body.size() + chunk.size()) > max_size) {
      too_big = true;
      return false;
    }
    body.append(chunk);
    return true;
  };
  http::Response resp;
  try {
    resp = request(r, "repository:" + repository + ":pull", repository);
  } catch (const Error& e) {
    if (too_big)
      throw Error(ErrorKind::kUnsupported, "blob " + digest + " in " + config_.registry + "/" + repository +
                                               " is larger than " + std::to_string(max_size) + " bytes");
    throw;
  }
  if (resp.status != 200) {
    resp.body = body;  // on_body collected the error document
    fail(resp, "fetching blob " + digest + " from " + config_.registry + "/" + repository);
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
  ping();
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

}  // namespace periscope::registry
