#include "calendar_options.h"

#include <cstdio>
#include <iostream>

#include <fmt/format.h>

#include "paperflow/report_validation.h"
#include "paperflow/source_file.h"

namespace paperflow::cli {

void add_calendar_options(CLI::App& app, CalendarOptions& options, CLI::Option* needs) {
  CLI::Option* added[] = {
      app.add_option("--work-hours", options.work_hours,
                     "Working hours of each working day (default: 08:00 plus the process's hours_per_day)")
          ->option_text("HH:MM-HH:MM"),
      app.add_option("--work-days", options.work_days, "Working days of the week (default Mon-Fri)")
          ->option_text("DAYS"),
      app.add_option("--holidays", options.holidays, "Days off: one ISO date a line (2025-10-03)")->option_text("FILE"),
  };
  if (needs)
    for (CLI::Option* option : added) option->needs(needs);
}

WorkingCalendar working_calendar(const CalendarOptions& options, double hours_per_day, const DiagnosticStyle& style) {
  WorkingCalendar calendar(hours_per_day);
  Phrase problem;
  if (!options.work_hours.empty()) {
    const auto hours = parse_work_hours(options.work_hours, &problem);
    if (!hours) throw FatalError(fmt::format("--work-hours {}: {}", options.work_hours, problem.english()));
    calendar.set_hours(hours->first, hours->second);
  }
  const auto days = parse_work_days(options.work_days, &problem);
  if (!days) throw FatalError(fmt::format("--work-days {}: {}", options.work_days, problem.english()));
  calendar.set_days(*days);
  if (options.holidays.empty()) return calendar;
  Diagnostic unreadable;
  const auto text = read_file(options.holidays, unreadable);
  if (!text)
    throw FatalError(fmt::format("cannot read holidays {}: {}", quoted_path(options.holidays),
                                 unreadable.message.english()));
  Diagnostics diagnostics;
  std::vector<std::int64_t> holidays =
      parse_holidays(*text, std::make_shared<const std::string>(options.holidays), diagnostics);
  if (!diagnostics.empty()) {
    ValidationReportOptions report;
    report.color = style.color;
    report.language = style.language;
    std::fflush(stdout);
    std::cerr << render_validation_file({options.holidays, *text, diagnostics}, true, report);
    throw FatalError(fmt::format("{} is not a holidays file: write one ISO date a line, such as 2025-10-03",
                                 quoted_path(options.holidays)));
  }
  calendar.set_holidays(std::move(holidays));
  return calendar;
}

}  // namespace paperflow::cli
