#include "template/parser.h"

#include <optional>

#include "core/error.h"
#include "template/funcs.h"
#include "template/lexer.h"
#include "template/literals.h"

namespace periscope::tmpl {
namespace {

class Parser {
 public:
  Parser(std::string_view text, std::string_view name)
      : tokens_(lex(text)), name_(name), vars_{"$"} {}

  std::vector<Node> parse() {
    std::vector<Node> nodes;
    while (peek().type != Tok::kEof) {
      Item item = text_or_action();
      if (item.kind != Item::kNode) {
        error("unexpected " + item.describe());
      }
      nodes.push_back(std::move(item.node));
    }
    return nodes;
  }

 private:
  struct Item {
    enum Kind { kNode, kEnd, kElse } kind = kNode;
    Node node;
    std::string describe() const { return kind == kEnd ? "{{end}}" : "{{else}}"; }
  };

  const Token& peek() const { return tokens_[std::min(at_, tokens_.size() - 1)]; }
  const Token& next() {
    const Token& t = peek();
    if (t.type == Tok::kError) {
      error(t.text);
    }
    if (at_ < tokens_.size()) {
      ++at_;
    }
    return t;
  }
  const Token& next_non_space() {
    while (peek().type == Tok::kSpace) {
      next();
    }
    return next();
  }
  const Token& peek_non_space() {
    while (peek().type == Tok::kSpace) {
      next();
    }
    if (peek().type == Tok::kError) {
      error(peek().text);
    }
    return peek();
  }
  void backup() { --at_; }

  [[noreturn]] void error(const std::string& message) const {
    int line = tokens_[std::min(at_ == 0 ? 0 : at_ - 1, tokens_.size() - 1)].line;
    if (peek().type == Tok::kError) {
      line = peek().line;
    }
    throw_usage("template: " + name_ + ":" + std::to_string(line) + ": " + message);
  }
  static std::string describe(const Token& t) {
    switch (t.type) {
      case Tok::kEof:
        return "EOF";
      case Tok::kKeyword:
        return "<" + t.text + ">";
      case Tok::kSpace:
        return "space";
      default:
        return "\"" + t.text + "\"";
    }
  }
  [[noreturn]] void unexpected(const Token& t, const std::string& context) const {
    error("unexpected " + describe(t) + " in " + context);
  }
  void expect(Tok type, const std::string& context) {
    const Token& t = next_non_space();
    if (t.type != type) {
      unexpected(t, context);
    }
  }

  Item text_or_action() {
    const Token& t = next_non_space();
    Item item;
    if (t.type == Tok::kText) {
      item.node.kind = Node::Kind::kText;
      item.node.pos = t.pos;
      item.node.text = t.text;
      return item;
    }
    if (t.type == Tok::kLeftDelim) {
      return action();
    }
    unexpected(t, "input");
  }

  Item action() {
    const Token& t = next_non_space();
    Item item;
    if (t.type == Tok::kKeyword) {
      const std::string& k = t.text;
      if (k == "end") {
        expect(Tok::kRightDelim, "end");
        item.kind = Item::kEnd;
      } else if (k == "else") {
        const Token& p = peek_non_space();
        if (!(p.type == Tok::kKeyword && (p.text == "if" || p.text == "with"))) {
          expect(Tok::kRightDelim, "else");
        }
        item.kind = Item::kElse;
      } else if (k == "if" || k == "range" || k == "with") {
        item.node = control(k, t.pos);
      } else if (k == "break" || k == "continue") {
        if (range_depth_ == 0) {
          error("{{" + k + "}} outside {{range}}");
        }
        expect(Tok::kRightDelim, "{{" + k + "}}");
        item.node.kind = k == "break" ? Node::Kind::kBreak : Node::Kind::kContinue;
        item.node.pos = t.pos;
      } else {
        error("{{" + k + "}} is not supported by periscope --format");
      }
      return item;
    }
    backup();
    item.node.kind = Node::Kind::kAction;
    item.node.pos = t.pos;
    item.node.pipe = pipeline("command", Tok::kRightDelim);
    return item;
  }

  Node control(const std::string& context, std::size_t pos) {
    std::size_t mark = vars_.size();
    Node node;
    node.kind = context == "if"      ? Node::Kind::kIf
                : context == "range" ? Node::Kind::kRange
                                     : Node::Kind::kWith;
    node.pos = pos;
    std::size_t start = at_;
    node.pipe = pipeline(context, Tok::kRightDelim);
    node.text = "{{" + context;
    for (std::size_t i = start; i + 1 < at_; ++i) {
      node.text += tokens_[i].text;
    }
    node.text += "}}";
    if (context == "range") {
      ++range_depth_;
    }
    Item end = item_list(node.list);
    if (context == "range") {
      --range_depth_;
    }
    if (end.kind == Item::kElse) {
      node.has_else = true;
      const Token& p = peek();
      if (p.type == Tok::kKeyword && p.text == context && context != "range") {
        const Token& kw = next();
        node.else_list.push_back(control(context, kw.pos));  // its {{end}} closes both
      } else {
        Item last = item_list(node.else_list);
        if (last.kind != Item::kEnd) {
          error("expected end; found {{else}}");
        }
      }
    }
    vars_.resize(mark);
    return node;
  }

  Item item_list(std::vector<Node>& list) {
    while (peek_non_space().type != Tok::kEof) {
      Item item = text_or_action();
      if (item.kind != Item::kNode) {
        return item;
      }
      list.push_back(std::move(item.node));
    }
    error("unexpected EOF");
  }

  Pipeline pipeline(const std::string& context, Tok end) {
    Pipeline pipe;
    pipe.pos = peek_non_space().pos;
    // Declarations: "$x :=", "$x =", and in range "$i, $v :=".
    while (peek_non_space().type == Tok::kVariable) {
      std::size_t var_at = at_;
      const Token& v = next();
      const Token& after = peek_non_space();
      if (after.type == Tok::kDeclare || after.type == Tok::kAssign) {
        pipe.is_assign = after.type == Tok::kAssign;
        next();
        pipe.decl.push_back(v.text);
        vars_.push_back(v.text);
        break;
      }
      if (after.type == Tok::kComma) {
        next();
        pipe.decl.push_back(v.text);
        vars_.push_back(v.text);
        if (context == "range" && pipe.decl.size() < 2) {
          Tok t = peek_non_space().type;
          if (t == Tok::kVariable || t == Tok::kRightDelim || t == Tok::kRightParen) {
            continue;
          }
          error("range can only initialize variables");
        }
        error("too many declarations in " + context);
      }
      at_ = var_at;  // an operand, not a declaration
      break;
    }
    while (true) {
      const Token& t = next_non_space();
      if (t.type == end) {
        break;
      }
      switch (t.type) {
        case Tok::kBool:
        case Tok::kChar:
        case Tok::kDot:
        case Tok::kField:
        case Tok::kIdentifier:
        case Tok::kNumber:
        case Tok::kNil:
        case Tok::kRawString:
        case Tok::kString:
        case Tok::kVariable:
        case Tok::kLeftParen:
          backup();
          pipe.commands.push_back(command());
          break;
        default:
          unexpected(t, context);
      }
    }
    if (pipe.commands.empty()) {
      error("missing value for " + context);
    }
    for (std::size_t i = 1; i < pipe.commands.size(); ++i) {
      const Arg& first = pipe.commands[i].args[0];
      if (first.kind == Arg::Kind::kConstant || first.kind == Arg::Kind::kDot ||
          first.kind == Arg::Kind::kNil) {
        error("non executable command in pipeline stage " + std::to_string(i + 1));
      }
    }
    return pipe;
  }

  Command command() {
    Command cmd;
    cmd.pos = peek_non_space().pos;
    while (true) {
      peek_non_space();
      if (std::optional<Arg> a = operand()) {
        if (!cmd.text.empty()) {
          cmd.text += ' ';
        }
        cmd.text += a->text;
        cmd.args.push_back(std::move(*a));
      }
      const Token& t = next();
      if (t.type == Tok::kSpace) {
        continue;
      }
      if (t.type == Tok::kRightDelim || t.type == Tok::kRightParen) {
        backup();
      } else if (t.type != Tok::kPipe) {
        unexpected(t, "operand");
      }
      break;
    }
    if (cmd.args.empty()) {
      error("empty command");
    }
    return cmd;
  }

  std::optional<Arg> operand() {
    std::optional<Arg> a = term();
    if (!a || peek().type != Tok::kField) {
      return a;
    }
    std::vector<std::string> more;
    std::string suffix;
    while (peek().type == Tok::kField) {
      const Token& f = next();
      more.push_back(f.text.substr(1));
      suffix += f.text;
    }
    switch (a->kind) {
      case Arg::Kind::kField:
      case Arg::Kind::kVariable:
        a->fields.insert(a->fields.end(), more.begin(), more.end());
        a->text += suffix;
        return a;
      case Arg::Kind::kConstant:
      case Arg::Kind::kNil:
      case Arg::Kind::kDot:
        error("unexpected . after term \"" + a->text + "\"");
      default: {
        Arg chain;
        chain.kind = Arg::Kind::kChain;
        chain.pos = a->pos;
        chain.text = a->text + suffix;
        chain.fields = std::move(more);
        chain.receiver.push_back(std::move(*a));
        return chain;
      }
    }
  }

  std::optional<Arg> term() {
    const Token& t = next_non_space();
    Arg a;
    a.pos = t.pos;
    a.text = t.text;
    switch (t.type) {
      case Tok::kIdentifier:
        if (!find_function(t.text)) {
          error("function \"" + t.text + "\" not defined");
        }
        a.kind = Arg::Kind::kFunction;
        a.name = t.text;
        return a;
      case Tok::kDot:
        a.kind = Arg::Kind::kDot;
        return a;
      case Tok::kNil:
        a.kind = Arg::Kind::kNil;
        return a;
      case Tok::kVariable: {
        bool known = false;
        for (const std::string& v : vars_) {
          known = known || v == t.text;
        }
        if (!known) {
          error("undefined variable \"" + t.text + "\"");
        }
        a.kind = Arg::Kind::kVariable;
        a.name = t.text;
        return a;
      }
      case Tok::kField:
        a.kind = Arg::Kind::kField;
        a.fields.push_back(t.text.substr(1));
        return a;
      case Tok::kBool:
        a.constant = Value(t.text == "true");
        return a;
      case Tok::kNumber: {
        NumberConstant n = parse_number(t.text);
        if (n.overflow) {
          error(t.text + " overflows int");
        }
        if (!n.value) {
          error("illegal number syntax: \"" + t.text + "\"");
        }
        a.constant = *n.value;
        return a;
      }
      case Tok::kChar: {
        std::optional<std::string> s =
            unescape(std::string_view(t.text).substr(1, t.text.size() - 2));
        std::optional<std::int64_t> r = s ? single_rune(*s) : std::nullopt;
        if (!r) {
          error("malformed character constant: " + t.text);
        }
        a.constant = Value(*r);
        return a;
      }
      case Tok::kString: {
        std::optional<std::string> s =
            unescape(std::string_view(t.text).substr(1, t.text.size() - 2));
        if (!s) {
          error("bad quoted string: " + t.text);
        }
        a.constant = Value(*s);
        return a;
      }
      case Tok::kRawString: {
        std::string s;
        for (char c : std::string_view(t.text).substr(1, t.text.size() - 2)) {
          if (c != '\r') {
            s += c;  // Go drops carriage returns from raw strings
          }
        }
        a.constant = Value(s);
        return a;
      }
      case Tok::kLeftParen: {
        a.kind = Arg::Kind::kPipeline;
        a.pipe = std::make_shared<Pipeline>(pipeline("parenthesized pipeline", Tok::kRightParen));
        a.text = "(";
        for (const Command& c : a.pipe->commands) {
          if (a.text.size() > 1) {
            a.text += " | ";
          }
          a.text += c.text;
        }
        a.text += ")";
        return a;
      }
      default:
        backup();
        return std::nullopt;
    }
  }

  std::vector<Token> tokens_;
  std::size_t at_ = 0;
  std::string name_;
  std::vector<std::string> vars_;
  int range_depth_ = 0;
};

}  // namespace

std::vector<Node> parse_tree(std::string_view text, std::string_view name) {
  return Parser(text, name).parse();
}

}  // namespace periscope::tmpl
