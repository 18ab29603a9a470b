// What the fuzz targets share: a failed property stops the run with a
// message, under libFuzzer and in the corpus replay alike.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "paperflow/analysis.h"
#include "paperflow/measures.h"
#include "paperflow/process_writer.h"
#include "paperflow/rules.h"
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

// A diagnostic is at a line of `text` (lines ended by a line feed, as the
// reports count them) and a column from 1, or at line 0 for the whole file.
inline void require_placed(const Diagnostic& d, std::string_view text) {
  const int lines = 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  require((d.location.line >= 1 && d.location.column >= 1 && d.location.line <= lines) ||
              (d.location.line == 0 && d.location.column == 0),
          "a diagnostic is at a line of the file and a column from 1, or at line 0 for the whole file");
}

// The same distribution, to the last bit of every parameter.
inline bool same(const Distribution& a, const Distribution& b) {
  return a.kind == b.kind && a.a == b.a && a.b == b.b && a.c == b.c && a.working_days == b.working_days;
}

// Every figure of an analysis is a number: the format's ranges
// (docs/format.md#ranges-of-numbers) keep them finite. Only the visits,
// which a near-certain rework loop makes vast, are not bounded by the
// ranges; an analysis with more than a million visits of a step is left out.
// A process without a lead time is one the analysis reports unstable.
inline void require_finite_figures(const Analysis& analysis) {
  const bool some_unit_full = std::any_of(analysis.units.begin(), analysis.units.end(),
                                          [](const UnitFigures& u) { return !u.external && !(u.utilisation < 1); });
  require(analysis.stable == !some_unit_full && analysis.stable == analysis.lead_time_hours.has_value(),
          "a lead time exactly when no unit is at or over its capacity");
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

// Two analyses of the same process, figure by figure, to the last bit.
inline void require_same_figures(const Analysis& before, const Analysis& after) {
  require(same(before.arrival_rate_per_hour, after.arrival_rate_per_hour), "the same arrival rate");
  require(before.stable == after.stable, "the same stability");
  require(same(before.lead_time_hours, after.lead_time_hours), "the same lead time");
  require(same(before.touch_time_hours, after.touch_time_hours), "the same touch time");
  require(same(before.flow_efficiency, after.flow_efficiency), "the same flow efficiency");
  require(same(before.staff_cost_per_case, after.staff_cost_per_case), "the same staff cost");
  require(same(before.applicant_hours_per_case, after.applicant_hours_per_case), "the same applicant hours");
  require(same(before.media_breaks_per_case, after.media_breaks_per_case), "the same media breaks");
  require(same(before.handoffs_per_case, after.handoffs_per_case), "the same handoffs");
  require(same(before.in_person_visits_per_case, after.in_person_visits_per_case), "the same visits");
  require(same(before.wet_signatures_per_case, after.wet_signatures_per_case), "the same wet signatures");
  require(before.ozg_level == after.ozg_level && before.ozg_blockers == after.ozg_blockers, "the same OZG level");
  require(before.bottleneck == after.bottleneck, "the same bottleneck");
  require(before.ranking == after.ranking, "the same ranking");
  require(before.units.size() == after.units.size(), "the same units");
  for (std::size_t u = 0; u < before.units.size(); ++u) {
    const UnitFigures &x = before.units[u], &y = after.units[u];
    require(same(x.utilisation, y.utilisation) && same(x.queue_wait_hours, y.queue_wait_hours) &&
                same(x.hours_per_year, y.hours_per_year) && same(x.service_scv, y.service_scv),
            "the same utilisation and queue of each unit");
  }
  require(before.steps.size() == after.steps.size(), "the same steps");
  for (std::size_t i = 0; i < before.steps.size(); ++i) {
    const StepFigures &x = before.steps[i], &y = after.steps[i];
    require(same(x.visits, y.visits) && same(x.queue_hours, y.queue_hours) && same(x.lead_time_hours, y.lead_time_hours),
            "the same visits and time of each step");
  }
}

// The writer's round trip: `process`, whose analysis is `before`, written as
// a process file is written plainly and reads back valid, with exactly the
// same numbers and durations, and gives exactly the same figures.
inline void require_round_trip(const Process& process, const Analysis& before, const std::string& comment = {}) {
  const std::string written = write_process_yaml(process, comment);
  require_durations_written_plainly(written);
  ValidationResult again = validate_process(written, "written.yaml");
  require(again.valid(), "the written process is valid");
  const Process& read = *again.process;
  require(read.calendar.hours_per_day == process.calendar.hours_per_day &&
              read.calendar.days_per_year == process.calendar.days_per_year &&
              same(read.cases_per_year, process.cases_per_year),
          "the same calendar and demand, exactly");
  require(read.units.size() == process.units.size(), "the same units");
  for (std::size_t u = 0; u < process.units.size(); ++u) {
    const Unit &x = process.units[u], &y = read.units[u];
    // An external unit's staff is ignored, and not written.
    require(x.id == y.id && x.external == y.external && (x.external || x.staff == y.staff) &&
                x.availability == y.availability && x.cost_per_hour == y.cost_per_hour,
            "the same unit, exactly");
  }
  require(read.steps.size() == process.steps.size(), "the same steps");
  for (std::size_t i = 0; i < process.steps.size(); ++i) {
    const Step &x = process.steps[i], &y = read.steps[i];
    require(x.id == y.id && x.name == y.name, "the same step");
    require(same(x.work, y.work), "the same work, exactly");
    require(same(x.delay, y.delay), "the same delay, exactly");
    require(x.routing.choices.size() == y.routing.choices.size(), "the same choices");
    for (std::size_t c = 0; c < x.routing.choices.size(); ++c)
      require(x.routing.choices[c].p == y.routing.choices[c].p, "the same probability, exactly");
  }
  require_same_figures(before, analyse(read, *again.graph, again.blocks, again.visits));
}

// A measure applied to `process`: refused with a reason under a rule, or
// applied to a process that is valid, has finite figures and survives the
// writer's round trip.
inline void require_measure_applies(const Process& process, const Measure& measure) {
  MeasureApplication applied = apply_measure(process, measure);
  if (!applied.applied) {
    require(applied.problem && !applied.problem->message.english().empty() && find_rule(applied.problem->rule),
            "a refused measure says why, under a rule");
    return;
  }
  require(model_problems(applied.process).empty(), "an applied measure leaves a valid process");
  const Analysis after = analyse_process(applied.process);
  require_finite_figures(after);
  require_round_trip(applied.process, after);
}

// The fuzzer's bytes as a generator's choices, read from the front, or
// from the end where the same bytes are also a text whose start is fixed
// (`measures:`) and whose end is free (a comment). Past the last byte every
// byte is 0, the first and simplest choice, so that every input, the empty
// one too, builds something. (libFuzzer's FuzzedDataProvider comes with
// clang only; the replay builds with g++.)
class ByteReader {
 public:
  enum class From { front, end };
  ByteReader(const std::uint8_t* data, std::size_t size, From from = From::front)
      : data_(data), size_(size), from_end_(from == From::end) {}

  std::uint8_t byte() {
    if (at_ == size_) return 0;
    ++at_;
    return data_[from_end_ ? size_ - at_ : at_ - 1];
  }
  /// An integer from `low` to `high`: one byte, two for a wider range.
  std::size_t in(std::size_t low, std::size_t high) {
    const std::size_t span = high - low + 1;
    std::size_t raw = byte();
    if (span > 256) raw = raw << 8 | byte();
    return low + raw % span;
  }
  bool flag() { return byte() % 2 == 1; }
  /// A fraction from 0 to 1, both included, of 53 bits.
  double fraction() {
    std::uint64_t bits = 0;
    for (int i = 0; i < 7; ++i) bits = bits << 8 | byte();
    return static_cast<double>(bits >> 3) / static_cast<double>((std::uint64_t{1} << 53) - 1);
  }
  /// A number from `low` to `high`, evenly or, for a range over many
  /// powers of ten (low > 0), evenly in its logarithm.
  double between(double low, double high) { return std::clamp(low + fraction() * (high - low), low, high); }
  double log_between(double low, double high) {
    return std::clamp(std::exp(std::log(low) + fraction() * (std::log(high) - std::log(low))), low, high);
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  bool from_end_;
  std::size_t at_ = 0;  // bytes read
};

}  // namespace paperflow::fuzz
