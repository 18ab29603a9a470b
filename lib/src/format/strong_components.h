// Strong components of a graph given as compressed rows, for the checks
// of the routing (loops that cannot be left), the visit equations and the
// BPMN import's rework (a branch back into its own loop). In the format
// layer, the lowest, so that all three can use it.
//
// Why not boost::strong_components: its depth-first search keeps about
// 100 bytes for each level it descends, and a chain of a million steps is a
// million levels deep (100 MB, more than the routing graph itself). This
// is Tarjan's algorithm with a stack of 8 bytes a level, numbering the
// components as Boost does: vertices tried in the order 0..n-1, edges in
// the order of their row, a component numbered when its root finishes, so
// that the numbers are in reverse topological order.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace paperflow {

/// Rows of items in one vector: row r is items[start[r] .. start[r + 1]).
/// A vector per row costs its header and an allocation of its own, which a
/// process of a million steps pays a million times; these two are all.
template <class T>
struct Rows {
  std::vector<std::size_t> start{0};
  std::vector<T> items;

  std::size_t size() const { return start.size() - 1; }
  std::span<const T> operator[](std::size_t r) const {
    return std::span<const T>(items).subspan(start[r], start[r + 1] - start[r]);
  }
  /// Ends the row the items pushed since the last end belong to.
  void end_row() { start.push_back(items.size()); }
};

/// Numbers the strong components of the graph whose row v lists the edges
/// out of vertex v (`target_of(edge)` is where an edge leads) into
/// `component`; returns their number. Vertices, and the edges of a row,
/// must be fewer than 2^32 - 1 (a file of at most 64 MiB has far fewer).
template <class Edge, class TargetOf>
std::size_t strong_components(const Rows<Edge>& out, TargetOf target_of, std::vector<std::size_t>& component) {
  const std::size_t n = out.size();
  constexpr std::uint32_t unvisited = UINT32_MAX;
  std::vector<std::uint32_t> order(n, unvisited);  // when each vertex was discovered
  std::vector<std::uint32_t> low(n, 0);            // the earliest discovered vertex it reaches on the stack
  std::vector<std::uint32_t> stack;                // discovered, component not yet known
  std::vector<bool> on_stack(n, false);
  struct Level {
    std::uint32_t vertex;
    std::uint32_t next;  // the edge of its row to follow next
  };
  std::vector<Level> path;
  component.assign(n, 0);
  std::size_t components = 0;
  std::uint32_t discovered = 0;
  auto discover = [&](std::size_t v) {
    order[v] = low[v] = discovered++;
    stack.push_back(static_cast<std::uint32_t>(v));
    on_stack[v] = true;
    path.push_back({static_cast<std::uint32_t>(v), 0});
  };
  for (std::size_t root = 0; root < n; ++root) {
    if (order[root] != unvisited) continue;
    discover(root);
    while (!path.empty()) {
      const std::uint32_t v = path.back().vertex;
      const std::span<const Edge> edges = out[v];
      if (path.back().next < edges.size()) {
        const std::size_t w = target_of(edges[path.back().next++]);
        if (order[w] == unvisited) discover(w);
        else if (on_stack[w]) low[v] = std::min(low[v], order[w]);
        continue;
      }
      path.pop_back();
      if (!path.empty()) low[path.back().vertex] = std::min(low[path.back().vertex], low[v]);
      if (low[v] != order[v]) continue;
      // v is the root of a component: it and everything above it on the stack.
      std::uint32_t x;
      do {
        x = stack.back();
        stack.pop_back();
        on_stack[x] = false;
        component[x] = components;
      } while (x != v);
      ++components;
    }
  }
  return components;
}

/// The vertices of each component, in vertex order.
inline Rows<std::size_t> members_by_component(const std::vector<std::size_t>& component, std::size_t components) {
  Rows<std::size_t> members;
  members.start.assign(components + 1, 0);
  for (std::size_t c : component) ++members.start[c + 1];
  for (std::size_t c = 0; c < components; ++c) members.start[c + 1] += members.start[c];
  members.items.resize(component.size());
  std::vector<std::size_t> next(members.start.begin(), members.start.end() - 1);
  for (std::size_t v = 0; v < component.size(); ++v) members.items[next[component[v]]++] = v;
  return members;
}

}  // namespace paperflow
