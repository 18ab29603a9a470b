#include "paperflow/plan.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "paperflow/figures.h"
#include "paperflow/measures.h"
#include "plan_rules.h"
#include "suggest.h"

namespace paperflow {
namespace {

// Staff hours a case takes at internal units: Σ_u L_u.
double internal_load(const Analysis& a) {
  double load = 0;
  for (const UnitFigures& u : a.units)
    if (!u.external) load += u.load_hours_per_case;
  return load;
}

PlannedMeasure figures_of(const Measure& measure, const MeasureApplication& applied, const Analysis& before,
                          const Analysis& after, double cases_per_year, const PlanOptions& options) {
  PlannedMeasure m;
  m.id = measure.id;
  m.name = measure.name;
  m.steps = applied.steps;
  if (before.lead_time_hours && after.lead_time_hours)
    m.lead_time_saved_hours = *before.lead_time_hours - *after.lead_time_hours;
  m.staff_hours_freed_per_year =
      cases_per_year * (internal_load(before) - internal_load(after)) * plan_rules::saving_share(options);
  m.staff_cost_saved_per_year =
      staff_cost_saved_per_year(before, after, cases_per_year, options.optimism_bias_percent);
  for (const CaseFigure* figure : removable_figures())
    m.removed_per_case.push_back(figure->value(before).value_or(0) - figure->value(after).value_or(0));
  plan_rules::set_costs(m, measure);
  return m;
}

}  // namespace

double PlannedMeasure::removed(std::string_view figure_key) const {
  const auto figures = removable_figures();
  for (std::size_t i = 0; i < figures.size() && i < removed_per_case.size(); ++i)
    if (figures[i]->key == figure_key) return removed_per_case[i];
  return 0;
}

std::optional<PlanObjective> parse_plan_objective(std::string_view name) {
  if (name == "cost") return PlanObjective::cost;
  if (name == "lead-time") return PlanObjective::lead_time;
  if (name == "media-breaks") return PlanObjective::media_breaks;
  return std::nullopt;
}

std::string_view to_string(PlanObjective objective) {
  switch (objective) {
    case PlanObjective::cost: return "cost";
    case PlanObjective::lead_time: return "lead-time";
    case PlanObjective::media_breaks: return "media-breaks";
  }
  return "cost";
}

std::vector<Measure> merge_measures(const std::vector<std::vector<Measure>>& lists) {
  std::vector<Measure> merged;
  for (const auto& list : lists)
    for (const Measure& measure : list) {
      auto same = std::find_if(merged.begin(), merged.end(), [&](const Measure& m) { return m.id == measure.id; });
      if (same != merged.end()) *same = measure;
      else merged.push_back(measure);
    }
  return merged;
}

MeasuresInOrder apply_measures_in_order(const Process& process, const std::vector<Measure>& known,
                                        const std::vector<std::string>& ids) {
  MeasuresInOrder result;
  result.process = process;
  for (const std::string& id : ids) {
    auto it = std::find_if(known.begin(), known.end(), [&](const Measure& m) { return m.id == id; });
    if (it == known.end()) {
      std::vector<std::string_view> candidates;
      for (const Measure& m : known) candidates.push_back(m.id);
      auto hint = closest_match(id, candidates);
      result.problem = Diagnostic{"unknown-reference", Severity::error, {},
                                  hint ? phrase_of("no measure has the id '{}'; did you mean '{}'?", id, *hint)
                                       : phrase_of("no measure has the id '{}'", id)};
      break;
    }
    MeasureApplication applied = apply_measure(result.process, *it);
    if (!applied.applied) {
      result.problem = std::move(applied.problem);
      result.problem->message = phrase_of("measure '{}' cannot be applied: {}", id, result.problem->message);
      break;
    }
    result.process = std::move(applied.process);
    result.applied.push_back(*it);
  }
  if (result.problem) {
    result.process = process;
    result.applied.clear();
  }
  return result;
}

std::vector<std::size_t> choose_within_budget(const std::vector<double>& cost, const std::vector<double>& saving,
                                              const std::vector<std::vector<std::size_t>>& requires_measures,
                                              double budget) {
  const std::size_t n = cost.size();
  auto closed = [&](const std::vector<bool>& chosen) {
    for (std::size_t i = 0; i < n; ++i)
      if (chosen[i])
        for (std::size_t r : requires_measures[i])
          if (!chosen[r]) return false;
    return true;
  };
  std::vector<bool> best(n, false);
  if (n <= 20) {
    double best_saving = 0, best_cost = 0;
    std::vector<bool> chosen(n);
    for (std::uint32_t mask = 1; mask < (1u << n); ++mask) {
      double c = 0, s = 0;
      for (std::size_t i = 0; i < n; ++i) {
        chosen[i] = (mask >> i) & 1u;
        if (chosen[i]) c += cost[i], s += saving[i];
      }
      // Larger saving wins; for equal saving the cheaper set.
      if (c > budget + 1e-9 || s < best_saving || (s == best_saving && c >= best_cost) || !closed(chosen)) continue;
      best_saving = s;
      best_cost = c;
      best = chosen;
    }
  } else {
    // Greedy by saving per euro of a measure together with what it needs.
    double spent = 0;
    for (;;) {
      std::optional<std::size_t> pick;
      double pick_ratio = 0, pick_cost = 0;
      std::vector<bool> pick_set;
      for (std::size_t i = 0; i < n; ++i) {
        if (best[i]) continue;
        std::vector<bool> with = best;
        std::vector<std::size_t> todo{i};
        while (!todo.empty()) {
          std::size_t k = todo.back();
          todo.pop_back();
          if (with[k]) continue;
          with[k] = true;
          for (std::size_t r : requires_measures[k]) todo.push_back(r);
        }
        double c = 0, s = 0;
        for (std::size_t k = 0; k < n; ++k)
          if (with[k] && !best[k]) c += cost[k], s += saving[k];
        if (s <= 0 || spent + c > budget + 1e-9) continue;
        const double ratio = c > 0 ? s / c : HUGE_VAL;
        if (!pick || ratio > pick_ratio) pick = i, pick_ratio = ratio, pick_cost = c, pick_set = with;
      }
      if (!pick) break;
      best = pick_set;
      spent += pick_cost;
    }
  }
  std::vector<std::size_t> chosen;
  for (std::size_t i = 0; i < n; ++i)
    if (best[i]) chosen.push_back(i);
  return chosen;
}

namespace {

// The candidates' `requires` as the plan's rules take them (plan_rules.h).
struct CandidateRequirements {
  plan_rules::Needs needs;
  std::vector<std::vector<plan_rules::Requirement>> requires_of;
  std::vector<std::string> names, ids;
};

CandidateRequirements requirements_of(const std::vector<Measure>& candidates) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < candidates.size(); ++i) index[candidates[i].id] = i;
  CandidateRequirements out;
  out.needs.resize(candidates.size());
  out.requires_of.resize(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    out.names.push_back(candidates[i].name);
    out.ids.push_back(candidates[i].id);
    for (const Reference& r : candidates[i].requires_measures) {
      auto it = index.find(r.id);
      std::optional<std::size_t> k;
      if (it != index.end()) k = it->second;
      out.requires_of[i].push_back({k, r.id});
      if (k) out.needs[i].push_back(*k);
    }
  }
  return out;
}

void skip(Plan& plan, const Measure& m, Phrase reason) { plan.skipped.push_back({m.id, m.name, std::move(reason)}); }

// Which measures take part under a budget: the set with the largest yearly
// saving that fits, each measure's saving taken alone on the process
// changed by what it requires. The others are skipped.
std::vector<bool> choose_for_budget(const Process& process, const std::vector<Measure>& candidates, double budget,
                                    const PlanOptions& options, Plan& plan) {
  const double cases = process.cases_per_year.value_or(0);
  const plan_rules::Needs needs = requirements_of(candidates).needs;
  std::vector<double> cost, saving;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const Measure& m = candidates[i];
    // What it requires, in any order that works.
    Process base = process;
    std::vector<std::size_t> todo = needs[i];
    std::set<std::size_t> done;
    while (!todo.empty()) {
      std::size_t k = todo.back();
      todo.pop_back();
      if (!done.insert(k).second) continue;
      MeasureApplication a = apply_measure(base, candidates[k]);
      if (a.applied) base = std::move(a.process);
      for (std::size_t r : needs[k]) todo.push_back(r);
    }
    const Analysis before = analyse_process(base);
    MeasureApplication applied = apply_measure(base, m);
    double s = 0;
    if (applied.applied) {
      const Analysis after = analyse_process(applied.process);
      s = staff_cost_saved_per_year(before, after, cases, options.optimism_bias_percent) - m.yearly_cost;
    }
    cost.push_back(m.one_off_cost);
    saving.push_back(s);
  }
  std::vector<bool> in_plan(candidates.size(), false);
  for (std::size_t i : choose_within_budget(cost, saving, needs, budget)) in_plan[i] = true;
  plan.selection_method = plan_rules::budget_selection_method(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i)
    if (!in_plan[i]) skip(plan, candidates[i], plan_rules::outside_budget(budget));
  return in_plan;
}

// Waves: a measure joins the first wave after all it requires is in; within
// a wave, the measure that does most for the objective first, each
// evaluated on the process as changed by the ones before it.
void plan_in_waves(const Process& process, const std::vector<Measure>& candidates,
                   const CandidateRequirements& requirements, const std::vector<bool>& in_plan,
                   const PlanOptions& options, Plan& plan) {
  const double cases = process.cases_per_year.value_or(0);
  Process current = process;
  Analysis current_figures = plan.before;
  std::vector<bool> applied(candidates.size(), false);
  std::vector<std::size_t> pending;
  for (std::size_t i = 0; i < candidates.size(); ++i)
    if (in_plan[i]) pending.push_back(i);
  for (int wave = 1; !pending.empty(); ++wave) {
    plan_rules::WaveSplit split = plan_rules::split_wave(pending, applied, requirements.requires_of);
    for (const auto& [i, missing] : split.missing)
      skip(plan, candidates[i], {pf_phrase("it requires {}, which is not in the plan"), {text_argument(missing)}});
    std::vector<std::size_t>& ready = split.ready;
    if (ready.empty()) {
      for (std::size_t i : split.later) skip(plan, candidates[i], {pf_phrase("its `requires` cannot be met"), {}});
      break;
    }
    while (!ready.empty()) {
      std::optional<std::size_t> best;
      double best_benefit = 0;
      PlannedMeasure best_figures;
      MeasureApplication best_application;
      Analysis best_after;
      for (std::size_t i : ready) {
        MeasureApplication a = apply_measure(current, candidates[i]);
        if (!a.applied) continue;
        Analysis after = analyse_process(a.process);
        PlannedMeasure figures = figures_of(candidates[i], a, current_figures, after, cases, options);
        const bool made_finite = !current_figures.lead_time_hours && after.lead_time_hours;
        const double b = plan_rules::benefit(figures, made_finite, options.objective);
        if (!best || b > best_benefit) {
          best = i;
          best_benefit = b;
          best_figures = std::move(figures);
          best_application = std::move(a);
          best_after = std::move(after);
        }
      }
      if (!best) {
        for (std::size_t i : ready) {
          MeasureApplication a = apply_measure(current, candidates[i]);
          if (a.selects_nothing)
            skip(plan, candidates[i], {pf_phrase("not applicable: it selects no step of this process"), {}});
          else if (a.problem)
            skip(plan, candidates[i], {pf_phrase("not applicable: {}"), {phrase_argument(a.problem->message)}});
        }
        break;
      }
      best_figures.wave = wave;
      plan.measures.push_back(std::move(best_figures));
      current = std::move(best_application.process);
      current_figures = std::move(best_after);
      applied[*best] = true;
      ready.erase(std::find(ready.begin(), ready.end(), *best));
    }
    pending = split.later;
  }
  plan.after = current_figures;
  plan.after_process = std::move(current);
}

// The plan of the measures `chosen`, in waves, from scratch.
Plan plan_of(const Process& process, const Analysis& before, const std::vector<Measure>& candidates,
             const CandidateRequirements& requirements, const std::vector<bool>& chosen, const PlanOptions& options) {
  Plan plan;
  plan.options = options;
  plan.before = before;
  plan_in_waves(process, candidates, requirements, chosen, options, plan);
  return plan;
}

int level_of(const Analysis& a) { return a.ozg_level.value_or(-1); }

plan_rules::FiguresByCandidate figures_by_candidate(const Plan& p, const std::map<std::string, std::size_t>& index) {
  plan_rules::FiguresByCandidate figures;
  for (const PlannedMeasure& m : p.measures) figures[index.at(m.id)] = &m;
  return figures;
}

// One round of the recommendation on the plan of the measures `chosen`:
// those that pay back within the horizon (with what they require and does
// not pay back on its own, as one bundle), what they require, and what is
// needed to reach OZG level 3.
plan_rules::Recommendation recommend_once(const Process& process, const Analysis& before,
                                          const std::vector<Measure>& candidates,
                                          const CandidateRequirements& requirements,
                                          const std::map<std::string, std::size_t>& index,
                                          const std::vector<bool>& chosen, const PlanOptions& options) {
  const Plan p = plan_of(process, before, candidates, requirements, chosen, options);
  plan_rules::Recommendation out =
      plan_rules::recommend_paying(requirements.needs, requirements.names, requirements.ids, chosen,
                                   figures_by_candidate(p, index), options.horizon_years);
  // OZG level 3: of the other measures, those without which the plan would
  // not reach the level all of them reach (at most 3), the most expensive
  // dropped first.
  const int level_all = level_of(p.after);
  const int level_kept = level_of(plan_of(process, before, candidates, requirements, out.chosen, options).after);
  if (level_kept >= 3 || level_all <= level_kept) return out;
  const int target = std::min(level_all, 3);
  std::vector<std::size_t> rest;
  for (std::size_t i = 0; i < candidates.size(); ++i)
    if (chosen[i] && !out.chosen[i]) rest.push_back(i);
  std::stable_sort(rest.begin(), rest.end(), [&](std::size_t a, std::size_t b) {
    return candidates[a].one_off_cost > candidates[b].one_off_cost;
  });
  std::vector<bool> with = chosen;
  for (std::size_t r : rest) {
    bool required = false;
    for (std::size_t j = 0; j < candidates.size(); ++j)
      if (with[j] && j != r) {
        const auto needs = plan_rules::requirements(requirements.needs, j, with);
        required = required || std::find(needs.begin(), needs.end(), r) != needs.end();
      }
    if (required) continue;
    with[r] = false;
    if (level_of(plan_of(process, before, candidates, requirements, with, options).after) < target) with[r] = true;
  }
  for (std::size_t r : rest)
    if (with[r]) {
      out.chosen[r] = true;
      out.because[r] = {PlanReasonKind::ozg_level,
                        {pf_phrase("needed to reach OZG level {}; the measures that pay back reach {}"),
                         {number_argument(target, 0), number_argument(std::max(level_kept, 0), 0)}}};
    }
  return out;
}

}  // namespace

std::vector<Measure> with_optimism_bias(std::vector<Measure> measures, double percent) {
  const double raised = 1 + percent / 100;
  for (Measure& m : measures) {
    m.one_off_cost *= raised;
    m.yearly_cost *= raised;
  }
  return measures;
}

double staff_cost_saved_per_year(const Analysis& before, const Analysis& after, double cases_per_year,
                                 double optimism_bias_percent) {
  return cases_per_year * (before.staff_cost_per_case - after.staff_cost_per_case) *
         (1 - optimism_bias_percent / 100);
}

Plan make_plan(const Process& process, const std::vector<Measure>& candidates_as_given, const PlanOptions& options) {
  const std::vector<Measure> candidates = with_optimism_bias(candidates_as_given, options.optimism_bias_percent);
  const Analysis before = analyse_process(process);
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < candidates.size(); ++i) index[candidates[i].id] = i;
  const CandidateRequirements requirements = requirements_of(candidates);

  // Every candidate that applies, in waves: the figures each measure is
  // judged by, and the ones that do not apply with why.
  PlanOptions unlimited = options;
  unlimited.budget.reset();
  const Plan full =
      plan_of(process, before, candidates, requirements, std::vector<bool>(candidates.size(), true), unlimited);
  std::vector<bool> applicable(candidates.size(), false);
  for (const PlannedMeasure& m : full.measures) applicable[index.at(m.id)] = true;
  const plan_rules::Recommendation recommended =
      plan_rules::recommend(applicable, [&](const std::vector<bool>& chosen) {
        return recommend_once(process, before, candidates, requirements, index, chosen, unlimited);
      });

  std::vector<SkippedMeasure> skipped = full.skipped;
  for (const PlannedMeasure& m : full.measures)
    if (!recommended.chosen[index.at(m.id)])
      skipped.push_back({m.id, m.name, plan_rules::does_not_pay_back(m, options.horizon_years)});

  // The budget chooses among the recommended measures only.
  std::vector<bool> chosen = recommended.chosen;
  Plan plan;
  plan.options = options;
  plan.before = before;
  if (options.budget) {
    std::vector<Measure> eligible;
    for (std::size_t i = 0; i < candidates.size(); ++i)
      if (chosen[i]) eligible.push_back(candidates[i]);
    const std::vector<bool> within = choose_for_budget(process, eligible, *options.budget, options, plan);
    for (std::size_t i = 0; i < eligible.size(); ++i)
      if (!within[i]) chosen[index.at(eligible[i].id)] = false;
  }
  plan_in_waves(process, candidates, requirements, chosen, options, plan);
  std::vector<std::pair<std::size_t, PlannedMeasure*>> planned;
  for (PlannedMeasure& m : plan.measures) planned.push_back({index.at(m.id), &m});
  plan_rules::state_reasons(planned, requirements.needs, chosen, recommended.because, options.horizon_years);
  for (SkippedMeasure& s : skipped) plan.skipped.push_back(std::move(s));
  std::stable_sort(plan.skipped.begin(), plan.skipped.end(), [&](const SkippedMeasure& a, const SkippedMeasure& b) {
    return index.at(a.id) < index.at(b.id);
  });
  return plan;
}

std::string_view to_string(PlanReasonKind kind) {
  switch (kind) {
    case PlanReasonKind::pays_back: return "pays_back";
    case PlanReasonKind::required_by: return "required_by";
    case PlanReasonKind::ozg_level: return "ozg_level";
  }
  return "pays_back";
}

}  // namespace paperflow
