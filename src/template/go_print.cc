#include "template/go_print.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace periscope::tmpl {
namespace {

// The shortest decimal digits that read back as `d` (d > 0), and the position of the decimal
// point relative to them: d == 0.DIGITS * 10^point.
void shortest_digits(double d, std::string& digits, int& point) {
  char buf[40];
  for (int prec = 1; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*e", prec - 1, d);
    if (std::strtod(buf, nullptr) == d) {
      break;
    }
  }
  std::string s = buf;  // d.ddde±XX
  std::size_t e = s.find('e');
  digits = s.substr(0, 1) + (e > 2 ? s.substr(2, e - 2) : "");
  while (digits.size() > 1 && digits.back() == '0') {
    digits.pop_back();
  }
  point = std::atoi(s.c_str() + e + 1) + 1;
}

std::string exponent_form(const std::string& digits, int point, int prec, char e) {
  std::string out(1, digits[0]);
  if (prec > 0) {
    out += '.';
    for (int i = 1; i <= prec; ++i) {
      out += i < static_cast<int>(digits.size()) ? digits[i] : '0';
    }
  }
  int exp = digits == "0" ? 0 : point - 1;
  out += e;
  out += exp < 0 ? '-' : '+';
  if (exp < 0) {
    exp = -exp;
  }
  if (exp < 10) {
    out += '0';
  }
  return out + std::to_string(exp);
}

std::string fixed_form(const std::string& digits, int point, int prec) {
  int nd = static_cast<int>(digits.size());
  std::string out;
  if (point > 0) {
    for (int i = 0; i < point; ++i) {
      out += i < nd ? digits[i] : '0';
    }
  } else {
    out = "0";
  }
  if (prec > 0) {
    out += '.';
    for (int i = 0; i < prec; ++i) {
      int at = point + i;
      out += at >= 0 && at < nd ? digits[at] : '0';
    }
  }
  return out;
}

// Length of the valid UTF-8 sequence at s[i], or 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  std::size_t n = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) {
    return 0;
  }
  for (std::size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
      return 0;
    }
  }
  return n;
}

}  // namespace

std::string format_float(double d, char fmt, int prec) {
  if (std::isnan(d)) {
    return "NaN";
  }
  if (std::isinf(d)) {
    return d > 0 ? "+Inf" : "-Inf";
  }
  std::string sign = std::signbit(d) ? "-" : "";
  d = std::fabs(d);
  char lower = static_cast<char>(fmt | 0x20);
  bool upper = fmt != lower;
  if (prec >= 0 && lower != 'g') {
    char spec[8];
    std::snprintf(spec, sizeof spec, "%%.*%c", fmt == 'F' ? 'f' : fmt);
    char buf[512];
    std::snprintf(buf, sizeof buf, spec, prec, d);
    return sign + buf;
  }
  std::string digits = "0";
  int point = 1;
  if (d != 0) {
    if (prec >= 0) {  // 'g' with a precision: round to that many significant digits first
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.*e", prec == 0 ? 0 : prec - 1, d);
      shortest_digits(std::strtod(buf, nullptr), digits, point);
    } else {
      shortest_digits(d, digits, point);
    }
  }
  int nd = static_cast<int>(digits.size());
  if (lower == 'e') {
    return sign + exponent_form(digits, point, nd - 1, upper ? 'E' : 'e');
  }
  if (lower == 'f') {
    return sign + fixed_form(digits, point, std::max(nd - point, 0));
  }
  int eprec = prec < 0 ? 6 : (prec == 0 ? 1 : prec);
  if (prec >= 0 && eprec > nd && nd >= point) {
    eprec = nd;
  }
  int exp = point - 1;
  if (exp < -4 || exp >= eprec) {
    return sign + exponent_form(digits, point, nd - 1, upper ? 'E' : 'e');
  }
  return sign + fixed_form(digits, point, std::max(nd - point, 0));
}

std::string go_quote(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '\a':
        out += "\\a";
        continue;
      case '\b':
        out += "\\b";
        continue;
      case '\f':
        out += "\\f";
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
      case '\v':
        out += "\\v";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '"':
        out += "\\\"";
        continue;
      default:
        break;
    }
    if (c >= 0x80) {
      std::size_t n = utf8_length(s, i);
      if (n > 0) {
        out.append(s.substr(i, n));
        i += n - 1;
        continue;
      }
    }
    if (c < 0x20 || c >= 0x7F) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
      continue;
    }
    out += static_cast<char>(c);
  }
  return out + "\"";
}

std::string go_print(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kNoValue:
      return "<no value>";
    case Value::Kind::kNil:
      return "<nil>";
    case Value::Kind::kBool:
      return v.as_bool() ? "true" : "false";
    case Value::Kind::kInt:
      return std::to_string(v.as_int());
    case Value::Kind::kFloat:
      return format_float(v.as_float(), 'g', -1);
    case Value::Kind::kString:
      return v.as_string();
    case Value::Kind::kTime:
      return v.as_time().go_string();
    case Value::Kind::kList: {
      std::string out = "[";
      for (const Value& item : v.as_list()) {
        if (out.size() > 1) {
          out += ' ';
        }
        out += go_print(item);
      }
      return out + "]";
    }
    case Value::Kind::kMap: {
      std::string out = "map[";
      for (const auto& [key, item] : v.as_map()) {
        if (out.size() > 4) {
          out += ' ';
        }
        out += key + ":" + go_print(item);
      }
      return out + "]";
    }
    case Value::Kind::kStruct: {
      std::string out = "{";
      for (const Field& f : v.fields()) {
        if (out.size() > 1) {
          out += ' ';
        }
        out += go_print(f.value);
      }
      return out + "}";
    }
  }
  return "";
}

}  // namespace periscope::tmpl
