#pragma once
// Go's fmt for template values: %v (go_print, declared in value.h), float and quoting helpers, and
// the fmt.Sprint / Sprintln / Sprintf behind the print, println and printf template functions.
#include <string>
#include <string_view>
#include <vector>

#include "template/value.h"

namespace periscope::tmpl {

// strconv.FormatFloat(d, fmt, prec, 64) for fmt in "eEfgG"; prec -1: shortest round-trip digits.
// %v uses 'g' with -1 (so 1e+06, 1.5, 100000).
std::string format_float(double d, char fmt, int prec);
// strconv.Quote.
std::string go_quote(std::string_view s);

std::string go_sprint(const std::vector<Value>& args);
std::string go_sprintln(const std::vector<Value>& args);
// Supports flags "+- #0", width, .precision and the verbs v s d q x X o b c t e E f F g G T %;
// bad verbs and missing or extra operands are reported inline as Go does ("%!d(string=x)").
std::string go_sprintf(std::string_view format, const std::vector<Value>& args);

}  // namespace periscope::tmpl
