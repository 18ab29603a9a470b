// Where each box of a swimlane diagram goes: columns from left to right
// along the flow, lanes as horizontal bands in a given order, rows inside a
// lane for boxes that share a column. Graphviz's own layout (dot) chooses
// the order of clusters itself to reduce crossings; a swimlane diagram must
// keep the lanes in the order the reader knows, so paperflow places the
// boxes and leaves Graphviz only the edges.
#pragma once

#include <cstddef>
#include <vector>

namespace paperflow {

/// A box to place: the lane it belongs to (an index into the lane order,
/// 0 the top lane) and its size in points.
struct LayoutBox {
  std::size_t lane = 0;
  double width = 0;
  double height = 0;
};

/// A connection between two boxes. An edge that closes a cycle (rework
/// going back to an earlier step) is found by a depth-first search from the
/// root in the order the edges are given; it does not push its target to a
/// later column.
struct LayoutEdge {
  std::size_t from = 0;
  std::size_t to = 0;
  double label_width = 0;  // width of the edge's label, in points; the columns leave room for it
};

struct SwimlaneOptions {
  double header_width = 120;  // the lane's name column at the left of each band
  double column_gap = 36;     // between the boxes of neighbouring columns
  double row_gap = 22;        // between boxes one above the other in a lane
  double lane_padding = 14;   // above the top row and below the bottom row of a lane
};

/// A lane as a band across the whole diagram, in Graphviz's coordinates
/// (points, y grows upwards).
struct LaneBand {
  double top = 0;
  double bottom = 0;
};

/// A horizontal strip across the whole diagram that no box reaches into:
/// between two rows of a lane, or between a lane's edge and its first or
/// last row. Edges run along it from one column gap to another.
struct Gutter {
  double top = 0;
  double bottom = 0;
};

struct SwimlaneLayout {
  std::vector<double> x, y;          // centre of each box
  std::vector<std::size_t> column;   // each box's column, 0 the leftmost
  std::vector<LaneBand> lanes;       // per lane, in the order given: top to bottom, touching
  double left = 0;                   // the bands' left edge (the header column starts here)
  double right = 0;                  // the bands' right edge
  double header_right = 0;           // the right edge of the lane headers
  /// Per column, the left and right edge of its widest box: between
  /// column_right[c] and column_left[c + 1] (and left of column 0, right of
  /// the header) no box stands, in any lane.
  std::vector<double> column_left, column_right;
  std::vector<Gutter> gutters;       // top to bottom
};

/// Places `boxes` in `lane_count` bands. `lane_min_height` (per lane, may be
/// empty) keeps a band tall enough for its header. Columns follow the
/// longest path from `root` over the edges that are not back edges, so a
/// step stands right of every step that leads to it. Inside a lane, boxes
/// of one column are stacked in rows ordered to keep edges short (a few
/// sweeps of the barycentre heuristic). Deterministic: the same input gives
/// the same layout.
SwimlaneLayout layout_swimlanes(std::size_t lane_count, const std::vector<double>& lane_min_height,
                                const std::vector<LayoutBox>& boxes, const std::vector<LayoutEdge>& edges,
                                std::size_t root, const SwimlaneOptions& options = {});

}  // namespace paperflow
