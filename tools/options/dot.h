// paperflow-dot's options and their set-up (man/paperflow-dot.1).
#pragma once

#include <string>
#include <vector>

#include "common.h"

namespace paperflow::cli {

struct DotToolOptions {
  std::string path;
  std::string type;  // empty: DOT text
  std::string output;
  bool heat = false;
  std::string after;  // a plan's JSON or measure ids separated by commas
  MeasureSources measures;
  std::vector<std::string> assignments;
  ColorMode color = ColorMode::automatic;
  std::string page;  // a4, a3 or none; empty: a3 for -T pdf, none otherwise
};

/// The page --page asks for, or its default: A3 for a PDF, none otherwise.
inline std::string page_of(const DotToolOptions& options) {
  if (!options.page.empty()) return options.page;
  return options.type == "pdf" ? "a3" : "none";
}

inline void set_up(CLI::App& app, DotToolOptions& options) {
  set_up_tool(app, "paperflow-dot",
              "Draw a process file as a Graphviz diagram: one swimlane per unit, shapes by kind of step, paper and "
              "digital steps filled apart, media breaks red and dashed, rework marked; labels in German. Given an "
              "organisation file: its overview, a table of processes and the shared units they load.");
  add_process_argument(app, options.path);
  app.add_option("-T", options.type, "Render with Graphviz to svg, png or pdf instead of printing DOT")
      ->check(CLI::IsMember({"svg", "png", "pdf"}))
      ->option_text("svg|png|pdf");
  add_output_option(app, options.output);
  app.add_option("--page", options.page,
                 "Split a long process into bands that fit the width of a landscape page, each with the lane "
                 "headers, numbered connectors between them: a4, a3 or none (default: a3 with -T pdf, else none)")
      ->check(CLI::IsMember({"a4", "a3", "none"}))
      ->option_text("a4|a3|none");
  app.add_flag("--heat", options.heat,
               "Border each step by its share of the lead time (its fill keeps the medium) and colour lanes by "
               "utilisation, from the analysis; mark the bottleneck (needs demand)");
  app.add_option("--after", options.after,
                 "Draw the process after measures: a paperflow-plan JSON file, or measure ids separated by commas "
                 "(from the catalogue or the file)")
      ->option_text("PLAN_JSON_OR_MEASURE_IDS");
  add_measure_options(app, options.measures);
  add_set_option(app, options.assignments);
  add_color_option(app, options.color);
  set_footer(app, "0 success, 2 usage error, unreadable file, not a valid process, or Graphviz missing or failing.",
             "man paperflow-dot");
}

}  // namespace paperflow::cli
