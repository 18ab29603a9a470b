// The edges of a swimlane diagram as paperflow routes them: orthogonal
// segments that run along the free gaps between columns and the free
// gutters between rows and lanes, so no edge crosses a box, and Graphviz
// only draws (neato -n2 takes the positions of nodes and edges as given).
// Routing it ourselves takes milliseconds where Graphviz's spline router
// took seconds for a long process, and keeps edges off the boxes.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "swimlane_layout.h"

namespace paperflow {

struct Point {
  double x = 0;
  double y = 0;
};

struct RoutedEdge {
  /// From the source box's right side to the arrow's tip at the target's
  /// left side; each segment horizontal or vertical.
  std::vector<Point> points;
  /// Where the edge's label goes (its centre), beside the edge near its
  /// gateway or along the gutter of a loop; none without a label.
  std::optional<Point> label;
};

struct RoutingOptions {
  double channel_spacing = 7;  // between parallel vertical runs in a column gap
  double track_spacing = 5;    // between parallel horizontal runs in a gutter
  double label_height = 12;    // a label's height, for its place above the edge
};

/// Routes `edges` between the placed `boxes` of `layout`. An edge runs
/// right from its source, turns in the column gap after the source (or, to
/// skip columns, before the target), and enters its target from the left;
/// one that goes back (rework) or cannot run straight past the columns in
/// between takes a gutter. The runs that share a gap or a gutter get
/// their own lines, except those from one source or into one target, which
/// share a trunk. Deterministic.
std::vector<RoutedEdge> route_edges(const SwimlaneLayout& layout, const std::vector<LayoutBox>& boxes,
                                    const std::vector<LayoutEdge>& edges, const RoutingOptions& options = {});

}  // namespace paperflow
