#include "paperflow/analysis.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace paperflow {

double queue_wait_hours(double utilisation, double servers, double service_hours, double service_scv) {
  // Wq = (1 + cs²)/2 · ρ^(√(2(c+1)) − 1) / (c·(1 − ρ)) · S  (docs/format.md#queue-wait)
  if (utilisation <= 0 || service_hours <= 0) return 0;
  return (1.0 + service_scv) / 2.0 * std::pow(utilisation, std::sqrt(2.0 * (servers + 1.0)) - 1.0) /
         (servers * (1.0 - utilisation)) * service_hours;
}

std::optional<int> ozg_level(const Process& process, std::vector<std::size_t>* blockers) {
  std::vector<std::size_t> facing;
  for (std::size_t i = 0; i < process.steps.size(); ++i) {
    if (is_applicant_facing(process, process.steps[i])) facing.push_back(i);
  }
  if (facing.empty()) return std::nullopt;
  std::vector<std::size_t> below_3;  // applicant-facing steps that break level 3
  for (std::size_t i : facing) {
    const Step& step = process.steps[i];
    bool digital = step.medium == Medium::digital;
    bool visit_or_post = step.channel == Channel::in_person || step.channel == Channel::post;
    if (!digital || visit_or_post || step.signature == Signature::wet) below_3.push_back(i);
  }
  std::vector<std::size_t> below_4;  // requests for proofs and paper notices
  bool some_digital_fill_in = false;
  std::vector<std::size_t> paper_fill_in;
  for (std::size_t i = 0; i < process.steps.size(); ++i) {
    const Step& step = process.steps[i];
    if (step.end) continue;  // no work and no medium: an activity written on it only names it
    if (step.activity == Activity::request) below_4.push_back(i);
    if (step.activity == Activity::send && step.medium != Medium::digital) below_4.push_back(i);
    if (step.activity == Activity::fill_in) {
      if (step.medium == Medium::digital) some_digital_fill_in = true;
      else paper_fill_in.push_back(i);
    }
  }
  std::sort(below_4.begin(), below_4.end());
  int level = 0;
  std::vector<std::size_t> keeping;
  if (below_3.empty()) {
    level = below_4.empty() ? 4 : 3;
    keeping = below_4;
  } else if (some_digital_fill_in) {
    level = 2;
    keeping = below_3;
  } else {
    level = 0;
    keeping = paper_fill_in.empty() ? below_3 : paper_fill_in;
  }
  if (blockers) *blockers = std::move(keeping);
  return level;
}

double arrival_rate_per_hour(const Process& process) {
  return process.cases_per_year.value_or(0) / (process.calendar.days_per_year * process.calendar.hours_per_day);
}

namespace {

// Calls `add(u, i)` for each step i with nonzero mean work at unit u: the
// steps every per-unit sum runs over.
template <typename Add>
void for_each_unit_step(const Process& process, Add add) {
  for (std::size_t i = 0; i < process.steps.size(); ++i) {
    const Step& step = process.steps[i];
    const Unit* unit = process.unit_of(step);
    if (unit && step.work.mean() > 0) add(process.unit_index.at(unit->id), i);
  }
}

}  // namespace

std::vector<double> unit_load_hours(const Process& process, const std::vector<double>& visits) {
  std::vector<double> load(process.units.size(), 0.0);
  for_each_unit_step(process, [&](std::size_t u, std::size_t i) { load[u] += visits[i] * process.steps[i].work.mean(); });
  return load;
}

double unit_utilisation(const Process& process, std::size_t u, double load_hours_per_case) {
  const Unit& unit = process.units[u];
  if (unit.external) return 0;
  return arrival_rate_per_hour(process) * load_hours_per_case / unit.servers();  // ρ_u = λ·L_u / c_u
}

Analysis analyse(const Process& process, const RoutingGraph& routing, const std::vector<ParallelBlock>& blocks) {
  Visits visits = solve_visits(process, routing);
  // A valid process has its visits (validation reports unsolved-visits);
  // against the contract, every figure is NaN rather than one that looks
  // right.
  if (visits.problem) visits.per_step.assign(process.steps.size(), std::nan(""));
  return analyse(process, routing, blocks, visits.per_step);
}

namespace {

// Units: sums over their steps with nonzero mean work, utilisation, queue
// wait, and the bottleneck (the busiest unit with work).
void unit_figures(const Process& process, const std::vector<double>& visits,
                  const std::vector<std::optional<SharedQueue>>* shared_queues, Analysis& result) {
  const double cases_per_year = process.cases_per_year.value_or(0);
  std::vector<double> second_moment_sum(process.units.size(), 0.0);
  const std::vector<double> load = unit_load_hours(process, visits);
  result.units.resize(process.units.size());
  for (std::size_t u = 0; u < process.units.size(); ++u) {
    result.units[u].external = process.units[u].external;
    result.units[u].load_hours_per_case = load[u];
  }
  for_each_unit_step(process, [&](std::size_t u, std::size_t i) {
    result.units[u].visits_per_case += visits[i];
    second_moment_sum[u] += visits[i] * process.steps[i].work.second_moment();
  });
  double highest = -1;
  for (std::size_t u = 0; u < process.units.size(); ++u) {
    const Unit& unit = process.units[u];
    UnitFigures& figures = result.units[u];
    figures.hours_per_year = cases_per_year * figures.load_hours_per_case;
    figures.service_hours = figures.visits_per_case > 0 ? figures.load_hours_per_case / figures.visits_per_case : 0;
    // A unit reached only along a choice of p: 5e-324 has visits, but its
    // load underflows to 0: then, as for a unit without work, no service
    // time and no cs² (0/0 would make it NaN; found by fuzzing).
    if (figures.service_hours > 0) {
      figures.service_scv = second_moment_sum[u] / figures.visits_per_case /
                                (figures.service_hours * figures.service_hours) -
                            1.0;
    }
    if (unit.external) {
      figures.queue_wait_hours = 0.0;
      continue;
    }
    const SharedQueue* shared =
        shared_queues && u < shared_queues->size() && (*shared_queues)[u] ? &*(*shared_queues)[u] : nullptr;
    figures.servers = shared ? shared->servers : unit.servers();
    const double rho = shared ? shared->utilisation : unit_utilisation(process, u, figures.load_hours_per_case);
    figures.utilisation = rho;
    figures.stable = rho < 1.0;
    if (!figures.stable) {
      // An overloaded shared unit holds up only the processes that send it work.
      if (!shared || figures.load_hours_per_case > 0) result.stable = false;
    } else if (shared)
      figures.queue_wait_hours = shared->queue_wait_hours;
    else
      figures.queue_wait_hours = queue_wait_hours(rho, figures.servers, figures.service_hours, figures.service_scv);
    // No work at any unit (a plan that removed it all) means no bottleneck.
    if (rho > 0 && figures.load_hours_per_case > 0 && rho > highest) {
      highest = rho;
      result.bottleneck = u;
    }
  }
}

// Steps: t_i = q_i + E[W_i] + E[D_i], T_i = v_i·t_i. Returns each step's
// contribution T_i to the lead time (0 where unbounded).
std::vector<double> step_figures(const Process& process, const std::vector<double>& visits, Analysis& result) {
  const std::size_t n = process.steps.size();
  result.steps.resize(n);
  std::vector<double> contribution(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const Step& step = process.steps[i];
    StepFigures& figures = result.steps[i];
    figures.visits = visits[i];
    figures.work_hours = step.work.mean();
    figures.delay_hours = step.delay.mean();
    const Unit* unit = process.unit_of(step);
    if (unit && !unit->external && figures.work_hours > 0)
      figures.queue_hours = result.units[process.unit_index.at(unit->id)].queue_wait_hours;
    else
      figures.queue_hours = 0.0;
    if (figures.queue_hours) {
      figures.lead_time_hours = visits[i] * (*figures.queue_hours + figures.work_hours + figures.delay_hours);
      contribution[i] = *figures.lead_time_hours;
    }
  }
  return contribution;
}

// Lead time: Σ T_i, where a parallel block counts as v_split × the max
// over its branches of Σ T_i / v_split; inner blocks first, each folded
// into its split so that the block around it sees one figure.
double lead_time_hours(const std::vector<ParallelBlock>& blocks, const std::vector<double>& visits,
                       std::vector<double> contribution) {
  for (const ParallelBlock& block : blocks) {
    const double v_split = visits[block.split];
    double longest = 0;
    for (const auto& branch : block.branches) {
      double sum = 0;
      for (std::size_t i : branch) sum += contribution[i];
      longest = std::max(longest, v_split > 0 ? sum / v_split : 0.0);
    }
    for (std::size_t i : block.body) contribution[i] = 0;
    contribution[block.split] += v_split * longest;
  }
  return std::accumulate(contribution.begin(), contribution.end(), 0.0);
}

// Per-case figures of the steps: touch time, applicant time, staff cost,
// wet signatures; and of the edges: media breaks and handoffs.
void per_case_figures(const Process& process, const RoutingGraph& routing, const std::vector<double>& visits,
                      Analysis& result) {
  for (std::size_t i = 0; i < process.steps.size(); ++i) {
    const Step& step = process.steps[i];
    const Unit* unit = process.unit_of(step);
    const double work = visits[i] * step.work.mean();
    result.touch_time_hours += work;
    if (unit && unit->external) result.applicant_hours_per_case += work;
    if (unit && !unit->external) result.staff_cost_per_case += work * unit->cost_per_hour;
    if (step.signature == Signature::wet) result.wet_signatures_per_case += visits[i];
  }
  const auto& g = routing.graph;
  for (auto [e, end] = boost::edges(g); e != end; ++e) {
    const std::size_t from = boost::source(*e, g), to = boost::target(*e, g);
    const double f = visits[from] * g[*e].p;  // f_ij = v_i·P[i][j], edges into joins included
    if (is_media_break(process.steps[from], process.steps[to])) result.media_breaks_per_case += f;
    if (is_handoff(process.steps[from], process.steps[to])) result.handoffs_per_case += f;
  }
}

// A visit is a walk to the counter: the case's arrival at an in-person
// start, or a move onto an in-person step from one that is not; in-person
// steps in a row are the same visit. The arrival counts once, not v_start
// times: a return to the start is a move, counted with the edges.
double in_person_visits_per_case(const Process& process, const RoutingGraph& routing,
                                 const std::vector<double>& visits) {
  auto in_person = [&](std::size_t i) { return process.steps[i].channel == Channel::in_person; };
  double walks = in_person(routing.start) ? 1.0 : 0.0;
  const auto& g = routing.graph;
  for (auto [e, end] = boost::edges(g); e != end; ++e) {
    const std::size_t from = boost::source(*e, g), to = boost::target(*e, g);
    // The branches of a parallel block arrive at their join together: one
    // walk to the counter per run of the join, counted below.
    if (in_person(to) && !in_person(from) && !routing.is_join[to]) walks += visits[from] * g[*e].p;
  }
  for (std::size_t j = 0; j < process.steps.size(); ++j) {
    if (!routing.is_join[j] || !in_person(j)) continue;
    bool walks_in = false;
    for (auto [e, end] = boost::in_edges(j, g); e != end; ++e) walks_in |= !in_person(boost::source(*e, g));
    if (walks_in) walks += visits[j];
  }
  return walks;
}

// Steps by their contribution to the lead time, largest first; an
// unbounded T_i ranks first.
std::vector<std::size_t> ranking(const std::vector<StepFigures>& steps) {
  std::vector<std::size_t> order(steps.size());
  std::iota(order.begin(), order.end(), 0);
  auto key = [&](std::size_t i) { return steps[i].lead_time_hours.value_or(HUGE_VAL); };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return key(x) > key(y); });
  return order;
}

}  // namespace

Analysis analyse(const Process& process, const RoutingGraph& routing, const std::vector<ParallelBlock>& blocks,
                 const std::vector<double>& visits) {
  return analyse(process, routing, blocks, visits, {});
}

Analysis analyse(const Process& process, const RoutingGraph& routing, const std::vector<ParallelBlock>& blocks,
                 const std::vector<double>& visits, const std::vector<std::optional<SharedQueue>>& shared_queues) {
  Analysis result;
  result.arrival_rate_per_hour = arrival_rate_per_hour(process);
  unit_figures(process, visits, &shared_queues, result);
  const std::vector<double> contribution = step_figures(process, visits, result);
  if (result.stable) {
    result.lead_time_hours = lead_time_hours(blocks, visits, contribution);
    result.lead_time_days = *result.lead_time_hours / process.calendar.hours_per_day;
  }
  per_case_figures(process, routing, visits, result);
  result.in_person_visits_per_case = in_person_visits_per_case(process, routing, visits);
  if (result.lead_time_hours && *result.lead_time_hours > 0)
    result.flow_efficiency = result.touch_time_hours / *result.lead_time_hours;
  result.ozg_level = ozg_level(process, &result.ozg_blockers);
  result.ranking = ranking(result.steps);
  return result;
}

Analysis analyse_process(const Process& process) {
  RoutingGraph graph(process);
  GraphCheckResult checked = check_graph(process, graph);
  return analyse(process, graph, checked.blocks);
}

}  // namespace paperflow
