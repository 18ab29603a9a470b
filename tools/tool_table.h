// The table of paperflow's tools: name and one line each. The dispatcher's
// list, its "did you mean", shell completion and the tests all read it.
#pragma once

#include <array>
#include <string_view>

namespace paperflow::cli {

struct ToolEntry {
  std::string_view name;         // `paperflow NAME` runs `paperflow-NAME`
  std::string_view description;  // one line for `paperflow --help`
};

inline constexpr std::array<ToolEntry, 5> tool_table{{
    {"validate", "check process files against the format, with file, line and column for every problem"},
    {"analyse", "where the time goes: lead time, cost, media breaks, utilisation, the bottleneck, OZG level"},
    {"simulate", "Monte Carlo simulation: lead time percentiles, queues, confidence intervals"},
    {"plan", "the digitisation plan: which measures, in which order, what they buy and cost"},
    {"dot", "the process as a swimlane diagram for clerks and managers (Graphviz)"},
}};

}  // namespace paperflow::cli
