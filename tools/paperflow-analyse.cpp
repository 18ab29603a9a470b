// paperflow-analyse: the normative analysis of a process file: where the
// time goes and which unit is the bottleneck (man/paperflow-analyse.1).
#include <fmt/format.h>

#include "common.h"
#include "options/analyse.h"
#include "paperflow/analysis.h"
#include "paperflow/portfolio_analysis.h"
#include "paperflow/report_analysis.h"
#include "paperflow/report_portfolio.h"
#include "portfolio_input.h"

namespace {

using namespace paperflow;

using Options = cli::AnalyseOptions;

// An organisation file: the portfolio, each process with the shared units' waits.
int run_portfolio(const Options& options, Language language, bool color) {
  const unsigned threads = cli::thread_count(options.threads);
  cli::LoadedPortfolio loaded =
      cli::load_valid_portfolio("paperflow-analyse", options.path, options.assignments, /*needs_demand=*/true,
                                cli::diagnostic_style(options.color, options.lang), threads);
  const PortfolioAnalysis analysis = analyse_portfolio(loaded.portfolio, threads);
  PortfolioReportOptions report{options.top, color, language};
  std::string text;
  if (options.format == "json") text = render_portfolio_json(loaded.portfolio, analysis);
  else if (options.format == "markdown") text = render_portfolio_markdown(loaded.portfolio, analysis, report);
  else text = render_portfolio_text(loaded.portfolio, analysis, report);
  cli::write_output(options.output, text);
  return cli::exit_ok;
}

int run(const Options& options) {
  cli::check_outputs({{"-o", options.output}}, {options.path});
  const Language language = options.format == "json" ? Language::en : cli::chosen_language(options.lang);
  const bool color = options.output.empty() && cli::use_color(options.color, stdout);
  if (cli::is_organisation_file(options.path)) return run_portfolio(options, language, color);
  cli::LoadedProcess loaded = cli::load_valid_process("paperflow-analyse", options.path, options.assignments,
                                                      /*needs_demand=*/true, cli::diagnostic_style(options.color, options.lang));
  const Analysis analysis = analyse(loaded.process, loaded.graph, loaded.blocks, loaded.visits);
  AnalysisReportOptions report{options.top, color, language};
  std::string text;
  if (options.format == "json") text = render_analysis_json(loaded.process, analysis);
  else if (options.format == "markdown") text = render_analysis_markdown(loaded.process, analysis, report);
  else text = render_analysis_text(loaded.process, analysis, report);
  cli::write_output(options.output, text);
  return cli::exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app;
  cli::set_up(app, options);
  return cli::run_tool("paperflow-analyse", app, argc, argv, [&] { return run(options); });
}
