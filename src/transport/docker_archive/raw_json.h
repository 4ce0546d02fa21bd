#pragma once
// Go's handling of json.RawMessage, which docker-archive's legacy layer configs depend on for
// their IDs: members of an object kept as raw text, and re-emitted compacted as Go does.
#include <map>
#include <string>
#include <string_view>

namespace periscope::transport::docker_archive {

// The members of the JSON object `text` with their values as raw text (json.Unmarshal into
// map[string]*json.RawMessage: keys decoded, the last duplicate wins). Throws Error(kIo) when
// `text` is not a JSON object.
std::map<std::string, std::string> raw_object_members(std::string_view text);

// What json.Marshal writes for a RawMessage: whitespace outside strings removed, and <, >, &,
// U+2028 and U+2029 escaped as \u003c, \u003e, \u0026, \u2028, \u2029.
std::string go_compact(std::string_view raw);

}  // namespace periscope::transport::docker_archive
