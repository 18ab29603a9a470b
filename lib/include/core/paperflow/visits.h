// The expected number of times each step runs per case (docs/format.md#visits): what analysis, simulation and validation all start from.
#pragma once

#include <optional>
#include <vector>

#include "paperflow/diagnostic.h"
#include "paperflow/graph.h"
#include "paperflow/model.h"

namespace paperflow {

/// The visits of every step, or why there are none.
struct Visits {
  std::vector<double> per_step;       // v_i in file order; empty when there is a problem
  std::optional<Diagnostic> problem;  // rule "unsolved-visits", at the first step (in file order) of the loop
};

/// Expected visits per step, v = e_start + Pᵀv with v_join = v_split, for a
/// process whose routing passes the graph rules (check_graph). Solved
/// exactly, per strong component in topological order: a step outside any
/// loop costs its edges, and a loop is solved by Gaussian elimination on its
/// sparse graph, so that a chain-like loop costs time linear in its steps.
/// Never an approximation: a loop that is left so rarely that a case would
/// go round it 10^12 times or more, whose elimination would exceed its
/// bounds of time and memory (a loop of more than 1,500 steps linked at
/// random all over it; a smaller one is solved densely), or whose answer
/// fails the check of its equations is a problem, with no visits at all.
/// Never prints.
Visits solve_visits(const Process& process, const RoutingGraph& graph);

}  // namespace paperflow
