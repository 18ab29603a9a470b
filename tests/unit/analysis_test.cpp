#include "paperflow/analysis.h"

#include <cmath>

#include <doctest/doctest.h>

#include "test_support.h"

using namespace paperflow;
using doctest::Approx;
using test::analyse_yaml;
using test::header;

// λ for header(1000): 1000 / (250 × 8) = 0.5 cases per working hour.

TEST_CASE("M/M/1: one exponential step, where Kingman's formula is exact") {
  auto a = analyse_yaml(header(1000, 1) + "steps:\n"
                        "  - {id: serve, name: S, unit: office, medium: paper, work: {dist: exponential, mean: 1h}, next: z}\n"
                        "  - {id: z, name: Z, end: true}\n");
  CHECK(a.arrival_rate_per_hour == Approx(0.5));
  const auto& office = a.units[0];
  CHECK(office.utilisation == Approx(0.5));
  CHECK(office.service_scv == Approx(1.0));
  // M/M/1: Wq = ρ/(μ − λ) = 0.5 / (1 − 0.5) = 1 h.
  CHECK(*office.queue_wait_hours == Approx(1.0));
  CHECK(*a.lead_time_hours == Approx(2.0));
  CHECK(*a.lead_time_days == Approx(0.25));
  CHECK(a.touch_time_hours == Approx(1.0));
  CHECK(*a.flow_efficiency == Approx(0.5));
  CHECK(a.staff_cost_per_case == Approx(60));
  CHECK(office.hours_per_year == Approx(1000));
  CHECK(*a.bottleneck == 0);
}

TEST_CASE("M/G/1: Pollaczek–Khinchine for fixed and triangular service") {
  // Fixed 1 h: Wq = λE[S²] / (2(1 − ρ)) = 0.5 × 1 / 1 = 0.5 h.
  auto fixed = analyse_yaml(header(1000, 1) + "steps:\n"
                            "  - {id: serve, name: S, unit: office, medium: paper, work: 1h, next: z}\n"
                            "  - {id: z, name: Z, end: true}\n");
  CHECK(*fixed.units[0].queue_wait_hours == Approx(0.5));
  // Triangular (0.5, 1, 1.5) h: E[S] = 1, E[S²] = 1 + 0.25/6... variance (0.25+1+2.25-0.5-0.75-1.5)/18 = 0.75/18.
  auto triangular = analyse_yaml(header(1000, 1) + "steps:\n"
                                 "  - {id: serve, name: S, unit: office, medium: paper, work: [30min, 1h, 90min], next: z}\n"
                                 "  - {id: z, name: Z, end: true}\n");
  const double second_moment = 1 + 0.75 / 18;
  CHECK(*triangular.units[0].queue_wait_hours == Approx(0.5 * second_moment / (2 * 0.5)));
}

TEST_CASE("M/M/c: Sakasegawa's exponent with two servers") {
  // c = 2 × 0.8 = 1.6 servers, ρ = 0.5 × 1 / 1.6.
  auto a = analyse_yaml(
      "paperflow: 1\nprocess: {id: t, name: T}\ndemand: {cases_per_year: 1000}\n"
      "units: [{id: office, name: A, staff: 2, availability: 0.8}]\n"
      "steps:\n"
      "  - {id: serve, name: S, unit: office, medium: paper, work: {dist: exponential, mean: 1h}, next: z}\n"
      "  - {id: z, name: Z, end: true}\n");
  const double c = 1.6, rho = 0.5 / c;
  const double expected = (1 + 1.0) / 2 * std::pow(rho, std::sqrt(2 * (c + 1)) - 1) / (c * (1 - rho)) * 1.0;
  CHECK(a.units[0].utilisation == Approx(rho));
  CHECK(*a.units[0].queue_wait_hours == Approx(expected));
}

TEST_CASE("a rework loop is visited 1/(1-p) times") {
  auto a = analyse_yaml(header() + "steps:\n"
                        "  - {id: a, name: A, unit: office, medium: paper, work: 6min, next: b}\n"
                        "  - {id: b, name: B, unit: office, medium: paper, work: 6min, next: [{to: a, p: 0.25, rework: true}, {to: z, p: 0.75}]}\n"
                        "  - {id: z, name: Z, end: true}\n");
  CHECK(a.steps[0].visits == Approx(4.0 / 3));
  CHECK(a.steps[1].visits == Approx(4.0 / 3));
  CHECK(a.steps[2].visits == Approx(1.0));
  CHECK(a.units[0].load_hours_per_case == Approx(2 * 4.0 / 3 * 0.1));
}

TEST_CASE("nested loops solve their small system exactly") {
  // v_a = 1 + 0.2 v_b, v_b = v_a + 0.5 v_c, v_c = 0.8 v_b  =>  v_b = 2.5, v_a = 1.5, v_c = 2.
  auto a = analyse_yaml(header() + "steps:\n"
                        "  - {id: a, name: A, unit: office, medium: paper, next: b}\n"
                        "  - {id: b, name: B, unit: office, medium: paper, next: [{to: a, p: 0.2}, {to: c, p: 0.8}]}\n"
                        "  - {id: c, name: C, unit: office, medium: paper, next: [{to: b, p: 0.5}, {to: z, p: 0.5}]}\n"
                        "  - {id: z, name: Z, end: true}\n");
  CHECK(a.steps[0].visits == Approx(1.5));
  CHECK(a.steps[1].visits == Approx(2.5));
  CHECK(a.steps[2].visits == Approx(2.0));
  CHECK(a.steps[3].visits == Approx(1.0));
}

TEST_CASE("a parallel block counts its longest branch, not the sum") {
  auto a = analyse_yaml(header() + "steps:\n"
                        "  - {id: s, name: S, unit: office, medium: paper, parallel: [x, y], join: j}\n"
                        "  - {id: x, name: X, unit: office, medium: paper, delay: 2h, next: j}\n"
                        "  - {id: y, name: Y, unit: office, medium: paper, delay: 1h, next: y2}\n"
                        "  - {id: y2, name: Y2, unit: office, medium: paper, delay: 3h, next: j}\n"
                        "  - {id: j, name: J, unit: office, medium: paper, delay: 30min, next: z}\n"
                        "  - {id: z, name: Z, end: true}\n");
  CHECK(a.steps[4].visits == Approx(1.0));  // v_join = v_split
  CHECK(*a.lead_time_hours == Approx(4.5));
  CHECK(*a.steps[1].lead_time_hours == Approx(2.0));
}

TEST_CASE("nested parallel blocks fold from the inside out") {
  auto lead = [](const std::string& x_delay) {
    return *analyse_yaml(header() + "steps:\n"
                         "  - {id: s, name: S, unit: office, medium: paper, parallel: [x, t], join: j}\n"
                         "  - {id: x, name: X, unit: office, medium: paper, delay: " + x_delay + ", next: j}\n"
                         "  - {id: t, name: T, unit: office, medium: paper, parallel: [u, w], join: k}\n"
                         "  - {id: u, name: U, unit: office, medium: paper, delay: 3h, next: k}\n"
                         "  - {id: w, name: W, unit: office, medium: paper, delay: 5h, next: k}\n"
                         "  - {id: k, name: K, unit: office, medium: paper, delay: 1h, next: j}\n"
                         "  - {id: j, name: J, unit: office, medium: paper, next: z}\n"
                         "  - {id: z, name: Z, end: true}\n")
                .lead_time_hours;
  };
  CHECK(lead("10h") == Approx(10.0));  // x is longer than max(3, 5) + 1
  CHECK(lead("4h") == Approx(6.0));    // the inner branch w and k: 5 + 1
}

TEST_CASE("a parallel block inside a rework loop scales with the split's visits") {
  auto a = analyse_yaml(header() + "steps:\n"
                        "  - {id: s, name: S, unit: office, medium: paper, parallel: [x, y], join: j}\n"
                        "  - {id: x, name: X, unit: office, medium: paper, delay: 2h, next: j}\n"
                        "  - {id: y, name: Y, unit: office, medium: paper, delay: 1h, next: j}\n"
                        "  - {id: j, name: J, unit: office, medium: paper, next: [{to: s, p: 0.5, rework: true}, {to: z, p: 0.5}]}\n"
                        "  - {id: z, name: Z, end: true}\n");
  CHECK(a.steps[0].visits == Approx(2.0));
  CHECK(a.steps[3].visits == Approx(2.0));
  CHECK(*a.lead_time_hours == Approx(2.0 * 2.0));
}

TEST_CASE("an external unit never queues and its work is the applicant's time") {
  auto a = analyse_yaml(header() + "steps:\n"
                        "  - {id: fill, name: F, unit: applicant, activity: fill_in, medium: paper, channel: post, work: 30min, delay: 2d, next: check}\n"
                        "  - {id: check, name: C, unit: office, medium: digital, work: 1h, next: z}\n"
                        "  - {id: z, name: Z, end: true}\n");
  CHECK(a.units[1].utilisation == 0);
  CHECK(*a.steps[0].queue_hours == 0);
  CHECK(a.applicant_hours_per_case == Approx(0.5));
  CHECK(a.staff_cost_per_case == Approx(60));
  CHECK(a.media_breaks_per_case == Approx(1.0));
  CHECK(a.handoffs_per_case == Approx(1.0));
  // fixed 1 h at ρ = 0.5, c = 1: Wq = 0.5 h; lead = 0.5 + 16 + 0.5 + 1.
  CHECK(*a.lead_time_hours == Approx(18.0));
  CHECK(*a.ozg_level == 0);
  CHECK(a.ozg_blockers == std::vector<std::size_t>{0});
}

TEST_CASE("an unstable unit: unbounded figures are absent, the rest is given") {
  auto result = test::valid(header(4000, 1) + "steps:\n"
                            "  - {id: serve, name: S, unit: office, medium: paper, work: 1h, next: z}\n"
                            "  - {id: z, name: Z, end: true}\n");
  bool warned = false;
  for (const auto& d : result.diagnostics) warned |= d.rule == "unstable-unit";
  CHECK(warned);
  RoutingGraph graph(*result.process);
  Analysis a = analyse(*result.process, graph, result.blocks);
  CHECK_FALSE(a.stable);
  CHECK(a.units[0].utilisation == Approx(2.0));
  CHECK_FALSE(a.units[0].queue_wait_hours.has_value());
  CHECK_FALSE(a.lead_time_hours.has_value());
  CHECK_FALSE(a.flow_efficiency.has_value());
  CHECK(a.touch_time_hours == Approx(1.0));
  CHECK(a.units[0].hours_per_year == Approx(4000));
  CHECK(a.ranking[0] == 0);
}

TEST_CASE("several end steps share the flow by their probabilities") {
  auto a = analyse_yaml(header() + "steps:\n"
                        "  - {id: a, name: A, unit: office, medium: paper, signature: wet, channel: in_person, next: [{to: granted, p: 0.3}, {to: refused, p: 0.7}]}\n"
                        "  - {id: granted, name: G, end: true}\n"
                        "  - {id: refused, name: R, end: true}\n");
  CHECK(a.steps[1].visits == Approx(0.3));
  CHECK(a.steps[2].visits == Approx(0.7));
  CHECK(a.wet_signatures_per_case == Approx(1.0));
  CHECK(a.in_person_visits_per_case == Approx(1.0));
  CHECK(a.media_breaks_per_case == 0);  // end steps have no medium
  // The step at the counter faces the applicant: a paper counter procedure
  // is level 0, not "no applicant-facing step".
  REQUIRE(a.ozg_level.has_value());
  CHECK(*a.ozg_level == 0);
  CHECK(a.ozg_blockers == std::vector<std::size_t>{0});
}

TEST_CASE("an end step's channel and signature count, but its medium makes no media break") {
  // Collecting the permit in person, signing for it: a visit and a wet
  // signature on the 30 % of cases that are granted.
  auto a = analyse_yaml(header() + "steps:\n"
                        "  - {id: a, name: A, unit: office, medium: digital, work: 1h, next: [{to: granted, p: 0.3}, {to: refused, p: 0.7}]}\n"
                        "  - {id: granted, name: Abholen, end: true, medium: paper, channel: in_person, signature: wet}\n"
                        "  - {id: refused, name: R, end: true}\n");
  CHECK(a.in_person_visits_per_case == Approx(0.3));
  CHECK(a.wet_signatures_per_case == Approx(0.3));
  CHECK(a.media_breaks_per_case == 0);
}

TEST_CASE("OZG levels follow the spec's table") {
  const std::string tail = "  - {id: check, name: C, unit: office, medium: digital, work: 10min, next: notice}\n"
                           "  - {id: notice, name: N, unit: office, activity: send, medium: MEDIUM, next: z}\n"
                           "  - {id: z, name: Z, end: true}\n";
  auto with = [&](const std::string& fill, const std::string& notice_medium) {
    std::string t = tail;
    t.replace(t.find("MEDIUM"), 6, notice_medium);
    return analyse_yaml(header() + "steps:\n" + fill + t).ozg_level;
  };
  std::string digital_online = "  - {id: fill, name: F, unit: applicant, activity: fill_in, medium: digital, channel: online, next: check}\n";
  std::string digital_post = "  - {id: fill, name: F, unit: applicant, activity: fill_in, medium: digital, channel: post, next: check}\n";
  std::string paper = "  - {id: fill, name: F, unit: applicant, activity: fill_in, medium: paper, next: check}\n";
  CHECK(*with(digital_online, "digital") == 4);
  CHECK(*with(digital_online, "paper") == 3);
  CHECK(*with(digital_post, "digital") == 2);
  CHECK(*with(paper, "digital") == 0);
}

TEST_CASE("an end step's activity plays no part in the OZG level") {
  // "Bescheid zugestellt" as an end step named `send`: it has no medium, so
  // counting it would take level 4 from a process whose notices are digital.
  auto a = analyse_yaml(header() + "steps:\n"
                        "  - {id: fill, name: F, unit: applicant, activity: fill_in, medium: digital, channel: online, next: notice}\n"
                        "  - {id: notice, name: N, unit: office, activity: send, medium: digital, work: 5min, next: z}\n"
                        "  - {id: z, name: Zugestellt, end: true, activity: send}\n");
  REQUIRE(a.ozg_level.has_value());
  CHECK(*a.ozg_level == 4);
}

TEST_CASE("in-person steps in a row are one visit, a return to the counter another") {
  // check and sign at the counter in a row, a loop between them that keeps
  // the applicant there, and a 25 % loop from the office back to the
  // counter.
  auto a = analyse_yaml(header() + "steps:\n"
                        "  - {id: check, name: C, unit: office, medium: paper, channel: in_person, work: 10min, next: sign}\n"
                        "  - {id: sign, name: S, unit: applicant, activity: sign, medium: paper, channel: in_person,\n"
                        "     next: [{to: check, p: 0.5, rework: true}, {to: office, p: 0.5}]}\n"
                        "  - {id: office, name: O, unit: office, medium: paper, work: 10min,\n"
                        "     next: [{to: check, p: 0.25, rework: true}, {to: z, p: 0.75}]}\n"
                        "  - {id: z, name: Z, end: true}\n");
  // check = 1 + 0.5·sign + 0.25·office, sign = check, office = 0.5·sign:
  // check = 1 + 0.5·check + 0.125·check → 8/3; office = 4/3.
  CHECK(a.steps[0].visits == Approx(8.0 / 3));
  CHECK(a.steps[2].visits == Approx(4.0 / 3));
  // The arrival, and the moves office→check (4/3 · 0.25 = 1/3).
  CHECK(a.in_person_visits_per_case == Approx(4.0 / 3));
}

TEST_CASE("the branches of a parallel block reach an in-person join together: one visit") {
  auto a = analyse_yaml(header() + "steps:\n"
                        "  - {id: split, name: S, unit: office, medium: paper, work: 5min, parallel: [x, y], join: meet}\n"
                        "  - {id: x, name: X, unit: office, medium: paper, work: 5min, next: meet}\n"
                        "  - {id: y, name: Y, unit: office, medium: paper, work: 5min, next: meet}\n"
                        "  - {id: meet, name: M, unit: office, medium: paper, channel: in_person, work: 5min, next: z}\n"
                        "  - {id: z, name: Z, end: true}\n");
  CHECK(a.in_person_visits_per_case == Approx(1.0));
}

TEST_CASE("no work at any internal unit means no bottleneck, not the first unit at 0 %") {
  auto a = analyse_yaml(header() + "steps:\n"
                        "  - {id: a, name: A, unit: office, medium: digital, delay: 1h, next: z}\n"
                        "  - {id: z, name: Z, end: true}\n");
  CHECK(a.units[0].utilisation == 0);
  CHECK_FALSE(a.bottleneck.has_value());
  auto busy = analyse_yaml(header() + "steps:\n"
                           "  - {id: a, name: A, unit: office, medium: digital, work: 1min, next: z}\n"
                           "  - {id: z, name: Z, end: true}\n");
  REQUIRE(busy.bottleneck.has_value());
  CHECK(*busy.bottleneck == 0);  // the office
}
