#include "template/report.h"

#include "core/error.h"
#include "template/tabwriter.h"

namespace periscope::tmpl {
namespace {

constexpr std::string_view kTablePrefix = "table ";

// Go regexp's \s.
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

std::size_t skip_space(std::string_view s, std::size_t i) {
  while (i < s.size() && is_space(s[i])) {
    ++i;
  }
  return i;
}

bool take(std::string_view s, std::size_t& i, std::string_view word) {
  if (s.substr(i, word.size()) != word) {
    return false;
  }
  i += word.size();
  return true;
}

// Position after a `{{\s*range\s*\.\s*}}` starting at i, or npos.
std::size_t match_range_open(std::string_view s, std::size_t i) {
  if (!take(s, i, "{{")) {
    return std::string_view::npos;
  }
  i = skip_space(s, i);
  if (!take(s, i, "range")) {
    return std::string_view::npos;
  }
  i = skip_space(s, i);
  if (!take(s, i, ".")) {
    return std::string_view::npos;
  }
  i = skip_space(s, i);
  return take(s, i, "}}") ? i : std::string_view::npos;
}

bool match_end(std::string_view s, std::size_t i) {
  if (!take(s, i, "{{")) {
    return false;
  }
  i = skip_space(s, i);
  if (!take(s, i, "end")) {
    return false;
  }
  i = skip_space(s, i);
  take(s, i, "-");
  i = skip_space(s, i);
  return take(s, i, "}}");
}

}  // namespace

std::string normalize_format(std::string_view format) {
  bool table = format.substr(0, kTablePrefix.size()) == kTablePrefix;
  std::string out;
  for (std::size_t i = 0; i < format.size();) {
    if (table && format.substr(i, kTablePrefix.size()) == kTablePrefix) {
      i += kTablePrefix.size();
    } else if (format.substr(i, 2) == "\\t") {
      out += '\t';
      i += 2;
    } else if (format.substr(i, 2) == "\\n") {
      out += '\n';
      i += 2;
    } else if (table && format[i] == ' ') {
      out += '\t';
      ++i;
    } else {
      out += format[i++];
    }
  }
  if (out.empty() || out.back() != '\n') {
    out += '\n';
  }
  return out;
}

std::string enforce_range(std::string_view format) {
  for (std::size_t i = format.find("{{"); i != std::string_view::npos;
       i = format.find("{{", i + 1)) {
    std::size_t after = match_range_open(format, i);
    if (after == std::string_view::npos) {
      continue;
    }
    for (std::size_t j = format.find("{{", after); j != std::string_view::npos;
         j = format.find("{{", j + 1)) {
      if (match_end(format, j)) {
        return std::string(format);
      }
    }
    break;  // later range openings end later, so no {{end}} can follow them either
  }
  return "{{range .}}" + std::string(format) + "{{end -}}";
}

bool is_json_format(std::string_view format) {
  std::size_t b = skip_space(format, 0);
  std::size_t e = format.size();
  while (e > b && is_space(format[e - 1])) {
    --e;
  }
  std::string_view s = format.substr(b, e - b);
  if (s == "json") {
    return true;
  }
  std::size_t i = 0;
  if (!take(s, i, "{{")) {
    return false;
  }
  i = skip_space(s, i);
  if (!take(s, i, "json")) {
    return false;
  }
  take(s, i, ".");
  i = skip_space(s, i);
  return take(s, i, "}}") && i == s.size();
}

bool has_table(std::string_view format) {
  return format.substr(0, kTablePrefix.size()) == kTablePrefix;
}

UserFormat UserFormat::parse(std::string_view format, std::string_view name) {
  bool table = has_table(format);
  std::string normalized, original;
  if (table) {
    normalized = "{{range .}}" + normalize_format(format) + "{{end -}}";
    original = "{{range .}}" + std::string(format.substr(kTablePrefix.size())) + "{{end -}}";
  } else {
    normalized = enforce_range(normalize_format(format));
    original = enforce_range(format);
  }
  try {
    return UserFormat(Template::parse(normalized, name), table);
  } catch (const Error&) {
    return UserFormat(Template::parse(original, name), table);
  }
}

void UserFormat::execute(const Value& data, std::string& out) const {
  Value items = Value::list({data});
  if (!table_) {
    template_.execute(items, out);
    return;
  }
  std::string raw;
  try {
    template_.execute(items, raw);
  } catch (const Error&) {
    out += tabwrite(raw);
    throw;
  }
  out += tabwrite(raw);
}

std::string UserFormat::execute(const Value& data) const {
  std::string out;
  execute(data, out);
  return out;
}

}  // namespace periscope::tmpl
