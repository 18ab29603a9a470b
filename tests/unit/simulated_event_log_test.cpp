#include "paperflow/simulated_event_log.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "paperflow/simulation.h"
#include "test_support.h"

using namespace paperflow;

namespace {

// A small process with all a log can show: an applicant's step, rework,
// a step without work that splits into two parallel branches, a unit whose
// two people are present half the day each (runs broken by absences), a
// unit present all day, two end steps.
const std::string small_process =
    "paperflow: 1\n"
    "process: {id: klein, name: Klein}\n"
    "demand: {cases_per_year: 800}\n"
    "units:\n"
    "  - {id: amt, name: Amt, staff: 2, availability: 0.5}\n"
    "  - {id: kasse, name: Kasse, staff: 1}\n"
    "  - {id: antragsteller, name: Antragsteller, external: true}\n"
    "steps:\n"
    "  - {id: ausfüllen, name: A, unit: antragsteller, medium: paper, work: [10min, 20min, 40min], next: prüfen}\n"
    "  - {id: prüfen, name: P, unit: amt, medium: paper, work: {dist: exponential, mean: 30min},\n"
    "     next: [{to: ausfüllen, p: 0.2, rework: true}, {to: teilen, p: 0.8}]}\n"
    "  - {id: teilen, name: T, unit: amt, medium: paper, parallel: [zahlen, bescheiden], join: zusammen}\n"
    "  - {id: zahlen, name: Z, unit: kasse, medium: paper, work: [10min, 20min, 30min], next: zusammen}\n"
    "  - {id: bescheiden, name: B, unit: amt, medium: paper, work: {dist: lognormal, mean: 1h, sd: 30min},\n"
    "     delay: 1d, next: zusammen}\n"
    "  - {id: zusammen, name: Z, unit: kasse, medium: paper, work: 5min,\n"
    "     next: [{to: ja, p: 0.7}, {to: nein, p: 0.3}]}\n"
    "  - {id: ja, name: J, end: true}\n"
    "  - {id: nein, name: N, end: true}\n";

SimulationOptions options_with(SimulatedEventLog* log) {
  SimulationOptions options;
  options.cases = 5000;
  options.replications = 2;
  options.threads = 1;
  options.seed = 11;
  options.event_log = log;
  return options;
}

}  // namespace

TEST_CASE("recorded runs: each case from the start step to one end step, in order, its work the model's") {
  const Process process = *test::valid(small_process).process;
  auto step = [&](const char* id) { return static_cast<std::uint32_t>(process.step_index.at(id)); };
  SimulatedEventLog log;
  const SimulationResult result = simulate(process, options_with(&log));
  REQUIRE(result.stable);
  REQUIRE(log.cases == std::vector<std::uint32_t>{5000});
  CHECK(log.hours_per_day == 8);
  CHECK(log.warmup_end_hours == 20 * 8);

  std::map<std::uint32_t, std::vector<SimulatedRun>> cases;
  for (const SimulatedRun& run : log.runs) {
    CHECK(run.process == 0);
    CHECK(run.end_hours >= run.start_hours);
    CHECK(run.start_hours >= log.warmup_end_hours);
    cases[run.case_number].push_back(run);
  }
  REQUIRE(cases.size() == 5000);
  CHECK(cases.begin()->first == 1);
  CHECK(cases.rbegin()->first == 5000);
  const std::uint32_t zahlen = step("zahlen"), bescheiden = step("bescheiden");
  for (auto& [number, runs] : cases) {
    CAPTURE(number);
    std::stable_sort(runs.begin(), runs.end(), [](const SimulatedRun& a, const SimulatedRun& b) {
      return a.start_hours != b.start_hours ? a.start_hours < b.start_hours : a.end_hours < b.end_hours;
    });
    CHECK(runs.front().step == step("ausfüllen"));
    const SimulatedRun& last = runs.back();
    CHECK((last.step == step("ja") || last.step == step("nein")));
    CHECK(last.start_hours == last.end_hours);
    // Outside the parallel branches a case runs one step at a time; each
    // branch lies between the split's end and the join's start.
    const SimulatedRun* previous = nullptr;
    double split_end = -1;
    for (const SimulatedRun& run : runs) {
      if (run.step == step("teilen")) {
        CHECK(run.start_hours == run.end_hours);  // no work: reached and left at once
        split_end = run.end_hours;
      }
      if (run.step == zahlen || run.step == bescheiden) {
        CHECK(run.start_hours >= split_end);
        continue;
      }
      if (run.step == step("zusammen"))
        for (const SimulatedRun& branch : runs)
          if (branch.step == zahlen || branch.step == bescheiden) CHECK(branch.end_hours <= run.start_hours);
      if (previous) CHECK(run.start_hours >= previous->end_hours);
      previous = &run;
    }
  }

  // The log's work (end − start) is the model's, within sampling error:
  // also at the unit whose people are away half the day, whose absences
  // within a run are waiting, not work.
  std::vector<double> sum(process.steps.size()), squares(process.steps.size());
  std::vector<std::size_t> runs(process.steps.size());
  for (const SimulatedRun& run : log.runs) {
    const double work = run.end_hours - run.start_hours;
    sum[run.step] += work;
    squares[run.step] += work * work;
    ++runs[run.step];
  }
  for (std::size_t i = 0; i < process.steps.size(); ++i) {
    CAPTURE(process.steps[i].id);
    REQUIRE(runs[i] > 1000);
    const double n = static_cast<double>(runs[i]);
    const double mean = sum[i] / n;
    const double sd = std::sqrt(std::max(0.0, squares[i] / n - mean * mean));
    CHECK(std::fabs(mean - process.steps[i].work.mean()) <= 4 * sd / std::sqrt(n) + 1e-9);
  }
  // Rework: about 1.25 fills a case.
  CHECK(static_cast<double>(runs[step("ausfüllen")]) / 5000 == doctest::Approx(1.25).epsilon(0.04));
}

TEST_CASE("recording the runs changes no figure of the simulation") {
  const Process process = *test::valid(small_process).process;
  SimulatedEventLog log;
  const SimulationResult with = simulate(process, options_with(&log));
  const SimulationResult without = simulate(process, options_with(nullptr));
  CHECK(!log.runs.empty());
  CHECK(with.lead_time_mean->mean == without.lead_time_mean->mean);
  CHECK(with.lead_time_p90->mean == without.lead_time_p90->mean);
  CHECK(with.work_in_progress.mean == without.work_in_progress.mean);
  CHECK(with.units[0].utilisation.mean == without.units[0].utilisation.mean);
  CHECK(with.events == without.events);
}

TEST_CASE("a run stopped at its horizon logs only the runs that ended by then") {
  // ρ = 2: the queue grows and the replication stops at its horizon.
  const Process process = *test::valid("paperflow: 1\nprocess: {id: t, name: T}\ndemand: {cases_per_year: 4000}\n"
                                       "units: [{id: office, name: A, staff: 1}]\n"
                                       "steps:\n"
                                       "  - {id: serve, name: S, unit: office, medium: paper, work: 1h, next: z}\n"
                                       "  - {id: z, name: Z, end: true}\n")
                                .process;
  SimulatedEventLog log;
  SimulationOptions options = options_with(&log);
  options.cases = 3000;
  const SimulationResult result = simulate(process, options);
  REQUIRE_FALSE(result.stable);
  REQUIRE(!log.runs.empty());
  double last_end = 0;
  std::size_t ends = 0;
  for (const SimulatedRun& run : log.runs) {
    last_end = std::max(last_end, run.end_hours);
    ends += run.step == 1;
  }
  CHECK(last_end <= result.horizon_days * 8);  // the horizon counts from 0, warm-up included
  CHECK(ends < log.cases[0]);                  // cases cut off: fewer ends than cases
}
