// The edge router: on random swimlane layouts (loops, skips, fan-out and
// fan-in across lanes) every edge is a chain of horizontal and vertical
// segments from its source's right side to its target's left side, no
// segment enters a box, the gutters and gaps it uses are free, and edges
// share a line only where they share a source or a target.
#include "edge_routing.h"

#include <cmath>
#include <random>

#include <doctest/doctest.h>

using namespace paperflow;

namespace {

constexpr double tolerance = 1e-6;

struct Segment {
  Point a, b;
  std::size_t edge;
};

// Whether the segment passes through the inside of box `v` (its border
// may be touched: that is where an edge starts and ends).
bool enters(const Segment& s, const SwimlaneLayout& layout, const std::vector<LayoutBox>& boxes, std::size_t v) {
  const double left = layout.x[v] - boxes[v].width / 2 + 0.5, right = layout.x[v] + boxes[v].width / 2 - 0.5;
  const double bottom = layout.y[v] - boxes[v].height / 2 + 0.5, top = layout.y[v] + boxes[v].height / 2 - 0.5;
  return std::min(s.a.x, s.b.x) < right && std::max(s.a.x, s.b.x) > left && std::min(s.a.y, s.b.y) < top &&
         std::max(s.a.y, s.b.y) > bottom;
}

// Two collinear segments that overlap by more than a point.
bool overlap(const Segment& p, const Segment& q) {
  const bool p_vertical = std::fabs(p.a.x - p.b.x) < tolerance, q_vertical = std::fabs(q.a.x - q.b.x) < tolerance;
  if (p_vertical != q_vertical) return false;
  if (p_vertical) {
    if (std::fabs(p.a.x - q.a.x) > tolerance) return false;
    return std::min(std::max(p.a.y, p.b.y), std::max(q.a.y, q.b.y)) -
               std::max(std::min(p.a.y, p.b.y), std::min(q.a.y, q.b.y)) > 1;
  }
  if (std::fabs(p.a.y - q.a.y) > tolerance) return false;
  return std::min(std::max(p.a.x, p.b.x), std::max(q.a.x, q.b.x)) -
             std::max(std::min(p.a.x, p.b.x), std::min(q.a.x, q.b.x)) > 1;
}

void check_routes(std::size_t lanes, const std::vector<LayoutBox>& boxes, const std::vector<LayoutEdge>& edges) {
  const SwimlaneLayout layout = layout_swimlanes(lanes, {}, boxes, edges, 0);
  const std::vector<RoutedEdge> routes = route_edges(layout, boxes, edges);
  REQUIRE(routes.size() == edges.size());
  std::vector<Segment> segments;
  for (std::size_t e = 0; e < edges.size(); ++e) {
    CAPTURE(e);
    const std::vector<Point>& p = routes[e].points;
    REQUIRE(p.size() >= 2);
    const std::size_t s = edges[e].from, t = edges[e].to;
    CHECK(p.front().x == doctest::Approx(layout.x[s] + boxes[s].width / 2));
    CHECK(p.front().y == doctest::Approx(layout.y[s]));
    CHECK(p.back().x == doctest::Approx(layout.x[t] - boxes[t].width / 2));
    // Into the target's left side, at its middle or (where two edges cross
    // in one gap) a little below it.
    CHECK(p.back().y <= layout.y[t] + tolerance);
    CHECK(p.back().y >= layout.y[t] - boxes[t].height / 4 - tolerance);
    CHECK(p[p.size() - 2].x < p.back().x);  // the last run comes in from the left
    for (std::size_t i = 1; i < p.size(); ++i) {
      const bool orthogonal = std::fabs(p[i].x - p[i - 1].x) < tolerance || std::fabs(p[i].y - p[i - 1].y) < tolerance;
      CHECK(orthogonal);
      segments.push_back({p[i - 1], p[i], e});
    }
  }
  for (const Segment& s : segments)
    for (std::size_t v = 0; v < boxes.size(); ++v) {
      CAPTURE(s.edge);
      CAPTURE(v);
      CHECK_FALSE(enters(s, layout, boxes, v));
    }
  for (std::size_t i = 0; i < segments.size(); ++i)
    for (std::size_t j = i + 1; j < segments.size(); ++j) {
      const LayoutEdge& a = edges[segments[i].edge];
      const LayoutEdge& b = edges[segments[j].edge];
      if (segments[i].edge == segments[j].edge || a.from == b.from || a.to == b.to) continue;
      CAPTURE(segments[i].edge);
      CAPTURE(segments[j].edge);
      INFO("(" << segments[i].a.x << "," << segments[i].a.y << ")-(" << segments[i].b.x << "," << segments[i].b.y
                << ") and (" << segments[j].a.x << "," << segments[j].a.y << ")-(" << segments[j].b.x << ","
                << segments[j].b.y << ")");
      CHECK_FALSE(overlap(segments[i], segments[j]));
    }
}

}  // namespace

TEST_CASE("a straight run between neighbours in one row, a turn into another row") {
  std::vector<LayoutBox> boxes = {{0, 80, 40}, {0, 80, 40}, {1, 60, 30}};
  std::vector<LayoutEdge> edges = {{0, 1, 0}, {1, 2, 0}};
  const SwimlaneLayout layout = layout_swimlanes(2, {}, boxes, edges, 0);
  const auto routes = route_edges(layout, boxes, edges);
  CHECK(routes[0].points.size() == 2);  // same row: straight
  CHECK(routes[1].points.size() == 4);  // down a lane: right, down, right
  check_routes(2, boxes, edges);
}

TEST_CASE("a loop back runs along a gutter below, and its label sits along it") {
  // 0 → 1 → 2 → back to 1 (rework), with a label.
  std::vector<LayoutBox> boxes = {{0, 80, 40}, {0, 80, 40}, {0, 80, 40}};
  std::vector<LayoutEdge> edges = {{0, 1, 0}, {1, 2, 0}, {2, 1, 60}};
  const SwimlaneLayout layout = layout_swimlanes(1, {}, boxes, edges, 0);
  const auto routes = route_edges(layout, boxes, edges);
  const auto& back = routes[2].points;
  REQUIRE(back.size() == 6);
  CHECK(back[2].y < layout.y[1] - boxes[1].height / 2);  // below the boxes
  REQUIRE(routes[2].label.has_value());
  CHECK(routes[2].label->x < back[2].x);
  CHECK(routes[2].label->x > back[3].x);
  check_routes(1, boxes, edges);
}

TEST_CASE("random processes: orthogonal, no box crossed, no line shared but by a trunk") {
  std::mt19937_64 random(20261206);
  for (int round = 0; round < 100; ++round) {
    CAPTURE(round);
    const std::size_t lanes = 1 + random() % 5, n = 3 + random() % 40;
    std::vector<LayoutBox> boxes;
    for (std::size_t v = 0; v < n; ++v)
      boxes.push_back({random() % lanes, 30.0 + static_cast<double>(random() % 120), 25.0 + static_cast<double>(random() % 50)});
    std::vector<LayoutEdge> edges;
    for (std::size_t v = 1; v < n; ++v) edges.push_back({random() % v, v, random() % 3 == 0 ? 30.0 : 0.0});
    for (std::size_t k = 0; k < n / 3; ++k) {  // loops back and jumps ahead
      const std::size_t a = random() % n, b = random() % n;
      if (a != b) edges.push_back({a, b, random() % 2 ? 50.0 : 0.0});
    }
    check_routes(lanes, boxes, edges);
  }
}
