#pragma once
// A small model of Go's encoding/json for the struct types c/image decodes manifests and configs
// into. skopeo's output and its acceptance of input are both defined by those Go structs: Unmarshal
// matches keys case-insensitively, ignores unknown keys, treats null as "leave alone" for scalars
// and "nil" for slices, maps and pointers, and rejects wrongly typed values; Marshal writes every
// field in declaration order, honours omitempty, writes zero values for absent fields and sorts map
// keys. Describing each struct once as data lets both directions share those rules.
#include <string>
#include <string_view>
#include <vector>

#include "core/go_json.h"

namespace periscope::manifest::go {

enum class Kind {
  kString,
  kBool,
  kInt,          // int / int64 / time.Duration: integer literals only
  kTime,         // time.Time: RFC 3339 text, stored in its re-marshalled form
  kBytes,        // []byte: standard base64 text
  kStringSlice,  // []string (also []digest.Digest)
  kStrSlice,     // docker's strslice.StrSlice: a string or an array of strings
  kStringMap,    // map[string]string
  kSet,          // map[string]struct{}
  kStruct,
  kStructSlice,
  kAny,  // interface{}: anything; null means nil
  kRaw,  // json.RawMessage: anything, and null is kept (it is non-nil "null")
};

struct Struct;

struct Field {
  std::string_view name;  // the JSON key (the Go field name when the tag has none)
  Kind kind;
  bool omitempty = false;
  bool pointer = false;           // *T: absent means nil
  const Struct* type = nullptr;   // element type of kStruct / kStructSlice
  std::string_view go_type = {};  // for error messages; empty: derived from kind
};

struct Struct {
  std::string_view go_name;   // reflect.Type.Name(), used in error messages
  std::vector<Field> fields;  // embedded structs are listed flattened, as Go promotes them
};

// Go's %q (strconv.Quote) for the strings c/image puts in error messages: quotes, backslashes and
// control characters escaped; other bytes kept.
std::string go_quote(std::string_view s);

// JSON text into a value, or Error(kUnsupported) with Go's wording for the common syntax errors.
Json parse_json(std::string_view bytes);

// What json.Unmarshal(input, &T{}) leaves in T: an object with, under each field's JSON name, the
// fields the input set (only those; absent means Go's zero value or nil). Times are held in their
// re-marshalled text. Throws Error(kUnsupported) with Go's UnmarshalTypeError wording on a wrongly
// typed value ("json: cannot unmarshal string into Go struct field ImageConfig.config.Env of type
// []string"), or on a time Go would not parse.
Json unmarshal(const Json& input, const Struct& type);

// json.Marshal of such a value: all fields in order, omitempty and zero values as Go writes them.
Json marshal(const Json& decoded, const Struct& type);

}  // namespace periscope::manifest::go
