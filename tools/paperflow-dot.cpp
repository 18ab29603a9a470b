// paperflow-dot: the process as a Graphviz diagram with swimlanes per unit
// (tools.md, "paperflow-dot"); DOT on standard output, or rendered by dot.
#include <fmt/format.h>

#include "common.h"
#include "graphviz.h"
#include "paperflow/analysis.h"
#include "paperflow/dot.h"

namespace {

using namespace paperflow;

struct Options {
  std::string path;
  std::string type;  // empty: DOT text
  std::string output;
  bool heat = false;
  std::vector<std::string> assignments;
};

int run(const Options& options) {
  cli::LoadedProcess loaded = cli::load_valid_process("paperflow-dot", options.path, options.assignments,
                                                      /*needs_demand=*/options.heat,
                                                      cli::use_color(cli::ColorMode::automatic, stderr));
  std::optional<Analysis> analysis;
  DotOptions dot;
  if (options.heat) {
    RoutingGraph graph(loaded.process);
    analysis = analyse(loaded.process, graph, loaded.blocks);
    dot.heat = &*analysis;
  }
  const std::string text = render_dot(loaded.process, dot);
  if (options.type.empty()) cli::write_output(options.output, text);
  else cli::render_with_graphviz(text, options.type, options.output);
  return cli::exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app{"Draw a process file as a Graphviz diagram: one swimlane per unit, shapes by kind of step, paper and "
               "digital steps filled apart, media breaks red and dashed, rework marked; labels in German.",
               "paperflow-dot"};
  app.set_version_flag("--version", cli::version_text("paperflow-dot"));
  app.add_option("file", options.path, "The process file, or - for standard input")->required()->option_text("FILE");
  app.add_option("-T", options.type, "Render with Graphviz to svg, png or pdf instead of printing DOT")
      ->check(CLI::IsMember({"svg", "png", "pdf"}))
      ->option_text("svg|png|pdf");
  app.add_option("-o,--output", options.output, "Write to FILE (atomically) instead of standard output")
      ->option_text("FILE");
  app.add_flag("--heat", options.heat,
               "Colour steps by their share of the lead time and lanes by utilisation, from the analysis; mark the "
               "bottleneck (needs demand)");
  cli::add_set_option(app, options.assignments);
  app.footer("Exit status: 0 success, 2 usage error, unreadable file, not a valid process, or Graphviz missing or "
             "failing.\nSee man paperflow-dot.");
  return cli::run_tool("paperflow-dot", app, argc, argv, [&] { return run(options); });
}
