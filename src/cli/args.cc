#include "cli/args.h"

#include <algorithm>

#include "core/error.h"

namespace periscope::cli {
namespace {

const FlagSpec* find_long(const std::vector<FlagSpec>& specs, std::string_view name) {
  for (const auto& s : specs)
    if (s.name == name) return &s;
  return nullptr;
}

const FlagSpec* find_short(const std::vector<FlagSpec>& specs, char c) {
  for (const auto& s : specs)
    if (s.short_name == c) return &s;
  return nullptr;
}

std::string parse_bool_text(const std::string& flag, const std::string& value) {
  static const char* kTrue[] = {"1", "t", "T", "true", "TRUE", "True"};
  static const char* kFalse[] = {"0", "f", "F", "false", "FALSE", "False"};
  for (const char* t : kTrue)
    if (value == t) return "true";
  for (const char* f : kFalse)
    if (value == f) return "false";
  throw_usage("invalid argument \"" + value + "\" for \"" + flag + "\" flag: strconv.ParseBool: parsing \"" +
              value + "\": invalid syntax");
}

void store(ParsedArgs& out, const FlagSpec& spec, const std::string& shown, const std::string& value) {
  if (spec.type == FlagType::kBool) {
    out.set(spec.name, parse_bool_text(shown, value));
  } else if (spec.type == FlagType::kInt) {
    std::size_t used = 0;
    try {
      (void)std::stol(value, &used);
    } catch (...) {
      used = 0;
    }
    if (used == 0 || used != value.size())
      throw_usage("invalid argument \"" + value + "\" for \"" + shown + "\" flag: strconv.ParseInt: parsing \"" +
                  value + "\": invalid syntax");
    out.set(spec.name, value);
  } else {
    out.set(spec.name, value);
  }
}

}  // namespace

std::string ParsedArgs::get(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() || it->second.empty() ? fallback : it->second.back();
}

std::vector<std::string> ParsedArgs::get_all(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

bool ParsedArgs::get_bool(const std::string& name) const { return get(name) == "true"; }

std::optional<bool> ParsedArgs::get_optional_bool(const std::string& name) const {
  if (!has(name)) return std::nullopt;
  return get_bool(name);
}

long ParsedArgs::get_int(const std::string& name, long fallback) const {
  return has(name) ? std::stol(get(name)) : fallback;
}

ParsedArgs parse_args(std::span<const std::string> args, const std::vector<FlagSpec>& specs) {
  ParsedArgs out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      for (++i; i < args.size(); ++i) out.positional.push_back(args[i]);
      break;
    }
    if (a.size() > 2 && a.starts_with("--")) {
      std::string body = a.substr(2);
      auto eq = body.find('=');
      std::string name = body.substr(0, eq);
      const FlagSpec* spec = find_long(specs, name);
      if (!spec) throw_usage("unknown flag: --" + name);
      std::string shown = "--" + name;
      if (eq != std::string::npos) {
        store(out, *spec, shown, body.substr(eq + 1));
      } else if (spec->type == FlagType::kBool) {
        out.set(spec->name, "true");
      } else {
        if (i + 1 >= args.size()) throw_usage("flag needs an argument: " + shown);
        store(out, *spec, shown, args[++i]);
      }
      continue;
    }
    if (a.size() > 1 && a[0] == '-' && a[1] != '-') {
      // One or more short flags: -q, -qa, -f VALUE, -fVALUE, -f=VALUE.
      for (std::size_t k = 1; k < a.size(); ++k) {
        const FlagSpec* spec = find_short(specs, a[k]);
        if (!spec) throw_usage(std::string("unknown shorthand flag: '") + a[k] + "' in " + a);
        std::string shown = std::string("-") + a[k];
        if (spec->type == FlagType::kBool) {
          if (k + 1 < a.size() && a[k + 1] == '=') {
            store(out, *spec, shown, a.substr(k + 2));
            break;
          }
          out.set(spec->name, "true");
          continue;
        }
        std::string rest = a.substr(k + 1);
        if (!rest.empty() && rest[0] == '=') rest.erase(0, 1);
        if (rest.empty()) {
          if (i + 1 >= args.size()) throw_usage("flag needs an argument: '" + std::string(1, a[k]) + "' in " + a);
          rest = args[++i];
        }
        store(out, *spec, shown, rest);
        break;
      }
      continue;
    }
    out.positional.push_back(a);
  }
  return out;
}

std::string format_flags(const std::vector<FlagSpec>& specs) {
  // Sorted by name, as cobra lists them.
  std::vector<const FlagSpec*> sorted;
  for (const auto& s : specs) sorted.push_back(&s);
  std::sort(sorted.begin(), sorted.end(), [](const FlagSpec* a, const FlagSpec* b) { return a->name < b->name; });
  std::vector<std::pair<std::string, const FlagSpec*>> rows;
  std::size_t width = 0;
  for (const FlagSpec* s : sorted) {
    if (s->hidden) continue;
    std::string left = s->short_name ? std::string("  -") + s->short_name + ", --" + s->name : "      --" + s->name;
    if (s->type != FlagType::kBool) left += " " + (s->value_name.empty() ? std::string("string") : s->value_name);
    width = std::max(width, left.size());
    rows.emplace_back(left, s);
  }
  std::string out;
  for (const auto& [left, s] : rows) {
    out += left + std::string(width - left.size() + 3, ' ') + s->help;
    if (!s->default_text.empty()) out += " (default " + s->default_text + ")";
    out += "\n";
  }
  return out;
}

}  // namespace periscope::cli
