#include "core/go_json.h"

#include <cstdio>

namespace periscope {
namespace {

void append_string(std::string& out, const std::string& s, bool escape_html) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      default: break;
    }
    if (c < 0x20 || (escape_html && (c == '<' || c == '>' || c == '&'))) {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
      continue;
    }
    // U+2028 and U+2029 (E2 80 A8 / E2 80 A9) are escaped by Go for JavaScript's sake.
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
         static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
      i += 2;
      continue;
    }
    out += static_cast<char>(c);
  }
  out += '"';
}

void append_number_float(std::string& out, double d) {
  // Go uses the shortest representation; %.17g then trimming is close, nlohmann already produces
  // the shortest round-trip form, so reuse it.
  out += Json(d).dump();
}

void append(std::string& out, const Json& v, const GoJsonOptions& o, int depth) {
  auto newline = [&](int d) {
    if (o.indent == 0) return;
    out += '\n';
    out.append(static_cast<std::size_t>(d * o.indent), o.indent_char);
  };
  switch (v.type()) {
    case Json::value_t::null: out += "null"; break;
    case Json::value_t::boolean: out += v.get<bool>() ? "true" : "false"; break;
    case Json::value_t::number_integer: out += std::to_string(v.get<std::int64_t>()); break;
    case Json::value_t::number_unsigned: out += std::to_string(v.get<std::uint64_t>()); break;
    case Json::value_t::number_float: append_number_float(out, v.get<double>()); break;
    case Json::value_t::string: append_string(out, v.get_ref<const std::string&>(), o.escape_html); break;
    case Json::value_t::array: {
      if (v.empty()) { out += "[]"; break; }
      out += '[';
      bool first = true;
      for (const auto& e : v) {
        if (!first) out += ',';
        first = false;
        newline(depth + 1);
        append(out, e, o, depth + 1);
      }
      newline(depth);
      out += ']';
      break;
    }
    case Json::value_t::object: {
      if (v.empty()) { out += "{}"; break; }
      out += '{';
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) out += ',';
        first = false;
        newline(depth + 1);
        append_string(out, it.key(), o.escape_html);
        out += o.indent ? ": " : ":";
        append(out, it.value(), o, depth + 1);
      }
      newline(depth);
      out += '}';
      break;
    }
    case Json::value_t::binary:
    case Json::value_t::discarded: out += "null"; break;
  }
}

}  // namespace

std::string go_json(const Json& value, GoJsonOptions options) {
  std::string out;
  append(out, value, options, 0);
  return out;
}

std::string go_json_string(const std::string& s, bool escape_html) {
  std::string out;
  append_string(out, s, escape_html);
  return out;
}

}  // namespace periscope
