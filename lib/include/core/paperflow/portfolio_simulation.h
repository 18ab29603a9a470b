// The simulation of a portfolio (docs/organisation.md#simulation-of-a-portfolio):
// every process's arrival stream in one discrete-event simulation, where a
// shared unit's people serve the cases of every process that uses it in one
// first-come first-served queue, and each process's own units stay its own.
// Its shared units' utilisation tends to the portfolio analysis's ρ_u.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "paperflow/diagnostic.h"
#include "paperflow/portfolio.h"
#include "paperflow/simulation.h"

namespace paperflow {

/// A unit of the organisation, as the processes that share it loaded it.
struct SimulatedSharedUnit {
  /// Over the visits of every process's cases; people and presence from the
  /// organisation file. Utilisation and queues zero for a unit no process
  /// uses.
  SimulatedUnit figures;
  /// For each process with a step that queues at the unit, in portfolio
  /// order: (process index, the share of the unit's busy time its cases
  /// took), each the mean over replications; the shares add up to 1. A
  /// visit's whole work counts from the end of the warm-up on, also what
  /// runs past the end of a replication. Empty for an external unit.
  std::vector<std::pair<std::size_t, double>> load_share;
};

struct PortfolioSimulationResult {
  std::uint64_t seed = 0;
  std::size_t replications = 0;
  bool stable = true;  // every process stable
  /// In portfolio order, each as simulate() reports one process, but under
  /// the whole organisation's load: `units` in the process's file order, a
  /// shared unit's entry the shared unit's figures (as in shared_units);
  /// `events` 0.
  std::vector<SimulationResult> processes;
  std::vector<SimulatedSharedUnit> shared_units;  // in the organisation's order
  std::uint64_t events = 0;  // arrivals, step starts and step finishes, all replications
  /// Rule simulation-bound, in the file of the process concerned (see
  /// SimulationResult::problem): no other field holds a figure.
  std::optional<Diagnostic> problem;
};

/// Simulates every process of a valid portfolio, each with demand, in one
/// run per replication, on `options.threads` threads; the result is the
/// same for any number. With `options.cases`, each process records that
/// many cases, and a replication runs until every process's are through.
/// The bounds apply to each process's cases and to the whole run. The
/// people's blocks are drawn for the shared units that processes use, in
/// the organisation's order, then for each process's own units, so a
/// process that shares no unit, alone in its organisation, gives the
/// figures simulate() gives it. Never prints.
PortfolioSimulationResult simulate_portfolio(const Portfolio& portfolio, const SimulationOptions& options);

}  // namespace paperflow
