#include "template/value.h"

#include <cstdio>

#include "core/error.h"

namespace periscope::tmpl {

struct Value::MapData {
  Map entries;
  Value missing;
};

struct Value::StructData {
  std::string type_name;
  std::vector<Field> fields;
};

namespace {

const Value::List kEmptyList;
const Value::Map kEmptyMap;
const std::vector<Field> kNoFields;
const std::string kNoName;

// Reads exactly `n` digits at `pos`; -1 when they are not there.
int digits(std::string_view s, std::size_t& pos, int n) {
  if (pos + n > s.size()) {
    return -1;
  }
  int v = 0;
  for (int i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') {
      return -1;
    }
    v = v * 10 + (c - '0');
  }
  pos += n;
  return v;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) {
    return false;
  }
  ++pos;
  return true;
}

std::string pad(std::int64_t v, int width) {
  std::string s = std::to_string(v < 0 ? -v : v);
  if (static_cast<int>(s.size()) < width) {
    s.insert(0, width - s.size(), '0');
  }
  return v < 0 ? "-" + s : s;
}

// ".123" with trailing zeros dropped, or "" for whole seconds (Go's .999999999 layouts).
std::string fraction(std::int32_t nanos) {
  if (nanos == 0) {
    return "";
  }
  std::string f = pad(nanos, 9);
  while (f.back() == '0') {
    f.pop_back();
  }
  return "." + f;
}

std::string date_time(const Time& t, char separator) {
  return pad(t.year, 4) + "-" + pad(t.month, 2) + "-" + pad(t.day, 2) + separator + pad(t.hour, 2) +
         ":" + pad(t.minute, 2) + ":" + pad(t.second, 2) + fraction(t.nanos);
}

std::string offset_text(int offset_seconds, bool colon) {
  int minutes = offset_seconds / 60;
  std::string sign = minutes < 0 ? "-" : "+";
  if (minutes < 0) {
    minutes = -minutes;
  }
  return sign + pad(minutes / 60, 2) + (colon ? ":" : "") + pad(minutes % 60, 2);
}

}  // namespace

Time Time::parse(std::string_view s) {
  Time t;
  t.text = std::string(s);
  std::size_t p = 0;
  auto bad = [&]() -> Time { throw_usage("invalid RFC3339 time \"" + t.text + "\""); };
  int y = digits(s, p, 4);
  if (y < 0 || !expect(s, p, '-')) {
    return bad();
  }
  t.year = y;
  if ((t.month = digits(s, p, 2)) < 1 || t.month > 12 || !expect(s, p, '-')) {
    return bad();
  }
  if ((t.day = digits(s, p, 2)) < 1 || t.day > 31) {
    return bad();
  }
  if (!expect(s, p, 'T') && !expect(s, p, 't')) {
    return bad();
  }
  if ((t.hour = digits(s, p, 2)) < 0 || t.hour > 23 || !expect(s, p, ':')) {
    return bad();
  }
  if ((t.minute = digits(s, p, 2)) < 0 || t.minute > 59 || !expect(s, p, ':')) {
    return bad();
  }
  if ((t.second = digits(s, p, 2)) < 0 || t.second > 59) {
    return bad();
  }
  if (expect(s, p, '.')) {
    int n = 0;
    std::int64_t scale = 100000000;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
      if (n < 9) {
        t.nanos += static_cast<std::int32_t>((s[p] - '0') * scale);
      }
      scale /= 10;
      ++n;
      ++p;
    }
    if (n == 0) {
      return bad();
    }
  }
  if (expect(s, p, 'Z') || expect(s, p, 'z')) {
    t.utc = true;
  } else if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
    int sign = s[p++] == '-' ? -1 : 1;
    int hh = digits(s, p, 2);
    if (hh < 0 || !expect(s, p, ':')) {
      return bad();
    }
    int mm = digits(s, p, 2);
    if (mm < 0) {
      return bad();
    }
    t.offset_seconds = sign * (hh * 3600 + mm * 60);
    // Go gives a parsed zero offset the Local zone when Local is UTC, as it is where skopeo
    // usually runs (containers, CI); it then prints as "+0000 UTC" like a 'Z' time.
    t.utc = t.offset_seconds == 0;
  } else {
    return bad();
  }
  if (p != s.size()) {
    return bad();
  }
  return t;
}

std::string Time::go_string() const {
  std::string zone = offset_text(offset_seconds, false);
  return date_time(*this, ' ') + " " + zone + " " + (utc ? "UTC" : zone);
}

std::string Time::rfc3339_nano() const {
  return date_time(*this, 'T') + (offset_seconds == 0 ? "Z" : offset_text(offset_seconds, true));
}

Value Value::no_value() {
  Value v;
  v.kind_ = Kind::kNoValue;
  return v;
}

Value Value::time(std::string_view rfc3339) { return time(Time::parse(rfc3339)); }

Value Value::time(Time t) {
  Value v;
  v.kind_ = Kind::kTime;
  v.string_ = t.text;
  v.time_ = std::make_shared<const Time>(std::move(t));
  return v;
}

Value Value::list(List items) {
  Value v;
  v.kind_ = Kind::kList;
  v.list_ = std::make_shared<const List>(std::move(items));
  return v;
}

Value Value::string_list(const std::vector<std::string>& items) {
  return list(List(items.begin(), items.end()));
}

Value Value::nil_list() {
  Value v = list({});
  v.nil_container_ = true;
  return v;
}

Value Value::map(Map entries, Value missing) {
  Value v;
  v.kind_ = Kind::kMap;
  v.map_ = std::make_shared<const MapData>(MapData{std::move(entries), std::move(missing)});
  return v;
}

Value Value::string_map(const std::map<std::string, std::string>& entries) {
  return map(Map(entries.begin(), entries.end()));
}

Value Value::nil_map(Value missing) {
  Value v = map({}, std::move(missing));
  v.nil_container_ = true;
  return v;
}

Value Value::structure(std::string type_name, std::vector<Field> fields) {
  Value v;
  v.kind_ = Kind::kStruct;
  v.struct_ =
      std::make_shared<const StructData>(StructData{std::move(type_name), std::move(fields)});
  return v;
}

bool Value::is_nil() const { return kind_ == Kind::kNil || nil_container_; }
const Value::List& Value::as_list() const { return list_ ? *list_ : kEmptyList; }
const Value::Map& Value::as_map() const { return map_ ? map_->entries : kEmptyMap; }
const Value& Value::map_missing() const {
  static const Value kEmptyString{std::string()};
  return map_ ? map_->missing : kEmptyString;
}
const std::string& Value::type_name() const { return struct_ ? struct_->type_name : kNoName; }
const std::vector<Field>& Value::fields() const { return struct_ ? struct_->fields : kNoFields; }

const Field* Value::field(std::string_view name) const {
  for (const Field& f : fields()) {
    if (f.name == name) {
      return &f;
    }
  }
  return nullptr;
}

bool Value::truthy() const {
  switch (kind_) {
    case Kind::kNoValue:
    case Kind::kNil:
      return false;
    case Kind::kBool:
    case Kind::kInt:
      return int_ != 0;
    case Kind::kFloat:
      return float_ != 0;
    case Kind::kString:
      return !string_.empty();
    case Kind::kList:
      return !as_list().empty();
    case Kind::kMap:
      return !as_map().empty();
    case Kind::kTime:
    case Kind::kStruct:
      return true;
  }
  return false;
}

std::string Value::go_type() const {
  switch (kind_) {
    case Kind::kNoValue:
      return "<no value>";
    case Kind::kNil:
      return "<nil>";
    case Kind::kBool:
      return "bool";
    case Kind::kInt:
      return "int";
    case Kind::kFloat:
      return "float64";
    case Kind::kString:
      return "string";
    case Kind::kTime:
      return "time.Time";
    case Kind::kList: {
      bool strings = !as_list().empty();
      for (const Value& v : as_list()) {
        strings = strings && v.kind() == Kind::kString;
      }
      return strings ? "[]string" : "[]interface {}";
    }
    case Kind::kMap:
      return "map[string]" + map_missing().go_type();
    case Kind::kStruct:
      return type_name().empty() ? "struct" : type_name();
  }
  return "?";
}

namespace {

bool json_empty(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kTime:
    case Value::Kind::kStruct:
      return false;  // omitempty never drops a struct
    default:
      return !v.truthy();
  }
}

}  // namespace

Json to_json(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kNoValue:
    case Value::Kind::kNil:
      return nullptr;
    case Value::Kind::kBool:
      return v.as_bool();
    case Value::Kind::kInt:
      return v.as_int();
    case Value::Kind::kFloat:
      return v.as_float();
    case Value::Kind::kString:
      return v.as_string();
    case Value::Kind::kTime:
      return v.as_time().rfc3339_nano();
    case Value::Kind::kList: {
      if (v.is_nil()) {
        return nullptr;
      }
      Json out = Json::array();
      for (const Value& item : v.as_list()) {
        out.push_back(to_json(item));
      }
      return out;
    }
    case Value::Kind::kMap: {
      if (v.is_nil()) {
        return nullptr;
      }
      Json out = Json::object();
      for (const auto& [key, item] : v.as_map()) {
        out[key] = to_json(item);
      }
      return out;
    }
    case Value::Kind::kStruct: {
      Json out = Json::object();
      for (const Field& f : v.fields()) {
        if (f.omitempty && json_empty(f.value)) {
          continue;
        }
        out[f.json_name.empty() ? f.name : f.json_name] = to_json(f.value);
      }
      return out;
    }
  }
  return nullptr;
}

}  // namespace periscope::tmpl
