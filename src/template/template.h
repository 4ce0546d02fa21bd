#pragma once
// The subset of Go's text/template that `periscope inspect --format` needs, with the functions
// containers/common's pkg/report adds. Parse errors and execution errors are Error(kUsage) with
// Go's message shapes: "template: NAME:LINE: ..." and
// "template: NAME:LINE:COL: executing \"NAME\" at <NODE>: ...".
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "template/value.h"

namespace periscope::tmpl {

struct Node;

class Template {
 public:
  // `name` appears in error messages; skopeo's inspect names its template "skopeo inspect".
  static Template parse(std::string_view text, std::string_view name = "format");

  std::string execute(const Value& data) const;
  // Appends output as it is produced: after a failure `out` holds what Go would already have
  // written to its writer before returning the error.
  void execute(const Value& data, std::string& out) const;

  const std::string& name() const { return name_; }

 private:
  std::string name_;
  std::string text_;
  std::shared_ptr<const std::vector<Node>> root_;
};

}  // namespace periscope::tmpl
