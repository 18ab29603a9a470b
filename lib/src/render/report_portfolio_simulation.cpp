#include "paperflow/report_portfolio_simulation.h"

#include <nlohmann/json.hpp>

#include "report_simulation_parts.h"
#include "text_layout.h"
#include "wording.h"

namespace paperflow {
namespace {

using nlohmann::ordered_json;

// Which units of process p the process's own section shows: its own, not
// the shared ones, which the portfolio's section shows once.
std::vector<bool> own_units(const Portfolio& portfolio, std::size_t p) {
  std::vector<bool> own;
  for (const std::optional<std::size_t>& shared : portfolio.processes[p].shared_units) own.push_back(!shared);
  return own;
}

}  // namespace

std::string render_portfolio_simulation_json(const Portfolio& portfolio, const PortfolioSimulationResult& r) {
  const Organisation& organisation = portfolio.organisation;
  ordered_json out;
  out["paperflow"] = 1;
  out["organisation"] = {{"id", organisation.id}, {"name", organisation.name}};
  out["seed"] = r.seed;
  out["replications"] = r.replications;
  out["stable"] = r.stable;
  ordered_json processes = ordered_json::array();
  for (std::size_t p = 0; p < r.processes.size(); ++p) {
    const Process& process = portfolio.processes[p].process;
    ordered_json entry;
    entry["process"] = {{"id", process.info.id}, {"name", process.info.name}};
    put_simulation_figures(entry, process, r.processes[p], own_units(portfolio, p));
    processes.push_back(std::move(entry));
  }
  out["processes"] = std::move(processes);
  ordered_json shared = ordered_json::array();
  for (std::size_t u = 0; u < r.shared_units.size(); ++u) {
    const SimulatedSharedUnit& s = r.shared_units[u];
    ordered_json unit;
    unit["id"] = organisation.units[u].id;
    unit["utilisation"] = s.figures.utilisation.mean;
    unit["utilisation_ci95"] = s.figures.utilisation.ci95;
    unit["mean_queue_wait_hours"] = s.figures.mean_queue_wait_hours.mean;
    unit["max_queue_length"] = s.figures.max_queue_length.mean;
    ordered_json shares = ordered_json::object();
    for (const auto& [p, share] : s.load_share) shares[portfolio.processes[p].process.info.id] = share;
    unit["load_share"] = std::move(shares);
    shared.push_back(std::move(unit));
  }
  out["shared_units"] = std::move(shared);
  return out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

std::string render_portfolio_simulation_text(const Portfolio& portfolio, const PortfolioSimulationResult& r,
                                             const SimulationReportOptions& options) {
  const Wording w(options.language);
  text::Style style{options.color};
  const Organisation& organisation = portfolio.organisation;
  std::size_t completed = 0;
  for (const SimulationResult& process : r.processes) completed += process.cases_completed;
  std::string out = style.bold(organisation.name) + " (" + organisation.id + "): " +
                    w.tr_plural_format("simulation of {} process", "simulation of {} processes",
                                       r.processes.size(), r.processes.size()) +
                    "\n";
  out += simulation_run_line(w, r.replications, r.seed, options, /*each_process=*/true);
  out += w.tr_format("{} cases completed; ± is the half-width of the 95 % confidence interval",
                     w.number(static_cast<double>(completed), 0)) +
         "\n\n";
  if (!r.stable) out += style.alarm(w.tr("Not stable: a queue grows without bound; see the processes below.")) + "\n\n";

  if (!r.shared_units.empty()) {
    out += style.bold(w.tr("Shared units")) + "\n";
    std::vector<SimulatedUnitRow> rows;
    for (std::size_t u = 0; u < r.shared_units.size(); ++u) {
      const SimulatedSharedUnit& s = r.shared_units[u];
      std::string shares;
      for (const auto& [p, share] : s.load_share)
        shares += (shares.empty() ? "" : ", ") + portfolio.processes[p].process.info.name + " " + w.percent(share, 0);
      rows.push_back({organisation.units[u].name, &s.figures,
                      shares.empty() ? "" : "    " + w.tr_format("share of the load: {}", shares)});
    }
    out += simulation_unit_table(rows, w, style) + "\n";
  }

  for (std::size_t p = 0; p < r.processes.size(); ++p) {
    const Process& process = portfolio.processes[p].process;
    const SimulationResult& result = r.processes[p];
    out += style.bold(process.info.name) + " (" + process.info.id + ")\n";
    out += "  " + w.tr_format("{} cases completed", w.number(static_cast<double>(result.cases_completed), 0)) + "\n\n";
    out += simulation_lead_times_text(process, result, w, style);
    std::vector<SimulatedUnitRow> rows;
    for (std::size_t u = 0; u < process.units.size(); ++u)
      if (!portfolio.processes[p].shared_units[u]) rows.push_back({process.units[u].name, &result.units[u], ""});
    if (!rows.empty()) out += simulation_unit_table(rows, w, style) + "\n";
  }
  out += simulation_presence_note(w);
  return out;
}

}  // namespace paperflow
