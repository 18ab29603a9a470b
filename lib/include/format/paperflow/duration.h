// Durations and their distributions. All times inside paperflow are working
// hours on the process's calendar; a working day is `hours_per_day` hours
// and a working week five working days (docs/format.md#units-of-time). A
// duration written in days or weeks keeps its count of working days beside
// its hours, so that a calendar changed later (`--set
// calendar.hours_per_day=4`) gives the same figures as that calendar in the
// file.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "paperflow/diagnostic.h"

namespace paperflow {

/// The accepted units, for messages: "s, min, h, d (working day), wk
/// (working week)", a phrase so that the words are translated.
inline Phrase accepted_duration_units() { return phrase_of("s, min, h, d (working day), wk (working week)"); }

/// One duration as written: in hours (s, min, h) or in working days (d, and
/// wk as five), whose hours the calendar gives.
struct Duration {
  double hours = 0;
  double working_days = 0;

  double in_hours(double hours_per_day) const { return hours + working_days * hours_per_day; }
};

/// The shortest duration other than 0 and the longest, in working hours
/// on the process's calendar (docs/format.md#the-range-of-a-duration).
/// A millisecond: no step of paper-based work is timed more finely, and
/// below it the square of a mean, which the queue formula divides by, would
/// vanish from a double. 100,000 hours: about 11 years around the clock, 50
/// working years; no step lasts so long, and a year of cases of such steps
/// at any cost rate stays far inside what a double holds.
inline constexpr double min_duration_hours = 0.001 / 3600;
inline constexpr double max_duration_hours = 100'000;

/// How a duration of `hours` falls outside that range, as words for a
/// sentence: "longer than 100000h, the longest duration the format
/// accepts" or "shorter than 0.001s, the shortest other than 0"; nothing
/// when it is 0 or in range.
std::optional<Phrase> duration_out_of_range(double hours);

/// Parses one duration such as "15min", "1.5h", "2d" or "0". Returns
/// nothing if the text is not a duration of the format (a space, a sign, an
/// unknown unit, a number without a unit other than 0, a number too close
/// to 0 to tell from 0, one in s, min or h outside the format's range, a
/// count of days or weeks that is not finite); `problem` then says why, in
/// words a user can act on (rule "bad-duration", no location: the caller
/// knows where the text stands). Days and weeks need the calendar for their
/// range: check_duration_range.
std::optional<Duration> parse_duration(std::string_view text, Diagnostic* problem = nullptr);

/// Rule "bad-duration" (no location) when `duration`, written as `text`,
/// is outside the format's range in hours on a calendar of `hours_per_day`;
/// nothing when it is in range.
std::optional<Diagnostic> check_duration_range(std::string_view text, const Duration& duration, double hours_per_day);

/// parse_duration and check_duration_range: the duration in hours on a
/// calendar of `hours_per_day`.
std::optional<double> parse_duration_hours(std::string_view text, double hours_per_day,
                                           Diagnostic* problem = nullptr);

/// One duration as a person writes it, which parse_duration reads back as
/// exactly the same Duration: in working days when it has days (wk for
/// whole weeks, else d), else in the unit that fits its size (s below a
/// minute, min below an hour, else h) or a smaller one whose number has at
/// most two decimals (100min rather than 1.6666666666666667h); with the
/// fewest digits that read back exactly, never an exponent. A duration has
/// hours or days, not both. Noise a factor left (3min × 0.2) keeps the
/// digits that make it exact.
std::string write_duration(const Duration& duration);

/// A duration that may be uncertain. Parameters are in hours.
struct Distribution {
  enum class Kind { fixed, triangular, uniform, exponential, lognormal };

  Kind kind = Kind::fixed;
  // fixed: a = value. triangular: a = min, b = mode, c = max.
  // uniform: a = min, c = max. exponential: a = mean.
  // lognormal: a = mean, b = standard deviation.
  double a = 0, b = 0, c = 0;
  // Of each parameter written in days or weeks, its count of working days
  // (0 for one written in hours): on_calendar() gives it new hours.
  std::array<double, 3> working_days{};

  static Distribution fixed(double hours) { return {Kind::fixed, hours, 0, 0}; }
  static Distribution triangular(double min, double mode, double max) {
    return {Kind::triangular, min, mode, max};
  }
  static Distribution uniform(double min, double max) { return {Kind::uniform, min, 0, max}; }
  static Distribution exponential(double mean) { return {Kind::exponential, mean, 0, 0}; }
  static Distribution lognormal(double mean, double sd) { return {Kind::lognormal, mean, sd, 0}; }
  /// A distribution from parameters as written, in hours on a calendar of
  /// `hours_per_day`; parameters the kind does not take are ignored.
  static Distribution written(Kind kind, const std::array<Duration, 3>& parameters, double hours_per_day);

  /// E[X], by the table in docs/format.md#distributions.
  double mean() const;
  /// Var[X], by the same table.
  double variance() const;
  /// E[X²] = Var[X] + E[X]², the second moment the queueing formula needs.
  double second_moment() const { return variance() + mean() * mean(); }
  bool is_zero() const { return kind == Kind::fixed && a == 0; }

  /// Every parameter multiplied by `factor` (a measure's `x0.7`); a factor
  /// of 0 gives a fixed 0 of any kind. A parameter in days takes its hours
  /// from its new count of days on a calendar of `hours_per_day`, as the
  /// reader computes them, so that the written process reads back exactly.
  Distribution scaled(double factor, double hours_per_day) const;
  /// The same distribution on a calendar of `hours_per_day`: parameters
  /// written in working days take their hours from it, the others keep
  /// theirs.
  Distribution on_calendar(double hours_per_day) const;
  /// Whether the parameters are in the order the kind needs (min <= mode <=
  /// max, min < max, a positive mean). Parameters in days and in hours can
  /// fall out of order on another calendar.
  bool well_formed() const;
  /// How the first parameter of the kind outside the format's range of a
  /// duration falls outside it (duration_out_of_range); nothing when every
  /// one is in range. A factor or another calendar can take one out.
  std::optional<Phrase> out_of_range() const;
};

const char* to_string(Distribution::Kind kind);

/// A duration in hours as a person reads it: "25 min", "1.5 h", "2 d".
std::string format_duration(double hours, double hours_per_day);

}  // namespace paperflow
