// Reports of a portfolio's digitisation plan (docs/organisation.md#a-plan-for-a-portfolio):
// per wave which measures in which processes, what each buys and costs,
// the organisation before and after, each process's lead time and OZG
// level, and where to start; as text, as a Markdown section and as the
// JSON of man/paperflow-plan.1.
#pragma once

#include <string>
#include <vector>

#include "paperflow/language.h"

#include "paperflow/portfolio.h"
#include "paperflow/portfolio_plan.h"
#include "paperflow/report_plan.h"

namespace paperflow {

/// The plan's JSON with `organisation` instead of `process`; `before` and
/// `after` the portfolio analysis's top-level keys without its processes;
/// each measure with `scope` and `processes`; `processes` each process's
/// own before and after (the keys of the plan of one process).
std::string render_portfolio_plan_json(const Portfolio& portfolio, const PortfolioPlan& plan);
std::string render_portfolio_plan_text(const Portfolio& portfolio, const PortfolioPlan& plan,
                                       const PlanReportOptions& options);
std::string render_portfolio_plan_markdown(const Portfolio& portfolio, const PortfolioPlan& plan,
                                           const PlanReportOptions& options);

/// "Where to start", a sentence each: the organisation-wide measures of
/// wave 1, then the (at most three) processes whose measures in wave 1
/// free the most capacity. For the HTML report, which says it too.
std::vector<std::string> portfolio_start_sentences(const Portfolio& portfolio, const PortfolioPlan& plan,
                                                   Language language);

/// Where a measure works, as a clause: "in Wohngeld", "organisation-wide,
/// bought once, in 4 processes: ...".
std::string portfolio_measure_place(const Portfolio& portfolio, const PortfolioPlannedMeasure& measure,
                                    Language language);

}  // namespace paperflow
