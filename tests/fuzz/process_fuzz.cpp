// Fuzz target: a process file from outside. Validation reports, never
// crashes, each diagnostic at a line of the file; a valid process with demand is analysed, to finite figures, and
// written back as a person writes it; read again, it must have exactly the
// same durations and give the same figures (the writer's round trip). The
// steps read one at a time, as load_process reads them, give what the whole
// tree gives: the same diagnostics, the same model.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "paperflow/analysis.h"
#include "paperflow/process_writer.h"
#include "paperflow/validate.h"
#include "step_reading.h"

using namespace paperflow;

namespace {

void require_same_reading(std::string_view text) {
  const LoadResult streamed = load_process(text, "fuzz.yaml", StepReading::streamed);
  const LoadResult whole = load_process(text, "fuzz.yaml", StepReading::whole);
  fuzz::require(streamed.diagnostics.size() == whole.diagnostics.size(), "streamed steps: other diagnostics");
  for (std::size_t i = 0; i < whole.diagnostics.size(); ++i) {
    const Diagnostic& a = streamed.diagnostics[i];
    const Diagnostic& b = whole.diagnostics[i];
    fuzz::require(a.rule == b.rule && a.severity == b.severity && a.location.line == b.location.line &&
                      a.location.column == b.location.column && a.message.english() == b.message.english(),
                  "streamed steps: another diagnostic");
  }
  fuzz::require(streamed.routing_complete == whole.routing_complete, "streamed steps: routing read otherwise");
  fuzz::require(streamed.process.has_value() == whole.process.has_value(), "streamed steps: no model");
  if (whole.process)
    fuzz::require(write_process_yaml(*streamed.process) == write_process_yaml(*whole.process),
                  "streamed steps: another model");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ValidationResult result = validate_process(text, "fuzz.yaml");
  fuzz::require_explained(result.diagnostics);
  require_same_reading(text);
  for (const Diagnostic& d : result.diagnostics) fuzz::require_placed(d, text);
  if (!result.valid() || !result.process->cases_per_year) return 0;
  const Process& process = *result.process;
  RoutingGraph graph(process);
  const Analysis before = analyse(process, graph, result.blocks);
  fuzz::require_finite_figures(before);

  fuzz::require_round_trip(process, before, "round trip");
  return 0;
}
