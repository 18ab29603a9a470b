// paperflow-report's options and their set-up (man/paperflow-report.1).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "common.h"

namespace paperflow::cli {

struct ReportOptions {
  std::string path;
  std::vector<std::string> assignments;
  MeasureSources measures;
  double budget = -1;           // negative: no budget
  double horizon = 5;           // years within which a measure must pay back
  std::size_t uncertainty = 0;  // samples of the business case under uncertainty; 0: none
  double discount_rate = 0.02;
  double optimism_bias = 0;     // percent
  bool no_simulate = false;
  bool no_plan = false;
  std::size_t cases = 10000;    // as paperflow-simulate, so both tell the same story
  std::size_t replications = 10;
  std::uint64_t seed = 1;
  unsigned threads = 0;         // 0: all cores
  ColorMode color = ColorMode::automatic;
  std::string lang;             // empty: the locale's
  std::string pdf;
  std::string output;
};

inline void set_up(CLI::App& app, ReportOptions& options) {
  set_up_tool(app, "paperflow-report",
              "One self-contained HTML report for a head of department: key figures, the swimlane diagram with its "
              "heat map, where the time goes, utilisation, the lead-time distribution, the plan, the assumptions.");
  add_process_argument(app, options.path);
  add_measure_options(app, options.measures);
  app.add_option("--budget", options.budget, "One-off budget in EUR for the plan, as paperflow-plan --budget")
      ->check(CLI::Range(0.0, 1e15))
      ->option_text("EUR");
  app.add_option("--horizon", options.horizon,
                 "Recommend a measure only when it pays back within this many years, as paperflow-plan (default 5)")
      ->check(CLI::Range(0.01, 100.0))
      ->option_text("YEARS");
  app.add_option("--uncertainty", options.uncertainty,
                 "Add the business case under uncertainty from N draws, as paperflow-plan --uncertainty")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}))
      ->option_text("N");
  app.add_option("--discount-rate", options.discount_rate, "Yearly discount rate of the net present value (default 0.02)")
      ->check(CLI::Range(0.0, 1.0))
      ->option_text("R");
  app.add_option("--optimism-bias", options.optimism_bias,
                 "Raise every cost and lower every saving by PCT percent, as paperflow-plan")
      ->check(CLI::Range(0.0, 100.0))
      ->option_text("PCT");
  app.add_flag("--no-plan", options.no_plan, "Leave the plan out");
  app.add_flag("--no-simulate", options.no_simulate, "Leave the simulated lead-time distribution out");
  app.add_option("--cases", options.cases, "Cases to record in each replication of the simulation (default 10000)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}))
      ->option_text("N");
  app.add_option("--replications", options.replications, "Replications of the simulation (default 10)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}))
      ->option_text("R");
  app.add_option("--seed", options.seed, "Seed of the simulation and of --uncertainty (default 1)")->option_text("S");
  add_threads_option(app, options.threads, "Replications and draws run at once (default: all cores); the report does not depend on it");
  add_set_option(app, options.assignments);
  add_color_option(app, options.color);
  add_language_option(app, options.lang);
  app.add_option("--pdf", options.pdf, "Also print the report to this PDF file (A4) with a headless browser")
      ->option_text("FILE");
  add_output_option(app, options.output);
  set_footer(app,
             "0 success, 2 usage error, unreadable file, not a valid process with demand, a process beyond the "
             "simulation's bounds, a bad measures file, Graphviz missing, or --pdf without a headless browser.",
             "man paperflow-report");
}

}  // namespace paperflow::cli
