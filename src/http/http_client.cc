#include "http/http_client.h"

#include <curl/curl.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <mutex>
#include <thread>

#include "core/error.h"

namespace periscope::http {
namespace {

constexpr std::size_t kStreamBufferLimit = 256 << 10;  // pause the transfer beyond this

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::once_flag global_init_once;

void global_init() {
  // Never cleaned up: the process ends without tearing down its global state (main.cc).
  std::call_once(global_init_once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Per-request state the curl callbacks see.
struct Transfer {
  const Request* request = nullptr;
  Response response;
  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_slist* header_list = nullptr;
  bool aborted_by_callback = false;
  std::exception_ptr body_reader_error;
  // Streaming mode: the body goes to `buffer`, and the transfer pauses when it is full.
  bool streaming = false;
  bool headers_done = false;
  bool paused = false;
  std::string buffer;
  ~Transfer() { curl_slist_free_all(header_list); }
};

size_t on_write(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  if (t->streaming) {
    if (t->buffer.size() >= kStreamBufferLimit) {
      t->paused = true;
      return CURL_WRITEFUNC_PAUSE;
    }
    t->buffer.append(data, n);
    return n;
  }
  if (t->request->on_body) {
    if (!t->request->on_body(std::string_view(data, n))) {
      t->aborted_by_callback = true;
      return 0;
    }
  } else {
    t->response.body.append(data, n);
  }
  return n;
}

size_t on_read(char* buffer, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  try {
    return t->request->body_reader->read(buffer, size * count);
  } catch (...) {
    t->body_reader_error = std::current_exception();
    return CURL_READFUNC_ABORT;
  }
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  std::string_view line(data, n);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.starts_with("HTTP/")) {
    t->response.headers.clear();  // a new response (e.g. after 100 Continue)
    auto space = line.find(' ');
    t->response.status = space == std::string_view::npos ? 0 : std::atol(std::string(line.substr(space + 1, 3)).c_str());
    return n;
  }
  if (line.empty()) {
    if (t->response.status >= 200) t->headers_done = true;
    return n;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  t->response.headers.emplace_back(lower(line.substr(0, colon)), std::string(value));
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

void configure(CURL* c, const ClientOptions& o, const Request& request, Transfer& t) {
  curl_easy_reset(c);  // keeps the connection cache, the TLS session cache and DNS cache
  t.request = &request;
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, t.error_buffer);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(c, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 30000L);
  curl_easy_setopt(c, CURLOPT_BUFFERSIZE, 128L * 1024);
  curl_easy_setopt(c, CURLOPT_UPLOAD_BUFFERSIZE, 128L * 1024);
  if (!o.user_agent.empty()) curl_easy_setopt(c, CURLOPT_USERAGENT, o.user_agent.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_write);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);

  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, o.tls.verify ? 1L : 0L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, o.tls.verify ? 2L : 0L);
  if (!o.tls.verify) {
    // Nothing is verified: don't parse the system CA bundle (~150 certificates) for nothing.
    curl_easy_setopt(c, CURLOPT_CAINFO, nullptr);
    curl_easy_setopt(c, CURLOPT_CAPATH, nullptr);
  }
  if (!o.tls.extra_ca_files.empty()) {
    curl_easy_setopt(c, CURLOPT_SSL_CTX_FUNCTION, add_extra_cas);
    curl_easy_setopt(c, CURLOPT_SSL_CTX_DATA, &o.tls.extra_ca_files);
  }
  if (!o.tls.client_cert_file.empty()) {
    curl_easy_setopt(c, CURLOPT_SSLCERT, o.tls.client_cert_file.c_str());
    curl_easy_setopt(c, CURLOPT_SSLKEY, o.tls.client_key_file.c_str());
  }
  if (o.deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*o.deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0)
      throw Error(ErrorKind::kNetwork, request.method + " \"" + request.url + "\": command timed out");
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(left.count()));
  }

  if (request.body_reader) {
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(c, CURLOPT_READDATA, &t);
    if (request.body_size >= 0) curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(request.body_size));
    if (request.method != "PUT") curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  } else if (request.method == "HEAD") {
    curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  } else if (request.method == "GET") {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }

  for (const auto& [k, v] : request.headers) t.header_list = curl_slist_append(t.header_list, (k + ": " + v).c_str());
  // curl adds "Expect: 100-continue" for large bodies; registries don't need the extra round trip.
  t.header_list = curl_slist_append(t.header_list, "Expect:");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, t.header_list);

  if (o.debug) {
    std::cerr << "DEBU " << request.method << " " << request.url << "\n";
    for (const auto& [k, v] : request.headers) std::cerr << "DEBU   > " << k << ": " << mask_header_value(k, v) << "\n";
  }
}

// Throws the error for a failed transfer.
[[noreturn]] void fail(CURL* c, const ClientOptions& o, const Request& request, Transfer& t, CURLcode rc) {
  if (t.body_reader_error) std::rethrow_exception(t.body_reader_error);
  if (t.aborted_by_callback)
    throw Error(ErrorKind::kIo, request.method + " \"" + request.url + "\": transfer aborted");
  std::string detail = t.error_buffer[0] ? t.error_buffer : curl_easy_strerror(rc);
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
  throw Error(ErrorKind::kNetwork, what);
}

void log_response(const ClientOptions& o, const Response& r) {
  if (!o.debug) return;
  std::cerr << "DEBU   < " << r.status << "\n";
  for (const auto& [k, v] : r.headers) std::cerr << "DEBU   < " << k << ": " << mask_header_value(k, v) << "\n";
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

std::optional<std::string> Stream::header(std::string_view name) const {
  std::string want = lower(name);
  for (const auto& [k, v] : headers())
    if (k == want) return v;
  return std::nullopt;
}

std::string mask_header_value(std::string_view name, std::string_view value) {
  std::string n = lower(name);
  if (n == "authorization" || n == "proxy-authorization" || n == "cookie" || n == "set-cookie") return "***";
  return std::string(value);
}

struct Client::Impl {
  ClientOptions options;
  CURL* curl = nullptr;
  CURLM* multi = nullptr;
};

namespace {

class CurlStream : public Stream {
 public:
  CurlStream(CURL* curl, CURLM* multi, const ClientOptions& options, const Request& request)
      : curl_(curl), multi_(multi), options_(options), request_(request) {
    transfer_.streaming = true;
    configure(curl_, options_, request_, transfer_);
    curl_multi_add_handle(multi_, curl_);
    added_ = true;
    while (!transfer_.headers_done && !done_) pump();
    if (done_ && result_ != CURLE_OK) fail(curl_, options_, request_, transfer_, result_);
    log_response(options_, transfer_.response);
  }
  ~CurlStream() override {
    if (added_) curl_multi_remove_handle(multi_, curl_);
  }
  long status() const override { return transfer_.response.status; }
  const Headers& headers() const override { return transfer_.response.headers; }

  std::size_t read(char* buffer, std::size_t size) override {
    while (pos_ == transfer_.buffer.size()) {
      transfer_.buffer.clear();
      pos_ = 0;
      if (done_) {
        if (result_ != CURLE_OK) fail(curl_, options_, request_, transfer_, result_);
        return 0;
      }
      if (transfer_.paused) {
        transfer_.paused = false;
        curl_easy_pause(curl_, CURLPAUSE_CONT);
        if (pos_ != transfer_.buffer.size()) break;
      }
      pump();
    }
    std::size_t n = std::min(size, transfer_.buffer.size() - pos_);
    std::memcpy(buffer, transfer_.buffer.data() + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  void pump() {
    int running = 0;
    curl_multi_perform(multi_, &running);
    int queued = 0;
    while (CURLMsg* m = curl_multi_info_read(multi_, &queued)) {
      if (m->msg == CURLMSG_DONE && m->easy_handle == curl_) {
        done_ = true;
        result_ = m->data.result;
      }
    }
    if (!done_ && transfer_.buffer.empty() && !transfer_.paused) curl_multi_poll(multi_, nullptr, 0, 1000, nullptr);
  }

  CURL* curl_;
  CURLM* multi_;
  const ClientOptions& options_;
  Request request_;
  Transfer transfer_;
  std::size_t pos_ = 0;
  bool added_ = false;
  bool done_ = false;
  CURLcode result_ = CURLE_OK;
};

}  // namespace

void start_global_init() { std::thread(global_init).detach(); }

Client::Client(ClientOptions options) : impl_(std::make_unique<Impl>()) {
  global_init();
  impl_->options = std::move(options);
  impl_->curl = curl_easy_init();
  if (!impl_->curl) throw Error(ErrorKind::kInternal, "cannot initialise libcurl");
}

Client::~Client() {
  if (impl_->multi) curl_multi_cleanup(impl_->multi);
  if (impl_->curl) curl_easy_cleanup(impl_->curl);
}

Response Client::perform(const Request& request) {
  // Through the same multi handle as open(), so that both share one connection cache.
  if (!impl_->multi) impl_->multi = curl_multi_init();
  Transfer t;
  configure(impl_->curl, impl_->options, request, t);
  curl_multi_add_handle(impl_->multi, impl_->curl);
  CURLcode rc = CURLE_OK;
  for (bool done = false; !done;) {
    int running = 0;
    curl_multi_perform(impl_->multi, &running);
    int queued = 0;
    while (CURLMsg* m = curl_multi_info_read(impl_->multi, &queued)) {
      if (m->msg == CURLMSG_DONE && m->easy_handle == impl_->curl) {
        done = true;
        rc = m->data.result;
      }
    }
    if (!done) curl_multi_poll(impl_->multi, nullptr, 0, 1000, nullptr);
  }
  curl_multi_remove_handle(impl_->multi, impl_->curl);
  if (rc != CURLE_OK) fail(impl_->curl, impl_->options, request, t, rc);
  curl_easy_getinfo(impl_->curl, CURLINFO_RESPONSE_CODE, &t.response.status);
  log_response(impl_->options, t.response);
  return std::move(t.response);
}

std::unique_ptr<Stream> Client::open(const Request& request) {
  if (!impl_->multi) impl_->multi = curl_multi_init();
  return std::make_unique<CurlStream>(impl_->curl, impl_->multi, impl_->options, request);
}

}  // namespace periscope::http
