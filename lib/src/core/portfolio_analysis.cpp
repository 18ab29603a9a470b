#include "paperflow/portfolio_analysis.h"

#include "ordered_parallel.h"
#include "portfolio_parts.h"

namespace paperflow {
namespace portfolio_parts {

std::vector<SharedDemand> shared_demand(const Process& process, const std::vector<double>& visits,
                                        const std::vector<std::optional<std::size_t>>& shared_units) {
  const double lambda = arrival_rate_per_hour(process);
  std::vector<SharedDemand> demand;
  std::vector<std::optional<std::size_t>> slot(process.units.size());
  for (std::size_t u = 0; u < process.units.size(); ++u) {
    if (!shared_units[u]) continue;
    slot[u] = demand.size();
    demand.push_back({*shared_units[u], 0, 0, 0});
  }
  for (std::size_t i = 0; i < process.steps.size(); ++i) {
    const Step& step = process.steps[i];
    const Unit* unit = process.unit_of(step);
    if (!unit || step.work.mean() <= 0) continue;
    const auto& s = slot[process.unit_index.at(unit->id)];
    if (!s) continue;
    const double v = visits[i];
    demand[*s].load += lambda * v * step.work.mean();
    demand[*s].visits += lambda * v;
    demand[*s].second_moment += lambda * v * step.work.second_moment();
  }
  return demand;
}

std::vector<SharedUnitFigures> shared_unit_figures(const Organisation& organisation,
                                                   const std::vector<std::vector<SharedDemand>>& demand, bool& stable) {
  const std::size_t n = demand.size();
  const std::size_t m = organisation.units.size();
  std::vector<double> second_moment(m, 0.0);
  std::vector<SharedUnitFigures> shared(m);
  for (std::size_t p = 0; p < n; ++p)
    for (const SharedDemand& d : demand[p]) {
      SharedUnitFigures& figures = shared[d.shared_unit];
      figures.load_hours_per_hour += d.load;
      if (d.load > 0) figures.load_share.push_back({p, d.load});  // divided by Λ_u below
      figures.visits_per_hour += d.visits;
      second_moment[d.shared_unit] += d.second_moment;
    }
  const double hours_per_year = organisation.calendar.days_per_year * organisation.calendar.hours_per_day;
  for (std::size_t u = 0; u < m; ++u) {
    const Unit& unit = organisation.units[u];
    SharedUnitFigures& figures = shared[u];
    figures.external = unit.external;
    figures.hours_per_year = figures.load_hours_per_hour * hours_per_year;
    if (figures.visits_per_hour > 0) {
      figures.service_hours = figures.load_hours_per_hour / figures.visits_per_hour;
      figures.service_scv = second_moment[u] / figures.visits_per_hour /
                                (figures.service_hours * figures.service_hours) -
                            1.0;
    }
    for (auto& share : figures.load_share) share.second /= figures.load_hours_per_hour;
    if (unit.external) {
      figures.queue_wait_hours = 0.0;
      continue;
    }
    figures.servers = unit.servers();
    figures.utilisation = figures.load_hours_per_hour / figures.servers;  // ρ_u = Λ_u / c_u
    figures.stable = figures.utilisation < 1.0;
    if (figures.stable)
      figures.queue_wait_hours =
          queue_wait_hours(figures.utilisation, figures.servers, figures.service_hours, figures.service_scv);
    else
      stable = false;
  }
  return shared;
}

Analysis analyse_member(const Process& process, const RoutingGraph& graph, const std::vector<ParallelBlock>& blocks,
                        const std::vector<double>& visits, const std::vector<std::optional<std::size_t>>& shared_units,
                        const std::vector<SharedUnitFigures>& shared) {
  std::vector<std::optional<SharedQueue>> queues(shared_units.size());
  for (std::size_t u = 0; u < queues.size(); ++u) {
    if (!shared_units[u]) continue;
    const SharedUnitFigures& figures = shared[*shared_units[u]];
    queues[u] = SharedQueue{figures.servers, figures.utilisation, figures.queue_wait_hours};
  }
  return analyse(process, graph, blocks, visits, queues);
}

void add_totals(PortfolioAnalysis& result, const std::vector<double>& cases_per_year,
                const std::vector<const std::vector<std::optional<std::size_t>>*>& shared_units) {
  // Shared units first, then each process's own units in file order; the
  // first of equals is the bottleneck.
  for (std::size_t u = 0; u < result.shared_units.size(); ++u) {
    const SharedUnitFigures& figures = result.shared_units[u];
    if (figures.external) continue;
    result.staff_hours_per_year += figures.hours_per_year;
    if (figures.load_hours_per_hour > 0 &&
        (!result.bottleneck || figures.utilisation > result.bottleneck->utilisation))
      result.bottleneck = PortfolioBottleneck{u, 0, 0, figures.utilisation};
  }
  for (std::size_t p = 0; p < result.processes.size(); ++p) {
    const Analysis& analysis = result.processes[p];
    result.staff_cost_per_year += cases_per_year[p] * analysis.staff_cost_per_case;
    if (!analysis.stable) result.stable = false;
    for (std::size_t u = 0; u < analysis.units.size(); ++u) {
      const UnitFigures& unit = analysis.units[u];
      if ((*shared_units[p])[u] || unit.external) continue;
      result.staff_hours_per_year += unit.hours_per_year;
      if (unit.load_hours_per_case > 0 &&
          (!result.bottleneck || unit.utilisation > result.bottleneck->utilisation))
        result.bottleneck = PortfolioBottleneck{std::nullopt, p, u, unit.utilisation};
    }
    if (analysis.ozg_level)
      ++result.ozg_levels[static_cast<std::size_t>(*analysis.ozg_level)];
    else
      ++result.processes_without_ozg_level;
  }
}

}  // namespace portfolio_parts

using namespace portfolio_parts;

PortfolioAnalysis analyse_portfolio(const Portfolio& portfolio, unsigned threads) {
  const std::size_t n = portfolio.processes.size();
  PortfolioAnalysis result;

  // The shared units' sums, added in portfolio order whatever the threads,
  // so that the figures do not depend on their number.
  std::vector<Process> processes(n);
  std::vector<std::vector<SharedDemand>> demand(n);
  for_each_ordered(
      n, std::max(1u, threads),
      [&](std::size_t p) {
        Process process = portfolio.as_in_organisation(p);
        std::vector<SharedDemand> d =
            shared_demand(process, portfolio.processes[p].visits, portfolio.processes[p].shared_units);
        return std::pair{std::move(process), std::move(d)};
      },
      [&](std::size_t p, std::pair<Process, std::vector<SharedDemand>> done) {
        processes[p] = std::move(done.first);
        demand[p] = std::move(done.second);
      });
  result.shared_units = shared_unit_figures(portfolio.organisation, demand, result.stable);

  // Each process with its shared units' queues.
  result.processes.resize(n);
  for_each_ordered(
      n, std::max(1u, threads),
      [&](std::size_t p) {
        const PortfolioProcess& member = portfolio.processes[p];
        return analyse_member(processes[p], member.graph, member.blocks, member.visits, member.shared_units,
                              result.shared_units);
      },
      [&](std::size_t p, Analysis analysis) { result.processes[p] = std::move(analysis); });

  std::vector<double> cases(n);
  std::vector<const std::vector<std::optional<std::size_t>>*> shared_units(n);
  for (std::size_t p = 0; p < n; ++p) {
    cases[p] = processes[p].cases_per_year.value_or(0);
    shared_units[p] = &portfolio.processes[p].shared_units;
  }
  add_totals(result, cases, shared_units);
  return result;
}

}  // namespace paperflow
