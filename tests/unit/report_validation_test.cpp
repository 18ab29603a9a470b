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
  key.message = "unknown key 'stafff', with: colon, comma\nand newline 100%";
  Diagnostic demand;
  demand.rule = "no-demand";
  demand.severity = Severity::warning;
  demand.location.file = file;
  demand.location.line = 1;
  demand.location.column = 1;
  demand.message = "no `demand`";
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
  d.message = "the file is not UTF-8 text (byte 0xFC); save it as UTF-8";
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
