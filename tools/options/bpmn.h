// paperflow-bpmn's options and their set-up (man/paperflow-bpmn.1).
#pragma once

#include <string>

#include "common.h"

namespace paperflow::cli {

struct BpmnOptions {
  std::string path;         // the process file to export
  std::string import_path;  // or the BPMN file to import
  std::string output;
  bool lenient = false;
  std::string lang;
  ColorMode color = ColorMode::automatic;
};

inline void set_up(CLI::App& app, BpmnOptions& options) {
  set_up_tool(app, "paperflow-bpmn",
              "Write a process file as BPMN 2.0 XML with its diagram, for BPMN modelling tools: the authority's "
              "pool with a lane per internal unit, a collapsed pool per external unit with message flows, tasks "
              "by kind, timer events for waiting, gateways, data objects, and every paperflow attribute in pf: "
              "extension elements. With --import, read a BPMN file back into a process file: paperflow's own "
              "export exactly, a foreign file with a default and a # TODO for every value BPMN does not say.");
  // Exactly one input: a process file to export, or a BPMN file to import.
  auto* input = app.add_option_group("input");
  input->add_option("file", options.path, "The process file to export, or - for standard input")->option_text("FILE");
  auto* import = input->add_option("--import", options.import_path,
                                   "Read this BPMN 2.0 file (or - for standard input) and write it as a process file")
                     ->option_text("IN.bpmn");
  input->require_option(1);
  app.add_flag("--lenient", options.lenient,
               "With --import: flatten or drop what paperflow cannot model (subprocesses, boundary events, "
               "inclusive and event-based gateways, a second pool), with a warning each, instead of failing")
      ->needs(import);
  add_output_option(app, options.output);
  add_language_option(app, options.lang);
  add_color_option(app, options.color);
  set_footer(app,
             "0 success (warnings about guessed values may be printed), 1 --import: the BPMN holds what "
             "paperflow cannot model (without --lenient) or does not make a valid process, 2 usage error, "
             "unreadable file, a file that is not BPMN or whose references are broken, an organisation file, or "
             "not a valid process (its errors are printed as paperflow-validate prints them).",
             "man paperflow-bpmn for the mapping");
}

}  // namespace paperflow::cli
