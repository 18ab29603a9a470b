// Reports of a portfolio's analysis (docs/organisation.md): the terminal
// dashboard, the same as a Markdown section, and the JSON of
// docs/organisation.md#json-output-of-the-analysis.
#pragma once

#include <cstddef>
#include <string>

#include "paperflow/language.h"
#include "paperflow/portfolio.h"
#include "paperflow/portfolio_analysis.h"

namespace paperflow {

struct PortfolioReportOptions {
  std::size_t top_processes = 10;  // processes listed in text and Markdown, by staff hours
  bool color = false;
  Language language = Language::en;
};

/// JSON: "paperflow": 1, the organisation, and per process analyse's JSON
/// with the shared waits. Unbounded figures are null.
std::string render_portfolio_json(const Portfolio& portfolio, const PortfolioAnalysis& analysis);

/// A dashboard for a terminal: the organisation's staff hours and cost, its
/// bottleneck, the shared units with their load shares, the processes ranked
/// by staff hours a year (lead time next), and the OZG levels.
std::string render_portfolio_text(const Portfolio& portfolio, const PortfolioAnalysis& analysis,
                                  const PortfolioReportOptions& options);

/// The same as a Markdown section for a memo.
std::string render_portfolio_markdown(const Portfolio& portfolio, const PortfolioAnalysis& analysis,
                                      const PortfolioReportOptions& options);

/// The organisation's bottleneck as a person reads it: "Zentrale Poststelle"
/// or "Wohngeldstelle (wohngeld)".
std::string portfolio_bottleneck_name(const Portfolio& portfolio, const PortfolioBottleneck& bottleneck);

/// The bottleneck's id as the JSON gives it: "poststelle" or "wohngeld/wohngeldstelle".
std::string portfolio_bottleneck_id(const Portfolio& portfolio, const PortfolioBottleneck& bottleneck);

/// The processes by staff hours a year, largest first; ties by lead time
/// (unbounded first), then in portfolio order.
std::vector<std::size_t> processes_by_staff_hours(const PortfolioAnalysis& analysis,
                                                  const Portfolio& portfolio);

}  // namespace paperflow
