// The routing of a process as a Boost.Graph, and the checks that need the
// whole graph: reachability from the start, steps that reach no end, loops
// that cannot be left, and well-formed parallel blocks.
#pragma once

#include <cstddef>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "paperflow/diagnostic.h"
#include "paperflow/model.h"

namespace paperflow {

/// One move a case can make between two steps, as the file writes it.
struct RoutingEdge {
  enum class Kind { next, choice, branch };
  Kind kind = Kind::next;
  double p = 1;  // probability of taking this edge when leaving `from`; 1 for next and branch
  bool rework = false;
  bool into_join = false;  // `to` is the join of a parallel block: visits do not flow along it
};

/// Vertices are step indices of the process, in file order. The edges'
/// properties are kept in one vector (vecS as the last parameter), not in a
/// list node each: edges are only ever added, and a process of a million
/// steps saves a million allocations.
using RoutingGraphType = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property,
                                               RoutingEdge, boost::no_property, boost::vecS>;

/// A well-formed parallel block: the split, its join, and the steps of each
/// branch (from the branch's first step up to, not including, the join).
struct ParallelBlock {
  std::size_t split = 0;
  std::size_t join = 0;
  std::vector<std::vector<std::size_t>> branches;  // steps of each branch, in file order
  std::vector<std::size_t> body;                   // every step between split and join
};

struct RoutingGraph {
  RoutingGraphType graph;
  std::size_t start = 0;
  std::vector<bool> is_join;  // per step: some parallel step names it as join

  /// Builds the graph from a process whose routing references resolve;
  /// references that do not resolve are left out.
  explicit RoutingGraph(const Process& process);
};

/// What the analysis, the simulation, validation and the diagram ask of a
/// move or a step, in one place.
///
/// A move between two steps that changes the medium: both have one (end
/// steps have none) and they differ.
bool is_media_break(const Step& from, const Step& to);
/// A move that hands the case to another unit: both steps have a unit and
/// the units differ (end steps have none).
bool is_handoff(const Step& from, const Step& to);
/// The applicant acts: a fill_in, submit, sign or pay step of an external unit.
bool is_applicant_action(const Process& process, const Step& step);
/// A step that faces the applicant, for the OZG level: an applicant action,
/// or any step at the counter (channel in_person), whatever its unit.
bool is_applicant_facing(const Process& process, const Step& step);

struct GraphCheckResult {
  Diagnostics diagnostics;
  std::vector<ParallelBlock> blocks;  // the well-formed ones, inner blocks before the blocks around them
};

/// Runs the graph rules (unreachable, no-end, closed-loop, parallel-block)
/// and returns their diagnostics, located at the offending step.
GraphCheckResult check_graph(const Process& process, const RoutingGraph& graph);

}  // namespace paperflow
