#include "paperflow/graph.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <span>

#include <fmt/format.h>

#include "strong_components.h"

namespace paperflow {
namespace {

std::size_t find_step(const Process& process, const Reference& ref) {
  auto it = process.step_index.find(ref.id);
  return it == process.step_index.end() ? process.steps.size() : it->second;
}

SourceLocation step_location(const Process& process, std::size_t step) {
  return process.steps[step].location;
}

}  // namespace

RoutingGraph::RoutingGraph(const Process& process)
    : graph(process.steps.size()), start(process.start_step()), is_join(process.steps.size(), false) {
  const std::size_t n = process.steps.size();
  for (const Step& step : process.steps)
    if (step.routing.kind == Routing::Kind::parallel) {
      std::size_t join = find_step(process, step.routing.join);
      if (join < n) is_join[join] = true;
    }
  for (std::size_t i = 0; i < n; ++i) {
    const Routing& routing = process.steps[i].routing;
    auto add = [&](const Reference& ref, RoutingEdge edge) {
      std::size_t to = find_step(process, ref);
      if (to >= n) return;
      edge.into_join = is_join[to];
      boost::add_edge(i, to, edge, graph);
    };
    switch (routing.kind) {
      case Routing::Kind::next: add(routing.next, {RoutingEdge::Kind::next, 1, false, false}); break;
      case Routing::Kind::choice:
        for (const Choice& choice : routing.choices)
          add(choice.to, {RoutingEdge::Kind::choice, choice.p, choice.rework, false});
        break;
      case Routing::Kind::parallel:
        for (const Reference& branch : routing.parallel) add(branch, {RoutingEdge::Kind::branch, 1, false, false});
        break;
      case Routing::Kind::none: break;
    }
  }
}

bool is_media_break(const Step& from, const Step& to) {
  return from.medium && to.medium && *from.medium != *to.medium;
}

bool is_handoff(const Step& from, const Step& to) { return from.unit && to.unit && from.unit->id != to.unit->id; }

bool is_applicant_action(const Process& process, const Step& step) {
  const Unit* unit = process.unit_of(step);
  return unit && unit->external &&
         (step.activity == Activity::fill_in || step.activity == Activity::submit ||
          step.activity == Activity::sign || step.activity == Activity::pay);
}

bool is_applicant_facing(const Process& process, const Step& step) {
  return step.channel == Channel::in_person || is_applicant_action(process, step);
}

namespace {

Phrase step_list(const Process& process, std::span<const std::size_t> steps, std::size_t most = 5) {
  std::string text;
  for (std::size_t k = 0; k < steps.size() && k < most; ++k) {
    if (!text.empty()) text += ", ";
    text += "'" + text_argument(process.steps[steps[k]].id).text + "'";
  }
  // Built of ids each cut to the length of a quoted value, and whole: a
  // list cut in the middle before "and 3 more" would mislead.
  PhraseArgument list;
  list.text = std::move(text);
  if (steps.size() > most) return Phrase{pf_phrase("{} and {} more"), {list, text_argument(std::to_string(steps.size() - most))}};
  return Phrase{"{}", {list}};
}

// Marks on the steps that one call clears at once, so that checking every
// block costs the size of the blocks, not the size of the process for each.
class StepMarks {
 public:
  explicit StepMarks(std::size_t steps) : stamp_(steps, 0) {}
  void clear() { ++current_; }
  bool marked(std::size_t v) const { return stamp_[v] == current_; }
  void mark(std::size_t v) { stamp_[v] = current_; }

 private:
  std::vector<std::uint64_t> stamp_;
  std::uint64_t current_ = 1;
};

// What the checks of all blocks share, built once for the process.
struct BlockContext {
  const Process& process;
  const RoutingGraph& routing;
  std::vector<std::vector<std::size_t>> splits_joined_at;  // per step: the splits whose join it is
  StepMarks in_body, seen;
  std::deque<std::size_t> queue;

  BlockContext(const Process& p, const RoutingGraph& r)
      : process(p), routing(r), splits_joined_at(p.steps.size()), in_body(p.steps.size()), seen(p.steps.size()) {
    for (std::size_t v = 0; v < p.steps.size(); ++v)
      if (p.steps[v].routing.kind == Routing::Kind::parallel)
        if (std::size_t joined = find_step(p, p.steps[v].routing.join); joined < p.steps.size())
          splits_joined_at[joined].push_back(v);
  }
};

// Reports a problem of the block of `split`, at the split.
struct BlockReport {
  const Process& process;
  std::size_t split;
  Diagnostics& diagnostics;
  void operator()(Phrase message) const {
    diagnostics.push_back({"parallel-block", Severity::error, step_location(process, split), std::move(message)});
  }
};

// The body of the block: every step reachable from the branches without
// passing the join, sorted, and marked in context.in_body. Nothing when a
// branch leaves the block (back to the split, into another block's join,
// to an end step), which is reported.
std::optional<std::vector<std::size_t>> block_body(BlockContext& context, std::size_t split, std::size_t join,
                                                   const BlockReport& report) {
  const Process& process = context.process;
  const auto& g = context.routing.graph;
  const Step& step = process.steps[split];
  StepMarks& in_body = context.in_body;
  in_body.clear();
  std::vector<std::size_t> body;
  std::deque<std::size_t>& queue = context.queue;
  queue.clear();
  auto enqueue_successors = [&](std::size_t v) {
    for (auto [e, end] = boost::out_edges(v, g); e != end; ++e) {
      std::size_t to = boost::target(*e, g);
      if (to != join && !in_body.marked(to)) {
        in_body.mark(to);
        queue.push_back(to);
      }
    }
  };
  enqueue_successors(split);
  while (!queue.empty()) {
    std::size_t v = queue.front();
    queue.pop_front();
    body.push_back(v);
    if (v == split) {
      report(phrase_of("a branch of '{}' leads back to '{}' before reaching its join '{}'", step.id, step.id,
                         process.steps[join].id));
      return std::nullopt;
    }
    // The join of another block whose split is not inside this one: the
    // branch has left this block for an enclosing one (or a later one).
    for (std::size_t other : context.splits_joined_at[v]) {
      if (other == split || in_body.marked(other)) continue;
      report(phrase_of("a branch of '{}' reaches '{}', the join of the block of '{}', without passing its own "
                         "join '{}'",
                         step.id, process.steps[v].id, process.steps[other].id, process.steps[join].id));
      return std::nullopt;
    }
    if (process.steps[v].end) {
      report(phrase_of("a branch of '{}' reaches the end step '{}' without passing its join '{}'", step.id,
                         process.steps[v].id, process.steps[join].id));
      return std::nullopt;
    }
    enqueue_successors(v);
  }
  std::sort(body.begin(), body.end());
  return body;
}

// Nothing may enter the block but from the split, the join included, the
// start is not inside, and some branch reaches the join. True when so;
// the first problem is reported.
bool block_is_closed(const BlockContext& context, std::size_t split, std::size_t join,
                     const std::vector<std::size_t>& body, const BlockReport& report) {
  const Process& process = context.process;
  const auto& g = context.routing.graph;
  const Step& step = process.steps[split];
  auto entered_from_outside = [&](std::size_t v) -> std::optional<std::size_t> {
    for (auto [e, end] = boost::in_edges(v, g); e != end; ++e) {
      std::size_t from = boost::source(*e, g);
      if (from != split && !context.in_body.marked(from)) return from;
    }
    return std::nullopt;
  };
  for (std::size_t v : body) {
    if (auto from = entered_from_outside(v)) {
      report(phrase_of("step '{}' inside the block of '{}' is entered from '{}', outside the block; "
                         "only the split may lead into a parallel block",
                         process.steps[v].id, step.id, process.steps[*from].id));
      return false;
    }
    if (v == context.routing.start) {
      report(phrase_of("the start step '{}' lies inside the parallel block of '{}'", process.steps[v].id, step.id));
      return false;
    }
  }
  if (auto from = entered_from_outside(join)) {
    report(phrase_of("the join '{}' of '{}' is also entered from '{}', outside the block", process.steps[join].id,
                       step.id, process.steps[*from].id));
    return false;
  }
  if (boost::in_degree(join, g) == 0) {
    report(phrase_of("no branch of '{}' reaches its join '{}'", step.id, process.steps[join].id));
    return false;
  }
  return true;
}

// Each branch of a well-formed block: the steps reachable from its first
// step without passing the join, sorted; empty for a branch straight to it.
std::vector<std::vector<std::size_t>> block_branches(BlockContext& context, std::size_t split, std::size_t join) {
  const auto& g = context.routing.graph;
  std::vector<std::vector<std::size_t>> branches;
  for (auto [e, end] = boost::out_edges(split, g); e != end; ++e) {
    std::size_t first = boost::target(*e, g);
    std::vector<std::size_t> branch;
    if (first != join) {
      StepMarks& seen = context.seen;
      seen.clear();
      seen.mark(first);
      context.queue.assign(1, first);
      while (!context.queue.empty()) {
        std::size_t v = context.queue.front();
        context.queue.pop_front();
        branch.push_back(v);
        for (auto [f, fend] = boost::out_edges(v, g); f != fend; ++f) {
          std::size_t to = boost::target(*f, g);
          if (to != join && !seen.marked(to)) {
            seen.mark(to);
            context.queue.push_back(to);
          }
        }
      }
      std::sort(branch.begin(), branch.end());
    }
    branches.push_back(std::move(branch));
  }
  return branches;
}

// Checks one split's block; returns it when well formed.
std::optional<ParallelBlock> check_block(BlockContext& context, std::size_t split, Diagnostics& diagnostics) {
  const Process& process = context.process;
  const Step& step = process.steps[split];
  const BlockReport report{process, split, diagnostics};
  std::size_t join = find_step(process, step.routing.join);
  if (join >= process.steps.size()) return std::nullopt;
  if (join == split) {
    report(phrase_of("step '{}' names itself as its join", step.id));
    return std::nullopt;
  }
  auto body = block_body(context, split, join, report);
  if (!body || !block_is_closed(context, split, join, *body, report)) return std::nullopt;
  ParallelBlock block;
  block.split = split;
  block.join = join;
  block.body = std::move(*body);
  block.branches = block_branches(context, split, join);
  return block;
}

}  // namespace

namespace {

using Report = std::function<void(const char*, std::size_t, Phrase)>;

// Steps that cannot be reached from the start.
void check_reachable(const Process& process, const RoutingGraph& routing, const Report& report) {
  const auto& g = routing.graph;
  const std::size_t n = process.steps.size();
  std::vector<char> reached(n, 0);
  std::deque<std::size_t> queue{routing.start};
  reached[routing.start] = 1;
  while (!queue.empty()) {
    std::size_t v = queue.front();
    queue.pop_front();
    for (auto [e, end] = boost::out_edges(v, g); e != end; ++e) {
      std::size_t to = boost::target(*e, g);
      if (!reached[to]) {
        reached[to] = 1;
        queue.push_back(to);
      }
    }
  }
  for (std::size_t v = 0; v < n; ++v)
    if (!reached[v])
      report("unreachable", v,
             phrase_of("step '{}' cannot be reached from the start step '{}'", process.steps[v].id,
                         process.steps[routing.start].id));
}

// Loops that cannot be left: strong components with no edge out. Returns
// which steps lie in one, so that they are not also reported as reaching
// no end.
std::vector<char> check_closed_loops(const Process& process, const RoutingGraph& routing, const Report& report) {
  const auto& g = routing.graph;
  const std::size_t n = process.steps.size();
  Rows<std::size_t> out;
  out.start.reserve(n + 1);
  out.items.reserve(boost::num_edges(g));
  for (std::size_t v = 0; v < n; ++v) {
    for (auto [e, end] = boost::out_edges(v, g); e != end; ++e) out.items.push_back(boost::target(*e, g));
    out.end_row();
  }
  std::vector<std::size_t> component;
  const std::size_t components = strong_components(out, [](std::size_t to) { return to; }, component);
  out = {};
  const Rows<std::size_t> members = members_by_component(component, components);
  std::vector<char> has_exit(components, 0), is_loop(components, 0);
  for (auto [e, end] = boost::edges(g); e != end; ++e) {
    std::size_t from = boost::source(*e, g), to = boost::target(*e, g);
    if (component[from] != component[to]) has_exit[component[from]] = 1;
    else is_loop[component[from]] = 1;
  }
  std::vector<char> in_closed_loop(n, 0);
  for (std::size_t c = 0; c < components; ++c) {
    if (!is_loop[c] || has_exit[c]) continue;
    for (std::size_t v : members[c]) in_closed_loop[v] = 1;
    report("closed-loop", members[c].front(),
           phrase_of("steps {} form a loop that cannot be left: no choice leads out of it to an end step",
                       step_list(process, members[c])));
  }
  return in_closed_loop;
}

// Steps from which no end step can be reached (outside closed loops).
void check_reaches_end(const Process& process, const RoutingGraph& routing, const std::vector<char>& in_closed_loop,
                       const Report& report) {
  const auto& g = routing.graph;
  const std::size_t n = process.steps.size();
  std::vector<char> reaches_end(n, 0);
  std::deque<std::size_t> queue;
  for (std::size_t v = 0; v < n; ++v)
    if (process.steps[v].end) {
      reaches_end[v] = 1;
      queue.push_back(v);
    }
  if (queue.empty()) {
    report("no-end", 0, phrase_of("the process has no end step: mark the last step of each outcome with `end: true`"));
    return;
  }
  while (!queue.empty()) {
    std::size_t v = queue.front();
    queue.pop_front();
    for (auto [e, end] = boost::in_edges(v, g); e != end; ++e) {
      std::size_t from = boost::source(*e, g);
      if (!reaches_end[from]) {
        reaches_end[from] = 1;
        queue.push_back(from);
      }
    }
  }
  for (std::size_t v = 0; v < n; ++v)
    if (!reaches_end[v] && !in_closed_loop[v])
      report("no-end", v, phrase_of("no end step can be reached from step '{}'", process.steps[v].id));
}

}  // namespace

GraphCheckResult check_graph(const Process& process, const RoutingGraph& routing) {
  GraphCheckResult result;
  const std::size_t n = process.steps.size();
  if (n == 0) return result;
  const Report report = [&](const char* rule, std::size_t step, Phrase message) {
    result.diagnostics.push_back({rule, Severity::error, step_location(process, step), std::move(message)});
  };
  check_reachable(process, routing, report);
  const std::vector<char> in_closed_loop = check_closed_loops(process, routing, report);
  check_reaches_end(process, routing, in_closed_loop, report);

  // Parallel blocks, in file order of their splits.
  BlockContext context(process, routing);
  for (std::size_t v = 0; v < n; ++v)
    if (process.steps[v].routing.kind == Routing::Kind::parallel)
      if (auto block = check_block(context, v, result.diagnostics)) result.blocks.push_back(std::move(*block));
  // Inner blocks first: a nested block's body is a strict subset of its parent's.
  std::stable_sort(result.blocks.begin(), result.blocks.end(),
                   [](const ParallelBlock& a, const ParallelBlock& b) { return a.body.size() < b.body.size(); });
  return result;
}

}  // namespace paperflow
