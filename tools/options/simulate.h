// paperflow-simulate's options and their set-up (man/paperflow-simulate.1).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "calendar_options.h"
#include "common.h"

namespace paperflow::cli {

struct SimulateOptions {
  std::string path;
  std::string format = "text";
  std::vector<std::string> assignments;
  std::size_t cases = 10000;
  double days = 0;  // 0: record --cases instead
  double warmup_days = 20;
  std::size_t replications = 10;
  std::uint64_t seed = 1;
  unsigned threads = 0;  // 0: every core
  ColorMode color = ColorMode::automatic;
  std::string lang;  // empty: the locale's
  std::string output;
  // The simulated cases as an event log (docs/event-log.md#simulated-logs).
  std::string event_log;   // empty: none; "-": standard output, when -o takes the report
  std::string start_date;  // the log's first day, an ISO date; required with --event-log
  CalendarOptions calendar;
};

inline void set_up(CLI::App& app, SimulateOptions& options) {
  set_up_tool(app, "paperflow-simulate",
              "Simulate cases through a process (discrete events, Monte Carlo): lead time mean and percentiles, "
              "utilisation and queues per unit, work in progress, with 95 % confidence intervals over replications.");
  add_process_argument(app, options.path);
  add_format_option(app, options.format, {"text", "json"}, "text or json");
  auto* cases = app.add_option("--cases", options.cases, "Cases to record in each replication (default 10000)")
                    ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}))
                    ->option_text("N");
  app.add_option("--days", options.days, "Record the cases arriving in N working days instead of --cases")
      ->check(CLI::Range(0.001, 1e6))
      ->option_text("N")
      ->excludes(cases);
  app.add_option("--warmup-days", options.warmup_days, "Working days simulated before recording (default 20)")
      ->check(CLI::Range(0.0, 1e6))
      ->option_text("D");
  app.add_option("--replications", options.replications, "Independent replications (default 10)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}))
      ->option_text("R");
  app.add_option("--seed", options.seed, "Seed of the random streams (default 1)")->option_text("S");
  add_threads_option(app, options.threads,
                     "Replications run at once (default: all cores); the output does not depend on it");
  add_set_option(app, options.assignments);
  add_color_option(app, options.color);
  add_language_option(app, options.lang);
  add_output_option(app, options.output);
  CLI::Option* event_log =
      app.add_option("--event-log", options.event_log,
                     "Also write the first replication's recorded cases as a CSV event log (- for standard output, "
                     "with -o FILE)")
          ->option_text("FILE");
  CLI::Option* start_date =
      app.add_option("--start-date", options.start_date, "The event log's first day (required with --event-log)")
          ->option_text("DATE")
          ->needs(event_log);
  event_log->needs(start_date);
  add_calendar_options(app, options.calendar, event_log);
  set_footer(app,
             "0 success (also for an unstable process, which is reported), 2 usage error, unreadable file, not a "
             "valid process with demand, or a process beyond the simulation's bounds (BOUNDS in the manual).",
             "man paperflow-simulate");
}

}  // namespace paperflow::cli
