#include "copy/progress.h"

#include <cstdio>

namespace periscope::copy {

void Progress::line(const std::string& text) {
  if (quiet_) return;
  std::lock_guard lock(mu_);
  std::fprintf(stderr, "%s\n", text.c_str());
  std::fflush(stderr);
}

void Progress::blob_done(bool is_config, const std::string& digest, bool skipped, std::int64_t) {
  line(std::string(is_config ? "Copying config " : "Copying blob ") + digest +
       (skipped ? " skipped: already exists" : " done"));
}

}  // namespace periscope::copy
