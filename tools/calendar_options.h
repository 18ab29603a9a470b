// The working calendar of an event log on the command line: --work-hours,
// --work-days, --holidays (docs/event-log.md#working-time), one option
// group for every tool that reads or writes a log.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "common.h"
#include "paperflow/working_calendar.h"

namespace paperflow::cli {

struct CalendarOptions {
  std::string work_hours;  // empty: 08:00 plus the process's hours_per_day
  std::string work_days = "Mon-Fri";
  std::string holidays;    // a file of holidays; empty: none
};

/// Adds `--work-hours HH:MM-HH:MM`, `--work-days DAYS` and
/// `--holidays FILE`; each needs `needs` when it is given (an option such
/// as --event-log without which the calendar means nothing), or nothing.
void add_calendar_options(CLI::App& app, CalendarOptions& options, CLI::Option* needs = nullptr);

/// The calendar the options give, `hours_per_day` long by default. Throws
/// FatalError, naming the flag and what to write, for bad working hours or
/// days and for a holidays file that cannot be read; prints the holidays
/// file's bad lines as paperflow-validate prints a diagnostic
/// (FILE:LINE:COLUMN, the line, a caret) before it throws.
WorkingCalendar working_calendar(const CalendarOptions& options, double hours_per_day, const DiagnosticStyle& style);

}  // namespace paperflow::cli
