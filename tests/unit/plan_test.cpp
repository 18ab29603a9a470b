#include "paperflow/plan.h"

#include <map>
#include <random>

#include <doctest/doctest.h>

#include "paperflow/loader.h"
#include "paperflow/measures.h"
#include "paperflow/process_writer.h"
#include "paperflow/what_if.h"
#include "test_support.h"

using namespace paperflow;
using doctest::Approx;
using test::header;

namespace {

Process base() { return *test::valid(header(1000, 2) + test::plan_steps).process; }

Measure measure(const std::string& yaml) {
  const std::vector<Measure> loaded = test::measures(yaml);
  REQUIRE(loaded.size() == 1);
  return loaded[0];
}

}  // namespace

TEST_CASE("set gives the selected steps new values, and where must match every key") {
  auto applied = apply_measure(base(), measure("  - id: m\n    name: M\n    changes:\n"
                                               "      - where: {activity: [fill_in, submit], medium: paper}\n"
                                               "        set: {medium: digital, channel: online, delay: 0}\n"));
  REQUIRE(applied.applied);
  CHECK(applied.steps == std::vector<std::string>{"fill", "submit"});
  const Process& p = applied.process;
  CHECK(p.steps[0].medium == Medium::digital);
  CHECK(p.steps[1].channel == Channel::online);
  CHECK(p.steps[1].delay.is_zero());
  CHECK(p.steps[2].medium == Medium::digital);  // not selected: unchanged
}

TEST_CASE("remove routes the predecessors to the successor") {
  auto applied = apply_measure(base(), measure("  - id: m\n    name: M\n    changes:\n"
                                               "      - where: {activity: transcribe}\n        remove: true\n"));
  REQUIRE(applied.applied);
  const Process& p = applied.process;
  REQUIRE(p.steps.size() == 4);
  CHECK(p.steps[1].routing.next.id == "check");
  CHECK(p.step_index.count("type") == 0);
}

TEST_CASE("a remove with follows takes the step out of the way of the matching steps leading in only") {
  // Two ways into the intake: the application online, a reply by post.
  const std::string two_ways =
      "steps:\n"
      "  - {id: submit, name: S, unit: applicant, activity: submit, medium: digital, channel: online, next: intake}\n"
      "  - {id: reply, name: R, unit: applicant, activity: submit, medium: paper, channel: post, next: intake}\n"
      "  - {id: intake, name: I, unit: office, activity: receive, medium: paper, work: 2min, next: check}\n"
      "  - {id: check, name: C, unit: office, activity: check, medium: digital, work: 30min, next: [{to: reply, p: 0.2, rework: true}, {to: done, p: 0.8}]}\n"
      "  - {id: done, name: D, end: true}\n";
  const Process process = *test::valid(header(1000, 2) + two_ways).process;
  const Measure bypass = measure("  - id: m\n    name: M\n    changes:\n"
                                 "      - where: {activity: receive, follows: {channel: online}}\n        remove: true\n");
  auto applied = apply_measure(process, bypass);
  REQUIRE(applied.applied);
  const Process& p = applied.process;
  REQUIRE(p.step_index.count("intake") == 1);  // the post still comes in there
  CHECK(p.steps[p.step_index.at("submit")].routing.next.id == "check");
  CHECK(p.steps[p.step_index.at("reply")].routing.next.id == "intake");
  CHECK(applied.steps == std::vector<std::string>{"intake"});
  CHECK(p.steps[p.step_index.at("intake")].changed_by == std::vector<std::string>{"m"});
  // When every step leading in matches, the step disappears.
  const Measure all = measure("  - id: m\n    name: M\n    changes:\n"
                              "      - where: {activity: receive, follows: {activity: submit}}\n        remove: true\n");
  auto removed = apply_measure(process, all);
  REQUIRE(removed.applied);
  CHECK(removed.process.step_index.count("intake") == 0);
  CHECK(removed.process.steps[removed.process.step_index.at("reply")].routing.next.id == "check");
}

TEST_CASE("removing the start step makes its successor the start") {
  auto applied = apply_measure(base(), measure("  - id: m\n    name: M\n    changes:\n"
                                               "      - where: {id: fill}\n        remove: true\n"));
  REQUIRE(applied.applied);
  CHECK(applied.process.steps[applied.process.start_step()].id == "submit");
  // The rework edge that led to the removed step now leads to its successor.
  CHECK(applied.process.steps[2].routing.choices[0].to.id == "submit");
}

TEST_CASE("a step with several successors cannot be removed: reported, not applied") {
  auto applied = apply_measure(base(), measure("  - id: m\n    name: M\n    changes:\n"
                                               "      - where: {activity: check}\n        remove: true\n"));
  CHECK_FALSE(applied.applied);
  REQUIRE(applied.problem);
  CHECK(applied.problem->rule == "not-applicable");
  CHECK(applied.problem->message.english().find("not exactly one successor") != std::string::npos);
}

TEST_CASE("rework factors scale rework edges and renormalise the rest") {
  auto applied = apply_measure(base(), measure("  - id: m\n    name: M\n    changes:\n"
                                               "      - where: {activity: check}\n        rework: x0.5\n"));
  REQUIRE(applied.applied);
  const auto& choices = applied.process.steps[3].routing.choices;
  CHECK(choices[0].p == Approx(0.15));
  CHECK(choices[1].p == Approx(0.85));
  auto gone = apply_measure(base(), measure("  - id: m\n    name: M\n    changes:\n"
                                            "      - where: {activity: check}\n        rework: x0\n"));
  REQUIRE(gone.applied);
  CHECK(gone.process.steps[3].routing.kind == Routing::Kind::next);
  CHECK(gone.process.steps[3].routing.next.id == "done");
}

TEST_CASE("durations change by a factor on every parameter, or to a new value") {
  auto factor = apply_measure(base(), measure("  - id: m\n    name: M\n    changes:\n"
                                              "      - where: {activity: check}\n        work: x0.5\n"));
  REQUIRE(factor.applied);
  CHECK(factor.process.steps[3].work.mean() == Approx(0.25));
  auto value = apply_measure(base(), measure("  - id: m\n    name: M\n    changes:\n"
                                             "      - where: {activity: check}\n        work: [5min, 10min, 15min]\n"));
  REQUIRE(value.applied);
  CHECK(value.process.steps[3].work.mean() == Approx(10.0 / 60));
}

TEST_CASE("a measure's duration in days takes its hours from the process's calendar") {
  // The catalogue has no calendar; on a process of 6 h a day, 1d is 6 h,
  // not the 8 h of a default day.
  Process p = base();
  p.calendar.hours_per_day = 6;
  auto applied = apply_measure(p, measure("  - id: m\n    name: M\n    changes:\n"
                                          "      - where: {activity: check}\n        delay: 1d\n"));
  REQUIRE(applied.applied);
  CHECK(applied.process.steps[3].delay.mean() == 6);
}

TEST_CASE("a measure's three-point estimate out of order on the process's calendar is refused as not applicable") {
  // [5h, 1d, 2d] is in order on the day of 8 hours it is read on, not on
  // one of 4 hours, where 5h is more than 1d; applied, it was written as a
  // file that is not valid.
  Process p = base();
  p.calendar.hours_per_day = 4;
  const Measure m = measure("  - id: m\n    name: M\n    changes:\n"
                            "      - where: {activity: check}\n        set: {work: [5h, 1d, 2d]}\n");
  auto applied = apply_measure(p, m);
  CHECK_FALSE(applied.applied);
  REQUIRE(applied.problem);
  CHECK(applied.problem->rule == "not-applicable");
  CHECK(applied.problem->message.english().find("the `work` of step 'check' would have its parameters out of order") !=
        std::string::npos);
  p.calendar.hours_per_day = 6;
  CHECK(apply_measure(p, m).applied);
}

TEST_CASE("a measure that selects nothing is not applied") {
  auto applied = apply_measure(base(), measure("  - id: m\n    name: M\n    changes:\n"
                                               "      - where: {activity: pay}\n        work: x0.5\n"));
  CHECK_FALSE(applied.applied);
  REQUIRE(applied.problem);
  CHECK(applied.problem->rule == "not-applicable");
  CHECK(applied.problem->message.english() == "it selects no step of this process");
  CHECK(applied.problem->location.line == 2);  // the measure's place in its file
}

TEST_CASE("a measure that would take a duration out of the format's range is refused as not applicable") {
  // x1e308 made a duration infinite, and the plan printed -nan EUR.
  Process p = base();
  p.steps[3].work = Distribution::fixed(200);
  p.calendar.hours_per_day = 24;
  for (auto [change, says] : {
           std::pair{"work: x1000", "the `work` of step 'check' would be longer than 100000h"},
           std::pair{"work: [x500, x600, x1000]", "the `work` of step 'check' would be longer than 100000h"},
           // 5000d is 40,000 h where the catalogue is read, 120,000 h on this process's 24-hour day.
           std::pair{"delay: 5000d", "the `delay` of step 'check' would be longer than 100000h"},
           std::pair{"work: x0.000000001", "the `work` of step 'check' would be shorter than 0.001s"},
       }) {
    CAPTURE(change);
    auto applied = apply_measure(
        p, measure(std::string("  - id: m\n    name: M\n    changes:\n      - where: {activity: check}\n        ") +
                   change + "\n"));
    CHECK_FALSE(applied.applied);
    REQUIRE(applied.problem);
    CHECK(applied.problem->rule == "not-applicable");
    CHECK(applied.problem->location.line == 2);
    CHECK(applied.problem->message.english().find(says) != std::string::npos);
  }
  // Up to the bound, it applies.
  CHECK(apply_measure(p, measure("  - id: m\n    name: M\n    changes:\n      - where: {activity: check}\n"
                                 "        work: x500\n"))
            .applied);
}

TEST_CASE("--set refuses a number outside its range, an underflow and a duration a factor or calendar takes out") {
  Process base_process = base();
  base_process.steps[3].work = Distribution::fixed(200);
  base_process.steps[1].delay = Distribution::written(Distribution::Kind::fixed, {*parse_duration("5000d")}, 8);
  struct Case {
    const char* assignment;
    const char* rule;
    const char* says;
  };
  for (const Case& c : {
           Case{"units.office.staff=1e-400", "bad-value", "too close to 0 to tell from 0 (an underflow)"},
           Case{"units.office.staff=1e6", "bad-value", "not a number in [0.001, 100000]"},
           Case{"units.office.cost_per_hour=1e300", "bad-value", "not a number in [0, 10000]"},
           Case{"demand.cases_per_year=2e9", "bad-value", "not a number in (0, 1e9]"},
           Case{"calendar.hours_per_day=0.5", "bad-value", "not a number in [1, 24]"},
           Case{"steps.check.work=x1e308", "bad-value", "a factor must be in [0, 1000], not 'x1e308'"},
           Case{"steps.check.work=x1e-400", "bad-value", "too close to 0 to tell from 0"},
           Case{"steps.check.work=x1000", "bad-duration", "'x1000' would make the duration longer than 100000h"},
           Case{"steps.check.work=20000d", "bad-duration", "'20000d' is 160000 h with 8 h a day"},
           Case{"steps.check.work=[1h, 2h, 100001h]", "bad-duration", "longer than 100000h"},
           Case{"steps.check.work=0.0001s", "bad-duration", "shorter than 0.001s"},
           Case{"calendar.hours_per_day=24", "bad-duration",
                "with 24 h a day the delay of step 'submit' would be longer than 100000h"},
       }) {
    CAPTURE(c.assignment);
    Process p = base_process;
    const auto problem = apply_what_if(p, c.assignment);
    REQUIRE(problem);
    CHECK(problem->rule == c.rule);
    CHECK(problem->message.english().find(c.says) != std::string::npos);
    CHECK(write_process_yaml(p) == write_process_yaml(base_process));
  }
  Process p = base_process;
  CHECK_FALSE(apply_what_if(p, "steps.check.work=x500"));
  CHECK(p.steps[3].work.a == 100000);
}

TEST_CASE("--set refuses work on a step without a unit, as a file does, and takes work 0 there") {
  // Found by fuzzing: the step got the work, and the process was written
  // as a file that is not valid.
  Process base_process = base();
  base_process.steps[1].unit.reset();  // submit: a delay only
  Process p = base_process;
  const auto problem = apply_what_if(p, "steps.submit.work=1h");
  REQUIRE(problem);
  CHECK(problem->rule == "missing-key");
  CHECK(problem->message.english() == "step 'submit' has no unit to do work; give it a `unit` in the file");
  CHECK(write_process_yaml(p) == write_process_yaml(base_process));
  CHECK_FALSE(apply_what_if(p, "steps.submit.work=0"));
  CHECK_FALSE(apply_what_if(p, "steps.type.work=1h"));
}

TEST_CASE("requires puts a measure in a later wave, and figures are evaluated in order") {
  Process p = base();
  std::vector<Measure> measures{
      measure("  - id: b\n    name: B\n    requires: [a]\n    changes:\n      - where: {activity: check}\n        work: x0.5\n"),
      measure("  - id: a\n    name: A\n    changes:\n      - where: {activity: transcribe}\n        remove: true\n")};
  Plan plan = make_plan(p, measures, {});
  REQUIRE(plan.measures.size() == 2);
  CHECK(plan.measures[0].id == "a");
  CHECK(plan.measures[0].wave == 1);
  CHECK(plan.measures[1].id == "b");
  CHECK(plan.measures[1].wave == 2);
  // Removing 15 min of transcription at 60 EUR/h, run 1/0.7 times a case
  // (it sits in the rework loop): 1000 cases × 0.25 h / 0.7 = 357.1 hours,
  // × 60 EUR = 21,428.6 EUR a year.
  CHECK(plan.measures[0].staff_cost_saved_per_year == Approx(15000 / 0.7));
  CHECK(plan.measures[0].staff_hours_freed_per_year == Approx(250 / 0.7));
  const double sum = plan.measures[0].staff_cost_saved_per_year + plan.measures[1].staff_cost_saved_per_year;
  CHECK(sum == Approx(1000 * (plan.before.staff_cost_per_case - plan.after.staff_cost_per_case)));
}

TEST_CASE("merging measure lists: later lists override by id") {
  auto a = measure("  - id: x\n    name: First\n    changes: [{where: {activity: check}, work: x0.5}]\n");
  auto b = measure("  - id: x\n    name: Second\n    changes: [{where: {activity: check}, work: x0.9}]\n");
  auto merged = merge_measures({{a}, {b}});
  REQUIRE(merged.size() == 1);
  CHECK(merged[0].name == "Second");
}

TEST_CASE("the budget choice equals brute force on random small instances") {
  std::mt19937 random(42);
  for (int instance = 0; instance < 200; ++instance) {
    const std::size_t n = 1 + random() % 9;
    std::vector<double> cost(n), saving(n);
    std::vector<std::vector<std::size_t>> needs(n);
    for (std::size_t i = 0; i < n; ++i) {
      cost[i] = static_cast<double>(random() % 50);
      saving[i] = static_cast<double>(static_cast<int>(random() % 40) - 5);
      if (i > 0 && random() % 3 == 0) needs[i].push_back(random() % i);
    }
    const double budget = static_cast<double>(random() % 120);
    // Brute force, written plainly: every subset, closed under requires, within budget.
    double best = 0;
    for (std::size_t mask = 0; mask < (std::size_t{1} << n); ++mask) {
      double c = 0, s = 0;
      bool closed = true;
      for (std::size_t i = 0; i < n; ++i)
        if (mask >> i & 1) {
          c += cost[i];
          s += saving[i];
          for (std::size_t r : needs[i]) closed = closed && (mask >> r & 1);
        }
      if (closed && c <= budget) best = std::max(best, s);
    }
    auto chosen = choose_within_budget(cost, saving, needs, budget);
    double c = 0, s = 0;
    for (std::size_t i : chosen) {
      c += cost[i];
      s += saving[i];
      for (std::size_t r : needs[i]) CHECK(std::find(chosen.begin(), chosen.end(), r) != chosen.end());
    }
    CHECK(c <= budget);
    CHECK(s == best);
  }
}

TEST_CASE("the written process reads back to the same analysis, exactly") {
  Process p = *test::valid(header(1000, 2) + test::plan_steps).process;
  p.steps[3].work = Distribution::lognormal(0.4, 0.1);
  const std::string yaml = write_process_yaml(p, "a comment\nwith two lines");
  auto again = test::valid(yaml);
  Analysis a = analyse_process(p), b = analyse_process(*again.process);
  CHECK(*a.lead_time_hours == *b.lead_time_hours);
  CHECK(a.staff_cost_per_case == b.staff_cost_per_case);
  CHECK(a.media_breaks_per_case == b.media_breaks_per_case);
}

TEST_CASE("--set calendar.hours_per_day and the same calendar in the file give the same figures, both ways") {
  auto model = [](double hours_per_day) {
    return "paperflow: 1\nprocess: {id: k, name: K}\ncalendar: {hours_per_day: " + std::to_string(hours_per_day) +
           "}\ndemand: {cases_per_year: 300}\nunits:\n  - {id: amt, name: Amt, staff: 2, availability: 0.8}\n"
           "steps:\n"
           "  - {id: a, name: A, unit: amt, medium: paper, work: [1h, 0.25d, 0.5d], delay: 1wk, next: b}\n"
           "  - {id: b, name: B, unit: amt, medium: paper, work: {dist: lognormal, mean: 0.5d, sd: 2h},\n"
           "     delay: {dist: uniform, min: 1d, max: 3d}, next: c}\n"
           "  - {id: c, name: C, unit: amt, medium: paper, work: {dist: exponential, mean: 45min}, next: z}\n"
           "  - {id: z, name: Z, end: true}\n";
  };
  for (auto [in_file, set] : {std::pair{8.0, 4.0}, std::pair{4.0, 8.0}, std::pair{7.8, 6.0}}) {
    CAPTURE(in_file);
    CAPTURE(set);
    Process changed = *test::valid(model(in_file)).process;
    REQUIRE_FALSE(apply_what_if(changed, "calendar.hours_per_day=" + std::to_string(set)));
    const Process written = *test::valid(model(set)).process;
    for (std::size_t i = 0; i < written.steps.size(); ++i) {
      CHECK(changed.steps[i].work.mean() == Approx(written.steps[i].work.mean()).epsilon(1e-12));
      CHECK(changed.steps[i].work.variance() == Approx(written.steps[i].work.variance()).epsilon(1e-12));
      CHECK(changed.steps[i].delay.mean() == Approx(written.steps[i].delay.mean()).epsilon(1e-12));
    }
    Analysis a = analyse_process(changed), b = analyse_process(written);
    REQUIRE(a.lead_time_hours.has_value());
    CHECK(*a.lead_time_hours == Approx(*b.lead_time_hours).epsilon(1e-12));
    CHECK(a.units[0].utilisation == Approx(b.units[0].utilisation).epsilon(1e-12));
  }
}

TEST_CASE("a new working day that puts a three-point estimate out of order is refused, not applied") {
  Process p = *test::valid(header() + "steps:\n"
                           "  - {id: a, name: A, unit: office, medium: paper, work: [5h, 1d, 2d], next: z}\n"
                           "  - {id: z, name: Z, end: true}\n").process;
  const auto problem = apply_what_if(p, "calendar.hours_per_day=4");
  REQUIRE(problem);
  CHECK(problem->rule == "bad-value");
  CHECK(problem->message.english().find("step 'a'") != std::string::npos);
  CHECK(problem->message.english().find("out of order") != std::string::npos);
  CHECK(p.calendar.hours_per_day == 8);
  CHECK(p.steps[0].work.b == 8);
}

TEST_CASE("the written process writes the shortest and longest durations without an exponent, which the format has not") {
  // Found by the what_if fuzz target: a factor x1e308 was written as
  // 1e+308h, and 1e-07h was refused. Within the format's range (a
  // millisecond to 100,000 h) the writer needs no exponent.
  Process p = *test::valid(header(1000, 2) + test::plan_steps).process;
  p.steps[0].work = Distribution::fixed(min_duration_hours);
  const double hundredths_of_second = *parse_duration_hours("0.09s", 8);
  p.steps[2].work = Distribution::triangular(min_duration_hours, hundredths_of_second, 0.125);
  p.steps[3].work = Distribution::fixed(max_duration_hours);
  const std::string yaml = write_process_yaml(p, "extremes");
  CHECK(yaml.find("work: 0.001s") != std::string::npos);
  CHECK(yaml.find("work: [0.001s, 0.09s, 7.5min]") != std::string::npos);
  CHECK(yaml.find("work: 100000h") != std::string::npos);
  CHECK(yaml.find('e' + std::string("+")) == std::string::npos);
  Process again = *test::valid(yaml).process;
  CHECK(again.steps[0].work.a == min_duration_hours);
  CHECK(again.steps[2].work.a == min_duration_hours);
  CHECK(again.steps[2].work.b == hundredths_of_second);
  CHECK(again.steps[3].work.a == max_duration_hours);
}

TEST_CASE("the written process keeps durations in days, so it follows a new calendar as the original does") {
  Process p = *test::valid(header(1000, 2) + test::plan_steps).process;
  p.steps[3].work = Distribution::written(Distribution::Kind::triangular,
                                          {*parse_duration("2h"), *parse_duration("0.5d"), *parse_duration("1wk")}, 8);
  const std::string yaml = write_process_yaml(p, "days");
  CHECK(yaml.find("delay: 2d") != std::string::npos);
  CHECK(yaml.find("work: [2h, 0.5d, 1wk]") != std::string::npos);
  Process again = *test::valid(yaml).process;
  for (Process* q : {&p, &again}) REQUIRE_FALSE(apply_what_if(*q, "calendar.hours_per_day=6"));
  CHECK(again.steps[1].delay.mean() == 12);
  CHECK(again.steps[3].work.c == 30);
  CHECK(*analyse_process(again).lead_time_hours == *analyse_process(p).lead_time_hours);
}

TEST_CASE("the written process keeps what an end step carries of its own") {
  // Collecting the permit in person and signing for it count as a visit and
  // a wet signature; the written process must not lose them.
  const std::string yaml = R"(paperflow: 1
process: {id: e, name: E}
demand: {cases_per_year: 1000}
units:
  - {id: amt, name: Amt, staff: 2}
  - {id: bürger, name: Bürger:in, external: true}
steps:
  - {id: a, name: A, unit: amt, medium: paper, work: 1h, next: abholen}
  - {id: abholen, name: Abholen, end: true, unit: bürger, channel: in_person, signature: wet}
)";
  Process p = *test::valid(yaml).process;
  auto again = test::valid(write_process_yaml(p, "round trip"));
  const Step& end = again.process->steps[1];
  REQUIRE(end.end_unit);
  CHECK(end.end_unit->id == "bürger");
  CHECK(end.channel == Channel::in_person);
  CHECK(end.signature == Signature::wet);
  Analysis a = analyse_process(p), b = analyse_process(*again.process);
  CHECK(a.in_person_visits_per_case == 1.0);
  CHECK(a.wet_signatures_per_case == 1.0);
  CHECK(b.in_person_visits_per_case == a.in_person_visits_per_case);
  CHECK(b.wet_signatures_per_case == a.wet_signatures_per_case);
}

TEST_CASE("a plan recommends: what pays back within the horizon, what it requires, what OZG level 3 needs") {
  Process p = base();
  std::vector<Measure> measures{
      // Pays back at once: half the check's work for 1,000 EUR.
      measure("  - id: fast\n    name: Fast\n    requires: [helper]\n    cost: {once: 1000, per_year: 0}\n"
              "    changes:\n      - where: {activity: check}\n        work: x0.5\n"),
      // Changes a step and saves nothing: in only because fast requires it.
      measure("  - id: helper\n    name: Helper\n    cost: {once: 500, per_year: 0}\n"
              "    changes:\n      - where: {activity: transcribe}\n        set: {it_system: Fachverfahren}\n"),
      // Saves about 2,143 EUR a year for 100,000 EUR: 47 years.
      measure("  - id: slow\n    name: Slow\n    cost: {once: 100000, per_year: 0}\n"
              "    changes:\n      - where: {activity: transcribe}\n        work: x0.9\n"),
      // The applicant's steps online: no staff cost saved, but OZG level 3.
      measure("  - id: online\n    name: Online\n    cost: {once: 50000, per_year: 1000}\n"
              "    changes:\n      - where: {unit: applicant}\n"
              "        set: {medium: digital, channel: online, signature: none}\n"),
      // Selects nothing.
      measure("  - id: payment\n    name: Payment\n    changes:\n      - where: {activity: pay}\n        work: x0.5\n"),
  };
  const Plan plan = make_plan(p, measures, {});
  std::map<std::string, const PlannedMeasure*> in;
  for (const PlannedMeasure& m : plan.measures) in[m.id] = &m;
  REQUIRE(in.size() == 3);
  REQUIRE(in.count("fast"));
  CHECK(in["fast"]->because.kind == PlanReasonKind::pays_back);
  CHECK(in["fast"]->because.detail.english().find("within the horizon of 5 years") != std::string::npos);
  REQUIRE(in.count("helper"));
  CHECK(in["helper"]->because.kind == PlanReasonKind::required_by);
  CHECK(in["helper"]->because.detail.english() == "required by Fast (fast)");
  REQUIRE(in.count("online"));
  CHECK(in["online"]->because.kind == PlanReasonKind::ozg_level);
  CHECK_FALSE(in["online"]->payback_years.has_value());
  REQUIRE(plan.after.ozg_level);
  CHECK(*plan.after.ozg_level >= 3);

  std::map<std::string, std::string> out;
  for (const SkippedMeasure& s : plan.skipped) out[s.id] = s.reason.english();
  REQUIRE(out.size() == 2);
  CHECK(out["slow"].find("does not pay back within 5 years") == 0);
  CHECK(out["slow"].find("frees capacity worth 2143 EUR a year at cost rates") != std::string::npos);
  CHECK(out["payment"] == "not applicable: it selects no step of this process");

  // A horizon of 50 years admits the slow measure, for itself.
  PlanOptions patient;
  patient.horizon_years = 50;
  const Plan long_view = make_plan(p, measures, patient);
  bool slow_in = false;
  for (const PlannedMeasure& m : long_view.measures)
    if (m.id == "slow") slow_in = m.because.kind == PlanReasonKind::pays_back;
  CHECK(slow_in);
}

TEST_CASE("a budget chooses among the recommended measures and counts only those") {
  Process p = base();
  std::vector<Measure> measures{
      measure("  - id: fast\n    name: Fast\n    cost: {once: 1000, per_year: 0}\n"
              "    changes:\n      - where: {activity: check}\n        work: x0.5\n"),
      measure("  - id: slow\n    name: Slow\n    cost: {once: 100000, per_year: 0}\n"
              "    changes:\n      - where: {activity: transcribe}\n        work: x0.9\n"),
      measure("  - id: typing\n    name: Typing\n    cost: {once: 3000, per_year: 0}\n"
              "    changes:\n      - where: {activity: transcribe}\n        work: x0.5\n"),
  };
  PlanOptions options;
  options.budget = 2000;
  const Plan plan = make_plan(p, measures, options);
  REQUIRE(plan.measures.size() == 1);
  CHECK(plan.measures[0].id == "fast");
  CHECK(plan.selection_method.english() == "exact: every set of the 2 measures was tried");
  std::map<std::string, std::string> out;
  for (const SkippedMeasure& s : plan.skipped) out[s.id] = s.reason.english();
  CHECK(out["typing"] == "outside the budget of 2000 EUR");
  CHECK(out["slow"].find("does not pay back within 5 years") == 0);
}

TEST_CASE("where follows selects by a step leading in, and uses by the documents a step uses") {
  Process p = *test::valid(header() +
                           "documents:\n  - {id: form, name: Antrag}\n  - {id: proof, name: Nachweis}\n"
                           "steps:\n"
                           "  - {id: send, name: S, unit: applicant, activity: submit, medium: paper, channel: post, "
                           "uses: [form], next: intake}\n"
                           "  - {id: intake, name: I, unit: office, activity: receive, medium: paper, work: 5min, "
                           "next: other}\n"
                           "  - {id: other, name: O, unit: office, activity: receive, medium: paper, work: 5min, "
                           "uses: [proof], next: z}\n"
                           "  - {id: z, name: Z, end: true}\n")
                  .process;
  // Only the intake right after a posted submission becomes digital.
  auto posted = apply_measure(p, measure("  - id: m\n    name: M\n    changes:\n"
                                         "      - where: {activity: receive, follows: {activity: submit, channel: post}}\n"
                                         "        set: {medium: digital}\n"));
  REQUIRE(posted.applied);
  CHECK(posted.steps == std::vector<std::string>{"intake"});
  auto documents = apply_measure(p, measure("  - id: m\n    name: M\n    changes:\n"
                                            "      - where: {uses: [proof, certificate]}\n        work: x0.5\n"));
  REQUIRE(documents.applied);
  CHECK(documents.steps == std::vector<std::string>{"other"});
  // A follows that no predecessor matches selects nothing.
  auto none = apply_measure(p, measure("  - id: m\n    name: M\n    changes:\n"
                                       "      - where: {follows: {activity: pay}}\n        work: x0.5\n"));
  CHECK_FALSE(none.applied);
  CHECK(selects(StepSelector{}, p, p.steps[1]));
}

TEST_CASE("follows must be a where of its own") {
  MeasuresLoadResult loaded = load_measures(
      "measures:\n  - id: m\n    name: M\n    changes:\n      - where: {follows: submit}\n        work: x0.5\n", "m.yaml");
  REQUIRE(test::has(loaded.diagnostics, "wrong-type", 5, 26));
}

TEST_CASE("changed steps carry the measures that changed them, written as x-changed-by") {
  std::vector<Measure> known{
      measure("  - id: faster\n    name: Faster\n    changes:\n      - where: {activity: check}\n        work: x0.5\n"),
      measure("  - id: digital\n    name: Digital\n    changes:\n      - where: {id: [check, type]}\n"
              "        set: {it_system: E-Akte}\n")};
  const MeasuresInOrder after = apply_measures_in_order(base(), known, {"faster", "digital"});
  REQUIRE_FALSE(after.problem);
  const Process& p = after.process;
  CHECK(p.steps[p.step_index.at("check")].changed_by == std::vector<std::string>{"faster", "digital"});
  CHECK(p.steps[p.step_index.at("type")].changed_by == std::vector<std::string>{"digital"});
  CHECK(p.steps[p.step_index.at("fill")].changed_by.empty());
  const std::string yaml = write_process_yaml(p, "after");
  CHECK(yaml.find("    x-changed-by: [\"faster\", \"digital\"]\n") != std::string::npos);
  CHECK(test::valid(yaml).process->steps.size() == p.steps.size());  // an extension key: read as before
}
