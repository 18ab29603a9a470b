// paperflow-bpmn: a process file as BPMN 2.0 XML with its diagram, for the
// modelling tools administrations use, and a BPMN file back as a process
// file (man/paperflow-bpmn.1, docs/bpmn.md).
#include <algorithm>
#include <iostream>

#include <fmt/format.h>

#include "common.h"
#include "options/bpmn.h"
#include "paperflow/bpmn_export.h"
#include "paperflow/bpmn_import.h"
#include "paperflow/report_validation.h"
#include "paperflow/source_file.h"
#include "paperflow/validate.h"
#include "portfolio_input.h"

namespace {

using namespace paperflow;

using Options = cli::BpmnOptions;

int export_process(const Options& options) {
  cli::check_outputs({{"-o", options.output}}, {options.path});
  // One BPMN file holds one authority's process; an organisation's
  // processes are each a file of their own.
  if (cli::is_organisation_file(options.path))
    throw cli::FatalError(fmt::format("{} is an organisation file; export each process it lists on its own",
                                      cli::quoted_path(options.path)));
  const cli::LoadedProcess loaded = cli::load_valid_process("paperflow-bpmn", options.path, {}, /*needs_demand=*/false,
                                                            cli::diagnostic_style(options.color, options.lang));
  cli::write_output(options.output, render_bpmn(loaded.process));
  return cli::exit_ok;
}

// The import: the BPMN's own problems and guesses, then the process file's
// problems placed in the BPMN, all printed as paperflow-validate prints
// them; the file is written only when it is a valid process and nothing
// paperflow cannot model was left out without --lenient.
int import_bpmn_file(const Options& options) {
  cli::check_outputs({{"-o", options.output}}, {options.import_path});
  const std::string display = options.import_path == "-" ? "<stdin>" : options.import_path;
  std::string text;
  if (options.import_path == "-") {
    text = cli::read_standard_input();
  } else {
    Diagnostic problem;
    auto read = read_file(options.import_path, problem);
    if (!read)
      throw cli::FatalError(
          fmt::format("cannot read {}: {}", cli::quoted_path(options.import_path), problem.message.english()));
    text = std::move(*read);
  }
  BpmnImport imported = import_bpmn(text, display, {options.lenient});
  // Not BPMN, or BPMN with broken references: exit 2, as for any file that
  // cannot be read; BPMN paperflow cannot model: exit 1.
  const bool unreadable = std::any_of(imported.diagnostics.begin(), imported.diagnostics.end(), [](const Diagnostic& d) {
    return d.rule == "bpmn-xml" || d.rule == "bpmn-structure" || d.rule == "limits";
  });
  const bool unsupported = has_errors(imported.diagnostics);
  Diagnostics diagnostics = std::move(imported.diagnostics);
  bool invalid = false;
  if (!imported.process_file.empty()) {
    ValidationResult checked = validate_process(imported.process_file, display);
    place_in_bpmn(checked.diagnostics, imported);
    invalid = has_errors(checked.diagnostics);
    diagnostics.insert(diagnostics.end(), checked.diagnostics.begin(), checked.diagnostics.end());
    sort_by_location(diagnostics);
  }
  // A file that is not written shows what stops it; its guesses wait for
  // the run that writes it.
  if (unreadable || unsupported || invalid)
    std::erase_if(diagnostics, [](const Diagnostic& d) { return d.severity != Severity::error; });
  if (!diagnostics.empty()) {
    const cli::DiagnosticStyle style = cli::diagnostic_style(options.color, options.lang);
    ValidationReportOptions report;
    report.color = style.color;
    report.language = style.language;
    std::fflush(stdout);
    std::cerr << render_validation_file({display, text, diagnostics}, true, report);
  }
  if (unreadable) {
    std::cerr << fmt::format("paperflow-bpmn: error: {} cannot be imported\n", cli::quoted_path(display));
    return cli::exit_fatal;
  }
  if (unsupported || invalid) {
    std::cerr << fmt::format("paperflow-bpmn: error: {} {}; nothing written\n", cli::quoted_path(display),
                             !unsupported ? "does not make a valid process"
                             // A process file came: all that stops it can be flattened.
                             : !options.lenient && !imported.process_file.empty()
                                 ? "holds what paperflow cannot model (--lenient flattens or drops it)"
                                 : "holds what paperflow cannot model, even flattened");
    return cli::exit_problems;
  }
  cli::write_output(options.output, imported.process_file);
  const auto guesses = std::count_if(diagnostics.begin(), diagnostics.end(),
                                     [](const Diagnostic& d) { return d.rule == "bpmn-guess"; });
  if (guesses > 0)
    std::cerr << fmt::format("paperflow-bpmn: {} value{} BPMN does not say {} a guess, marked # TODO in the process file\n",
                             guesses, guesses == 1 ? "" : "s", guesses == 1 ? "is" : "are");
  return cli::exit_ok;
}

int run(const Options& options) {
  return options.import_path.empty() ? export_process(options) : import_bpmn_file(options);
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app;
  cli::set_up(app, options);
  return cli::run_tool("paperflow-bpmn", app, argc, argv, [&] { return run(options); });
}
