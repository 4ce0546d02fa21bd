#include "template/tabwriter.h"

#include <vector>

namespace periscope::tmpl {
namespace {

struct Cell {
  std::string text;
  int width = 0;  // in runes
};

using Line = std::vector<Cell>;

class Formatter {
 public:
  Formatter(const std::vector<Line>& lines, TabwriterOptions o) : lines_(lines), options_(o) {}

  std::string run() {
    format(0, lines_.size());
    return std::move(out_);
  }

 private:
  // Mirrors tabwriter's recursive column-block layout: a block is a run of lines that all have
  // a terminated cell in the current column; its width is fixed, then the next column is laid out.
  void format(std::size_t line0, std::size_t line1) {
    std::size_t column = widths_.size();
    for (std::size_t at = line0; at < line1; ++at) {
      if (column + 1 >= lines_[at].size()) {
        continue;
      }
      write_lines(line0, at);
      line0 = at;
      int width = options_.min_width;
      for (; at < line1 && column + 1 < lines_[at].size(); ++at) {
        width = std::max(width, lines_[at][column].width + options_.padding);
      }
      widths_.push_back(width);
      format(line0, at);
      widths_.pop_back();
      line0 = at;
      if (at == line1) {
        break;
      }
    }
    write_lines(line0, line1);
  }

  void write_lines(std::size_t line0, std::size_t line1) {
    for (std::size_t i = line0; i < line1; ++i) {
      const Line& line = lines_[i];
      for (std::size_t j = 0; j < line.size(); ++j) {
        out_ += line[j].text;
        if (j < widths_.size()) {
          out_.append(std::max(widths_[j] - line[j].width, 0), ' ');
        }
      }
      if (i + 1 < lines_.size()) {
        out_ += '\n';
      }
    }
  }

  const std::vector<Line>& lines_;
  TabwriterOptions options_;
  std::vector<int> widths_;
  std::string out_;
};

}  // namespace

std::string tabwrite(std::string_view text, TabwriterOptions options) {
  std::vector<Line> lines(1);
  Cell cell;
  bool escaped = false;  // between 0xFF bytes (StripEscape): taken literally, markers dropped
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u == 0xFF) {
      escaped = !escaped;
      continue;
    }
    if (!escaped && (c == '\t' || c == '\v')) {
      lines.back().push_back(std::move(cell));
      cell = Cell();
    } else if (!escaped && (c == '\n' || c == '\f')) {
      lines.back().push_back(std::move(cell));
      cell = Cell();
      lines.emplace_back();
    } else {
      cell.text += c;
      cell.width += (u & 0xC0) != 0x80;
    }
  }
  if (!cell.text.empty()) {
    lines.back().push_back(std::move(cell));
  }
  return Formatter(lines, options).run();
}

}  // namespace periscope::tmpl
