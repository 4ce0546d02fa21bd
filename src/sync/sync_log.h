#pragma once
// sync's messages in the shape skopeo prints them: logrus's text formatter on a non-terminal,
// `time="2006-01-02T15:04:05+07:00" level=info msg="Copying image ref 1/4" from="docker://…"
// to="…"`, fields sorted by key, values quoted (Go %q) unless they consist of [A-Za-z0-9-._/@^+]
// only. Written to stderr, one whole line per call, safe from several threads.
#include <mutex>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace periscope::sync {

enum class Level { kDebug, kInfo, kWarning, kError };

using Fields = std::vector<std::pair<std::string, std::string>>;

class Log {
 public:
  // `debug`: also print debug lines (--debug).
  Log(std::ostream& out, bool debug) : out_(out), debug_(debug) {}
  void write(Level level, const std::string& message, Fields fields = {});
  void info(const std::string& m, Fields f = {}) { write(Level::kInfo, m, std::move(f)); }
  void warn(const std::string& m, Fields f = {}) { write(Level::kWarning, m, std::move(f)); }
  void error(const std::string& m, Fields f = {}) { write(Level::kError, m, std::move(f)); }
  // Plain text (our closing summary), not in logrus form.
  void plain(const std::string& text);

 private:
  std::ostream& out_;
  bool debug_;
  std::mutex mu_;
};

// One formatted line without the newline; `time` is the already formatted timestamp.
std::string format_log_line(const std::string& time, Level level, const std::string& message,
                            Fields fields);
// Go's %q of a string (ASCII escapes; other bytes kept as they are when valid UTF-8).
std::string go_quote(const std::string& text);

}  // namespace periscope::sync
