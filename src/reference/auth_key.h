#pragma once
// The REGISTRY argument of login/logout, turned into an auth-file key as c/common pkg/auth
// parseCredentialsKey does with AcceptRepositories set (skopeo sets it for both commands).
#include <string>
#include <string_view>

namespace periscope::reference {

struct CredentialsKey {
  std::string key;       // what the auth file is indexed by: "quay.io" or "quay.io/ns/repo"
  std::string registry;  // the host[:port] to authenticate against
};

// "host[:port]" is kept as is; "host/ns/repo" is kept as given (not normalised, so
// "docker.io/vendor" stays that) after checking it is a valid name-only reference on that same
// host; an "http://" or "https://" URL is reduced to its host[:port]. Throws Error(kUsage) with
// c/common's message otherwise.
CredentialsKey parse_credentials_key(std::string_view arg);

// parse_credentials_key(arg).key.
std::string normalize_auth_key(std::string_view arg);

// The host[:port] of an http(s) URL, as Go's url.Parse(u).Host; text with another prefix is
// returned unchanged. Throws Error(kUsage) "trimming http{s} prefix: parse ..." like c/common.
std::string replace_url_by_host_port(std::string_view arg);

}  // namespace periscope::reference
