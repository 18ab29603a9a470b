#include "paperflow/portfolio_plan.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>

#include "ordered_parallel.h"
#include "paperflow/figures.h"
#include "paperflow/measures.h"
#include "plan_rules.h"
#include "portfolio_parts.h"

namespace paperflow {

PortfolioMeasures portfolio_measures(const Portfolio& portfolio, const std::vector<Measure>& catalogue,
                                     const std::vector<Measure>& extra) {
  PortfolioMeasures out;
  out.organisation = merge_measures({catalogue, portfolio.organisation.measures, extra});
  for (const PortfolioProcess& member : portfolio.processes)
    out.processes.push_back(merge_measures({catalogue, portfolio.organisation.measures, member.process.measures, extra}));
  return out;
}

namespace {

using namespace portfolio_parts;

// One process as the plan has changed it so far: the process as in the
// organisation, what its analysis needs, and its demand on the shared units.
struct Member {
  Process process;
  RoutingGraph graph;
  std::vector<ParallelBlock> blocks;
  std::vector<double> visits;
  std::vector<SharedDemand> demand;
};

// The portfolio after some measures. Members are shared between states: a
// measure replaces only the processes it changes.
struct State {
  std::vector<std::shared_ptr<const Member>> members;
  PortfolioAnalysis analysis;
};

struct Candidate {
  Measure measure;                     // with the optimism bias
  std::optional<std::size_t> process;  // none: organisation-wide
};

// A candidate applied to a state.
struct Outcome {
  bool applied = false;
  State after;
  std::vector<std::size_t> processes;  // changed, in portfolio order
  std::vector<std::string> steps;      // "PROCESS/STEP"
  // Processes where an organisation-wide measure selects steps but cannot
  // be applied; they are left as they are.
  std::vector<std::pair<std::size_t, Phrase>> refused;
  bool selects_nothing = false;  // why it was not applied, else `problem`
  Phrase problem;
};

// A candidate's figures on the state of the moment. The changed portfolio
// itself is not kept: a wave holds an evaluation of every candidate, and
// each portfolio is as large as the organisation; the one taken is
// evaluated again, to the same figures.
struct Evaluation {
  std::size_t candidate = 0;
  bool applied = false;
  bool selects_nothing = false;
  Phrase problem;
  PlannedMeasure figures;
  double benefit = 0;
  bool fresh = true;  // evaluated on the current state
};

struct PlannedCandidate {
  std::size_t candidate = 0;
  PortfolioPlannedMeasure measure;
  std::vector<std::pair<std::size_t, Phrase>> refused;
};

struct Skip {
  std::size_t candidate = 0;
  std::vector<std::size_t> processes;
  Phrase reason;
  bool selects_nothing = false;
};

// The plan of some candidates in waves.
struct WavePlan {
  std::vector<PlannedCandidate> measures;
  std::vector<Skip> skipped;
  State after;
};

class Planner {
 public:
  Planner(const Portfolio& portfolio, const PortfolioMeasures& measures, const PlanOptions& options, unsigned threads)
      : portfolio_(portfolio), options_(options), threads_(std::max(1u, threads)) {
    collect_candidates(measures);
    const std::size_t n = portfolio.processes.size();
    for (std::size_t p = 0; p < n; ++p) {
      const PortfolioProcess& member = portfolio.processes[p];
      cases_.push_back(member.process.cases_per_year.value_or(0));
      shared_units_.push_back(&member.shared_units);
    }
    for (double c : cases_) total_cases_ += c;
    initial_.members.resize(n);
    std::vector<std::vector<SharedDemand>> demand(n);
    for_each_ordered(
        n, threads_,
        [&](std::size_t p) {
          const PortfolioProcess& member = portfolio.processes[p];
          Process process = portfolio.as_in_organisation(p);
          std::vector<SharedDemand> d = shared_demand(process, member.visits, member.shared_units);
          return std::make_shared<const Member>(
              Member{std::move(process), member.graph, member.blocks, member.visits, std::move(d)});
        },
        [&](std::size_t p, std::shared_ptr<const Member> m) { initial_.members[p] = std::move(m); });
    initial_.analysis = analyse_portfolio(portfolio, threads_);
  }

  const State& initial() const { return initial_; }
  const std::vector<Candidate>& candidates() const { return candidates_; }
  const plan_rules::Needs& needs() const { return needs_; }
  const std::vector<std::vector<plan_rules::Requirement>>& requires_of() const { return requires_of_; }
  const std::vector<std::string>& names() const { return names_; }
  const std::vector<std::string>& ids() const { return ids_; }

  // `candidate` applied to every process it is for, on `state`.
  Outcome evaluate(const State& state, std::size_t candidate) const {
    const Candidate& c = candidates_[candidate];
    Outcome out;
    out.after.members = state.members;
    std::vector<std::size_t> targets;
    if (c.process) targets.push_back(*c.process);
    else
      for (std::size_t p = 0; p < state.members.size(); ++p) targets.push_back(p);
    std::optional<Phrase> problem;
    for (std::size_t p : targets) {
      const Member& member = *state.members[p];
      MeasureApplication a = apply_measure(member.process, c.measure);
      if (!a.applied) {
        if (!a.selects_nothing && a.problem) {
          if (c.process) problem = a.problem->message;
          else out.refused.push_back({p, a.problem->message});
        }
        continue;
      }
      RoutingGraph graph(a.process);
      std::vector<ParallelBlock> blocks = check_graph(a.process, graph).blocks;
      std::vector<double> visits = solve_visits(a.process, graph).per_step;
      std::vector<SharedDemand> demand = shared_demand(a.process, visits, *shared_units_[p]);
      auto changed = std::make_shared<const Member>(
          Member{std::move(a.process), std::move(graph), std::move(blocks), std::move(visits), std::move(demand)});
      const std::string& process_id = changed->process.info.id;
      for (const std::string& step : a.steps) out.steps.push_back(process_id + "/" + step);
      out.after.members[p] = std::move(changed);
      out.processes.push_back(p);
    }
    if (out.processes.empty()) {
      out.selects_nothing = !problem;
      if (problem) out.problem = *problem;
      return out;
    }
    out.applied = true;
    reanalyse(state, out);
    return out;
  }

  // The figures of the outcome `o` of `candidate` on `before`.
  PlannedMeasure figures(const PortfolioAnalysis& before, const Outcome& o, std::size_t candidate) const {
    const PortfolioAnalysis& after = o.after.analysis;
    const Measure& measure = candidates_[candidate].measure;
    PlannedMeasure m;
    m.id = measure.id;
    m.name = measure.name;
    m.steps = o.steps;
    const auto lead_before = mean_lead_time(before), lead_after = mean_lead_time(after);
    if (lead_before && lead_after) m.lead_time_saved_hours = *lead_before - *lead_after;
    const double share = plan_rules::saving_share(options_);
    m.staff_hours_freed_per_year = (before.staff_hours_per_year - after.staff_hours_per_year) * share;
    m.staff_cost_saved_per_year = (before.staff_cost_per_year - after.staff_cost_per_year) * share;
    for (const CaseFigure* figure : removable_figures())
      m.removed_per_case.push_back(case_mean(before, *figure) - case_mean(after, *figure));
    plan_rules::set_costs(m, measure);
    return m;
  }

  double benefit(const PlannedMeasure& m, const PortfolioAnalysis& before, const PortfolioAnalysis& after) const {
    return plan_rules::benefit(m, unbounded(after) < unbounded(before), options_.objective);
  }

  // The evaluations of `which` on `state`, on the planner's threads.
  std::vector<Evaluation> evaluate_all(const State& state, const std::vector<std::size_t>& which) const {
    std::vector<Evaluation> out(which.size());
    for_each_ordered(
        which.size(), threads_,
        [&](std::size_t k) {
          Evaluation e;
          e.candidate = which[k];
          const Outcome o = evaluate(state, which[k]);
          e.applied = o.applied;
          e.selects_nothing = o.selects_nothing;
          e.problem = o.problem;
          if (o.applied) {
            e.figures = figures(state.analysis, o, which[k]);
            e.benefit = benefit(e.figures, state.analysis, o.after.analysis);
          }
          return e;
        },
        [&](std::size_t k, Evaluation e) { out[k] = std::move(e); });
    return out;
  }

  // The candidates `chosen` in waves from the initial state.
  WavePlan plan_in_waves(const std::vector<bool>& chosen) const;

  // The processes each candidate of `plan` changes, and the candidates of
  // `plan` that change each process, in the plan's order.
  struct Touching {
    std::vector<std::vector<std::size_t>> processes;  // by candidate
    std::vector<std::vector<std::size_t>> candidates;  // by process
  };
  Touching touching(const WavePlan& plan) const {
    Touching t;
    t.processes.resize(candidates_.size());
    t.candidates.resize(initial_.members.size());
    for (const PlannedCandidate& m : plan.measures) {
      t.processes[m.candidate] = m.measure.processes;
      for (std::size_t p : m.measure.processes) t.candidates[p].push_back(m.candidate);
    }
    return t;
  }

  // The OZG level of process `p` after the candidates `with`, applied in the
  // order of the plan `t` was made from: the level depends on the process's
  // own steps only, not on the shared waits.
  int level(const Touching& t, const std::vector<bool>& with, std::size_t p) const {
    Process process = initial_.members[p]->process;
    for (std::size_t c : t.candidates[p]) {
      if (!with[c]) continue;
      MeasureApplication a = apply_measure(process, candidates_[c].measure);
      if (a.applied) process = std::move(a.process);
    }
    return ozg_level(process).value_or(-1);
  }

  plan_rules::Recommendation recommend_once(const std::vector<bool>& chosen) const;

  // The yearly saving, less its yearly cost, of each of `eligible` alone on
  // the portfolio changed by what it requires among them.
  std::vector<double> savings_alone(const std::vector<std::size_t>& eligible,
                                    const plan_rules::Needs& eligible_needs) const {
    std::vector<double> saving(eligible.size());
    for_each_ordered(
        eligible.size(), threads_,
        [&](std::size_t k) {
          State base = initial_;
          std::vector<std::size_t> todo = eligible_needs[k];
          std::set<std::size_t> done;
          while (!todo.empty()) {  // in any order that works
            const std::size_t r = todo.back();
            todo.pop_back();
            if (!done.insert(r).second) continue;
            Outcome o = evaluate(base, eligible[r]);
            if (o.applied) base = std::move(o.after);
            for (std::size_t q : eligible_needs[r]) todo.push_back(q);
          }
          Outcome o = evaluate(base, eligible[k]);
          if (!o.applied) return 0.0;
          return figures(base.analysis, o, eligible[k]).staff_cost_saved_per_year -
                 candidates_[eligible[k]].measure.yearly_cost;
        },
        [&](std::size_t k, double s) { saving[k] = s; });
    return saving;
  }

  const PlanOptions& options() const { return options_; }

 private:
  void collect_candidates(const PortfolioMeasures& measures) {
    const std::vector<Measure> organisation =
        with_optimism_bias(measures.organisation, options_.optimism_bias_percent);
    std::set<std::string> organisation_wide;
    for (const Measure& m : organisation)
      if (m.scope == MeasureScope::organisation) {
        candidates_.push_back({m, std::nullopt});
        organisation_wide.insert(m.id);
      }
    for (std::size_t p = 0; p < measures.processes.size(); ++p)
      for (const Measure& m : with_optimism_bias(measures.processes[p], options_.optimism_bias_percent))
        if (m.scope == MeasureScope::process && !organisation_wide.count(m.id)) candidates_.push_back({m, p});
    // An organisation-wide measure may require organisation-wide ones; a
    // process's measure those and the measures of its own process.
    std::map<std::pair<std::string, std::size_t>, std::size_t> index;  // (id, process or -1)
    const std::size_t everywhere = static_cast<std::size_t>(-1);
    for (std::size_t i = 0; i < candidates_.size(); ++i)
      index[{candidates_[i].measure.id, candidates_[i].process.value_or(everywhere)}] = i;
    needs_.resize(candidates_.size());
    requires_of_.resize(candidates_.size());
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
      const Candidate& c = candidates_[i];
      names_.push_back(c.measure.name);
      ids_.push_back(c.process ? portfolio_.processes[*c.process].process.info.id + "/" + c.measure.id
                               : c.measure.id);
      for (const Reference& r : c.measure.requires_measures) {
        std::optional<std::size_t> k;
        if (auto it = index.find({r.id, everywhere}); it != index.end()) k = it->second;
        else if (c.process)
          if (auto own = index.find({r.id, *c.process}); own != index.end()) k = own->second;
        requires_of_[i].push_back({k, r.id});
        if (k) needs_[i].push_back(*k);
      }
    }
  }

  // Re-analyses, in `o.after`, the changed processes and those whose
  // shared queues moved; keeps every other process's analysis.
  void reanalyse(const State& before, Outcome& o) const {
    const std::size_t n = o.after.members.size();
    std::vector<std::vector<SharedDemand>> demand(n);
    for (std::size_t p = 0; p < n; ++p) demand[p] = o.after.members[p]->demand;
    PortfolioAnalysis& result = o.after.analysis;
    result.shared_units = shared_unit_figures(portfolio_.organisation, demand, result.stable);
    std::vector<bool> moved(result.shared_units.size(), false);
    for (std::size_t u = 0; u < moved.size(); ++u) {
      const SharedUnitFigures &now = result.shared_units[u], &then = before.analysis.shared_units[u];
      moved[u] = now.servers != then.servers || now.utilisation != then.utilisation ||
                 now.queue_wait_hours != then.queue_wait_hours;
    }
    result.processes = before.analysis.processes;
    for (std::size_t p = 0; p < n; ++p) {
      bool again = std::find(o.processes.begin(), o.processes.end(), p) != o.processes.end();
      for (const auto& u : *shared_units_[p]) again = again || (u && moved[*u]);
      if (!again) continue;
      const Member& m = *o.after.members[p];
      result.processes[p] = analyse_member(m.process, m.graph, m.blocks, m.visits, *shared_units_[p],
                                           result.shared_units);
    }
    add_totals(result, cases_, shared_units_);
  }

  std::optional<double> mean_lead_time(const PortfolioAnalysis& a) const {
    double sum = 0;
    for (std::size_t p = 0; p < a.processes.size(); ++p) {
      if (!a.processes[p].lead_time_hours) return std::nullopt;
      sum += cases_[p] * *a.processes[p].lead_time_hours;
    }
    return total_cases_ > 0 ? sum / total_cases_ : 0.0;
  }

  double case_mean(const PortfolioAnalysis& a, const CaseFigure& figure) const {
    double sum = 0;
    for (std::size_t p = 0; p < a.processes.size(); ++p) sum += cases_[p] * figure.value(a.processes[p]).value_or(0);
    return total_cases_ > 0 ? sum / total_cases_ : 0.0;
  }

  static int unbounded(const PortfolioAnalysis& a) {
    int count = 0;
    for (const Analysis& p : a.processes) count += p.lead_time_hours ? 0 : 1;
    return count;
  }

  const Portfolio& portfolio_;
  PlanOptions options_;
  unsigned threads_;
  std::vector<Candidate> candidates_;
  plan_rules::Needs needs_;
  std::vector<std::vector<plan_rules::Requirement>> requires_of_;
  std::vector<std::string> names_, ids_;  // ids_ name a process's candidate "PROCESS/ID"
  std::vector<double> cases_;
  double total_cases_ = 0;
  std::vector<const std::vector<std::optional<std::size_t>>*> shared_units_;
  State initial_;
};

std::vector<std::size_t> processes_of(const Candidate& c) {
  if (c.process) return {*c.process};
  return {};
}

WavePlan Planner::plan_in_waves(const std::vector<bool>& chosen) const {
  WavePlan plan;
  State current = initial_;
  std::vector<bool> applied(candidates_.size(), false);
  std::vector<std::size_t> pending;
  for (std::size_t i = 0; i < candidates_.size(); ++i)
    if (chosen[i]) pending.push_back(i);
  auto skip = [&](std::size_t c, Phrase reason) {
    plan.skipped.push_back({c, processes_of(candidates_[c]), std::move(reason)});
  };
  for (int wave = 1; !pending.empty(); ++wave) {
    plan_rules::WaveSplit split = plan_rules::split_wave(pending, applied, requires_of_);
    for (const auto& [i, missing] : split.missing)
      skip(i, {pf_phrase("it requires {}, which is not in the plan"), {text_argument(missing)}});
    if (split.ready.empty()) {
      for (std::size_t i : split.later) skip(i, {pf_phrase("its `requires` cannot be met"), {}});
      break;
    }
    std::vector<Evaluation> ready = evaluate_all(current, split.ready);
    for (;;) {
      // The largest benefit among those that apply; the first of equals.
      std::optional<std::size_t> best;
      for (std::size_t k = 0; k < ready.size(); ++k)
        if (ready[k].applied && (!best || ready[k].benefit > ready[*best].benefit)) best = k;
      if (!best) {
        for (const Evaluation& e : ready) {
          if (e.selects_nothing) {
            skip(e.candidate, candidates_[e.candidate].process
                                  ? Phrase{pf_phrase("not applicable: it selects no step of this process"), {}}
                                  : Phrase{pf_phrase("not applicable: it selects no step of any process"), {}});
            plan.skipped.back().selects_nothing = true;
          } else
            skip(e.candidate, {pf_phrase("not applicable: {}"), {phrase_argument(e.problem)}});
        }
        break;
      }
      if (!ready[*best].fresh) {
        ready[*best] = std::move(evaluate_all(current, {ready[*best].candidate}).front());
        continue;
      }
      Evaluation taken = std::move(ready[*best]);
      ready.erase(ready.begin() + static_cast<std::ptrdiff_t>(*best));
      const Outcome o = evaluate(current, taken.candidate);
      PortfolioPlannedMeasure planned;
      planned.figures = std::move(taken.figures);
      planned.figures.wave = wave;
      planned.scope = candidates_[taken.candidate].process ? MeasureScope::process : MeasureScope::organisation;
      planned.processes = o.processes;
      plan.measures.push_back({taken.candidate, std::move(planned), o.refused});
      current = o.after;
      applied[taken.candidate] = true;
      // The candidates of a process just changed, and the organisation-wide
      // ones, now: what they select may have changed. The others' figures
      // moved only with the shared waits: lazily, when they come to the top.
      std::vector<std::size_t> again;
      std::vector<std::size_t> slots;
      for (std::size_t k = 0; k < ready.size(); ++k) {
        const Candidate& c = candidates_[ready[k].candidate];
        const bool touched =
            !c.process || std::find(o.processes.begin(), o.processes.end(), *c.process) != o.processes.end();
        if (touched) {
          again.push_back(ready[k].candidate);
          slots.push_back(k);
        } else {
          ready[k].fresh = false;
        }
      }
      std::vector<Evaluation> redone = evaluate_all(current, again);
      for (std::size_t j = 0; j < slots.size(); ++j) ready[slots[j]] = std::move(redone[j]);
      if (ready.empty()) break;
    }
    pending = split.later;
  }
  plan.after = std::move(current);
  return plan;
}

plan_rules::FiguresByCandidate figures_by_candidate(const WavePlan& plan) {
  plan_rules::FiguresByCandidate figures;
  for (const PlannedCandidate& m : plan.measures) figures[m.candidate] = &m.measure.figures;
  return figures;
}

// One round of the three rules on the plan of `chosen`. OZG level 3 is a
// process's: of the other measures, those without which some process would
// not reach the level all of them give it (at most 3), the most expensive
// dropped first.
plan_rules::Recommendation Planner::recommend_once(const std::vector<bool>& chosen) const {
  const WavePlan p = plan_in_waves(chosen);
  plan_rules::Recommendation out = plan_rules::recommend_paying(needs_, names_, ids_, chosen, figures_by_candidate(p),
                                                                options_.horizon_years);
  const std::size_t n = initial_.members.size();
  const Touching t = touching(p);
  std::vector<std::optional<int>> target(n), kept(n);
  bool any = false;
  for (std::size_t q = 0; q < n; ++q) {
    const int level_all = level(t, chosen, q), level_kept = level(t, out.chosen, q);
    kept[q] = level_kept;
    if (level_kept >= 3 || level_all <= level_kept) continue;
    target[q] = std::min(level_all, 3);
    any = true;
  }
  if (!any) return out;
  std::vector<std::size_t> rest;
  for (std::size_t i = 0; i < candidates_.size(); ++i)
    if (chosen[i] && !out.chosen[i]) rest.push_back(i);
  std::stable_sort(rest.begin(), rest.end(), [&](std::size_t a, std::size_t b) {
    return candidates_[a].measure.one_off_cost > candidates_[b].measure.one_off_cost;
  });
  std::vector<bool> with = chosen;
  std::map<std::size_t, std::size_t> needed_in;  // candidate -> the process that needs it
  plan_rules::Needs required_by(candidates_.size());
  for (std::size_t j = 0; j < candidates_.size(); ++j)
    for (std::size_t r : needs_[j]) required_by[r].push_back(j);
  for (std::size_t r : rest) {
    // Some other measure kept requires r, directly or through kept ones.
    if (!plan_rules::requirements(required_by, r, with).empty()) continue;
    with[r] = false;
    for (std::size_t q : t.processes[r])
      if (target[q] && level(t, with, q) < *target[q]) {
        with[r] = true;
        needed_in[r] = q;
        break;
      }
  }
  for (std::size_t r : rest)
    if (with[r]) {
      out.chosen[r] = true;
      // A requirement kept for another kept measure: in the first process
      // that needs the level.
      std::size_t q = 0;
      if (auto it = needed_in.find(r); it != needed_in.end()) q = it->second;
      else
        for (std::size_t k : t.processes[r])
          if (target[k]) {
            q = k;
            break;
          }
      out.because[r] = {PlanReasonKind::ozg_level,
                        {pf_phrase("needed to reach OZG level {} in {}; the measures that pay back reach {}"),
                         {number_argument(target[q].value_or(3), 0),
                          text_argument(initial_.members[q]->process.info.name),
                          number_argument(std::max(kept[q].value_or(0), 0), 0)}}};
    }
  return out;
}

// `process` as its own file writes it: the shared units' figures as the
// process file had them before the organisation's replaced them.
Process as_in_own_file(Process process, const Process& own_file) {
  for (Unit& unit : process.units) {
    auto it = own_file.unit_index.find(unit.id);
    if (it == own_file.unit_index.end()) continue;
    const Unit& own = own_file.units[it->second];
    unit.staff = own.staff;
    unit.availability = own.availability;
    unit.cost_per_hour = own.cost_per_hour;
    unit.external = own.external;
  }
  return process;
}

}  // namespace

PortfolioPlan make_portfolio_plan(const Portfolio& portfolio, const PortfolioMeasures& measures,
                                  const PlanOptions& options, unsigned threads) {
  PlanOptions unlimited = options;
  unlimited.budget.reset();
  const Planner planner(portfolio, measures, unlimited, threads);
  const std::vector<Candidate>& candidates = planner.candidates();
  const std::size_t count = candidates.size();

  // Every candidate that applies, in waves: the figures each is judged by,
  // and the ones that do not apply with why.
  const WavePlan full = planner.plan_in_waves(std::vector<bool>(count, true));
  std::vector<bool> applicable(count, false);
  for (const PlannedCandidate& m : full.measures) applicable[m.candidate] = true;
  const plan_rules::Recommendation recommended = plan_rules::recommend(
      applicable, [&](const std::vector<bool>& chosen) { return planner.recommend_once(chosen); });

  std::vector<Skip> skipped;
  for (const Skip& s : full.skipped)
    if (!applicable[s.candidate]) skipped.push_back(s);
  for (const PlannedCandidate& m : full.measures)
    if (!recommended.chosen[m.candidate])
      skipped.push_back({m.candidate, m.measure.processes,
                         plan_rules::does_not_pay_back(m.measure.figures, options.horizon_years)});

  PortfolioPlan plan;
  plan.options = options;
  plan.before = planner.initial().analysis;
  // The budget chooses among the recommended candidates only.
  std::vector<bool> chosen = recommended.chosen;
  if (options.budget) {
    std::vector<std::size_t> eligible;
    std::map<std::size_t, std::size_t> slot;
    for (std::size_t i = 0; i < count; ++i)
      if (chosen[i]) {
        slot[i] = eligible.size();
        eligible.push_back(i);
      }
    plan_rules::Needs eligible_needs(eligible.size());
    std::vector<double> cost;
    for (std::size_t k = 0; k < eligible.size(); ++k) {
      for (std::size_t r : planner.needs()[eligible[k]])
        if (auto it = slot.find(r); it != slot.end()) eligible_needs[k].push_back(it->second);
      cost.push_back(candidates[eligible[k]].measure.one_off_cost);
    }
    const std::vector<double> saving = planner.savings_alone(eligible, eligible_needs);
    std::vector<bool> within(eligible.size(), false);
    for (std::size_t k : choose_within_budget(cost, saving, eligible_needs, *options.budget)) within[k] = true;
    plan.budget_candidates = eligible.size();
    plan.selection_method = plan_rules::budget_selection_method(eligible.size());
    for (std::size_t k = 0; k < eligible.size(); ++k)
      if (!within[k]) {
        chosen[eligible[k]] = false;
        skipped.push_back({eligible[k], processes_of(candidates[eligible[k]]),
                           plan_rules::outside_budget(*options.budget)});
      }
  }

  WavePlan final_plan = planner.plan_in_waves(chosen);
  std::vector<std::pair<std::size_t, PlannedMeasure*>> planned;
  for (PlannedCandidate& m : final_plan.measures) planned.push_back({m.candidate, &m.measure.figures});
  plan_rules::state_reasons(planned, planner.needs(), chosen, recommended.because, options.horizon_years);
  for (const Skip& s : final_plan.skipped) skipped.push_back(s);
  for (const PlannedCandidate& m : final_plan.measures)
    for (const auto& [p, reason] : m.refused)
      skipped.push_back({m.candidate, {p}, {pf_phrase("not applicable in {}: {}"),
                                            {text_argument(portfolio.processes[p].process.info.id),
                                             phrase_argument(reason)}}});
  std::stable_sort(skipped.begin(), skipped.end(),
                   [](const Skip& a, const Skip& b) { return a.candidate < b.candidate; });
  for (Skip& s : skipped)
    plan.skipped.push_back({candidates[s.candidate].measure.id, candidates[s.candidate].measure.name,
                            std::move(s.processes), std::move(s.reason), s.selects_nothing});

  plan.after = final_plan.after.analysis;
  plan.changed.assign(portfolio.processes.size(), false);
  for (PlannedCandidate& m : final_plan.measures) {
    for (std::size_t p : m.measure.processes) plan.changed[p] = true;
    plan.measures.push_back(std::move(m.measure));
  }
  for (std::size_t p = 0; p < portfolio.processes.size(); ++p)
    plan.after_processes.push_back(
        as_in_own_file(final_plan.after.members[p]->process, portfolio.processes[p].process));
  return plan;
}

}  // namespace paperflow
