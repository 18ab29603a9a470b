// The expected number of times each step runs per case (docs/format.md#visits): what analysis, simulation and validation all start from.
#pragma once

#include <vector>

#include "paperflow/graph.h"
#include "paperflow/model.h"

namespace paperflow {

/// Expected visits per step, v = e_start + Pᵀv with v_join = v_split.
/// Solved per strong component in topological order, so that the cost
/// grows with the size of the loops, not with the cube of the process.
std::vector<double> compute_visits(const Process& process, const RoutingGraph& graph);

}  // namespace paperflow
