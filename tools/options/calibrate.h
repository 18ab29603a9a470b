// paperflow-calibrate's options and their set-up (man/paperflow-calibrate.1).
#pragma once

#include <string>
#include <vector>

#include "calendar_options.h"
#include "common.h"

namespace paperflow::cli {

struct CalibrateOptions {
  std::string path;
  std::string log;
  std::string format = "text";
  std::vector<std::string> assignments;
  CalendarOptions calendar;
  std::string emit;
  double min_fitness = 0;
  std::size_t top = 10;
  ColorMode color = ColorMode::automatic;
  std::string lang;  // empty: the locale's
  std::string output;
};

inline void set_up(CLI::App& app, CalibrateOptions& options) {
  set_up_tool(app, "paperflow-calibrate",
              "Measure a process from its event log (CSV or XES): arrivals, work, waiting, routing, visits and "
              "lead time in working time, beside the model's figures, the largest differences first; and check "
              "the log's cases against the routing (fitness, deviating variants).");
  add_process_argument(app, options.path);
  app.add_option("LOG", options.log, "The event log: CSV with the columns case, activity, end (start, unit or "
                                     "resource optional), or XES")
      ->required()
      ->option_text("LOG");
  add_format_option(app, options.format, {"text", "markdown", "json"},
                    "text (model and log side by side), markdown (a report section), json");
  add_calendar_options(app, options.calendar);
  app.add_option("--emit", options.emit,
                 "Write the process with the measured work, delay, p and cases_per_year to FILE, everything else "
                 "as written")
      ->option_text("FILE");
  app.add_option("--min-fitness", options.min_fitness,
                 "Exit with status 1 when fewer than this share of the complete cases fit the model (default 0)")
      ->check(CLI::Range(0.0, 1.0))
      ->option_text("F");
  app.add_option("--top", options.top, "Differences listed first in text and markdown (default 10)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}))
      ->option_text("N");
  add_set_option(app, options.assignments);
  add_color_option(app, options.color);
  add_language_option(app, options.lang);
  add_output_option(app, options.output);
  set_footer(app,
             "0 success, 1 fewer cases fit than --min-fitness, 2 usage error, unreadable file, not a valid "
             "process, or a file that is not an event log (rows that cannot be read are reported and left out).",
             "man paperflow-calibrate");
}

}  // namespace paperflow::cli
