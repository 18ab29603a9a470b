#include "plan_rules.h"

#include <algorithm>
#include <cmath>

#include "paperflow/figures.h"

namespace paperflow::plan_rules {

double saving_share(const PlanOptions& options) { return 1 - options.optimism_bias_percent / 100; }

void set_costs(PlannedMeasure& m, const Measure& measure) {
  m.one_off_cost = measure.one_off_cost;
  m.yearly_cost = measure.yearly_cost;
  const double net = m.staff_cost_saved_per_year - m.yearly_cost;
  if (net > 0) m.payback_years = m.one_off_cost / net;
}

double benefit(const PlannedMeasure& m, bool lead_time_made_finite, PlanObjective objective) {
  switch (objective) {
    case PlanObjective::cost: return m.staff_cost_saved_per_year - m.yearly_cost;
    case PlanObjective::lead_time:
      if (lead_time_made_finite) return HUGE_VAL;
      return m.lead_time_saved_hours.value_or(0);
    case PlanObjective::media_breaks: return m.removed("media_breaks_per_case");
  }
  return 0;
}

WaveSplit split_wave(const std::vector<std::size_t>& pending, const std::vector<bool>& applied,
                     const std::vector<std::vector<Requirement>>& requires_of) {
  std::vector<bool> is_pending(applied.size(), false);
  for (std::size_t i : pending) is_pending[i] = true;
  WaveSplit split;
  for (std::size_t i : pending) {
    bool waiting = false;
    std::string missing;
    for (const Requirement& r : requires_of[i]) {
      if (r.candidate && applied[*r.candidate]) continue;
      if (r.candidate && is_pending[*r.candidate]) waiting = true;
      else missing += (missing.empty() ? "" : ", ") + r.id;
    }
    if (!missing.empty()) split.missing.push_back({i, missing});
    else if (waiting) split.later.push_back(i);
    else split.ready.push_back(i);
  }
  return split;
}

std::vector<std::size_t> requirements(const Needs& needs, std::size_t i, const std::vector<bool>& within) {
  std::vector<std::size_t> found, todo{i};
  std::vector<bool> seen(needs.size(), false);
  seen[i] = true;
  while (!todo.empty()) {
    const std::size_t k = todo.back();
    todo.pop_back();
    for (std::size_t r : needs[k]) {
      if (seen[r] || !within[r]) continue;
      seen[r] = true;
      found.push_back(r);
      todo.push_back(r);
    }
  }
  return found;
}

bool pays_back(const PlannedMeasure& m, double horizon) { return m.payback_years && *m.payback_years <= horizon; }

BundlePayback bundle_payback(const Needs& needs, std::size_t i, const std::vector<bool>& within,
                             const FiguresByCandidate& figures, double horizon) {
  const PlannedMeasure& m = *figures.at(i);
  double once = m.one_off_cost, net = m.staff_cost_saved_per_year - m.yearly_cost;
  BundlePayback out;
  for (std::size_t r : requirements(needs, i, within)) {
    auto f = figures.find(r);
    if (f == figures.end() || pays_back(*f->second, horizon)) continue;
    once += f->second->one_off_cost;
    net += f->second->staff_cost_saved_per_year - f->second->yearly_cost;
    out.bundled = true;
  }
  if (net > 0) out.years = once / net;
  return out;
}

Phrase pays_back_detail(const BundlePayback& bundle, double horizon) {
  return {bundle.bundled ? pf_phrase("pays back in {} years with the measures it requires, within the horizon of {} years")
                         : pf_phrase("pays back in {} years, within the horizon of {} years"),
          {number_argument(bundle.years.value_or(0), 1), number_argument(horizon, -2)}};
}

Recommendation recommend_paying(const Needs& needs, const std::vector<std::string>& names,
                                const std::vector<std::string>& ids, const std::vector<bool>& chosen,
                                const FiguresByCandidate& figures, double horizon) {
  Recommendation out;
  out.chosen.assign(needs.size(), false);
  for (const auto& [i, m] : figures) {
    if (!pays_back(*m, horizon)) continue;
    const BundlePayback bundle = bundle_payback(needs, i, chosen, figures, horizon);
    if (!bundle.years || *bundle.years > horizon) continue;
    out.chosen[i] = true;
    out.because[i] = {PlanReasonKind::pays_back, pays_back_detail(bundle, horizon)};
  }
  for (std::size_t i = 0; i < needs.size(); ++i) {
    if (!out.chosen[i] || out.because[i].kind != PlanReasonKind::pays_back) continue;
    for (std::size_t r : requirements(needs, i, chosen))
      if (!out.chosen[r]) {
        out.chosen[r] = true;
        out.because[r] = {PlanReasonKind::required_by,
                          {pf_phrase("required by {} ({})"), {text_argument(names[i]), text_argument(ids[i])}}};
      }
  }
  return out;
}

Recommendation recommend(std::vector<bool> chosen,
                         const std::function<Recommendation(const std::vector<bool>&)>& once) {
  Recommendation out;
  for (std::size_t round = 0; round <= chosen.size(); ++round) {
    out = once(chosen);
    if (out.chosen == chosen) break;
    chosen = out.chosen;
  }
  return out;
}

void state_reasons(const std::vector<std::pair<std::size_t, PlannedMeasure*>>& measures, const Needs& needs,
                   const std::vector<bool>& chosen, const std::map<std::size_t, PlanReason>& because,
                   double horizon) {
  FiguresByCandidate figures;
  for (const auto& [i, m] : measures) figures[i] = m;
  for (const auto& [i, m] : measures) {
    auto reason = because.find(i);
    if (reason == because.end()) continue;
    m->because = reason->second;
    if (m->because.kind != PlanReasonKind::pays_back) continue;
    const BundlePayback bundle = bundle_payback(needs, i, chosen, figures, horizon);
    if (bundle.years && *bundle.years <= horizon)
      m->because.detail = pays_back_detail(bundle, horizon);
    else
      m->because.detail =
          bundle.years ? Phrase{pf_phrase("pays back within the horizon of {} years with the other recommended "
                                          "measures; with the budget's choice in {} years"),
                                {number_argument(horizon, -2), number_argument(*bundle.years, 1)}}
                       : Phrase{pf_phrase("pays back within the horizon of {} years with the other recommended "
                                          "measures; with the budget's choice never"),
                                {number_argument(horizon, -2)}};
  }
}

Phrase does_not_pay_back(const PlannedMeasure& m, double horizon) {
  Phrase figures{m.staff_cost_saved_per_year >= 0
                     ? pf_phrase("it frees capacity worth {} a year at cost rates and costs {} once and {} a year")
                     : pf_phrase("it adds staff work worth {} a year at cost rates and costs {} once and {} a year"),
                 {money_argument(std::fabs(m.staff_cost_saved_per_year)), money_argument(m.one_off_cost),
                  money_argument(m.yearly_cost)}};
  if (!m.payback_years) return {pf_phrase("never pays back in staff cost: {}"), {phrase_argument(std::move(figures))}};
  return {pf_phrase("does not pay back within {} years (it would take {}): {}"),
          {number_argument(horizon, -2), number_argument(*m.payback_years, 1), phrase_argument(std::move(figures))}};
}

Phrase budget_selection_method(std::size_t candidates) {
  return {candidates <= 20
              ? pf_phrase("exact: every set of the {} measures was tried")
              : pf_phrase("greedy by yearly saving per euro of one-off cost ({} measures are too many to try every set)"),
          {number_argument(static_cast<double>(candidates), 0)}};
}

Phrase outside_budget(double budget) { return {pf_phrase("outside the budget of {}"), {money_argument(budget)}}; }

}  // namespace paperflow::plan_rules
