// Fuzz target: one `--set PATH=VALUE` from the command line, applied to a
// valid process. A bad assignment is refused with a message and leaves the
// process as it was; an accepted one leaves a process that is still valid
// when written and read again, with exactly the same durations, and that
// analyses to finite figures. The model's working day of 7.8 hours is no
// power of two, so that a factor on days is not exact by chance.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "paperflow/analysis.h"
#include "paperflow/process_writer.h"
#include "paperflow/rules.h"
#include "paperflow/validate.h"
#include "paperflow/what_if.h"

using namespace paperflow;

namespace {

const char* const model = R"(paperflow: 1
process: {id: f, name: F}
calendar: {hours_per_day: 7.8, days_per_year: 250}
demand: {cases_per_year: 1000}
units:
  - {id: amt, name: Amt, staff: 2, availability: 0.8, cost_per_hour: 60}
  - {id: bürger, name: Bürger, external: true}
steps:
  - {id: a, name: A, unit: bürger, activity: fill_in, medium: paper, channel: post, work: 20min, delay: 2d, next: b}
  - {id: b, name: B, unit: amt, activity: check, medium: paper, work: [5min, 0.1d, 1h],
     next: [{to: a, p: 0.2, rework: true}, {to: c, p: 0.8}]}
  - {id: c, name: C, unit: amt, activity: decide, medium: digital, work: {dist: lognormal, mean: 30min, sd: 10min},
     parallel: [d, e], join: f}
  - {id: d, name: D, unit: amt, activity: consult, medium: paper, delay: 1wk, next: f}
  - {id: e, name: E, unit: amt, activity: assess, medium: paper, work: {dist: uniform, min: 10min, max: 1h}, next: f}
  - {id: f, name: F, unit: amt, activity: send, medium: paper, channel: post, signature: wet, next: z}
  - {id: z, name: Z, end: true}
)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Process& base = fuzz::valid_model(model);
  const std::string_view assignment(reinterpret_cast<const char*>(data), size);
  Process process = base;
  if (auto problem = apply_what_if(process, assignment)) {
    fuzz::require(!problem->message.english().empty() && find_rule(problem->rule), "a refused --set says why, under a rule");
    fuzz::require(write_process_yaml(process) == write_process_yaml(base), "a refused --set changes nothing");
    return 0;
  }
  const std::string written = write_process_yaml(process);
  fuzz::require_durations_written_plainly(written);
  ValidationResult again = validate_process(written, "written.yaml");
  fuzz::require(again.valid(), "an accepted --set leaves a valid process");
  for (std::size_t i = 0; i < process.steps.size(); ++i) {
    fuzz::require(fuzz::same(process.steps[i].work, again.process->steps[i].work), "the same work, exactly");
    fuzz::require(fuzz::same(process.steps[i].delay, again.process->steps[i].delay), "the same delay, exactly");
  }
  RoutingGraph graph(process);
  fuzz::require_finite_figures(analyse(process, graph, check_graph(process, graph).blocks));
  return 0;
}
