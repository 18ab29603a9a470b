// paperflow-bpmn: a process file as BPMN 2.0 XML with its diagram, for the
// modelling tools administrations use (man/paperflow-bpmn.1, docs/bpmn.md).
#include <fmt/format.h>

#include "common.h"
#include "options/bpmn.h"
#include "paperflow/bpmn_export.h"
#include "portfolio_input.h"

namespace {

using namespace paperflow;

using Options = cli::BpmnOptions;

int run(const Options& options) {
  cli::check_outputs({{"-o", options.output}}, {options.path});
  // One BPMN file holds one authority's process; an organisation's
  // processes are each a file of their own.
  if (cli::is_organisation_file(options.path))
    throw cli::FatalError(fmt::format("{} is an organisation file; export each process it lists on its own",
                                      cli::quoted_path(options.path)));
  const cli::LoadedProcess loaded =
      cli::load_valid_process("paperflow-bpmn", options.path, {}, /*needs_demand=*/false,
                              cli::DiagnosticStyle{cli::use_color(options.color, stderr)});
  cli::write_output(options.output, render_bpmn(loaded.process));
  return cli::exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app;
  cli::set_up(app, options);
  return cli::run_tool("paperflow-bpmn", app, argc, argv, [&] { return run(options); });
}
