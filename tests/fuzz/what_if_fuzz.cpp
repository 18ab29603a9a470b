// Fuzz target: one `--set PATH=VALUE` from the command line, applied to a
// valid process. A bad assignment is refused with a message and leaves the
// process as it was; an accepted one leaves a process that is still valid
// when written and read again, with exactly the same durations, and that
// analyses to finite figures, the same when read again. The model's working
// day of 7.8 hours is no power of two, so that a factor on days is not
// exact by chance. The same bytes, read from the end by the generator
// (generated_process.h), also build a process the assignment is applied
// to: its steps are a, b, c, ... and its units amt, bürger, post, ..., as
// in the model, so that one assignment finds its path in both.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "generated_process.h"
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

void check_assignment(const Process& base, std::string_view assignment) {
  Process process = base;
  if (auto problem = apply_what_if(process, assignment)) {
    fuzz::require(!problem->message.english().empty() && find_rule(problem->rule), "a refused --set says why, under a rule");
    fuzz::require(write_process_yaml(process) == write_process_yaml(base), "a refused --set changes nothing");
    return;
  }
  const Analysis after = analyse_process(process);
  fuzz::require_finite_figures(after);
  fuzz::require_round_trip(process, after);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view assignment(reinterpret_cast<const char*>(data), size);
  check_assignment(fuzz::valid_model(model), assignment);
  fuzz::ByteReader in(data, size, fuzz::ByteReader::From::end);
  check_assignment(fuzz::generate_process(in).process, assignment);
  return 0;
}
