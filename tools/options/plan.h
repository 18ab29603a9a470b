// paperflow-plan's options and their set-up (man/paperflow-plan.1).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "common.h"

namespace paperflow::cli {

struct PlanToolOptions {
  std::string path;
  std::string format = "text";
  std::vector<std::string> assignments;
  MeasureSources measures;
  double budget = -1;  // negative: no budget
  double horizon = 5;  // years within which a measure must pay back
  std::size_t uncertainty = 0;  // samples of the business case under uncertainty; 0: none
  std::uint64_t seed = 1;
  unsigned threads = 0;         // 0: all cores
  double discount_rate = 0.02;
  double optimism_bias = 0;     // percent
  std::string objective = "cost";
  std::string emit_after;
  ColorMode color = ColorMode::automatic;
  std::string lang;  // empty: the locale's
  std::string output;
};

inline void set_up(CLI::App& app, PlanToolOptions& options) {
  set_up_tool(app, "paperflow-plan",
              "The digitisation plan for a process, or for every process of an organisation file under one "
              "budget: which measures, in which order, what each buys (lead time, staff hours freed, euros, media "
              "breaks) and costs, before and after.");
  add_process_argument(app, options.path);
  add_format_option(app, options.format, {"text", "markdown", "json"}, "text, markdown (a report section), json");
  add_measure_options(app, options.measures);
  app.add_option("--budget", options.budget,
                 "One-off budget in EUR: plan the set with the largest yearly saving that fits (exact for up to 20 "
                 "measures)")
      ->check(CLI::Range(0.0, 1e15))
      ->option_text("EUR");
  app.add_option("--horizon", options.horizon,
                 "Recommend a measure only when it pays back within this many years on staff cost, or is required "
                 "by one that does, or is needed for OZG level 3 (default 5)")
      ->check(CLI::Range(0.01, 100.0))
      ->option_text("YEARS");
  app.add_option("--uncertainty", options.uncertainty,
                 "Draw every three-point estimate of the plan's measures and demand N times and report P10, P50 "
                 "and P90 of saving, cost, payback and net present value, and a tornado (e.g. 2000)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}))
      ->option_text("N");
  app.add_option("--seed", options.seed, "Seed of the draws of --uncertainty (default 1)")->option_text("S");
  add_threads_option(app, options.threads,
                     "Samples of --uncertainty, or an organisation's candidates, evaluated at once (default: all "
                     "cores); the output does not depend on it");
  app.add_option("--discount-rate", options.discount_rate,
                 "Yearly rate the net present value discounts by (default 0.02)")
      ->check(CLI::Range(0.0, 1.0))
      ->option_text("R");
  app.add_option("--optimism-bias", options.optimism_bias,
                 "Raise every cost and lower every saving by PCT percent before anything is computed (HM Treasury "
                 "Green Book)")
      ->check(CLI::Range(0.0, 100.0))
      ->option_text("PCT");
  app.add_option("--objective", options.objective, "What orders the measures in a wave: cost, lead-time, media-breaks")
      ->check(CLI::IsMember({"cost", "lead-time", "media-breaks"}))
      ->option_text("NAME");
  app.add_option("--emit-after", options.emit_after,
                 "Write the process after the plan as a valid process file; for an organisation file, an existing "
                 "directory to write the changed processes and the organisation file into")
      ->option_text("FILE|DIR");
  add_set_option(app, options.assignments);
  add_color_option(app, options.color);
  add_language_option(app, options.lang);
  add_output_option(app, options.output);
  set_footer(app,
             "0 success, 2 usage error, unreadable file, not a valid process with demand, or a bad measures file.",
             "man paperflow-plan");
}

}  // namespace paperflow::cli
