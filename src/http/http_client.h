#pragma once
// A small synchronous HTTP client over libcurl. One Client keeps one curl handle, so connections
// (and TLS sessions, HTTP/2 streams) are reused across requests to the same host. Proxies come from
// the environment (http_proxy, https_proxy, no_proxy), as libcurl reads them.
// Redirects are not followed here: the registry client follows them itself, so that it can drop
// credentials when a redirect leaves the host.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/reader.h"

namespace periscope::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method = "GET";
  std::string url;
  Headers headers;
  std::string body;
  // When set, the request body is pulled from it instead (size -1: sent chunked). An exception the
  // reader throws aborts the request and is rethrown by perform().
  io::Reader* body_reader = nullptr;
  std::int64_t body_size = -1;
  // When set, the response body is streamed to it instead of collected in Response::body; returning
  // false aborts the transfer.
  std::function<bool(std::string_view chunk)> on_body;
};

struct Response {
  long status = 0;
  Headers headers;  // names lowercased, in arrival order
  std::string body;
  std::optional<std::string> header(std::string_view name) const;  // first with that name
  std::vector<std::string> all_headers(std::string_view name) const;
};

struct TlsOptions {
  bool verify = true;
  std::vector<std::string> extra_ca_files;  // added to the system trust store
  std::string client_cert_file, client_key_file;
};

struct ClientOptions {
  TlsOptions tls;
  std::string user_agent;
  bool debug = false;  // log each exchange to stderr, secrets masked
  std::optional<std::chrono::steady_clock::time_point> deadline;  // --command-timeout
};

// A response whose body is pulled as a stream. Its Client is busy until it is destroyed.
class Stream : public io::Reader {
 public:
  virtual long status() const = 0;
  virtual const Headers& headers() const = 0;
  std::optional<std::string> header(std::string_view name) const;
};

class Client {
 public:
  explicit Client(ClientOptions options);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Throws Error(kNetwork) for transport failures (connection refused, TLS, timeout), with curl's
  // explanation; any HTTP status is returned, not thrown.
  Response perform(const Request& request);
  // Sends the request and returns once the response headers arrived; the body is then read from
  // the stream (network errors while reading throw Error(kNetwork)). Request::on_body is ignored.
  std::unique_ptr<Stream> open(const Request& request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Starts libcurl's process-wide set-up (OpenSSL's with it: 1-2 ms) on another thread, so that it
// overlaps what the caller does before its first request. Optional: the first Client waits for it,
// or does it itself.
void start_global_init();

// What --debug may print of a header: credentials (Authorization, cookies) become "***".
std::string mask_header_value(std::string_view name, std::string_view value);

}  // namespace periscope::http
