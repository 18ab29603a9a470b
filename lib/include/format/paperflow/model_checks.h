// The format's checks that a process built or changed in memory must pass
// again (a measure applied, a plan's after-process): one function per
// check, called by the loader at the place the file says it and by
// check_model on the model alone, so the two can never disagree.
#pragma once

#include <optional>
#include <string>

#include "paperflow/diagnostic.h"
#include "paperflow/model.h"

namespace paperflow {

/// How far the probabilities of a step's choices may sum from 1 (rounding
/// in the file's decimals and in a measure's scaling).
inline constexpr double probability_sum_tolerance = 1e-6;

/// Rule "probabilities" when the choices of `step` do not sum to 1.
std::optional<Diagnostic> check_choice_sum(const Step& step, const SourceLocation& where);

/// Rule "missing-key" when `step` has work but no unit to do it.
std::optional<Diagnostic> check_work_has_unit(const Step& step, const SourceLocation& where);

/// The checks above for every step, each at the step's place in its file.
Diagnostics check_model(const Process& process);

}  // namespace paperflow
