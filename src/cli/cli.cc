#include <algorithm>
#include <iostream>

#include "cli/command.h"
#include "core/error.h"
#include "http/http_client.h"

namespace periscope::cli {
namespace {

std::string main_help() {
  std::string out =
      "Various operations with container images and container image registries\n\n"
      "Periscope is a drop-in replacement for skopeo: same commands, flags, transports and output.\n\n"
      "Usage:\n  periscope [flags]\n  periscope [command]\n\nAvailable Commands:\n";
  std::size_t width = 4;
  for (const auto& c : commands()) width = std::max(width, c.name.size());
  auto row = [&](std::string_view name, std::string_view summary) {
    out += "  " + std::string(name) + std::string(width - name.size() + 2, ' ') + std::string(summary) + "\n";
  };
  row("help", "Help about any command");
  for (const auto& c : commands()) row(c.name, c.summary);
  out += "\nFlags:\n" + format_flags(global_flag_specs());
  out += "\nUse \"periscope [command] --help\" for more information about a command.\n";
  return out;
}

const Command* find_command(std::string_view name) {
  for (const auto& c : commands())
    if (c.name == name) return &c;
  return nullptr;
}

// Splits argv at the command name, which is the first argument that is neither a global flag nor a
// global flag's value.
std::size_t command_index(const std::vector<std::string>& args) {
  const auto& specs = global_flag_specs();
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") return args.size();
    if (a.starts_with("--")) {
      std::string name = a.substr(2, a.find('=') == std::string::npos ? std::string::npos : a.find('=') - 2);
      for (const auto& s : specs)
        if (s.name == name && s.type != FlagType::kBool && a.find('=') == std::string::npos) ++i;
      continue;
    }
    if (a.size() > 1 && a[0] == '-') {
      for (const auto& s : specs)
        if (s.short_name == a[1] && s.type != FlagType::kBool && a.size() == 2) ++i;
      continue;
    }
    return i;
  }
  return args.size();
}

int dispatch(const std::vector<std::string>& args) {
  std::size_t at = command_index(args);
  if (at == args.size()) {
    ParsedArgs global = parse_args(args, global_flag_specs());
    if (global.get_bool("version")) {
      std::cout << "periscope version " << PERISCOPE_VERSION << "\n";
      return 0;
    }
    if (global.get_bool("help")) {
      std::cout << main_help();
      return 0;
    }
    throw_usage("Missing command 'periscope COMMAND'; try 'periscope --help' for more information");
  }
  std::string name = args[at];
  std::vector<std::string> rest(args.begin(), args.begin() + static_cast<long>(at));
  rest.insert(rest.end(), args.begin() + static_cast<long>(at) + 1, args.end());

  if (name == "help") {
    ParsedArgs h = parse_args(rest, global_flag_specs());
    if (h.positional.empty()) {
      std::cout << main_help();
      return 0;
    }
    const Command* c = find_command(h.positional[0]);
    if (!c) throw_usage("Unknown help topic [`" + h.positional[0] + "`]");
    std::cout << command_help(*c);
    return 0;
  }
  const Command* command = find_command(name);
  if (!command) throw_usage("Unrecognized command `periscope " + name + "`; try 'periscope --help'");

  std::vector<FlagSpec> specs = command->flags();
  for (const auto& g : global_flag_specs()) {
    bool shadowed = false;
    for (const auto& s : specs) shadowed = shadowed || s.name == g.name;
    if (!shadowed) specs.push_back(g);
  }
  ParsedArgs parsed = parse_args(rest, specs);
  if (parsed.get_bool("help")) {
    std::cout << command_help(*command);
    return 0;
  }
  if (parsed.get_bool("version")) {
    std::cout << "periscope version " << PERISCOPE_VERSION << "\n";
    return 0;
  }
  bool own_tls_verify = false;
  for (const auto& s : command->flags()) own_tls_verify = own_tls_verify || s.name == "tls-verify";
  GlobalOptions global = global_options(parsed, own_tls_verify);
  // libcurl's set-up runs on another core while the command parses its configuration.
  if (command->may_use_registry) http::start_global_init();
  return command->run(parsed, global);
}

}  // namespace

int run(const std::vector<std::string>& argv) {
  try {
    return dispatch(argv);
  } catch (const Error& e) {
    std::cout.flush();
    std::cerr << "Error: " << e.what() << "\n";
    return exit_code_for(e.kind());
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << "Error: internal error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace periscope::cli
