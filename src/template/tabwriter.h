#pragma once
// Go's text/tabwriter as containers/common's report uses it for "table" formats
// (NewWriter(w, 12, 2, 2, ' ', StripEscape)): tab-terminated cells, aligned per column block of
// consecutive lines, padded with spaces; the text after a line's last tab is not a column.
#include <string>
#include <string_view>

namespace periscope::tmpl {

struct TabwriterOptions {
  int min_width = 12;
  int padding = 2;
};

// Everything written, then Flush().
std::string tabwrite(std::string_view text, TabwriterOptions options = {});

}  // namespace periscope::tmpl
