#include "paperflow/working_calendar.h"

#include <random>

#include <doctest/doctest.h>

using namespace paperflow;

namespace {
Timestamp at(const char* text) {
  const auto timestamp = parse_timestamp(text);
  REQUIRE_MESSAGE(timestamp, text);
  return *timestamp;
}
}  // namespace

TEST_CASE("timestamps are read in every ISO 8601 form case systems and XES writers use") {
  CHECK(at("2025-03-04") == Timestamp{days_from_civil(2025, 3, 4), 0});
  CHECK(at("2025-03-04T09:12").seconds == 9 * 3600 + 12 * 60);
  CHECK(at("2025-03-04T09:12:30").seconds == 9 * 3600 + 12 * 60 + 30);
  CHECK(at("2025-03-04 09:12:30").seconds == 9 * 3600 + 12 * 60 + 30);
  CHECK(at("2025-03-04T09:12:30.250").seconds == doctest::Approx(9 * 3600 + 12 * 60 + 30.25));
  CHECK(at("2025-03-04T09:12:30,5").seconds == doctest::Approx(9 * 3600 + 12 * 60 + 30.5));
  // The offset is dropped: working hours are local wall-clock time.
  CHECK(at("2025-03-04T09:12:00+01:00") == at("2025-03-04T09:12:00"));
  CHECK(at("2025-07-04T09:12:00+02:00").seconds == at("2025-03-04T09:12:00").seconds);
  CHECK(at("2025-03-04T09:12:00.000+0100") == at("2025-03-04T09:12:00"));
  CHECK(at("2025-03-04T09:12:00Z") == at("2025-03-04T09:12:00"));
  CHECK(at("2025-03-04T09:12:00-05").seconds == 9 * 3600 + 12 * 60);
  CHECK(at("2025-03-04T24:00:00").seconds == 86400);
  CHECK(at("2024-02-29").day == days_from_civil(2024, 3, 1) - 1);
}

TEST_CASE("a text that is no timestamp is refused with a reason") {
  for (const char* bad : {"", "2025", "2025-3-4", "04.03.2025", "2025-02-29", "2025-13-01", "2025-03-04T25:00",
                          "2025-03-04T09:60", "2025-03-04T09:12:00+1", "2025-03-04T09:12:00 ", "2025-03-04X09:12",
                          "0000-01-01", "99999-01-01", "2025-03-04T09:12:00.", "2025-03-04T24:00:01",
                          "2025-03-04T09:12:00+15:00"}) {
    Phrase why;
    CHECK_MESSAGE(!parse_timestamp(bad, &why), bad);
    CHECK_MESSAGE(!why.empty(), bad);
  }
}

TEST_CASE("civil dates and days since 1970 convert both ways") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(2000, 3, 1) == 11017);
  for (std::int64_t day = -30000; day < 400000; day += 13) {
    const CivilDate date = civil_from_days(day);
    CHECK(days_from_civil(date.year, date.month, date.day) == day);
  }
  CHECK(format_timestamp(at("2025-03-04T09:12:30.4")) == "2025-03-04T09:12:30");
  CHECK(format_timestamp(at("2025-03-04T23:59:59.6")) == "2025-03-05T00:00:00");
}

TEST_CASE("working time counts only working hours of working days") {
  WorkingCalendar calendar(8);  // Mon-Fri 08:00-16:00
  // Friday 15:00 to Monday 09:00: one hour on Friday, one on Monday.
  CHECK(calendar.working_hours_at(at("2025-03-10T09:00")) - calendar.working_hours_at(at("2025-03-07T15:00")) == 2);
  // Before and after the working hours and over the weekend nothing counts.
  CHECK(calendar.working_hours_at(at("2025-03-07T18:00")) == calendar.working_hours_at(at("2025-03-10T07:00")));
  CHECK(calendar.working_hours_at(at("2025-03-08T12:00")) == calendar.working_hours_at(at("2025-03-07T16:00")));
  // A holiday on a Monday: Friday 15:00 to Tuesday 09:00 is still 2 h.
  calendar.set_holidays({at("2025-03-10").day, at("2025-03-08").day});
  CHECK(calendar.working_hours_at(at("2025-03-11T09:00")) - calendar.working_hours_at(at("2025-03-07T15:00")) == 2);
  CHECK(!calendar.is_working_day(at("2025-03-10").day));
  CHECK(calendar.working_days_between(at("2025-03-03").day, at("2025-03-17").day) == 9);
  // Other hours and days.
  WorkingCalendar week(7.8);
  CHECK(week.day_start_hours() == 8);
  CHECK(week.hours_per_day() == doctest::Approx(7.8));
  week.set_days({true, true, true, true, true, true, false});
  CHECK(week.working_hours_at(at("2025-03-10T09:00")) - week.working_hours_at(at("2025-03-07T15:00")) ==
        doctest::Approx(0.8 + 7.8 + 1));
}

TEST_CASE("timestamp_at is the inverse of working_hours_at on working time") {
  WorkingCalendar calendar(7.8);
  calendar.set_holidays({at("2025-10-03").day, at("2025-12-25").day, at("2025-12-26").day});
  std::mt19937_64 random(7);
  const double origin = calendar.working_hours_at(at("2025-01-06T08:00"));
  for (int i = 0; i < 20000; ++i) {
    const double hours = origin + std::uniform_real_distribution<double>(-2000, 4000)(random);
    const Timestamp moment = calendar.timestamp_at(hours);
    CHECK(calendar.is_working_day(moment.day));
    CHECK(moment.seconds >= 8 * 3600);
    CHECK(moment.seconds < (8 + 7.8) * 3600 + 1e-6);
    CHECK(calendar.working_hours_at(moment) == doctest::Approx(hours).epsilon(1e-12));
  }
  // A whole number of days is the start of the next working day.
  const Timestamp monday = calendar.timestamp_at(calendar.working_hours_at(at("2025-03-07T15:48")));
  CHECK(format_timestamp(monday) == "2025-03-10T08:00:00");
  CHECK(calendar.working_day_from(at("2025-10-03").day) == at("2025-10-06").day);
}

TEST_CASE("working hours, days and holiday files are read with a reason for what is refused") {
  CHECK(parse_work_hours("08:00-16:00") == std::pair{8.0, 16.0});
  CHECK(parse_work_hours("07:30-15:18")->second == doctest::Approx(15.3));
  for (const char* bad : {"8-16", "08:00", "16:00-08:00", "08:00-08:00", "08:00-25:00", "08:61-09:00"}) {
    Phrase why;
    CHECK_MESSAGE(!parse_work_hours(bad, &why), bad);
    CHECK(!why.empty());
  }
  CHECK(parse_work_days("Mon-Fri") == std::array{true, true, true, true, true, false, false});
  CHECK(parse_work_days("mon,WED,Fri-Sun") == std::array{true, false, true, false, true, true, true});
  for (const char* bad : {"", "Fri-Mon", "Monday", "Mon,", "Mo-Fr"}) CHECK_MESSAGE(!parse_work_days(bad), bad);
  Diagnostics diagnostics;
  const auto file = std::make_shared<const std::string>("feiertage.txt");
  const auto days = parse_holidays("# Berlin 2025\n2025-01-01 Neujahr\r\n\n  2025-10-03\n3.10.2025\n", file, diagnostics);
  CHECK(days == std::vector{at("2025-01-01").day, at("2025-10-03").day});
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].rule == "bad-holiday");
  CHECK(diagnostics[0].location.line == 5);
  CHECK(diagnostics[0].location.column == 1);
}
