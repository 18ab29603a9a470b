// What-if changes without editing the file: `--set PATH=VALUE` (man/paperflow-analyse.1),
// applied to a loaded, valid process. Each value is checked by the same
// rules as in a file; a bad path or value is reported, not applied.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paperflow/diagnostic.h"
#include "paperflow/model.h"
#include "paperflow/portfolio.h"

namespace paperflow {

/// The paths `--set` accepts, for --help, the man pages and completion.
std::vector<std::string> what_if_paths();

/// Applies one `PATH=VALUE`. Returns nothing on success, else the problem:
/// its rule (unknown-key for a path, unknown-reference for an id,
/// bad-duration, bad-value, missing-key for work on a step without a unit)
/// and a message that says what is wrong and what is accepted. It has no
/// location: the assignment is an argument, not a line of a file. Paths:
///   demand.cases_per_year, calendar.hours_per_day, calendar.days_per_year,
///   units.ID.staff, units.ID.availability, units.ID.cost_per_hour,
///   steps.ID.work, steps.ID.delay (a duration or a three-point [a, b, c],
///   or a factor x0.5), steps.ID.medium, steps.ID.channel,
///   steps.ID.signature, steps.ID.activity,
///   steps.ID.next.TO.p (the other choices of the step are scaled so that
///   the probabilities still sum to 1).
std::optional<Diagnostic> apply_what_if(Process& process, std::string_view assignment);

/// The same for an organisation: `units.ID.staff|availability|cost_per_hour`
/// of a shared unit, or `processes.ID.PATH` with any PATH above for that
/// process (not its calendar, which is the organisation's, nor a shared
/// unit, which is set as the organisation's). A process's routing and
/// visits follow a changed probability.
std::optional<Diagnostic> apply_what_if(Portfolio& portfolio, std::string_view assignment);

}  // namespace paperflow
