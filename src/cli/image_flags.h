#pragma once
// skopeo's reusable flag groups (cmd/skopeo/utils.go): the per-image docker flags with an optional
// "src-"/"dest-" prefix, the shared --authfile, and the retry flags; and their conversion to
// transport options, with skopeo's validation messages.
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/global_options.h"
#include "transport/transport.h"

namespace periscope::cli {

std::vector<FlagSpec> shared_image_flags();                          // --authfile
std::vector<FlagSpec> docker_image_flags(const std::string& prefix);  // creds, tls, cert-dir, ...
std::vector<FlagSpec> image_flags(const std::string& prefix);         // + shared-blob-dir, daemon-host
std::vector<FlagSpec> retry_flags();

// Throws Error(kUsage) for contradictory flags ("creds and no-creds cannot be specified at the same time", ...).
transport::TransportOptions transport_options(const ParsedArgs& args, const std::string& prefix,
                                              const GlobalOptions& global);

// Concatenates flag groups.
std::vector<FlagSpec> join_flags(std::initializer_list<std::vector<FlagSpec>> groups);

}  // namespace periscope::cli
