// The rules a plan follows whatever it plans for, one process (plan.cpp) or
// a portfolio (portfolio_plan.cpp): which measure does most for the
// objective, which pays back within the horizon alone or with what it
// requires, what it requires, which wave it can join, how a budget chooses
// and how each of these is said. Candidates are indices; `needs[i]` are the
// candidates candidate i requires directly.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "paperflow/phrase.h"
#include "paperflow/plan.h"

namespace paperflow::plan_rules {

using Needs = std::vector<std::vector<std::size_t>>;
/// The plan's figures of each candidate in it, by candidate.
using FiguresByCandidate = std::map<std::size_t, const PlannedMeasure*>;

/// The share of a saving that counts under an optimism bias.
double saving_share(const PlanOptions& options);

/// Sets the measure's costs from `measure` and its payback from them and its
/// staff cost saved: none when the net yearly saving is not positive.
void set_costs(PlannedMeasure& m, const Measure& measure);

/// What the objective wants more of. `lead_time_made_finite`: an unbounded
/// lead time became finite, which is worth more than any finite saving.
double benefit(const PlannedMeasure& m, bool lead_time_made_finite, PlanObjective objective);

/// One entry of a measure's `requires`: the candidate it names, or none
/// when no candidate has that id.
struct Requirement {
  std::optional<std::size_t> candidate;
  std::string id;
};

/// Which candidates of `pending` can join the next wave: `ready` (all they
/// require is applied), `later` (some of it is pending too) and `missing`
/// (some of it is neither: not a candidate at all, or not in the plan),
/// with the ids that are missing, comma-separated, in `requires` order.
struct WaveSplit {
  std::vector<std::size_t> ready, later;
  std::vector<std::pair<std::size_t, std::string>> missing;
};
WaveSplit split_wave(const std::vector<std::size_t>& pending, const std::vector<bool>& applied,
                     const std::vector<std::vector<Requirement>>& requires_of);

/// What candidate `i` requires, directly or through others, among `within`.
std::vector<std::size_t> requirements(const Needs& needs, std::size_t i, const std::vector<bool>& within);

bool pays_back(const PlannedMeasure& m, double horizon);

/// The payback of candidate `i` together with what it requires (among
/// `within`) that does not pay back on its own: a measure that needs a
/// costly one first must carry it.
struct BundlePayback {
  std::optional<double> years;  // none: the bundle never pays back
  bool bundled = false;         // some requirement is carried
};
BundlePayback bundle_payback(const Needs& needs, std::size_t i, const std::vector<bool>& within,
                             const FiguresByCandidate& figures, double horizon);
Phrase pays_back_detail(const BundlePayback& bundle, double horizon);

struct Recommendation {
  std::vector<bool> chosen;
  std::map<std::size_t, PlanReason> because;
};

/// The first two rules on a plan of the candidates `chosen` with `figures`:
/// those that pay back within the horizon (with what they require and does
/// not pay back on its own, as one bundle), and what they require.
/// `names[i]` and `ids[i]` name candidate i in "required by NAME (ID)".
Recommendation recommend_paying(const Needs& needs, const std::vector<std::string>& names,
                                const std::vector<std::string>& ids, const std::vector<bool>& chosen,
                                const FiguresByCandidate& figures, double horizon);

/// Rounds of `once` (one round of all three rules on the plan of the
/// candidates given) until nothing more is dropped: leaving a measure out
/// changes the figures of the ones after it. The set only shrinks, so it ends.
Recommendation recommend(std::vector<bool> chosen,
                         const std::function<Recommendation(const std::vector<bool>&)>& once);

/// The reason of each measure in the final plan, in the figures of this
/// plan, so that the clause and the row agree. `measures` pairs each
/// planned measure with its candidate; `chosen` is the plan's set.
void state_reasons(const std::vector<std::pair<std::size_t, PlannedMeasure*>>& measures, const Needs& needs,
                   const std::vector<bool>& chosen, const std::map<std::size_t, PlanReason>& because,
                   double horizon);

/// Why a measure the plan figures does not recommend is not in the plan.
Phrase does_not_pay_back(const PlannedMeasure& m, double horizon);
/// How the budget choice was made among `candidates` measures: exact or greedy.
Phrase budget_selection_method(std::size_t candidates);
Phrase outside_budget(double budget);

}  // namespace paperflow::plan_rules
