// Reports of a portfolio's simulation (docs/organisation.md#simulation-of-a-portfolio):
// the shared units with each process's share of their load, then each
// process as paperflow-simulate reports one, less the shared units.
#pragma once

#include <string>

#include "paperflow/portfolio.h"
#include "paperflow/portfolio_simulation.h"
#include "paperflow/report_simulation.h"

namespace paperflow {

/// The JSON of docs/organisation.md: `organisation`, `seed`,
/// `replications`, `stable`, `processes` (simulate's JSON of each, less
/// `paperflow` and `seed`, its `units` less the shared ones), and
/// `shared_units` with each one's `load_share` by process id.
std::string render_portfolio_simulation_json(const Portfolio& portfolio, const PortfolioSimulationResult& result);

/// The text for the terminal: the run, the shared units with their load
/// shares, then each process's lead times and its own units.
std::string render_portfolio_simulation_text(const Portfolio& portfolio, const PortfolioSimulationResult& result,
                                             const SimulationReportOptions& options);

}  // namespace paperflow
