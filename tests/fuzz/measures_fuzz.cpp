// Fuzz target: a measures file (the catalogue or --measures FILE). It is
// read with located diagnostics, never a crash, and every measure it gives
// can be applied to a process: applied, to a valid process whose figures
// are finite and that reads back the same when written, or refused with a
// reason. The same bytes, read from the end by the generator
// (generated_process.h), also build a process every measure is applied
// to, on its own calendar.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "generated_process.h"
#include "paperflow/analysis.h"
#include "paperflow/loader.h"
#include "paperflow/measures.h"
#include "paperflow/validate.h"

using namespace paperflow;

namespace {

const char* const model = R"(paperflow: 1
process: {id: f, name: F}
demand: {cases_per_year: 1000}
units:
  - {id: amt, name: Amt, staff: 2, cost_per_hour: 60}
  - {id: post, name: Poststelle, staff: 1, availability: 0.5, cost_per_hour: 45}
  - {id: bürger, name: Bürger, external: true}
steps:
  - {id: a, name: A, unit: bürger, activity: fill_in, medium: paper, channel: post, signature: wet, work: 20min, next: b}
  - {id: b, name: B, unit: post, activity: receive, medium: paper, work: 3min, next: t}
  - {id: t, name: T, unit: amt, activity: transcribe, medium: digital, work: 10min, next: c}
  - {id: c, name: C, unit: amt, activity: check, medium: digital, work: 15min,
     next: [{to: r, p: 0.3, rework: true}, {to: s, p: 0.7}]}
  - {id: r, name: R, unit: amt, activity: request, medium: paper, channel: post, delay: 1wk, next: a}
  - {id: s, name: S, unit: amt, activity: send, medium: paper, channel: post, delay: 2d, next: z}
  - {id: z, name: Z, end: true}
)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Process& base = fuzz::valid_model(model);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  MeasuresLoadResult loaded = load_measures(text, "fuzz-measures.yaml");
  fuzz::require_explained(loaded.diagnostics);
  if (has_errors(loaded.diagnostics)) return 0;
  fuzz::ByteReader in(data, size, fuzz::ByteReader::From::end);
  const Process generated = fuzz::generate_process(in).process;
  for (const Measure& measure : loaded.measures) {
    fuzz::require_measure_applies(base, measure);
    fuzz::require_measure_applies(generated, measure);
  }
  return 0;
}
