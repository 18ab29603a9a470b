#include "paperflow/visits.h"

#include <cmath>

#include <boost/graph/strong_components.hpp>

namespace paperflow {
namespace {

struct FlowEdge {
  std::size_t to;
  double p;
};

// Solves A x = b in place for a small dense A by Gaussian elimination with
// partial pivoting. A is k×k, row-major. Returns false when A is singular.
bool solve_dense(std::vector<double>& a, std::vector<double>& b, std::size_t k) {
  for (std::size_t col = 0; col < k; ++col) {
    std::size_t pivot = col;
    for (std::size_t row = col + 1; row < k; ++row)
      if (std::fabs(a[row * k + col]) > std::fabs(a[pivot * k + col])) pivot = row;
    if (std::fabs(a[pivot * k + col]) < 1e-300) return false;
    if (pivot != col) {
      for (std::size_t j = 0; j < k; ++j) std::swap(a[col * k + j], a[pivot * k + j]);
      std::swap(b[col], b[pivot]);
    }
    const double diagonal = a[col * k + col];
    for (std::size_t row = col + 1; row < k; ++row) {
      const double factor = a[row * k + col] / diagonal;
      if (factor == 0) continue;
      for (std::size_t j = col; j < k; ++j) a[row * k + j] -= factor * a[col * k + j];
      b[row] -= factor * b[col];
    }
  }
  for (std::size_t col = k; col-- > 0;) {
    double sum = b[col];
    for (std::size_t j = col + 1; j < k; ++j) sum -= a[col * k + j] * b[j];
    b[col] = sum / a[col * k + col];
  }
  return true;
}

// Components larger than this are solved iteratively: a dense solve costs k³.
constexpr std::size_t dense_limit = 1500;

// The flow graph of the visit equations: every edge of the file except
// those into a join, plus split -> join with weight 1 (v_join = v_split);
// with its strong components.
struct FlowGraph {
  std::vector<std::vector<FlowEdge>> out;
  std::vector<std::size_t> component;
  std::vector<std::vector<std::size_t>> members;  // by component number
};

FlowGraph flow_graph(const Process& process, const RoutingGraph& routing) {
  const std::size_t n = process.steps.size();
  const auto& g = routing.graph;
  FlowGraph flow;
  flow.out.resize(n);
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Graph graph(n);
  for (auto [e, end] = boost::edges(g); e != end; ++e) {
    const RoutingEdge& edge = g[*e];
    if (edge.into_join) continue;
    std::size_t from = boost::source(*e, g), to = boost::target(*e, g);
    flow.out[from].push_back({to, edge.p});
    boost::add_edge(from, to, graph);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const Step& step = process.steps[i];
    if (step.routing.kind != Routing::Kind::parallel) continue;
    auto join = process.step_index.find(step.routing.join.id);
    if (join == process.step_index.end()) continue;
    flow.out[i].push_back({join->second, 1.0});
    boost::add_edge(i, join->second, graph);
  }
  flow.component.resize(n);
  const std::size_t count = boost::strong_components(
      graph, boost::make_iterator_property_map(flow.component.begin(), boost::get(boost::vertex_index, graph)));
  flow.members.resize(count);
  for (std::size_t v = 0; v < n; ++v) flow.members[flow.component[v]].push_back(v);
  return flow;
}

// The visits of the steps of component `c`, a loop of at most dense_limit
// steps, by a direct solve of (I - P_CC) v = inflow; NaN when singular.
void solve_dense_component(const FlowGraph& flow, std::size_t c, const std::vector<double>& inflow,
                           std::vector<std::size_t>& local, std::vector<double>& visits) {
  const auto& nodes = flow.members[c];
  const std::size_t k = nodes.size();
  for (std::size_t i = 0; i < k; ++i) local[nodes[i]] = i;
  std::vector<double> a(k * k, 0.0), b(k);
  for (std::size_t i = 0; i < k; ++i) {
    a[i * k + i] = 1.0;
    b[i] = inflow[nodes[i]];
  }
  for (std::size_t v : nodes)
    for (const FlowEdge& edge : flow.out[v])
      if (flow.component[edge.to] == c) a[local[edge.to] * k + local[v]] -= edge.p;
  if (!solve_dense(a, b, k)) std::fill(b.begin(), b.end(), std::nan(""));
  for (std::size_t i = 0; i < k; ++i) visits[nodes[i]] = b[i];
}

// The same for a larger loop, by Gauss–Seidel on v_j = inflow_j + Σ_i p_ij
// v_i; converges for a loop that can be left (the spectral radius of P_CC
// is below 1).
void solve_iterative_component(const FlowGraph& flow, std::size_t c, const std::vector<double>& inflow,
                               std::vector<double>& visits) {
  const auto& nodes = flow.members[c];
  std::vector<std::vector<FlowEdge>> in(flow.out.size());
  for (std::size_t v : nodes)
    for (const FlowEdge& edge : flow.out[v])
      if (flow.component[edge.to] == c) in[edge.to].push_back({v, edge.p});
  for (std::size_t v : nodes) visits[v] = inflow[v];
  for (int iteration = 0; iteration < 1'000'000; ++iteration) {
    double change = 0, size = 0;
    for (std::size_t v : nodes) {
      double value = inflow[v];
      for (const FlowEdge& edge : in[v]) value += edge.p * visits[edge.to];
      change = std::max(change, std::fabs(value - visits[v]));
      size = std::max(size, std::fabs(value));
      visits[v] = value;
    }
    if (change <= 1e-15 * std::max(size, 1.0)) break;
  }
}

}  // namespace

std::vector<double> compute_visits(const Process& process, const RoutingGraph& routing) {
  const std::size_t n = process.steps.size();
  std::vector<double> visits(n, 0.0);
  if (n == 0) return visits;
  const FlowGraph flow = flow_graph(process, routing);

  // Inflow from outside each component; Tarjan numbers components in
  // reverse topological order, so walking from the last number to 0 sees
  // every component after all of its predecessors.
  std::vector<double> inflow(n, 0.0);
  inflow[routing.start] = 1.0;
  std::vector<std::size_t> local(n, 0);
  for (std::size_t c = flow.members.size(); c-- > 0;) {
    const auto& nodes = flow.members[c];
    bool has_internal_edge = false;
    for (std::size_t v : nodes)
      for (const FlowEdge& edge : flow.out[v])
        if (flow.component[edge.to] == c) has_internal_edge = true;
    if (!has_internal_edge)
      for (std::size_t v : nodes) visits[v] = inflow[v];
    else if (nodes.size() <= dense_limit)
      solve_dense_component(flow, c, inflow, local, visits);
    else
      solve_iterative_component(flow, c, inflow, visits);
    for (std::size_t v : nodes)
      for (const FlowEdge& edge : flow.out[v])
        if (flow.component[edge.to] != c) inflow[edge.to] += edge.p * visits[v];
  }
  return visits;
}


}  // namespace paperflow
