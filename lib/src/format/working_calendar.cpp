#include "paperflow/working_calendar.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace paperflow {

namespace {

// Howard Hinnant's algorithms (chrono-Compatible Low-Level Date
// Algorithms): exact for every date of the proleptic Gregorian calendar.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

// 1970-01-01 was a Thursday: weekday 3 with Monday 0.
int weekday_monday_first(std::int64_t day) { return static_cast<int>(((day % 7) + 7 + 3) % 7); }

bool digits(std::string_view text, std::size_t from, std::size_t count, int& value) {
  if (from + count > text.size()) return false;
  value = 0;
  for (std::size_t i = from; i < from + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  return true;
}

unsigned days_in_month(int year, unsigned month) {
  static constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

template <class T>
std::optional<T> fail(Phrase* problem, Phrase why) {
  if (problem) *problem = std::move(why);
  return std::nullopt;
}

}  // namespace

std::int64_t days_from_civil(int year, unsigned month, unsigned day) {
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2);
  const std::int64_t era = floor_div(y, 400);
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = floor_div(days, 146097);
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const auto y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
  return {static_cast<int>(y), m, d};
}

std::optional<Timestamp> parse_timestamp(std::string_view text, Phrase* problem) {
  int year = 0, month = 0, day = 0;  // read as two digits each: never negative
  if (!digits(text, 0, 4, year) || text.size() < 10 || text[4] != '-' || !digits(text, 5, 2, month) ||
      text[7] != '-' || !digits(text, 8, 2, day))
    return fail<Timestamp>(problem, phrase_of("not an ISO 8601 date such as 2025-03-04 or 2025-03-04T09:12:00"));
  if (year < min_timestamp_year || year > max_timestamp_year)
    return fail<Timestamp>(problem, phrase_of("the year {} lies outside {} to {}", number_argument(year, 0),
                                                number_argument(min_timestamp_year, 0), number_argument(max_timestamp_year, 0)));
  if (month < 1 || month > 12 || day < 1 || static_cast<unsigned>(day) > days_in_month(year, static_cast<unsigned>(month)))
    return fail<Timestamp>(problem, phrase_of("{} is no date of the calendar", text.substr(0, 10)));
  Timestamp result{days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)), 0};
  std::size_t at = 10;
  if (at == text.size()) return result;
  if (text[at] != 'T' && text[at] != ' ')
    return fail<Timestamp>(problem, phrase_of("a date must be followed by T and a time, as in 2025-03-04T09:12:00"));
  int hour = 0, minute = 0, second = 0;
  if (!digits(text, at + 1, 2, hour) || at + 3 >= text.size() || text[at + 3] != ':' ||
      !digits(text, at + 4, 2, minute))
    return fail<Timestamp>(problem, phrase_of("a time must be written HH:MM or HH:MM:SS, as in 09:12:00"));
  at += 6;
  double fraction = 0;
  if (at < text.size() && text[at] == ':') {
    if (!digits(text, at + 1, 2, second))
      return fail<Timestamp>(problem, phrase_of("a time must be written HH:MM or HH:MM:SS, as in 09:12:00"));
    at += 3;
    if (at < text.size() && (text[at] == '.' || text[at] == ',')) {
      std::size_t end = at + 1;
      double scale = 0.1;
      while (end < text.size() && text[end] >= '0' && text[end] <= '9') {
        fraction += (text[end] - '0') * scale;
        scale /= 10;
        ++end;
      }
      if (end == at + 1) return fail<Timestamp>(problem, phrase_of("a decimal point in the seconds must be followed by digits"));
      at = end;
    }
  }
  // 24:00:00 is the end of the day, as ISO 8601 allows; a leap second
  // counts as the last second of its minute.
  if (hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute != 0 || second != 0 || fraction != 0)))
    return fail<Timestamp>(problem, phrase_of("{} is no time of the day", text.substr(11, at - 11)));
  result.seconds = std::min(hour * 3600.0 + minute * 60.0 + std::min(second, 59) + fraction, 86400.0);
  if (at == text.size()) return result;
  // The offset is checked and dropped: working hours are local.
  if (text[at] == 'Z' && at + 1 == text.size()) return result;
  if (text[at] == '+' || text[at] == '-') {
    int offset_hours = 0, offset_minutes = 0;
    const std::size_t rest = text.size() - at - 1;
    const bool ok = digits(text, at + 1, 2, offset_hours) &&
                    (rest == 2 || (rest == 4 && digits(text, at + 3, 2, offset_minutes)) ||
                     (rest == 5 && text[at + 3] == ':' && digits(text, at + 4, 2, offset_minutes)));
    if (ok && offset_hours <= 14 && offset_minutes <= 59) return result;
  }
  return fail<Timestamp>(problem, phrase_of("a timestamp may end only in an offset such as Z, +01:00 or -05:00"));
}

std::string format_timestamp(const Timestamp& timestamp) {
  std::int64_t day = timestamp.day;
  auto seconds = static_cast<std::int64_t>(std::llround(timestamp.seconds));
  if (seconds >= 86400) {  // rounded up into the next day
    seconds -= 86400;
    ++day;
  }
  const CivilDate date = civil_from_days(day);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", date.year, date.month, date.day, seconds / 3600,
                     seconds / 60 % 60, seconds % 60);
}

// A day of more than 16 hours starts earlier, so that it ends by midnight.
WorkingCalendar::WorkingCalendar(double hours_per_day) {
  const double from = std::max(0.0, std::min(8.0, 24 - hours_per_day));
  set_hours(from, std::min(24.0, from + hours_per_day));
}

void WorkingCalendar::set_hours(double from_hours, double to_hours) {
  from_hours_ = from_hours;
  to_hours_ = to_hours;
}

void WorkingCalendar::set_days(const std::array<bool, 7>& monday_first) {
  days_ = monday_first;
  days_a_week_ = static_cast<int>(std::count(days_.begin(), days_.end(), true));
  set_holidays(std::move(holidays_));
}

void WorkingCalendar::set_holidays(std::vector<std::int64_t> days) {
  std::erase_if(days, [&](std::int64_t day) { return !days_[static_cast<std::size_t>(weekday_monday_first(day))]; });
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  holidays_ = std::move(days);
}

bool WorkingCalendar::is_working_day(std::int64_t day) const {
  return days_[static_cast<std::size_t>(weekday_monday_first(day))] &&
         !std::binary_search(holidays_.begin(), holidays_.end(), day);
}

std::int64_t WorkingCalendar::working_days_before(std::int64_t day) const {
  // Whole weeks from the origin, then the weekdays of the part week, less
  // the holidays before the day.
  const std::int64_t weeks = floor_div(day, 7);
  std::int64_t count = weeks * days_a_week_;
  for (std::int64_t d = weeks * 7; d < day; ++d) count += days_[static_cast<std::size_t>(weekday_monday_first(d))];
  count -= std::lower_bound(holidays_.begin(), holidays_.end(), day) - holidays_.begin();
  return count;
}

std::int64_t WorkingCalendar::working_days_between(std::int64_t first, std::int64_t last) const {
  return last <= first ? 0 : working_days_before(last) - working_days_before(first);
}

double WorkingCalendar::working_hours_at(const Timestamp& at) const {
  double hours = static_cast<double>(working_days_before(at.day)) * hours_per_day();
  if (is_working_day(at.day)) hours += std::clamp(at.seconds / 3600 - from_hours_, 0.0, hours_per_day());
  return hours;
}

Timestamp WorkingCalendar::timestamp_at(double working_hours) const {
  const double per_day = hours_per_day();
  auto n = static_cast<std::int64_t>(std::floor(working_hours / per_day));
  double into_day = working_hours - static_cast<double>(n) * per_day;
  // The end of a day is the start of the next, also where rounding leaves
  // a few microseconds of the day.
  if (into_day >= per_day - 1e-9) {
    ++n;
    into_day = 0;
  }
  if (days_a_week_ == 0) return {0, from_hours_ * 3600};
  // The day with exactly n working days before it that is a working day:
  // the smallest day with more than n working days up to and including it,
  // found by bisection between two days that bracket it.
  const std::int64_t guess = floor_div(n, days_a_week_) * 7;
  std::int64_t low = guess - 7, high = guess + 7;
  for (std::int64_t step = 7; working_days_before(low + 1) > n; step *= 2) low -= step;
  for (std::int64_t step = 7; working_days_before(high + 1) <= n; step *= 2) high += step;
  while (high - low > 1) {  // working_days_before(low + 1) <= n < working_days_before(high + 1)
    const std::int64_t middle = low + (high - low) / 2;
    (working_days_before(middle + 1) > n ? high : low) = middle;
  }
  return {high, (from_hours_ + into_day) * 3600};
}

std::int64_t WorkingCalendar::working_day_from(std::int64_t day) const {
  if (days_a_week_ == 0) return day;
  while (!is_working_day(day)) ++day;
  return day;
}

std::optional<std::pair<double, double>> parse_work_hours(std::string_view text, Phrase* problem) {
  const auto time = [](std::string_view part) -> std::optional<double> {
    int hour = 0, minute = 0;
    if (part.size() != 5 || part[2] != ':' || !digits(part, 0, 2, hour) || !digits(part, 3, 2, minute) ||
        minute > 59 || hour > 24 || (hour == 24 && minute != 0))
      return std::nullopt;
    return hour + minute / 60.0;
  };
  const std::size_t dash = text.find('-');
  const auto from = dash == std::string_view::npos ? std::nullopt : time(text.substr(0, dash));
  const auto to = dash == std::string_view::npos ? std::nullopt : time(text.substr(dash + 1));
  if (!from || !to) return fail<std::pair<double, double>>(problem, phrase_of("working hours are written HH:MM-HH:MM, as in 08:00-16:00"));
  if (*to <= *from) return fail<std::pair<double, double>>(problem, phrase_of("working hours must end after they start"));
  return std::pair{*from, *to};
}

std::optional<std::array<bool, 7>> parse_work_days(std::string_view text, Phrase* problem) {
  static constexpr std::string_view names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  const auto index = [](std::string_view name) -> std::optional<std::size_t> {
    if (name.size() != 3) return std::nullopt;
    std::string lower(name);
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    for (std::size_t i = 0; i < 7; ++i)
      if (names[i] == lower) return i;
    return std::nullopt;
  };
  std::array<bool, 7> days{};
  bool any = false;
  while (true) {
    const std::size_t comma = text.find(',');
    const std::string_view part = text.substr(0, comma);
    const std::size_t dash = part.find('-');
    const auto first = index(part.substr(0, dash));
    const auto last = dash == std::string_view::npos ? first : index(part.substr(dash + 1));
    if (!first || !last || *last < *first)
      return fail<std::array<bool, 7>>(problem, phrase_of("working days are written as Mon-Fri or Mon,Tue,Thu (Mon to Sun)"));
    for (std::size_t i = *first; i <= *last; ++i) days[i] = true;
    any = true;
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  if (!any) return fail<std::array<bool, 7>>(problem, phrase_of("no working day given"));
  return days;
}

std::vector<std::int64_t> parse_holidays(std::string_view text, const std::shared_ptr<const std::string>& file,
                                         Diagnostics& diagnostics) {
  std::vector<std::int64_t> days;
  int line = 0;
  while (!text.empty()) {
    ++line;
    const std::size_t end = text.find('\n');
    std::string_view row = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
    std::size_t indent = 0;
    while (indent < row.size() && (row[indent] == ' ' || row[indent] == '\t')) ++indent;
    row.remove_prefix(indent);
    if (row.empty() || row.front() == '#') continue;
    const std::string_view date = row.substr(0, row.find_first_of(" \t"));
    Phrase why;
    const auto timestamp = date.size() == 10 ? parse_timestamp(date, &why) : std::nullopt;
    if (timestamp) {
      days.push_back(timestamp->day);
      continue;
    }
    diagnostics.push_back({"bad-holiday", Severity::error, {file, line, static_cast<int>(indent) + 1},
                           phrase_of("not a date such as 2025-10-03: {}", text_argument(date))});
  }
  return days;
}

}  // namespace paperflow
