// periscope manifest-digest FILE: the digest a registry would give the manifest in FILE.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/command.h"
#include "core/error.h"
#include "manifest/manifest.h"

namespace periscope::cli {

std::vector<FlagSpec> manifest_digest_flags() { return {}; }

int run_manifest_digest(const ParsedArgs& args, const GlobalOptions&) {
  if (args.positional.size() != 1) throw_usage("Usage: periscope manifest-digest manifest");
  const std::string& path = args.positional[0];
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::kIo, "Error reading manifest from " + path + ": open " + path + ": " + std::strerror(errno));
  std::stringstream ss;
  ss << in.rdbuf();
  std::cout << manifest::manifest_digest(ss.str()).str() << "\n";
  return 0;
}

}  // namespace periscope::cli
