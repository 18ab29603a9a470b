#include "yaml_tree.h"

#include <yaml.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include "utf8.h"

namespace paperflow::yaml {

namespace {

std::uint32_t saturating_add(std::uint32_t a, std::uint32_t b) { return a > UINT32_MAX - b ? UINT32_MAX : a + b; }

// A place in the text as the reports give it: 1-based, lines ended by
// `\n` only, columns in characters.
struct Place {
  int line = 0, column = 0;
};

}  // namespace

// The lines of a text, by their start as a byte offset and as a count of
// characters. libyaml's marks count their lines differently: a lone CR,
// U+0085, U+2028 and U+2029 end one for it, even in a comment. Every place
// is therefore taken from a mark's index, its count of characters from the
// start, so that a report shows the line it names.
class LineTable {
 public:
  explicit LineTable(std::string_view text) : text_(text) {
    byte_starts_.push_back(0);
    char_starts_.push_back(0);
    std::size_t characters = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++characters;
      if (text[i] == '\n') {
        byte_starts_.push_back(i + 1);
        char_starts_.push_back(characters);
      }
    }
  }
  std::string_view line(std::size_t index) const {
    if (index >= byte_starts_.size()) return {};
    std::size_t begin = byte_starts_[index];
    std::size_t end = index + 1 < byte_starts_.size() ? byte_starts_[index + 1] : text_.size();
    return text_.substr(begin, end - begin);
  }
  // The 0-based line that holds byte `offset`.
  std::size_t line_of(std::size_t offset) const {
    return static_cast<std::size_t>(std::upper_bound(byte_starts_.begin(), byte_starts_.end(), offset) -
                                    byte_starts_.begin()) -
           1;
  }
  std::size_t start(std::size_t index) const { return byte_starts_[std::min(index, byte_starts_.size() - 1)]; }

  // The 0-based line of a mark, and its 0-based column in characters.
  std::pair<std::size_t, std::size_t> line_and_column(const yaml_mark_t& mark) const {
    const std::size_t line = static_cast<std::size_t>(std::upper_bound(char_starts_.begin(), char_starts_.end(),
                                                                       mark.index) -
                                                      char_starts_.begin()) -
                             1;
    return {line, mark.index - char_starts_[line]};
  }
  Place place(const yaml_mark_t& mark) const {
    const auto [line, column] = line_and_column(mark);
    return {static_cast<int>(std::min<std::size_t>(line, INT32_MAX - 1)) + 1,
            static_cast<int>(std::min<std::size_t>(column, INT32_MAX - 1)) + 1};
  }
  // The character at a mark, as its UTF-8 bytes, or nothing past the line's end.
  std::string character_at(const yaml_mark_t& mark) const {
    const auto [index, wanted] = line_and_column(mark);
    const std::string_view text = line(index);
    std::size_t column = 0;
    for (std::size_t byte = 0; byte < text.size();) {
      const std::size_t length = std::max<std::size_t>(utf8::sequence_length(text, byte), 1);
      if (column++ == wanted) return std::string(text.substr(byte, length));
      byte += length;
    }
    return {};
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> byte_starts_;
  std::vector<std::size_t> char_starts_;
};

namespace {

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

// A problem the tree builder found in the events: the place and the text,
// and the rule (a syntax error, or a safety limit).
struct BuildError {
  const char* rule = nullptr;
  int line = 0, column = 0;
  Phrase message;
};

class TreeBuilder {
 public:
  TreeBuilder(Document& document, const Limits& limits, const LineTable& lines)
      : document_(document), limits_(limits), lines_(lines) {}

  /// The first problem; after it the builder takes no more events.
  const std::optional<BuildError>& error() const { return error_; }

  /// The innermost collection still open, or null.
  const Node* open_collection_node() const { return stack_.empty() ? nullptr : stack_.back(); }

  /// Takes one event of libyaml (not stream or document events).
  void take(const yaml_event_t& event) {
    if (error_) return;
    switch (event.type) {
      case YAML_ALIAS_EVENT: alias(event); break;
      case YAML_SCALAR_EVENT: scalar(event); break;
      case YAML_SEQUENCE_START_EVENT:
        open_collection(Node::Kind::sequence, event.start_mark, event.data.sequence_start.anchor);
        break;
      case YAML_MAPPING_START_EVENT:
        open_collection(Node::Kind::map, event.start_mark, event.data.mapping_start.anchor);
        break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: close_collection(); break;
      default: break;
    }
  }

 private:
  static std::string_view text_of(const yaml_char_t* text) {
    return text ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view();
  }

  Node& make(Node::Kind kind, const yaml_mark_t& mark, const yaml_char_t* anchor) {
    Node& node = document_.nodes.emplace_back();
    node.kind = kind;
    const Place place = lines_.place(mark);
    node.line = place.line;
    node.column = place.column;
    if (anchor) anchors_[std::string(text_of(anchor))] = &node;
    return node;
  }

  void scalar(const yaml_event_t& event) {
    const auto& data = event.data.scalar;
    const std::string_view value(reinterpret_cast<const char*>(data.value), data.length);
    // Only a scalar written without quotes or tag is a number, a boolean
    // or null, as YAML's core schema reads them.
    const bool plain = data.style == YAML_PLAIN_SCALAR_STYLE && !data.tag;
    const bool null = plain && (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL");
    Node& node = make(null ? Node::Kind::null : Node::Kind::scalar, event.start_mark, data.anchor);
    node.plain = plain;
    if (!null) {
      const std::span<char> copy = document_.text.allocate(value.size());
      std::copy(value.begin(), value.end(), copy.begin());
      node.text = copy.data();
      node.size = static_cast<std::uint32_t>(copy.size());
      node.expanded_bytes = static_cast<std::uint32_t>(std::min<std::size_t>(value.size(), UINT32_MAX));
    } else if (value.empty() && !stack_.empty() && stack_.back()->kind == Node::Kind::map &&
               open_children_[stack_.size() - 1].size() % 2 == 1) {
      // A value left empty (`name:`) has no place of its own: it is shown
      // at its key, which is what a message about it names.
      const Node* key = open_children_[stack_.size() - 1].back();
      node.line = key->line;
      node.column = key->column;
    }
    attach(&node);
  }

  void alias(const yaml_event_t& event) {
    const std::string_view name = text_of(event.data.alias.anchor);
    auto it = anchors_.find(std::string(name));
    if (it == anchors_.end()) {
      fail("yaml-syntax", event.start_mark,
           phrase_of("YAML syntax: the alias *{} names no anchor &{} before it", name, name));
      return;
    }
    if (!it->second->complete) {
      // An alias to a node still open would make the tree infinite.
      fail("limits", event.start_mark, phrase_of("an alias refers to a node that contains it"));
      return;
    }
    attach(it->second, /*is_alias=*/true);
  }

  void open_collection(Node::Kind kind, const yaml_mark_t& mark, const yaml_char_t* anchor) {
    if (stack_.size() >= limits_.max_depth) {
      // Nesting past the limit: a safety limit, not a syntax error (the
      // YAML may well be valid), at the value where the deep nesting starts.
      const Node* start = start_of_nesting();
      error_ = BuildError{"limits", start->line, start->column,
                          phrase_of("values nested {} levels deep or more; paperflow reads at most {} levels "
                                    "(a process file needs about 6)",
                                    std::to_string(limits_.max_depth + 1), std::to_string(limits_.max_depth))};
      return;
    }
    Node& node = make(kind, mark, anchor);
    node.complete = false;
    stack_.push_back(&node);
    if (open_children_.size() < stack_.size()) open_children_.emplace_back();
    open_children_[stack_.size() - 1].clear();
  }

  void close_collection() {
    if (stack_.empty()) return;
    Node* node = stack_.back();
    // The children move from the list that grew as they came into a run
    // of exactly their number, held by the document.
    const std::vector<const Node*>& children = open_children_[stack_.size() - 1];
    const std::span<const Node*> run = document_.children.allocate(children.size());
    std::copy(children.begin(), children.end(), run.begin());
    node->items = run.data();
    node->size = static_cast<std::uint32_t>(run.size());
    stack_.pop_back();
    node->complete = true;
    attach(node);
  }

  // The outermost collection of the chain of nested collections, each the
  // first item of the one before, that ends in the innermost open one:
  // where a run of `[[[[...` or of keys each holding the next begins.
  const Node* start_of_nesting() const {
    std::size_t i = stack_.size() - 1;
    while (i > 0) {
      const Node* parent = stack_[i - 1];
      // Children are attached when they close: an open child is the first
      // item of a list without children, or the value of a mapping's first key.
      const std::size_t before = parent->kind == Node::Kind::map ? 1 : 0;
      if (open_children_[i - 1].size() != before) break;
      --i;
    }
    return stack_[i];
  }

  // Adds a finished node to the open collection, or makes it the root.
  void attach(const Node* child, bool is_alias = false) {
    if (stack_.empty()) {
      if (!document_.root) document_.root = child;
      return;
    }
    Node* parent = stack_.back();
    open_children_[stack_.size() - 1].push_back(child);
    parent->expanded_size = saturating_add(parent->expanded_size, child->expanded_size);
    parent->expanded_bytes = saturating_add(parent->expanded_bytes, child->expanded_bytes);
    if (!is_alias) return;
    // Only aliases can make the tree larger than the text: bound what they
    // add, in nodes (a bomb of nested anchors) and in bytes (a megabyte
    // scalar named a thousand times, which every reader copies).
    alias_expansion_ += child->expanded_size;
    alias_bytes_ += child->expanded_bytes;
    if (child->expanded_bytes > limits_.max_alias_bytes || alias_bytes_ > limits_.max_alias_bytes) {
      error_ = BuildError{"limits", parent->line, parent->column,
                          phrase_of("aliases expand to more than {} MiB of text; paperflow refuses to expand them",
                                    std::to_string(limits_.max_alias_bytes >> 20))};
    } else if (child->expanded_size > limits_.max_alias_expansion ||
               alias_expansion_ > limits_.max_alias_expansion) {
      error_ = BuildError{"limits", parent->line, parent->column,
                          phrase_of("aliases expand to more than {} nodes (nested anchors?); "
                                    "paperflow refuses to expand them",
                                    std::to_string(limits_.max_alias_expansion))};
    }
  }

  void fail(const char* rule, const yaml_mark_t& mark, Phrase message) {
    const Place place = lines_.place(mark);
    error_ = BuildError{rule, place.line, place.column, std::move(message)};
  }

  Document& document_;
  const Limits& limits_;
  const LineTable& lines_;
  std::vector<Node*> stack_;  // the open collections, outermost first
  // The children of each open collection so far, by depth; the lists are
  // kept for the next collection at the same depth, so that they rarely
  // allocate.
  std::vector<std::vector<const Node*>> open_children_;
  std::unordered_map<std::string, const Node*> anchors_;
  std::size_t alias_expansion_ = 0;
  std::size_t alias_bytes_ = 0;
  std::optional<BuildError> error_;
};

// Finds, in the events of a document, the items of one list of the
// top-level mapping (`steps:`), so that a document can be read without
// them and the items one at a time afterwards (Document::streamed_list).
class ListTracker {
 public:
  explicit ListTracker(std::string_view key) : key_(key) {}

  enum class Place {
    outside,     // not in the list
    list_start,  // the list's own start
    list_end,    // the list's own end
    item_start,  // the first event of an item
    in_item,     // a later event of an item, its last one included
  };

  /// Where `event` is; call once for each event, in order.
  Place place(const yaml_event_t& event) {
    const bool opens = event.type == YAML_SEQUENCE_START_EVENT || event.type == YAML_MAPPING_START_EVENT;
    const bool closes = event.type == YAML_SEQUENCE_END_EVENT || event.type == YAML_MAPPING_END_EVENT;
    const bool node = opens || event.type == YAML_SCALAR_EVENT || event.type == YAML_ALIAS_EVENT;
    Place where = Place::outside;
    if (in_list_) {
      if (closes && depth_ == list_depth) {
        in_list_ = false;
        where = Place::list_end;
      } else {
        where = node && depth_ == list_depth ? Place::item_start : Place::in_item;
      }
    } else if (depth_ == 0 && event.type == YAML_MAPPING_START_EVENT) {
      root_is_map_ = true;
    } else if (depth_ == 1 && root_is_map_ && node) {
      // Right inside the top-level mapping, keys and values alternate.
      const bool is_key = top_nodes_++ % 2 == 0;
      if (is_key) {
        value_is_list_ = event.type == YAML_SCALAR_EVENT &&
                         std::string_view(reinterpret_cast<const char*>(event.data.scalar.value),
                                          event.data.scalar.length) == key_;
      } else if (value_is_list_) {
        value_is_list_ = false;
        if (found_) {
          repeated_ = true;  // a second `steps:`: the loader reports it, on the whole tree
        } else if (event.type == YAML_SEQUENCE_START_EVENT) {
          found_ = true;
          in_list_ = true;
          where = Place::list_start;
        }
      }
    }
    if (opens) ++depth_;
    if (closes) --depth_;
    return where;
  }

  /// Whether the key came twice in the top-level mapping.
  bool repeated() const { return repeated_; }

  /// The depth of the list's items: the top-level mapping is 1, the list 2.
  static constexpr int list_depth = 2;

 private:
  std::string_view key_;
  int depth_ = 0;  // collections open before the event
  bool root_is_map_ = false;
  std::size_t top_nodes_ = 0;
  bool value_is_list_ = false;  // the key just read is the list's
  bool found_ = false;
  bool repeated_ = false;
  bool in_list_ = false;
};

// libyaml's parser over a text it does not copy, freed on every path.
class EventParser {
 public:
  explicit EventParser(std::string_view text) {
    ready_ = yaml_parser_initialize(&parser_) != 0;
    if (!ready_) return;
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    yaml_parser_set_encoding(&parser_, YAML_UTF8_ENCODING);
  }
  ~EventParser() {
    if (ready_) yaml_parser_delete(&parser_);
  }
  EventParser(const EventParser&) = delete;
  EventParser& operator=(const EventParser&) = delete;

  bool ready() const { return ready_; }
  /// The next event into `event` (the caller deletes it), or false on an
  /// error, which state() then describes.
  bool next(yaml_event_t& event) { return yaml_parser_parse(&parser_, &event) != 0; }
  const yaml_parser_t& state() const { return parser_; }

 private:
  yaml_parser_t parser_{};
  bool ready_ = false;
};

// One event, deleted when it goes.
struct Event {
  yaml_event_t event{};
  bool held = false;
  Event() = default;
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  ~Event() { release(); }
  void release() {
    if (held) yaml_event_delete(&event);
    held = false;
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

bool is(const char* text, const char* expected) { return text && std::strcmp(text, expected) == 0; }

// What a known problem's message may name: the character libyaml stopped
// at, and where the collection it was reading starts.
struct ProblemPlace {
  std::string character;
  std::string context_line, context_column;
};

// libyaml's commonest problems, said as the mistake a person made. Each
// row: libyaml's problem, the context it comes in (null: any), whether the
// place to show is the context's (where a key starts) rather than the
// problem's, and what to say.
struct KnownProblem {
  const char* problem;
  const char* context;
  bool at_context;
  Phrase (*say)(const ProblemPlace&);
};
const KnownProblem known_problems[] = {
    {"mapping values are not allowed in this context", nullptr, false,
     [](const ProblemPlace&) {
       return phrase_of("YAML syntax: a colon and a space inside a value that is not quoted; put the value in quotes");
     }},
    {"did not find expected key", "while parsing a block mapping", false,
     [](const ProblemPlace&) {
       return phrase_of("YAML syntax: a key was expected here; indent it exactly as the keys beside it");
     }},
    {"did not find expected '-' indicator", "while parsing a block collection", false,
     [](const ProblemPlace&) {
       return phrase_of("YAML syntax: a list item (`- `) was expected here; indent it exactly as the items beside it");
     }},
    {"could not find expected ':'", "while scanning a simple key", true,
     [](const ProblemPlace&) {
       return phrase_of("YAML syntax: a key without `: ` on its line (a key is one line of at most 1,024 characters)");
     }},
    {"found character that cannot start any token", nullptr, false,
     [](const ProblemPlace& place) {
       return phrase_of("YAML syntax: a value cannot start with {}; put the value in quotes", place.character);
     }},
    {"did not find expected node content", nullptr, false,
     [](const ProblemPlace&) {
       return phrase_of("YAML syntax: a value was expected here; a value that starts with a sign YAML reserves "
                        "(such as : , [ ] {{ }} or #) goes in quotes");
     }},
    {"did not find expected ',' or ']'", "while parsing a flow sequence", false,
     [](const ProblemPlace& place) {
       return phrase_of("YAML syntax: a , or ] was expected here, in the list [ at line {}, column {}",
                        place.context_line, place.context_column);
     }},
    {"did not find expected ',' or '}'", "while parsing a flow mapping", false,
     [](const ProblemPlace& place) {
       return phrase_of("YAML syntax: a , or }} was expected here, in the mapping {{ at line {}, column {}",
                        place.context_line, place.context_column);
     }},
};

// libyaml's error as the diagnostic that names the cause: a tab in the
// indentation, a quote or a bracket left open, a known mistake, or
// libyaml's own words at its place.
void report_syntax_error(const yaml_parser_t& parser, std::string_view text, const LineTable& lines,
                         const Report& report) {
  if (parser.error == YAML_MEMORY_ERROR) {
    report("limits", 0, 0, phrase_of("paperflow ran out of memory reading the file"));
    return;
  }
  if (parser.error == YAML_READER_ERROR) {
    // The only reader error left after check_bytes: a character YAML does
    // not allow in its text, at a byte offset.
    const std::size_t offset = std::min(parser.problem_offset, text.size());
    const std::size_t line = lines.line_of(offset);
    const int column = byte_to_char_column(lines.line(line), offset - lines.start(line));
    if (is(parser.problem, "control characters are not allowed"))
      report("yaml-syntax", static_cast<int>(line) + 1, column,
             phrase_of("YAML syntax: the control character {} is not allowed in a YAML file; write it as an "
                       "escape inside double quotes",
                       fmt::format("U+{:04X}", static_cast<unsigned>(parser.problem_value))));
    else
      report("yaml-syntax", static_cast<int>(line) + 1, column, phrase_of("YAML syntax: {}", parser.problem));
    return;
  }
  const Place at = lines.place(parser.problem_mark);
  const Place context_at = lines.place(parser.context_mark);
  // An unclosed quote swallows the rest of the file: say where it opens.
  if (is(parser.context, "while scanning a quoted scalar") && is(parser.problem, "found unexpected end of stream")) {
    const std::string quote = lines.character_at(parser.context_mark);
    report("yaml-syntax", context_at.line, context_at.column,
           phrase_of("YAML syntax: the quote {} opened here is never closed, so the text runs to the end of "
                     "the file; close it with {}",
                     quote, quote));
    return;
  }
  // A line break that only YAML sees (U+2028 pasted from a word
  // processor, say) just before the error, on its line or on the line of
  // the key or value it was reading, ended a comment or a key early: it is
  // the cause, and the line shown would not tell. (A lone carriage return
  // is one too, but a file of them is old Mac text, not a mistake: its
  // errors are at their places on one long line.)
  for (const Place& before : {context_at, at}) {
    if (before.line < 1 || (&before == &context_at && !parser.context)) continue;
    const std::string_view failing = lines.line(static_cast<std::size_t>(before.line - 1));
    for (std::size_t i = 0, column = 1; i < failing.size() && static_cast<int>(column) < before.column; ++column) {
      std::size_t length = 0;
      const char32_t special = utf8::yaml_special_at(failing, i, length);
      if (special == 0x85 || special == 0x2028 || special == 0x2029) {
        report("yaml-syntax", before.line, static_cast<int>(column),
               phrase_of("YAML syntax: {} ends a line for YAML, even in a comment; remove it, or write it as an "
                         "escape inside double quotes",
                         fmt::format("U+{:04X}", static_cast<unsigned>(special))));
        return;
      }
      i += std::max<std::size_t>(length ? length : utf8::sequence_length(failing, i), 1);
    }
  }
  // A tab in the indentation of the line where the parse fails is the
  // cause, whatever libyaml calls it.
  {
    const std::string_view failing = lines.line(static_cast<std::size_t>(at.line - 1));
    const std::size_t indent = failing.find_first_not_of(" \t");
    const std::size_t tab = failing.substr(0, indent).find('\t');
    if (tab != std::string_view::npos) {
      report("yaml-syntax", at.line, byte_to_char_column(failing, tab),
             phrase_of("YAML syntax: a tab indents this line; YAML indents with spaces only"));
      return;
    }
  }
  // A bracket still open when a later line brings what cannot be in it
  // (the next `- ` item, a key of the block around it, the end of the
  // file): the bracket is the mistake, not what follows.
  const bool in_flow_sequence = is(parser.context, "while parsing a flow sequence");
  if ((in_flow_sequence || is(parser.context, "while parsing a flow mapping")) && at.line > context_at.line) {
    report("yaml-syntax", context_at.line, context_at.column,
           in_flow_sequence ? phrase_of("YAML syntax: this [ is never closed; end the list with ]")
                            : phrase_of("YAML syntax: this {{ is never closed; end the mapping with }}"));
    return;
  }
  for (const KnownProblem& known : known_problems) {
    if (is(parser.problem, known.problem) && (!known.context || is(parser.context, known.context))) {
      const Place place = known.at_context ? context_at : at;
      const ProblemPlace named{lines.character_at(parser.problem_mark), std::to_string(context_at.line),
                               std::to_string(context_at.column)};
      report("yaml-syntax", place.line, place.column, known.say(named));
      return;
    }
  }
  if (parser.context)
    report("yaml-syntax", at.line, at.column,
           phrase_of("YAML syntax: {} ({} at line {}, column {})", parser.problem ? parser.problem : "",
                     parser.context, std::to_string(context_at.line), std::to_string(context_at.column)));
  else
    report("yaml-syntax", at.line, at.column, phrase_of("YAML syntax: {}", parser.problem ? parser.problem : ""));
}

}  // namespace

namespace {

// What read_events learnt of the list it left out.
struct LeftOut {
  const Node* list = nullptr;
  std::size_t items = 0;
  // The document must be read whole after all: an anchor or an alias in an
  // item or on the list (a node outside could name one), the list's key
  // twice, or nesting in an item as deep as the limit (its error names
  // where the nesting begins).
  bool needs_whole = false;
};

bool has_anchor_or_alias(const yaml_event_t& event) {
  switch (event.type) {
    case YAML_ALIAS_EVENT: return true;
    case YAML_SCALAR_EVENT: return event.data.scalar.anchor != nullptr;
    case YAML_SEQUENCE_START_EVENT: return event.data.sequence_start.anchor != nullptr;
    case YAML_MAPPING_START_EVENT: return event.data.mapping_start.anchor != nullptr;
    default: return false;
  }
}

// Reads the events of `text` into `document`; with `tracker`, the items of
// its list are left out (`left_out`), and the reading stops early when the
// document must be read whole. Returns whether no problem was reported.
bool read_events(std::string_view text, const LineTable& lines, Document& document, const Limits& limits,
                 const Report& report, ListTracker* tracker, LeftOut* left_out) {
  EventParser parser(text);
  if (!parser.ready()) {
    report("limits", 0, 0, phrase_of("paperflow ran out of memory reading the file"));
    return false;
  }
  TreeBuilder builder(document, limits, lines);
  int documents = 0;
  std::size_t item_depth = 0;  // collections open inside the item left out
  for (Event event;; event.release()) {
    if (!parser.next(event.event)) {
      report_syntax_error(parser.state(), text, lines, report);
      document.root = nullptr;
      return false;
    }
    event.held = true;
    const yaml_event_t& e = event.event;
    if (e.type == YAML_STREAM_END_EVENT) break;
    if (e.type == YAML_DOCUMENT_START_EVENT && ++documents == 2) {
      // At the second document's first value, or at its `---` when it has
      // none (or cannot be read).
      yaml_mark_t place = e.start_mark;
      event.release();
      if (parser.next(event.event)) {
        event.held = true;
        const bool empty = e.type == YAML_DOCUMENT_END_EVENT ||
                           (e.type == YAML_SCALAR_EVENT && e.data.scalar.length == 0 &&
                            e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE);
        if (!empty) place = e.start_mark;
      }
      const Place where = lines.place(place);
      report("yaml-syntax", where.line, where.column,
             phrase_of("a second YAML document: a process file holds exactly one (remove the `---` and what follows)"));
      document.root = nullptr;
      return false;
    }
    if (tracker) {
      const ListTracker::Place where = tracker->place(e);
      if (where == ListTracker::Place::item_start || where == ListTracker::Place::in_item) {
        left_out->items += where == ListTracker::Place::item_start;
        if (e.type == YAML_SEQUENCE_START_EVENT || e.type == YAML_MAPPING_START_EVENT) ++item_depth;
        if (e.type == YAML_SEQUENCE_END_EVENT || e.type == YAML_MAPPING_END_EVENT) --item_depth;
        if (has_anchor_or_alias(e) || ListTracker::list_depth + item_depth >= limits.max_depth)
          left_out->needs_whole = true;
      } else {
        builder.take(e);
        if (where == ListTracker::Place::list_start) {
          left_out->list = builder.open_collection_node();
          if (has_anchor_or_alias(e)) left_out->needs_whole = true;
        }
      }
      if (tracker->repeated()) left_out->needs_whole = true;
      if (left_out->needs_whole) return true;
    } else {
      builder.take(e);
    }
    if (const auto& error = builder.error()) {
      report(error->rule, error->line, error->column, error->message);
      document.root = nullptr;
      return false;
    }
  }
  if (!document.root) {
    report("yaml-syntax", 0, 0, phrase_of("the file is empty: a process file starts with `paperflow: 1`"));
    return false;
  }
  return true;
}

}  // namespace

Document parse(std::string_view text, const std::shared_ptr<const std::string>& file,
               Diagnostics& diagnostics, const Limits& limits, std::string_view streamed_list) {
  const Report report = [&](const char* rule, int line, int column, Phrase message) {
    diagnostics.push_back({rule, Severity::error, {file, line, column}, std::move(message)});
  };
  if (!check_bytes(text, limits, report)) return {};

  // libyaml streams: it holds the tokens of a simple key for at most 1,024
  // characters of one line, so memory does not grow with a long flow
  // collection (yaml-cpp, before it, held every token of one to its end).
  auto line_table = std::make_shared<const LineTable>(text);
  const LineTable& lines = *line_table;
  if (!streamed_list.empty()) {
    // First without the list's items; when that reads cleanly, they are
    // read one at a time later. Anything else, a problem included, is read
    // whole once more, so that every message is as the whole tree gives it.
    Document document;
    ListTracker tracker(streamed_list);
    LeftOut left_out;
    bool problem = false;
    const Report quiet = [&](const char*, int, int, Phrase) { problem = true; };
    if (read_events(text, lines, document, limits, quiet, &tracker, &left_out) && !problem && !left_out.needs_whole) {
      document.streamed_list = left_out.list;
      document.streamed_items = left_out.items;
      document.streamed_key = std::string(streamed_list);
      document.source = text;
      document.limits = limits;
      document.lines = std::move(line_table);
      return document;
    }
  }
  Document document;
  read_events(text, lines, document, limits, report, nullptr, nullptr);
  return document;
}

bool for_each_streamed_item(const Document& document, const std::function<void(const Node*)>& take) {
  if (!document.streamed_list) return true;
  EventParser parser(document.source);
  if (!parser.ready()) return false;
  ListTracker tracker(document.streamed_key);
  // Each item in a tree of its own, gone when `take` returns (its memory
  // kept for the next).
  Document item;
  std::optional<TreeBuilder> builder;
  for (Event event;; event.release()) {
    if (!parser.next(event.event)) return false;
    event.held = true;
    const yaml_event_t& e = event.event;
    if (e.type == YAML_STREAM_END_EVENT) return true;
    const ListTracker::Place where = tracker.place(e);
    if (where == ListTracker::Place::list_end) return true;
    if (where == ListTracker::Place::item_start) {
      builder.reset();
      item.clear();
      builder.emplace(item, document.limits, *document.lines);
    }
    if (where != ListTracker::Place::item_start && where != ListTracker::Place::in_item) continue;
    builder->take(e);
    if (builder->error()) return false;
    if (item.root) {
      take(item.root);
      builder.reset();
      item.clear();
    }
  }
}

}  // namespace paperflow::yaml
