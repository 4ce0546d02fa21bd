#pragma once
// The parse tree of a template, shaped like Go's text/template/parse nodes.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "template/value.h"

namespace periscope::tmpl {

struct Pipeline;

// An operand of a command.
struct Arg {
  enum class Kind { kField, kChain, kVariable, kDot, kNil, kConstant, kFunction, kPipeline };
  Kind kind = Kind::kConstant;
  std::size_t pos = 0;
  std::string text;                 // as Go's Node.String() would show it, for error messages
  std::vector<std::string> fields;  // kField/kChain/kVariable: the field names that follow
  std::string name;                 // kVariable: "$x"; kFunction: the function
  Value constant;                   // kConstant
  std::shared_ptr<Pipeline> pipe;   // kPipeline (parenthesised)
  std::vector<Arg> receiver;        // kChain: the one operand whose fields are taken
};

struct Command {
  std::size_t pos = 0;
  std::string text;
  std::vector<Arg> args;
};

struct Pipeline {
  std::size_t pos = 0;
  bool is_assign = false;         // $x = ... rather than $x := ...
  std::vector<std::string> decl;  // declared or assigned variables
  std::vector<Command> commands;
};

struct Node {
  enum class Kind { kText, kAction, kIf, kRange, kWith, kBreak, kContinue };
  Kind kind = Kind::kText;
  std::size_t pos = 0;
  std::string text;  // kText: the text; control nodes: "{{range ...}}" for error messages
  Pipeline pipe;
  std::vector<Node> list;
  std::vector<Node> else_list;
  bool has_else = false;
};

}  // namespace periscope::tmpl
