// paperflow-plan: the digitisation plan for a process file, or for every
// process of an organisation file: which measures, in which order, with
// what effect and cost (man/paperflow-plan.1).
#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "common.h"
#include "options/plan.h"
#include "paperflow/loader.h"
#include "paperflow/organisation_writer.h"
#include "paperflow/plan.h"
#include "paperflow/portfolio_plan.h"
#include "paperflow/process_writer.h"
#include "paperflow/report_plan.h"
#include "paperflow/report_portfolio_plan.h"
#include "paperflow/report_validation.h"
#include "paperflow/uncertainty.h"
#include "paperflow/validate.h"
#include "portfolio_input.h"

namespace {

using namespace paperflow;

using Options = cli::PlanToolOptions;

PlanOptions plan_options_of(const Options& options) {
  PlanOptions plan_options;
  plan_options.objective = *parse_plan_objective(options.objective);
  if (options.budget >= 0) plan_options.budget = options.budget;
  plan_options.horizon_years = options.horizon;
  plan_options.discount_rate = options.discount_rate;
  plan_options.optimism_bias_percent = options.optimism_bias;
  return plan_options;
}

// The plan of every process of an organisation file. --emit-after names a
// directory: the changed process files (PROCESS_ID.yaml) and the
// organisation file, whose `processes` list them and the unchanged
// processes' own files, are written into it.
int run_portfolio(const Options& options) {
  namespace fs = std::filesystem;
  if (options.uncertainty > 0)
    throw cli::FatalError("--uncertainty draws the plan of one process, not of an organisation; plan a process file for it");
  const Language language = options.format == "json" ? Language::en : cli::chosen_language(options.lang);
  const cli::DiagnosticStyle diagnostics = cli::diagnostic_style(options.color, options.lang);
  const unsigned threads = cli::thread_count(options.threads);
  const cli::LoadedPortfolio loaded = cli::load_valid_portfolio("paperflow-plan", options.path, options.assignments,
                                                                /*needs_demand=*/true, diagnostics, threads);
  const Portfolio& portfolio = loaded.portfolio;
  const fs::path organisation_dir = fs::path(options.path).parent_path();
  std::vector<std::string> inputs = cli::measure_files(options.measures);
  inputs.push_back(options.path);
  for (const PortfolioProcess& member : portfolio.processes) inputs.push_back((organisation_dir / member.path).string());
  // Every file the run may write is checked before any is written.
  std::vector<cli::OutputFile> outputs{{"-o", options.output}};
  const fs::path emit_dir = options.emit_after;
  if (!options.emit_after.empty()) {
    std::error_code error;
    if (!fs::is_directory(emit_dir, error))
      throw cli::FatalError(fmt::format("--emit-after {}: for an organisation file, give an existing directory",
                                        cli::quoted_path(options.emit_after)));
    outputs.push_back({"--emit-after", (emit_dir / fs::path(options.path).filename()).string()});
    for (const PortfolioProcess& member : portfolio.processes)
      outputs.push_back({"--emit-after", (emit_dir / (member.process.info.id + ".yaml")).string()});
  }
  cli::check_outputs(outputs, inputs);

  const cli::MeasureLists lists = cli::measure_lists(options.measures, diagnostics);
  const PortfolioPlan plan = make_portfolio_plan(portfolio, portfolio_measures(portfolio, lists.catalogue, lists.extra),
                                                 plan_options_of(options), threads);
  if (!options.emit_after.empty()) {
    std::vector<std::string> measure_ids;  // each once: a measure may be planned in several processes
    for (const PortfolioPlannedMeasure& m : plan.measures)
      if (std::find(measure_ids.begin(), measure_ids.end(), m.figures.id) == measure_ids.end())
        measure_ids.push_back(m.figures.id);
    std::string ids;
    for (const std::string& id : measure_ids) ids += (ids.empty() ? "" : ", ") + id;
    const std::string from =
        fmt::format("written by paperflow-plan from {}", escape_control_characters(options.path));
    std::vector<std::string> listed;
    for (std::size_t p = 0; p < portfolio.processes.size(); ++p) {
      const PortfolioProcess& member = portfolio.processes[p];
      if (!plan.changed[p]) {
        // The unchanged process's own file, as seen from the directory.
        std::error_code error;
        const fs::path original = fs::weakly_canonical(organisation_dir / member.path, error);
        const fs::path relative = fs::proximate(original, fs::weakly_canonical(emit_dir, error), error);
        listed.push_back(relative.generic_string());
        continue;
      }
      std::string applied;
      for (const PortfolioPlannedMeasure& m : plan.measures)
        if (std::find(m.processes.begin(), m.processes.end(), p) != m.processes.end())
          applied += (applied.empty() ? "" : ", ") + m.figures.id;
      const std::string file = member.process.info.id + ".yaml";
      cli::write_output((emit_dir / file).string(),
                        write_process_yaml(plan.after_processes[p],
                                           fmt::format("{} after the measures: {}\n{}", member.process.info.name,
                                                       applied, from)));
      listed.push_back(file);
    }
    cli::write_output((emit_dir / fs::path(options.path).filename()).string(),
                      write_organisation_yaml(portfolio.organisation, listed,
                                              fmt::format("{} after the measures: {}\n{}", portfolio.organisation.name,
                                                          ids.empty() ? "none" : ids, from)));
  }
  std::string text;
  const PlanReportOptions report{options.output.empty() && cli::use_color(options.color, stdout), language};
  if (options.format == "json") text = render_portfolio_plan_json(portfolio, plan);
  else if (options.format == "markdown") text = render_portfolio_plan_markdown(portfolio, plan, report);
  else text = render_portfolio_plan_text(portfolio, plan, report);
  cli::write_output(options.output, text);
  return cli::exit_ok;
}

int run(const Options& options) {
  if (cli::is_organisation_file(options.path)) return run_portfolio(options);
  std::vector<std::string> inputs = cli::measure_files(options.measures);
  inputs.push_back(options.path);
  // Both files are checked before either is written: a refused -o leaves
  // no --emit-after file behind.
  cli::check_outputs({{"--emit-after", options.emit_after}, {"-o", options.output}}, inputs);
  const Language language = options.format == "json" ? Language::en : cli::chosen_language(options.lang);
  const cli::DiagnosticStyle diagnostics = cli::diagnostic_style(options.color, options.lang);
  cli::LoadedProcess loaded =
      cli::load_valid_process("paperflow-plan", options.path, options.assignments, /*needs_demand=*/true, diagnostics);
  const PlanOptions plan_options = plan_options_of(options);
  const std::vector<Measure> known = cli::known_measures(options.measures, loaded.process, diagnostics);
  const Plan plan = make_plan(loaded.process, known, plan_options);
  std::optional<PlanUncertainty> uncertainty;
  if (options.uncertainty > 0)
    uncertainty = assess_uncertainty(loaded.process, known, plan,
                                     {options.uncertainty, options.seed, cli::thread_count(options.threads)});
  const PlanUncertainty* drawn = uncertainty ? &*uncertainty : nullptr;

  if (!options.emit_after.empty()) {
    std::string ids;
    for (const PlannedMeasure& m : plan.measures) ids += (ids.empty() ? "" : ", ") + m.id;
    cli::write_output(options.emit_after,
                      write_process_yaml(plan.after_process,
                                         fmt::format("{} after the measures: {}\nwritten by paperflow-plan from {}",
                                                     loaded.process.info.name, ids.empty() ? "none" : ids,
                                                     escape_control_characters(options.path))));
  }
  std::string text;
  if (options.format == "json") text = render_plan_json(loaded.process, plan, drawn);
  const PlanReportOptions report{options.output.empty() && cli::use_color(options.color, stdout),
                                 language};
  if (options.format == "markdown") text = render_plan_markdown(loaded.process, plan, report, drawn);
  else if (options.format != "json") text = render_plan_text(loaded.process, plan, report, drawn);
  cli::write_output(options.output, text);
  return cli::exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app;
  cli::set_up(app, options);
  return cli::run_tool("paperflow-plan", app, argc, argv, [&] { return run(options); });
}
