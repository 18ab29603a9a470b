// The organisation's overview as a Graphviz diagram for a head of
// department: which shared unit carries which procedures. A matrix with
// one row per process and one column per shared unit; each cell holds the
// process's share of the unit's load, shaded by it (docs/organisation.md,
// "Overview diagram"). German labels, the look of the process diagram.
#pragma once

#include <cstddef>
#include <string>

#include "paperflow/portfolio.h"
#include "paperflow/portfolio_analysis.h"

namespace paperflow {

struct PortfolioDotOptions {
  /// At most this many process rows. A larger organisation shows the
  /// processes with the most staff hours a year at shared units, in the
  /// organisation's order, and one row more that sums up the rest, so
  /// that every column still adds up to 100 %. 0: every process.
  std::size_t max_processes = 50;
};

/// The DOT text of the overview of `analysis`, the analysis of
/// `portfolio`: one node, an HTML-like table, that Graphviz draws alike
/// with `neato -n2` and `dot`. Rows keep the organisation's order of
/// processes, columns the order of its shared units. A row gives the
/// process's name, cases a year, lead time in working days and OZG level;
/// a column's header the unit's name, utilisation and queue wait, and
/// "Engpass" on the organisation's bottleneck (a process's own unit, when
/// it is the bottleneck, is named in that process's row). A cell where
/// the process sends the unit no work stays empty. Every name is escaped.
/// Never prints.
std::string render_portfolio_dot(const Portfolio& portfolio, const PortfolioAnalysis& analysis,
                                 const PortfolioDotOptions& options = {});

/// A load share as the overview writes it: whole percent ("38 %"), but
/// "< 1 %" where a share that is not zero would round to 0 and "> 99 %"
/// where one that is not the whole would round to 100, so that rounding
/// never hides a process nor invents a monopoly.
std::string overview_share_label(double share);

}  // namespace paperflow
