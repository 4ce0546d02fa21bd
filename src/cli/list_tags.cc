// periscope list-tags docker://REPOSITORY: {"Repository": ..., "Tags": [...]} as skopeo prints it.
#include <iostream>

#include "cli/command.h"
#include "cli/image_flags.h"
#include "core/error.h"
#include "core/go_json.h"
#include "reference/reference.h"
#include "transport/registry/docker_reference.h"

namespace periscope::cli {

std::vector<FlagSpec> list_tags_flags() {
  return join_flags({shared_image_flags(), docker_image_flags(""), retry_flags()});
}

int run_list_tags(const ParsedArgs& args, const GlobalOptions& global) {
  if (args.positional.size() != 1)
    throw_usage("Exactly one non-option argument expected\nUsage: periscope list-tags [command options] SOURCE-IMAGE");
  const std::string& text = args.positional[0];
  auto colon = text.find(':');
  if (colon == std::string::npos)
    throw_usage("Invalid image name \"" + text + "\", expected colon-separated transport:reference");
  std::string transport = text.substr(0, colon);
  if (transport != "docker")
    throw_usage("Unsupported transport '" + transport + "' for tag listing. Only supported: docker");
  std::string rest = text.substr(colon + 1);
  if (!rest.starts_with("//"))
    throw_usage("Invalid image name \"" + text + "\": docker: image reference " + rest + " does not start with \"//\"");
  reference::Named named;
  try {
    named = reference::parse_normalized_named(std::string_view(rest).substr(2));
  } catch (const Error& e) {
    throw e.with_context("Failed to parse image reference \"" + text + "\"");
  }
  if (!reference::is_name_only(named))
    throw_usage("\"" + text + "\" is not a valid repository name: No tag or digest allowed in reference");

  auto options = transport_options(args, "", global);
  auto client = transport::registry::make_client(named, options);
  std::vector<std::string> tags;
  try {
    tags = client->list_tags(named.path);
  } catch (const Error& e) {
    throw e.with_context("Error listing repository tags");
  }
  Json out = Json::object();
  out["Repository"] = named.name();
  out["Tags"] = tags;
  std::cout << go_json(out, {.indent = 4}) << "\n";
  return 0;
}

}  // namespace periscope::cli
