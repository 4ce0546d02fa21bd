#pragma once
// Go's time.ParseDuration syntax, which skopeo's --command-timeout and --retry-delay take:
// "300ms", "1.5h", "2h45m", "1m30s", "0". Units ns, us (µs), ms, s, m, h.
#include <chrono>
#include <string_view>

namespace periscope {

// Throws Error(kUsage) naming the text when it is not a Go duration.
std::chrono::nanoseconds parse_go_duration(std::string_view text);

}  // namespace periscope
