#pragma once
// Proxies from the environment, with Go's net/http rules (what skopeo follows) mapped onto the
// variables libcurl reads: HTTP_PROXY / HTTPS_PROXY / NO_PROXY win over their lowercase forms
// (libcurl ignores an uppercase HTTP_PROXY), and loopback hosts are never proxied (Go's
// httpproxy never proxies localhost or 127.0.0.0/8 / ::1).
namespace periscope::config {

// Rewrites this process's http_proxy / https_proxy / no_proxy accordingly. Called once by the CLI
// before any connection is made (and before threads start).
void apply_proxy_environment();

}  // namespace periscope::config
