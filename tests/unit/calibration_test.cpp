// Calibration (calibration.h): the figures of a small log worked out by
// hand, working time on the calendar, the replay's kinds of cases, and the
// values --emit writes.
#include "paperflow/calibration.h"

#include <cmath>
#include <string>

#include <doctest/doctest.h>

#include "test_support.h"

using namespace paperflow;

namespace {

Timestamp at(const char* text) { return *parse_timestamp(text); }

Process plan_process() { return *test::valid(test::header() + test::plan_steps).process; }

struct Row {
  const char* case_id;
  const char* activity;
  const char* start;
  const char* end;
  const char* resource = "";
};

EventLogCases cases_of(const Process& process, std::initializer_list<Row> rows, bool has_start = true) {
  EventLogCases cases(process, WorkingCalendar(8));
  cases.set_columns(has_start, true);
  for (const Row& row : rows) {
    const std::optional<Timestamp> start = has_start ? std::optional(at(row.start)) : std::nullopt;
    REQUIRE_FALSE(cases.add(row.case_id, row.activity, row.resource, start, at(row.end)));
  }
  return cases;
}

}  // namespace

TEST_CASE("a step from Friday 15:00 to Monday 09:00 on an 08:00-16:00 calendar took 2 h of work") {
  const Process process = plan_process();
  EventLogCases cases = cases_of(process, {{"A", "type", "2025-03-07T15:00", "2025-03-10T09:00"},
                                           {"A", "check", "2025-03-10T09:00", "2025-03-10T09:30"}});
  const Calibration c = calibrate(cases);
  CHECK(*c.steps[process.step_index.at("type")].work_mean == doctest::Approx(2));
  CHECK(*c.steps[process.step_index.at("check")].work_mean == doctest::Approx(0.5));
}

TEST_CASE("calibrate measures work, waiting, routing, visits and lead time as worked out by hand") {
  const Process process = plan_process();
  // Case A goes round the rework loop once; B goes straight through; the
  // applicant's steps are not in the log (silent). Monday 2025-03-03.
  EventLogCases cases = cases_of(process, {
      {"A", "type", "2025-03-03T08:00", "2025-03-03T08:15", "Frau Albers"},
      {"A", "check", "2025-03-03T09:00", "2025-03-03T09:30", "Frau Albers"},
      {"A", "type", "2025-03-05T08:00", "2025-03-05T08:20", "Herr Yilmaz"},
      {"A", "check", "2025-03-05T08:20", "2025-03-05T08:50", "Herr Yilmaz"},
      {"A", "done", "2025-03-05T08:50", "2025-03-05T08:50"},
      {"B", "T", "2025-03-04T10:00", "2025-03-04T10:10", "Frau Albers"},  // by the step's name
      {"B", "check", "2025-03-04T10:10", "2025-03-04T10:40", "Frau Albers"},
  });
  const Calibration c = calibrate(cases);
  const StepCalibration& type = c.steps[process.step_index.at("type")];
  const StepCalibration& check = c.steps[process.step_index.at("check")];
  CHECK(c.rows == 7);
  CHECK(c.cases == 2);
  CHECK(c.cases_fitting == 2);
  CHECK(*c.fitness == 1);
  CHECK(type.runs == 3);
  CHECK(*type.work_mean == doctest::Approx((0.25 + 1.0 / 3 + 1.0 / 6) / 3));
  CHECK(*check.work_mean == doctest::Approx(0.5));
  // Waiting before check: 45 min (A), 0 (A again), 0 (B).
  CHECK(*check.wait_mean == doctest::Approx(0.75 / 3));
  // Visits per complete case: type 3 runs over 2 cases.
  CHECK(*type.visits == doctest::Approx(1.5));
  CHECK(type.model_visits == doctest::Approx(1 / 0.7));
  // Routing: of check's 3 runs, one went back to fill (type follows through
  // the silent applicant steps), two to done (B's last run reaches the end
  // silently).
  REQUIRE(c.choices.size() == 2);
  CHECK(c.choices[0].runs == 3);
  CHECK(c.choices[0].taken == 1);
  CHECK(*c.choices[0].log_p == doctest::Approx(1.0 / 3));
  CHECK(*c.choices[1].log_p == doctest::Approx(2.0 / 3));
  CHECK(*c.choices[0].log_per_case == doctest::Approx(0.5));
  // Lead time: A from Mon 08:00 to Wed 08:50 = 16 h + 50 min; B 40 min.
  CHECK(*c.lead_time_mean == doctest::Approx((16 + 50.0 / 60 + 40.0 / 60) / 2));
  // Arrivals: A at Mon 08:00, B at Tue 10:00: one gap of 10 working hours.
  CHECK(c.arrivals == 2);
  CHECK(*c.log_cases_per_year == doctest::Approx(1.0 / 10 * 8 * 250));
  // The applicant's steps and the end are never shown... but done is, once.
  CHECK(c.steps_never_seen == std::vector<std::size_t>{process.step_index.at("fill"), process.step_index.at("submit")});
}

TEST_CASE("queue wait is the unbroken stretch in which the unit was busy with other cases up to the start") {
  const Process process = plan_process();  // the office has one person
  EventLogCases cases = cases_of(process, {
      {"A", "type", "2025-03-03T08:00", "2025-03-03T08:10", "Frau Albers"},
      {"A", "check", "2025-03-03T09:45", "2025-03-03T10:15", "Herr Yilmaz"},
      {"B", "type", "2025-03-03T09:00", "2025-03-03T09:45", "Frau Albers"},
      {"B", "check", "2025-03-03T10:15", "2025-03-03T10:45", "Frau Albers"},
  });
  const Calibration c = calibrate(cases);
  const StepCalibration& check = c.steps[process.step_index.at("check")];
  // A waits 08:10-09:45 (95 min): the office is free until 09:00, then busy
  // with B until A starts: 45 min of queue. B waits 09:45-10:15 (30 min),
  // all of it behind A's check. Whoever the log names, the unit queues.
  CHECK(*check.wait_mean == doctest::Approx((95.0 + 30.0) / 2 / 60));
  CHECK(*check.queue_mean == doctest::Approx((45.0 + 30.0) / 2 / 60));
  // The rest is type's delay: 50 and 0 minutes.
  const StepCalibration& type = c.steps[process.step_index.at("type")];
  CHECK(*type.delay_mean == doctest::Approx(50.0 / 2 / 60));
}

TEST_CASE("a unit free for a moment within a wait kept nobody queueing") {
  const Process process = plan_process();
  EventLogCases cases = cases_of(process, {
      {"A", "type", "2025-03-03T08:00", "2025-03-03T08:10"},
      {"A", "check", "2025-03-03T10:00", "2025-03-03T10:30"},
      {"B", "type", "2025-03-03T09:00", "2025-03-03T09:45"},
  });
  const Calibration c = calibrate(cases);
  // The office was busy with B 09:00-09:45, then free until A's check.
  CHECK(*c.steps[process.step_index.at("check")].queue_mean == 0);
}

TEST_CASE("cases are told apart: fitting, deviating with where they leave, open, begun before the log") {
  const Process process = plan_process();
  EventLogCases cases = cases_of(process, {
      {"fits", "type", "2025-03-03T08:00", "2025-03-03T08:15"},
      {"fits", "check", "2025-03-03T08:15", "2025-03-03T08:45"},
      {"fits", "done", "2025-03-03T08:45", "2025-03-03T08:45"},
      {"skips", "type", "2025-03-03T09:00", "2025-03-03T09:15"},
      {"skips", "done", "2025-03-03T09:15", "2025-03-03T09:15"},
      {"open", "type", "2025-03-03T10:00", "2025-03-03T10:15"},
      {"before", "check", "2025-03-03T11:00", "2025-03-03T11:30"},
  });
  const Calibration c = calibrate(cases);
  CHECK(c.cases_fitting == 1);
  CHECK(c.cases_deviating == 1);
  CHECK(c.cases_open == 1);
  CHECK(c.cases_begun_before == 1);
  CHECK(c.cases_used == 2);
  CHECK(*c.fitness == 0.5);
  REQUIRE(c.deviations.size() == 1);
  CHECK(c.deviations[0].cases == 1);
  CHECK(c.deviations[0].first_case == "skips");
  CHECK(c.deviations[0].leaves_after == std::optional<std::size_t>(0));
  CHECK(c.cut_off_examples == std::vector<std::string>{"open", "before"});
}

TEST_CASE("an activity the process does not know is left out and counted") {
  const Process process = plan_process();
  EventLogCases cases(process, WorkingCalendar(8));
  cases.set_columns(true, false);
  CHECK(cases.add("A", "scan", "", at("2025-03-03T08:00"), at("2025-03-03T08:10")));
  CHECK(cases.add("B", "scan", "", at("2025-03-03T08:00"), at("2025-03-03T08:10")));
  CHECK_FALSE(cases.add("A", "type", "", at("2025-03-03T08:10"), at("2025-03-03T08:20")));
  CHECK(cases.rows() == 3);
  CHECK(cases.rows_used() == 1);
  CHECK(cases.unknown_activities() == std::vector<std::pair<std::string, std::size_t>>{{"scan", 2}});
}

TEST_CASE("the fitted work keeps the measured mean, and emitted shares sum to exactly 1") {
  const Process process = plan_process();
  EventLogCases cases(process, WorkingCalendar(8));
  cases.set_columns(true, false);
  // 40 cases: type takes 10 + k % 7 minutes; check sends 1 in 8 back.
  for (int k = 0; k < 40; ++k) {
    const std::string id = "C" + std::to_string(k);
    const std::int64_t day = days_from_civil(2025, 3, 3) + 7 * (k / 5) + k % 5;
    const double type_end = 8 * 3600 + (10 + k % 7) * 60.0;
    cases.add(id, "type", "", Timestamp{day, 8 * 3600}, Timestamp{day, type_end});
    cases.add(id, "check", "", Timestamp{day, type_end}, Timestamp{day, type_end + 1800});
    if (k % 8 == 0) {
      cases.add(id, "type", "", Timestamp{day, 12 * 3600}, Timestamp{day, 12 * 3600 + 600});
      cases.add(id, "check", "", Timestamp{day, 13 * 3600}, Timestamp{day, 13 * 3600 + 1800});
    }
  }
  const Calibration c = calibrate(cases);
  const StepCalibration& type = c.steps[process.step_index.at("type")];
  REQUIRE(type.fit);
  CHECK(type.fit->distribution.mean() == doctest::Approx(*type.work_mean));
  CHECK(type.fit->ks > 0);
  CHECK(type.fit->ks < 1);
  // check always took 30 min: a fixed value.
  const StepCalibration& check = c.steps[process.step_index.at("check")];
  REQUIRE(check.fit);
  CHECK(check.fit->distribution.kind == Distribution::Kind::fixed);
  CHECK(check.fit->distribution.a == doctest::Approx(0.5));
  const CalibratedValues values = calibrated_values(process, c);
  const std::size_t i = process.step_index.at("check");
  REQUIRE(values.p[i].size() == 2);
  CHECK(*values.p[i][0] + *values.p[i][1] == 1);
  CHECK(*values.p[i][0] == doctest::Approx(5.0 / 45).epsilon(1e-3));
  CHECK(values.work[i]->a == 0.5);
}
