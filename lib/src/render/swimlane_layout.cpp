#include "swimlane_layout.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <utility>

namespace paperflow {
namespace {

// Marks the edges that close a cycle: depth-first from the root in edge
// order, then from every box not reached yet. Iterative, so a long chain of
// steps cannot overflow the stack.
std::vector<bool> find_back_edges(std::size_t n, const std::vector<LayoutEdge>& edges,
                                  const std::vector<std::vector<std::size_t>>& out, std::size_t root,
                                  std::vector<std::size_t>& discovered) {
  std::vector<bool> back(edges.size(), false);
  enum : char { unseen, open, done };
  std::vector<char> state(n, unseen);
  std::vector<std::pair<std::size_t, std::size_t>> stack;  // box, next out-edge to follow
  std::size_t counter = 0;
  auto visit = [&](std::size_t from) {
    if (state[from] != unseen) return;
    state[from] = open;
    discovered[from] = counter++;
    stack.emplace_back(from, 0);
    while (!stack.empty()) {
      auto& [v, next] = stack.back();
      if (next == out[v].size()) {
        state[v] = done;
        stack.pop_back();
        continue;
      }
      const std::size_t e = out[v][next++];
      const std::size_t w = edges[e].to;
      if (state[w] == open) {
        back[e] = true;
      } else if (state[w] == unseen) {
        state[w] = open;
        discovered[w] = counter++;
        stack.emplace_back(w, 0);
      }
    }
  };
  if (root < n) visit(root);
  for (std::size_t v = 0; v < n; ++v) visit(v);
  return back;
}

// Longest path from the sources over the forward edges (Kahn's order).
std::vector<std::size_t> columns_of(std::size_t n, const std::vector<LayoutEdge>& edges,
                                    const std::vector<bool>& back) {
  std::vector<std::size_t> indegree(n, 0), column(n, 0);
  std::vector<std::vector<std::size_t>> successors(n);
  for (std::size_t e = 0; e < edges.size(); ++e) {
    if (back[e]) continue;
    successors[edges[e].from].push_back(edges[e].to);
    ++indegree[edges[e].to];
  }
  std::vector<std::size_t> queue;
  for (std::size_t v = 0; v < n; ++v)
    if (indegree[v] == 0) queue.push_back(v);
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const std::size_t v = queue[head];
    for (std::size_t w : successors[v]) {
      column[w] = std::max(column[w], column[v] + 1);
      if (--indegree[w] == 0) queue.push_back(w);
    }
  }
  return column;
}

// Rows for a group of boxes sorted by the row each would like (fractional):
// as close to the wish as possible, in order, no two in one row, all within
// `rows`.
void assign_rows(const std::vector<double>& wish, std::size_t rows, std::vector<std::size_t>& row) {
  const std::size_t k = wish.size();
  row.assign(k, 0);
  for (std::size_t i = 0; i < k; ++i) {
    const double clamped = std::clamp(wish[i], 0.0, static_cast<double>(rows - 1));
    std::size_t r = static_cast<std::size_t>(std::lround(clamped));
    if (i > 0) r = std::max(r, row[i - 1] + 1);
    row[i] = r;
  }
  for (std::size_t i = k; i-- > 0;) {
    const std::size_t limit = rows - (k - i);  // room for the boxes below
    row[i] = std::min(row[i], limit);
    if (i + 1 < k) row[i] = std::min(row[i], row[i + 1] - 1);
  }
}

// The phases of layout_swimlanes, in order.

struct Neighbours {
  std::vector<std::vector<std::size_t>> predecessors, successors;  // along forward edges
};

Neighbours forward_neighbours(std::size_t n, const std::vector<LayoutEdge>& edges, const std::vector<bool>& back) {
  Neighbours neighbours{std::vector<std::vector<std::size_t>>(n), std::vector<std::vector<std::size_t>>(n)};
  for (std::size_t e = 0; e < edges.size(); ++e) {
    if (back[e] || edges[e].from == edges[e].to) continue;
    neighbours.successors[edges[e].from].push_back(edges[e].to);
    neighbours.predecessors[edges[e].to].push_back(edges[e].from);
  }
  return neighbours;
}

// The boxes of one lane in one column, keyed by (column, lane), first in the
// order the search found them.
using Groups = std::map<std::pair<std::size_t, std::size_t>, std::vector<std::size_t>>;

Groups group_boxes(const std::vector<LayoutBox>& boxes, const std::vector<std::size_t>& column,
                   const std::vector<std::size_t>& discovered) {
  Groups groups;
  std::vector<std::size_t> order(boxes.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return discovered[a] < discovered[b]; });
  for (std::size_t v : order) groups[{column[v], boxes[v].lane}].push_back(v);
  return groups;
}

// The rows of each lane and the row of each box; place() sets a box's y.
struct Rows {
  std::vector<std::size_t> count;        // per lane: as many as its fullest column needs
  std::vector<double> height;            // per lane: its tallest box and the gap
  std::vector<double> first_centre;      // per lane: y of its first row's centre
  std::vector<std::size_t> of_box;       // per box

  void place(std::size_t v, const std::vector<LayoutBox>& boxes, std::vector<double>& y) const {
    const std::size_t lane = boxes[v].lane;
    y[v] = first_centre[lane] - static_cast<double>(of_box[v]) * height[lane];
  }
};

// Lane geometry: as many rows as the fullest column needs, each as tall as
// the lane's tallest box; the bands go into `layout`, each box into its
// group's row.
Rows lay_out_lanes(std::size_t lane_count, const std::vector<double>& lane_min_height,
                   const std::vector<LayoutBox>& boxes, const Groups& groups, const SwimlaneOptions& options,
                   SwimlaneLayout& layout) {
  Rows rows{std::vector<std::size_t>(lane_count, 1), std::vector<double>(lane_count, 0),
            std::vector<double>(lane_count, 0), std::vector<std::size_t>(boxes.size(), 0)};
  for (const auto& [key, members] : groups) rows.count[key.second] = std::max(rows.count[key.second], members.size());
  for (const LayoutBox& box : boxes) rows.height[box.lane] = std::max(rows.height[box.lane], box.height);
  layout.lanes.resize(lane_count);
  double top = 0;
  for (std::size_t l = 0; l < lane_count; ++l) {
    rows.height[l] = std::max(rows.height[l], 20.0) + options.row_gap;
    const double needed =
        static_cast<double>(rows.count[l]) * rows.height[l] - options.row_gap + 2 * options.lane_padding;
    const double minimum = l < lane_min_height.size() ? lane_min_height[l] : 0;
    const double height = std::max(needed, minimum);
    layout.lanes[l] = {top, top - height};
    rows.first_centre[l] =
        top - (height - needed) / 2 - options.lane_padding - (rows.height[l] - options.row_gap) / 2;
    top -= height;
  }
  layout.y.assign(boxes.size(), 0);
  for (const auto& [key, members] : groups)
    for (std::size_t k = 0; k < members.size(); ++k) {
      rows.of_box[members[k]] = k;
      rows.place(members[k], boxes, layout.y);
    }
  return rows;
}

// Barycentre sweeps, down the columns with the predecessors, back up with
// the successors; boxes without such neighbours keep their row.
void sweep_barycentres(std::size_t column_count, Groups& groups, const Neighbours& neighbours,
                       const std::vector<LayoutBox>& boxes, Rows& rows, SwimlaneLayout& layout) {
  std::vector<std::vector<std::pair<std::size_t, std::vector<std::size_t>*>>> by_column(column_count);
  for (auto& [key, members] : groups) by_column[key.first].emplace_back(key.second, &members);
  std::vector<double> wish;
  std::vector<std::size_t> assigned;
  for (int sweep = 0; sweep < 8; ++sweep) {
    const bool downward = sweep % 2 == 0;
    for (std::size_t step = 0; step < column_count; ++step) {
      const std::size_t c = downward ? step : column_count - 1 - step;
      for (auto& [lane, members] : by_column[c]) {
        std::vector<std::pair<double, std::size_t>> wanted;
        for (std::size_t v : *members) {
          const auto& near = downward ? neighbours.predecessors[v] : neighbours.successors[v];
          double want = static_cast<double>(rows.of_box[v]);
          if (!near.empty()) {
            double sum = 0;
            for (std::size_t w : near) sum += layout.y[w];
            const double mean_y = sum / static_cast<double>(near.size());
            want = (rows.first_centre[lane] - mean_y) / rows.height[lane];
          }
          wanted.emplace_back(want, v);
        }
        std::stable_sort(wanted.begin(), wanted.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        wish.clear();
        for (const auto& w : wanted) wish.push_back(w.first);
        assign_rows(wish, rows.count[lane], assigned);
        for (std::size_t k = 0; k < wanted.size(); ++k) {
          (*members)[k] = wanted[k].second;
          rows.of_box[wanted[k].second] = assigned[k];
          rows.place(wanted[k].second, boxes, layout.y);
        }
      }
    }
  }
}

// Columns as wide as their widest box, with room for the labels of the
// edges that leave them. Graphviz's neato sets a label beside the edge's
// midpoint, not across it, so the gap holds the label twice.
void lay_out_columns(std::size_t column_count, const std::vector<LayoutBox>& boxes,
                     const std::vector<LayoutEdge>& edges, const std::vector<bool>& back,
                     const SwimlaneOptions& options, SwimlaneLayout& layout) {
  const std::size_t n = boxes.size();
  std::vector<double> width(column_count, 0), gap(column_count, options.column_gap);
  for (std::size_t v = 0; v < n; ++v) width[layout.column[v]] = std::max(width[layout.column[v]], boxes[v].width);
  for (std::size_t e = 0; e < edges.size(); ++e)
    if (!back[e] && edges[e].label_width > 0) {
      const std::size_t c = layout.column[edges[e].from];
      gap[c] = std::max(gap[c], 2 * edges[e].label_width + options.column_gap / 2);
    }
  std::vector<double> centre(column_count, 0);
  layout.header_right = layout.left + options.header_width;
  double x = layout.header_right + options.column_gap;
  for (std::size_t c = 0; c < column_count; ++c) {
    centre[c] = x + width[c] / 2;
    x += width[c] + gap[c];
  }
  layout.right = x;
  layout.x.resize(n);
  for (std::size_t v = 0; v < n; ++v) layout.x[v] = centre[layout.column[v]];
  for (std::size_t c = 0; c < column_count; ++c) {
    layout.column_left.push_back(centre[c] - width[c] / 2);
    layout.column_right.push_back(centre[c] + width[c] / 2);
  }
}

// The strips no box reaches into: every row is as tall as the lane's
// tallest box, so the space between two rows, and between a lane's edge
// and its outer rows, is free across the whole width.
void find_gutters(const Rows& rows, const SwimlaneOptions& options, SwimlaneLayout& layout) {
  for (std::size_t l = 0; l < layout.lanes.size(); ++l) {
    const double box_half = (rows.height[l] - options.row_gap) / 2;
    double above = layout.lanes[l].top;
    for (std::size_t r = 0; r < rows.count[l]; ++r) {
      const double centre = rows.first_centre[l] - static_cast<double>(r) * rows.height[l];
      layout.gutters.push_back({above, centre + box_half});
      above = centre - box_half;
    }
    layout.gutters.push_back({above, layout.lanes[l].bottom});
  }
}

}  // namespace

SwimlaneLayout layout_swimlanes(std::size_t lane_count, const std::vector<double>& lane_min_height,
                                const std::vector<LayoutBox>& boxes, const std::vector<LayoutEdge>& edges,
                                std::size_t root, const SwimlaneOptions& options) {
  const std::size_t n = boxes.size();
  SwimlaneLayout layout;
  std::vector<std::vector<std::size_t>> out(n);
  for (std::size_t e = 0; e < edges.size(); ++e) out[edges[e].from].push_back(e);
  std::vector<std::size_t> discovered(n, 0);
  const std::vector<bool> back = find_back_edges(n, edges, out, root, discovered);
  layout.column = columns_of(n, edges, back);
  std::size_t column_count = 0;
  for (std::size_t c : layout.column) column_count = std::max(column_count, c + 1);

  const Neighbours neighbours = forward_neighbours(n, edges, back);
  Groups groups = group_boxes(boxes, layout.column, discovered);
  Rows rows = lay_out_lanes(lane_count, lane_min_height, boxes, groups, options, layout);
  sweep_barycentres(column_count, groups, neighbours, boxes, rows, layout);
  lay_out_columns(column_count, boxes, edges, back, options, layout);
  find_gutters(rows, options, layout);
  return layout;
}

}  // namespace paperflow
