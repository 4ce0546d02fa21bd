#include "http/http_client.h"

#include <curl/curl.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "core/error.h"

namespace periscope::http {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

struct GlobalInit {
  GlobalInit() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  ~GlobalInit() { curl_global_cleanup(); }
};

struct Transfer {
  const Request* request;
  Response* response;
  bool aborted_by_callback = false;
};

size_t on_write(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  if (t->request->on_body) {
    if (!t->request->on_body(std::string_view(data, n))) {
      t->aborted_by_callback = true;
      return 0;
    }
  } else {
    t->response->body.append(data, n);
  }
  return n;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  std::string_view line(data, n);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.starts_with("HTTP/")) {
    t->response->headers.clear();  // a new response (e.g. after 100 Continue)
    return n;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  t->response->headers.emplace_back(lower(line.substr(0, colon)), std::string(value));
  return n;
}

// Adds the extra CA files to the trust store curl built from the system bundle.
CURLcode add_extra_cas(CURL*, void* ssl_ctx, void* user) {
  const auto* files = static_cast<const std::vector<std::string>*>(user);
  X509_STORE* store = SSL_CTX_get_cert_store(static_cast<SSL_CTX*>(ssl_ctx));
  for (const auto& path : *files) {
    FILE* f = std::fopen(path.c_str(), "r");
    if (!f) continue;
    while (X509* cert = PEM_read_X509(f, nullptr, nullptr, nullptr)) {
      X509_STORE_add_cert(store, cert);
      X509_free(cert);
    }
    std::fclose(f);
  }
  return CURLE_OK;
}

}  // namespace

std::optional<std::string> Response::header(std::string_view name) const {
  std::string want = lower(name);
  for (const auto& [k, v] : headers)
    if (k == want) return v;
  return std::nullopt;
}

std::vector<std::string> Response::all_headers(std::string_view name) const {
  std::string want = lower(name);
  std::vector<std::string> out;
  for (const auto& [k, v] : headers)
    if (k == want) out.push_back(v);
  return out;
}

std::string mask_header_value(std::string_view name, std::string_view value) {
  std::string n = lower(name);
  if (n == "authorization" || n == "proxy-authorization" || n == "cookie" || n == "set-cookie") return "***";
  return std::string(value);
}

struct Client::Impl {
  ClientOptions options;
  CURL* curl = nullptr;
};

Client::Client(ClientOptions options) : impl_(std::make_unique<Impl>()) {
  static GlobalInit init;
  impl_->options = std::move(options);
  impl_->curl = curl_easy_init();
  if (!impl_->curl) throw Error(ErrorKind::kInternal, "cannot initialise libcurl");
}

Client::~Client() {
  if (impl_->curl) curl_easy_cleanup(impl_->curl);
}

Response Client::perform(const Request& request) {
  CURL* c = impl_->curl;
  const ClientOptions& o = impl_->options;
  curl_easy_reset(c);  // keeps the connection cache, the TLS session cache and DNS cache

  Response response;
  Transfer transfer{&request, &response};
  char error_buffer[CURL_ERROR_SIZE] = {0};

  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 30000L);
  if (!o.user_agent.empty()) curl_easy_setopt(c, CURLOPT_USERAGENT, o.user_agent.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_write);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &transfer);

  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, o.tls.verify ? 1L : 0L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, o.tls.verify ? 2L : 0L);
  if (!o.tls.extra_ca_files.empty()) {
    curl_easy_setopt(c, CURLOPT_SSL_CTX_FUNCTION, add_extra_cas);
    curl_easy_setopt(c, CURLOPT_SSL_CTX_DATA, &o.tls.extra_ca_files);
  }
  if (!o.tls.client_cert_file.empty()) {
    curl_easy_setopt(c, CURLOPT_SSLCERT, o.tls.client_cert_file.c_str());
    curl_easy_setopt(c, CURLOPT_SSLKEY, o.tls.client_key_file.c_str());
  }

  if (o.deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*o.deadline -
                                                                      std::chrono::steady_clock::now());
    if (left.count() <= 0)
      throw Error(ErrorKind::kNetwork, request.method + " \"" + request.url + "\": command timed out");
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(left.count()));
  }

  if (request.method == "HEAD") {
    curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  } else if (request.method == "GET") {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }
  }

  curl_slist* header_list = nullptr;
  for (const auto& [k, v] : request.headers) header_list = curl_slist_append(header_list, (k + ": " + v).c_str());
  // curl adds "Expect: 100-continue" for large bodies; registries don't need the extra round trip.
  header_list = curl_slist_append(header_list, "Expect:");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, header_list);

  if (o.debug) {
    std::cerr << "DEBU " << request.method << " " << request.url << "\n";
    for (const auto& [k, v] : request.headers) std::cerr << "DEBU   > " << k << ": " << mask_header_value(k, v) << "\n";
  }

  CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(header_list);
  if (rc != CURLE_OK) {
    if (transfer.aborted_by_callback) throw Error(ErrorKind::kIo, request.method + " \"" + request.url + "\": transfer aborted");
    std::string detail = error_buffer[0] ? error_buffer : curl_easy_strerror(rc);
    ErrorKind kind = ErrorKind::kNetwork;
    std::string what = request.method + " \"" + request.url + "\": " + detail;
    long os_errno = 0;
    curl_easy_getinfo(c, CURLINFO_OS_ERRNO, &os_errno);
    if (rc == CURLE_COULDNT_CONNECT && os_errno != 0) {
      std::string reason = std::strerror(static_cast<int>(os_errno));
      for (auto& ch : reason) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      what += " (connect: " + reason + ")";
    }
    if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE) {
      what += " (TLS certificate verification failed; see --cert-dir or --tls-verify=false)";
    } else if (rc == CURLE_OPERATION_TIMEDOUT && o.deadline) {
      what += " (--command-timeout reached)";
    }
    throw Error(kind, what);
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  if (o.debug) {
    std::cerr << "DEBU   < " << response.status << "\n";
    for (const auto& [k, v] : response.headers) std::cerr << "DEBU   < " << k << ": " << mask_header_value(k, v) << "\n";
  }
  return response;
}

}  // namespace periscope::http
