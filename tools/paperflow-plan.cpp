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
#include "paperflow/validate.h"


namespace {

using namespace paperflow;

using Options = cli::PlanToolOptions;

int run(const Options& options) {
  const bool color_err = cli::use_color(options.color, stderr);
  cli::LoadedProcess loaded =
      cli::load_valid_process("paperflow-plan", options.path, options.assignments, /*needs_demand=*/true, color_err);
  PlanOptions plan_options;
  plan_options.objective = *parse_plan_objective(options.objective);
  if (options.budget >= 0) plan_options.budget = options.budget;
  plan_options.horizon_years = options.horizon;
  const Plan plan = make_plan(loaded.process, cli::known_measures(options.measures, loaded.process, color_err), plan_options);

  if (!options.emit_after.empty()) {
    std::string ids;
    for (const PlannedMeasure& m : plan.measures) ids += (ids.empty() ? "" : ", ") + m.id;
    cli::write_output(options.emit_after,
                      write_process_yaml(plan.after_process,
                                         fmt::format("{} after the measures: {}\nwritten by paperflow-plan from {}",
                                                     loaded.process.info.name, ids.empty() ? "none" : ids,
                                                     options.path)));
  }
  std::string text;
  if (options.format == "json") text = render_plan_json(loaded.process, plan);
  else if (options.format == "markdown") text = render_plan_markdown(loaded.process, plan);
  else text = render_plan_text(loaded.process, plan, options.output.empty() && cli::use_color(options.color, stdout));
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
