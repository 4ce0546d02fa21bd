// fmt.Sprint, Sprintln and Sprintf over template values.
#include <cstdio>

#include "template/go_print.h"
#include "template/literals.h"

namespace periscope::tmpl {

namespace {

struct Spec {
  bool minus = false, plus = false, sharp = false, space = false, zero = false;
  int width = -1, prec = -1;
  char verb = 'v';
};

// "%!verb(type=value)", how fmt reports an operand the verb cannot print.
std::string bad_verb(char verb, const Value& v) {
  std::string out = "%!";
  out += verb;
  if (v.kind() == Value::Kind::kNil || v.kind() == Value::Kind::kNoValue) {
    return out + "(<nil>)";
  }
  return out + "(" + v.go_type() + "=" + go_print(v) + ")";
}

std::string pad(std::string s, const Spec& spec, bool numeric) {
  int n = 0;  // width counts runes
  for (unsigned char c : s) {
    n += (c & 0xC0) != 0x80;
  }
  if (spec.width <= n) {
    return s;
  }
  std::size_t fill = static_cast<std::size_t>(spec.width - n);
  if (spec.minus) {
    return s + std::string(fill, ' ');
  }
  if (spec.zero && numeric) {
    std::size_t at = !s.empty() && (s[0] == '-' || s[0] == '+' || s[0] == ' ') ? 1 : 0;
    return s.insert(at, fill, '0');
  }
  return std::string(fill, ' ') + s;
}

std::string integer(std::int64_t i, const Spec& spec) {
  int base = 10;
  switch (spec.verb) {
    case 'x':
    case 'X':
      base = 16;
      break;
    case 'o':
      base = 8;
      break;
    case 'b':
      base = 2;
      break;
    default:
      break;
  }
  const char* digits = spec.verb == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  std::uint64_t u = i < 0 ? 0 - static_cast<std::uint64_t>(i) : static_cast<std::uint64_t>(i);
  std::string body;
  do {
    body.insert(body.begin(), digits[u % base]);
    u /= base;
  } while (u != 0);
  if (spec.prec >= 0 && static_cast<int>(body.size()) < spec.prec) {
    body.insert(0, spec.prec - body.size(), '0');
  }
  if (spec.sharp) {
    if (base == 16) {
      body.insert(0, spec.verb == 'X' ? "0X" : "0x");
    }
    if (base == 8 && body[0] != '0') {
      body.insert(0, "0");
    }
    if (base == 2) {
      body.insert(0, "0b");
    }
  }
  std::string sign = i < 0 ? "-" : spec.plus ? "+" : spec.space ? " " : "";
  return sign + body;
}

std::string hex_bytes(std::string_view s, const Spec& spec) {
  const char* digits = spec.verb == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string out = spec.sharp ? (spec.verb == 'X' ? "0X" : "0x") : "";
  for (unsigned char c : s) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string format_one(const Value& v, const Spec& spec);

// Slices and maps apply the verb to each element, as fmt does.
std::string format_elements(const Value& v, const Spec& spec) {
  Spec inner = spec;
  inner.width = -1;
  std::string out = v.kind() == Value::Kind::kMap ? "map[" : "[";
  bool first = true;
  if (v.kind() == Value::Kind::kMap) {
    for (const auto& [key, item] : v.as_map()) {
      if (!first) {
        out += ' ';
      }
      first = false;
      out += format_one(Value(key), inner) + ":" + format_one(item, inner);
    }
  } else {
    for (const Value& item : v.as_list()) {
      if (!first) {
        out += ' ';
      }
      first = false;
      out += format_one(item, inner);
    }
  }
  return out + "]";
}

std::string format_one(const Value& v, const Spec& spec) {
  using K = Value::Kind;
  K k = v.kind();
  if (spec.verb == 'T') {
    return pad(k == K::kNoValue ? "<nil>" : v.go_type(), spec, false);
  }
  if (spec.verb == 'v') {
    if (k == K::kInt) {
      return pad(integer(v.as_int(), spec), spec, true);
    }
    if (k == K::kFloat) {
      std::string f = format_float(v.as_float(), 'g', spec.prec);
      if (spec.plus && f[0] != '-') {
        f.insert(0, "+");
      }
      return pad(f, spec, true);
    }
    return pad(k == K::kNoValue ? "<nil>" : go_print(v), spec, false);
  }
  if ((k == K::kList || k == K::kMap) && spec.verb != 'x' && spec.verb != 'X') {
    return pad(format_elements(v, spec), spec, false);
  }
  switch (spec.verb) {
    case 's':
      if (k == K::kString || k == K::kTime) {
        std::string s = k == K::kString ? v.as_string() : go_print(v);
        if (spec.prec >= 0) {  // precision truncates to that many runes
          std::size_t i = 0;
          for (int n = 0; i < s.size(); ++i) {
            if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && n++ == spec.prec) {
              break;
            }
          }
          s.resize(i);
        }
        return pad(s, spec, false);
      }
      if (k == K::kStruct) {
        return pad(go_print(v), spec, false);
      }
      break;
    case 'q':
      if (k == K::kString) {
        return pad(go_quote(v.as_string()), spec, false);
      }
      if (k == K::kInt) {
        return pad("'" + utf8_encode(v.as_int()) + "'", spec, false);
      }
      break;
    case 'x':
    case 'X':
      if (k == K::kString) {
        return pad(hex_bytes(v.as_string(), spec), spec, false);
      }
      if (k == K::kInt) {
        return pad(integer(v.as_int(), spec), spec, true);
      }
      if (k == K::kFloat) {
        break;
      }
      if (k == K::kList) {
        return pad(format_elements(v, spec), spec, false);
      }
      break;
    case 'd':
    case 'o':
    case 'b':
      if (k == K::kInt) {
        return pad(integer(v.as_int(), spec), spec, true);
      }
      break;
    case 'c':
      if (k == K::kInt) {
        return pad(utf8_encode(v.as_int()), spec, false);
      }
      break;
    case 't':
      if (k == K::kBool) {
        return pad(v.as_bool() ? "true" : "false", spec, false);
      }
      break;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
      if (k == K::kFloat) {
        int prec = spec.prec >= 0 ? spec.prec : (spec.verb == 'g' || spec.verb == 'G') ? -1 : 6;
        std::string f = format_float(v.as_float(), spec.verb, prec);
        if (spec.plus && f[0] != '-') {
          f.insert(0, "+");
        }
        if (spec.space && f[0] != '-' && !spec.plus) {
          f.insert(0, " ");
        }
        return pad(f, spec, true);
      }
      break;
    default:
      break;
  }
  return bad_verb(spec.verb, v);
}

}  // namespace

std::string go_sprint(const std::vector<Value>& args) {
  std::string out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    bool is_string = args[i].kind() == Value::Kind::kString;
    if (i > 0 && !is_string && args[i - 1].kind() != Value::Kind::kString) {
      out += ' ';
    }
    out += args[i].kind() == Value::Kind::kNoValue ? "<nil>" : go_print(args[i]);
  }
  return out;
}

std::string go_sprintln(const std::vector<Value>& args) {
  std::string out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i > 0) {
      out += ' ';
    }
    out += args[i].kind() == Value::Kind::kNoValue ? "<nil>" : go_print(args[i]);
  }
  return out + "\n";
}

std::string go_sprintf(std::string_view format, const std::vector<Value>& args) {
  std::string out;
  std::size_t next = 0;
  std::size_t i = 0;
  auto number = [&](int& into) {
    if (i >= format.size() || format[i] < '0' || format[i] > '9') {
      return;
    }
    into = 0;
    while (i < format.size() && format[i] >= '0' && format[i] <= '9') {
      into = into * 10 + (format[i++] - '0');
    }
  };
  while (i < format.size()) {
    if (format[i] != '%') {
      out += format[i++];
      continue;
    }
    ++i;
    Spec spec;
    for (; i < format.size(); ++i) {
      char c = format[i];
      if (c == '-') {
        spec.minus = true;
      } else if (c == '+') {
        spec.plus = true;
      } else if (c == '#') {
        spec.sharp = true;
      } else if (c == ' ') {
        spec.space = true;
      } else if (c == '0') {
        spec.zero = !spec.minus;
      } else {
        break;
      }
    }
    number(spec.width);
    if (i < format.size() && format[i] == '.') {
      ++i;
      spec.prec = 0;
      number(spec.prec);
    }
    if (i >= format.size()) {
      out += "%!(NOVERB)";
      break;
    }
    spec.verb = format[i++];
    if (spec.verb == '%') {
      out += '%';
      continue;
    }
    if (next >= args.size()) {
      out += std::string("%!") + spec.verb + "(MISSING)";
      continue;
    }
    out += format_one(args[next++], spec);
  }
  if (next < args.size()) {
    out += "%!(EXTRA ";
    for (std::size_t k = next; k < args.size(); ++k) {
      if (k > next) {
        out += ", ";
      }
      const Value& v = args[k];
      bool nil = v.kind() == Value::Kind::kNil || v.kind() == Value::Kind::kNoValue;
      out += nil ? "<nil>" : v.go_type() + "=" + go_print(v);
    }
    out += ")";
  }
  return out;
}

}  // namespace periscope::tmpl
