#pragma once
// Builds the tree of Go's text/template grammar from tokens, checking at parse time what Go
// checks: known functions, declared variables, break/continue only inside range.
#include <string_view>
#include <vector>

#include "template/ast.h"

namespace periscope::tmpl {

// Throws Error(kUsage) "template: NAME:LINE: message".
std::vector<Node> parse_tree(std::string_view text, std::string_view name);

}  // namespace periscope::tmpl
