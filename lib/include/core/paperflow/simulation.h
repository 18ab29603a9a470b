// Discrete-event Monte Carlo simulation of cases through a process
// (man/paperflow-simulate.1): Poisson arrivals on the working-time
// clock, units as first-come first-served pools of people, each present for
// the process in one block of the working day (docs/format.md#capacity), durations drawn
// from their distributions, choices by their probabilities, parallel
// branches at once with the join waiting for all, rework loops. The
// analysis gives means; this gives distributions ("how long do 90 % of
// applicants wait?") and what happens under load.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "paperflow/diagnostic.h"
#include "paperflow/graph.h"
#include "paperflow/model.h"
#include "paperflow/simulated_event_log.h"

namespace paperflow {

/// The bounds that keep a simulation from running on without end
/// (man/paperflow-simulate.1, BOUNDS), in steps run: each costs the engine
/// two events, its start and its end. No process of an administration comes
/// near them: its cases run tens to thousands of steps, and the largest
/// benchmark run (2 million cases of examples/wohngeld.yaml, 10
/// replications) 3·10^8.
struct SimulationBounds {
  /// Refused before the run: a case would run more steps than this on
  /// average (Σ v_i from the visit equations), as a rework loop that is
  /// hardly ever left makes it (p = 0.9999999: 10^7 times round the loop).
  double expected_steps_per_case = 1e6;
  /// Refused before the run: all replications together would run more
  /// steps than this, counting the cases of the warm-up and the recorded
  /// ones (a quarter of an hour of one core at some 12 million steps a
  /// second).
  double expected_steps_per_run = 1e10;
  /// At run time, the backstop: a replication stops, and the run fails,
  /// when a case's token has run this many steps, counting from the
  /// arrival, each branch of a parallel block on from its split. A hundred
  /// times the average bound: the number of rounds of a loop falls off
  /// geometrically, so a case of a process within that bound reaches it
  /// with a chance of about e^-100.
  std::uint32_t steps_per_case = 100'000'000;
};

struct SimulationOptions {
  std::uint64_t seed = 1;
  std::size_t replications = 10;
  /// Record the first `cases` cases that arrive after the warm-up, and run
  /// until they have all completed...
  std::size_t cases = 10000;
  /// ...or, when set, record the cases that arrive within this many working
  /// days after the warm-up.
  std::optional<double> days;
  double warmup_days = 20;
  unsigned threads = 1;
  /// Counts recorded cases completed over all replications, for a progress
  /// bar; may be null. Only ever incremented.
  std::atomic<std::size_t>* progress = nullptr;
  /// At most this many bars of a lead-time histogram (0: none). Each
  /// replication then hands on its lead times: 8 bytes a recorded case.
  std::size_t histogram_bins = 0;
  /// When set, the first replication records every run of a step by its
  /// recorded cases here (cleared first; the caller owns it): 32 bytes a
  /// run. Null, the engine runs as without it, but for one branch a step
  /// that always goes the same way.
  SimulatedEventLog* event_log = nullptr;
  SimulationBounds bounds;
};

/// How the lead times of every recorded case of every replication spread:
/// bins of equal width from zero, up to the pooled 99th percentile; the
/// cases beyond it are counted apart, so one long case does not squeeze
/// the picture.
struct LeadTimeHistogram {
  double bin_days = 0;               // working days a bin: 1, 2 or 5 times a power of ten
  std::vector<std::size_t> counts;   // counts[i]: lead times in [i, i + 1) × bin_days
  std::size_t beyond = 0;            // lead times of counts.size() × bin_days or more
};

/// `lead_times_days` counted into at most `max_bins` bins of a round width
/// (1, 2 or 5 × 10^k working days) that cover the 99th percentile
/// (nearest rank). No bins without a lead time or with `max_bins` 0.
LeadTimeHistogram lead_time_histogram(std::vector<double> lead_times_days, std::size_t max_bins);

/// A statistic over replications: the mean of the per-replication values
/// and the half-width of its 95 % confidence interval (Student's t).
struct Estimate {
  double mean = 0;
  double ci95 = 0;
};

struct SimulatedUnit {
  std::size_t people = 0;             // ⌈staff⌉; 0 for external units
  double presence_hours_per_day = 0;  // of all its people together: staff × availability × hours_per_day
  Estimate utilisation;               // busy time over the people's time present
  Estimate mean_queue_wait_hours;  // per visit of a recorded case
  Estimate mean_queue_length;      // time average over the observed window
  Estimate max_queue_length;
  bool queue_grew = false;         // a run stopped at its horizon with this unit's queue still growing
};

struct SimulationResult {
  std::uint64_t seed = 0;
  std::size_t replications = 0;
  std::size_t cases_completed = 0;  // recorded cases completed, over all replications
  std::size_t cases_recorded = 0;   // recorded cases, completed or not
  /// False when a unit is over capacity (its load at least its people) or a
  /// replication stopped at its horizon before its recorded cases
  /// completed: a queue grows.
  bool stable = true;
  double horizon_days = 0;  // the longest a replication may run, warm-up included
  // Lead time in hours of recorded cases; absent when not stable.
  std::optional<Estimate> lead_time_mean, lead_time_p50, lead_time_p90, lead_time_p95, lead_time_max;
  Estimate work_in_progress;  // time-average number of cases in the process
  std::vector<SimulatedUnit> units;          // in file order
  std::vector<Estimate> step_queue_wait_hours;  // per step, mean queue wait per run
  /// With options.histogram_bins, for a stable run.
  std::optional<LeadTimeHistogram> lead_time_histogram;
  std::uint64_t events = 0;  // arrivals, step starts and step finishes, all replications
  /// Rule simulation-bound, at the step a case runs most (refused before the
  /// run) or at the step a case had reached when it ran into the bound: the
  /// run was refused or stopped, and no other field holds a figure.
  std::optional<Diagnostic> problem;
};

/// Runs the replications, in parallel on `options.threads` threads. Each
/// replication has its own random stream derived from the seed and its
/// number, so the result is the same for any number of threads. `process`
/// must be valid (validate_process without errors) and have a demand. A run
/// beyond `options.bounds` is refused or stopped and reported in `problem`;
/// never printed.
SimulationResult simulate(const Process& process, const SimulationOptions& options);

/// The hours a working day each person of an internal unit is present for
/// the process: ⌈staff⌉ people, each `share × availability × hours_per_day`
/// with share 1 but for the last, whose share is the fractional part of
/// `staff` when there is one. Empty for an external unit.
std::vector<double> presence_hours_per_day(const Unit& unit, double hours_per_day);

}  // namespace paperflow
