// What the fuzz targets share: a failed property stops the run with a
// message, under libFuzzer and in the corpus replay alike.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "paperflow/analysis.h"
#include "paperflow/validate.h"

namespace paperflow::fuzz {

[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "property failed: %s\n", what);
  std::abort();
}

inline void require(bool holds, const char* what) {
  if (!holds) fail(what);
}

// Equal as figures: the same number, or both not a number.
inline bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }
inline bool same(const std::optional<double>& a, const std::optional<double>& b) {
  return a.has_value() == b.has_value() && (!a || same(*a, *b));
}

// The fixed process a target applies its input to, read once; a model that
// is not valid is a broken target, not a finding.
inline const Process& valid_model(const char* yaml) {
  static const ValidationResult base = validate_process(yaml, "model.yaml");
  require(base.valid(), "the model is valid");
  return *base.process;
}

// Every diagnostic names its rule and says what is wrong.
inline void require_explained(const Diagnostics& diagnostics) {
  for (const Diagnostic& d : diagnostics) require(!d.rule.empty() && !d.message.english().empty(), "a diagnostic has a rule and a message");
}

// The same distribution, to the last bit of every parameter.
inline bool same(const Distribution& a, const Distribution& b) {
  return a.kind == b.kind && a.a == b.a && a.b == b.b && a.c == b.c && a.working_days == b.working_days;
}

// Every figure of an analysis is a number: the format's ranges
// (docs/format.md#ranges-of-numbers) keep them finite. Only the visits,
// which a near-certain rework loop makes vast, are not bounded by the
// ranges; an analysis with more than a million visits of a step is left out.
inline void require_finite_figures(const Analysis& analysis) {
  if (std::any_of(analysis.steps.begin(), analysis.steps.end(),
                  [](const StepFigures& s) { return !(s.visits <= 1e6); }))
    return;
  auto finite = [](const std::optional<double>& x) { return !x || std::isfinite(*x); };
  require(finite(analysis.lead_time_hours) && std::isfinite(analysis.touch_time_hours) &&
              std::isfinite(analysis.staff_cost_per_case) && std::isfinite(analysis.applicant_hours_per_case),
          "the process's figures are finite");
  for (const UnitFigures& u : analysis.units)
    require(std::isfinite(u.utilisation) && std::isfinite(u.hours_per_year) && std::isfinite(u.service_scv) &&
                finite(u.queue_wait_hours),
            "a unit's figures are finite");
  for (const StepFigures& s : analysis.steps) require(finite(s.lead_time_hours), "a step's figures are finite");
}

// The durations of a written process as a person writes them: no exponent,
// and no number longer than 28 characters (the longest in the format's
// range, a millisecond in working days of 24 hours with 17 digits, has 26).
// A figure of 300 digits is a missing bound.
inline void require_durations_written_plainly(const std::string& yaml) {
  std::size_t line_start = 0;
  while (line_start < yaml.size()) {
    std::size_t line_end = yaml.find('\n', line_start);
    if (line_end == std::string::npos) line_end = yaml.size();
    const std::string line = yaml.substr(line_start, line_end - line_start);
    line_start = line_end + 1;
    if (line.rfind("    work: ", 0) != 0 && line.rfind("    delay: ", 0) != 0) continue;
    for (std::size_t i = 0; i < line.size();) {
      const std::size_t run = line.find_first_of("0123456789", i);
      if (run == std::string::npos) break;
      std::size_t end = line.find_first_not_of("0123456789.", run);
      if (end == std::string::npos) end = line.size();
      require(end - run <= 28, "a written duration has no figure of more than 28 characters");
      require(end == line.size() || (line[end] != 'e' && line[end] != 'E'), "a written duration has no exponent");
      i = end;
    }
  }
}

}  // namespace paperflow::fuzz
