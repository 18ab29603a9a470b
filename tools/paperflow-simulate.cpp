// paperflow-simulate: discrete-event Monte Carlo simulation of cases
// through a process, or through every process of an organisation at once
// (man/paperflow-simulate.1).
#include <atomic>
#include <cmath>
#include <cstdio>
#include <iostream>

#include <fmt/format.h>

#include "common.h"
#include "options/simulate.h"
#include "paperflow/portfolio_simulation.h"
#include "paperflow/report_portfolio_simulation.h"
#include "paperflow/report_simulation.h"
#include "paperflow/report_validation.h"
#include "paperflow/simulated_log.h"
#include "paperflow/simulation.h"
#include "paperflow/source_file.h"
#include "portfolio_input.h"
#include "progress_bar.h"

namespace {

using namespace paperflow;

using Options = cli::SimulateOptions;


SimulationOptions simulation_options(const Options& options) {
  SimulationOptions simulation;
  simulation.seed = options.seed;
  simulation.replications = options.replications;
  simulation.cases = options.cases;
  if (options.days > 0) simulation.days = options.days;
  simulation.warmup_days = options.warmup_days;
  simulation.threads = cli::thread_count(options.threads);
  return simulation;
}

// The recorded cases of a process in one replication, for the progress
// bar: with --days known only roughly, as λ × days.
double recorded_per_replication(const Options& options, const Process& process) {
  return options.days > 0 ? *process.cases_per_year / process.calendar.days_per_year * options.days
                          : static_cast<double>(options.cases);
}

// An organisation file: every process in one simulation.
int run_portfolio(const Options& options, Language language) {
  const cli::DiagnosticStyle style = cli::diagnostic_style(options.color, options.lang);
  SimulationOptions simulation = simulation_options(options);
  cli::LoadedPortfolio loaded = cli::load_valid_portfolio("paperflow-simulate", options.path, options.assignments,
                                                          /*needs_demand=*/true, style, simulation.threads);
  std::atomic<std::size_t> done{0};
  simulation.progress = &done;
  PortfolioSimulationResult result;
  {
    double per_replication = 0;
    for (const PortfolioProcess& process : loaded.portfolio.processes)
      per_replication += recorded_per_replication(options, process.process);
    const double total = per_replication * static_cast<double>(options.replications);
    cli::ProgressBar bar("simulating", [&] { return total > 0 ? static_cast<double>(done.load()) / total : 0.0; });
    result = simulate_portfolio(loaded.portfolio, simulation);
  }
  if (result.problem)
    cli::fail_in_process_file("paperflow-simulate", loaded, *result.problem,
                              "cannot be simulated within the bounds of paperflow-simulate(1), BOUNDS", style);
  SimulationReportOptions report{options.days > 0 ? 0 : options.cases, options.days, options.warmup_days,
                                 options.output.empty() && cli::use_color(options.color, stdout), language};
  cli::write_output(options.output, options.format == "json"
                                        ? render_portfolio_simulation_json(loaded.portfolio, result)
                                        : render_portfolio_simulation_text(loaded.portfolio, result, report));
  return cli::exit_ok;
}

// The day --start-date names: a date alone, no time.
std::int64_t start_day(const std::string& text) {
  Phrase problem;
  const bool date_shape = text.size() == 10 && text[4] == '-' && text[7] == '-';
  if (const auto date = date_shape ? parse_timestamp(text, &problem) : std::nullopt) return date->day;
  // Written as a date but no day of the calendar (2025-02-30): the parser
  // says which part is wrong; anything else gets the form to write.
  throw cli::FatalError(fmt::format("--start-date {}: {}", text,
                                    date_shape ? problem.english()
                                               : "write the log's first day as an ISO date, such as 2025-01-06"));
}

// The calendar of the event log, checked against the process: the log's
// working time is the simulation's, hour for hour, so a working day of
// another length would stretch or shrink every duration in it.
WorkingCalendar log_calendar(const Options& options, const Process& process, const cli::DiagnosticStyle& style) {
  WorkingCalendar calendar = cli::working_calendar(options.calendar, process.calendar.hours_per_day, style);
  const double hours = process.calendar.hours_per_day;
  const double from = calendar.day_start_hours();
  if (std::abs(calendar.hours_per_day() - hours) > 0.5 / 60) {
    const auto minutes = static_cast<long>(std::lround((from + hours) * 60));
    throw cli::FatalError(fmt::format(
        "--work-hours {} is {:g} hours a day, but the process's working day is {:g} (calendar.hours_per_day): the "
        "event log's working time is the simulation's, hour for hour; give working hours as long, such as "
        "--work-hours {:02}:{:02}-{:02}:{:02}",
        options.calendar.work_hours, calendar.hours_per_day(), hours, static_cast<long>(std::lround(from * 60)) / 60,
        static_cast<long>(std::lround(from * 60)) % 60, minutes / 60, minutes % 60));
  }
  calendar.set_hours(from, from + hours);  // exactly the process's day: within half a minute, HH:MM cannot say more
  return calendar;
}

int run(const Options& options) {
  cli::check_outputs({{"-o", options.output}, {"--event-log", options.event_log}},
                     {options.path, options.calendar.holidays});
  const bool report_to_stdout = options.output.empty() || options.output == "-";
  if (options.event_log == "-" && report_to_stdout)
    throw cli::FatalError(
        "--event-log - and the report would both go to standard output; give -o FILE for the report, or a file for "
        "--event-log");
  const std::int64_t first_day = options.event_log.empty() ? 0 : start_day(options.start_date);
  const Language language = options.format == "json" ? Language::en : cli::chosen_language(options.lang);
  if (cli::is_organisation_file(options.path)) {
    if (!options.event_log.empty())
      throw cli::FatalError(
          "--event-log is for a process file, not an organisation file: an event log holds the cases of one "
          "process, as paperflow-calibrate reads it; simulate each process file on its own for its log");
    return run_portfolio(options, language);
  }
  cli::LoadedProcess loaded = cli::load_valid_process("paperflow-simulate", options.path, options.assignments,
                                                      /*needs_demand=*/true, cli::diagnostic_style(options.color, options.lang));
  std::optional<WorkingCalendar> calendar;
  if (!options.event_log.empty())
    calendar = log_calendar(options, loaded.process, cli::diagnostic_style(options.color, options.lang));
  SimulationOptions simulation = simulation_options(options);
  std::atomic<std::size_t> done{0};
  simulation.progress = &done;
  SimulatedEventLog log;
  if (calendar) simulation.event_log = &log;
  SimulationResult result;
  {
    const double per_replication = recorded_per_replication(options, loaded.process);
    const double total = per_replication * static_cast<double>(options.replications);
    cli::ProgressBar bar("simulating", [&] { return total > 0 ? static_cast<double>(done.load()) / total : 0.0; });
    result = simulate(loaded.process, simulation);
  }
  if (result.problem)
    cli::fail_at("paperflow-simulate", loaded, *result.problem,
                 "cannot be simulated within the bounds of paperflow-simulate(1), BOUNDS",
                 cli::diagnostic_style(options.color, options.lang));
  SimulationReportOptions report{options.days > 0 ? 0 : options.cases, options.days, options.warmup_days,
                                 options.output.empty() && cli::use_color(options.color, stdout), language};
  cli::write_output(options.output, options.format == "json" ? render_simulation_json(loaded.process, result)
                                                             : render_simulation_text(loaded.process, result, report));
  if (calendar) cli::write_output(options.event_log, simulated_log_csv(loaded.process, log, *calendar, first_day));
  return cli::exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app;
  cli::set_up(app, options);
  return cli::run_tool("paperflow-simulate", app, argc, argv, [&] { return run(options); });
}
