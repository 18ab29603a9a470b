// paperflow-validate: checks process files against the format and reports
// every problem with file, line and column (man/paperflow-validate.1).
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include <fmt/format.h>

#include "common.h"
#include "options/validate.h"
#include "ordered_parallel.h"
#include "paperflow/report_validation.h"
#include "paperflow/rules.h"
#include "paperflow/source_file.h"
#include "suggest.h"
#include "paperflow/organisation.h"
#include "paperflow/portfolio.h"
#include "paperflow/bpmn_import.h"
#include "paperflow/validate.h"

namespace {

using namespace paperflow;
namespace fs = std::filesystem;

using Options = cli::ValidateOptions;

// One input to check: a file path, or "-" for standard input.
struct Input {
  std::string path;     // as opened
  std::string display;  // as shown in reports
};

// Process files and BPMN files (read through the import).
bool is_process_file(const fs::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".yaml" || extension == ".yml" || extension == ".bpmn" || extension == ".bpmn2";
}

// Expands directories into the *.yaml/*.yml/*.bpmn files below them, sorted, and
// skips hidden directories (.git and the like). Unreadable paths are
// reported on standard error and make the run fail with status 2; a link
// named as a process file that leads nowhere is named in a note, without
// changing the status: a dangling link is common in a checkout, yet the
// user should learn that a file they may have meant went unchecked.
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
    std::vector<std::string> skipped;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, error), end;
    for (; !error && it != end; it.increment(error)) {
      const fs::path& entry = it->path();
      // The type through a link; an error of its own, so that a link that
      // leads nowhere does not end the walk.
      std::error_code type_error;
      const fs::file_status status = it->status(type_error);
      if (fs::is_directory(status)) {
        if (entry.filename().string().starts_with(".")) it.disable_recursion_pending();
        continue;
      }
      if (!is_process_file(entry)) continue;
      if (fs::is_regular_file(status)) {
        found.push_back(entry.string());
      } else if (std::error_code ignored; type_error && it->is_symlink(ignored)) {
        const char* kind = type_error == std::errc::no_such_file_or_directory       ? "dangling symlink"
                           : type_error == std::errc::too_many_symbolic_link_levels ? "looping symlink"
                                                                                    : nullptr;
        skipped.push_back(kind ? fmt::format("skipped {} {}", kind, cli::quoted_path(entry.string()))
                               : fmt::format("skipped symlink {}: {}", cli::quoted_path(entry.string()),
                                             type_error.message()));
      }
    }
    if (error) {
      std::cerr << fmt::format("paperflow-validate: error: cannot read directory {}: {}\n", cli::quoted_path(path),
                               error.message());
      fatal = true;
    }
    std::sort(skipped.begin(), skipped.end());
    for (const std::string& note : skipped) std::cerr << "paperflow-validate: note: " << note << "\n";
    std::sort(found.begin(), found.end());
    for (std::string& file : found) inputs.push_back({file, file});
  }
  return inputs;
}

// One file's diagnostics with its text, kept for the source lines of the
// text format.
struct CheckedFile {
  FileDiagnostics file;
  std::string text;
};

// What one input gives: its own file, or an organisation file and each
// process file it lists.
struct Checked {
  std::string path;
  bool from_organisation = false;
  std::vector<CheckedFile> files;
  std::optional<Diagnostic> unreadable;  // set when the input could not be read
};

std::string rule_list() {
  std::string table;
  for (const Rule& rule : all_rules())
    table += fmt::format("{:<18} {:<8} {}\n", rule.id, to_string(rule.severity), rule.description);
  return table;
}

// An unknown id in --disable is a usage error, with the closest rule.
void refuse_unknown_rules(const std::vector<std::string>& disabled) {
  for (const std::string& rule : disabled) {
    if (find_rule(rule)) continue;
    std::vector<std::string_view> ids;
    for (const Rule& r : all_rules()) ids.push_back(r.id);
    auto hint = closest_match(rule, ids);
    throw cli::FatalError(fmt::format("unknown rule '{}' in --disable{}; `man paperflow-validate` lists the rules",
                                      rule, hint ? fmt::format(" (did you mean '{}'?)", *hint) : ""));
  }
}

bool is_disabled(const Options& options, const Diagnostic& d) {
  return std::find(options.disabled_rules.begin(), options.disabled_rules.end(), d.rule) !=
         options.disabled_rules.end();
}

// Reads and validates one input, without the disabled rules: a process
// file, or an organisation file with every process it lists (on
// `threads` threads). Runs on a worker thread: it only reads `options`.
Checked check(const Input& input, const Options& options, unsigned threads) {
  Checked checked;
  checked.path = input.display;
  std::string text;
  if (input.path == "-") {
    text = cli::read_standard_input();
  } else if (Diagnostic problem; auto read = read_file(input.path, problem)) {
    text = std::move(*read);
  } else {
    checked.unreadable = std::move(problem);
    return checked;
  }
  auto keep = [&](std::string path, std::string file_text, Diagnostics diagnostics) {
    CheckedFile file{{std::move(path), {}, {}}, std::move(file_text)};
    for (Diagnostic& d : diagnostics)
      if (!is_disabled(options, d)) file.file.diagnostics.push_back(std::move(d));
    checked.files.push_back(std::move(file));
  };
  if (input.path != "-" && is_organisation_text(text)) {
    checked.from_organisation = true;
    PortfolioValidation result = validate_portfolio(text, input.display, threads);
    for (PortfolioFile& file : result.files)
      keep(std::move(file.path), std::move(file.text), std::move(file.diagnostics));
    return checked;
  }
  ValidationResult result =
      is_bpmn_file(input.path, text) ? validate_bpmn(text, input.display) : validate_process(text, input.display);
  keep(input.display, std::move(text), std::move(result.diagnostics));
  return checked;
}

// Counts a checked file into the totals.
void count(const CheckedFile& checked, bool strict, ValidationTotals& totals) {
  ++totals.files;
  bool failed = false;
  for (const Diagnostic& d : checked.file.diagnostics) {
    if (d.severity == Severity::error) ++totals.errors;
    else ++totals.warnings;
    if (d.severity == Severity::error || strict) failed = true;
  }
  if (!checked.file.diagnostics.empty()) ++totals.files_with_problems;
  if (failed) ++totals.files_failed;
}

// What was reported of a file so far: its diagnostics, and whether it
// counted as a file with problems and as a failed one.
struct Reported {
  std::set<std::string> diagnostics;
  bool from_organisation = false;
  bool with_problems = false;
  bool failed = false;
};

// Counts a file into the totals: as a new file, or, reported before with
// diagnostics the organisation adds, as more problems of the same file.
void count_file(const CheckedFile& checked, bool strict, bool is_new, Reported& reported, ValidationTotals& totals) {
  ValidationTotals more;
  count(checked, strict, more);
  totals.files += is_new ? 1 : 0;
  totals.errors += more.errors;
  totals.warnings += more.warnings;
  if (more.files_with_problems && !reported.with_problems) ++totals.files_with_problems;
  if (more.files_failed && !reported.failed) ++totals.files_failed;
  reported.with_problems |= more.files_with_problems > 0;
  reported.failed |= more.files_failed > 0;
}

ValidationReportOptions report_options(const Options& options) {
  ValidationReportOptions report;
  report.format = *parse_validation_format(options.format);
  report.strict = options.strict;
  report.color = options.output.empty() && cli::use_color(options.color, stdout);
  report.language = options.lang == "de" ? cli::chosen_language(options.lang) : Language::en;
  report.tool_version = cli::version_text("paperflow-validate").substr(sizeof("paperflow-validate"));
  return report;
}

int run(const Options& options) {
  if (options.list_rules) {
    cli::write_output(options.output, rule_list());
    return cli::exit_ok;
  }
  const ValidationReportOptions report = report_options(options);
  refuse_unknown_rules(options.disabled_rules);
  bool fatal = false;
  const std::vector<Input> inputs = expand_inputs(options.paths, fatal);
  const auto stdin_uses = std::count_if(inputs.begin(), inputs.end(), [](const Input& i) { return i.path == "-"; });
  if (stdin_uses > 1) throw cli::FatalError("'-' (standard input) can be given only once");
  std::vector<std::string> input_paths;
  for (const Input& input : inputs) input_paths.push_back(input.path);
  cli::check_outputs({{"-o", options.output}}, input_paths);

  // Files are checked in parallel and reported in the order given, each as
  // soon as those before it are: streamed to standard output, or buffered
  // when the report goes to a file or its header needs the totals (JUnit).
  ValidationTotals totals;
  std::string buffered;
  const bool stream = options.output.empty() && !needs_totals_in_header(report.format);
  auto emit = [&](const std::string& part) {
    if (stream) std::fwrite(part.data(), 1, part.size(), stdout);
    else buffered += part;
  };
  if (stream) emit(render_validation_header(totals, report));
  bool first = true;
  const unsigned threads = cli::thread_count(options.threads);
  // A process file that an organisation lists and the directory holds too
  // is reported once: again only for what the organisation adds to it.
  std::map<std::string, Reported> reported;
  const unsigned inner_threads = inputs.size() == 1 ? threads : 1;
  // JSON, SARIF and JUnit give each file one entry: the files are held to
  // the end, so that what an organisation adds to a file reported before
  // goes into its entry. The line formats report it as a block of its own.
  const bool one_entry_a_file = report.format == ValidationFormat::json || report.format == ValidationFormat::sarif ||
                                report.format == ValidationFormat::junit;
  std::vector<CheckedFile> held;
  std::map<std::string, std::size_t> held_at;
  for_each_ordered(
      inputs.size(), threads, [&](std::size_t index) { return check(inputs[index], options, inner_threads); },
      [&](std::size_t, Checked checked) {
        if (checked.unreadable) {
          std::fflush(stdout);
          std::cerr << fmt::format("paperflow-validate: error: cannot read {}: {}\n", cli::quoted_path(checked.path),
                                   checked.unreadable->message.english());
          ++totals.unreadable;
          fatal = true;
          return;
        }
        for (CheckedFile& file : checked.files) {
          std::error_code error;
          const std::string identity = fs::weakly_canonical(file.file.path, error).string();
          auto [seen, is_new] = reported.try_emplace(error ? file.file.path : identity);
          // A file given twice by the user (a link and its target) is two
          // files, as before; one an organisation lists is merged.
          if (!is_new && !checked.from_organisation && !seen->second.from_organisation) is_new = true;
          seen->second.from_organisation |= checked.from_organisation;
          auto key = [](const Diagnostic& d) {
            return fmt::format("{}:{}:{}:{}", d.rule, d.location.line, d.location.column, d.message.english());
          };
          if (!is_new) {
            Diagnostics fresh;
            for (Diagnostic& d : file.file.diagnostics)
              if (!seen->second.diagnostics.count(key(d))) fresh.push_back(std::move(d));
            if (fresh.empty()) continue;
            file.file.diagnostics = std::move(fresh);
          }
          for (const Diagnostic& d : file.file.diagnostics) seen->second.diagnostics.insert(key(d));
          count_file(file, options.strict, is_new, seen->second, totals);
          if (one_entry_a_file) {
            file.text.clear();  // no source lines in these formats
            if (auto at = held_at.find(seen->first); !is_new && at != held_at.end()) {
              Diagnostics& into = held[at->second].file.diagnostics;
              into.insert(into.end(), file.file.diagnostics.begin(), file.file.diagnostics.end());
              sort_by_location(into);
            } else {
              held_at[seen->first] = held.size();
              held.push_back(std::move(file));
            }
            continue;
          }
          file.file.source = file.text;
          emit(render_validation_file(file.file, first, report));
          first = false;
        }
      });
  for (const CheckedFile& file : held) {
    emit(render_validation_file(file.file, first, report));
    first = false;
  }
  if (stream) {
    emit(render_validation_footer(totals, report));
    std::fflush(stdout);
  } else if (fatal && !options.output.empty()) {
    // A run that fails (exit 2) leaves -o as it was: a report without the
    // files that could not be read would pass for a complete one.
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
  CLI::App app;
  cli::set_up(app, options);
  return cli::run_tool("paperflow-validate", app, argc, argv, [&] {
    if (options.paths.empty() && !options.list_rules)
      throw cli::FatalError("no process file given; try 'paperflow-validate examples/' or '-' for standard input");
    return run(options);
  });
}
