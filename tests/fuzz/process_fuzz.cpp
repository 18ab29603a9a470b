// Fuzz target: a process file from outside. Validation reports, never
// crashes, each diagnostic at a line of the file; a valid process with demand is analysed, to finite figures, and
// written back as a person writes it; read again, it must have exactly the
// same durations and give the same figures (the writer's round trip).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "paperflow/analysis.h"
#include "paperflow/validate.h"

using namespace paperflow;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ValidationResult result = validate_process(text, "fuzz.yaml");
  fuzz::require_explained(result.diagnostics);
  for (const Diagnostic& d : result.diagnostics) fuzz::require_placed(d, text);
  if (!result.valid() || !result.process->cases_per_year) return 0;
  const Process& process = *result.process;
  RoutingGraph graph(process);
  const Analysis before = analyse(process, graph, result.blocks);
  fuzz::require_finite_figures(before);

  fuzz::require_round_trip(process, before, "round trip");
  return 0;
}
