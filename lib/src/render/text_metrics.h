// How wide a line of text is in DejaVu Sans, the diagrams' font, so that
// the swimlane layout can leave room for each box before Graphviz draws it.
#pragma once

#include <string_view>

namespace paperflow::text {

/// Width in points of `line` (UTF-8) set in DejaVu Sans at `point_size`.
/// Widths come from Graphviz's own measurement of the font
/// (scripts/measure-font-widths); a character outside the table counts as
/// one em, so an estimate errs on the wide side.
double text_width(std::string_view line, double point_size, bool bold);

/// Height in points of one line at `point_size`, as Graphviz sets labels.
double line_height(double point_size);

}  // namespace paperflow::text
