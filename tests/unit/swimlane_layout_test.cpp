// The swimlane layout: lanes stay in the given order as bands, columns
// follow the flow, cycles do not push boxes right, boxes never collide.
#include "swimlane_layout.h"

#include <cmath>

#include <doctest/doctest.h>

#include "text_metrics.h"

using namespace paperflow;

namespace {

bool boxes_collide(const SwimlaneLayout& layout, const std::vector<LayoutBox>& boxes, std::size_t a, std::size_t b) {
  return std::abs(layout.x[a] - layout.x[b]) < (boxes[a].width + boxes[b].width) / 2 &&
         std::abs(layout.y[a] - layout.y[b]) < (boxes[a].height + boxes[b].height) / 2;
}

void require_inside_lane(const SwimlaneLayout& layout, const std::vector<LayoutBox>& boxes) {
  for (std::size_t v = 0; v < boxes.size(); ++v) {
    const LaneBand& band = layout.lanes[boxes[v].lane];
    CAPTURE(v);
    CHECK(layout.y[v] + boxes[v].height / 2 <= band.top);
    CHECK(layout.y[v] - boxes[v].height / 2 >= band.bottom);
    CHECK(layout.x[v] - boxes[v].width / 2 > layout.left);
    CHECK(layout.x[v] + boxes[v].width / 2 < layout.right);
  }
}

}  // namespace

TEST_CASE("lanes are bands in the given order, whatever the edges prefer") {
  // The flow starts in the bottom lane and ends in the top one: a layout
  // that minimised crossings alone would be free to swap them.
  std::vector<LayoutBox> boxes = {{2, 80, 40}, {1, 80, 40}, {0, 80, 40}};
  std::vector<LayoutEdge> edges = {{0, 1, 0}, {1, 2, 0}};
  SwimlaneLayout layout = layout_swimlanes(3, {}, boxes, edges, 0);
  REQUIRE(layout.lanes.size() == 3);
  CHECK(layout.lanes[0].top > layout.lanes[0].bottom);
  CHECK(layout.lanes[0].bottom == doctest::Approx(layout.lanes[1].top));
  CHECK(layout.lanes[1].bottom == doctest::Approx(layout.lanes[2].top));
  CHECK(layout.y[2] > layout.y[1]);
  CHECK(layout.y[1] > layout.y[0]);
  require_inside_lane(layout, boxes);
}

TEST_CASE("a box stands right of every box that leads to it, but a loop back does not push it") {
  // 0 -> 1 -> 2 -> 3, and 2 -> 1 (rework back to an earlier step).
  std::vector<LayoutBox> boxes(4, {0, 60, 30});
  std::vector<LayoutEdge> edges = {{0, 1, 0}, {1, 2, 0}, {2, 1, 0}, {2, 3, 0}};
  SwimlaneLayout layout = layout_swimlanes(1, {}, boxes, edges, 0);
  CHECK(layout.column == std::vector<std::size_t>{0, 1, 2, 3});
  CHECK(layout.x[0] < layout.x[1]);
  CHECK(layout.x[2] < layout.x[3]);
}

TEST_CASE("a join waits for its longest branch") {
  // 0 splits into 1 and 2 -> 3, both meet in 4.
  std::vector<LayoutBox> boxes(5, {0, 60, 30});
  std::vector<LayoutEdge> edges = {{0, 1, 0}, {0, 2, 0}, {2, 3, 0}, {1, 4, 0}, {3, 4, 0}};
  SwimlaneLayout layout = layout_swimlanes(1, {}, boxes, edges, 0);
  CHECK(layout.column[4] == 3);
  CHECK(layout.column[1] == 1);
  // 1 and 2 share a column in one lane: two rows, no collision.
  CHECK(layout.x[1] == doctest::Approx(layout.x[2]));
  CHECK_FALSE(boxes_collide(layout, boxes, 1, 2));
  require_inside_lane(layout, boxes);
}

TEST_CASE("boxes of one column in one lane get rows of their own") {
  std::vector<LayoutBox> boxes = {{0, 50, 30}};
  std::vector<LayoutEdge> edges;
  for (std::size_t k = 1; k <= 6; ++k) {
    boxes.push_back({k % 2, 40.0 + 10.0 * static_cast<double>(k), 20.0 + 5.0 * static_cast<double>(k)});
    edges.push_back({0, k, 0});
  }
  SwimlaneLayout layout = layout_swimlanes(2, {}, boxes, edges, 0);
  for (std::size_t a = 0; a < boxes.size(); ++a)
    for (std::size_t b = a + 1; b < boxes.size(); ++b) {
      CAPTURE(a);
      CAPTURE(b);
      CHECK_FALSE(boxes_collide(layout, boxes, a, b));
    }
  require_inside_lane(layout, boxes);
}

TEST_CASE("a lane is at least as tall as its header asks, and edge labels get room") {
  std::vector<LayoutBox> boxes = {{0, 60, 30}, {0, 60, 30}};
  SwimlaneLayout plain = layout_swimlanes(1, {200}, boxes, {{0, 1, 0}}, 0);
  CHECK(plain.lanes[0].top - plain.lanes[0].bottom == doctest::Approx(200));
  require_inside_lane(plain, boxes);
  SwimlaneLayout labelled = layout_swimlanes(1, {}, boxes, {{0, 1, 150}}, 0);
  CHECK(labelled.x[1] - labelled.x[0] - 60 >= 150);
}

TEST_CASE("a long chain lays out without recursion and the same twice") {
  const std::size_t n = 50000;
  std::vector<LayoutBox> boxes;
  std::vector<LayoutEdge> edges;
  for (std::size_t v = 0; v < n; ++v) {
    boxes.push_back({v % 3, 80, 30});
    if (v > 0) edges.push_back({v - 1, v, 0});
  }
  edges.push_back({n - 1, 0, 0});  // back to the start: a cycle over everything
  SwimlaneLayout first = layout_swimlanes(3, {}, boxes, edges, 0);
  SwimlaneLayout second = layout_swimlanes(3, {}, boxes, edges, 0);
  CHECK(first.column[n - 1] == n - 1);
  CHECK(first.x == second.x);
  CHECK(first.y == second.y);
}

TEST_CASE("text widths follow the font: wider letters, bold, umlauts, unknown marks") {
  CHECK(text::text_width("", 11, false) == 0);
  CHECK(text::text_width("MMM", 10, false) > text::text_width("iii", 10, false));
  CHECK(text::text_width("Prüfen", 11, true) > text::text_width("Prüfen", 11, false));
  CHECK(text::text_width("ä", 10, false) == doctest::Approx(text::text_width("a", 10, false)));
  CHECK(text::text_width("x", 20, false) == doctest::Approx(2 * text::text_width("x", 10, false)));
  // A character outside the table counts as a whole em; a broken byte too.
  CHECK(text::text_width("\u4e2d", 10, false) == doctest::Approx(10));
  CHECK(text::text_width("\xff", 10, false) == doctest::Approx(10));
}
