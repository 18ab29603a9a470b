// The report for a head of department (man/paperflow-report.1): one HTML
// file with everything inside it (styles, charts as SVG, the diagrams), no
// script and no request to the network, printable on A4. Key figures
// first, then the diagram, where the time goes, utilisation, the lead-time
// distribution, the plan, and last the assumptions every figure rests on.
#pragma once

#include <string>
#include <vector>

#include "paperflow/analysis.h"
#include "paperflow/language.h"
#include "paperflow/model.h"
#include "paperflow/plan.h"
#include "paperflow/portfolio.h"
#include "paperflow/portfolio_analysis.h"
#include "paperflow/portfolio_plan.h"
#include "paperflow/simulation.h"
#include "paperflow/uncertainty.h"

namespace paperflow {

/// What the report says of one process. Pointers may be null: that part
/// is left out (--no-simulate, no plan). The SVGs are pictures the caller
/// drew (paperflow-report draws the swimlane diagrams with Graphviz); they
/// go into the page as they are, so they must be SVG documents.
struct HtmlProcessSection {
  const Process* process = nullptr;
  const Analysis* analysis = nullptr;
  std::string diagram_svg;  // the process today, with its heat map
  const SimulationResult* simulation = nullptr;
  std::size_t simulated_cases = 0;  // recorded cases a replication, for the caption
  const Plan* plan = nullptr;
  std::string after_diagram_svg;  // the process after the plan
  const PlanUncertainty* uncertainty = nullptr;
  std::string source;  // the file's name, as the reader knows it
};

struct HtmlReportOptions {
  Language language = Language::en;
  std::string generator;  // "paperflow 0.1.0": no date, so the same input gives the same file
};

/// The whole report: one section a process, in order. With one process
/// the report is titled by it; with several, each section is titled by its
/// process.
std::string render_report_html(const std::vector<HtmlProcessSection>& sections, const HtmlReportOptions& options);

/// What an organisation's report says first: the portfolio.
struct HtmlPortfolioOverview {
  const Portfolio* portfolio = nullptr;
  const PortfolioAnalysis* analysis = nullptr;
  std::string overview_svg;  // the organisation's overview diagram, when drawn
  const PortfolioPlan* plan = nullptr;  // the plan across the processes; null: none
  std::string source;        // the organisation file's name, as the reader knows it
};

/// An organisation's report: the portfolio first (key figures, the shared
/// units and who loads them, the organisation's bottleneck, the processes
/// by staff hours, the OZG levels, and with a plan where to start, the
/// measures wave by wave and the organisation before and after), then a
/// section a process, each with the shared units' waits.
std::string render_report_html(const HtmlPortfolioOverview& overview, const std::vector<HtmlProcessSection>& sections,
                               const HtmlReportOptions& options);

}  // namespace paperflow
