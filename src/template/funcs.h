#pragma once
// The function table: Go's text/template builtins plus the extra functions containers/common's
// pkg/report installs for --format (join json lower pad split title truncate upper).
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "template/value.h"

namespace periscope::tmpl {

// What a parameter accepts, which decides the errors Go's reflection-based call would give.
enum class Param {
  kAny,  // interface{} or reflect.Value: anything, including nil
  kString,
  kInt,
  kStringList,  // []string
};

// A function's own failure: execution reports it as "error calling NAME: MESSAGE".
class FuncError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Func {
  std::string name;
  std::vector<Param> params;
  std::optional<Param> variadic;  // type of the trailing ...args
  // and/or: arguments are evaluated lazily by the executor, which never calls `call`.
  bool short_circuit = false;
  std::function<Value(const std::vector<Value>&)> call;
};

const Func* find_function(std::string_view name);

}  // namespace periscope::tmpl
