// The normative analysis of a portfolio (docs/organisation.md#analysis-of-a-portfolio):
// each process's own analysis, except that a shared unit's queue is fed by
// every process that uses it.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <vector>

#include "paperflow/analysis.h"
#include "paperflow/portfolio.h"

namespace paperflow {

struct SharedUnitFigures {
  bool external = false;
  double load_hours_per_hour = 0;  // Λ_u = Σ_p λ_p·L_{u,p}
  double visits_per_hour = 0;      // λ_u = Σ_p λ_p·Σ_i v_i
  double service_hours = 0;        // S_u = Λ_u / λ_u (0 without work)
  double service_scv = 0;          // cs²_u over the same visits
  double servers = 0;              // c_u of the organisation (0 for an external unit)
  double utilisation = 0;          // ρ_u = Λ_u / c_u
  bool stable = true;
  std::optional<double> queue_wait_hours;  // Wq_u; none when unstable
  double hours_per_year = 0;               // Σ_p cases_per_year_p·L_{u,p}
  /// λ_p·L_{u,p} / Λ_u of each process that sends the unit work, in
  /// portfolio order (process index, share).
  std::vector<std::pair<std::size_t, double>> load_share;
};

/// The busiest internal unit over all processes: a shared unit, or a unit
/// of one process.
struct PortfolioBottleneck {
  std::optional<std::size_t> shared_unit;  // index into the organisation's units
  std::size_t process = 0;                 // otherwise this process's
  std::size_t unit = 0;                    // unit, in file order
  double utilisation = 0;
};

struct PortfolioAnalysis {
  bool stable = true;                          // no unit, shared or not, at utilisation 1 or more
  std::vector<Analysis> processes;             // in portfolio order, with the shared waits
  std::vector<SharedUnitFigures> shared_units;  // in the organisation's order
  std::optional<PortfolioBottleneck> bottleneck;
  std::array<int, 5> ozg_levels{};  // processes per OZG level 0..4
  int processes_without_ozg_level = 0;
  double staff_hours_per_year = 0;  // internal units of all processes, shared ones once
  double staff_cost_per_year = 0;   // EUR
};

/// Analyses every process of a valid portfolio (each with demand) on up to
/// `threads` threads; the figures are the same for any number. Never prints.
PortfolioAnalysis analyse_portfolio(const Portfolio& portfolio, unsigned threads = 1);

}  // namespace paperflow
