#include "paperflow/duration.h"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "paperflow/numbers.h"

namespace paperflow {
namespace {

// Rule "bad-duration" with no place: the caller knows where the text
// stands (the loader's node, a --set argument) and sets the location.
void set_error(Diagnostic* problem, Phrase message) {
  if (problem) *problem = Diagnostic{"bad-duration", Severity::error, {}, std::move(message)};
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<Phrase> duration_out_of_range(double hours) {
  if (!(hours <= max_duration_hours))  // NaN too: no duration
    return phrase_of("longer than {}h, the longest duration the format accepts",
                     number_argument(max_duration_hours, 0));
  if (hours != 0 && hours < min_duration_hours)
    return phrase_of("shorter than {}s, the shortest duration other than 0 the format accepts",
                     number_argument(min_duration_hours * 3600, 3));
  return std::nullopt;
}

std::optional<Duration> parse_duration(std::string_view text, Diagnostic* problem) {
  const Phrase units_hint = phrase_of("accepted units: {}", accepted_duration_units());
  if (text.empty()) {
    set_error(problem, phrase_of("empty duration; write a number and a unit, e.g. 15min ({})", units_hint));
    return std::nullopt;
  }
  if (text.front() == '-' || text.front() == '+') {
    set_error(problem, phrase_of("a duration has no sign: '{}' ({})", text, units_hint));
    return std::nullopt;
  }
  // The number: digits with at most one decimal point, no exponent.
  std::size_t end = 0;
  bool seen_point = false, seen_digit = false;
  while (end < text.size() && (is_digit(text[end]) || (text[end] == '.' && !seen_point))) {
    if (text[end] == '.') seen_point = true; else seen_digit = true;
    ++end;
  }
  if (!seen_digit) {
    set_error(problem, phrase_of("'{}' is not a duration: it must start with a number, e.g. 15min ({})",
                                 text, units_hint));
    return std::nullopt;
  }
  const std::optional<NumberReading> number = read_decimal(text.substr(0, end));
  if (!number) {
    set_error(problem, phrase_of("'{}' is not a duration: its number is not a finite number", text));
    return std::nullopt;
  }
  if (number->underflow) {
    set_error(problem, phrase_of("'{}' is too close to 0 to tell from 0 (an underflow)", text));
    return std::nullopt;
  }
  const double value = number->value;
  std::string_view unit = text.substr(end);
  if (unit.empty()) {
    if (value == 0) return Duration{};
    set_error(problem, phrase_of("'{}' has no unit; only 0 may stand without one ({})", text, units_hint));
    return std::nullopt;
  }
  // A German decimal comma: "1,5h" means 1.5h.
  if (unit.size() > 1 && unit.front() == ',' && is_digit(unit[1])) {
    std::string with_point(text);
    with_point[end] = '.';
    set_error(problem, phrase_of("'{}' has a decimal comma; write a decimal point: {}", text, std::move(with_point)));
    return std::nullopt;
  }
  if (unit.front() == ' ' || unit.front() == '\t') {
    set_error(problem, phrase_of("'{}' has a space between number and unit; write it without one, e.g. 15min",
                                 text));
    return std::nullopt;
  }
  Duration duration;
  if (unit == "s") duration = {value / 3600.0, 0};
  else if (unit == "min") duration = {value / 60.0, 0};
  else if (unit == "h") duration = {value, 0};
  else if (unit == "d") duration = {0, value};
  else if (unit == "wk") duration = {0, 5.0 * value};
  else {
    set_error(problem, phrase_of("'{}' has an unknown unit '{}' ({})", text, unit, units_hint));
    return std::nullopt;
  }
  // A count of days has its hours from the calendar (check_duration_range);
  // an infinite one is out of range on every calendar.
  const double hours = duration.working_days == 0 ? duration.hours : std::isinf(duration.working_days) ? HUGE_VAL : 0;
  if (auto out = duration_out_of_range(hours)) {
    set_error(problem, phrase_of("'{}' is {}", text, std::move(*out)));
    return std::nullopt;
  }
  return duration;
}

std::optional<Diagnostic> check_duration_range(std::string_view text, const Duration& duration, double hours_per_day) {
  const double hours = duration.in_hours(hours_per_day);
  std::optional<Phrase> out = duration_out_of_range(hours);
  if (!out) return std::nullopt;
  // Days too many for this calendar: say the hours they come to.
  if (duration.working_days != 0 && hours > max_duration_hours)
    return Diagnostic{"bad-duration", Severity::error, {},
                      phrase_of("'{}' is {} h with {} h a day: {}", text, number_argument(hours, 0),
                                number_argument(hours_per_day, -2), std::move(*out))};
  return Diagnostic{"bad-duration", Severity::error, {}, phrase_of("'{}' is {}", text, std::move(*out))};
}

std::optional<double> parse_duration_hours(std::string_view text, double hours_per_day, Diagnostic* problem) {
  auto duration = parse_duration(text, problem);
  if (!duration) return std::nullopt;
  if (auto out = check_duration_range(text, *duration, hours_per_day)) {
    if (problem) *problem = std::move(*out);
    return std::nullopt;
  }
  return duration->in_hours(hours_per_day);
}

Distribution Distribution::written(Kind kind, const std::array<Duration, 3>& parameters, double hours_per_day) {
  Distribution d{kind, parameters[0].in_hours(hours_per_day), parameters[1].in_hours(hours_per_day),
                 parameters[2].in_hours(hours_per_day)};
  for (std::size_t k = 0; k < 3; ++k) d.working_days[k] = parameters[k].working_days;
  // Parameters the kind does not take stay 0, as the factories leave them.
  if (kind == Kind::fixed || kind == Kind::exponential) d.b = d.c = d.working_days[1] = d.working_days[2] = 0;
  if (kind == Kind::uniform) d.b = d.working_days[1] = 0;
  if (kind == Kind::lognormal) d.c = d.working_days[2] = 0;
  return d;
}

double Distribution::mean() const {
  switch (kind) {
    case Kind::fixed: return a;
    case Kind::triangular: return (a + b + c) / 3.0;
    case Kind::uniform: return (a + c) / 2.0;
    case Kind::exponential: return a;
    case Kind::lognormal: return a;
  }
  return 0;
}

double Distribution::variance() const {
  switch (kind) {
    case Kind::fixed: return 0;
    case Kind::triangular: return (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
    case Kind::uniform: return (c - a) * (c - a) / 12.0;
    case Kind::exponential: return a * a;
    case Kind::lognormal: return b * b;
  }
  return 0;
}

Distribution Distribution::scaled(double factor) const {
  // No time left: a fixed 0, since a lognormal, exponential or uniform of
  // zero width is no distribution the format can hold (found by fuzzing
  // `--set steps.ID.work=x0`).
  if (factor == 0) return Distribution{};
  return Distribution{kind,
                      a * factor,
                      b * factor,
                      c * factor,
                      {working_days[0] * factor, working_days[1] * factor, working_days[2] * factor}};
}

Distribution Distribution::on_calendar(double hours_per_day) const {
  Distribution d = *this;
  double* parameter[3] = {&d.a, &d.b, &d.c};
  for (std::size_t k = 0; k < 3; ++k)
    if (working_days[k] != 0) *parameter[k] = working_days[k] * hours_per_day;
  return d;
}

bool Distribution::well_formed() const {
  switch (kind) {
    case Kind::fixed: return a >= 0;
    case Kind::triangular: return 0 <= a && a <= b && b <= c;
    case Kind::uniform: return 0 <= a && a < c;
    case Kind::exponential: return a > 0;
    case Kind::lognormal: return a > 0 && b >= 0;
  }
  return false;
}

std::optional<Phrase> Distribution::out_of_range() const {
  std::array<double, 3> used{a, 0, 0};
  switch (kind) {
    case Kind::fixed:
    case Kind::exponential: break;
    case Kind::triangular: used = {a, b, c}; break;
    case Kind::uniform: used = {a, c, 0}; break;
    case Kind::lognormal: used = {a, b, 0}; break;
  }
  for (double parameter : used)
    if (auto out = duration_out_of_range(parameter)) return out;
  return std::nullopt;
}

const char* to_string(Distribution::Kind kind) {
  switch (kind) {
    case Distribution::Kind::fixed: return "fixed";
    case Distribution::Kind::triangular: return "triangular";
    case Distribution::Kind::uniform: return "uniform";
    case Distribution::Kind::exponential: return "exponential";
    case Distribution::Kind::lognormal: return "lognormal";
  }
  return "fixed";
}

std::string format_duration(double hours, double hours_per_day) {
  // One decimal at most, and none when it would be ".0".
  auto number = [](double value) {
    std::string text = fmt::format("{:.1f}", value);
    if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0) text.resize(text.size() - 2);
    return text;
  };
  if (hours == 0) return "0";
  if (hours < 1.0 / 60.0) return number(hours * 3600.0) + " s";
  if (hours < 1.0) return number(hours * 60.0) + " min";
  if (hours < hours_per_day) return number(hours) + " h";
  return number(hours / hours_per_day) + " d";
}

}  // namespace paperflow
