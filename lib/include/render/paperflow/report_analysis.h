// Reports of the analysis: the terminal dashboard a consultant reads, the
// same as a Markdown report section, and the JSON of
// docs/format.md#json-output with every key it lists.
#pragma once

#include "paperflow/language.h"

#include <cstddef>
#include <string>

#include "paperflow/analysis.h"
#include "paperflow/model.h"

namespace paperflow {

struct AnalysisReportOptions {
  std::size_t top_steps = 10;  // steps listed by lead time in text and markdown
  bool color = false;          // ANSI colours in the text dashboard
  Language language = Language::en;
};

/// JSON: one object with "paperflow": 1 and the keys of docs/format.md; unbounded
/// figures are null; units and steps in file order. Numbers are written
/// with the shortest representation that reads back to the same double.
std::string render_analysis_json(const Process& process, const Analysis& analysis);

/// A compact dashboard for a terminal: headline figures, units with the
/// bottleneck marked, the steps that cost the most lead time with a bar.
std::string render_analysis_text(const Process& process, const Analysis& analysis,
                                 const AnalysisReportOptions& options);

/// The same as a Markdown section to paste into a report.
std::string render_analysis_markdown(const Process& process, const Analysis& analysis,
                                     const AnalysisReportOptions& options);

/// "0 offline", "2 form assistant", ... (OZG Reifegradmodell 1.1).
std::string ozg_level_name(int level, Language language = Language::en);

}  // namespace paperflow
