// Helpers shared by the unit tests: validate a YAML text and analyse it.
#pragma once

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "paperflow/analysis.h"
#include "paperflow/loader.h"
#include "paperflow/validate.h"

namespace paperflow::test {

inline std::string describe(const Diagnostics& diagnostics) {
  std::string text;
  for (const Diagnostic& d : diagnostics)
    text += std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + " " + d.rule + " " +
            d.message.english() + "\n";
  return text;
}

/// Validates `yaml` and returns the result; the test fails if it has errors.
inline ValidationResult valid(const std::string& yaml) {
  ValidationResult result = validate_process(yaml, "test.yaml");
  INFO(describe(result.diagnostics));
  REQUIRE(result.valid());
  return result;
}

inline Analysis analyse_yaml(const std::string& yaml) {
  ValidationResult result = valid(yaml);
  RoutingGraph graph(*result.process);
  return analyse(*result.process, graph, result.blocks);
}

/// True when some diagnostic has this rule at this place.
inline bool has(const Diagnostics& diagnostics, const std::string& rule, int line, int column) {
  for (const Diagnostic& d : diagnostics)
    if (d.rule == rule && d.location.line == line && d.location.column == column) return true;
  return false;
}

/// A process header with one office (staff 1) and the applicant; steps follow.
inline std::string header(double cases_per_year = 1000, double staff = 1) {
  return "paperflow: 1\n"
         "process: {id: t, name: Test}\n"
         "demand: {cases_per_year: " + std::to_string(cases_per_year) + "}\n"
         "units:\n"
         "  - {id: office, name: Amt, staff: " + std::to_string(staff) + ", cost_per_hour: 60}\n"
         "  - {id: applicant, name: Antragsteller, external: true}\n";
}

/// The steps the plan tests change: the applicant fills in and posts a
/// form, the office types and checks it, 30 % come back for rework.
inline const std::string plan_steps =
    "steps:\n"
    "  - {id: fill, name: F, unit: applicant, activity: fill_in, medium: paper, channel: post, signature: wet, work: 20min, next: submit}\n"
    "  - {id: submit, name: S, unit: applicant, activity: submit, medium: paper, channel: post, delay: 2d, next: type}\n"
    "  - {id: type, name: T, unit: office, activity: transcribe, medium: digital, work: 15min, next: check}\n"
    "  - {id: check, name: C, unit: office, activity: check, medium: digital, work: 30min, next: [{to: fill, p: 0.3, rework: true}, {to: done, p: 0.7}]}\n"
    "  - {id: done, name: D, end: true}\n";

/// The measures of `yaml` (the items under `measures:`); the test fails if
/// the file has a problem.
inline std::vector<Measure> measures(const std::string& yaml) {
  MeasuresLoadResult loaded = load_measures("measures:\n" + yaml, "m.yaml");
  INFO(describe(loaded.diagnostics));
  REQUIRE(loaded.diagnostics.empty());
  return loaded.measures;
}

}  // namespace paperflow::test
