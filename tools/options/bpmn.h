// paperflow-bpmn's options and their set-up (man/paperflow-bpmn.1).
#pragma once

#include <string>

#include "common.h"

namespace paperflow::cli {

struct BpmnOptions {
  std::string path;
  std::string output;
  ColorMode color = ColorMode::automatic;
};

inline void set_up(CLI::App& app, BpmnOptions& options) {
  set_up_tool(app, "paperflow-bpmn",
              "Write a process file as BPMN 2.0 XML with its diagram, for BPMN modelling tools: the authority's "
              "pool with a lane per internal unit, a collapsed pool per external unit with message flows, tasks "
              "by kind, timer events for waiting, gateways, data objects, and every paperflow attribute in pf: "
              "extension elements.");
  add_process_argument(app, options.path);
  add_output_option(app, options.output);
  add_color_option(app, options.color);
  set_footer(app,
             "0 success, 2 usage error, unreadable file, an organisation file, or not a valid process (its errors "
             "are printed as paperflow-validate prints them).",
             "man paperflow-bpmn for the mapping");
}

}  // namespace paperflow::cli
