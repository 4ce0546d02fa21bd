#pragma once
// time.Time as Go's encoding/json reads and writes it. Configs carry times as RFC 3339 text; Go
// parses them (UnmarshalJSON) and writes them back as RFC3339Nano (MarshalJSON), which drops
// trailing fractional zeros, truncates past nanoseconds and writes a zero offset as "Z". skopeo's
// output shows the re-written form, so we must produce it, not echo the input.
#include <optional>
#include <string>
#include <string_view>

namespace periscope::manifest {

// The zero time.Time, which Go writes for a time field that was absent from the input.
inline constexpr std::string_view kGoZeroTime = "0001-01-01T00:00:00Z";

// The text MarshalJSON writes for the time UnmarshalJSON reads from `text` (without the JSON
// quotes), or nullopt when Go would reject it: anything but YYYY-MM-DDTHH:MM:SS[.digits](Z|±hh:mm)
// with valid ranges (day checked against the month, leap years included).
std::optional<std::string> go_time_canonical(std::string_view text);

}  // namespace periscope::manifest
