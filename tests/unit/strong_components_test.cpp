#include "strong_components.h"

#include <random>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>
#include <doctest/doctest.h>

using namespace paperflow;

namespace {

Rows<std::size_t> rows_of(std::size_t n, const std::vector<std::pair<std::size_t, std::size_t>>& edges) {
  Rows<std::size_t> out;
  for (std::size_t v = 0; v < n; ++v) {
    for (auto [from, to] : edges)
      if (from == v) out.items.push_back(to);
    out.end_row();
  }
  return out;
}

}  // namespace

TEST_CASE("strong components are numbered as boost::strong_components numbers them on random graphs") {
  // Boost is the oracle: the same components, and the same numbers, which
  // the visit equations rely on (reverse topological order, the same order
  // of additions, the same figures to the last digit).
  std::mt19937 random(20261206);
  for (int round = 0; round < 300; ++round) {
    const std::size_t n = std::uniform_int_distribution<std::size_t>(1, 40)(random);
    const std::size_t m = std::uniform_int_distribution<std::size_t>(0, 3 * n)(random);
    std::uniform_int_distribution<std::size_t> vertex(0, n - 1);
    std::vector<std::pair<std::size_t, std::size_t>> edges;
    for (std::size_t k = 0; k < m; ++k) edges.emplace_back(vertex(random), vertex(random));
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS> graph(n);
    // In the order of the rows, as a routing graph adds them.
    for (std::size_t v = 0; v < n; ++v)
      for (auto [from, to] : edges)
        if (from == v) boost::add_edge(from, to, graph);
    std::vector<std::size_t> expected(n);
    const std::size_t expected_count = boost::strong_components(
        graph, boost::make_iterator_property_map(expected.begin(), boost::get(boost::vertex_index, graph)));

    std::vector<std::size_t> component;
    const std::size_t count = strong_components(rows_of(n, edges), [](std::size_t to) { return to; }, component);
    CAPTURE(round);
    CHECK(count == expected_count);
    CHECK(component == expected);
  }
}

TEST_CASE("a chain of 200000 vertices is 200000 components numbered from its end without recursion") {
  const std::size_t n = 200'000;
  Rows<std::size_t> chain;
  for (std::size_t v = 0; v < n; ++v) {
    if (v + 1 < n) chain.items.push_back(v + 1);
    chain.end_row();
  }
  std::vector<std::size_t> component;
  REQUIRE(strong_components(chain, [](std::size_t to) { return to; }, component) == n);
  CHECK(component.front() == n - 1);
  CHECK(component.back() == 0);
  // Closed into a ring: one component.
  chain.items.push_back(0);
  chain.start.back() += 1;
  CHECK(strong_components(chain, [](std::size_t to) { return to; }, component) == 1);
}

TEST_CASE("members by component list each component's vertices in vertex order") {
  const Rows<std::size_t> members = members_by_component({2, 0, 2, 1, 0}, 3);
  REQUIRE(members.size() == 3);
  CHECK(std::vector<std::size_t>(members[0].begin(), members[0].end()) == std::vector<std::size_t>{1, 4});
  CHECK(std::vector<std::size_t>(members[1].begin(), members[1].end()) == std::vector<std::size_t>{3});
  CHECK(std::vector<std::size_t>(members[2].begin(), members[2].end()) == std::vector<std::size_t>{0, 2});
}
