// periscope: argv -> cli::run(), which maps periscope::Error kinds to exit codes.
#include <string>
#include <vector>

#include "cli/command.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return periscope::cli::run(args);
}
