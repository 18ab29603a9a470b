// The runs of steps that a simulation's recorded cases made, in simulation
// working time: what `paperflow-simulate --event-log` writes as an event
// log (docs/event-log.md#simulated-logs), so that the model can be
// calibrated back from its own cases.
#pragma once

#include <cstdint>
#include <vector>

namespace paperflow {

/// One run of a step by a recorded case. `start_hours` is `end_hours` less
/// the work drawn, both on the simulation's working-time clock: the time a
/// person was busy with it, so that the log's `end − start` measures the
/// model's `work`. A person present in blocks who is away in the middle of
/// a run (the work resumed at the next block) makes the run end later, but
/// that absence counts as waiting before `start`, not as work. A step
/// without work has start = end, when the case reached it; an end step has
/// one run with start = end, when the case completed.
struct SimulatedRun {
  std::uint32_t process = 0;      // the process's index among those simulated (0 for simulate())
  std::uint32_t case_number = 0;  // 1, 2, ...: the process's recorded cases in the order they arrived
  std::uint32_t step = 0;         // index into the process's steps
  double start_hours = 0, end_hours = 0;
};

/// Every run of a step by a recorded case of the first replication, in the
/// order the engine drew them (the caller sorts as it needs). Runs that
/// would end after the replication stopped at its horizon are left out, so
/// a case cut off there has only the runs it finished. The cases of the
/// warm-up are never recorded.
struct SimulatedEventLog {
  std::vector<SimulatedRun> runs;
  /// Simulation time at which recording starts: the end of the warm-up,
  /// a whole number of working days when --warmup-days is one.
  double warmup_end_hours = 0;
  double hours_per_day = 8;  // of the simulation's working day
  /// Recorded cases per process, complete or not: case numbers run from 1
  /// to this.
  std::vector<std::uint32_t> cases;
};

}  // namespace paperflow
