// Timestamps of an event log and the working calendar that turns them into
// working time (docs/event-log.md#working-time): a step from Friday 15:00
// to Monday 09:00 on an 08:00-16:00 calendar took 2 hours. Working hours
// are local: a timestamp counts at its own wall-clock time, whatever its
// offset, so that daylight saving changes nothing.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paperflow/diagnostic.h"

namespace paperflow {

/// A local date and wall-clock time. The offset a timestamp was written
/// with is not kept: working hours are local.
struct Timestamp {
  std::int64_t day = 0;  // days since 1970-01-01
  double seconds = 0;    // since the day's midnight, in [0, 86400]

  friend bool operator==(const Timestamp&, const Timestamp&) = default;
  friend auto operator<=>(const Timestamp&, const Timestamp&) = default;
};

/// The earliest and the latest year a timestamp may have: a log of an
/// administration's cases lies well inside, and a year of five digits is
/// a typing error, not a date.
inline constexpr int min_timestamp_year = 1900;
inline constexpr int max_timestamp_year = 2999;

/// Reads an ISO 8601 timestamp as case systems and XES writers write it:
/// `2025-03-04`, `2025-03-04T09:12`, `2025-03-04T09:12:00`, with a space
/// in place of the T, with fractional seconds (`09:12:00.250`), and with an
/// offset `Z`, `+01:00`, `+0100` or `+01`. Nothing when the text is none of
/// these or names no real date or time; `problem` then says why in words a
/// user can act on.
std::optional<Timestamp> parse_timestamp(std::string_view text, Phrase* problem = nullptr);

/// `2025-03-04T09:12:00`, to the second (rounded), without an offset.
std::string format_timestamp(const Timestamp& timestamp);

/// Days since 1970-01-01 of a date of the proleptic Gregorian calendar,
/// and back.
std::int64_t days_from_civil(int year, unsigned month, unsigned day);
struct CivilDate {
  int year;
  unsigned month, day;
};
CivilDate civil_from_days(std::int64_t days);

/// The working time of a log: working days of the week, the working hours
/// of each (one block), holidays. Working hours are counted from an
/// arbitrary origin: only differences between two timestamps mean
/// something.
class WorkingCalendar {
 public:
  /// Mon-Fri, 08:00 plus `hours_per_day` (a day of more than 16 hours
  /// starts earlier, to end by midnight), no holidays.
  explicit WorkingCalendar(double hours_per_day = 8);

  /// Working hours from `from_hours` to `to_hours` after midnight, 0 <=
  /// from < to <= 24.
  void set_hours(double from_hours, double to_hours);
  /// Working days by weekday, Monday first.
  void set_days(const std::array<bool, 7>& monday_first);
  /// Days that are not worked although their weekday is (any order,
  /// duplicates allowed).
  void set_holidays(std::vector<std::int64_t> days);

  double hours_per_day() const { return to_hours_ - from_hours_; }
  double day_start_hours() const { return from_hours_; }
  bool is_working_day(std::int64_t day) const;
  /// Working days of the calendar from `first` up to but not including
  /// `last`.
  std::int64_t working_days_between(std::int64_t first, std::int64_t last) const;
  /// The working hours before `at`, from the origin: differences give
  /// working time. Time outside the working hours and on days off counts
  /// nothing.
  double working_hours_at(const Timestamp& at) const;
  /// The moment `working_hours` after the origin: the inverse of
  /// working_hours_at on working time. A whole number of working days
  /// gives the start of the next working day, not the end of the one
  /// before.
  Timestamp timestamp_at(double working_hours) const;
  /// The first working day on or after `day`.
  std::int64_t working_day_from(std::int64_t day) const;

 private:
  std::int64_t working_days_before(std::int64_t day) const;  // from the origin, negative before it

  double from_hours_ = 8, to_hours_ = 16;
  std::array<bool, 7> days_{true, true, true, true, true, false, false};
  int days_a_week_ = 5;
  std::vector<std::int64_t> holidays_;  // sorted, unique, on working weekdays only
};

/// `08:00-16:00`: the working hours of each working day. Nothing, with a
/// reason in `problem`, when it is not two times HH:MM in order.
std::optional<std::pair<double, double>> parse_work_hours(std::string_view text, Phrase* problem = nullptr);
/// `Mon-Fri`, `Mon,Tue,Thu`, `Mon-Thu,Sat`: the working days, Monday first.
std::optional<std::array<bool, 7>> parse_work_days(std::string_view text, Phrase* problem = nullptr);
/// A holidays file: one ISO date a line (`2025-10-03`); blank lines and
/// lines starting with `#` are left out, and so is anything after the date
/// and a space (`2025-10-03 Tag der Deutschen Einheit`). A line that is no
/// date is a diagnostic (rule "bad-holiday") at its line and column.
std::vector<std::int64_t> parse_holidays(std::string_view text, const std::shared_ptr<const std::string>& file,
                                         Diagnostics& diagnostics);

}  // namespace paperflow
