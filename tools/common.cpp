#include "common.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "paperflow/loader.h"
#include "paperflow/plan.h"
#include "paperflow/report_validation.h"
#include "paperflow/source_file.h"
#include "paperflow/validate.h"
#include "paperflow/visits.h"
#include "paperflow/what_if.h"

#ifndef PAPERFLOW_SOURCE_CATALOGUE
#define PAPERFLOW_SOURCE_CATALOGUE ""
#endif

#ifndef PAPERFLOW_VERSION
#define PAPERFLOW_VERSION "0.0.0"
#endif

namespace paperflow::cli {

void add_color_option(CLI::App& app, ColorMode& mode) {
  static const std::map<std::string, ColorMode> names{
      {"auto", ColorMode::automatic}, {"always", ColorMode::always}, {"never", ColorMode::never}};
  app.add_option("--color", mode, "Colour: auto (on a terminal, unless NO_COLOR is set), always, never")
      ->transform(CLI::CheckedTransformer(names))
      ->option_text("auto|always|never");
}

void set_up_tool(CLI::App& app, std::string_view tool, std::string description) {
  app.name(std::string(tool));
  app.description(std::move(description));
  app.set_version_flag("--version", version_text(tool));
}

void add_format_option(CLI::App& app, std::string& format, const std::vector<std::string>& names,
                       std::string_view help) {
  app.add_option("-f,--format", format, fmt::format("Output format: {}", help))
      ->check(CLI::IsMember(names))
      ->option_text("FORMAT");
}

unsigned thread_count(unsigned threads) {
  return threads ? threads : std::max(1u, std::thread::hardware_concurrency());
}

void add_threads_option(CLI::App& app, unsigned& threads, std::string_view help) {
  app.add_option("--threads", threads, std::string(help))->check(CLI::Range(1u, 256u))->option_text("N");
}

void set_footer(CLI::App& app, std::string_view exit_status, std::string_view manual) {
  app.footer(fmt::format("Exit status: {}\nSee {}.", exit_status, manual));
}

bool use_color(ColorMode mode, std::FILE* stream) {
  if (mode == ColorMode::always) return true;
  if (mode == ColorMode::never) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return ::isatty(::fileno(stream)) == 1;
}

std::string quoted_path(std::string_view path) { return "'" + escape_control_characters(path) + "'"; }

std::string read_standard_input() {
  constexpr std::size_t limit = std::size_t{64} << 20;
  std::string text;
  char buffer[65536];
  std::size_t got = 0;
  while (text.size() <= limit && (got = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) text.append(buffer, got);
  return text;
}

void add_process_argument(CLI::App& app, std::string& path) {
  app.add_option("file", path, "The process file (or an organisation file where the tool takes one), or - for standard input")->required()->option_text("FILE");
}

void add_output_option(CLI::App& app, std::string& output) {
  app.add_option("-o,--output", output, "Write to FILE (atomically) instead of standard output")->option_text("FILE");
}

void add_set_option(CLI::App& app, std::vector<std::string>& assignments) {
  app.add_option("--set", assignments,
                 "What-if without editing the file (repeatable): units.ID.staff=3, demand.cases_per_year=15000, "
                 "steps.ID.work=20min, steps.ID.next.TO.p=0.1, ... (see the man page)")
      ->option_text("PATH=VALUE")
      ->allow_extra_args(false);
}

LoadedProcess load_valid_process(std::string_view tool, const std::string& path,
                                 const std::vector<std::string>& assignments, bool needs_demand,
                                 const DiagnosticStyle& style) {
  std::string text;
  const std::string display = path == "-" ? "<stdin>" : path;
  if (path == "-") {
    text = read_standard_input();
  } else {
    Diagnostic problem;
    auto read = read_file(path, problem);
    if (!read) throw FatalError(fmt::format("cannot read {}: {}", quoted_path(path), problem.message.english()));
    text = std::move(*read);
  }
  ValidationResult result = validate_process(text, display);
  FileDiagnostics errors;
  errors.path = display;
  errors.source = text;
  for (const Diagnostic& d : result.diagnostics)
    if (d.severity == Severity::error) errors.diagnostics.push_back(d);
  if (result.process && !result.process->cases_per_year && needs_demand && errors.diagnostics.empty()) {
    Diagnostic missing;
    missing.rule = "no-demand";
    missing.location = {result.process->file, 1, 1};
    missing.message = phrase_of("{} needs `demand: {{cases_per_year: N}}`", tool);
    errors.diagnostics.push_back(missing);
  }
  if (!errors.diagnostics.empty() || !result.process) {
    ValidationReportOptions options;
    options.color = style.color;
    options.language = style.language;
    std::fflush(stdout);
    std::cerr << render_validation_file(errors, true, options);
    std::cerr << fmt::format("{}: error: {} is not a valid process ({} error{}); see paperflow-validate\n", tool,
                             quoted_path(display), errors.diagnostics.size(), errors.diagnostics.size() == 1 ? "" : "s");
    throw ExitWith{exit_fatal};
  }
  LoadedProcess loaded{std::move(*result.process), std::move(*result.graph), std::move(result.blocks),
                       std::move(result.visits), display, std::move(text)};
  for (const std::string& assignment : assignments) {
    if (auto problem = apply_what_if(loaded.process, assignment))
      throw FatalError(fmt::format("--set {}: {}", assignment, problem->message.english()));
  }
  if (!assignments.empty()) {
    // A choice's new probability changes the edges and the visits; the
    // blocks, made of the routing's structure, stay.
    loaded.graph = RoutingGraph(loaded.process);
    Visits visits = solve_visits(loaded.process, loaded.graph);
    if (visits.problem) fail_at(tool, loaded, *visits.problem, "is not a valid process after --set", style);
    loaded.visits = std::move(visits.per_step);
  }
  return loaded;
}

void fail_at(std::string_view tool, const LoadedProcess& loaded, const Diagnostic& problem, std::string_view what,
             const DiagnosticStyle& style) {
  ValidationReportOptions options;
  options.color = style.color;
  options.language = style.language;
  std::fflush(stdout);
  std::cerr << render_validation_file({loaded.display, loaded.source, {problem}}, true, options);
  std::cerr << fmt::format("{}: error: {} {}\n", tool, quoted_path(loaded.display), what);
  throw ExitWith{exit_fatal};
}

void add_language_option(CLI::App& app, std::string& lang) {
  app.add_option("--lang", lang,
                 "Language of text, Markdown and HTML: de or en (default: from LC_ALL, LC_MESSAGES, LANG; "
                 "JSON and other machine formats never change)")
      ->check(CLI::IsMember({"de", "en"}))
      ->option_text("de|en");
}

Language chosen_language(const std::string& lang) {
  const Language language = lang.empty() ? language_from_locale(std::getenv("LC_ALL"), std::getenv("LC_MESSAGES"),
                                                                std::getenv("LANG"))
                                         : *parse_language(lang);
  if (language != Language::de) return language;
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path exe = fs::read_symlink("/proc/self/exe", error);
  const std::string locale_dir = error ? std::string() : (exe.parent_path().parent_path() / "share" / "locale").string();
  if (!locale_dir.empty() && load_german_translations(locale_dir)) return language;
  const std::string problem = fmt::format("the German texts were not found in {}", quoted_path(locale_dir));
  // Asked for by name, German is a promise; from the locale, English is a
  // fair answer, with a word why.
  if (!lang.empty()) throw FatalError(problem + "; reinstall paperflow, or give --lang en");
  std::cerr << "warning: " << problem << "; writing English\n";
  return Language::en;
}

DiagnosticStyle diagnostic_style(ColorMode color, const std::string& lang) {
  return {use_color(color, stderr), lang == "de" ? chosen_language(lang) : Language::en};
}

std::string find_catalogue() {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path exe = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "paperflow" / "measures.yaml";
    if (fs::exists(installed, error)) return installed.string();
  }
  return fs::exists(PAPERFLOW_SOURCE_CATALOGUE, error) ? PAPERFLOW_SOURCE_CATALOGUE : "";
}

std::vector<Measure> read_measures(const std::string& path, const DiagnosticStyle& style) {
  Diagnostic problem;
  auto text = read_file(path, problem);
  if (!text) throw FatalError(fmt::format("cannot read measures {}: {}", quoted_path(path), problem.message.english()));
  MeasuresLoadResult loaded = load_measures(*text, path);
  if (has_errors(loaded.diagnostics)) {
    FileDiagnostics file{path, *text, loaded.diagnostics};
    ValidationReportOptions report;
    report.color = style.color;
    report.language = style.language;
    std::fflush(stdout);
    std::cerr << render_validation_file(file, true, report);
    throw FatalError(fmt::format("{} is not a valid measures file", quoted_path(path)));
  }
  return std::move(loaded.measures);
}

void add_measure_options(CLI::App& app, MeasureSources& sources) {
  app.add_option("--measures", sources.measures_file, "More measures (same format); they override by id")
      ->option_text("FILE");
  app.add_option("--catalogue", sources.catalogue, "Use this catalogue instead of the shipped one")->option_text("FILE");
  app.add_flag("--no-catalogue", sources.no_catalogue, "Only the process's own measures and --measures");
}

std::vector<std::string> measure_files(const MeasureSources& sources) {
  std::vector<std::string> files{sources.measures_file};
  if (!sources.no_catalogue) files.push_back(sources.catalogue.empty() ? find_catalogue() : sources.catalogue);
  return files;
}

MeasureLists measure_lists(const MeasureSources& sources, const DiagnosticStyle& style) {
  MeasureLists lists;
  if (!sources.no_catalogue) {
    const std::string catalogue = sources.catalogue.empty() ? find_catalogue() : sources.catalogue;
    std::error_code error;
    if (catalogue.empty() || !std::filesystem::exists(catalogue, error))
      throw FatalError("the measure catalogue was not found; give --catalogue FILE or --no-catalogue");
    lists.catalogue = read_measures(catalogue, style);
  }
  if (!sources.measures_file.empty()) lists.extra = read_measures(sources.measures_file, style);
  return lists;
}

std::vector<Measure> known_measures(const MeasureSources& sources, const Process& process,
                                    const DiagnosticStyle& style) {
  const MeasureLists lists = measure_lists(sources, style);
  return merge_measures({lists.catalogue, process.measures, lists.extra});
}

std::string version_text(std::string_view tool) { return fmt::format("{} {}", tool, PAPERFLOW_VERSION); }

int run_tool(std::string_view tool, CLI::App& app, int argc, char** argv, const std::function<int()>& body) {
  try {
    try {
      app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
      app.exit(e);
      return exit_ok;
    } catch (const CLI::CallForAllHelp& e) {
      app.exit(e);
      return exit_ok;
    } catch (const CLI::CallForVersion& e) {
      app.exit(e);
      return exit_ok;
    } catch (const CLI::ParseError& e) {
      std::cerr << fmt::format("{}: error: {}\nTry '{} --help' for the options.\n", tool, e.what(), tool);
      return exit_fatal;
    }
    return body();
  } catch (const ExitWith& e) {
    return e.status;
  } catch (const FatalError& e) {
    std::cerr << fmt::format("{}: error: {}\n", tool, e.what());
    return exit_fatal;
  } catch (const std::exception& e) {
    std::cerr << fmt::format("{}: internal error: {}\nPlease report this with the input that caused it.\n", tool,
                             e.what());
    return exit_fatal;
  }
}

}  // namespace paperflow::cli
