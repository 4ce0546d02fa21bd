#pragma once
// The data a template runs over, modelled on what Go's reflect would see in skopeo's output
// structs: typed scalars, RFC3339 times, slices and maps that may be nil (printed as [] / map[] but
// marshalled as null), and structs whose fields carry their encoding/json name and omitempty flag.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/go_json.h"

namespace periscope::tmpl {

class Value;
struct Field;

// A time.Time as parsed from RFC3339 text: its wall-clock fields and zone offset.
struct Time {
  std::int64_t year = 1;
  int month = 1, day = 1, hour = 0, minute = 0, second = 0;
  std::int32_t nanos = 0;
  int offset_seconds = 0;
  bool utc = true;   // written with 'Z' (Go: time.UTC) rather than a numeric offset
  std::string text;  // as given

  // Throws Error(kUsage) unless `text` is RFC3339 (Go's time.RFC3339 / RFC3339Nano).
  static Time parse(std::string_view text);
  std::string go_string() const;     // time.Time.String()
  std::string rfc3339_nano() const;  // time.Time.MarshalJSON without the quotes
};

class Value {
 public:
  // kNoValue is Go's invalid reflect.Value, e.g. a missing map key: printed as "<no value>".
  enum class Kind { kNoValue, kNil, kBool, kInt, kFloat, kString, kTime, kList, kMap, kStruct };
  using List = std::vector<Value>;
  using Map = std::map<std::string, Value>;  // Go prints and marshals maps in sorted key order

  Value() = default;  // nil (a nil pointer or interface)
  Value(bool b) : kind_(Kind::kBool), int_(b ? 1 : 0) {}
  Value(int i) : kind_(Kind::kInt), int_(i) {}
  Value(std::int64_t i) : kind_(Kind::kInt), int_(i) {}
  Value(double d) : kind_(Kind::kFloat), float_(d) {}
  Value(const char* s) : kind_(Kind::kString), string_(s) {}
  Value(std::string s) : kind_(Kind::kString), string_(std::move(s)) {}
  Value(std::string_view s) : kind_(Kind::kString), string_(s) {}

  static Value no_value();
  static Value time(std::string_view rfc3339);  // throws Error(kUsage) on malformed text
  static Value time(Time t);
  static Value list(List items);
  static Value string_list(const std::vector<std::string>& items);
  static Value nil_list();  // a nil slice: prints [], marshals null
  // `missing` is the zero value of the element type, which `index` returns for a missing key
  // (Go's map[string]string gives ""; map[string]any would give nil).
  static Value map(Map entries, Value missing = Value(std::string()));
  static Value string_map(const std::map<std::string, std::string>& entries);
  static Value nil_map(Value missing = Value(std::string()));
  static Value structure(std::string type_name, std::vector<Field> fields);

  Kind kind() const { return kind_; }
  bool is_nil() const;  // nil itself, or a nil slice / map
  bool as_bool() const { return int_ != 0; }
  std::int64_t as_int() const { return int_; }
  double as_float() const { return float_; }
  const std::string& as_string() const { return string_; }  // also the raw text of a time
  const Time& as_time() const { return *time_; }
  const List& as_list() const;
  const Map& as_map() const;
  const Value& map_missing() const;
  const std::string& type_name() const;  // of a struct
  const std::vector<Field>& fields() const;
  const Field* field(std::string_view name) const;

  // Go's notion of "true" for if/with/and/or/not: non-zero, non-empty, non-nil; structs are true.
  bool truthy() const;
  // A Go type name for error messages ("string", "int", "[]interface {}", "inspect.Output").
  std::string go_type() const;

 private:
  struct MapData;  // defined in value.cc, where Value is complete
  struct StructData;

  Kind kind_ = Kind::kNil;
  bool nil_container_ = false;
  std::int64_t int_ = 0;
  double float_ = 0;
  std::string string_;
  std::shared_ptr<const Time> time_;
  std::shared_ptr<const List> list_;
  std::shared_ptr<const MapData> map_;
  std::shared_ptr<const StructData> struct_;
};

struct Field {
  std::string name;
  Value value;
  std::string json_name;  // empty: the Go field name
  bool omitempty = false;
};

// Go's %v rendering, as text/template prints a value.
std::string go_print(const Value& value);
// What encoding/json would marshal the value as (for the `json` template function).
Json to_json(const Value& value);

}  // namespace periscope::tmpl
