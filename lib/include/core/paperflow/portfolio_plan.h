// The digitisation plan of a portfolio (docs/organisation.md#a-plan-for-a-portfolio):
// which measures, in which processes, in which order, under one budget.
// A candidate is a measure applied to one process, or a measure with
// `scope: organisation` applied to every process it selects steps in and
// paid once. Savings are measured on the portfolio's analysis, so a measure
// that relieves a shared unit is credited with the shorter waits of every
// process that uses it. The rules are those of the plan of one process
// (plan.h): a measure is recommended when it pays back within the horizon,
// is required by one that does, or is needed for OZG level 3; a budget then
// picks the set with the largest yearly saving, exactly up to 20 candidates
// and greedily above; waves follow `requires`.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "paperflow/model.h"
#include "paperflow/plan.h"
#include "paperflow/portfolio.h"
#include "paperflow/portfolio_analysis.h"

namespace paperflow {

/// What the plan of a portfolio chooses from.
struct PortfolioMeasures {
  /// The organisation-wide candidates are the `scope: organisation`
  /// measures of this list, in its order.
  std::vector<Measure> organisation;
  /// Per process, in portfolio order: its `scope: process` candidates are
  /// the process-scope measures of its list whose id is not an
  /// organisation-wide candidate's.
  std::vector<std::vector<Measure>> processes;
};

/// The lists the tools plan with, later ones overriding earlier ones by id:
/// for the organisation the catalogue, the organisation's `measures`, then
/// `extra` (--measures); for each process the catalogue, the organisation's
/// `measures`, the process's own, then `extra`.
PortfolioMeasures portfolio_measures(const Portfolio& portfolio, const std::vector<Measure>& catalogue,
                                     const std::vector<Measure>& extra);

struct PortfolioPlannedMeasure {
  /// The figures of the plan of one process, taken over the organisation:
  /// staff hours and cost a year of the whole portfolio (other processes'
  /// shorter waits cost no staff time, so these come from the processes it
  /// changes); lead time saved and figures removed per case as the mean over
  /// all the organisation's cases, weighted by each process's cases a year
  /// (a shorter wait at a shared unit counts in every process that waits
  /// there); lead time saved none while some process's lead time is
  /// unbounded. `steps` are "PROCESS_ID/STEP_ID".
  PlannedMeasure figures;
  MeasureScope scope = MeasureScope::process;
  std::vector<std::size_t> processes;  // the processes it changes, in portfolio order
};

struct PortfolioSkippedMeasure {
  std::string id, name;
  std::vector<std::size_t> processes;  // the process of a process-scope candidate; for an
                                       // organisation-wide one, where it is refused, else none
  Phrase reason;
  bool selects_nothing = false;  // the reason is that it selects no step: reports may just count these
};

struct PortfolioPlan {
  PlanOptions options;
  PortfolioAnalysis before, after;
  /// Every process after the plan as its own file writes it (a shared unit
  /// with the process's own figures, as before), in portfolio order.
  std::vector<Process> after_processes;
  std::vector<bool> changed;  // per process: some measure of the plan changes it
  std::vector<PortfolioPlannedMeasure> measures;  // in wave order
  std::vector<PortfolioSkippedMeasure> skipped;   // in candidate order
  /// With a budget: how many recommended candidates it chose among (above
  /// 20 greedily), and how, for the report.
  std::optional<std::size_t> budget_candidates;
  Phrase selection_method;
};

/// The plan for a valid portfolio in which every process has demand. Each
/// candidate is evaluated on the portfolio as changed by the measures
/// before it; within a wave the one that does most for the objective comes
/// first. The candidates of a process the last measure changed are
/// evaluated again at once; the others' figures, which changed only
/// through the shared units' waits, are evaluated again when they come to
/// the top (lazily), so that a plan costs about one evaluation per
/// candidate and wave rather than one per pair of candidates. OZG levels are
/// the processes' own (shared waits do not change them). Work is spread
/// over up to `threads` threads; the plan is the same for any number.
/// Never prints.
PortfolioPlan make_portfolio_plan(const Portfolio& portfolio, const PortfolioMeasures& measures,
                                  const PlanOptions& options, unsigned threads = 1);

}  // namespace paperflow
