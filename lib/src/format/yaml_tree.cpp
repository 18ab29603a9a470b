#include "yaml_tree.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <sstream>
#include <unordered_map>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "utf8.h"

namespace paperflow::yaml {

namespace {

std::uint32_t saturating_add(std::uint32_t a, std::uint32_t b) { return a > UINT32_MAX - b ? UINT32_MAX : a + b; }

// Start offsets of the lines of a text, to turn yaml-cpp's byte columns
// into character columns.
class LineTable {
 public:
  explicit LineTable(std::string_view text) : text_(text) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts_.push_back(i + 1);
  }
  std::string_view line(std::size_t index) const {
    if (index >= starts_.size()) return {};
    std::size_t begin = starts_[index];
    std::size_t end = index + 1 < starts_.size() ? starts_[index + 1] : text_.size();
    return text_.substr(begin, end - begin);
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

// Where the text stops being UTF-8 (or has a NUL byte), as a byte offset, or npos.
std::size_t find_invalid_utf8(std::string_view text, bool& is_nul) {
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\0') {
      is_nul = true;
      return i;
    }
    std::size_t length = utf8::sequence_length(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

// Whether the quoted scalar that opens at byte `open` (a `"` or `'`) is
// closed before the end of the text. yaml-cpp lets an unclosed quote run to
// the end of the file and takes everything after it for the text.
bool quote_is_closed(std::string_view text, std::size_t open) {
  const char quote = text[open];
  for (std::size_t i = open + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;  // an escape: the next character is part of the text
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;  // '' is a quote inside single quotes
        continue;
      }
      return true;
    }
  }
  return false;
}

// The innermost flow bracket (`{` or `[`) still open at byte `limit`, as a
// byte offset, or npos, found by reading the text roughly the way YAML's
// scanner does: comments, quoted scalars, block scalars (`|`, `>`) skipped,
// and in block context a bracket or a quote counts only where a value
// starts. The tree cannot tell for a bracket that is never closed: yaml-cpp
// holds its token back until it knows whether the collection is a key,
// which it never learns, so no event for it ever comes. Only a guess at the
// place: the caller confirms with yaml-cpp that a bracket is open at all.
// The scan of open_flow_bracket. Its helpers are asked about the position
// the scan is at, which only moves forward; each remembers what it found,
// so that a hostile line of a million quotes costs no more than one of a
// million letters.
class BracketScan {
 public:
  BracketScan(std::string_view text, std::size_t limit) : text_(text), limit_(std::min(limit, text.size())) {}

  std::size_t run() {
    for (std::size_t i = 0; i < limit_; ++i) {
      const char c = text_[i];
      if (c == '#' && (i == 0 || blank(text_[i - 1]) || text_[i - 1] == '\n')) {
        while (i + 1 < limit_ && text_[i + 1] != '\n') ++i;
      } else if ((c == '"' || c == '\'') && value_start(i)) {
        i = quote_end(i);
      } else if ((c == '|' || c == '>') && open_.empty() && value_start(i)) {
        i = block_scalar_end(i);
      } else if (c == '{' || c == '[') {
        // In flow context a bracket is always one: plain text there cannot
        // hold one.
        if (!open_.empty() || value_start(i)) open_.push_back(i);
      } else if ((c == '}' || c == ']') && !open_.empty()) {
        open_.pop_back();
      }
    }
    return open_.empty() ? std::string_view::npos : open_.back();
  }

 private:
  static bool blank(char c) { return c == ' ' || c == '\t'; }

  std::size_t line_start(std::size_t at) {
    for (; line_scanned_ < at; ++line_scanned_)
      if (text_[line_scanned_] == '\n') line_begin_ = line_scanned_ + 1;
    return line_begin_;
  }

  // Where the content of the line holding `at` starts after its indentation
  // and any `- ` or `? ` indicators.
  std::size_t content_start(std::size_t at) {
    const std::size_t begin = line_start(at);
    if (begin == content_line_) return content_;
    std::size_t k = begin;
    for (;;) {
      while (k < text_.size() && blank(text_[k])) ++k;
      if (k + 1 < text_.size() && (text_[k] == '-' || text_[k] == '?') && blank(text_[k + 1])) ++k;
      else break;
    }
    content_line_ = begin;
    content_ = k;
    return k;
  }

  // Whether a token at `at` starts a value: in flow context after `[`, `{`,
  // `,` or `:`; in block context first on its line (after indicators) or
  // after `key: `.
  bool value_start(std::size_t at) {
    std::size_t k = at;
    while (k > 0 && blank(text_[k - 1])) --k;  // the blanks before this token only: linear in all
    if (k == 0 || text_[k - 1] == '\n') return true;
    const char d = text_[k - 1];
    if (!open_.empty()) return d == '[' || d == '{' || d == ',' || d == ':';
    return (d == ':' && k < at) || content_start(at) == at;
  }

  // The closing quote of the quoted scalar opening at `at` (or the limit).
  std::size_t quote_end(std::size_t at) const {
    const char quote = text_[at];
    std::size_t i = at + 1;
    for (; i < limit_; ++i) {
      if (quote == '"' && text_[i] == '\\') {
        ++i;  // an escape
        continue;
      }
      if (text_[i] != quote) continue;
      if (quote == '\'' && i + 1 < limit_ && text_[i + 1] == '\'') {
        ++i;  // '' inside single quotes
        continue;
      }
      break;
    }
    return i;
  }

  // A block scalar starting at `at`: its text is the lines indented deeper
  // than the node it belongs to (its key, or its `-`), and brackets in it
  // are text. Returns where it ends.
  std::size_t block_scalar_end(std::size_t at) {
    std::size_t owner = content_start(at);
    if (owner == at) {  // `- |`: the block scalar is the item, owned by the `-`
      while (owner > line_start(at) && (blank(text_[owner - 1]) || text_[owner - 1] == '-')) --owner;
      while (blank(text_[owner])) ++owner;
    }
    const std::size_t indent = owner - line_start(at);
    std::size_t next = text_.find('\n', at);
    while (next != std::string_view::npos && next + 1 < limit_) {
      std::size_t k = next + 1, spaces = 0;
      while (k < text_.size() && text_[k] == ' ') ++k, ++spaces;
      const bool empty_line = k >= text_.size() || text_[k] == '\n' || text_[k] == '\r';
      if (!empty_line && spaces <= indent) break;
      next = text_.find('\n', k);
    }
    return next == std::string_view::npos ? limit_ : std::min(next, limit_);
  }

  std::string_view text_;
  std::size_t limit_;
  std::vector<std::size_t> open_;  // offsets of the brackets open, innermost last
  std::size_t line_begin_ = 0, line_scanned_ = 0;
  std::size_t content_line_ = std::string_view::npos, content_ = 0;
};

std::size_t open_flow_bracket(std::string_view text, std::size_t limit) { return BracketScan(text, limit).run(); }

// Whether yaml-cpp, reading `prefix` (a text cut at the start of a line),
// runs out of text inside a flow collection: then a bracket in it is
// really never closed.
bool flow_left_open(std::string_view prefix) {
  std::string copy(prefix);
  std::istringstream stream(copy);
  struct Ignore final : YAML::EventHandler {
    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
  } ignore;
  try {
    YAML::Parser parser(stream);
    while (parser.HandleNextDocument(ignore)) {
    }
  } catch (const YAML::Exception& e) {
    return e.msg == YAML::ErrorMsg::END_OF_MAP_FLOW || e.msg == YAML::ErrorMsg::END_OF_SEQ_FLOW;
  }
  return false;
}

class TreeBuilder final : public YAML::EventHandler {
 public:
  TreeBuilder(Document& document, std::string_view text, const LineTable& lines, const Limits& limits)
      : document_(document), text_(text), lines_(lines), limits_(limits) {}

  /// The first quoted scalar that is never closed (its mark is the opening
  /// quote), or null; `unclosed_quote_char` is that quote.
  const Node* unclosed_quote() const { return unclosed_quote_; }
  char unclosed_quote_char() const { return unclosed_quote_char_; }
  /// The outermost collection of the chain of nested collections, each the
  /// first item of the one before, that ends in the innermost open one:
  /// where a run of `[[[[...` or of keys each holding the next begins.
  const Node* start_of_nesting() const {
    if (stack_.empty()) return nullptr;
    std::size_t i = stack_.size() - 1;
    while (i > 0) {
      const Node* parent = stack_[i - 1];
      // Children are attached when they close: an open child is the first
      // item of a list without children, or the value of a mapping's first key.
      const std::size_t before = parent->kind == Node::Kind::map ? 1 : 0;
      if (parent->children.size() != before) break;
      --i;
    }
    return stack_[i];
  }
  /// The innermost flow collection (`[...]` or `{...}`, of `kind` if given)
  /// that is still open, or null.
  const Node* innermost_open_flow(std::optional<Node::Kind> kind = std::nullopt) const {
    for (std::size_t i = stack_.size(); i-- > 0;)
      if (flow_[i] && (!kind || stack_[i]->kind == *kind)) return stack_[i];
    return nullptr;
  }

  bool exceeded() const { return exceeded_; }
  const Phrase& limit_message() const { return limit_message_; }
  int limit_line() const { return limit_line_; }
  int limit_column() const { return limit_column_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Node& node = make(Node::Kind::null, mark, anchor);
    // A value left empty (`name:`) gets the mark of the next token, often on
    // a later line: it belongs to its key.
    if (!stack_.empty() && stack_.back()->kind == Node::Kind::map && stack_.back()->children.size() % 2 == 1) {
      const Node* key = stack_.back()->children.back();
      if (node.line > key->line) {
        node.line = key->line;
        node.column = key->column;
      }
    }
    attach(&node);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end() || !it->second->complete) {
      // yaml-cpp rejects unknown anchors itself; an alias to a node still
      // open would make the tree infinite.
      fail(mark, phrase_of("an alias refers to a node that contains it"));
      return;
    }
    attach(it->second, /*is_alias=*/true);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    Node& node = make(Node::Kind::scalar, mark, anchor);
    node.plain = tag == "?";
    node.value = value;
    node.expanded_bytes = static_cast<std::uint32_t>(std::min<std::size_t>(value.size(), UINT32_MAX));
    const auto at = static_cast<std::size_t>(mark.pos);
    if (!node.plain && !unclosed_quote_ && mark.pos >= 0 && at < text_.size() &&
        (text_[at] == '"' || text_[at] == '\'') && !quote_is_closed(text_, at)) {
      unclosed_quote_ = &node;
      unclosed_quote_char_ = text_[at];
    }
    attach(&node);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open_collection(make(Node::Kind::sequence, mark, anchor), style == YAML::EmitterStyle::Flow);
  }
  void OnSequenceEnd() override { close_collection(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open_collection(make(Node::Kind::map, mark, anchor), style == YAML::EmitterStyle::Flow);
  }
  void OnMapEnd() override { close_collection(); }

 private:
  Node& make(Node::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    Node& node = document_.nodes.emplace_back();
    node.kind = kind;
    node.line = mark.line + 1;
    node.column = char_column(static_cast<std::size_t>(std::max(mark.line, 0)),
                              static_cast<std::size_t>(std::max(mark.column, 0)));
    if (anchor != YAML::NullAnchor) anchors_[anchor] = &node;
    return node;
  }
  // byte_to_char_column, counting on from the node before when it is
  // further along the same line: counting from the start of the line for
  // every node was quadratic on a long line (a flow list of 500,000 items
  // on one line took minutes).
  int char_column(std::size_t line, std::size_t byte_column) {
    if (line != column_line_ || byte_column < column_byte_) {
      column_line_ = line;
      column_byte_ = 0;
      column_char_ = 1;
    }
    const std::string_view text = lines_.line(line);
    for (; column_byte_ < byte_column && column_byte_ < text.size(); ++column_byte_)
      if ((static_cast<unsigned char>(text[column_byte_]) & 0xC0) != 0x80) ++column_char_;
    return column_char_ + static_cast<int>(byte_column - column_byte_);  // past the line's end, as byte_to_char_column
  }

  void open_collection(Node& node, bool flow) {
    node.complete = false;
    stack_.push_back(&node);
    flow_.push_back(flow);
  }
  void close_collection() {
    if (stack_.empty()) return;
    Node* node = stack_.back();
    stack_.pop_back();
    flow_.pop_back();
    node->complete = true;
    attach(node);
  }
  // Adds a finished node to the open collection, or makes it the root.
  void attach(const Node* child, bool is_alias = false) {
    if (exceeded_) return;
    if (stack_.empty()) {
      if (!document_.root) document_.root = child;
      return;
    }
    Node* parent = stack_.back();
    parent->children.push_back(child);
    parent->expanded_size = saturating_add(parent->expanded_size, child->expanded_size);
    parent->expanded_bytes = saturating_add(parent->expanded_bytes, child->expanded_bytes);
    if (!is_alias) return;
    // Only aliases can make the tree larger than the text: bound what they
    // add, in nodes (a bomb of nested anchors) and in bytes (a megabyte
    // scalar named a thousand times, which every reader copies).
    alias_expansion_ += child->expanded_size;
    alias_bytes_ += child->expanded_bytes;
    if (child->expanded_bytes > limits_.max_alias_bytes || alias_bytes_ > limits_.max_alias_bytes) {
      fail_at(parent->line, parent->column,
              phrase_of("aliases expand to more than {} MiB of text; paperflow refuses to expand them",
                        std::to_string(limits_.max_alias_bytes >> 20)));
    }
    if (child->expanded_size > limits_.max_alias_expansion || alias_expansion_ > limits_.max_alias_expansion) {
      fail_at(parent->line, parent->column,
              phrase_of("aliases expand to more than {} nodes (nested anchors?); "
                        "paperflow refuses to expand them",
                        std::to_string(limits_.max_alias_expansion)));
    }
  }
  void fail(const YAML::Mark& mark, Phrase message) {
    fail_at(mark.line + 1, mark.column + 1, std::move(message));
  }
  void fail_at(int line, int column, Phrase message) {
    if (exceeded_) return;
    exceeded_ = true;
    limit_message_ = std::move(message);
    limit_line_ = line;
    limit_column_ = column;
  }

  Document& document_;
  std::string_view text_;
  const LineTable& lines_;
  std::size_t column_line_ = std::string_view::npos, column_byte_ = 0;  // char_column's place
  int column_char_ = 1;
  const Limits& limits_;
  std::vector<Node*> stack_;  // the open collections, outermost first
  std::vector<bool> flow_;     // parallel to stack_: written in flow style
  std::unordered_map<YAML::anchor_t, const Node*> anchors_;
  std::size_t alias_expansion_ = 0;
  std::size_t alias_bytes_ = 0;
  bool exceeded_ = false;
  Phrase limit_message_;
  int limit_line_ = 0, limit_column_ = 0;
  const Node* unclosed_quote_ = nullptr;
  char unclosed_quote_char_ = '"';
};

// Lets yaml-cpp read the text without copying it into a std::string first.
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());
    setg(begin, begin, begin + text.size());
  }
};

}  // namespace

int byte_to_char_column(std::string_view line_text, std::size_t byte_offset) {
  int column = 1;
  for (std::size_t i = 0; i < byte_offset && i < line_text.size(); ++i)
    if ((static_cast<unsigned char>(line_text[i]) & 0xC0) != 0x80) ++column;
  if (byte_offset > line_text.size()) column += static_cast<int>(byte_offset - line_text.size());
  return column;
}

namespace {

using Report = std::function<void(const char* rule, int line, int column, Phrase message)>;

// Whether the bytes can be YAML text at all: within the size limit, UTF-8,
// no NUL. Reports the first reason they cannot.
bool check_bytes(std::string_view text, const Limits& limits, const Report& report) {
  if (text.size() > limits.max_file_bytes) {
    report("limits", 0, 0,
           phrase_of("the file has {} bytes; paperflow reads process files of at most {} MiB",
                     std::to_string(text.size()), std::to_string(limits.max_file_bytes >> 20)));
    return false;
  }
  bool is_nul = false;
  std::size_t bad = find_invalid_utf8(text, is_nul);
  if (bad == std::string_view::npos) return true;
  std::size_t line_start = text.rfind('\n', bad == 0 ? 0 : bad - 1);
  line_start = (line_start == std::string_view::npos || bad == 0) ? 0 : line_start + 1;
  int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
  int column = byte_to_char_column(text.substr(line_start), bad - line_start);
  if (is_nul)
    report("yaml-syntax", line, column, phrase_of("the file contains a NUL byte: it is binary, not a YAML process file"));
  else
    report("yaml-syntax", line, column,
           phrase_of("the file is not UTF-8 text (byte {}); save it as UTF-8",
                     fmt::format("0x{:02X}", static_cast<unsigned char>(text[bad]))));
  return false;
}

// yaml-cpp's syntax error as the diagnostic that names the cause: a tab in
// the indentation, a bracket left open lines before, or yaml-cpp's own
// message at its place.
void report_syntax_error(const YAML::Exception& e, std::string_view text, const LineTable& lines,
                         const TreeBuilder& builder, const Report& report) {
  // A tab in the indentation of the line where the parse fails is the
  // cause, whatever yaml-cpp calls it ("illegal map value" when it
  // indents the first key of a mapping).
  if (!e.mark.is_null()) {
    std::string_view failing = lines.line(static_cast<std::size_t>(e.mark.line));
    std::size_t indent = failing.find_first_not_of(" \t");
    std::size_t tab = failing.substr(0, indent).find('\t');
    if (tab != std::string_view::npos) {
      report("yaml-syntax", e.mark.line + 1, byte_to_char_column(failing, tab),
             phrase_of("YAML syntax: a tab indents this line; YAML indents with spaces only"));
      return;
    }
  }
  // yaml-cpp notices an unclosed bracket at the token after it, often
  // lines later and under another name ("illegal block entry"): point at
  // the bracket still open when the error comes on a later line.
  const bool map_flow = e.msg == YAML::ErrorMsg::END_OF_MAP_FLOW;
  const bool flow_end = map_flow || e.msg == YAML::ErrorMsg::END_OF_SEQ_FLOW;
  const Node* open = flow_end ? builder.innermost_open_flow(map_flow ? Node::Kind::map : Node::Kind::sequence)
                              : builder.innermost_open_flow();
  if (open && (flow_end || e.mark.is_null() || e.mark.line + 1 > open->line)) {
    report("yaml-syntax", open->line, open->column,
           open->kind == Node::Kind::map ? phrase_of("YAML syntax: this {{ is never closed; end the mapping with }}")
                                         : phrase_of("YAML syntax: this [ is never closed; end the list with ]"));
    return;
  }
  if (!open && !e.mark.is_null() && e.mark.pos >= 0) {
    // The scan guesses where; yaml-cpp, reading the text up to the line
    // where it failed, confirms that a bracket is open at all, so that a
    // bracket in a block scalar or a plain text never hides the real error.
    const std::size_t failing_line = text.rfind('\n', static_cast<std::size_t>(e.mark.pos)) + 1;  // npos + 1 is 0
    const std::size_t bracket = open_flow_bracket(text, failing_line);
    if (bracket != std::string_view::npos && flow_left_open(text.substr(0, failing_line))) {
      const std::size_t line_start = text.rfind('\n', bracket) + 1;
      const int bracket_line =
          1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bracket), '\n'));
      report("yaml-syntax", bracket_line, byte_to_char_column(text.substr(line_start), bracket - line_start),
             text[bracket] == '{' ? phrase_of("YAML syntax: this {{ is never closed; end the mapping with }}")
                                  : phrase_of("YAML syntax: this [ is never closed; end the list with ]"));
      return;
    }
  }
  int line = e.mark.is_null() ? 0 : e.mark.line + 1;
  int column = e.mark.is_null() ? 0 : byte_to_char_column(lines.line(static_cast<std::size_t>(e.mark.line)),
                                                         static_cast<std::size_t>(e.mark.column));
  report("yaml-syntax", line, column, phrase_of("YAML syntax: {}", e.msg));
}

// Nesting past the limit: a safety limit, not a syntax error (the YAML may
// well be valid), at the value where the deep nesting starts.
void report_deep_nesting(const YAML::DeepRecursion& e, const LineTable& lines, const TreeBuilder& builder,
                         const Report& report) {
  const Node* start = builder.start_of_nesting();
  int line = start ? start->line : e.mark.line + 1;
  int column = start ? start->column
                     : byte_to_char_column(lines.line(static_cast<std::size_t>(e.mark.line)),
                                           static_cast<std::size_t>(e.mark.column));
  report("limits", line, column,
         phrase_of("values nested {} levels deep or more; paperflow reads at most {} levels "
                   "(a process file needs about 6)",
                   std::to_string(e.depth()), std::to_string(e.depth() - 1)));
}

}  // namespace

Document parse(std::string_view text, const std::shared_ptr<const std::string>& file,
               Diagnostics& diagnostics, const Limits& limits) {
  Document document;
  const Report report = [&](const char* rule, int line, int column, Phrase message) {
    diagnostics.push_back({rule, Severity::error, {file, line, column}, std::move(message)});
  };
  if (!check_bytes(text, limits, report)) return document;

  LineTable lines(text);
  ViewBuffer buffer(text);
  std::istream stream(&buffer);
  TreeBuilder builder(document, text, lines, limits);
  // An unclosed quote swallows the rest of the file: whatever yaml-cpp says
  // after it (or nothing at all) would only confuse.
  auto report_unclosed_quote = [&] {
    const Node* quote = builder.unclosed_quote();
    if (!quote) return false;
    report("yaml-syntax", quote->line, quote->column,
           phrase_of("YAML syntax: the quote {} opened here is never closed, so the text runs to the end of "
                     "the file; close it with {}",
                     std::string(1, builder.unclosed_quote_char()), std::string(1, builder.unclosed_quote_char())));
    return true;
  };
  try {
    YAML::Parser parser(stream);
    bool found = parser.HandleNextDocument(builder);
    if (report_unclosed_quote()) {
      document.root = nullptr;
    } else if (builder.exceeded()) {
      report("limits", builder.limit_line(), builder.limit_column(), builder.limit_message());
      document.root = nullptr;
    } else if (!found || !document.root) {
      report("yaml-syntax", 0, 0, phrase_of("the file is empty: a process file starts with `paperflow: 1`"));
      document.root = nullptr;
    } else {
      // A second document is an error; its events go to a throwaway tree.
      Document rest;
      TreeBuilder rest_builder(rest, text, lines, limits);
      if (parser.HandleNextDocument(rest_builder)) {
        int line = rest.root ? rest.root->line : 0;
        int column = rest.root ? rest.root->column : 0;
        report("yaml-syntax", line, column,
               phrase_of("a second YAML document: a process file holds exactly one (remove the `---` and what follows)"));
      }
    }
  } catch (const YAML::DeepRecursion& e) {
    if (!report_unclosed_quote()) report_deep_nesting(e, lines, builder, report);
    document.root = nullptr;
  } catch (const YAML::Exception& e) {
    if (!report_unclosed_quote()) report_syntax_error(e, text, lines, builder, report);
    document.root = nullptr;
  }
  return document;
}

}  // namespace paperflow::yaml
