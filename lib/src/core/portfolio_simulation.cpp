#include "paperflow/portfolio_simulation.h"

#include "simulation_engine.h"

namespace paperflow {

PortfolioSimulationResult simulate_portfolio(const Portfolio& portfolio, const SimulationOptions& options) {
  PortfolioSimulationResult result;
  result.seed = options.seed;
  result.replications = options.replications;
  const std::vector<Unit>& shared = portfolio.organisation.units;
  std::vector<Process> processes;
  for (std::size_t p = 0; p < portfolio.processes.size(); ++p) processes.push_back(portfolio.as_in_organisation(p));

  // The resources: the shared units some process uses, then each process's
  // own units. A shared unit no process uses draws no blocks, so it changes
  // no other figure.
  sim::Input input;
  std::vector<std::optional<std::size_t>> resource_of_shared(shared.size());
  for (const PortfolioProcess& process : portfolio.processes)
    for (const std::optional<std::size_t>& unit : process.shared_units)
      if (unit) resource_of_shared[*unit] = 0;
  for (std::size_t u = 0; u < shared.size(); ++u)
    if (resource_of_shared[u]) {
      resource_of_shared[u] = input.resources.size();
      input.resources.push_back(shared[u]);
    }
  for (std::size_t p = 0; p < processes.size(); ++p) {
    input.processes.push_back(&processes[p]);
    std::vector<std::size_t>& resource_of_unit = input.resource_of_unit.emplace_back();
    for (std::size_t u = 0; u < processes[p].units.size(); ++u) {
      if (const std::optional<std::size_t>& unit = portfolio.processes[p].shared_units[u]) {
        resource_of_unit.push_back(*resource_of_shared[*unit]);
      } else {
        resource_of_unit.push_back(input.resources.size());
        input.resources.push_back(processes[p].units[u]);
      }
    }
  }
  if (input.processes.empty()) return result;

  sim::Output output = sim::run(input, options);
  if (output.problem) {
    result.problem = std::move(output.problem);
    return result;
  }
  result.events = output.events;
  result.processes = std::move(output.processes);
  for (const SimulationResult& process : result.processes) result.stable = result.stable && process.stable;
  for (std::size_t u = 0; u < shared.size(); ++u) {
    SimulatedSharedUnit& unit = result.shared_units.emplace_back();
    if (resource_of_shared[u]) {
      unit.figures = output.resources[*resource_of_shared[u]];
      unit.load_share = output.load_share[*resource_of_shared[u]];
    } else {
      unit.figures.people = presence_hours_per_day(shared[u], portfolio.organisation.calendar.hours_per_day).size();
      unit.figures.presence_hours_per_day =
          shared[u].external ? 0 : shared[u].servers() * portfolio.organisation.calendar.hours_per_day;
    }
  }
  return result;
}

}  // namespace paperflow
