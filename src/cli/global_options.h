#pragma once
// Flags every command accepts, before or after the command name (cobra's persistent flags).
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "cli/args.h"

namespace periscope::cli {

struct GlobalOptions {
  bool debug = false;
  std::string policy;
  bool insecure_policy = false;
  std::string registries_d;
  std::string registries_conf;
  std::string override_arch, override_os, override_variant;
  std::optional<std::chrono::steady_clock::time_point> deadline;  // from --command-timeout
  std::string tmpdir;
  std::string user_agent;        // "periscope/VERSION", or "PREFIX periscope/VERSION"
  std::optional<bool> tls_verify;  // deprecated root-level --tls-verify
};

const std::vector<FlagSpec>& global_flag_specs();
// `command_has_tls_verify`: the command defines its own --tls-verify, which then is not the
// deprecated global one.
GlobalOptions global_options(const ParsedArgs& args, bool command_has_tls_verify);

}  // namespace periscope::cli
