// Template execution: walks the parse tree with Go's rules for dot, variables, pipelines,
// field access and function calls.
#include <algorithm>
#include <optional>

#include "core/error.h"
#include "template/ast.h"
#include "template/funcs.h"
#include "template/go_print.h"
#include "template/parser.h"
#include "template/template.h"

namespace periscope::tmpl {
namespace {

using Final = std::optional<Value>;  // the previous pipeline stage's result, if any

class Exec {
 public:
  Exec(const std::string& name, const std::string& text, std::string& out)
      : name_(name), text_(text), out_(out) {}

  void run(const Value& data, const std::vector<Node>& root) {
    vars_.emplace_back("$", data);
    walk_list(data, root);
  }

 private:
  enum class Signal { kNone, kBreak, kContinue };

  [[noreturn]] void fail(std::size_t pos, const std::string& context, const std::string& message) {
    std::string_view before = std::string_view(text_).substr(0, pos);
    std::size_t newline = before.rfind('\n');
    std::size_t column = newline == std::string_view::npos ? pos : pos - newline - 1;
    int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    throw_usage("template: " + name_ + ":" + std::to_string(line) + ":" + std::to_string(column) +
                ": executing \"" + name_ + "\" at <" + context + ">: " + message);
  }

  Signal walk_list(const Value& dot, const std::vector<Node>& list) {
    for (const Node& n : list) {
      if (Signal s = walk(dot, n); s != Signal::kNone) {
        return s;
      }
    }
    return Signal::kNone;
  }

  Signal walk(const Value& dot, const Node& n) {
    switch (n.kind) {
      case Node::Kind::kText:
        out_ += n.text;
        return Signal::kNone;
      case Node::Kind::kAction: {
        Value v = eval_pipeline(dot, n.pipe);
        if (n.pipe.decl.empty()) {
          out_ += go_print(v);
        }
        return Signal::kNone;
      }
      case Node::Kind::kIf:
      case Node::Kind::kWith: {
        std::size_t mark = vars_.size();
        Value v = eval_pipeline(dot, n.pipe);
        Signal s = Signal::kNone;
        if (v.truthy()) {
          s = walk_list(n.kind == Node::Kind::kWith ? v : dot, n.list);
        } else if (n.has_else) {
          s = walk_list(dot, n.else_list);
        }
        vars_.resize(mark);
        return s;
      }
      case Node::Kind::kRange:
        return walk_range(dot, n);
      case Node::Kind::kBreak:
        return Signal::kBreak;
      case Node::Kind::kContinue:
        return Signal::kContinue;
    }
    return Signal::kNone;
  }

  Signal walk_range(const Value& dot, const Node& n) {
    std::size_t outer = vars_.size();
    Value v = eval_pipeline(dot, n.pipe);
    std::size_t mark = vars_.size();
    std::size_t decls = n.pipe.decl.size();
    bool stop = false;
    auto iteration = [&](const Value& key, const Value& elem) {
      if (decls > 0) {
        vars_[mark - 1].second = elem;
      }
      if (decls > 1) {
        vars_[mark - 2].second = key;
      }
      Signal s = walk_list(elem, n.list);
      vars_.resize(mark);
      stop = s == Signal::kBreak;
    };
    bool empty = true;
    switch (v.kind()) {
      case Value::Kind::kList: {
        const Value::List& items = v.as_list();
        empty = items.empty();
        for (std::size_t i = 0; i < items.size() && !stop; ++i) {
          iteration(Value(static_cast<std::int64_t>(i)), items[i]);
        }
        break;
      }
      case Value::Kind::kMap:
        empty = v.as_map().empty();
        for (auto it = v.as_map().begin(); it != v.as_map().end() && !stop; ++it) {
          iteration(Value(it->first), it->second);
        }
        break;
      case Value::Kind::kInt:
        if (v.as_int() < 0) {
          fail(n.pos, n.text, "range can't iterate over a negative number");
        }
        empty = v.as_int() == 0;
        for (std::int64_t i = 0; i < v.as_int() && !stop; ++i) {
          iteration(Value(i), Value(i));
        }
        break;
      case Value::Kind::kNoValue:
        break;  // like a nil map
      default:
        fail(n.pos, n.text, "range can't iterate over " + go_print(v));
    }
    Signal s = Signal::kNone;
    if (empty && n.has_else) {
      s = walk_list(dot, n.else_list);
    }
    vars_.resize(outer);
    return s == Signal::kContinue ? Signal::kNone : s;
  }

  Value eval_pipeline(const Value& dot, const Pipeline& pipe) {
    Final value;
    for (const Command& cmd : pipe.commands) {
      value = eval_command(dot, cmd, value);
    }
    for (const std::string& name : pipe.decl) {
      if (pipe.is_assign) {
        set_var(name, *value, pipe.pos);
      } else {
        vars_.emplace_back(name, *value);
      }
    }
    return *value;
  }

  void set_var(const std::string& name, const Value& v, std::size_t pos) {
    for (auto it = vars_.rbegin(); it != vars_.rend(); ++it) {
      if (it->first == name) {
        it->second = v;
        return;
      }
    }
    fail(pos, name, "undefined variable: " + name);
  }

  const Value& var(const std::string& name, const Arg& at) {
    for (auto it = vars_.rbegin(); it != vars_.rend(); ++it) {
      if (it->first == name) {
        return it->second;
      }
    }
    fail(at.pos, at.text, "undefined variable: " + name);
  }

  void not_a_function(const Command& cmd, const Final& final) {
    if (cmd.args.size() > 1 || final) {
      fail(cmd.pos, cmd.text, "can't give argument to non-function " + cmd.args[0].text);
    }
  }

  Value eval_command(const Value& dot, const Command& cmd, const Final& final) {
    const Arg& first = cmd.args[0];
    bool has_args = cmd.args.size() > 1 || final.has_value();
    switch (first.kind) {
      case Arg::Kind::kField:
        return eval_fields(dot, first.fields, has_args, first);
      case Arg::Kind::kChain:
        return eval_fields(chain_receiver(dot, first), first.fields, has_args, first);
      case Arg::Kind::kVariable:
        if (first.fields.empty()) {
          not_a_function(cmd, final);
          return var(first.name, first);
        }
        return eval_fields(var(first.name, first), first.fields, has_args, first);
      case Arg::Kind::kFunction:
        return eval_function(dot, cmd, final);
      case Arg::Kind::kNil:
        fail(cmd.pos, cmd.text, "nil is not a command");
      default:
        not_a_function(cmd, final);
        return eval_operand(dot, first);
    }
  }

  Value chain_receiver(const Value& dot, const Arg& chain) {
    const Arg& receiver = chain.receiver[0];
    if (receiver.kind == Arg::Kind::kNil) {
      fail(chain.pos, chain.text, "indirection through explicit nil in " + chain.text);
    }
    return eval_operand(dot, receiver);
  }

  // An operand used as a value, i.e. not at the head of a command.
  Value eval_operand(const Value& dot, const Arg& a) {
    switch (a.kind) {
      case Arg::Kind::kDot:
        return dot;
      case Arg::Kind::kNil:
        return Value();
      case Arg::Kind::kConstant:
        return a.constant;
      case Arg::Kind::kField:
        return eval_fields(dot, a.fields, false, a);
      case Arg::Kind::kChain:
        return eval_fields(chain_receiver(dot, a), a.fields, false, a);
      case Arg::Kind::kVariable:
        return eval_fields(var(a.name, a), a.fields, false, a);
      case Arg::Kind::kPipeline:
        return eval_pipeline(dot, *a.pipe);
      case Arg::Kind::kFunction: {
        Command alone;
        alone.pos = a.pos;
        alone.text = a.text;
        alone.args.push_back(a);
        return eval_function(dot, alone, std::nullopt);
      }
    }
    return Value();
  }

  // Walks `.A.B.C` from `receiver`; `has_args` applies to the last name (Go would call a method).
  Value eval_fields(Value receiver, const std::vector<std::string>& fields, bool has_args,
                    const Arg& at) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      receiver = eval_field(receiver, fields[i], has_args && i + 1 == fields.size(), at);
    }
    return receiver;
  }

  Value eval_field(const Value& receiver, const std::string& name, bool has_args, const Arg& at) {
    switch (receiver.kind()) {
      case Value::Kind::kNoValue:
        return receiver;
      case Value::Kind::kNil:
        fail(at.pos, at.text, "nil pointer evaluating interface {}." + name);
      case Value::Kind::kStruct:
        if (const Field* f = receiver.field(name)) {
          if (has_args) {
            fail(at.pos, at.text, name + " has arguments but cannot be invoked as function");
          }
          return f->value;
        }
        break;
      case Value::Kind::kMap: {
        if (has_args) {
          fail(at.pos, at.text, name + " is not a method but has arguments");
        }
        auto it = receiver.as_map().find(name);
        return it == receiver.as_map().end() ? Value::no_value() : it->second;
      }
      default:
        break;
    }
    fail(at.pos, at.text, "can't evaluate field " + name + " in type " + receiver.go_type());
  }

  static std::string param_name(Param p) {
    switch (p) {
      case Param::kString:
        return "string";
      case Param::kInt:
        return "int";
      case Param::kStringList:
        return "[]string";
      case Param::kAny:
        break;
    }
    return "interface {}";
  }

  static bool fits(const Value& v, Param p) {
    switch (p) {
      case Param::kAny:
        return true;
      case Param::kString:
        return v.kind() == Value::Kind::kString;
      case Param::kInt:
        return v.kind() == Value::Kind::kInt;
      case Param::kStringList:
        if (v.kind() != Value::Kind::kList) {
          return false;
        }
        for (const Value& item : v.as_list()) {
          if (item.kind() != Value::Kind::kString) {
            return false;
          }
        }
        return true;
    }
    return false;
  }

  // Checks a computed value against a parameter, as Go's validateType does.
  Value validate(const Value& v, Param p, std::size_t pos, const std::string& context) {
    if (p == Param::kAny || fits(v, p)) {
      return v;
    }
    if (v.kind() == Value::Kind::kNoValue) {
      fail(pos, context, "invalid value; expected " + param_name(p));
    }
    fail(pos, context, "wrong type for value; expected " + param_name(p) + "; got " + v.go_type());
  }

  Value eval_arg(const Value& dot, const Arg& a, Param p) {
    if (a.kind == Arg::Kind::kNil && p != Param::kAny) {
      fail(a.pos, a.text, "cannot assign nil to " + param_name(p));
    }
    if (a.kind == Arg::Kind::kConstant && !fits(a.constant, p)) {
      if (p == Param::kString) {
        fail(a.pos, a.text, "expected string; found " + a.text);
      }
      if (p == Param::kInt) {
        fail(a.pos, a.text, "expected integer; found " + a.text);
      }
      fail(a.pos, a.text, "can't handle " + a.text + " for arg of type " + param_name(p));
    }
    return validate(eval_operand(dot, a), p, a.pos, a.text);
  }

  Value eval_function(const Value& dot, const Command& cmd, const Final& final) {
    const Arg& head = cmd.args[0];
    const Func& f = *find_function(head.name);
    std::size_t given = cmd.args.size() - 1 + (final ? 1 : 0);
    std::size_t fixed = f.params.size();
    if (f.variadic && given < fixed) {
      fail(head.pos, head.text,
           "wrong number of args for " + f.name + ": want at least " + std::to_string(fixed) +
               " got " + std::to_string(given));
    }
    if (!f.variadic && given != fixed) {
      fail(head.pos, head.text,
           "wrong number of args for " + f.name + ": want " + std::to_string(fixed) + " got " +
               std::to_string(given));
    }
    auto param = [&](std::size_t i) { return i < fixed ? f.params[i] : *f.variadic; };
    if (f.short_circuit) {  // and / or stop at the first argument that decides the result
      bool want = f.name == "or";
      Value v;
      for (std::size_t i = 1; i < cmd.args.size(); ++i) {
        v = eval_arg(dot, cmd.args[i], Param::kAny);
        if (v.truthy() == want) {
          return v;
        }
      }
      return final ? *final : v;
    }
    std::vector<Value> args;
    for (std::size_t i = 1; i < cmd.args.size(); ++i) {
      args.push_back(eval_arg(dot, cmd.args[i], param(i - 1)));
    }
    if (final) {
      args.push_back(validate(*final, param(args.size()), cmd.pos, cmd.text));
    }
    try {
      return f.call(args);
    } catch (const FuncError& e) {
      fail(cmd.pos, cmd.text, "error calling " + f.name + ": " + e.what());
    }
  }

  const std::string& name_;
  const std::string& text_;
  std::string& out_;
  std::vector<std::pair<std::string, Value>> vars_;
};

}  // namespace

Template Template::parse(std::string_view text, std::string_view name) {
  Template t;
  t.name_ = std::string(name);
  t.text_ = std::string(text);
  t.root_ = std::make_shared<const std::vector<Node>>(parse_tree(text, name));
  return t;
}

std::string Template::execute(const Value& data) const {
  std::string out;
  execute(data, out);
  return out;
}

void Template::execute(const Value& data, std::string& out) const {
  Exec(name_, text_, out).run(data, *root_);
}

}  // namespace periscope::tmpl
