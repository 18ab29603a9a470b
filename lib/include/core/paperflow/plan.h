// The digitisation plan (man/paperflow-plan.1): which measures to
// take, in which order, what each buys and costs. Each measure is
// evaluated on the process as changed by the measures before it; waves
// respect `requires`. A measure is recommended only when it pays back within
// the horizon, is required by one that is, or is needed to reach OZG level
// 3; a budget then picks, among those, the set with the largest yearly saving.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paperflow/analysis.h"
#include "paperflow/diagnostic.h"
#include "paperflow/model.h"
#include "paperflow/phrase.h"

namespace paperflow {

enum class PlanObjective { cost, lead_time, media_breaks };
std::optional<PlanObjective> parse_plan_objective(std::string_view name);
std::string_view to_string(PlanObjective objective);

struct PlanOptions {
  PlanObjective objective = PlanObjective::cost;
  std::optional<double> budget;  // EUR of one-off cost
  double horizon_years = 5;      // a measure must pay back within this many years
  double discount_rate = 0.02;   // of the net present value under uncertainty (uncertainty.h)
  // HM Treasury's optimism bias: every cost raised and every saving of
  // staff hours and cost lowered by this many percent before anything else.
  double optimism_bias_percent = 0;
};

/// Why a measure is in the plan.
enum class PlanReasonKind { pays_back, required_by, ozg_level };
std::string_view to_string(PlanReasonKind kind);

struct PlanReason {
  PlanReasonKind kind = PlanReasonKind::pays_back;
  Phrase detail;  // one clause: "pays back in 0.2 years, within the horizon of 5 years"
};

struct PlannedMeasure {
  std::string id, name;
  int wave = 1;
  std::vector<std::string> steps;  // steps the measure changed
  std::optional<double> lead_time_saved_hours;  // none when before or after is unbounded
  double staff_hours_freed_per_year = 0;
  double staff_cost_saved_per_year = 0;
  // Per row of removable_figures() (figures.h), in its order: how much less
  // of it a case has after the measure (negative: more).
  std::vector<double> removed_per_case;
  double one_off_cost = 0;
  double yearly_cost = 0;
  std::optional<double> payback_years;  // none when it never pays back
  PlanReason because;                   // why it is in the plan

  /// The change of the figure with this JSON key ("media_breaks_per_case"); 0 for one not counted.
  double removed(std::string_view figure_key) const;
};

struct SkippedMeasure {
  std::string id, name;
  Phrase reason;  // "outside the budget of 20000 EUR"
};

struct Plan {
  PlanOptions options;
  Analysis before, after;
  Process after_process;
  std::vector<PlannedMeasure> measures;  // in wave order
  std::vector<SkippedMeasure> skipped;
  Phrase selection_method;  // how the budget choice was made, for the report
};

/// Later lists override earlier ones by id: the catalogue, then the
/// process's own measures, then --measures.
std::vector<Measure> merge_measures(const std::vector<std::vector<Measure>>& lists);

/// The process after the measures `ids`, applied in this order, each to
/// the process the ones before it left: what `paperflow-dot --after` draws
/// for a plan's measures. `known` is the merged list the plan chose from.
struct MeasuresInOrder {
  Process process;
  std::vector<Measure> applied;  // in order
  std::optional<Diagnostic> problem;  // an unknown id or a measure that cannot be applied; then nothing is applied
};
MeasuresInOrder apply_measures_in_order(const Process& process, const std::vector<Measure>& known,
                                        const std::vector<std::string>& ids);

/// The measures with every cost raised by `percent` (the optimism bias).
std::vector<Measure> with_optimism_bias(std::vector<Measure> measures, double percent);

/// Staff cost a year a change from `before` to `after` frees at
/// `cases_per_year`, lowered by the optimism bias `percent`: the one
/// definition the plan, the budget and the uncertainty use.
double staff_cost_saved_per_year(const Analysis& before, const Analysis& after, double cases_per_year,
                                 double optimism_bias_percent);

/// The plan for a valid process with demand.
Plan make_plan(const Process& process, const std::vector<Measure>& candidates, const PlanOptions& options);

/// Chooses, among measures with one-off costs `cost` and yearly savings
/// `saving`, where measure i requires the measures `requires[i]`, the set
/// closed under `requires` with the largest total saving whose cost fits
/// `budget`. Exact (all subsets) for up to 20 measures; beyond that, greedy
/// by saving per euro. Returns the chosen indices, ascending.
std::vector<std::size_t> choose_within_budget(const std::vector<double>& cost, const std::vector<double>& saving,
                                              const std::vector<std::vector<std::size_t>>& requires_measures,
                                              double budget);

}  // namespace paperflow
