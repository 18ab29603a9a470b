// The per-case figures of an analysis as rows of one table: the JSON key,
// the labels in English and German, the unit, and how to read the figure
// off an Analysis. The analysis JSON, text and Markdown, the plan's before
// and after, and each planned measure's "removed per case" are made from
// it, so a new per-case figure is one row here and its computation in
// analysis.cpp.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "paperflow/analysis.h"

namespace paperflow {

enum class FigureUnit {
  hours,     // a time per case, in working hours
  days,      // the same in working days
  euros,     // a cost per case
  share,     // a ratio between 0 and 1
  count,     // how often per case, a mean: media breaks, handoffs, ...
};

/// How a report shows the figure. The headline figures (lead time, touch
/// time, flow efficiency) come first and with their notes, written out by
/// each report; the rest are rows the reports print as the table says.
enum class FigureRole { headline, per_case };

struct CaseFigure {
  std::string_view key;       // in the analysis JSON and the plan's before/after
  // A table's row label, "Media breaks", in English; the reports translate
  // it (po/de.po: "Medienbrüche").
  const char* label;
  FigureUnit unit;
  FigureRole role;
  std::optional<double> (*value)(const Analysis&);  // none: unbounded (an unstable unit) or undefined
  // For a count that measures aim to lower: the JSON key of a planned
  // measure's change ("media_breaks_removed_per_case") and its noun, plural,
  // for "0.54 media breaks fewer". Empty for figures that are not counted so.
  std::string_view removed_key = {};
  const char* noun = "";
};

/// Every per-case figure, in the order the reports and the JSON show them.
std::span<const CaseFigure> case_figures();

/// The figures a planned measure reports as removed per case: the rows of
/// case_figures() with a removed_key, in that order.
std::span<const CaseFigure* const> removable_figures();

/// The row with this JSON key, or nullptr.
const CaseFigure* find_case_figure(std::string_view key);

}  // namespace paperflow
