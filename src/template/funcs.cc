#include "template/funcs.h"

#include <algorithm>
#include <map>

#include "template/go_print.h"

namespace periscope::tmpl {
namespace {

using Args = std::vector<Value>;
using K = Value::Kind;

bool invalid(const Value& v) { return v.kind() == K::kNoValue || v.kind() == K::kNil; }

// --- comparisons (Go's eq/lt rules: basic kinds only, no int/float mixing) ---

enum class Basic { kInvalid, kBool, kInt, kFloat, kString };

Basic basic(const Value& v) {
  switch (v.kind()) {
    case K::kBool:
      return Basic::kBool;
    case K::kInt:
      return Basic::kInt;
    case K::kFloat:
      return Basic::kFloat;
    case K::kString:
      return Basic::kString;
    default:
      return Basic::kInvalid;
  }
}

bool equal(const Value& a, const Value& b) {
  Basic ka = basic(a), kb = basic(b);
  if (ka != kb) {
    if (invalid(a) || invalid(b)) {
      return false;  // comparing with nil is allowed, and false
    }
    throw FuncError("incompatible types for comparison: " + a.go_type() + " and " + b.go_type());
  }
  switch (ka) {
    case Basic::kBool:
      return a.as_bool() == b.as_bool();
    case Basic::kInt:
      return a.as_int() == b.as_int();
    case Basic::kFloat:
      return a.as_float() == b.as_float();
    case Basic::kString:
      return a.as_string() == b.as_string();
    case Basic::kInvalid:
      break;
  }
  bool a_nil = a.kind() == K::kNoValue || a.is_nil(), b_nil = b.kind() == K::kNoValue || b.is_nil();
  if (a_nil || b_nil) {
    return a_nil == b_nil;
  }
  if (a.kind() == K::kTime && b.kind() == K::kTime) {
    return a.as_string() == b.as_string();
  }
  throw FuncError("non-comparable type " + go_print(b) + ": " + b.go_type());
}

bool less(const Value& a, const Value& b) {
  Basic ka = basic(a), kb = basic(b);
  if (ka == Basic::kInvalid || kb == Basic::kInvalid) {
    throw FuncError("invalid type for comparison");
  }
  if (ka != kb) {
    throw FuncError("incompatible types for comparison: " + a.go_type() + " and " + b.go_type());
  }
  switch (ka) {
    case Basic::kInt:
      return a.as_int() < b.as_int();
    case Basic::kFloat:
      return a.as_float() < b.as_float();
    case Basic::kString:
      return a.as_string() < b.as_string();
    default:
      throw FuncError("invalid type for comparison");
  }
}

Value eq(const Args& a) {
  if (a.size() < 2) {
    throw FuncError("missing argument for comparison");
  }
  for (std::size_t i = 1; i < a.size(); ++i) {
    if (equal(a[0], a[i])) {
      return true;
    }
  }
  return false;
}

// --- index and slice ---

std::int64_t index_arg(const Value& i, std::int64_t cap) {
  if (invalid(i)) {
    throw FuncError("cannot index slice/array with nil");
  }
  if (i.kind() != K::kInt) {
    throw FuncError("cannot index slice/array with type " + i.go_type());
  }
  std::int64_t x = i.as_int();
  if (x < 0 || x > cap) {
    throw FuncError("index out of range: " + std::to_string(x));
  }
  return x;
}

Value index(const Args& a) {
  Value item = a[0];
  if (invalid(item)) {
    throw FuncError("index of untyped nil");
  }
  for (std::size_t k = 1; k < a.size(); ++k) {
    const Value& i = a[k];
    if (item.kind() == K::kList || item.kind() == K::kString) {
      bool list = item.kind() == K::kList;
      std::int64_t len = list ? static_cast<std::int64_t>(item.as_list().size())
                              : static_cast<std::int64_t>(item.as_string().size());
      std::int64_t x = index_arg(i, len);
      // Go's bound check lets x == len through to reflect, which panics with this message.
      if (x == len) {
        throw FuncError(list ? "reflect: slice index out of range"
                             : "reflect: string index out of range");
      }
      item =
          list ? item.as_list()[x]
               : Value(static_cast<std::int64_t>(static_cast<unsigned char>(item.as_string()[x])));
    } else if (item.kind() == K::kMap) {
      if (i.kind() != K::kString) {
        if (invalid(i)) {
          throw FuncError("value is nil; should be of type string");
        }
        throw FuncError("value has type " + i.go_type() + "; should be string");
      }
      auto found = item.as_map().find(i.as_string());
      item = found == item.as_map().end() ? item.map_missing() : found->second;
    } else if (item.kind() == K::kNil) {
      throw FuncError("index of nil pointer");
    } else {
      throw FuncError("can't index item of type " + item.go_type());
    }
  }
  return item;
}

Value slice(const Args& a) {
  const Value& item = a[0];
  if (invalid(item)) {
    throw FuncError("slice of untyped nil");
  }
  std::size_t n = a.size() - 1;
  if (n > 3) {
    throw FuncError("too many slice indexes: " + std::to_string(n));
  }
  bool is_string = item.kind() == K::kString;
  if (is_string && n == 3) {
    throw FuncError("cannot 3-index slice a string");
  }
  if (!is_string && item.kind() != K::kList) {
    throw FuncError("can't slice item of type " + item.go_type());
  }
  std::int64_t len = is_string ? static_cast<std::int64_t>(item.as_string().size())
                               : static_cast<std::int64_t>(item.as_list().size());
  std::int64_t idx[3] = {0, len, len};
  for (std::size_t k = 0; k < n; ++k) {
    idx[k] = index_arg(a[k + 1], len);
  }
  if (idx[0] > idx[1]) {
    throw FuncError("invalid slice index: " + std::to_string(idx[0]) + " > " +
                    std::to_string(idx[1]));
  }
  if (n == 3 && idx[1] > idx[2]) {
    throw FuncError("invalid slice index: " + std::to_string(idx[1]) + " > " +
                    std::to_string(idx[2]));
  }
  if (is_string) {
    return Value(item.as_string().substr(idx[0], idx[1] - idx[0]));
  }
  const Value::List& l = item.as_list();
  return Value::list(Value::List(l.begin() + idx[0], l.begin() + idx[1]));
}

Value length(const Args& a) {
  const Value& v = a[0];
  switch (v.kind()) {
    case K::kString:
      return static_cast<std::int64_t>(v.as_string().size());
    case K::kList:
      return static_cast<std::int64_t>(v.as_list().size());
    case K::kMap:
      return static_cast<std::int64_t>(v.as_map().size());
    case K::kNil:
      throw FuncError("len of nil pointer");
    case K::kNoValue:
      throw FuncError("len of untyped nil");
    default:
      throw FuncError("len of type " + v.go_type());
  }
}

// --- escapers: each formats its arguments as print does first ---

std::string print_args(const Args& a) {
  if (a.size() == 1 && a[0].kind() == K::kString) {
    return a[0].as_string();
  }
  return go_sprint(a);
}

Value html(const Args& a) {
  std::string out;
  for (char c : print_args(a)) {
    switch (c) {
      case '\0':
        out += "\xEF\xBF\xBD";
        break;
      case '"':
        out += "&#34;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

Value js(const Args& a) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : print_args(a)) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '\\':
        out += "\\\\";
        continue;
      case '\'':
        out += "\\'";
        continue;
      case '"':
        out += "\\\"";
        continue;
      case '<':
        out += "\\u003C";
        continue;
      case '>':
        out += "\\u003E";
        continue;
      case '&':
        out += "\\u0026";
        continue;
      case '=':
        out += "\\u003D";
        continue;
      default:
        break;
    }
    if (c < ' ') {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

Value urlquery(const Args& a) {  // url.QueryEscape
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : print_args(a)) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += ch;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// --- containers/common pkg/report functions ---

std::string ascii_map(std::string s, int (*f)(int)) {
  for (char& c : s) {
    if (static_cast<unsigned char>(c) < 0x80) {
      c = static_cast<char>(f(c));
    }
  }
  return s;
}

// strings.Title: upper-cases letters that follow a separator (ASCII letters/digits/'_' and all
// non-ASCII bytes count as word characters).
Value title(const Args& a) {
  std::string s = a[0].as_string();
  bool after_separator = true;
  for (char& c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    bool word = u >= 0x80 || std::isalnum(u) || c == '_';
    if (after_separator && u < 0x80) {
      c = static_cast<char>(std::toupper(u));
    }
    after_separator = !word;
  }
  return s;
}

Value join(const Args& a) {
  std::string out;
  const Value::List& items = a[0].as_list();
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      out += a[1].as_string();
    }
    out += items[i].as_string();
  }
  return out;
}

Value split(const Args& a) {
  const std::string& s = a[0].as_string();
  const std::string& sep = a[1].as_string();
  Value::List parts;
  if (sep.empty()) {  // one element per UTF-8 sequence
    for (std::size_t i = 0; i < s.size();) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      std::size_t n = c < 0xC2 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      n = std::min(n, s.size() - i);
      parts.emplace_back(s.substr(i, n));
      i += n;
    }
    return Value::list(std::move(parts));
  }
  std::size_t start = 0;
  for (std::size_t at; (at = s.find(sep, start)) != std::string::npos; start = at + sep.size()) {
    parts.emplace_back(s.substr(start, at - start));
  }
  parts.emplace_back(s.substr(start));
  return Value::list(std::move(parts));
}

Value pad(const Args& a) {
  const std::string& s = a[0].as_string();
  if (a[1].as_int() < 0 || a[2].as_int() < 0) {
    throw FuncError("strings: negative Repeat count");
  }
  if (s.empty()) {
    return s;
  }
  return std::string(a[1].as_int(), ' ') + s + std::string(a[2].as_int(), ' ');
}

Value truncate(const Args& a) {
  const std::string& s = a[0].as_string();
  std::int64_t n = a[1].as_int();
  if (static_cast<std::int64_t>(s.size()) < n) {
    return s;
  }
  if (n < 0) {
    throw FuncError("runtime error: slice bounds out of range [:" + std::to_string(n) + "]");
  }
  return s.substr(0, n);
}

Value json(const Args& a) {
  return go_json(to_json(a[0]), GoJsonOptions{0, /*escape_html=*/false});
}

const std::map<std::string, Func, std::less<>>& table() {
  using P = Param;
  static const std::map<std::string, Func, std::less<>> kTable = [] {
    std::vector<Func> funcs = {
        // text/template builtins
        {"and", {P::kAny}, P::kAny, true, nullptr},
        {"or", {P::kAny}, P::kAny, true, nullptr},
        {"not", {P::kAny}, {}, false, [](const Args& a) { return Value(!a[0].truthy()); }},
        {"len", {P::kAny}, {}, false, length},
        {"index", {P::kAny}, P::kAny, false, index},
        {"slice", {P::kAny}, P::kAny, false, slice},
        {"eq", {P::kAny}, P::kAny, false, eq},
        {"ne",
         {P::kAny, P::kAny},
         {},
         false,
         [](const Args& a) { return Value(!equal(a[0], a[1])); }},
        {"lt",
         {P::kAny, P::kAny},
         {},
         false,
         [](const Args& a) { return Value(less(a[0], a[1])); }},
        {"le",
         {P::kAny, P::kAny},
         {},
         false,
         [](const Args& a) { return Value(less(a[0], a[1]) || equal(a[0], a[1])); }},
        {"gt",
         {P::kAny, P::kAny},
         {},
         false,
         [](const Args& a) { return Value(!(less(a[0], a[1]) || equal(a[0], a[1]))); }},
        {"ge",
         {P::kAny, P::kAny},
         {},
         false,
         [](const Args& a) { return Value(!less(a[0], a[1])); }},
        {"print", {}, P::kAny, false, [](const Args& a) { return Value(go_sprint(a)); }},
        {"println", {}, P::kAny, false, [](const Args& a) { return Value(go_sprintln(a)); }},
        {"printf",
         {P::kString},
         P::kAny,
         false,
         [](const Args& a) {
           return Value(go_sprintf(a[0].as_string(), Args(a.begin() + 1, a.end())));
         }},
        {"html", {}, P::kAny, false, html},
        {"js", {}, P::kAny, false, js},
        {"urlquery", {}, P::kAny, false, urlquery},
        {"call",
         {P::kAny},
         P::kAny,
         false,
         [](const Args& a) -> Value {
           if (invalid(a[0])) {
             throw FuncError("call of nil");
           }
           throw FuncError("non-function of type " + a[0].go_type());
         }},
        // containers/common pkg/report DefaultFuncs
        {"join", {P::kStringList, P::kString}, {}, false, join},
        {"json", {P::kAny}, {}, false, json},
        {"lower",
         {P::kString},
         {},
         false,
         [](const Args& a) { return Value(ascii_map(a[0].as_string(), ::tolower)); }},
        {"pad", {P::kString, P::kInt, P::kInt}, {}, false, pad},
        {"split", {P::kString, P::kString}, {}, false, split},
        {"title", {P::kString}, {}, false, title},
        {"truncate", {P::kString, P::kInt}, {}, false, truncate},
        {"upper",
         {P::kString},
         {},
         false,
         [](const Args& a) { return Value(ascii_map(a[0].as_string(), ::toupper)); }},
    };
    std::map<std::string, Func, std::less<>> m;
    for (Func& f : funcs) {
      m.emplace(f.name, std::move(f));
    }
    return m;
  }();
  return kTable;
}

}  // namespace

const Func* find_function(std::string_view name) {
  auto it = table().find(name);
  return it == table().end() ? nullptr : &it->second;
}

}  // namespace periscope::tmpl
