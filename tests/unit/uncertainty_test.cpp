#include "paperflow/uncertainty.h"

#include <cmath>

#include <doctest/doctest.h>

#include "paperflow/loader.h"
#include "paperflow/plan.h"
#include "test_support.h"

using namespace paperflow;
using doctest::Approx;
using test::header;

namespace {

Process base() { return *test::valid(header(1000, 2) + test::plan_steps).process; }
using test::measures;

// The triangular quantile written out again, from the distribution
// function F(x) = (x−a)²/((b−a)(m−a)) below the mode: the oracle.
double triangular_quantile(double a, double m, double b, double u) {
  const double at_mode = (m - a) / (b - a);
  return u <= at_mode ? a + std::sqrt(u * (b - a) * (m - a)) : b - std::sqrt((1 - u) * (b - a) * (b - m));
}

// The net present value summed year by year, the oracle of the formula.
double npv_by_hand(double once, double net, int years, double rate) {
  double value = -once, discount = 1;
  for (int t = 0; t < years; ++t) {
    discount /= 1 + rate;
    value += net * discount;
  }
  return value;
}

const std::string no_typing_fixed =
    "  - id: no_typing\n    name: N\n    cost: {once: 5000, per_year: 500}\n"
    "    changes: [{where: {activity: transcribe}, remove: true}]\n";
const std::string no_typing_degenerate =
    "  - id: no_typing\n    name: N\n    cost: {once: [5000, 5000, 5000], per_year: [500, 500, 500]}\n"
    "    changes: [{where: {activity: check}, work: [x0.5, x0.5, x0.5], rework: [x0.5, x0.5, x0.5]}]\n";

}  // namespace

TEST_CASE("three-point costs and factors read as their mean, and a wrong order is an error at its line") {
  const auto m = measures("  - id: a\n    name: A\n    cost: {once: [30000, 40000, 70000], per_year: 100}\n"
                          "    changes: [{where: {activity: check}, work: [x0.5, x0.7, x0.9]}]\n");
  CHECK(m[0].one_off_cost == Approx(140000.0 / 3));
  REQUIRE(m[0].one_off_range);
  CHECK(m[0].one_off_range->mode == 40000);
  CHECK_FALSE(m[0].yearly_range);
  REQUIRE(m[0].changes[0].work);
  CHECK(*m[0].changes[0].work->factor == Approx(0.7));
  CHECK(m[0].changes[0].work->factor_range->high == Approx(0.9));

  MeasuresLoadResult bad = load_measures(
      "measures:\n  - id: a\n    name: A\n    cost: {once: [3, 2, 1]}\n    changes: [{where: {activity: check}, remove: true}]\n",
      "m.yaml");
  REQUIRE_FALSE(bad.diagnostics.empty());
  CHECK(bad.diagnostics[0].rule == "bad-value");
  CHECK(bad.diagnostics[0].location.line == 4);
  CHECK(bad.diagnostics[0].message.english().find("minimum, most likely, maximum") != std::string::npos);
}

TEST_CASE("demand as a three-point estimate: the point figures use its mean") {
  std::string yaml = header(1000, 2) + test::plan_steps;
  const auto at = yaml.find("cases_per_year: ");
  REQUIRE(at != std::string::npos);
  yaml.replace(at, yaml.find('}', at) - at, "cases_per_year: [600, 900, 1500]");
  const Process p = *test::valid(yaml).process;
  CHECK(*p.cases_per_year == Approx(1000));
  CHECK(p.cases_per_year_range->low == 600);
}

TEST_CASE("degenerate ranges give P10 = P50 = P90 = the point figures") {
  const Process p = base();
  const auto known = measures(no_typing_degenerate);
  const Plan plan = make_plan(p, known, {});
  REQUIRE(plan.measures.size() == 1);
  const PlannedMeasure& m = plan.measures[0];
  const PlanUncertainty u = assess_uncertainty(p, known, plan, {200, 7, 1});
  CHECK(u.inputs == 4);
  for (const Spread* s : {&u.plan.staff_cost_saved_per_year, &u.measures[0].staff_cost_saved_per_year}) {
    CHECK(*s->p10 == Approx(m.staff_cost_saved_per_year));
    CHECK(*s->p50 == Approx(m.staff_cost_saved_per_year));
    CHECK(*s->p90 == Approx(m.staff_cost_saved_per_year));
  }
  CHECK(*u.plan.one_off_cost.p10 == Approx(5000));
  CHECK(*u.plan.one_off_cost.p90 == Approx(5000));
  CHECK(*u.plan.payback_years.p50 == Approx(*m.payback_years));
  CHECK(*u.plan.payback_years.p10 == Approx(*u.plan.payback_years.p90));
  CHECK(u.pays_back_within_horizon == 1.0);
  CHECK(u.tornado.empty());  // nothing can move
}

TEST_CASE("a fixed measure's NPV is -once + the discounted net savings over the horizon") {
  const Process p = base();
  const auto known = measures(no_typing_fixed);
  PlanOptions options;
  options.horizon_years = 4;
  options.discount_rate = 0.05;
  const Plan plan = make_plan(p, known, options);
  REQUIRE(plan.measures.size() == 1);
  const PlannedMeasure& m = plan.measures[0];
  const PlanUncertainty u = assess_uncertainty(p, known, plan, {50, 1, 1});
  const double expected = npv_by_hand(5000, m.staff_cost_saved_per_year - 500, 4, 0.05);
  CHECK(*u.plan.npv.p50 == Approx(expected));
  CHECK(*u.measures[0].npv.p10 == Approx(expected));
  CHECK(net_present_value(5000, 1000, 4, 0.05) == Approx(npv_by_hand(5000, 1000, 4, 0.05)));
  CHECK(net_present_value(0, 100, 2.5, 0) == Approx(250));
  CHECK(net_present_value(100, 0, 5, 0.02) == Approx(-100));
}

TEST_CASE("a triangular cost's P10, P50 and P90 match its quantiles within 3 percent at 4000 samples") {
  const Process p = base();
  const auto known = measures("  - id: no_typing\n    name: N\n    cost: {once: [2000, 4000, 12000]}\n"
                              "    changes: [{where: {activity: transcribe}, remove: true}]\n");
  const Plan plan = make_plan(p, known, {});
  REQUIRE(plan.measures.size() == 1);
  const PlanUncertainty u = assess_uncertainty(p, known, plan, {4000, 3, 2});
  CHECK(*u.plan.one_off_cost.p10 == Approx(triangular_quantile(2000, 4000, 12000, 0.1)).epsilon(0.03));
  CHECK(*u.plan.one_off_cost.p50 == Approx(triangular_quantile(2000, 4000, 12000, 0.5)).epsilon(0.03));
  CHECK(*u.plan.one_off_cost.p90 == Approx(triangular_quantile(2000, 4000, 12000, 0.9)).epsilon(0.03));
  // The point figure is the mean, not the mode.
  CHECK(plan.measures[0].one_off_cost == Approx(6000));
  REQUIRE(u.tornado.size() == 1);
  CHECK(u.tornado[0].input == "no_typing.cost.once");
  CHECK(u.tornado[0].npv_at_p10 > u.tornado[0].npv_at_p90);  // a higher cost, a lower NPV
}

TEST_CASE("one and two threads give identical figures, and the seed decides them") {
  const Process p = base();
  const auto known = measures("  - id: no_typing\n    name: N\n    cost: {once: [2000, 4000, 12000], per_year: [100, 200, 900]}\n"
                              "    changes: [{where: {activity: check}, work: [x0.4, x0.6, x0.9]}]\n");
  const Plan plan = make_plan(p, known, {});
  REQUIRE(plan.measures.size() == 1);
  const PlanUncertainty one = assess_uncertainty(p, known, plan, {300, 5, 1});
  const PlanUncertainty two = assess_uncertainty(p, known, plan, {300, 5, 2});
  const PlanUncertainty other = assess_uncertainty(p, known, plan, {300, 6, 2});
  CHECK(*one.plan.npv.p10 == *two.plan.npv.p10);
  CHECK(*one.plan.npv.p90 == *two.plan.npv.p90);
  CHECK(*one.plan.staff_cost_saved_per_year.p50 == *two.plan.staff_cost_saved_per_year.p50);
  CHECK(*one.plan.npv.p50 != *other.plan.npv.p50);
  REQUIRE(one.tornado.size() == 3);
  CHECK(one.tornado[0].input == "no_typing.changes[1].work");  // the factor moves most
}

TEST_CASE("a payback that never comes counts above every number") {
  std::vector<double> sorted{1, 2, HUGE_VAL, HUGE_VAL};
  CHECK(sample_quantile(sorted, 0) == 1);
  CHECK(sample_quantile(sorted, 0.2) == Approx(1.6));
  CHECK(std::isinf(sample_quantile(sorted, 0.5)));
  const Process p = base();
  const auto known = measures("  - id: no_typing\n    name: N\n    cost: {once: 1000, per_year: [0, 0, 60000]}\n"
                              "    changes: [{where: {activity: transcribe}, remove: true}]\n");
  PlanOptions options;
  options.horizon_years = 100;
  const Plan plan = make_plan(p, known, options);
  REQUIRE(plan.measures.size() == 1);
  const PlanUncertainty u = assess_uncertainty(p, known, plan, {400, 1, 1});
  CHECK(u.plan.payback_years.p10);
  // It saves about 21,400 EUR a year: ((60000 − 21400) / 60000)² ≈ 41 % of
  // the draws cost more a year than that.
  CHECK_FALSE(u.plan.payback_years.p90);
  CHECK(u.pays_back_within_horizon > 0.5);
  CHECK(u.pays_back_within_horizon < 0.7);
}

TEST_CASE("the optimism bias raises costs and lowers savings before anything is computed") {
  const Process p = base();
  const auto known = measures(no_typing_fixed);
  const Plan plain = make_plan(p, known, {});
  PlanOptions biased;
  biased.optimism_bias_percent = 20;
  const Plan plan = make_plan(p, known, biased);
  REQUIRE(plan.measures.size() == 1);
  CHECK(plan.measures[0].one_off_cost == Approx(6000));
  CHECK(plan.measures[0].yearly_cost == Approx(600));
  CHECK(plan.measures[0].staff_cost_saved_per_year == Approx(0.8 * plain.measures[0].staff_cost_saved_per_year));
  const PlanUncertainty u = assess_uncertainty(p, known, plan, {10, 1, 1});
  CHECK(*u.plan.one_off_cost.p50 == Approx(6000));
  CHECK(*u.plan.staff_cost_saved_per_year.p50 == Approx(plan.measures[0].staff_cost_saved_per_year));
  CHECK(u.optimism_bias_percent == 20);
}
