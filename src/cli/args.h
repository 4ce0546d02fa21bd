#pragma once
// Command-line flags as cobra/pflag parse them for skopeo: long flags `--name value` or
// `--name=value`, short flags `-n value` / `-n` for booleans, booleans accept `--x=true|false`,
// repeatable string lists, flags anywhere among the positionals, `--` ends the flags.
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace periscope::cli {

enum class FlagType { kBool, kString, kStringList, kInt };

struct FlagSpec {
  FlagSpec(std::string name_, char short_name_, FlagType type_, std::string value_name_, std::string help_,
           std::string default_text_ = "", bool hidden_ = false)
      : name(std::move(name_)), short_name(short_name_), type(type_), value_name(std::move(value_name_)),
        help(std::move(help_)), default_text(std::move(default_text_)), hidden(hidden_) {}
  std::string name;        // without dashes
  char short_name = 0;
  FlagType type = FlagType::kString;
  std::string value_name;  // shown in --help: "PATH", "USERNAME[:PASSWORD]"
  std::string help;
  std::string default_text;  // shown in --help, e.g. "true"
  bool hidden = false;
};

class ParsedArgs {
 public:
  bool has(const std::string& name) const { return values_.count(name) > 0; }
  // The last value given (a flag given twice keeps the last, as pflag does).
  std::string get(const std::string& name, const std::string& fallback = "") const;
  std::vector<std::string> get_all(const std::string& name) const;
  bool get_bool(const std::string& name) const;  // false when absent
  std::optional<bool> get_optional_bool(const std::string& name) const;
  long get_int(const std::string& name, long fallback) const;

  std::vector<std::string> positional;
  void set(const std::string& name, std::string value) { values_[name].push_back(std::move(value)); }

 private:
  std::map<std::string, std::vector<std::string>> values_;
};

// Throws Error(kUsage) for an unknown flag ("unknown flag: --x"), a missing value ("flag needs an
// argument: --x") or a bad boolean/integer.
ParsedArgs parse_args(std::span<const std::string> args, const std::vector<FlagSpec>& specs);

// The "Flags:" section of --help, aligned like cobra's.
std::string format_flags(const std::vector<FlagSpec>& specs);

}  // namespace periscope::cli
