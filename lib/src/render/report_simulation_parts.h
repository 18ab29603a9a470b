// The pieces of the simulation report that the report of one process and
// that of a portfolio (report_portfolio_simulation.h) both print. Not API:
// nlohmann's types stay out of the public headers.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "paperflow/model.h"
#include "paperflow/report_simulation.h"
#include "paperflow/simulation.h"
#include "text_layout.h"
#include "wording.h"

namespace paperflow {

/// Into `out`, the keys of simulate's JSON from `replications` on: figures,
/// the units whose `shown_units[u]` is true (a portfolio's process leaves out
/// its shared units), steps; `unstable_units` names every unit whose queue
/// grew, shown or not.
void put_simulation_figures(nlohmann::ordered_json& out, const Process& process, const SimulationResult& result,
                            const std::vector<bool>& shown_units);

/// "10 replications of 2,000 cases after 20 days of warm-up; seed 3" and a
/// newline; `each_process` says the cases are counted per process.
std::string simulation_run_line(const Wording& w, std::size_t replications, std::uint64_t seed,
                                const SimulationReportOptions& options, bool each_process);

/// Whether the process is stable and its lead times, or why not, then its
/// work in progress; ends with a blank line.
std::string simulation_lead_times_text(const Process& process, const SimulationResult& result, const Wording& w,
                                       const text::Style& style);

/// A row of the unit table: the unit's name, its figures, and a line to
/// print under it (empty: none).
struct SimulatedUnitRow {
  std::string name;
  const SimulatedUnit* figures = nullptr;
  std::string below;
};

/// The table of units: people, time present, utilisation, queue wait and
/// length, the longest queue.
std::string simulation_unit_table(const std::vector<SimulatedUnitRow>& rows, const Wording& w, const text::Style& style);

/// What "present a day" means, under the last unit table.
std::string simulation_presence_note(const Wording& w);

}  // namespace paperflow
