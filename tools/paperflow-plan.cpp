// paperflow-plan: the digitisation plan for a process file: which measures,
// in which order, with what effect and cost (man/paperflow-plan.1).
#include <fmt/format.h>

#include "common.h"
#include "options/plan.h"
#include "paperflow/loader.h"
#include "paperflow/plan.h"
#include "paperflow/process_writer.h"
#include "paperflow/report_plan.h"
#include "paperflow/report_validation.h"
#include "paperflow/uncertainty.h"
#include "paperflow/validate.h"


namespace {

using namespace paperflow;

using Options = cli::PlanToolOptions;

int run(const Options& options) {
  std::vector<std::string> inputs = cli::measure_files(options.measures);
  inputs.push_back(options.path);
  // Both files are checked before either is written: a refused -o leaves
  // no --emit-after file behind.
  cli::check_outputs({{"--emit-after", options.emit_after}, {"-o", options.output}}, inputs);
  const Language language = options.format == "json" ? Language::en : cli::chosen_language(options.lang);
  const cli::DiagnosticStyle diagnostics = cli::diagnostic_style(options.color, options.lang);
  cli::LoadedProcess loaded =
      cli::load_valid_process("paperflow-plan", options.path, options.assignments, /*needs_demand=*/true, diagnostics);
  PlanOptions plan_options;
  plan_options.objective = *parse_plan_objective(options.objective);
  if (options.budget >= 0) plan_options.budget = options.budget;
  plan_options.horizon_years = options.horizon;
  plan_options.discount_rate = options.discount_rate;
  plan_options.optimism_bias_percent = options.optimism_bias;
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
