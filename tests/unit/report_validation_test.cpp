#include "paperflow/report_validation.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "utf8.h"

using namespace paperflow;

namespace {

FileDiagnostics sample() {
  auto file = std::make_shared<const std::string>("a b.yaml");
  FileDiagnostics f;
  f.path = "a b.yaml";
  f.source = "paperflow: 1\nunits:\n  - stafff: 2\n";
  Diagnostic key;
  key.rule = "unknown-key";
  key.location.file = file;
  key.location.line = 3;
  key.location.column = 5;
  // A raw newline, past text_argument (which escapes one): the GitHub
  // format must still escape what reaches it.
  PhraseArgument raw;
  raw.text = "unknown key 'stafff', with: colon, comma\nand newline 100%";
  key.message = Phrase{"{}", {raw}};
  Diagnostic demand;
  demand.rule = "no-demand";
  demand.severity = Severity::warning;
  demand.location.file = file;
  demand.location.line = 1;
  demand.location.column = 1;
  demand.message = verbatim("no `demand`");
  f.diagnostics = {key, demand};
  return f;
}

std::string render_all(ValidationFormat format, bool strict = false) {
  ValidationReportOptions options;
  options.format = format;
  options.strict = strict;
  options.tool_version = "0.1.0";
  ValidationTotals totals{1, 1, 1, 1, 1};
  return render_validation_header(totals, options) + render_validation_file(sample(), true, options) +
         render_validation_footer(totals, options);
}

}  // namespace

TEST_CASE("text: compiler-style line, source line and caret under the column, summary last") {
  std::string text = render_all(ValidationFormat::text);
  CHECK(text.find("a b.yaml:3:5: error: unknown key 'stafff'") == 0);
  CHECK(text.find("    3 |   - stafff: 2\n      |     ^\n") != std::string::npos);
  CHECK(text.find("1 error, 1 warning in 1 file (1 checked)\n") != std::string::npos);
  CHECK(text.find('\033') == std::string::npos);
}

TEST_CASE("github: workflow commands with escaped data and properties") {
  std::string text = render_all(ValidationFormat::github);
  CHECK(text.find("::error file=a b.yaml,line=3,col=5,title=unknown-key::unknown key 'stafff', with: colon, "
                  "comma%0Aand newline 100%25\n") == 0);
  CHECK(text.find("::warning file=a b.yaml,line=1,col=1,title=no-demand::") != std::string::npos);
}

TEST_CASE("json and sarif parse and carry every diagnostic") {
  auto json = nlohmann::json::parse(render_all(ValidationFormat::json));
  CHECK(json["paperflow"] == 1);
  CHECK(json["files"][0]["diagnostics"].size() == 2);
  CHECK(json["files"][0]["diagnostics"][0]["line"] == 3);
  auto sarif = nlohmann::json::parse(render_all(ValidationFormat::sarif));
  CHECK(sarif["version"] == "2.1.0");
  const auto& result = sarif["runs"][0]["results"][0];
  CHECK(result["ruleId"] == "unknown-key");
  CHECK(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a%20b.yaml");
  CHECK(result["locations"][0]["physicalLocation"]["region"]["startColumn"] == 5);
  auto climate = nlohmann::json::parse(render_all(ValidationFormat::codeclimate));
  CHECK(climate.size() == 2);
  CHECK(climate[0]["fingerprint"] != climate[1]["fingerprint"]);
}

TEST_CASE("junit: a failing test case per file with errors, and warnings fail only when strict") {
  std::string junit = render_all(ValidationFormat::junit);
  CHECK(junit.find("<testcase classname=\"paperflow-validate\" name=\"a b.yaml\"") != std::string::npos);
  CHECK(junit.find("<failure type=\"validation\" message=\"1 problem\">") != std::string::npos);
  CHECK(render_all(ValidationFormat::junit, true).find("message=\"2 problems\"") != std::string::npos);
}

TEST_CASE("a newline in a path forges no line: text escapes it, JUnit keeps it as a reference in attributes") {
  FileDiagnostics f = sample();
  f.path = "x\nforged.yaml:1:1: error: all is well [fake]\n";
  ValidationReportOptions options;
  options.format = ValidationFormat::text;
  const std::string text = render_validation_file(f, true, options);
  CHECK(text.find("x\\nforged.yaml:1:1: error: all is well [fake]\\n:3:5: error: unknown key") == 0);
  CHECK(text.find("\nforged") == std::string::npos);
  options.format = ValidationFormat::junit;
  const std::string junit = render_validation_file(f, true, options);
  CHECK(junit.find("name=\"x&#10;forged.yaml:1:1: error: all is well [fake]&#10;\" file=\"x&#10;forged") !=
        std::string::npos);
  CHECK(junit.find("\nforged") == std::string::npos);
  options.format = ValidationFormat::github;
  const std::string github = render_validation_file(f, true, options);
  CHECK(github.find("\nforged") == std::string::npos);
}

TEST_CASE("no format passes on the invalid bytes of a file that is not UTF-8, or of its path") {
  FileDiagnostics f;
  f.path = "gr\xFC\xDF.yaml";  // a Latin-1 file name
  f.source = "paperflow: 1\nprocess: {id: a, name: Pr\xFC" "fung}\n";
  Diagnostic d;
  d.rule = "yaml-syntax";
  d.location.file = std::make_shared<const std::string>(f.path);
  d.location.line = 2;
  d.location.column = 28;
  d.message = verbatim("the file is not UTF-8 text (byte 0xFC); save it as UTF-8");
  f.diagnostics = {d};
  for (std::string_view name : validation_format_names()) {
    ValidationReportOptions options;
    options.format = *parse_validation_format(name);
    std::string out = render_validation_header({1, 1, 1, 0, 1}, options) + render_validation_file(f, true, options) +
                      render_validation_footer({1, 1, 1, 0, 1}, options);
    INFO(name, ": ", out);
    CHECK(utf8::replace_invalid(out) == out);
    if (name == "text") {
      CHECK(out.find("process: {id: a, name: Pr\xEF\xBF\xBD" "fung}") != std::string::npos);
      // The caret still sits under the replaced character.
      CHECK(out.find("\n      | " + std::string(27, ' ') + "^\n") != std::string::npos);
    }
  }
}

TEST_CASE("text in German: translated message, severity and summary with plurals, while the machine formats stay English") {
  REQUIRE(load_german_translations(PAPERFLOW_LOCALE_DIR));
  FileDiagnostics file = sample();
  file.diagnostics[0].message = phrase_of("unknown key '{}' in {}; did you mean '{}'?", "stafff", phrase_of("a unit"),
                                          "staff");
  ValidationReportOptions options;
  options.language = Language::de;
  const std::string text = render_validation_file(file, true, options);
  CHECK(text.find("a b.yaml:3:5: Fehler: unbekannter Schlüssel 'stafff' (eine Organisationseinheit); meinten Sie "
                  "'staff'? [unknown-key]\n") == 0);
  CHECK(text.find("a b.yaml:1:1: Warnung: no `demand` [no-demand]") != std::string::npos);
  CHECK(render_validation_footer({3, 1, 1, 1, 2, 0}, options) == "1 Fehler, 2 Warnungen in 1 Datei (3 geprüft)\n");
  CHECK(render_validation_footer({2, 0, 0, 0, 0, 1}, options) ==
        "2 Dateien geprüft: keine Probleme; 1 Datei konnte nicht gelesen werden\n");
  options.language = Language::en;
  CHECK(render_validation_footer({2, 0, 0, 0, 0, 1}, options) == "2 files checked: no problems; 1 file could not be read\n");
  for (ValidationFormat format : {ValidationFormat::json, ValidationFormat::sarif, ValidationFormat::github,
                                  ValidationFormat::junit, ValidationFormat::codeclimate}) {
    ValidationReportOptions english, german;
    english.format = german.format = format;
    german.language = Language::de;
    CHECK(render_validation_file(file, true, german) == render_validation_file(file, true, english));
    CHECK(render_validation_file(file, true, english).find("in a unit; did you mean") != std::string::npos);
  }
}

TEST_CASE("text: a long line shows a window around the column, so the report grows with the diagnostics") {
  // A file on one line of 66,000 characters with 2,000 diagnostics: each
  // shows at most 160 characters of it, the caret under its column.
  std::string line;
  while (line.size() < 66000) line += "{id: s, medium: papr}, ";
  FileDiagnostics file;
  file.path = "one-line.yaml";
  file.source = line;
  auto name = std::make_shared<const std::string>(file.path);
  for (int i = 0; i < 2000; ++i) {
    Diagnostic d;
    d.rule = "bad-value";
    d.location = {name, 1, 17 + 23 * i};  // each `papr`
    d.message = verbatim("unknown medium 'papr'");
    file.diagnostics.push_back(d);
  }
  const std::string text = render_validation_file(file, true, {});
  CHECK(text.size() < 2000 * 400);
  // The 1000th diagnostic: its window starts 80 characters before the column, after "…".
  std::size_t at = 0;
  for (int i = 0; i < 1000 * 3 + 1; ++i) at = text.find('\n', at) + 1;
  const std::size_t end = text.find('\n', at);
  const std::string source_line = text.substr(at, end - at);
  const std::string caret_line = text.substr(end + 1, text.find('\n', end + 1) - end - 1);
  CHECK(source_line.find("    1 | …") == 0);
  CHECK(source_line.size() < 180);
  const std::size_t caret = caret_line.find('^');
  // Characters before the caret: "    1 | " (8), the ellipsis, then 80 characters of the window.
  CHECK(caret == 8 + 1 + 80);
  CHECK(utf8::replace_invalid(source_line).substr(8 + 3 + 80, 4) == "papr");
  // A short line is shown whole, with no ellipsis.
  FileDiagnostics small = sample();
  CHECK(render_validation_file(small, true, {}).find("…") == std::string::npos);
}

TEST_CASE("text: a control character of the source line is shown escaped, the caret under the character it names") {
  // libyaml refuses a raw ESC and names it, so its line is shown: an
  // ESC [2J written as it is would clear the reader's terminal.
  FileDiagnostics file;
  file.path = "esc.yaml";
  file.source = "a: \"x\x1B[2Jy\tz\"\n";
  Diagnostic d;
  d.rule = "yaml-syntax";
  d.location = {std::make_shared<const std::string>(file.path), 1, 12};  // the z, after the ESC and the tab
  d.message = verbatim("the control character U+001B");
  file.diagnostics.push_back(d);
  const std::string text = render_validation_file(file, true, {});
  CHECK(text.find('\x1B') == std::string::npos);
  // Five columns, four for the escape, four more, the tab: the caret under z.
  CHECK(text.find("    1 | a: \"x\\x1B[2Jy\tz\"\n      | " + std::string(13, ' ') + "\t^\n") != std::string::npos);
}
