// periscope delete IMAGE: removes the manifest (by digest) from its transport. Prints nothing.
#include "cli/command.h"
#include "cli/image_flags.h"
#include "core/error.h"
#include "transport/transport.h"

namespace periscope::cli {

std::vector<FlagSpec> delete_flags() { return join_flags({shared_image_flags(), image_flags(""), retry_flags()}); }

int run_delete(const ParsedArgs& args, const GlobalOptions& global) {
  if (args.positional.size() != 1) throw_usage("Usage: delete imageReference");
  auto ref = transport::parse_image_name(args.positional[0]);
  auto options = transport_options(args, "", global);
  try {
    ref->delete_image(options);
  } catch (const Error& e) {
    throw e.with_context("deleting image " + ref->to_string());
  }
  return 0;
}

}  // namespace periscope::cli
