// periscope: argv -> cli::run(), which maps periscope::Error kinds to exit codes.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"

int main(int argc, char** argv) {
  int code;
  {
    std::vector<std::string> args(argv + 1, argv + argc);
    code = periscope::cli::run(args);
  }
  // Every command has finished its work and destroyed what it made by now: what is left are the
  // process-wide caches (libcurl's and OpenSSL's global state, the parsed configuration), whose
  // teardown only costs time (~0.5 ms a run). Flush the output and leave without it.
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  ::_exit(code);
}
