#pragma once
// The copy's report, skopeo's lines ("Getting image source signatures", "Copying blob sha256:…
// done", "Copying config sha256:…", "Writing manifest to image destination", ...), written to
// stderr so that stdout stays clean for docker-archive:/dev/stdout. On a terminal each blob in
// flight gets a live bar (bytes, total, rate), redrawn at most ten times a second; otherwise one
// line per finished blob. Nothing with --quiet. Safe to call from several threads.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace periscope::copy {

class Progress {
 public:
  // `terminal`: stderr is a TTY (decided by the caller, so tests can choose).
  Progress(bool quiet, bool terminal);
  explicit Progress(bool quiet);  // terminal = isatty(stderr)
  void line(const std::string& text);

  // A blob transfer: start it, report bytes so far, then finish it with done or skipped.
  int start_blob(bool is_config, const std::string& digest, std::int64_t total);
  void update_blob(int id, std::int64_t bytes);
  void finish_blob(int id, bool skipped);
  // Shorthand for a blob that needed no transfer.
  void blob_done(bool is_config, const std::string& digest, bool skipped, std::int64_t bytes);

  // Bytes of blobs actually transferred (not skipped), for sync's report.
  std::int64_t bytes_transferred() const { return bytes_.load(); }

  // The text of one bar, e.g. "Copying blob sha256:0123456789ab [=====>     ] 12.0MiB / 50.0MiB 8.1MiB/s".
  static std::string bar_text(const std::string& label, std::int64_t done, std::int64_t total, double seconds,
                              int width);

 private:
  struct Bar {
    std::string label;        // short, for the live bar
    std::string final_label;  // with the whole digest, for the line left when it is done
    std::int64_t total = -1;
    std::int64_t done = 0;
    std::chrono::steady_clock::time_point start;
    bool active = true;
  };
  void redraw_locked(bool force);
  void clear_locked();

  bool quiet_;
  bool terminal_;
  std::atomic<std::int64_t> bytes_{0};
  std::mutex mu_;
  std::vector<Bar> bars_;
  int drawn_ = 0;  // bar lines currently on screen
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace periscope::copy
