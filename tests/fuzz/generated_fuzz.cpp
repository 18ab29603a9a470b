// Fuzz target: a valid process built from the bytes (generated_process.h),
// so that every input reaches the properties past the reader. The built
// process passes the graph rules, its loops are solved with no more visits
// than the generator allows, its figures are finite or it is reported
// unstable, and written it reads back with exactly the same numbers,
// durations and figures. Then a measure of the catalogue and one built
// from the bytes are applied: refused with a reason, or to a process that
// passes the same round trip.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "generated_process.h"
#include "paperflow/analysis.h"
#include "paperflow/graph.h"
#include "paperflow/loader.h"
#include "paperflow/measures.h"
#include "paperflow/model_checks.h"
#include "paperflow/visits.h"

using namespace paperflow;

namespace {

// The shipped catalogue, read once; one that does not load is a broken
// target, not a finding.
const std::vector<Measure>& catalogue() {
  static const std::vector<Measure> measures = [] {
    std::ifstream file(PAPERFLOW_FUZZ_CATALOGUE, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    MeasuresLoadResult loaded = load_measures(text, "measures.yaml");
    fuzz::require(!has_errors(loaded.diagnostics) && !loaded.measures.empty(), "the catalogue loads");
    return loaded.measures;
  }();
  return measures;
}

double factor(fuzz::ByteReader& in) { return fuzz::generator::number(in, number_range::factor, {0.5, 0.7, 0, 2, 1000}); }

// A measure of one or two changes, as a measures file could give it: a
// duration in days counts on a day of 8 hours there, as such a file reads it.
Measure measure_from(fuzz::ByteReader& in, const Process& process) {
  Measure measure;
  measure.id = "fuzz";
  measure.name = "Fuzz";
  for (std::size_t n = in.in(1, 2); n-- > 0;) {
    MeasureChange change;
    StepSelector& where = change.where;
    switch (in.in(0, 5)) {
      case 0: break;
      case 1: where.ids = {process.steps[in.in(0, process.steps.size() - 1)].id}; break;
      case 2: where.activities = {static_cast<Activity>(in.in(0, activity_names().size() - 1))}; break;
      case 3: where.media = {static_cast<Medium>(in.in(0, 1))}; break;
      case 4: where.external = in.flag(); break;
      case 5: {
        StepSelector before;
        before.activities = {static_cast<Activity>(in.in(0, activity_names().size() - 1))};
        where.follows = {before};
        break;
      }
    }
    switch (in.in(0, 6)) {
      case 0: change.work = DurationChange{std::nullopt, factor(in), std::nullopt}; break;
      case 1: change.delay = DurationChange{std::nullopt, factor(in), std::nullopt}; break;
      case 2: change.set.work = DurationChange{fuzz::generator::distribution(in, 8), std::nullopt, std::nullopt}; break;
      case 3: change.rework_factor = factor(in); break;
      case 4: change.remove = true; break;
      case 5: change.set.medium = Medium::digital, change.set.channel = Channel::online; break;
      case 6: change.set.unit = Reference{process.units[in.in(0, process.units.size() - 1)].id, {}}; break;
    }
    measure.changes.push_back(std::move(change));
  }
  return measure;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::ByteReader in(data, size);
  const fuzz::GeneratedProcess generated = fuzz::generate_process(in);
  const Process& process = generated.process;

  RoutingGraph graph(process);
  const GraphCheckResult checked = check_graph(process, graph);
  fuzz::require(check_model(process).empty() && !has_errors(checked.diagnostics),
                "the generated process passes the model's checks and the graph rules");
  const Visits visits = solve_visits(process, graph);
  fuzz::require(!visits.problem, "a loop with at most a billion visits is solved");
  // The solver subtracts 1 - w for a loop left with probability 1 - w, and
  // loses as many digits as the visits have: a relative error of some
  // steps x visits x epsilon (2.8e-8 at a bound of 1e9, found by fuzzing).
  const double slack = 1e-9 + 4.0 * static_cast<double>(process.steps.size()) * generated.visits_bound *
                                  std::numeric_limits<double>::epsilon();
  for (double v : visits.per_step)
    fuzz::require(v >= 0 && v <= generated.visits_bound * (1 + slack), "no step has more visits than the bound");

  const Analysis before = analyse(process, graph, checked.blocks, visits.per_step);
  fuzz::require_finite_figures(before);
  fuzz::require_round_trip(process, before, "generated");

  const std::vector<Measure>& measures = catalogue();
  if (const std::size_t m = in.in(0, measures.size()); m < measures.size())
    fuzz::require_measure_applies(process, measures[m]);
  fuzz::require_measure_applies(process, measure_from(in, process));
  return 0;
}
