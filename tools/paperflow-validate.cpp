// paperflow-validate: checks process files against the format and reports
// every problem with file, line and column (man/paperflow-validate.1).
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <thread>

#include <fmt/format.h>

#include "common.h"
#include "ordered_parallel.h"
#include "paperflow/report_validation.h"
#include "paperflow/rules.h"
#include "paperflow/source_file.h"
#include "suggest.h"
#include "paperflow/validate.h"

namespace {

using namespace paperflow;
namespace fs = std::filesystem;

struct Options {
  std::vector<std::string> paths;
  std::string format = "text";
  bool strict = false;
  std::vector<std::string> disabled_rules;
  cli::ColorMode color = cli::ColorMode::automatic;
  std::string output;
  unsigned threads = 0;  // 0: all cores
  bool list_rules = false;
};

// One input to check: a file path, or "-" for standard input.
struct Input {
  std::string path;     // as opened
  std::string display;  // as shown in reports
};

bool is_process_file(const fs::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".yaml" || extension == ".yml";
}

// Expands directories into the *.yaml/*.yml files below them, sorted, and
// skips hidden directories (.git and the like). Unreadable paths are
// reported on standard error and make the run fail with status 2.
std::vector<Input> expand_inputs(const std::vector<std::string>& paths, bool& fatal) {
  std::vector<Input> inputs;
  for (const std::string& path : paths) {
    if (path == "-") {
      inputs.push_back({"-", "<stdin>"});
      continue;
    }
    std::error_code error;
    if (!fs::is_directory(path, error)) {
      inputs.push_back({path, path});  // read errors are reported when it is read
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, error), end;
    for (; !error && it != end; it.increment(error)) {
      const fs::path& entry = it->path();
      if (it->is_directory(error) && entry.filename().string().starts_with(".")) {
        it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(error) && is_process_file(entry)) found.push_back(entry.string());
    }
    if (error) {
      std::cerr << fmt::format("paperflow-validate: error: cannot read directory '{}': {}\n", path, error.message());
      fatal = true;
    }
    std::sort(found.begin(), found.end());
    for (std::string& file : found) inputs.push_back({file, file});
  }
  return inputs;
}

struct Checked {
  FileDiagnostics file;
  std::string text;        // kept for the source lines of the text format
  std::optional<Diagnostic> unreadable;  // set when the file could not be read
};

int run(const Options& options) {
  if (options.list_rules) {
    std::string table;
    for (const Rule& rule : all_rules())
      table += fmt::format("{:<18} {:<8} {}\n", rule.id, to_string(rule.severity), rule.description);
    cli::write_output(options.output, table);
    return cli::exit_ok;
  }
  ValidationReportOptions report;
  report.format = *parse_validation_format(options.format);
  report.strict = options.strict;
  report.color = options.output.empty() && cli::use_color(options.color, stdout);
  report.tool_version = cli::version_text("paperflow-validate").substr(sizeof("paperflow-validate"));
  for (const std::string& rule : options.disabled_rules) {
    if (find_rule(rule)) continue;
    std::vector<std::string_view> ids;
    for (const Rule& r : all_rules()) ids.push_back(r.id);
    auto hint = closest_match(rule, ids);
    throw cli::FatalError(fmt::format("unknown rule '{}' in --disable{}; `man paperflow-validate` lists the rules",
                                      rule, hint ? fmt::format(" (did you mean '{}'?)", *hint) : ""));
  }

  bool fatal = false;
  const std::vector<Input> inputs = expand_inputs(options.paths, fatal);
  const auto stdin_uses = std::count_if(inputs.begin(), inputs.end(), [](const Input& i) { return i.path == "-"; });
  if (stdin_uses > 1) throw cli::FatalError("'-' (standard input) can be given only once");

  auto check = [&](std::size_t index) {
    const Input& input = inputs[index];
    Checked checked;
    checked.file.path = input.display;
    if (input.path == "-") {
      checked.text = cli::read_standard_input();
    } else if (Diagnostic problem; auto text = read_file(input.path, problem)) {
      checked.text = std::move(*text);
    } else {
      checked.unreadable = std::move(problem);
      return checked;
    }
    ValidationResult result = validate_process(checked.text, input.display);
    for (Diagnostic& d : result.diagnostics)
      if (std::find(options.disabled_rules.begin(), options.disabled_rules.end(), d.rule) ==
          options.disabled_rules.end())
        checked.file.diagnostics.push_back(std::move(d));
    return checked;
  };

  ValidationTotals totals;
  std::string buffered;  // everything, when it goes to a file or JUnit needs the totals first
  const bool stream = options.output.empty() && !needs_totals_in_header(report.format);
  auto emit = [&](const std::string& part) {
    if (stream) std::fwrite(part.data(), 1, part.size(), stdout);
    else buffered += part;
  };
  if (stream) emit(render_validation_header(totals, report));
  bool first = true;
  const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  for_each_ordered(inputs.size(), threads, check, [&](std::size_t, Checked checked) {
    if (checked.unreadable) {
      std::fflush(stdout);
      std::cerr << fmt::format("paperflow-validate: error: cannot read '{}': {}\n", checked.file.path,
                               checked.unreadable->message);
      ++totals.unreadable;
      fatal = true;
      return;
    }
    checked.file.source = checked.text;
    ++totals.files;
    bool failed = false;
    for (const Diagnostic& d : checked.file.diagnostics) {
      if (d.severity == Severity::error) ++totals.errors;
      else ++totals.warnings;
      if (d.severity == Severity::error || options.strict) failed = true;
    }
    if (!checked.file.diagnostics.empty()) ++totals.files_with_problems;
    if (failed) ++totals.files_failed;
    emit(render_validation_file(checked.file, first, report));
    first = false;
  });
  if (stream) {
    emit(render_validation_footer(totals, report));
    std::fflush(stdout);
  } else {
    cli::write_output(options.output,
                      render_validation_header(totals, report) + buffered + render_validation_footer(totals, report));
  }
  if (fatal) return cli::exit_fatal;
  return totals.files_failed > 0 ? cli::exit_problems : cli::exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app{"Check paperflow process files against the format (paperflow: 1) and report every problem "
               "with file, line and column.",
               "paperflow-validate"};
  app.set_version_flag("--version", cli::version_text("paperflow-validate"));
  app.add_option("paths", options.paths, "Process files, directories (every *.yaml/*.yml below), or - for standard input")
      ->option_text("FILE|DIR|- ...");
  std::vector<std::string> formats;
  for (std::string_view name : validation_format_names()) formats.emplace_back(name);
  app.add_option("-f,--format", options.format, "Output format: text, json, sarif, github, junit, codeclimate")
      ->check(CLI::IsMember(formats))
      ->option_text("FORMAT");
  app.add_flag("--strict", options.strict, "Fail (exit 1) on warnings too");
  app.add_option("--disable", options.disabled_rules, "Do not report RULE (repeatable); see the man page for the rules")
      ->option_text("RULE")
      ->allow_extra_args(false);
  cli::add_color_option(app, options.color);
  cli::add_output_option(app, options.output);
  app.add_option("--threads", options.threads, "Files checked at once (default: all cores)")
      ->check(CLI::Range(1u, 256u))
      ->option_text("N");
  app.add_flag("--list-rules", options.list_rules, "List the rule ids with their severity and meaning, then exit");
  app.footer(
      "Exit status: 0 no errors (no warnings either with --strict), 1 problems found, 2 usage error or unreadable "
      "file.\nSee man paperflow-validate for the rules and formats.");
  return cli::run_tool("paperflow-validate", app, argc, argv, [&] {
    if (options.paths.empty() && !options.list_rules)
      throw cli::FatalError("no process file given; try 'paperflow-validate examples/' or '-' for standard input");
    return run(options);
  });
}
