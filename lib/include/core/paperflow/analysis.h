// The normative analysis of docs/format.md#analysis:
// visits per step, load and queueing per unit, lead time with parallel
// blocks, and the per-case figures. The comments name the formula of
// docs/format.md each line implements.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "paperflow/graph.h"
#include "paperflow/visits.h"
#include "paperflow/model.h"

namespace paperflow {

struct UnitFigures {
  bool external = false;
  double visits_per_case = 0;         // Σ v_i over the unit's steps with work
  double load_hours_per_case = 0;     // L_u = Σ v_i·E[W_i]
  double service_hours = 0;           // S_u = L_u / Σ v_i (0 when the unit has no work, or its load underflows)
  double service_scv = 0;             // cs²_u
  double servers = 0;                 // c_u = staff × availability (0 for external units)
  double utilisation = 0;             // ρ_u; 0 for external units, whose capacity is unlimited
  bool stable = true;                 // ρ_u < 1 (external units always)
  std::optional<double> queue_wait_hours;  // Wq_u; none when unstable
  double hours_per_year = 0;          // cases_per_year·L_u (for an external unit: that party's hours)
};

struct StepFigures {
  double visits = 0;            // v_i
  double work_hours = 0;        // E[W_i]
  double delay_hours = 0;       // E[D_i]
  std::optional<double> queue_hours;      // q_i; none when its unit is unstable
  std::optional<double> lead_time_hours;  // T_i = v_i·t_i; none when q_i is
};

struct Analysis {
  double arrival_rate_per_hour = 0;  // λ
  bool stable = true;
  std::optional<double> lead_time_hours;
  std::optional<double> lead_time_days;
  double touch_time_hours = 0;
  std::optional<double> flow_efficiency;  // none when the lead time is unbounded or 0
  double staff_cost_per_case = 0;
  double applicant_hours_per_case = 0;
  double media_breaks_per_case = 0;
  double handoffs_per_case = 0;
  double in_person_visits_per_case = 0;
  double wet_signatures_per_case = 0;
  std::optional<int> ozg_level;            // none without applicant-facing steps
  std::vector<std::size_t> ozg_blockers;   // steps that keep the process from the next level
  std::optional<std::size_t> bottleneck;   // internal unit of highest utilisation
  std::vector<UnitFigures> units;          // in file order
  std::vector<StepFigures> steps;          // in file order
  std::vector<std::size_t> ranking;        // steps by T_i, largest first (ties in file order)
};

/// λ = cases_per_year / (days_per_year × hours_per_day), cases per working hour.
double arrival_rate_per_hour(const Process& process);

/// L_u = Σ v_i·E[W_i] of each unit, over its steps with nonzero mean work.
std::vector<double> unit_load_hours(const Process& process, const std::vector<double>& visits);

/// ρ_u = λ·L_u / c_u of unit `u` with load `load_hours_per_case`; 0 for an
/// external unit, whose capacity is unlimited. Validation's unstable-unit
/// warning and the analysis both use it.
double unit_utilisation(const Process& process, std::size_t u, double load_hours_per_case);

/// Kingman's VUT form with Sakasegawa's exponent, for ρ < 1; exact for c = 1.
double queue_wait_hours(double utilisation, double servers, double service_hours, double service_scv);

/// The OZG maturity level (Reifegradmodell 1.1) as docs/format.md#ozg-level
/// estimates it, and the steps that keep it from the next level.
std::optional<int> ozg_level(const Process& process, std::vector<std::size_t>* blockers = nullptr);

/// The whole analysis of a valid process (no validation errors) with demand.
/// `blocks` are the parallel blocks check_graph found, inner ones first.
Analysis analyse(const Process& process, const RoutingGraph& graph, const std::vector<ParallelBlock>& blocks);
/// The same with the visits already computed (validation hands them on).
Analysis analyse(const Process& process, const RoutingGraph& graph, const std::vector<ParallelBlock>& blocks,
                 const std::vector<double>& visits);

/// The queue of a unit that several processes share (an organisation's
/// shared unit): its utilisation and wait come from all of them.
struct SharedQueue {
  double servers = 0;
  double utilisation = 0;
  std::optional<double> queue_wait_hours;  // none when unstable
};

/// The same with some units' queues given from outside: `shared_queues[u]`,
/// where set, replaces unit u's own servers, utilisation and wait (the
/// process's own load, visits and hours stay its own).
Analysis analyse(const Process& process, const RoutingGraph& graph, const std::vector<ParallelBlock>& blocks,
                 const std::vector<double>& visits, const std::vector<std::optional<SharedQueue>>& shared_queues);

/// The same for a process built or changed in memory: builds the graph and
/// finds its parallel blocks first.
Analysis analyse_process(const Process& process);

}  // namespace paperflow
