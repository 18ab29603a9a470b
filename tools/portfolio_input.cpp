#include "portfolio_input.h"

#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "paperflow/organisation.h"
#include "paperflow/report_validation.h"
#include "paperflow/source_file.h"
#include "paperflow/what_if.h"

namespace paperflow::cli {

bool is_organisation_file(const std::string& path) {
  if (path == "-") return false;
  // Only a regular file is looked into: reading a pipe (the shell's
  // <(...), a FIFO) here would take the text the process loader reads next.
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return false;
  Diagnostic ignored;
  auto text = read_file(path, ignored);
  return text && is_organisation_text(*text);
}

LoadedPortfolio load_valid_portfolio(std::string_view tool, const std::string& path,
                                     const std::vector<std::string>& assignments, bool needs_demand,
                                     const DiagnosticStyle& style, unsigned threads) {
  Diagnostic problem;
  auto text = read_file(path, problem);
  if (!text) throw FatalError(fmt::format("cannot read {}: {}", quoted_path(path), problem.message.english()));
  PortfolioValidation validation = validate_portfolio(*text, path, threads);
  // A process without demand is an error here: the portfolio's figures need
  // every process's rate.
  if (validation.portfolio && needs_demand)
    for (std::size_t p = 0; p < validation.portfolio->processes.size(); ++p) {
      const Process& process = validation.portfolio->processes[p].process;
      if (process.cases_per_year) continue;
      Diagnostic missing;
      missing.rule = "no-demand";
      missing.location = {process.file, 1, 1};
      missing.message = phrase_of("{} needs `demand: {{cases_per_year: N}}` in every process of the organisation", tool);
      validation.files[p + 1].diagnostics.push_back(std::move(missing));
    }
  ValidationReportOptions options;
  options.color = style.color;
  options.language = style.language;
  std::size_t errors = 0;
  std::string report;
  for (const PortfolioFile& file : validation.files) {
    FileDiagnostics shown{file.path, file.text, {}};
    for (const Diagnostic& d : file.diagnostics)
      if (d.severity == Severity::error) shown.diagnostics.push_back(d);
    if (shown.diagnostics.empty()) continue;
    errors += shown.diagnostics.size();
    report += render_validation_file(shown, report.empty(), options);
  }
  if (errors > 0 || !validation.portfolio) {
    std::fflush(stdout);
    std::cerr << report;
    std::cerr << fmt::format("{}: error: {} is not a valid organisation ({} error{}); see paperflow-validate\n", tool,
                             quoted_path(path), errors, errors == 1 ? "" : "s");
    throw ExitWith{exit_fatal};
  }
  LoadedPortfolio loaded{std::move(*validation.portfolio), path};
  for (const std::string& assignment : assignments)
    if (auto failed = apply_what_if(loaded.portfolio, assignment))
      throw FatalError(fmt::format("--set {}: {}", assignment, failed->message.english()));
  return loaded;
}

}  // namespace paperflow::cli
