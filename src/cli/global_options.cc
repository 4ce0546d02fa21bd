#include "cli/global_options.h"

#include <iostream>

#include "config/proxy_env.h"
#include "config/system_config.h"
#include "core/duration.h"

namespace periscope::cli {

const std::vector<FlagSpec>& global_flag_specs() {
  static const std::vector<FlagSpec> kSpecs = {
      {"command-timeout", 0, FlagType::kString, "duration", "timeout for the command execution"},
      {"debug", 0, FlagType::kBool, "", "enable debug output"},
      {"help", 'h', FlagType::kBool, "", "help for periscope"},
      {"insecure-policy", 0, FlagType::kBool, "", "run the tool without any policy check"},
      {"override-arch", 0, FlagType::kString, "ARCH", "use ARCH instead of the architecture of the machine for choosing images"},
      {"override-os", 0, FlagType::kString, "OS", "use OS instead of the running OS for choosing images"},
      {"override-variant", 0, FlagType::kString, "VARIANT", "use VARIANT instead of the running architecture variant for choosing images"},
      {"policy", 0, FlagType::kString, "string", "Path to a trust policy file"},
      {"registries.d", 0, FlagType::kString, "DIR", "use registry configuration files in DIR (e.g. for container signature storage)"},
      {"registries-conf", 0, FlagType::kString, "PATH", "path to the registries.conf file", "", true},
      {"tls-verify", 0, FlagType::kBool, "", "deprecated: use --src-tls-verify / --dest-tls-verify", "", true},
      {"tmpdir", 0, FlagType::kString, "string", "directory used to store temporary files"},
      {"user-agent-prefix", 0, FlagType::kString, "string", "prefix to add to the user agent string"},
      {"version", 'v', FlagType::kBool, "", "Version for periscope"},
  };
  return kSpecs;
}

GlobalOptions global_options(const ParsedArgs& args, bool command_has_tls_verify) {
  GlobalOptions g;
  g.debug = args.get_bool("debug");
  g.policy = args.get("policy");
  g.insecure_policy = args.get_bool("insecure-policy");
  g.registries_d = args.get("registries.d");
  g.registries_conf = args.get("registries-conf");
  // Process-wide settings every registry client reads; set before any of them exists.
  config::set_registries_conf_flag(g.registries_conf);
  config::apply_proxy_environment();
  g.override_arch = args.get("override-arch");
  g.override_os = args.get("override-os");
  g.override_variant = args.get("override-variant");
  g.tmpdir = args.get("tmpdir");
  if (args.has("command-timeout")) {
    auto d = parse_go_duration(args.get("command-timeout"));
    if (d.count() > 0)
      g.deadline = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(d);
  }
  g.user_agent = std::string("periscope/") + PERISCOPE_VERSION;
  if (args.has("user-agent-prefix") && !args.get("user-agent-prefix").empty())
    g.user_agent = args.get("user-agent-prefix") + " " + g.user_agent;
  if (!command_has_tls_verify && args.has("tls-verify")) {
    std::cerr << "Warning: '--tls-verify' is deprecated, instead use: --src-tls-verify, --dest-tls-verify\n";
    g.tls_verify = args.get_bool("tls-verify");
  }
  return g;
}

}  // namespace periscope::cli
