#include "paperflow/measures.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "paperflow/graph.h"
#include "paperflow/model_checks.h"
#include "paperflow/visits.h"

namespace paperflow {
namespace {

template <typename T>
bool any_of_or_empty(const std::vector<T>& wanted, const T& value) {
  return wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
}

template <typename T>
bool any_of_or_empty(const std::vector<T>& wanted, const std::optional<T>& value) {
  return wanted.empty() || (value && std::find(wanted.begin(), wanted.end(), *value) != wanted.end());
}

// A measure's duration in days takes its hours from the process's calendar,
// not from the calendar of the file the measure was read from.
void change_duration(Distribution& target, const DurationChange& change, double hours_per_day) {
  if (change.value) target = change.value->on_calendar(hours_per_day);
  else if (change.factor) target = target.scaled(*change.factor, hours_per_day);
}

// Scales the rework choices of a step by `factor` and the others so that
// the probabilities still sum to 1; drops choices whose probability is 0.
bool scale_rework(Step& step, double factor, Phrase& problem) {
  if (step.routing.kind != Routing::Kind::choice) return false;
  auto& choices = step.routing.choices;
  double rework = 0, other = 0;
  for (const Choice& c : choices) (c.rework ? rework : other) += c.p;
  if (rework == 0) return false;
  const double new_rework = rework * factor;
  if (new_rework >= 1 || other <= 0) {
    problem = phrase_of("scaling the rework of '{}' by {} leaves no way on", step.id, fmt::format("{}", factor));
    return false;
  }
  for (Choice& c : choices) c.p = c.rework ? c.p * factor : c.p * (1 - new_rework) / other;
  choices.erase(std::remove_if(choices.begin(), choices.end(), [](const Choice& c) { return c.p <= 0; }),
                choices.end());
  if (choices.size() == 1) {
    step.routing.kind = Routing::Kind::next;
    step.routing.next = choices[0].to;
    choices.clear();
  }
  return true;
}

// The one successor of a step a `remove` may take away: none, with the
// reason in `problem`, when it has several, joins a parallel block or leads
// to itself.
std::optional<Reference> removable_successor(const Process& process, const std::string& id, Phrase& problem) {
  const Step& step = process.steps[process.step_index.at(id)];
  Reference successor;
  if (step.routing.kind == Routing::Kind::next) successor = step.routing.next;
  else if (step.routing.kind == Routing::Kind::choice && step.routing.choices.size() == 1)
    successor = step.routing.choices[0].to;
  else {
    problem = phrase_of("'{}' cannot be removed: it has not exactly one successor", id);
    return std::nullopt;
  }
  for (const Step& other : process.steps)
    if (other.routing.kind == Routing::Kind::parallel && other.routing.join.id == id) {
      problem = phrase_of("'{}' cannot be removed: it joins the parallel block of '{}'", id, other.id);
      return std::nullopt;
    }
  if (successor.id == id) {
    problem = phrase_of("'{}' cannot be removed: it leads to itself", id);
    return std::nullopt;
  }
  return successor;
}

// Points every reference of `from` to `id` at `successor` instead.
void redirect(Step& from, const std::string& id, const std::string& successor) {
  Routing& r = from.routing;
  if (r.kind == Routing::Kind::next && r.next.id == id) r.next.id = successor;
  for (Choice& c : r.choices)
    if (c.to.id == id) c.to.id = successor;
  for (Reference& b : r.parallel)
    if (b.id == id) b.id = successor;
}

// Removes a step that has one successor: every reference to it points to
// the successor instead.
bool remove_step(Process& process, const std::string& id, Phrase& problem) {
  const auto it = process.step_index.find(id);
  if (it == process.step_index.end()) return false;
  const std::optional<Reference> successor = removable_successor(process, id, problem);
  if (!successor) return false;
  for (Step& other : process.steps) redirect(other, id, successor->id);
  if (process.start && process.start->id == id) process.start->id = successor->id;
  else if (!process.start && process.start_step() == it->second) process.start = *successor;
  process.steps.erase(process.steps.begin() + static_cast<std::ptrdiff_t>(it->second));
  process.rebuild_indexes();
  return true;
}

// Takes the step `id` out of the way of the steps `from`: their references
// to it point to its one successor instead. The step stays for every other
// step leading into it.
bool bypass_step(Process& process, const std::string& id, const std::vector<std::string>& from,
                 Phrase& problem) {
  const std::optional<Reference> successor = removable_successor(process, id, problem);
  if (!successor) return false;
  for (const std::string& before : from) redirect(process.steps[process.step_index.at(before)], id, successor->id);
  return true;
}

}  // namespace

namespace {

// The steps that lead into each step (by index): the steps whose next, one
// of whose choices or one of whose branches is it.
std::vector<std::vector<std::size_t>> predecessors(const Process& process) {
  std::vector<std::vector<std::size_t>> before(process.steps.size());
  auto link = [&](std::size_t from, const Reference& to) {
    auto it = process.step_index.find(to.id);
    if (it != process.step_index.end()) before[it->second].push_back(from);
  };
  for (std::size_t i = 0; i < process.steps.size(); ++i) {
    const Routing& r = process.steps[i].routing;
    if (r.kind == Routing::Kind::next) link(i, r.next);
    for (const Choice& c : r.choices) link(i, c.to);
    for (const Reference& b : r.parallel) link(i, b);
  }
  return before;
}

bool selects_with(const StepSelector& where, const Process& process, const Step& step,
                  const std::vector<std::vector<std::size_t>>& before);

// Whether some step leading into `step` matches `follows`.
bool follows(const StepSelector& follows, const Process& process, const Step& step,
             const std::vector<std::vector<std::size_t>>& before) {
  auto it = process.step_index.find(step.id);
  if (it == process.step_index.end()) return false;
  for (std::size_t from : before[it->second])
    if (selects_with(follows, process, process.steps[from], before)) return true;
  return false;
}

bool selects_with(const StepSelector& where, const Process& process, const Step& step,
                  const std::vector<std::vector<std::size_t>>& before) {
  if (!selects_here(where, process, step)) return false;
  for (const StepSelector& f : where.follows)
    if (!follows(f, process, step, before)) return false;
  return true;
}

}  // namespace

bool selects(const StepSelector& where, const Process& process, const Step& step) {
  if (where.follows.empty()) return selects_here(where, process, step);
  return selects_with(where, process, step, predecessors(process));
}

// The tests of `where` on the step itself, all but `follows`.
bool selects_here(const StepSelector& where, const Process& process, const Step& step) {
  if (step.end) return false;
  const Unit* unit = process.unit_of(step);
  if (!any_of_or_empty(where.ids, step.id)) return false;
  if (!any_of_or_empty(where.activities, step.activity)) return false;
  if (!any_of_or_empty(where.media, step.medium)) return false;
  if (!any_of_or_empty(where.channels, step.channel)) return false;
  if (!any_of_or_empty(where.signatures, step.signature)) return false;
  if (!any_of_or_empty(where.it_systems, step.it_system)) return false;
  if (!where.units.empty()) {
    if (!unit) return false;
    bool found = std::any_of(where.units.begin(), where.units.end(),
                             [&](const Reference& ref) { return ref.id == unit->id; });
    if (!found) return false;
  }
  if (where.external && (!unit || unit->external != *where.external)) return false;
  if (!where.uses.empty()) {
    bool uses = std::any_of(step.uses.begin(), step.uses.end(), [&](const Reference& document) {
      return std::find(where.uses.begin(), where.uses.end(), document.id) != where.uses.end();
    });
    if (!uses) return false;
  }
  return true;
}

Diagnostics model_problems(const Process& process) {
  Diagnostics problems = check_model(process);
  RoutingGraph graph(process);
  for (Diagnostic& d : check_graph(process, graph).diagnostics)
    if (d.severity == Severity::error) problems.push_back(std::move(d));
  // As validation: the visit equations once the routing is sound.
  if (problems.empty())
    if (std::optional<Diagnostic> unsolved = solve_visits(process, graph).problem) problems.push_back(std::move(*unsolved));
  return problems;
}

MeasureApplication apply_measure(const Process& process, const Measure& measure) {
  MeasureApplication result;
  result.process = process;
  Process& p = result.process;
  Phrase problem;  // why a change cannot be made; the measure's place in its file is the location
  auto not_applicable = [&](Phrase message) {
    result.problem = Diagnostic{"not-applicable", Severity::error, measure.location, std::move(message)};
    return result;
  };
  std::vector<std::string> changed;
  for (const MeasureChange& change : measure.changes) {
    // The steps are chosen before any is changed; a `follows` looks at the
    // steps leading in as this change finds them.
    std::vector<std::string> selected;
    const bool looks_back = !change.where.follows.empty();
    const auto before = looks_back ? predecessors(p) : std::vector<std::vector<std::size_t>>{};
    for (const Step& step : p.steps)
      if (looks_back ? selects_with(change.where, p, step, before) : selects_here(change.where, p, step))
        selected.push_back(step.id);
    if (selected.empty()) continue;
    for (const std::string& id : selected) {
      if (change.remove) {
        // A remove with `follows` takes the step out of the way of the steps
        // leading in that match; it stays for the others (the post room
        // still receives what comes by post).
        if (looks_back) {
          const auto now_before = predecessors(p);
          const std::size_t at = p.step_index.at(id);
          std::vector<std::string> matching;
          for (std::size_t from : now_before[at])
            if (selects_with(change.where.follows.front(), p, p.steps[from], now_before))
              matching.push_back(p.steps[from].id);
          if (matching.size() < now_before[at].size()) {
            if (!bypass_step(p, id, matching, problem)) return not_applicable(problem);
            changed.push_back(id);
            continue;
          }
        }
        if (!remove_step(p, id, problem)) return not_applicable(problem);
        changed.push_back(id);
        continue;
      }
      Step& step = p.steps[p.step_index.at(id)];
      bool touched = false;
      const StepPatch& set = change.set;
      if (set.activity) step.activity = *set.activity, touched = true;
      if (set.medium) step.medium = *set.medium, touched = true;
      if (set.channel) step.channel = *set.channel, touched = true;
      if (set.signature) step.signature = *set.signature, touched = true;
      if (set.it_system) step.it_system = *set.it_system, touched = true;
      if (set.unit) step.unit = *set.unit, touched = true;
      if (set.work) change_duration(step.work, *set.work, p.calendar.hours_per_day), touched = true;
      if (set.delay) change_duration(step.delay, *set.delay, p.calendar.hours_per_day), touched = true;
      if (change.work) change_duration(step.work, *change.work, p.calendar.hours_per_day), touched = true;
      if (change.delay) change_duration(step.delay, *change.delay, p.calendar.hours_per_day), touched = true;
      if (change.rework_factor) {
        if (scale_rework(step, *change.rework_factor, problem)) touched = true;
        else if (!problem.empty()) return not_applicable(problem);
      }
      // A factor (at most x1000) or a duration in days on this calendar can
      // leave the range in which every figure is finite: refused, not clamped.
      // A three-point estimate that mixes hours and days, in order on the
      // day of 8 hours it was read on, can fall out of order on this one
      // ([5h, 1d, 2d] with 4 hours a day; found by fuzzing): refused too,
      // as --set calendar.hours_per_day refuses it.
      for (const auto& [duration, key] : {std::pair{&step.work, "work"}, std::pair{&step.delay, "delay"}}) {
        if (!duration->well_formed())
          return not_applicable(phrase_of("the `{}` of step '{}' would have its parameters out of order on this "
                                          "process's calendar (it mixes hours and days); write it in one unit",
                                          key, id));
        if (auto out = duration->out_of_range())
          return not_applicable(phrase_of("the `{}` of step '{}' would be {}", key, id, std::move(*out)));
      }
      if (touched) changed.push_back(id);
    }
  }
  if (changed.empty()) {
    result.selects_nothing = true;
    return not_applicable(phrase_of("it selects no step of this process"));
  }
  Diagnostics problems = model_problems(p);
  if (!problems.empty()) {
    // The rule is the check the changed process fails; the place is the measure's.
    result.problem = Diagnostic{problems.front().rule, Severity::error, measure.location,
                                phrase_of("the changed process would not be valid: {}", problems.front().message)};
    return result;
  }
  // Steps in the order of the original file, each once.
  for (const Step& step : process.steps)
    if (std::find(changed.begin(), changed.end(), step.id) != changed.end()) result.steps.push_back(step.id);
  for (const std::string& id : result.steps) {
    auto it = p.step_index.find(id);  // a removed step is gone
    if (it == p.step_index.end()) continue;
    std::vector<std::string>& by = p.steps[it->second].changed_by;
    if (by.empty() || by.back() != measure.id) by.push_back(measure.id);
  }
  result.applied = true;
  return result;
}

}  // namespace paperflow
