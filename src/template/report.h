#pragma once
// What skopeo 1.22's `inspect --format` does around text/template, read from its vendored
// go.podman.io/common v0.67 pkg/report (template.go, formatter.go, validate.go) and
// cmd/skopeo/inspect.go:
//  - report.IsJSON(format) or an empty format: print the default indented JSON instead;
//  - otherwise report.New(stdout, "skopeo inspect").Parse(OriginUser, format), then
//    Execute([]any{data}) and Flush:
//    * "table " prefix: the template becomes "{{range .}}" + NormalizeFormat(format) + "{{end -}}"
//      and output goes through a tabwriter (minwidth 12, tabwidth 2, padding 2, ' ');
//    * otherwise EnforceRange(NormalizeFormat(format)): wrapped in "{{range .}}...{{end -}}"
//      unless it already contains a {{range .}}...{{end}};
//    * if that text fails to parse, the un-normalized text (same wrapping) is parsed instead and
//      its error, if any, is the one reported (so '{{printf "\n"}}' still works);
//  - the template has DefaultFuncs: join json lower pad split title truncate upper.
#include <string>
#include <string_view>

#include "template/template.h"

namespace periscope::tmpl {

// report.NormalizeFormat: with a "table " prefix every "table " is dropped and every space becomes
// a tab; in all cases the two-character escapes \t and \n become a tab and a newline, and a
// newline is appended unless the result already ends with one.
std::string normalize_format(std::string_view format);
// report.EnforceRange.
std::string enforce_range(std::string_view format);
// report.IsJSON: "json", "{{json}}", "{{ json. }}" (whitespace around allowed), not "{{json .}}".
bool is_json_format(std::string_view format);
// report.HasTable.
bool has_table(std::string_view format);

// A user --format prepared as report.Formatter.Parse(OriginUser, ...) prepares it.
class UserFormat {
 public:
  static UserFormat parse(std::string_view format, std::string_view name = "skopeo inspect");
  // Runs the template over a one-element list holding `data`, appending to `out`; on an
  // execution error `out` keeps the output produced so far (flushed through the tabwriter for
  // tables, as skopeo's deferred Flush does) and the error is rethrown.
  void execute(const Value& data, std::string& out) const;
  std::string execute(const Value& data) const;
  bool is_table() const { return table_; }

 private:
  UserFormat(Template t, bool table) : template_(std::move(t)), table_(table) {}
  Template template_;
  bool table_;
};

}  // namespace periscope::tmpl
