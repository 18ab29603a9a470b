#include "paperflow/simulated_log.h"

#include <string>

#include <doctest/doctest.h>

#include "test_support.h"

using namespace paperflow;

namespace {

const std::string two_steps =
    "paperflow: 1\n"
    "process: {id: wohngeld, name: W}\n"
    "demand: {cases_per_year: 1000}\n"
    "units: [{id: stelle, name: S, staff: 1}]\n"
    "steps:\n"
    "  - {id: prüfen, name: P, unit: stelle, medium: paper, work: 1h, next: fertig}\n"
    "  - {id: fertig, name: F, end: true}\n";

std::int64_t day(int year, unsigned month, unsigned d) { return days_from_civil(year, month, d); }

}  // namespace

TEST_CASE("the simulated clock: the warm-up's end at 08:00 of the first working day, working hours 1:1") {
  WorkingCalendar calendar(8);  // Mon-Fri 08:00-16:00
  calendar.set_holidays({day(2025, 1, 7)});
  // Saturday 4 January 2025: the first working day is Monday the 6th.
  const SimulatedClock clock(calendar, 160, day(2025, 1, 4));
  CHECK(format_timestamp(clock.at(160)) == "2025-01-06T08:00:00");
  CHECK(format_timestamp(clock.at(167.5)) == "2025-01-06T15:30:00");
  // The end of a day is the start of the next working day: the 7th is a holiday.
  CHECK(format_timestamp(clock.at(168)) == "2025-01-08T08:00:00");
  CHECK(format_timestamp(clock.at(168.25)) == "2025-01-08T08:15:00");
  // Friday the 10th 15:00 and one hour later on Monday the 13th at 08:00...
  CHECK(format_timestamp(clock.at(160 + 3 * 8 + 7)) == "2025-01-10T15:00:00");
  CHECK(format_timestamp(clock.at(160 + 3 * 8 + 8.5)) == "2025-01-13T08:30:00");
  // ...on another calendar's day start.
  WorkingCalendar late(8);
  late.set_hours(9.5, 17.5);
  CHECK(format_timestamp(SimulatedClock(late, 0, day(2025, 1, 6)).at(1)) == "2025-01-06T10:30:00");
}

TEST_CASE("the simulated log: header, cases in order of arrival, runs by start then end, zero-padded ids") {
  const Process process = *test::valid(two_steps).process;
  SimulatedEventLog log;
  log.warmup_end_hours = 0;
  log.cases = {2};
  // Out of order, and a tie on start: the shorter run first, then the
  // engine's order.
  log.runs = {{0, 2, 0, 1.0, 2.0}, {0, 2, 1, 2.0, 2.0}, {0, 1, 1, 1.5, 1.5}, {0, 1, 0, 0.5, 1.5},
              {0, 1, 0, 0.5, 0.75}, {1, 1, 0, 0.0, 0.0}};
  const WorkingCalendar calendar(8);
  CHECK(simulated_log_csv(process, log, calendar, day(2025, 1, 6)) ==
        "case,activity,start,end,unit\n"
        "wohngeld-000001,prüfen,2025-01-06T08:30:00,2025-01-06T08:45:00,stelle\n"
        "wohngeld-000001,prüfen,2025-01-06T08:30:00,2025-01-06T09:30:00,stelle\n"
        "wohngeld-000001,fertig,2025-01-06T09:30:00,2025-01-06T09:30:00,\n"
        "wohngeld-000002,prüfen,2025-01-06T09:00:00,2025-01-06T10:00:00,stelle\n"
        "wohngeld-000002,fertig,2025-01-06T10:00:00,2025-01-06T10:00:00,\n");
  // More than a million cases: seven digits, so the ids still sort.
  log.cases = {1234567};
  log.runs = {{0, 1234567, 1, 0, 0}};
  CHECK(simulated_log_csv(process, log, calendar, day(2025, 1, 6)) ==
        "case,activity,start,end,unit\nwohngeld-1234567,fertig,2025-01-06T08:00:00,2025-01-06T08:00:00,\n");
}

TEST_CASE("the simulated log quotes a field as RFC 4180 says where it needs it") {
  Process process = *test::valid(two_steps).process;
  process.info.id = "a,b";
  process.steps[0].id = "say \"hi\"";
  SimulatedEventLog log;
  log.cases = {1};
  log.runs = {{0, 1, 0, 0, 1}};
  CHECK(simulated_log_csv(process, log, WorkingCalendar(8), day(2025, 1, 6)) ==
        "case,activity,start,end,unit\n\"a,b-000001\",\"say \"\"hi\"\"\",2025-01-06T08:00:00,2025-01-06T09:00:00,stelle\n");
}
