// The discrete-event engine behind simulate() and simulate_portfolio():
// several processes, each with its own arrival stream, whose units are
// resources of one pool, so that a unit two processes share is one queue of
// people for the cases of both. One process whose units are its own
// resources is simulate(). Private to the library (not API).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "paperflow/diagnostic.h"
#include "paperflow/model.h"
#include "paperflow/simulation.h"

namespace paperflow::sim {

/// What the engine simulates.
struct Input {
  /// Valid processes with demand, all on the calendar of the first.
  std::vector<const Process*> processes;
  /// The resources: each an internal unit (a pool of people) or external.
  /// Their order is the order in which the people's blocks are drawn, so
  /// it is part of what a seed reproduces.
  std::vector<Unit> resources;
  /// resource_of_unit[p][u]: the resource that unit u of process p is.
  std::vector<std::vector<std::size_t>> resource_of_unit;
};

struct Output {
  /// Per process, as simulate() reports one: `units[u]` holds the figures
  /// of unit u's resource, over the cases of every process it serves;
  /// `events` is 0 (the run's count is below).
  std::vector<SimulationResult> processes;
  std::vector<SimulatedUnit> resources;
  /// Per resource, for each process with a step that queues at it (in
  /// process order): the share of the resource's busy time its cases took,
  /// the mean over replications. Each visit counts its whole work from the
  /// end of the warm-up on, also what runs past the end of the replication.
  std::vector<std::vector<std::pair<std::size_t, double>>> load_share;
  std::uint64_t events = 0;  // arrivals, step starts and step finishes, all replications
  /// Rule simulation-bound in the file of the process concerned: the run
  /// was refused or stopped, and no other field holds a figure.
  std::optional<Diagnostic> problem;
};

/// Runs the replications on `options.threads` threads, the result the same
/// for any number. Bounds: SimulationBounds::expected_steps_per_case and
/// steps_per_case per process, expected_steps_per_run for all together.
Output run(const Input& input, const SimulationOptions& options);

}  // namespace paperflow::sim
