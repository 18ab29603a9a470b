// The process as a Graphviz diagram for clerks and managers: one swimlane
// per unit, shapes by kind of step, fill by medium, media breaks and rework
// marked, German labels, and optionally a heat map from the analysis.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "paperflow/analysis.h"
#include "paperflow/model.h"

namespace paperflow {

struct DotOptions {
  /// Colour steps by their share of the lead time and lanes by utilisation,
  /// from this analysis (of the same process); nullptr: fill by medium.
  const Analysis* heat = nullptr;
  /// What the diagram shows, under the title: "Ist-Prozess" (the process
  /// as it is), or for instance "Soll-Prozess nach: E-Akte".
  std::string state = "Ist-Prozess";
  /// Split a diagram wider than this many points into bands of columns
  /// that fit, stacked top to bottom, each with the lane headers again;
  /// an edge from one band to another ends at a numbered connector and
  /// goes on from the connector with the same number. 0: one band.
  double page_width = 0;
};

/// The usable width in points of a landscape page with margins of 10 mm:
/// "a4" 785.2, "a3" 1133.9; nothing for another name ("none" included).
std::optional<double> landscape_page_width(std::string_view page);

/// The DOT text of a valid process. Every name is escaped for Graphviz's
/// HTML-like labels, so no name can break the DOT; the output is UTF-8.
/// Lanes follow the file's order of units, the applicant's lane first
/// (the first external unit with an applicant-facing step), left to right.
std::string render_dot(const Process& process, const DotOptions& options);

/// Escapes text for a Graphviz HTML-like label: & < > " ' and control
/// characters; a newline becomes a line break.
std::string dot_html_escape(std::string_view text);

}  // namespace paperflow
