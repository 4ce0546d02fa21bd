#pragma once
// JSON text exactly as Go's encoding/json writes it, so that our output and digests match skopeo's:
// json.Marshal (compact) or json.MarshalIndent(v, "", indent), keys in the order the object holds
// them (callers build objects in Go's struct-field order, or sorted as Go sorts map keys).
#include <nlohmann/json.hpp>
#include <string>

namespace periscope {

using Json = nlohmann::ordered_json;

struct GoJsonOptions {
  int indent = 0;            // 0: compact (json.Marshal); n: MarshalIndent with n spaces
  bool escape_html = true;   // Go escapes <, > and & as \u003c, \u003e, \u0026 unless told not to
  char indent_char = ' ';    // auth.json is indented with tabs
};

std::string go_json(const Json& value, GoJsonOptions options = {});

// Go's string quoting inside JSON (with the surrounding quotes).
std::string go_json_string(const std::string& s, bool escape_html = true);

}  // namespace periscope
