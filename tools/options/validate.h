// paperflow-validate's options and their set-up (man/paperflow-validate.1).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common.h"
#include "paperflow/report_validation.h"

namespace paperflow::cli {

struct ValidateOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  bool strict = false;
  std::vector<std::string> disabled_rules;
  ColorMode color = ColorMode::automatic;
  std::string output;
  unsigned threads = 0;  // 0: every core
  bool list_rules = false;
  std::string lang;  // empty: English, whatever the locale
};

inline void set_up(CLI::App& app, ValidateOptions& options) {
  set_up_tool(app, "paperflow-validate",
              "Check paperflow process files against the format (paperflow: 1) and report every problem with file, "
              "line and column.");
  app.add_option("paths", options.paths, "Process files, BPMN files (read as paperflow-bpmn imports them), directories (every *.yaml/*.yml/*.bpmn below), or - for standard input")
      ->option_text("FILE|DIR|- ...");
  std::vector<std::string> formats;
  for (std::string_view name : validation_format_names()) formats.emplace_back(name);
  add_format_option(app, options.format, formats, "text, json, sarif, github, junit, codeclimate");
  app.add_flag("--strict", options.strict, "Fail (exit 1) on warnings too");
  app.add_option("--disable", options.disabled_rules, "Do not report RULE (repeatable); see the man page for the rules")
      ->option_text("RULE")
      ->allow_extra_args(false);
  add_color_option(app, options.color);
  add_output_option(app, options.output);
  add_threads_option(app, options.threads, "Files checked at once (default: all cores)");
  // Not add_language_option: diagnostics stay English under a German
  // locale (a CI log, a search for the message), German only when asked.
  app.add_option("--lang", options.lang,
                 "Language of the text format's messages: de or en (default: en, whatever the locale; rule ids "
                 "and the machine formats never change)")
      ->check(CLI::IsMember({"de", "en"}))
      ->option_text("de|en");
  app.add_flag("--list-rules", options.list_rules, "List the rule ids with their severity and meaning, then exit");
  set_footer(app, "0 no errors (no warnings either with --strict), 1 problems found, 2 usage error or unreadable file.",
             "man paperflow-validate for the rules and formats");
}

}  // namespace paperflow::cli
