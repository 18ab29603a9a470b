#include "paperflow/visits.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <queue>
#include <span>
#include <tuple>

#include <fmt/format.h>

#include "strong_components.h"

namespace paperflow {
namespace {

struct FlowEdge {
  std::size_t to;
  double p;
};

// The flow graph of the visit equations: every edge of the file except
// those into a join, plus split -> join with weight 1 (v_join = v_split);
// with its strong components.
struct FlowGraph {
  Rows<FlowEdge> out;  // by step, in the order of the routing graph's edges
  std::vector<std::size_t> component;
  Rows<std::size_t> members;  // by component number, each in file order
};

FlowGraph flow_graph(const Process& process, const RoutingGraph& routing) {
  const std::size_t n = process.steps.size();
  const auto& g = routing.graph;
  FlowGraph flow;
  flow.out.start.reserve(n + 1);
  flow.out.items.reserve(boost::num_edges(g));
  for (std::size_t v = 0; v < n; ++v) {
    for (auto [e, end] = boost::out_edges(v, g); e != end; ++e)
      if (!g[*e].into_join) flow.out.items.push_back({boost::target(*e, g), g[*e].p});
    const Step& step = process.steps[v];
    if (step.routing.kind == Routing::Kind::parallel)
      if (auto join = process.step_index.find(step.routing.join.id); join != process.step_index.end())
        flow.out.items.push_back({join->second, 1.0});
    flow.out.end_row();
  }
  const std::size_t count =
      strong_components(flow.out, [](const FlowEdge& edge) { return edge.to; }, flow.component);
  flow.members = members_by_component(flow.component, count);
  return flow;
}

// ---- one loop ---------------------------------------------------------------

constexpr std::uint32_t none = 0xFFFFFFFFu;

struct Entry {
  std::uint32_t node;
  double p;
};

// The equations of one strong component (a loop) in its own numbers
// 0..k-1: v_j = b_j + Σ_i p_ij·v_i, with the weights p_ij (i ≠ j) of the
// edges inside the loop, the weight p_jj of a step's edges to itself and
// b_j, the visits flowing in from outside.
struct Loop {
  std::vector<std::vector<Entry>> out;  // per i: (j, p_ij), each j once
  std::vector<double> self;             // p_jj
  std::vector<double> inflow;           // b_j
  std::size_t edges = 0;                // entries of `out`, all together
};

Loop loop_equations(const FlowGraph& flow, std::size_t c, const std::vector<double>& inflow,
                    std::vector<std::uint32_t>& local) {
  const std::span<const std::size_t> nodes = flow.members[c];
  const std::size_t k = nodes.size();
  for (std::size_t i = 0; i < k; ++i) local[nodes[i]] = static_cast<std::uint32_t>(i);
  Loop loop;
  loop.out.resize(k);
  loop.self.assign(k, 0.0);
  loop.inflow.resize(k);
  std::vector<std::uint32_t> at(k, none);  // where j is in the row being built
  for (std::size_t i = 0; i < k; ++i) {
    loop.inflow[i] = inflow[nodes[i]];
    auto& row = loop.out[i];
    for (const FlowEdge& edge : flow.out[nodes[i]]) {
      if (flow.component[edge.to] != c) continue;
      const std::uint32_t j = local[edge.to];
      if (j == i) loop.self[i] += edge.p;
      else if (at[j] != none) row[at[j]].p += edge.p;  // two choices to the same step
      else {
        at[j] = static_cast<std::uint32_t>(row.size());
        row.push_back({j, edge.p});
      }
    }
    for (const Entry& e : row) at[e.node] = none;
    loop.edges += row.size();
  }
  return loop;
}

enum class Outcome { solved, too_entangled, left_too_rarely, inaccurate };

// The smallest 1 − w an elimination accepts, where w is the weight of a
// step's paths back to itself through the steps eliminated before it. A
// case entering the step then runs it at least 1 / (1 − w) times; at 10^12
// the subtraction has cost 1 − w twelve of its sixteen digits, leaving
// fewer than a report prints, so such a loop is a problem, not a figure.
constexpr double smallest_pivot = 1e-12;

// Gaussian elimination of (I − P_CCᵀ) v = b on the loop's graph, one step
// at a time: eliminating step x (v_x = (b_x + Σ_a p_ax·v_a) / (1 − p_xx))
// links each step a leading into x with each step y that x leads to, with
// weight p_ax·p_xy / (1 − p_xx), and passes b_x on to the y. This is the
// elimination of the dense solve with the pivots on the diagonal, where
// they need no search: I − P_CCᵀ is a nonsingular M-matrix, and so is what
// is left after each step, so every pivot is positive. Every update adds
// products of weights, which are positive; the one subtraction is 1 − p_xx
// (see smallest_pivot). The next step eliminated is one that adds the
// fewest new links (Markowitz: (in − 1)·(out − 1)), so a chain of the loop
// is eliminated one step at a time with no new link at all, and a loop that
// is a ring with short detours costs time linear in its steps. `work` and
// `memory` bound the entries touched and the links held; beyond either,
// too_entangled.
Outcome eliminate(Loop loop, std::size_t work, std::size_t memory, std::vector<double>& v) {
  const std::size_t k = loop.out.size();
  auto& out = loop.out;
  auto& self = loop.self;
  auto& b = loop.inflow;
  std::vector<std::vector<std::uint32_t>> in(k);
  for (std::uint32_t i = 0; i < k; ++i)
    for (const Entry& e : out[i]) in[e.node].push_back(i);
  std::size_t links = loop.edges;

  using Key = std::tuple<std::size_t, std::size_t, std::uint32_t>;  // new links at most, links, step
  auto key = [&](std::uint32_t x) {
    const std::size_t r = in[x].size(), c = out[x].size();
    return Key{(r ? r - 1 : 0) * (c ? c - 1 : 0), r + c, x};
  };
  std::priority_queue<Key, std::vector<Key>, std::greater<>> next;
  for (std::uint32_t x = 0; x < k; ++x) next.push(key(x));
  std::vector<char> eliminated(k, 0);
  std::vector<std::uint32_t> at(k, none);

  // What back substitution needs of each step, in the order eliminated:
  // v_x = (b_x + Σ p_ax·v_a) / pivot over the steps a still there when x went.
  std::vector<std::uint32_t> order;
  std::vector<double> pivot, rest;
  std::vector<std::size_t> first{0};
  std::vector<Entry> from;
  order.reserve(k);
  pivot.reserve(k);
  rest.reserve(k);
  first.reserve(k + 1);

  std::size_t done = 0;
  while (!next.empty()) {
    const Key top = next.top();
    next.pop();
    const std::uint32_t x = std::get<2>(top);
    if (eliminated[x] || key(x) != top) continue;  // a stale key: x's links changed since
    const double d = 1.0 - self[x];
    if (!(d >= smallest_pivot)) return Outcome::left_too_rarely;
    eliminated[x] = 1;
    order.push_back(x);
    pivot.push_back(d);
    rest.push_back(b[x]);
    for (const std::uint32_t a : in[x]) {
      auto& row = out[a];
      double p_ax = 0;
      for (std::size_t i = 0; i < row.size();) {
        if (row[i].node == x) {
          p_ax = row[i].p;
          row[i] = row.back();
          row.pop_back();
          continue;
        }
        at[row[i].node] = static_cast<std::uint32_t>(i);
        ++i;
      }
      from.push_back({a, p_ax});
      for (const Entry& e : out[x]) {
        const double through = p_ax * e.p / d;
        if (e.node == a) {
          self[a] += through;
        } else if (at[e.node] != none) {
          row[at[e.node]].p += through;
        } else {
          at[e.node] = static_cast<std::uint32_t>(row.size());
          row.push_back({e.node, through});
          in[e.node].push_back(a);
          ++links;
        }
      }
      for (const Entry& e : row) at[e.node] = none;
      done += row.size() + out[x].size();
    }
    first.push_back(from.size());
    for (const Entry& e : out[x]) {
      b[e.node] += e.p * b[x] / d;
      auto& column = in[e.node];
      const auto it = std::find(column.begin(), column.end(), x);
      *it = column.back();
      column.pop_back();
      done += column.size() + 1;
    }
    links -= in[x].size() + out[x].size();
    for (const std::uint32_t a : in[x]) next.push(key(a));
    for (const Entry& e : out[x]) next.push(key(e.node));
    std::vector<std::uint32_t>().swap(in[x]);
    std::vector<Entry>().swap(out[x]);
    if (done > work || links + from.size() > memory) return Outcome::too_entangled;
  }
  for (std::size_t r = order.size(); r-- > 0;) {
    double sum = rest[r];
    for (std::size_t i = first[r]; i < first[r + 1]; ++i) sum += from[i].p * v[from[i].node];
    v[order[r]] = sum / pivot[r];
  }
  return Outcome::solved;
}

// The same by dense Gaussian elimination with partial pivoting: k² memory
// and k³/3 operations, for a loop of at most dense_limit steps whose sparse
// elimination would exceed its bounds (its steps almost all linked).
constexpr std::size_t dense_limit = 1500;

Outcome eliminate_dense(const Loop& loop, std::vector<double>& v) {
  const std::size_t k = loop.out.size();
  std::vector<double> a(k * k, 0.0);
  v = loop.inflow;
  for (std::size_t i = 0; i < k; ++i) {
    a[i * k + i] += 1.0 - loop.self[i];
    for (const Entry& e : loop.out[i]) a[e.node * k + i] -= e.p;
  }
  for (std::size_t col = 0; col < k; ++col) {
    std::size_t pivot = col;
    for (std::size_t row = col + 1; row < k; ++row)
      if (std::fabs(a[row * k + col]) > std::fabs(a[pivot * k + col])) pivot = row;
    if (!(std::fabs(a[pivot * k + col]) >= smallest_pivot)) return Outcome::left_too_rarely;
    if (pivot != col) {
      for (std::size_t j = 0; j < k; ++j) std::swap(a[col * k + j], a[pivot * k + j]);
      std::swap(v[col], v[pivot]);
    }
    const double diagonal = a[col * k + col];
    for (std::size_t row = col + 1; row < k; ++row) {
      const double factor = a[row * k + col] / diagonal;
      if (factor == 0) continue;
      for (std::size_t j = col; j < k; ++j) a[row * k + j] -= factor * a[col * k + j];
      v[row] -= factor * v[col];
    }
  }
  for (std::size_t col = k; col-- > 0;) {
    double sum = v[col];
    for (std::size_t j = col + 1; j < k; ++j) sum -= a[col * k + j] * v[j];
    v[col] = sum / a[col * k + col];
  }
  return Outcome::solved;
}

// Whether v satisfies the loop's equations: each v_j within 1e-9 of the
// size of its terms of b_j + Σ_i p_ij·v_i. Elimination on an M-matrix is
// stable, so this holds but for rounding gone wrong in a way not foreseen;
// it costs one pass over the edges, and an answer that fails it is never
// handed on. Below the smallest normal double a product underflows
// (p: 5e-324 times 0.5 is 0), so there an error is no inaccuracy: a step
// with 1e-318 visits has none to any figure (found by fuzzing).
bool equations_hold(const Loop& loop, const std::vector<double>& v) {
  const std::size_t k = loop.out.size();
  std::vector<double> sum(loop.inflow), size(loop.inflow);
  for (std::size_t i = 0; i < k; ++i) {
    sum[i] += loop.self[i] * v[i];
    size[i] += loop.self[i] * std::fabs(v[i]);
    for (const Entry& e : loop.out[i]) {
      sum[e.node] += e.p * v[i];
      size[e.node] += e.p * std::fabs(v[i]);
    }
  }
  for (std::size_t j = 0; j < k; ++j)
    if (!(std::isfinite(v[j]) && v[j] >= 0 &&
          std::fabs(v[j] - sum[j]) <= 1e-9 * (size[j] + std::fabs(v[j])) + std::numeric_limits<double>::min()))
      return false;
  return true;
}

// The bounds of the sparse elimination of a loop with k steps and `edges`
// links. A chain-like loop touches a few entries a step and holds about as
// many links as it has (a ring of 100,000 steps: 0.05 s). The bounds leave
// room for far worse: a loop of 3,000 steps each with three choices to
// steps anywhere in it takes 1 s. Beyond them, a loop whose steps are
// linked at random all over it (20,000 steps with one such link each) would
// take hours and gigabytes; it is refused within about 2 s and 200 MB.
std::size_t work_bound(std::size_t k, std::size_t edges) { return 400'000'000 + 32 * (k + edges); }
std::size_t memory_bound(std::size_t k, std::size_t edges) { return 4'000'000 + 8 * (k + edges); }

Diagnostic problem_of(Outcome outcome, const Process& process, std::span<const std::size_t> nodes,
                      std::size_t edges) {
  const Step& step = process.steps[nodes.front()];
  Phrase message;
  switch (outcome) {
    case Outcome::too_entangled:
      message = phrase_of(
          "the visits of the loop through step '{}' cannot be computed exactly: its {} steps have {} links among "
          "them, too many for the solver's bounds of time and memory; split the loop into smaller ones",
          step.id, std::to_string(nodes.size()), std::to_string(edges));
      break;
    case Outcome::left_too_rarely:
      message = phrase_of(
          "the loop through step '{}' is left so rarely that its visits cannot be computed: a case that enters it "
          "would go round it 10^12 times or more; give the choices that leave it a larger probability",
          step.id);
      break;
    case Outcome::inaccurate:
    case Outcome::solved:
      message = phrase_of(
          "the visits of the loop through step '{}' ({} steps) could not be computed accurately; check the "
          "probabilities of its choices",
          step.id, std::to_string(nodes.size()));
      break;
  }
  return Diagnostic{"unsolved-visits", Severity::error, step.location, std::move(message)};
}

}  // namespace

Visits solve_visits(const Process& process, const RoutingGraph& routing) {
  const std::size_t n = process.steps.size();
  Visits result;
  std::vector<double> visits(n, 0.0);
  if (n == 0) {
    result.per_step = std::move(visits);
    return result;
  }
  const FlowGraph flow = flow_graph(process, routing);

  // Inflow from outside each component; Tarjan numbers components in
  // reverse topological order, so walking from the last number to 0 sees
  // every component after all of its predecessors.
  std::vector<double> inflow(n, 0.0);
  inflow[routing.start] = 1.0;
  std::vector<std::uint32_t> local(n, none);
  std::vector<double> solution;
  for (std::size_t c = flow.members.size(); c-- > 0;) {
    const std::span<const std::size_t> nodes = flow.members[c];
    bool has_internal_edge = false;
    for (std::size_t v : nodes)
      for (const FlowEdge& edge : flow.out[v])
        if (flow.component[edge.to] == c) has_internal_edge = true;
    if (!has_internal_edge) {
      for (std::size_t v : nodes) visits[v] = inflow[v];
    } else {
      const Loop loop = loop_equations(flow, c, inflow, local);
      const std::size_t k = nodes.size();
      solution.assign(k, 0.0);
      Outcome outcome = eliminate(loop, work_bound(k, loop.edges), memory_bound(k, loop.edges), solution);
      if (outcome == Outcome::too_entangled && k <= dense_limit) outcome = eliminate_dense(loop, solution);
      if (outcome == Outcome::solved && !equations_hold(loop, solution)) outcome = Outcome::inaccurate;
      if (outcome != Outcome::solved) {
        result.problem = problem_of(outcome, process, nodes, loop.edges);
        return result;
      }
      for (std::size_t i = 0; i < k; ++i) visits[nodes[i]] = solution[i];
    }
    for (std::size_t v : nodes)
      for (const FlowEdge& edge : flow.out[v])
        if (flow.component[edge.to] != c) inflow[edge.to] += edge.p * visits[v];
  }
  result.per_step = std::move(visits);
  return result;
}

}  // namespace paperflow
