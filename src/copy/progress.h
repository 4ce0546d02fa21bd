#pragma once
// The copy's report, skopeo's lines ("Getting image source signatures", "Copying blob sha256:…
// done", "Copying config sha256:…", "Writing manifest to image destination", ...), written to
// stderr so that stdout stays clean for docker-archive:/dev/stdout. One line per event (safe from
// several threads); nothing with --quiet.
#include <cstdint>
#include <mutex>
#include <string>

namespace periscope::copy {

class Progress {
 public:
  explicit Progress(bool quiet) : quiet_(quiet) {}
  void line(const std::string& text);
  // "Copying blob sha256:… done" / "… skipped: already exists"; config: "Copying config sha256:… done".
  void blob_done(bool is_config, const std::string& digest, bool skipped, std::int64_t bytes);

 private:
  bool quiet_;
  std::mutex mu_;
};

}  // namespace periscope::copy
