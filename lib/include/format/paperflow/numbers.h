// The numbers of the format: how a number is read from its text, and the
// range each key accepts (docs/format.md#ranges-of-numbers). The ranges are
// one table that the loader, `--set` and the documentation follow. They lie
// far beyond any real process, and they keep every figure derived from the
// file finite: a figure of 300 digits, or an infinity, is always a missing
// bound, never a process.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace paperflow {

/// The numbers one key accepts: from `low` (itself allowed unless
/// `low_open`) to `high`, inclusive.
struct NumberRange {
  double low = 0;
  bool low_open = false;
  double high = 0;
  const char* text = "";  // as messages and docs write it, in the format's own syntax: "(0, 1e9]"

  constexpr bool contains(double value) const { return (low_open ? value > low : value >= low) && value <= high; }
};

/// Why each bound is where it is (docs/format.md#ranges-of-numbers):
namespace number_range {
// A working day of at least an hour: the arrival rate divides by it.
inline constexpr NumberRange hours_per_day{1, false, 24, "[1, 24]"};
// At least one working day a year, for the same reason.
inline constexpr NumberRange days_per_year{1, false, 366, "[1, 366]"};
// The largest German mass procedures (tax returns, Kindergeld) have tens of
// millions of cases a year; a billion is none.
inline constexpr NumberRange cases_per_year{0, true, 1e9, "(0, 1e9]"};
// The largest German authority has about 100,000 staff; a thousandth of a
// person (two hours a year) is the least that works on a process. A unit's
// capacity, staff × availability, divides the load: it must not be 0.
inline constexpr NumberRange staff{0.001, false, 100'000, "[0.001, 100000]"};
inline constexpr NumberRange availability{0.001, false, 1, "[0.001, 1]"};
// Full cost rates are 50 to 150 EUR an hour; 10,000 EUR is none.
inline constexpr NumberRange cost_per_hour{0, false, 10'000, "[0, 10000]"};
// A measure's costs: a trillion euros is twice the federal budget.
inline constexpr NumberRange cost_eur{0, false, 1e12, "[0, 1e12]"};
inline constexpr NumberRange probability{0, true, 1, "(0, 1]"};
// A measure's factor (x0.5): a thousand times the time is no digitisation.
inline constexpr NumberRange factor{0, false, 1000, "[0, 1000]"};
}  // namespace number_range

/// A number read from its text.
struct NumberReading {
  double value = 0;
  /// The text has a digit other than 0 but is too close to 0 for a double
  /// (1e-400): `value` is then 0, which the text does not say.
  bool underflow = false;
};

/// Digits with at most one decimal point (a leading or trailing point
/// allowed) and an optional exponent, as `std::from_chars` reads them, but
/// telling a number too large for a double (read as infinity) from one too
/// close to 0 (read as 0 with `underflow` set). Nothing if the text is not
/// such a number.
std::optional<NumberReading> read_decimal(std::string_view text);

/// A plain scalar as a YAML 1.2 core-schema number (`12`, `-0.5`, `1e3`,
/// `0x1F`, `.inf`); nothing if it is not one. Infinities and NaN are
/// returned as such, for the caller to refuse.
std::optional<NumberReading> read_yaml_number(std::string_view text);

/// A finite number in plain decimal digits, never an exponent (which a
/// duration does not have): 0.0000001 rather than 1e-07. With
/// `significant_digits` 0, the shortest text that reads back as the same
/// double; else rounded to that many significant digits, without trailing
/// zeros after the point.
std::string plain_decimal(double value, int significant_digits = 0);

}  // namespace paperflow
