#include "manifest/go_struct.h"

#include <limits>
#include <map>

#include "core/error.h"
#include "manifest/go_time.h"

namespace periscope::manifest::go {
namespace {

[[noreturn]] void fail(const std::string& message) {
  throw Error(ErrorKind::kUnsupported, message);
}

std::string go_type_of(const Field& f) {
  if (!f.go_type.empty()) return std::string(f.go_type);
  std::string t;
  switch (f.kind) {
    case Kind::kString:
      t = "string";
      break;
    case Kind::kBool:
      t = "bool";
      break;
    case Kind::kInt:
      t = "int";
      break;
    case Kind::kTime:
      t = "time.Time";
      break;
    case Kind::kBytes:
      t = "[]uint8";
      break;
    case Kind::kStringSlice:
      t = "[]string";
      break;
    case Kind::kStrSlice:
      t = "strslice.StrSlice";
      break;
    case Kind::kStringMap:
      t = "map[string]string";
      break;
    case Kind::kSet:
      t = "map[string]struct {}";
      break;
    case Kind::kStruct:
      t = std::string(f.type->go_name);
      break;
    case Kind::kStructSlice:
      t = "[]" + std::string(f.type->go_name);
      break;
    case Kind::kAny:
      t = "interface {}";
      break;
    case Kind::kRaw:
      t = "json.RawMessage";
      break;
  }
  return f.pointer ? "*" + t : t;
}

// UnmarshalTypeError.Value: the JSON kind, with the literal for numbers that do not fit.
std::string json_kind(const Json& v) {
  switch (v.type()) {
    case Json::value_t::object:
      return "object";
    case Json::value_t::array:
      return "array";
    case Json::value_t::string:
      return "string";
    case Json::value_t::boolean:
      return "bool";
    case Json::value_t::number_float:
      return "number " + v.dump();
    case Json::value_t::number_unsigned:
      return "number " + v.dump();
    default:
      return "number";
  }
}

struct Path {
  std::string_view struct_name;  // innermost struct being decoded, as Go reports it
  std::string fields;            // JSON names from the top, dot separated
};

[[noreturn]] void type_error(const Json& v, const Path& path, const std::string& go_type) {
  fail("json: cannot unmarshal " + json_kind(v) + " into Go struct field " +
       std::string(path.struct_name) + "." + path.fields + " of type " + go_type);
}

bool ascii_equal_fold(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// Go prefers an exact key match and falls back to the first field equal under case folding.
const Field* find_field(const Struct& type, std::string_view key) {
  for (const Field& f : type.fields) {
    if (f.name == key) return &f;
  }
  for (const Field& f : type.fields) {
    if (ascii_equal_fold(f.name, key)) return &f;
  }
  return nullptr;
}

bool valid_std_base64(std::string_view text) {
  std::string s;
  for (char c : text) {
    if (c != '\r' && c != '\n') s += c;
  }
  if (s.size() % 4 != 0) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 c == '+' || c == '/';
    if (alpha) continue;
    if (c != '=' || i + 2 < s.size()) return false;
    if (i + 2 == s.size() && s[i + 1] != '=') return false;
  }
  return true;
}

std::string string_element(const Json& v, const Path& path, const std::string& go_type) {
  if (v.is_null()) return "";
  if (!v.is_string()) type_error(v, path, go_type);
  return v.get<std::string>();
}

void decode_struct(const Json& in, const Struct& type, Json& target, const Path& parent);

void decode_field(const Json& in, const Field& f, Json& obj, const Path& path) {
  const std::string name(f.name);
  if (in.is_null()) {
    switch (f.kind) {
      case Kind::kRaw:
        obj[name] = nullptr;
        return;
      case Kind::kString:
      case Kind::kBool:
      case Kind::kInt:
      case Kind::kTime:
      case Kind::kStruct:
        if (f.pointer) obj.erase(name);
        return;
      default:
        obj.erase(name);
        return;  // slices, maps, interfaces become nil
    }
  }
  switch (f.kind) {
    case Kind::kString:
      if (!in.is_string()) type_error(in, path, go_type_of(f));
      obj[name] = in;
      return;
    case Kind::kBool:
      if (!in.is_boolean()) type_error(in, path, go_type_of(f));
      obj[name] = in;
      return;
    case Kind::kInt:
      if (in.is_number_integer()) {
        obj[name] = in.get<std::int64_t>();
        return;
      }
      if (in.is_number_unsigned() &&
          in.get<std::uint64_t>() <=
              static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        obj[name] = static_cast<std::int64_t>(in.get<std::uint64_t>());
        return;
      }
      type_error(in, path, go_type_of(f));
    case Kind::kTime: {
      if (!in.is_string()) fail("Time.UnmarshalJSON: input is not a JSON string");
      auto canonical = go_time_canonical(in.get_ref<const std::string&>());
      if (!canonical) {
        fail("parsing time " + go_quote(in.get_ref<const std::string&>()) +
             " as \"2006-01-02T15:04:05Z07:00\": not an RFC 3339 time");
      }
      obj[name] = *canonical;
      return;
    }
    case Kind::kBytes:
      if (!in.is_string()) type_error(in, path, go_type_of(f));
      if (!valid_std_base64(in.get_ref<const std::string&>())) {
        fail("illegal base64 data in Go struct field " + std::string(path.struct_name) + "." +
             path.fields);
      }
      obj[name] = in;
      return;
    case Kind::kStringSlice:
    case Kind::kStrSlice: {
      if (f.kind == Kind::kStrSlice && in.is_string()) {
        obj[name] = Json::array({in});
        return;
      }
      if (!in.is_array()) {
        if (f.kind == Kind::kStrSlice) {
          fail("json: cannot unmarshal " + json_kind(in) + " into Go value of type string");
        }
        type_error(in, path, go_type_of(f));
      }
      Json out = Json::array();
      for (const Json& e : in) out.push_back(string_element(e, path, "string"));
      obj[name] = std::move(out);
      return;
    }
    case Kind::kStringMap:
    case Kind::kSet: {
      if (!in.is_object()) type_error(in, path, go_type_of(f));
      Json& target = obj[name];
      if (!target.is_object()) target = Json::object();  // Go adds to an existing map
      for (auto it = in.begin(); it != in.end(); ++it) {
        if (f.kind == Kind::kStringMap) {
          target[it.key()] = string_element(it.value(), path, "string");
        } else {
          if (!it.value().is_null() && !it.value().is_object()) {
            type_error(it.value(), path, "struct {}");
          }
          target[it.key()] = Json::object();
        }
      }
      return;
    }
    case Kind::kStruct: {
      if (!in.is_object()) type_error(in, path, go_type_of(f));
      Json& target = obj[name];
      if (!target.is_object()) target = Json::object();  // Go decodes into the existing value
      decode_struct(in, *f.type, target, path);
      return;
    }
    case Kind::kStructSlice: {
      if (!in.is_array()) type_error(in, path, go_type_of(f));
      Json out = Json::array();
      for (const Json& e : in) {
        Json element = Json::object();
        if (!e.is_null()) {
          if (!e.is_object()) type_error(e, path, std::string(f.type->go_name));
          decode_struct(e, *f.type, element, path);
        }
        out.push_back(std::move(element));
      }
      obj[name] = std::move(out);
      return;
    }
    case Kind::kAny:
    case Kind::kRaw:
      obj[name] = in;
      return;
  }
}

void decode_struct(const Json& in, const Struct& type, Json& target, const Path& parent) {
  for (auto it = in.begin(); it != in.end(); ++it) {
    const Field* f = find_field(type, it.key());
    if (f == nullptr) continue;
    Path path{type.go_name, parent.fields.empty() ? std::string(f->name)
                                                  : parent.fields + "." + std::string(f->name)};
    decode_field(it.value(), *f, target, path);
  }
}

Json sorted(const Json& map, bool set) {
  std::map<std::string, Json> entries;
  for (auto it = map.begin(); it != map.end(); ++it) {
    entries[it.key()] = set ? Json::object() : it.value();
  }
  Json out = Json::object();
  for (auto& [k, v] : entries) out[k] = std::move(v);
  return out;
}

bool is_empty(const Json* v, const Field& f) {
  if (f.pointer) return v == nullptr;
  if (f.kind == Kind::kTime || f.kind == Kind::kStruct)
    return false;  // omitempty never omits a struct
  if (v == nullptr) return true;
  switch (f.kind) {
    case Kind::kString:
      return v->get_ref<const std::string&>().empty();
    case Kind::kBool:
      return !v->get<bool>();
    case Kind::kInt:
      return v->get<std::int64_t>() == 0;
    case Kind::kBytes:
      return v->get_ref<const std::string&>().empty();
    case Kind::kAny:
    case Kind::kRaw:
      return false;
    default:
      return v->empty();  // slices and maps
  }
}

Json encode(const Json* v, const Field& f) {
  if (v == nullptr) {
    if (f.pointer) return nullptr;
    switch (f.kind) {
      case Kind::kString:
        return "";
      case Kind::kBool:
        return false;
      case Kind::kInt:
        return 0;
      case Kind::kTime:
        return std::string(kGoZeroTime);
      case Kind::kStruct:
        return marshal(Json::object(), *f.type);
      default:
        return nullptr;
    }
  }
  switch (f.kind) {
    case Kind::kStringMap:
      return sorted(*v, false);
    case Kind::kSet:
      return sorted(*v, true);
    case Kind::kStruct:
      return marshal(*v, *f.type);
    case Kind::kStructSlice: {
      Json out = Json::array();
      for (const Json& e : *v) out.push_back(marshal(e, *f.type));
      return out;
    }
    case Kind::kBytes: {
      std::string s;
      for (char c : v->get_ref<const std::string&>()) {
        if (c != '\r' && c != '\n') s += c;
      }
      return s;
    }
    default:
      return *v;
  }
}

}  // namespace

std::string go_quote(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      default:
        break;
    }
    if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

Json parse_json(std::string_view bytes) {
  try {
    return Json::parse(bytes.begin(), bytes.end());
  } catch (const Json::parse_error& e) {
    if (e.byte >= bytes.size()) fail("unexpected end of JSON input");
    std::size_t at = e.byte == 0 ? 0 : e.byte - 1;
    fail("invalid character '" + std::string(1, bytes[at]) + "' in JSON at offset " +
         std::to_string(at));
  }
}

Json unmarshal(const Json& input, const Struct& type) {
  Json out = Json::object();
  if (input.is_null()) return out;
  if (!input.is_object()) {
    std::string kind = json_kind(input);
    fail("json: cannot unmarshal " + kind.substr(0, kind.find(' ')) + " into Go value of type " +
         std::string(type.go_name));
  }
  decode_struct(input, type, out, Path{type.go_name, ""});
  return out;
}

Json marshal(const Json& decoded, const Struct& type) {
  Json out = Json::object();
  for (const Field& f : type.fields) {
    auto it = decoded.find(std::string(f.name));
    const Json* v = it == decoded.end() ? nullptr : &*it;
    if (v != nullptr && v->is_null() && f.kind != Kind::kRaw) v = nullptr;
    if (f.omitempty && is_empty(v, f)) continue;
    out[std::string(f.name)] = encode(v, f);
  }
  return out;
}

}  // namespace periscope::manifest::go
