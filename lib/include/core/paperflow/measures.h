// Applying a digitisation measure to a process (docs/format.md#measures): select steps with `where`, give them new values with `set`,
// remove them, scale their rework, change their durations. The changed
// process is checked again; a measure whose result would be invalid is
// reported, not applied.
#pragma once

#include <string>
#include <vector>

#include "paperflow/model.h"

namespace paperflow {

/// True when `step` matches every criterion of `where`. End steps never match.
bool selects(const StepSelector& where, const Process& process, const Step& step);

struct MeasureApplication {
  bool applied = false;
  Process process;                    // the changed process when applied
  std::vector<std::string> steps;     // ids of the steps the measure changed, in file order
  std::string problem;                // why it was not applied (nothing selected, or invalid result)
};

/// Applies every change of `measure`, in order, to a copy of `process`.
/// Not applied when no change selects a step, a `remove` hits a step that
/// has not exactly one successor (or is a join), or the result fails the
/// format's checks (routing, probabilities, graph rules).
MeasureApplication apply_measure(const Process& process, const Measure& measure);

/// The graph and probability checks of validation, on a model built or
/// changed in memory. Empty when the process is valid.
std::vector<std::string> model_problems(const Process& process);

}  // namespace paperflow
