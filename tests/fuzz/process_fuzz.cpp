// Fuzz target: a process file from outside. Validation reports, never
// crashes; a valid process with demand is analysed, to finite figures, and
// written back as a person writes it; read again, it must have exactly the
// same durations and give the same figures (the writer's round trip).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "paperflow/analysis.h"
#include "paperflow/process_writer.h"
#include "paperflow/validate.h"

using namespace paperflow;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ValidationResult result = validate_process(text, "fuzz.yaml");
  fuzz::require_explained(result.diagnostics);
  if (!result.valid() || !result.process->cases_per_year) return 0;
  const Process& process = *result.process;
  RoutingGraph graph(process);
  const Analysis before = analyse(process, graph, result.blocks);
  fuzz::require_finite_figures(before);

  const std::string written = write_process_yaml(process, "round trip");
  fuzz::require_durations_written_plainly(written);
  ValidationResult again = validate_process(written, "written.yaml");
  fuzz::require(again.valid(), "the written process is valid");
  fuzz::require(again.process->steps.size() == process.steps.size(), "the same steps");
  for (std::size_t i = 0; i < process.steps.size(); ++i) {
    fuzz::require(fuzz::same(process.steps[i].work, again.process->steps[i].work), "the same work, exactly");
    fuzz::require(fuzz::same(process.steps[i].delay, again.process->steps[i].delay), "the same delay, exactly");
  }
  RoutingGraph graph_again(*again.process);
  const Analysis after = analyse(*again.process, graph_again, again.blocks);
  fuzz::require(fuzz::same(before.lead_time_hours, after.lead_time_hours), "the same lead time");
  fuzz::require(fuzz::same(before.touch_time_hours, after.touch_time_hours), "the same touch time");
  fuzz::require(fuzz::same(before.staff_cost_per_case, after.staff_cost_per_case), "the same staff cost");
  fuzz::require(fuzz::same(before.media_breaks_per_case, after.media_breaks_per_case), "the same media breaks");
  fuzz::require(fuzz::same(before.in_person_visits_per_case, after.in_person_visits_per_case), "the same visits");
  fuzz::require(before.ozg_level == after.ozg_level, "the same OZG level");
  fuzz::require(before.bottleneck == after.bottleneck, "the same bottleneck");
  fuzz::require(before.units.size() == after.units.size(), "the same units");
  for (std::size_t u = 0; u < before.units.size(); ++u)
    fuzz::require(fuzz::same(before.units[u].utilisation, after.units[u].utilisation), "the same utilisation");
  return 0;
}
