// paperflow-report: one self-contained HTML report of a process for a head
// of department (man/paperflow-report.1): the analysis, the diagrams, the
// simulation and the plan, each computed as the other tools compute it.
#include <filesystem>

#include <fmt/format.h>

#include "browser.h"
#include "common.h"
#include "graphviz.h"
#include "options/report.h"
#include "paperflow/analysis.h"
#include "paperflow/dot.h"
#include "paperflow/plan.h"
#include "paperflow/portfolio_analysis.h"
#include "paperflow/portfolio_plan.h"
#include "paperflow/portfolio_simulation.h"
#include "paperflow/dot_portfolio.h"
#include "paperflow/report_html.h"
#include "paperflow/simulation.h"
#include "paperflow/uncertainty.h"
#include "portfolio_input.h"

namespace {

using namespace paperflow;

using Options = cli::ReportOptions;

// The swimlane diagram with its heat map, as SVG from Graphviz.
std::string diagram(const Process& process, const Analysis& analysis, std::string state) {
  DotOptions dot;
  dot.heat = &analysis;
  dot.state = std::move(state);
  // Bands a landscape A4 page wide: the report prints each on its own page.
  dot.page_width = *landscape_page_width("a4");
  return cli::graphviz_output(render_dot(process, dot), "svg");
}

// An organisation file: the portfolio first, then each process as it runs
// in the organisation, with the shared units' waits.
int run_portfolio(const Options& options, Language language, const cli::DiagnosticStyle& diagnostics) {
  if (options.uncertainty > 0)
    throw cli::FatalError("--uncertainty draws the plan of one process, not of an organisation; report a process file for it");
  const unsigned threads = cli::thread_count(options.threads);
  cli::LoadedPortfolio loaded = cli::load_valid_portfolio("paperflow-report", options.path, options.assignments,
                                                          /*needs_demand=*/true, diagnostics, threads);
  const Portfolio& portfolio = loaded.portfolio;
  const PortfolioAnalysis analysis = analyse_portfolio(portfolio, threads);
  std::vector<Process> processes;
  processes.reserve(portfolio.processes.size());
  for (std::size_t p = 0; p < portfolio.processes.size(); ++p) processes.push_back(portfolio.as_in_organisation(p));
  std::vector<HtmlProcessSection> sections(processes.size());
  for (std::size_t p = 0; p < processes.size(); ++p) {
    HtmlProcessSection& section = sections[p];
    section.process = &processes[p];
    section.analysis = &analysis.processes[p];
    section.source = portfolio.processes[p].path;
    section.diagram_svg = diagram(processes[p], analysis.processes[p], "Ist-Prozess");
  }
  // One simulation of all processes together: each process's lead times
  // under the load the others put on the shared units.
  std::optional<PortfolioSimulationResult> simulation;
  if (!options.no_simulate) {
    SimulationOptions s;
    s.seed = options.seed;
    s.cases = options.cases;
    s.replications = options.replications;
    s.threads = threads;
    s.histogram_bins = 30;
    simulation = simulate_portfolio(portfolio, s);
    if (simulation->problem)
      cli::fail_in_process_file("paperflow-report", loaded, *simulation->problem,
                                "cannot be simulated within the bounds of paperflow-simulate(1), BOUNDS; "
                                "--no-simulate leaves the simulation out",
                                diagnostics);
    for (std::size_t p = 0; p < sections.size(); ++p) {
      sections[p].simulation = &simulation->processes[p];
      sections[p].simulated_cases = options.cases;
    }
  }
  // One plan across the processes, as paperflow-plan makes it.
  std::optional<PortfolioPlan> plan;
  if (!options.no_plan) {
    PlanOptions p;
    if (options.budget >= 0) p.budget = options.budget;
    p.horizon_years = options.horizon;
    p.discount_rate = options.discount_rate;
    p.optimism_bias_percent = options.optimism_bias;
    const cli::MeasureLists lists = cli::measure_lists(options.measures, diagnostics);
    plan = make_portfolio_plan(portfolio, portfolio_measures(portfolio, lists.catalogue, lists.extra), p, threads);
  }
  HtmlPortfolioOverview overview;
  overview.portfolio = &portfolio;
  overview.analysis = &analysis;
  overview.overview_svg = cli::graphviz_output(render_portfolio_dot(portfolio, analysis), "svg");
  if (plan) overview.plan = &*plan;
  overview.source = std::filesystem::path(options.path).filename().string();
  const std::string html = render_report_html(overview, sections, {language, cli::version_text("paperflow")});
  if (!options.pdf.empty()) cli::print_to_pdf(html, options.pdf);
  cli::write_output(options.output, html);
  return cli::exit_ok;
}

int run(const Options& options) {
  std::vector<std::string> inputs = cli::measure_files(options.measures);
  inputs.push_back(options.path);
  cli::check_outputs({{"--pdf", options.pdf}, {"-o", options.output}}, inputs);
  const Language language = cli::chosen_language(options.lang);
  const cli::DiagnosticStyle diagnostics = cli::diagnostic_style(options.color, options.lang);
  if (cli::is_organisation_file(options.path)) return run_portfolio(options, language, diagnostics);
  cli::LoadedProcess loaded =
      cli::load_valid_process("paperflow-report", options.path, options.assignments, /*needs_demand=*/true, diagnostics);
  const Process& process = loaded.process;
  const Analysis analysis = analyse(process, loaded.graph, loaded.blocks, loaded.visits);

  HtmlProcessSection section;
  section.process = &process;
  section.analysis = &analysis;
  section.source = options.path == "-" ? std::string("-") : std::filesystem::path(options.path).filename().string();
  section.diagram_svg = diagram(process, analysis, "Ist-Prozess");

  std::optional<SimulationResult> simulation;
  if (!options.no_simulate) {
    SimulationOptions s;
    s.seed = options.seed;
    s.cases = options.cases;
    s.replications = options.replications;
    s.threads = cli::thread_count(options.threads);
    s.histogram_bins = 30;
    simulation = simulate(process, s);
    if (simulation->problem)
      cli::fail_at("paperflow-report", loaded, *simulation->problem,
                   "cannot be simulated within the bounds of paperflow-simulate(1), BOUNDS; --no-simulate leaves the "
                   "simulation out",
                   diagnostics);
    section.simulation = &*simulation;
    section.simulated_cases = options.cases;
  }

  std::optional<Plan> plan;
  std::optional<PlanUncertainty> uncertainty;
  if (!options.no_plan) {
    PlanOptions p;
    if (options.budget >= 0) p.budget = options.budget;
    p.horizon_years = options.horizon;
    p.discount_rate = options.discount_rate;
    p.optimism_bias_percent = options.optimism_bias;
    const std::vector<Measure> known = cli::known_measures(options.measures, process, diagnostics);
    plan = make_plan(process, known, p);
    section.plan = &*plan;
    if (!plan->measures.empty()) {
      std::string names;
      for (const PlannedMeasure& m : plan->measures) names += (names.empty() ? "" : ", ") + m.name;
      section.after_diagram_svg = diagram(plan->after_process, plan->after, "Soll-Prozess nach: " + names);
    }
    if (options.uncertainty > 0) {
      uncertainty = assess_uncertainty(process, known, *plan,
                                       {options.uncertainty, options.seed, cli::thread_count(options.threads)});
      section.uncertainty = &*uncertainty;
    }
  }

  const std::string html = render_report_html({section}, {language, cli::version_text("paperflow")});
  if (!options.pdf.empty()) cli::print_to_pdf(html, options.pdf);
  cli::write_output(options.output, html);
  return cli::exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app;
  cli::set_up(app, options);
  return cli::run_tool("paperflow-report", app, argc, argv, [&] { return run(options); });
}
