// How the plan's reports word a figure, shared by the text, Markdown and
// HTML reports so that they say the same thing in the same words.
#pragma once

#include <optional>
#include <string>

#include "paperflow/model.h"
#include "paperflow/plan.h"
#include "paperflow/uncertainty.h"
#include "wording.h"

namespace paperflow::plan_text {

/// The plan's measures added up: hours freed and staff cost saved a year,
/// the one-off and yearly cost.
struct PlanTotals {
  double hours_freed = 0, saved = 0, once = 0, yearly = 0;
};
PlanTotals totals(const Plan& plan);

/// Why a plan has no measure: none applies, or none that applies is
/// recommended.
std::string why_no_measure(const Plan& plan, const Wording& w);

/// The lead time in days, or "unbounded".
std::string lead(const Wording& w, const std::optional<double>& hours, double hours_per_day);
/// The bottleneck's name before or after the plan; "none (no work)".
std::string bottleneck_name(const Process& before, const Process& after, const Plan& plan, bool is_after,
                            const Wording& w);
/// "0.54 media breaks fewer, 1.00 wet signatures fewer", or "as many … as before".
std::string changes_per_case(const PlannedMeasure& m, const Wording& w);
/// The OZG level's name, or "not applicable".
std::string ozg(const Analysis& a, const Wording& w);
/// Years with one decimal, or "never".
std::string years(const Wording& w, const std::optional<double>& y);
/// " (P10–P90: 0.2–1.1)"; empty where both ends read the same.
std::string payback_range(const Wording& w, const Spread& s);
std::string money_range(const Wording& w, const Spread& s);
/// The spread of the measure `id`; nullptr without uncertainty.
const MeasureSpread* spread_of(const PlanUncertainty* u, const std::string& id);
/// What the draws say, in a sentence.
std::string uncertainty_summary(const PlanUncertainty& u, const Wording& w);
/// "The whole plan pays back in 0.4 years." with the range under
/// uncertainty; "in less than 0.1 years" where one decimal would say 0.0.
std::string whole_plan_payback(double years, const PlanUncertainty* u, const Wording& w);
/// The optimism bias in a sentence; empty without one.
std::string optimism_bias_note(const PlanOptions& options, const Wording& w);

}  // namespace paperflow::plan_text
