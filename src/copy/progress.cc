#include "copy/progress.h"

#include <unistd.h>

#include <cstdio>

namespace periscope::copy {
namespace {

std::string human(double bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  int u = 0;
  while (bytes >= 1024 && u < 4) {
    bytes /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f%s" : "%.1f%s", bytes, units[u]);
  return buf;
}

std::string label_for(bool is_config, const std::string& digest) {
  // skopeo shortens digests in its bars: "Copying blob 0123456789ab".
  std::string hex = digest.substr(digest.find(':') + 1);
  return std::string(is_config ? "Copying config " : "Copying blob ") + hex.substr(0, 12);
}

}  // namespace

Progress::Progress(bool quiet, bool terminal) : quiet_(quiet), terminal_(terminal) {}
Progress::Progress(bool quiet) : Progress(quiet, ::isatty(STDERR_FILENO) == 1) {}

std::string Progress::bar_text(const std::string& label, std::int64_t done, std::int64_t total, double seconds,
                               int width) {
  std::string out = label + " ";
  if (total > 0) {
    int filled = static_cast<int>(static_cast<double>(width) * static_cast<double>(std::min(done, total)) /
                                  static_cast<double>(total));
    out += "[" + std::string(static_cast<std::size_t>(filled), '=') + (filled < width ? ">" : "") +
           std::string(static_cast<std::size_t>(std::max(0, width - filled - 1)), ' ') + "] ";
    out += human(static_cast<double>(done)) + " / " + human(static_cast<double>(total));
  } else {
    out += human(static_cast<double>(done));
  }
  if (seconds > 0.05) out += " " + human(static_cast<double>(done) / seconds) + "/s";
  return out;
}

void Progress::clear_locked() {
  // Move up over the bars and clear to the end of the screen.
  if (drawn_ > 0) std::fprintf(stderr, "\x1b[%dA\x1b[J", drawn_);
  drawn_ = 0;
}

void Progress::redraw_locked(bool force) {
  auto now = std::chrono::steady_clock::now();
  if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  clear_locked();
  for (const Bar& b : bars_) {
    if (!b.active) continue;
    double seconds = std::chrono::duration<double>(now - b.start).count();
    std::fprintf(stderr, "%s\n", bar_text(b.label, b.done, b.total, seconds, 30).c_str());
    ++drawn_;
  }
  std::fflush(stderr);
}

void Progress::line(const std::string& text) {
  if (quiet_) return;
  std::lock_guard lock(mu_);
  if (terminal_) clear_locked();
  std::fprintf(stderr, "%s\n", text.c_str());
  if (terminal_) redraw_locked(true);
  std::fflush(stderr);
}

int Progress::start_blob(bool is_config, const std::string& digest, std::int64_t total) {
  std::lock_guard lock(mu_);
  bars_.push_back(Bar{label_for(is_config, digest), std::string(is_config ? "Copying config " : "Copying blob ") + digest,
                      total, 0, std::chrono::steady_clock::now(), true});
  if (terminal_ && !quiet_) redraw_locked(true);
  return static_cast<int>(bars_.size()) - 1;
}

void Progress::update_blob(int id, std::int64_t bytes) {
  std::lock_guard lock(mu_);
  bars_[static_cast<std::size_t>(id)].done = bytes;
  if (!quiet_ && terminal_) redraw_locked(false);
}

void Progress::finish_blob(int id, bool skipped) {
  std::string label;
  {
    std::lock_guard lock(mu_);
    Bar& b = bars_[static_cast<std::size_t>(id)];
    b.active = false;
    if (!skipped) bytes_ += b.done;
    label = b.final_label;
  }
  line(label + (skipped ? " skipped: already exists" : " done"));
}

void Progress::blob_done(bool is_config, const std::string& digest, bool skipped, std::int64_t bytes) {
  if (!skipped && bytes > 0) bytes_ += bytes;
  line(std::string(is_config ? "Copying config " : "Copying blob ") + digest +
       (skipped ? " skipped: already exists" : " done"));
}

}  // namespace periscope::copy
