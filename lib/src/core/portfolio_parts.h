// The portfolio analysis (portfolio_analysis.h) in its parts, so that the
// portfolio's plan, which changes one process at a time, recomputes only
// what that change touches: that process, the shared units' sums, and the
// processes whose shared queues moved. analyse_portfolio is these parts in
// order, so both give the same figures to the last bit.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "paperflow/portfolio_analysis.h"

namespace paperflow::portfolio_parts {

/// What one process sends one of its shared units, per working hour:
/// λ_p·L, λ_p·Σ v_i and λ_p·Σ v_i·E[W_i²] over its steps with work there.
struct SharedDemand {
  std::size_t shared_unit = 0;
  double load = 0, visits = 0, second_moment = 0;
};

/// The demand of `process` (as in the organisation) on each of its shared
/// units; `shared_units` as PortfolioProcess::shared_units.
std::vector<SharedDemand> shared_demand(const Process& process, const std::vector<double>& visits,
                                        const std::vector<std::optional<std::size_t>>& shared_units);

/// Each shared unit's figures from every process's demand, added in
/// portfolio order. `stable` is cleared when a shared unit is unstable.
std::vector<SharedUnitFigures> shared_unit_figures(const Organisation& organisation,
                                                   const std::vector<std::vector<SharedDemand>>& demand, bool& stable);

/// The analysis of one process with its shared units' queues from `shared`.
Analysis analyse_member(const Process& process, const RoutingGraph& graph, const std::vector<ParallelBlock>& blocks,
                        const std::vector<double>& visits, const std::vector<std::optional<std::size_t>>& shared_units,
                        const std::vector<SharedUnitFigures>& shared);

/// The organisation's totals, bottleneck, OZG counts and stability from
/// `result.shared_units` and `result.processes`. `cases_per_year[p]` and
/// `shared_units[p]` are process p's.
void add_totals(PortfolioAnalysis& result, const std::vector<double>& cases_per_year,
                const std::vector<const std::vector<std::optional<std::size_t>>*>& shared_units);

}  // namespace paperflow::portfolio_parts
