#pragma once
// Per-registry TLS material, containers-certs.d(5): in --cert-dir, or else the first existing of
// ~/.config/containers/certs.d/HOST[:PORT], /etc/containers/certs.d/HOST[:PORT] and
// /etc/docker/certs.d/HOST[:PORT]: every *.crt is an extra CA, every X.cert with its X.key a client
// certificate.
#include <string>

#include "http/http_client.h"

namespace periscope::registry {

// The folder to use for `registry` ("host:port"), or "" when none exists.
std::string find_cert_dir(const std::string& cert_dir_flag, const std::string& registry);

// Adds the folder's CAs and client certificate to `tls`. A X.cert without X.key (or the reverse) is
// an error naming the file, as in containers/image.
void load_cert_dir(const std::string& dir, http::TlsOptions& tls);

}  // namespace periscope::registry
