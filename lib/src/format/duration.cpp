#include "paperflow/duration.h"

#include <charconv>
#include <cmath>
#include <vector>

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

// The units of time as the reader reads them and the writer writes them:
// one table, so that a written number reads back through the very
// arithmetic it was chosen for.
struct TimeUnit {
  std::string_view name;
  bool days;     // d, wk: a count of working days, whose hours the calendar gives
  double count;  // s, min, h: how many make an hour; d, wk: working days in one

  // A division by 3600, not a product with its inverse: 30s must be
  // exactly 30/3600 h, as a person computes it.
  Duration duration(double value) const { return days ? Duration{0, value * count} : Duration{value / count, 0}; }
};

constexpr TimeUnit time_units[] = {
    {"s", false, 3600}, {"min", false, 60}, {"h", false, 1}, {"d", true, 1}, {"wk", true, 5}};

const TimeUnit* find_unit(std::string_view name) {
  for (const TimeUnit& unit : time_units)
    if (unit.name == name) return &unit;
  return nullptr;
}

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
  const TimeUnit* known = find_unit(unit);
  if (!known) {
    set_error(problem, phrase_of("'{}' has an unknown unit '{}' ({})", text, unit, units_hint));
    return std::nullopt;
  }
  const Duration duration = known->duration(value);
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

Distribution Distribution::scaled(double factor, double hours_per_day) const {
  // No time left: a fixed 0, since a lognormal, exponential or uniform of
  // zero width is no distribution the format can hold (found by fuzzing
  // `--set steps.ID.work=x0`).
  if (factor == 0) return Distribution{};
  // (days × factor) × hours_per_day, not (days × hours_per_day) × factor:
  // the two differ in the last bit, and the file holds the days.
  return Distribution{kind,
                      a * factor,
                      b * factor,
                      c * factor,
                      {working_days[0] * factor, working_days[1] * factor, working_days[2] * factor}}
      .on_calendar(hours_per_day);
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

namespace {

// The shortest text in plain decimal digits that `unit` reads back as
// exactly `target`: the numbers of 1 to 17 significant digits nearest to
// the target in that unit, each tried, since the reader's division by 60
// or 3600 need not invert the writer's multiplication. Nothing when none
// reads back exactly (a division can skip a double).
std::optional<std::string> exact_text(const TimeUnit& unit, const Duration& target) {
  const double estimate = unit.days ? target.working_days / unit.count : target.hours * unit.count;
  if (!std::isfinite(estimate)) return std::nullopt;
  const double up = std::nextafter(estimate, HUGE_VAL), down = std::nextafter(estimate, -HUGE_VAL);
  const double near[] = {estimate, up, down, std::nextafter(up, HUGE_VAL), std::nextafter(down, -HUGE_VAL)};
  for (int digits = 1; digits <= 17; ++digits) {
    std::string tried;
    for (double candidate : near) {
      std::string text = plain_decimal(candidate, digits);
      if (text == tried) continue;
      tried = text;
      const std::optional<NumberReading> read = read_decimal(text);
      if (!read || read->underflow) continue;
      const Duration back = unit.duration(read->value);
      if (back.hours == target.hours && back.working_days == target.working_days) return text;
    }
  }
  return std::nullopt;
}

std::size_t decimals(const std::string& number) {
  const std::size_t point = number.find('.');
  return point == std::string::npos ? 0 : number.size() - point - 1;
}

}  // namespace

std::string write_duration(const Duration& duration) {
  if (duration.hours == 0 && duration.working_days == 0) return "0";
  const TimeUnit &s = time_units[0], &min = time_units[1], &h = time_units[2], &d = time_units[3], &wk = time_units[4];
  if (duration.working_days != 0) {
    if (auto weeks = exact_text(wk, duration); weeks && decimals(*weeks) == 0) return *weeks + "wk";
    if (auto days = exact_text(d, duration)) return *days + "d";
    return plain_decimal(duration.working_days) + "d";  // never: a day reads back as itself
  }
  // The unit that fits the size and the smaller ones, largest first: the
  // first whose number has at most two decimals is how a person writes it
  // (1.5h, 100min, 0.1s); else the fitting unit, exact at any length.
  const double hours = duration.hours;
  const std::vector<const TimeUnit*> order = hours < 1.0 / 60 ? std::vector{&s, &min, &h}
                                             : hours < 1      ? std::vector{&min, &s, &h}
                                                              : std::vector{&h, &min, &s};
  std::vector<std::optional<std::string>> texts;
  for (const TimeUnit* unit : order) {
    texts.push_back(exact_text(*unit, duration));
    const bool at_or_below_fit = unit->count >= order[0]->count;
    if (at_or_below_fit && texts.back() && decimals(*texts.back()) <= 2) return *texts.back() + std::string(unit->name);
  }
  for (std::size_t k = 0; k < order.size(); ++k)
    if (texts[k]) return *texts[k] + std::string(order[k]->name);
  return plain_decimal(hours) + "h";  // never: an hour reads back as itself
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
