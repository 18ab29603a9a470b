// paperflow-analyse's options and their set-up (man/paperflow-analyse.1).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "common.h"

namespace paperflow::cli {

struct AnalyseOptions {
  std::string path;
  std::string format = "text";
  std::vector<std::string> assignments;
  std::size_t top = 10;
  unsigned threads = 0;
  ColorMode color = ColorMode::automatic;
  std::string lang;  // empty: the locale's
  std::string output;
};

inline void set_up(CLI::App& app, AnalyseOptions& options) {
  set_up_tool(app, "paperflow-analyse",
              "Analyse a process file: lead time, touch time, cost, media breaks, utilisation and queue wait per "
              "unit, the bottleneck, the steps that cost the most time, and the OZG maturity level. Given an "
              "organisation file, the portfolio: every process it lists, with the units they share.");
  add_process_argument(app, options.path);
  add_format_option(app, options.format, {"text", "markdown", "json"},
                    "text (a dashboard), markdown (a report section), json");
  add_set_option(app, options.assignments);
  app.add_option("--top", options.top,
                 "Steps listed by lead time in text and markdown (default 10); for an organisation file, processes "
                 "listed by staff hours")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}))
      ->option_text("N");
  add_threads_option(app, options.threads, "Threads that read and analyse an organisation's processes (default: every core)");
  add_color_option(app, options.color);
  add_language_option(app, options.lang);
  add_output_option(app, options.output);
  set_footer(app,
             "0 success, 2 usage error, unreadable file, or not a valid process (its errors are printed as "
             "paperflow-validate prints them).",
             "man paperflow-analyse for the formulas");
}

}  // namespace paperflow::cli
