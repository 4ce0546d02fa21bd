#pragma once
// The command table: one entry per subcommand, with its usage text, flags and entry point.
#include <string>
#include <string_view>
#include <vector>

#include "cli/args.h"
#include "cli/global_options.h"

namespace periscope::cli {

struct Command {
  std::string_view name;
  std::string_view summary;      // one line, for `periscope --help`
  std::string_view usage;        // "inspect [command options] IMAGE-NAME"
  std::string_view description;  // the paragraphs above "Usage:"
  std::string_view examples;
  std::vector<FlagSpec> (*flags)();
  // Returns the exit code; throws periscope::Error for failures.
  int (*run)(const ParsedArgs& args, const GlobalOptions& global);
  bool may_use_registry = false;  // then libcurl's set-up starts on another thread before run()
};

const std::vector<Command>& commands();

// The whole command line; returns the process exit code. Errors are printed here, as one line.
int run(const std::vector<std::string>& argv);

// Each command's entry point and flags, defined in the command's own file.
int run_copy(const ParsedArgs&, const GlobalOptions&);
std::vector<FlagSpec> copy_flags();
int run_sync(const ParsedArgs&, const GlobalOptions&);
std::vector<FlagSpec> sync_flags();
int run_inspect(const ParsedArgs&, const GlobalOptions&);
std::vector<FlagSpec> inspect_flags();
int run_list_tags(const ParsedArgs&, const GlobalOptions&);
std::vector<FlagSpec> list_tags_flags();
int run_manifest_digest(const ParsedArgs&, const GlobalOptions&);
std::vector<FlagSpec> manifest_digest_flags();
int run_delete(const ParsedArgs&, const GlobalOptions&);
std::vector<FlagSpec> delete_flags();
int run_login(const ParsedArgs&, const GlobalOptions&);
std::vector<FlagSpec> login_flags();
int run_logout(const ParsedArgs&, const GlobalOptions&);
std::vector<FlagSpec> logout_flags();

// The text of `periscope COMMAND --help`.
std::string command_help(const Command& command);

}  // namespace periscope::cli
