// Applying a digitisation measure to a process (docs/format.md#measures): select steps with `where`, give them new values with `set`,
// remove them, scale their rework, change their durations. The changed
// process is checked again; a measure whose result would be invalid is
// reported, not applied.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "paperflow/diagnostic.h"
#include "paperflow/model.h"

namespace paperflow {

/// True when `step` matches every criterion of `where`, `follows` included
/// (some step leading into it matches that nested `where`). End steps never
/// match.
bool selects(const StepSelector& where, const Process& process, const Step& step);

/// The same without `follows`: the tests on the step itself.
bool selects_here(const StepSelector& where, const Process& process, const Step& step);

struct MeasureApplication {
  bool applied = false;
  Process process;                    // the changed process when applied
  std::vector<std::string> steps;     // ids of the steps the measure changed, in file order
  std::optional<Diagnostic> problem;  // why it was not applied: rule "not-applicable" (nothing
                                      // selected, a change that cannot be made) or the rule the
                                      // changed process fails; located at the measure
  bool selects_nothing = false;       // the problem is that no step matches its `where`
};

/// Applies every change of `measure`, in order, to a copy of `process`.
/// Not applied when no change selects a step, a `remove` hits a step that
/// has not exactly one successor (or is a join), or the result fails the
/// format's checks (routing, probabilities, graph rules).
MeasureApplication apply_measure(const Process& process, const Measure& measure);

/// The errors validation would report for a model built or changed in
/// memory: the format's model checks (model_checks.h), the graph rules and,
/// once those pass, the visit equations (visits.h): the very functions
/// validation runs. Empty when the process is valid.
Diagnostics model_problems(const Process& process);

}  // namespace paperflow
