// paperflow-analyse: the normative analysis of a process file: where the
// time goes and which unit is the bottleneck (man/paperflow-analyse.1).
#include <fmt/format.h>

#include "common.h"
#include "paperflow/analysis.h"
#include "paperflow/report_analysis.h"

namespace {

using namespace paperflow;

struct Options {
  std::string path;
  std::string format = "text";
  std::vector<std::string> assignments;
  std::size_t top = 10;
  cli::ColorMode color = cli::ColorMode::automatic;
  std::string output;
};

int run(const Options& options) {
  const bool color = options.output.empty() && cli::use_color(options.color, stdout);
  cli::LoadedProcess loaded = cli::load_valid_process("paperflow-analyse", options.path, options.assignments,
                                                      /*needs_demand=*/true, cli::use_color(options.color, stderr));
  const Analysis analysis = analyse(loaded.process, loaded.graph, loaded.blocks, loaded.visits);
  AnalysisReportOptions report{options.top, color};
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
  CLI::App app{"Analyse a process file: lead time, touch time, cost, media breaks, utilisation and queue wait per "
               "unit, the bottleneck, the steps that cost the most time, and the OZG maturity level.",
               "paperflow-analyse"};
  app.set_version_flag("--version", cli::version_text("paperflow-analyse"));
  cli::add_process_argument(app, options.path);
  app.add_option("-f,--format", options.format, "Output format: text (a dashboard), markdown (a report section), json")
      ->check(CLI::IsMember({"text", "markdown", "json"}))
      ->option_text("FORMAT");
  cli::add_set_option(app, options.assignments);
  app.add_option("--top", options.top, "Steps listed by lead time in text and markdown (default 10)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}))
      ->option_text("N");
  cli::add_color_option(app, options.color);
  cli::add_output_option(app, options.output);
  app.footer(
      "Exit status: 0 success, 2 usage error, unreadable file, or not a valid process (its errors are printed as "
      "paperflow-validate prints them).\nSee man paperflow-analyse for the formulas.");
  return cli::run_tool("paperflow-analyse", app, argc, argv, [&] { return run(options); });
}
