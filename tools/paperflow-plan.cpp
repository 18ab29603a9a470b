// paperflow-plan: the digitisation plan for a process file: which measures,
// in which order, with what effect and cost (man/paperflow-plan.1).
#include <fmt/format.h>

#include "common.h"
#include "paperflow/loader.h"
#include "paperflow/plan.h"
#include "paperflow/process_writer.h"
#include "paperflow/report_plan.h"
#include "paperflow/report_validation.h"
#include "paperflow/validate.h"


namespace {

using namespace paperflow;

struct Options {
  std::string path;
  std::string format = "text";
  std::vector<std::string> assignments;
  cli::MeasureSources measures;
  double budget = -1;
  std::string objective = "cost";
  std::string emit_after;
  cli::ColorMode color = cli::ColorMode::automatic;
  std::string output;
};

int run(const Options& options) {
  const bool color_err = cli::use_color(options.color, stderr);
  cli::LoadedProcess loaded =
      cli::load_valid_process("paperflow-plan", options.path, options.assignments, /*needs_demand=*/true, color_err);
  PlanOptions plan_options;
  plan_options.objective = *parse_plan_objective(options.objective);
  if (options.budget >= 0) plan_options.budget = options.budget;
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
  CLI::App app{"The digitisation plan for a process: which measures, in which order, what each buys (lead time, "
               "staff hours freed, euros, media breaks) and costs, the process before and after.",
               "paperflow-plan"};
  app.set_version_flag("--version", cli::version_text("paperflow-plan"));
  cli::add_process_argument(app, options.path);
  app.add_option("-f,--format", options.format, "Output format: text, markdown (a report section), json")
      ->check(CLI::IsMember({"text", "markdown", "json"}))
      ->option_text("FORMAT");
  cli::add_measure_options(app, options.measures);
  app.add_option("--budget", options.budget, "One-off budget in EUR: plan the set with the largest yearly saving that "
                                             "fits (exact for up to 20 measures)")
      ->check(CLI::Range(0.0, 1e15))
      ->option_text("EUR");
  app.add_option("--objective", options.objective, "What orders the measures in a wave: cost, lead-time, media-breaks")
      ->check(CLI::IsMember({"cost", "lead-time", "media-breaks"}))
      ->option_text("NAME");
  app.add_option("--emit-after", options.emit_after, "Write the process after the plan as a valid process file")
      ->option_text("FILE");
  cli::add_set_option(app, options.assignments);
  cli::add_color_option(app, options.color);
  cli::add_output_option(app, options.output);
  app.footer("Exit status: 0 success, 2 usage error, unreadable file, not a valid process with demand, or a bad "
             "measures file.\nSee man paperflow-plan.");
  return cli::run_tool("paperflow-plan", app, argc, argv, [&] { return run(options); });
}
