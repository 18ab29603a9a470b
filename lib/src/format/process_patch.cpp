#include "paperflow/process_patch.h"

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "paperflow/loader.h"
#include "paperflow/numbers.h"
#include "paperflow/process_writer.h"
#include "yaml_tree.h"
#include "yaml_writing.h"

namespace paperflow {
namespace {

using yaml::Node;

bool same(const Distribution& a, const Distribution& b) {
  return a.kind == b.kind && a.a == b.a && a.b == b.b && a.c == b.c && a.working_days == b.working_days;
}

// A measured value in hours, in working days where the source wrote the
// duration in days, the days give back exactly these hours and they are
// about as short to write (`2.5d` for 20 hours, but `20h` on a day of 7.8
// hours rather than `2.5641025641025643d`).
Distribution in_source_units(Distribution measured, const Distribution& source, double hours_per_day) {
  const bool source_in_days = std::any_of(source.working_days.begin(), source.working_days.end(),
                                          [](double days) { return days != 0; });
  if (!source_in_days) return measured;
  double* parameters[] = {&measured.a, &measured.b, &measured.c};
  for (std::size_t k = 0; k < 3; ++k) {
    const double hours = *parameters[k];
    const double days = hours / hours_per_day;
    if (measured.working_days[k] == 0 && hours != 0 && days * hours_per_day == hours &&
        write_duration({0, days}).size() <= write_duration({hours, 0}).size() + 2)
      measured.working_days[k] = days;
  }
  return measured;
}

bool blank(char c) { return c == ' ' || c == '\t'; }
bool line_end(char c) { return c == '\n' || c == '\r'; }

// A change of the text: [begin, end) replaced by `text`; an insertion when
// begin == end. `order` keeps insertions at one place in the order made.
struct Edit {
  std::size_t begin = 0, end = 0;
  std::string text;
  std::size_t order = 0;
};

// The edits that put the new values into the source text, found from the
// YAML tree's marks. Each method returns false (with `failure` set) on a
// construct it does not patch safely; the caller then writes the file anew.
class TextPatcher {
 public:
  explicit TextPatcher(std::string_view text) : text_(text) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') line_starts_.push_back(i + 1);
    const std::size_t first_newline = text.find('\n');
    if (first_newline != std::string_view::npos && first_newline > 0 && text[first_newline - 1] == '\r') eol_ = "\r\n";
  }

  const std::string& failure() const { return failure_; }
  const std::string& eol() const { return eol_; }

  /// Sets `key` of `map` to `value`: replaces its value, or adds the key
  /// after the first key of `after` the map has, else before the first of
  /// `before` (not first in the map), else after its last key.
  bool set(const Node* map, std::string_view key, const std::string& value, std::initializer_list<std::string_view> after,
           std::initializer_list<std::string_view> before) {
    if (!map || map->kind != Node::Kind::map || map->children().empty()) return fail("a mapping to patch is empty");
    const std::size_t map_begin = offset(map);
    if (!plain_start(map_begin)) return fail("an anchor, alias or tag on a mapping to patch");
    const bool flow = text_[map_begin] == '{';
    if (const std::size_t index = key_index(map, key); index != npos)
      return replace(map->children()[index], map->children()[index + 1], flow, value);
    std::size_t previous = npos;  // index of the key the new one follows
    for (std::string_view candidate : after)
      if ((previous = key_index(map, candidate)) != npos) break;
    for (auto it = before.begin(); previous == npos && it != before.end(); ++it)
      if (const std::size_t index = key_index(map, *it); index != npos && index > 0) previous = index - 2;
    if (previous == npos) previous = map->children().size() - 2;
    return insert(map, map->children()[previous + 1], flow, std::string(key), value);
  }

  /// Adds `comment` (as `#` lines) at the top, after a byte order mark.
  void head_with(const std::string& comment) {
    if (comment.empty()) return;
    std::string lines = yaml_writing::comment_lines(comment) + "\n";
    if (eol_ != "\n") {
      std::string converted;
      for (char c : lines) converted += c == '\n' ? eol_ : std::string(1, c);
      lines = std::move(converted);
    }
    const std::size_t at = text_.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    add(at, at, std::move(lines));
  }

  /// The text with every edit made, or nothing when two overlap.
  std::optional<std::string> result() {
    std::stable_sort(edits_.begin(), edits_.end(),
                     [](const Edit& x, const Edit& y) { return x.begin != y.begin ? x.begin < y.begin : x.order < y.order; });
    std::string out;
    std::size_t at = 0;
    for (const Edit& edit : edits_) {
      if (edit.begin < at) {
        fail("two values to patch overlap");
        return std::nullopt;
      }
      out.append(text_.substr(at, edit.begin - at));
      out += edit.text;
      at = edit.end;
    }
    out.append(text_.substr(at));
    return out;
  }

  /// The value of `key` in `map`, or null.
  static const Node* get(const Node* map, std::string_view key) {
    if (!map || map->kind != Node::Kind::map) return nullptr;
    const std::size_t index = key_index(map, key);
    return index == npos ? nullptr : map->children()[index + 1];
  }

 private:
  static constexpr std::size_t npos = std::string_view::npos;

  static std::size_t key_index(const Node* map, std::string_view key) {
    for (std::size_t i = 0; i + 1 < map->children().size(); i += 2)
      if (map->children()[i]->kind == Node::Kind::scalar && map->children()[i]->value() == key) return i;
    return npos;
  }

  bool fail(std::string reason) {
    if (failure_.empty()) failure_ = std::move(reason);
    return false;
  }

  void add(std::size_t begin, std::size_t end, std::string text) {
    edits_.push_back({begin, end, std::move(text), edits_.size()});
  }

  // The byte offset of a node's mark: its line's start and as many
  // characters (UTF-8 code points) as its column counts.
  std::size_t offset(const Node* node) const {
    std::size_t at = line_starts_[std::clamp<std::size_t>(static_cast<std::size_t>(std::max(node->line, 1)) - 1, 0,
                                                          line_starts_.size() - 1)];
    for (int column = 1; column < node->column && at < text_.size(); ++column) {
      ++at;
      while (at < text_.size() && (static_cast<unsigned char>(text_[at]) & 0xC0) == 0x80) ++at;
    }
    return at;
  }

  // Whether a node written at `at` starts with its content, not with an
  // anchor, alias, tag or block scalar indicator: the text there is then
  // the node's own and no other node shares it.
  bool plain_start(std::size_t at) const {
    if (at >= text_.size()) return false;
    const char c = text_[at];
    return c != '&' && c != '*' && c != '!' && c != '|' && c != '>';
  }

  // Whether a token at `at` starts a value, so that a quote there opens a
  // quoted scalar: first on its line (after `- `) or after `[`, `{`, `,`, `:`.
  bool value_start(std::size_t at) const {
    std::size_t k = at;
    while (k > 0 && blank(text_[k - 1])) --k;
    if (k == 0 || text_[k - 1] == '\n') return true;
    const char d = text_[k - 1];
    return d == '[' || d == '{' || d == ',' || d == ':' || d == '-' || d == '?';
  }

  // The closing quote of the quoted scalar opening at `at`, plus one.
  std::size_t quote_end(std::size_t at) const {
    const char quote = text_[at];
    for (std::size_t i = at + 1; i < text_.size(); ++i) {
      if (quote == '"' && text_[i] == '\\') {
        ++i;
      } else if (text_[i] == quote) {
        if (quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
          ++i;
          continue;
        }
        return i + 1;
      }
    }
    return npos;
  }

  bool comment_start(std::size_t at) const { return text_[at] == '#' && (at == 0 || blank(text_[at - 1]) || line_end(text_[at - 1])); }

  // Whether the `:` at `at` ends a key: followed by a blank, a line's end,
  // or in flow context by what ends a value.
  bool mapping_colon(std::size_t at, bool in_flow) const {
    if (text_[at] != ':') return false;
    if (at + 1 >= text_.size()) return true;
    const char next = text_[at + 1];
    return blank(next) || line_end(next) || (in_flow && (next == ',' || next == ']' || next == '}'));
  }

  std::size_t end_of_line(std::size_t at) const {
    while (at < text_.size() && !line_end(text_[at])) ++at;
    return at;
  }

  // Where the text of `node`, written at `begin`, ends; npos for a
  // construct not handled. `in_flow`: inside a flow collection, where a
  // plain scalar ends at `,`, `]` or `}`.
  std::size_t end_of(const Node* node, std::size_t begin, bool in_flow) const {
    if (!plain_start(begin)) return npos;
    const char c = text_[begin];
    if (node->kind == Node::Kind::scalar) {
      if (c == '"' || c == '\'') return quote_end(begin);
      std::size_t end = begin;
      while (end < text_.size() && !line_end(text_[end]) && !comment_start(end) && !mapping_colon(end, in_flow) &&
             !(in_flow && (text_[end] == ',' || text_[end] == ']' || text_[end] == '}')))
        ++end;
      while (end > begin && blank(text_[end - 1])) --end;
      // A plain scalar that goes on on the next line reads as more than
      // its first line: not patched.
      return text_.substr(begin, end - begin) == node->value() ? end : npos;
    }
    if (node->kind == Node::Kind::null) return npos;
    if (c == '[' || c == '{') {
      int depth = 0;
      for (std::size_t i = begin; i < text_.size(); ++i) {
        const char d = text_[i];
        if ((d == '"' || d == '\'') && value_start(i)) {
          if ((i = quote_end(i)) == npos) return npos;
          --i;
        } else if (comment_start(i)) {
          i = end_of_line(i);
        } else if (d == '[' || d == '{') {
          ++depth;
        } else if ((d == ']' || d == '}') && --depth == 0) {
          return i + 1;
        }
      }
      return npos;
    }
    // A block collection ends where its last item or value does.
    if (node->children().empty()) return npos;
    const Node* last = node->children().back();
    return end_of(last, offset(last), false);
  }

  // The comments in [begin, end), each from `#` to the end of its line.
  std::vector<std::string_view> comments_in(std::size_t begin, std::size_t end) const {
    std::vector<std::string_view> found;
    for (std::size_t i = begin; i < end; ++i) {
      const char c = text_[i];
      if ((c == '"' || c == '\'') && value_start(i)) {
        const std::size_t close = quote_end(i);
        if (close == npos) break;
        i = close - 1;
      } else if (comment_start(i)) {
        const std::size_t stop = end_of_line(i);
        found.push_back(text_.substr(i, stop - i));
        i = stop;
      }
    }
    return found;
  }

  std::size_t line_start(std::size_t at) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), at);
    return *(it - 1);
  }

  static std::size_t characters(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  }

  bool replace(const Node* key, const Node* value, bool in_flow, std::string new_text) {
    std::size_t begin = offset(value);
    const std::size_t end = end_of(value, begin, in_flow);
    if (end == npos) return fail("a value to replace is written in a way the patch does not handle");
    const bool block = value->kind != Node::Kind::scalar && text_[begin] != '[' && text_[begin] != '{';
    if (block) {
      // A block list or mapping becomes a flow value on the key's line.
      const std::size_t key_begin = offset(key);
      std::size_t colon = end_of(key, key_begin, in_flow);
      if (colon == npos) return fail("a key to patch is written in a way the patch does not handle");
      while (colon < text_.size() && blank(text_[colon])) ++colon;
      if (colon >= text_.size() || text_[colon] != ':') return fail("a key to patch is not followed by `:`");
      begin = colon + 1;
      new_text = " " + new_text;
    }
    // Comments inside the value move to lines of their own above the key.
    if (const auto comments = comments_in(begin, end); !comments.empty()) {
      const std::size_t key_line = line_start(offset(key));
      std::size_t indent = key_line;
      while (indent < text_.size() && blank(text_[indent])) ++indent;
      std::string lines;
      for (std::string_view comment : comments)
        lines += std::string(text_.substr(key_line, indent - key_line)) + std::string(comment) + eol_;
      add(key_line, key_line, std::move(lines));
    }
    // A comment after the value keeps its column where there is room.
    std::size_t spaces_end = end;
    while (spaces_end < text_.size() && text_[spaces_end] == ' ') ++spaces_end;
    const std::size_t spaces = spaces_end - end;
    if (!block && spaces > 1 && spaces_end < text_.size() && text_[spaces_end] == '#') {
      const std::ptrdiff_t longer = static_cast<std::ptrdiff_t>(characters(new_text)) -
                                    static_cast<std::ptrdiff_t>(characters(text_.substr(begin, end - begin)));
      const std::ptrdiff_t keep = std::max<std::ptrdiff_t>(1, static_cast<std::ptrdiff_t>(spaces) - longer);
      add(begin, spaces_end, new_text + std::string(static_cast<std::size_t>(keep), ' '));
      return true;
    }
    add(begin, end, std::move(new_text));
    return true;
  }

  bool insert(const Node* map, const Node* value_before, bool flow, const std::string& key, const std::string& value) {
    const std::size_t end = end_of(value_before, offset(value_before), flow);
    if (end == npos) return fail("the value before a key to add is written in a way the patch does not handle");
    if (flow) {
      add(end, end, ", " + key + ": " + value);
      return true;
    }
    const std::string line = std::string(static_cast<std::size_t>(std::max(map->children().front()->column, 1)) - 1, ' ') +
                             key + ": " + value;
    const std::size_t newline = text_.find('\n', end);
    if (newline == npos) add(text_.size(), text_.size(), eol_ + line);
    else add(newline + 1, newline + 1, line + eol_);
    return true;
  }

  std::string_view text_;
  std::vector<std::size_t> line_starts_;
  std::string eol_ = "\n";
  std::vector<Edit> edits_;
  std::string failure_;
};

// The edits of every measured value that changed, or false with the
// patcher's failure.
bool patch_values(TextPatcher& patcher, const Node* root, const Process& source, const Process& patched) {
  if (patched.cases_per_year != source.cases_per_year || (source.cases_per_year_range && !patched.cases_per_year_range)) {
    const std::string cases = plain_decimal(*patched.cases_per_year);
    if (const Node* demand = TextPatcher::get(root, "demand")) {
      if (!patcher.set(demand, "cases_per_year", cases, {}, {})) return false;
    } else if (!patcher.set(root, "demand", "{cases_per_year: " + cases + "}", {"calendar", "process"}, {})) {
      return false;
    }
  }
  const Node* steps = TextPatcher::get(root, "steps");
  if (!steps || steps->kind != Node::Kind::sequence || steps->children().size() != source.steps.size()) return false;
  for (std::size_t i = 0; i < source.steps.size(); ++i) {
    const Step& before = source.steps[i];
    const Step& after = patched.steps[i];
    const Node* step = steps->children()[i];
    const Node* id = TextPatcher::get(step, "id");
    if (!id || id->value() != before.id) return false;
    if (!same(before.work, after.work) &&
        !patcher.set(step, "work", yaml_writing::distribution(after.work), {},
                     {"delay", "uses", "produces", "next", "parallel", "join", "end"}))
      return false;
    if (!same(before.delay, after.delay) &&
        !patcher.set(step, "delay", yaml_writing::distribution(after.delay), {"work"},
                     {"uses", "produces", "next", "parallel", "join", "end"}))
      return false;
    if (before.routing.kind != Routing::Kind::choice) continue;
    const Node* next = TextPatcher::get(step, "next");
    if (!next || next->kind != Node::Kind::sequence || next->children().size() != before.routing.choices.size())
      return false;
    for (std::size_t k = 0; k < before.routing.choices.size(); ++k)
      if (before.routing.choices[k].p != after.routing.choices[k].p &&
          !patcher.set(next->children()[k], "p", plain_decimal(after.routing.choices[k].p), {}, {}))
        return false;
  }
  return true;
}

// Whether any mapping of the tree has a key that starts with `x-`.
bool has_extension_keys(const Node* node, int depth = 0) {
  if (!node || depth > 100) return false;
  for (std::size_t i = 0; i < node->children().size(); ++i) {
    const Node* child = node->children()[i];
    if (node->kind == Node::Kind::map && i % 2 == 0 && child->kind == Node::Kind::scalar && child->value().starts_with("x-"))
      return true;
    if (has_extension_keys(child, depth + 1)) return true;
  }
  return false;
}

// The loader's errors of `text`.
Diagnostics errors_of(const LoadResult& loaded) {
  Diagnostics errors;
  for (const Diagnostic& d : loaded.diagnostics)
    if (d.severity == Severity::error) errors.push_back(d);
  return errors;
}

}  // namespace

Process patched_process(const Process& process, const ProcessPatch& patch) {
  Process out = process;
  if (patch.cases_per_year) {
    out.cases_per_year = patch.cases_per_year;
    out.cases_per_year_range.reset();
  }
  const double hours_per_day = process.calendar.hours_per_day;
  for (std::size_t i = 0; i < out.steps.size(); ++i) {
    Step& step = out.steps[i];
    if (i < patch.work.size() && patch.work[i]) step.work = in_source_units(*patch.work[i], step.work, hours_per_day);
    if (i < patch.delay.size() && patch.delay[i])
      step.delay = in_source_units(*patch.delay[i], step.delay, hours_per_day);
    if (i >= patch.p.size() || step.routing.kind != Routing::Kind::choice) continue;
    for (std::size_t k = 0; k < step.routing.choices.size() && k < patch.p[i].size(); ++k)
      if (patch.p[i][k]) step.routing.choices[k].p = *patch.p[i][k];
  }
  return out;
}

PatchedText patch_process_text(std::string_view source_text, const Process& process, const ProcessPatch& patch) {
  const Process patched = patched_process(process, patch);
  const std::string file_name = process.file ? *process.file : std::string("process.yaml");
  const std::string expected = write_process_yaml(patched);

  Diagnostics ignored;
  const yaml::Document document = yaml::parse(source_text, process.file, ignored);
  std::string reason;
  std::optional<PatchedText> in_place;
  if (!document.root || document.root->kind != Node::Kind::map) {
    reason = "the source is not one YAML mapping";
  } else {
    TextPatcher patcher(source_text);
    patcher.head_with(patch.comment);
    const bool placed = patch_values(patcher, document.root, process, patched);
    std::optional<std::string> text = placed ? patcher.result() : std::nullopt;
    if (!text) {
      reason = patcher.failure().empty() ? "its steps are not the steps of the process given" : patcher.failure();
    } else {
      const LoadResult loaded = load_process(*text, file_name);
      Diagnostics errors = errors_of(loaded);
      if (errors.empty() && loaded.process && write_process_yaml(*loaded.process) == expected)
        return {std::move(*text), true, {}, {}};
      in_place = PatchedText{std::move(*text), true, {}, std::move(errors)};
      reason = "the patched text did not read back as the measured process";
    }
  }

  PatchedText rewritten{write_process_yaml(patched, patch.comment), false, {}, {}};
  rewritten.diagnostics = errors_of(load_process(rewritten.text, file_name));
  // Both texts have errors: the new values are not ones the format
  // accepts, and the text that keeps the comments says so as well.
  if (!rewritten.diagnostics.empty() && in_place && !in_place->diagnostics.empty()) return std::move(*in_place);
  rewritten.lost = {
      "the file was written anew, not patched: " + reason,
      "every comment",
      "the layout: block or flow style, quoting, key order, blank lines",
      "the units of time as written: each duration is in the unit that fits its size",
  };
  if (document.root && TextPatcher::get(document.root, "defaults"))
    rewritten.lost.push_back("`defaults`: their values are written out on every step");
  if (!process.measures.empty()) rewritten.lost.push_back("the measures of the file");
  if (document.root && has_extension_keys(document.root))
    rewritten.lost.push_back("`x-` keys (other than a step's x-changed-by)");
  return rewritten;
}

}  // namespace paperflow
