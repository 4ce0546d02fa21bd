#include "config/proxy_env.h"

#include <cstdlib>
#include <string>

namespace periscope::config {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// Go's getEnvAny(UPPER, lower): the first that is set and non-empty.
void prefer_upper(const char* upper, const char* lower) {
  std::string value = env(upper);
  if (!value.empty()) ::setenv(lower, value.c_str(), 1);
}

}  // namespace

void apply_proxy_environment() {
  prefer_upper("HTTP_PROXY", "http_proxy");
  prefer_upper("HTTPS_PROXY", "https_proxy");
  prefer_upper("NO_PROXY", "no_proxy");
  if (env("http_proxy").empty() && env("https_proxy").empty()) return;
  std::string no_proxy = env("no_proxy");
  if (no_proxy == "*") return;
  no_proxy += std::string(no_proxy.empty() ? "" : ",") + "localhost,127.0.0.0/8,::1";
  ::setenv("no_proxy", no_proxy.c_str(), 1);
}

}  // namespace periscope::config
