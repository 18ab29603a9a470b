#include "plan_wording.h"

#include <cmath>

#include <fmt/format.h>

#include "paperflow/figures.h"
#include "paperflow/report_analysis.h"

namespace paperflow::plan_text {

std::string lead(const Wording& w, const std::optional<double>& hours, double hours_per_day) {
  return hours ? w.days(*hours / hours_per_day) : std::string(w.tr("unbounded"));
}

std::string bottleneck_name(const Process& before, const Process& after, const Plan& plan, bool is_after,
                            const Wording& w) {
  const Analysis& a = is_after ? plan.after : plan.before;
  const Process& p = is_after ? after : before;
  return a.bottleneck ? p.units[*a.bottleneck].name : std::string(w.tr("none (no work)"));
}

// "0.54 media breaks fewer, 1.00 wet signatures fewer", with "more" where a
// measure adds some (a digital step between paper ones); the counts it
// leaves as they were are not listed, and never "-0.00".
std::string changes_per_case(const PlannedMeasure& m, const Wording& w) {
  const auto figures = removable_figures();
  std::string changed, unchanged;
  for (std::size_t i = 0; i < figures.size() && i < m.removed_per_case.size(); ++i) {
    const double removed = m.removed_per_case[i];
    if (std::fabs(removed) < 0.005) continue;
    changed += (changed.empty() ? "" : ", ") +
               (removed > 0 ? w.tr_format("{} {} fewer", w.number(std::fabs(removed), 2), w.tr(figures[i]->noun))
                            : w.tr_format("{} {} more", w.number(std::fabs(removed), 2), w.tr(figures[i]->noun)));
  }
  if (!changed.empty()) return changed;
  for (std::size_t i = 0; i < figures.size(); ++i)
    unchanged += (i == 0 ? "" : i + 1 == figures.size() ? std::string(" ") + w.tr("and") + " " : std::string(", ")) +
                 w.tr(figures[i]->noun);
  return w.tr_format("as many {} as before", unchanged);
}

std::string ozg(const Analysis& a, const Wording& w) {
  return a.ozg_level ? ozg_level_name(*a.ozg_level, w.language()) : std::string(w.tr("not applicable"));
}

std::string years(const Wording& w, const std::optional<double>& y) {
  return y ? w.number(*y, 1) : std::string(w.tr("never"));
}

// "(P10–P90: 0.2–1.1)" beside a point figure; nothing where no drawn
// input moves the figure (both ends read the same), which the summary's
// count of estimates explains.
std::string payback_range(const Wording& w, const Spread& s) {
  if (years(w, s.p10) == years(w, s.p90)) return "";
  return fmt::format(" (P10–P90: {}–{})", years(w, s.p10), years(w, s.p90));
}
std::string money_range(const Wording& w, const Spread& s) {
  const std::string low = w.money(s.p10.value_or(0)), high = w.money(s.p90.value_or(0));
  return low == high ? "" : fmt::format(" (P10–P90: {} – {})", low, high);
}

const MeasureSpread* spread_of(const PlanUncertainty* u, const std::string& id) {
  if (!u) return nullptr;
  for (const MeasureSpread& m : u->measures)
    if (m.id == id) return &m;
  return nullptr;
}

// What the draws say, in a sentence, and the inputs that move the NPV most.
std::string uncertainty_summary(const PlanUncertainty& u, const Wording& w) {
  const std::string estimates = w.tr_plural_format("{} three-point estimate", "{} three-point estimates", u.inputs,
                                                   w.number(static_cast<double>(u.inputs), 0));
  return w.tr_format(
      "{} samples (seed {}) of {}, drawn triangular and together: over {} years at a discount rate of {} %, the "
      "plan's net present value is {} (P10) to {} (P90), P50 {}; it pays back within {} years in {} of the samples.",
      w.number(static_cast<double>(u.samples), 0), u.seed, estimates, w.short_number(u.horizon_years, 2),
      w.short_number(100 * u.discount_rate, 2), w.money(u.plan.npv.p10.value_or(0)),
      w.money(u.plan.npv.p90.value_or(0)), w.money(u.plan.npv.p50.value_or(0)), w.short_number(u.horizon_years, 2),
      w.percent(u.pays_back_within_horizon, 0));
}

std::string optimism_bias_note(const PlanOptions& options, const Wording& w) {
  if (options.optimism_bias_percent <= 0) return "";
  return w.tr_format("Optimism bias: every cost is raised and every saving lowered by {} % (HM Treasury Green "
                     "Book practice) before anything is computed.",
                     w.short_number(options.optimism_bias_percent, 2));
}
std::string whole_plan_payback(double years, const PlanUncertainty* u, const Wording& w) {
  const std::string range = u ? payback_range(w, u->plan.payback_years) : "";
  if (years < 0.05) return w.tr_format("The whole plan pays back in less than {} years{}.", w.number(0.1, 1), range);
  return w.tr_format("The whole plan pays back in {} years{}.", w.number(years, 1), range);
}

PlanTotals totals(const Plan& plan) {
  PlanTotals t;
  for (const PlannedMeasure& m : plan.measures) {
    t.hours_freed += m.staff_hours_freed_per_year;
    t.saved += m.staff_cost_saved_per_year;
    t.once += m.one_off_cost;
    t.yearly += m.yearly_cost;
  }
  return t;
}

std::string why_no_measure(const Plan& plan, const Wording& w) {
  if (plan.skipped.empty()) return w.tr("No measure of the catalogue applies to this process.");
  return w.tr_format("No measure pays back within {} years, is required by one that does, or is needed for OZG level 3.",
                     w.short_number(plan.options.horizon_years, 2));
}

}  // namespace paperflow::plan_text
