#include "paperflow/report_validation.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "paperflow/rules.h"
#include "utf8.h"
#include "wording.h"
#include "xml_escape.h"

namespace paperflow {
namespace {

constexpr std::array<std::string_view, 6> format_names{"text", "json", "sarif", "github", "junit", "codeclimate"};

// ANSI styles of the text format, as compilers use them.
struct Style {
  bool on;
  const Wording& wording;
  std::string bold(std::string_view s) const { return on ? fmt::format("\033[1m{}\033[0m", s) : std::string(s); }
  std::string severity(Severity severity) const {
    const char* word = severity == Severity::error ? wording.tr("error") : wording.tr("warning");
    if (!on) return word;
    return std::string(severity == Severity::error ? "\033[1;31m" : "\033[1;35m") + word + "\033[0m";
  }
  std::string caret(std::string_view s) const { return on ? fmt::format("\033[1;32m{}\033[0m", s) : std::string(s); }
};

// The lines of a file's text, indexed once: finding each diagnostic's line
// by scanning from the top made 100,000 diagnostics take 35 s.
class SourceLines {
 public:
  explicit SourceLines(std::string_view source) : source_(source) {
    if (source.empty()) return;
    starts_.push_back(0);
    for (std::size_t i = source.find('\n'); i != std::string_view::npos; i = source.find('\n', i + 1))
      starts_.push_back(i + 1);
  }

  /// Line `number` (1-based) without its line break; empty past the end.
  std::string_view line(int number) const {
    if (number <= 0 || static_cast<std::size_t>(number) > starts_.size()) return {};
    const std::size_t begin = starts_[static_cast<std::size_t>(number) - 1];
    std::size_t end = static_cast<std::size_t>(number) < starts_.size() ? starts_[static_cast<std::size_t>(number)] - 1
                                                                          : source_.size();
    std::string_view text = source_.substr(begin, end - begin);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    return text;
  }

 private:
  std::string_view source_;
  std::vector<std::size_t> starts_;
};

bool starts_character(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

// What is shown of a source line: the line, or for a long one (longer than
// max_whole bytes: a file written on one line) a window of max_shown
// characters around the column,
// so that the report grows with the number of diagnostics, not with the
// length of the line times that number. `column` is the caret's column in
// `text`.
struct ShownLine {
  std::string_view text;
  int column = 1;
  bool cut_before = false, cut_after = false;
};
constexpr std::size_t max_whole = 240, max_shown = 160;

// Walks a line by characters from where the last diagnostic left it:
// diagnostics come sorted by place, so that finding every column of a long
// line costs the line's length once, not once per diagnostic.
class LineCursor {
 public:
  ShownLine show(std::string_view text, int line, int column) {
    if (text.size() <= max_whole) return {text, column};
    const std::size_t first = column - 1 > static_cast<int>(max_shown / 2)
                                  ? static_cast<std::size_t>(column - 1) - max_shown / 2
                                  : 0;  // characters before the window
    const std::size_t begin = byte_of(text, line, first);
    std::size_t end = begin, characters = 0;
    while (end < text.size() && characters < max_shown) {
      ++end;
      while (end < text.size() && !starts_character(text[end])) ++end;
      ++characters;
    }
    ShownLine shown{text.substr(begin, end - begin), column - static_cast<int>(first), first > 0, end < text.size()};
    return shown;
  }

 private:
  // The byte offset of character `index` (0-based) of `text`, line `line`.
  std::size_t byte_of(std::string_view text, int line, std::size_t index) {
    if (line != line_ || index < character_) line_ = line, character_ = 0, byte_ = 0;
    while (character_ < index && byte_ < text.size()) {
      ++byte_;
      while (byte_ < text.size() && !starts_character(text[byte_])) ++byte_;
      ++character_;
    }
    return byte_;
  }
  int line_ = 0;
  std::size_t character_ = 0, byte_ = 0;
};

// A source line as the report shows it, and the padding that puts the
// caret under the character at `column`. Control characters are escaped as
// in messages (a file's ESC [2J must not clear the terminal: libyaml names
// such a character, so its line is shown), and the padding is as wide as
// the escape; tabs stay tabs in both, so the caret sits under its
// character whatever the tab width.
struct CaretLine {
  std::string text;
  std::string padding;
};
CaretLine caret_line(std::string_view line_text, int column) {
  CaretLine out;
  int current = 1;
  for (std::size_t i = 0; i < line_text.size();) {
    const std::size_t length = std::max<std::size_t>(utf8::sequence_length(line_text, i), 1);
    const std::string_view character = line_text.substr(i, length);
    const std::string shown = character == "\t" ? std::string(character) : escape_control_characters(character);
    out.text += shown;
    if (current < column) {
      // An escape is as many columns as its text; any other character one.
      const std::size_t width = shown == character ? 1 : shown.size();
      out.padding += character == "\t" ? std::string("\t") : std::string(width, ' ');
    }
    ++current;
    i += length;
  }
  for (; current < column; ++current) out.padding += ' ';
  return out;
}

// The place as compilers print it, the path's control characters escaped:
// a newline in a file name would otherwise start a diagnostic of its own.
std::string location_text(const std::string& path, const Diagnostic& d) {
  const std::string shown = escape_control_characters(path);
  if (d.location.line <= 0) return shown;
  return fmt::format("{}:{}:{}", shown, d.location.line, d.location.column);
}

std::string render_text(const FileDiagnostics& file, const ValidationReportOptions& options) {
  const Wording wording(options.language);
  Style style{options.color, wording};
  const SourceLines lines(file.source);
  LineCursor cursor;
  std::string out;
  for (const Diagnostic& d : file.diagnostics) {
    out += fmt::format("{}: {}: {} [{}]\n", style.bold(location_text(file.path, d)), style.severity(d.severity),
                       // English as the machine formats write it, figure for figure.
                       options.language == Language::en ? d.message.english() : wording.say(d.message), d.rule);
    // The source line of a file that is not UTF-8 must not reach the
    // output as it is; replaced before the caret is placed by its characters.
    if (d.location.line <= 0) continue;
    const ShownLine shown = cursor.show(lines.line(d.location.line), d.location.line, d.location.column);
    const std::string text = utf8::replace_invalid(shown.text);
    if (text.empty()) continue;
    const CaretLine caret = caret_line(text, shown.column);
    const std::string before = shown.cut_before ? "…" : "", after = shown.cut_after ? "…" : "";
    std::string gutter = fmt::format("{:>5}", d.location.line);
    out += fmt::format("{} | {}{}{}\n", gutter, before, caret.text, after);
    out += fmt::format("{} | {}{}{}\n", std::string(gutter.size(), ' '), before.empty() ? "" : " ", caret.padding,
                       style.caret("^"));
  }
  return out;
}

// GitHub workflow commands: data and property values are percent-escaped.
std::string github_escape(std::string_view text, bool property) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

std::string render_github(const FileDiagnostics& file) {
  std::string out;
  for (const Diagnostic& d : file.diagnostics) {
    out += fmt::format("::{} file={}", d.severity == Severity::error ? "error" : "warning",
                       github_escape(file.path, true));
    if (d.location.line > 0) out += fmt::format(",line={},col={}", d.location.line, d.location.column);
    out += fmt::format(",title={}::{}\n", github_escape(d.rule, true), github_escape(d.message.english(), false));
  }
  return out;
}

nlohmann::ordered_json diagnostics_json(const FileDiagnostics& file) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Diagnostic& d : file.diagnostics)
    list.push_back({{"rule", d.rule},
                    {"severity", to_string(d.severity)},
                    {"line", d.location.line},
                    {"column", d.location.column},
                    {"message", d.message.english()}});
  nlohmann::ordered_json out;
  out["path"] = file.path;
  out["diagnostics"] = std::move(list);
  return out;
}

template <typename Json>
std::string dump(const Json& value) {
  // A path or the message about a file that is not UTF-8 might hold any
  // bytes: replace rather than throw.
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// SARIF wants URIs: percent-encode what is not unreserved or a path separator.
std::string uri_of(std::string_view path) {
  std::string out;
  for (char c : path) {
    unsigned char u = static_cast<unsigned char>(c);
    bool keep = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' || c == '_' ||
                c == '.' || c == '~' || c == '/';
    out += keep ? std::string(1, c) : fmt::format("%{:02X}", u);
  }
  return out;
}

std::string render_sarif_results(const FileDiagnostics& file, bool first) {
  std::string out;
  auto rules = all_rules();
  for (const Diagnostic& d : file.diagnostics) {
    nlohmann::ordered_json result{{"ruleId", d.rule},
                          {"level", to_string(d.severity)},
                          {"message", {{"text", d.message.english()}}}};
    for (std::size_t i = 0; i < rules.size(); ++i)
      if (rules[i].id == d.rule) result["ruleIndex"] = i;
    nlohmann::ordered_json physical{{"artifactLocation", {{"uri", uri_of(file.path)}}}};
    if (d.location.line > 0)
      physical["region"] = {{"startLine", d.location.line}, {"startColumn", std::max(d.location.column, 1)}};
    result["locations"] = nlohmann::ordered_json::array({{{"physicalLocation", physical}}});
    out += (first && out.empty()) ? "\n" : ",\n";
    out += dump(result);
  }
  return out;
}

bool fails(const Diagnostic& d, bool strict) { return d.severity == Severity::error || strict; }

std::string render_junit(const FileDiagnostics& file, const ValidationReportOptions& options) {
  std::string problems;
  std::size_t failing = 0;
  for (const Diagnostic& d : file.diagnostics) {
    problems += fmt::format("{}: {}: {} [{}]\n", location_text(file.path, d), to_string(d.severity), d.message.english(), d.rule);
    if (fails(d, options.strict)) ++failing;
  }
  std::string out = fmt::format("    <testcase classname=\"paperflow-validate\" name=\"{}\" file=\"{}\">\n",
                                xml_attribute_escape(file.path), xml_attribute_escape(file.path));
  if (failing > 0)
    out += fmt::format("      <failure type=\"validation\" message=\"{} problem{}\">{}</failure>\n", failing,
                       failing == 1 ? "" : "s", xml_escape(problems));
  else if (!problems.empty())
    out += fmt::format("      <system-out>{}</system-out>\n", xml_escape(problems));
  out += "    </testcase>\n";
  return out;
}

// A stable fingerprint for GitLab: FNV-1a over what identifies the problem.
std::string fingerprint(const std::string& path, const Diagnostic& d) {
  std::uint64_t hash = 1469598103934665603ull;
  auto feed = [&](std::string_view s) {
    for (char c : s) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ull;
    }
    hash ^= 0xff;
    hash *= 1099511628211ull;
  };
  feed(path);
  feed(d.rule);
  feed(std::to_string(d.location.line));
  feed(std::to_string(d.location.column));
  feed(d.message.english());
  return fmt::format("{:016x}", hash);
}

std::string render_codeclimate(const FileDiagnostics& file, bool first) {
  std::string out;
  for (const Diagnostic& d : file.diagnostics) {
    nlohmann::json issue{{"type", "issue"},
                         {"check_name", d.rule},
                         {"description", d.message.english()},
                         {"categories", {"Bug Risk"}},
                         {"severity", d.severity == Severity::error ? "major" : "minor"},
                         {"fingerprint", fingerprint(file.path, d)},
                         {"location", {{"path", file.path}, {"lines", {{"begin", std::max(d.location.line, 1)}}}}}};
    out += (first && out.empty()) ? "\n" : ",\n";
    out += dump(issue);
  }
  return out;
}

}  // namespace

std::span<const std::string_view> validation_format_names() { return format_names; }

std::optional<ValidationFormat> parse_validation_format(std::string_view name) {
  for (std::size_t i = 0; i < format_names.size(); ++i)
    if (format_names[i] == name) return static_cast<ValidationFormat>(i);
  return std::nullopt;
}

bool needs_totals_in_header(ValidationFormat format) { return format == ValidationFormat::junit; }

std::string render_validation_header(const ValidationTotals& totals, const ValidationReportOptions& options) {
  switch (options.format) {
    case ValidationFormat::text:
    case ValidationFormat::github: return {};
    case ValidationFormat::json: return "{\"paperflow\": 1, \"files\": [";
    case ValidationFormat::codeclimate: return "[";
    case ValidationFormat::junit:
      return fmt::format(
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<testsuites name=\"paperflow-validate\" tests=\"{0}\" failures=\"{1}\" errors=\"0\">\n"
          "  <testsuite name=\"paperflow-validate\" tests=\"{0}\" failures=\"{1}\" errors=\"0\" skipped=\"0\">\n",
          totals.files, totals.files_failed);
    case ValidationFormat::sarif: {
      nlohmann::json rules = nlohmann::json::array();
      for (const Rule& rule : all_rules())
        rules.push_back({{"id", rule.id},
                         {"name", rule.id},
                         {"shortDescription", {{"text", rule.description}}},
                         {"defaultConfiguration", {{"level", to_string(rule.severity)}}}});
      nlohmann::json driver{{"name", "paperflow-validate"},
                            {"version", options.tool_version},
                            {"rules", rules}};
      return fmt::format(
          "{{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", \"version\": \"2.1.0\", "
          "\"runs\": [{{\"tool\": {{\"driver\": {}}}, \"columnKind\": \"unicodeCodePoints\", \"results\": [",
          dump(driver));
    }
  }
  return {};
}

std::string render_validation_file(const FileDiagnostics& file, bool first, const ValidationReportOptions& options) {
  // The formats that are not built by the JSON library (which replaces
  // invalid bytes itself) pass the path and the messages through
  // replace_invalid: a path may hold any bytes.
  switch (options.format) {
    case ValidationFormat::text: return utf8::replace_invalid(render_text(file, options));
    case ValidationFormat::github: return utf8::replace_invalid(render_github(file));
    case ValidationFormat::json: return (first ? "\n" : ",\n") + dump(diagnostics_json(file));
    case ValidationFormat::sarif: return render_sarif_results(file, first);
    case ValidationFormat::junit: return utf8::replace_invalid(render_junit(file, options));
    case ValidationFormat::codeclimate: return render_codeclimate(file, first);
  }
  return {};
}

std::string render_validation_footer(const ValidationTotals& totals, const ValidationReportOptions& options) {
  switch (options.format) {
    case ValidationFormat::text: {
      const Wording w(options.language);
      auto files = [&](std::size_t n) { return w.tr_plural_format("{} file", "{} files", n, n); };
      // A file that could not be read is no file without problems.
      const std::string unread =
          totals.unreadable ? w.tr_plural_format("{} file could not be read", "{} files could not be read",
                                                 totals.unreadable, totals.unreadable)
                            : "";
      if (totals.errors == 0 && totals.warnings == 0) {
        if (totals.files == 0 && totals.unreadable) return w.tr_format("no file checked: {}", unread) + "\n";
        return (unread.empty() ? w.tr_format("{} checked: no problems", files(totals.files))
                               : w.tr_format("{} checked: no problems; {}", files(totals.files), unread)) +
               "\n";
      }
      const std::string errors = w.tr_plural_format("{} error", "{} errors", totals.errors, totals.errors);
      const std::string warnings = w.tr_plural_format("{} warning", "{} warnings", totals.warnings, totals.warnings);
      const std::string with_problems = files(totals.files_with_problems);
      return (unread.empty()
                  ? w.tr_format("{}, {} in {} ({} checked)", errors, warnings, with_problems, totals.files)
                  : w.tr_format("{}, {} in {} ({} checked; {})", errors, warnings, with_problems, totals.files,
                                unread)) +
             "\n";
    }
    case ValidationFormat::github: return {};
    case ValidationFormat::json: return "\n]}\n";
    case ValidationFormat::codeclimate: return "\n]\n";
    case ValidationFormat::sarif: return "\n]}]}\n";
    case ValidationFormat::junit: return "  </testsuite>\n</testsuites>\n";
  }
  return {};
}

}  // namespace paperflow
