#include "paperflow/simulation.h"

#include <cmath>
#include <string>

#include <doctest/doctest.h>

#include "paperflow/report_simulation.h"
#include "test_support.h"

using namespace paperflow;
using test::header;

namespace {

Process process_of(const std::string& yaml) { return *test::valid(yaml).process; }

// Erlang C: probability of waiting in M/M/c, and Wq = C / (c μ − λ).
double erlang_c_wait(double lambda, double mu, int c) {
  const double a = lambda / mu, rho = a / c;
  double sum = 0, term = 1;
  for (int k = 0; k < c; ++k) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  const double last = term * a / c;  // a^c / c!
  const double waiting = last / (1 - rho) / (sum + last / (1 - rho));
  return waiting / (c * mu - lambda);
}

// |simulated − exact| within three half-widths of the 95 % interval (about
// six standard errors) plus 2 % for the warm-up's bias.
void check_close(const Estimate& simulated, double exact) {
  INFO("simulated " << simulated.mean << " ± " << simulated.ci95 << ", exact " << exact);
  CHECK(simulated.ci95 > 0);
  CHECK(std::fabs(simulated.mean - exact) <= 3 * simulated.ci95 + 0.02 * exact);
}

}  // namespace

TEST_CASE("M/M/1: the simulated queue wait matches ρ/(μ − λ)") {
  // λ = 0.5 per hour, exponential service of mean 1 h: Wq = 0.5 / 0.5 = 1 h.
  Process p = process_of(header(1000, 1) + "steps:\n"
                         "  - {id: serve, name: S, unit: office, medium: paper, work: {dist: exponential, mean: 1h}, next: z}\n"
                         "  - {id: z, name: Z, end: true}\n");
  SimulationOptions options;
  options.cases = 20000;
  options.replications = 10;
  options.threads = 2;
  SimulationResult r = simulate(p, options);
  REQUIRE(r.stable);
  CHECK(r.cases_completed == 200000);
  check_close(r.units[0].mean_queue_wait_hours, 1.0);
  check_close(r.units[0].utilisation, 0.5);
  check_close(*r.lead_time_mean, 2.0);
  check_close(r.step_queue_wait_hours[0], 1.0);
  // Little's law: L = λ W for the whole process.
  check_close(r.work_in_progress, 0.5 * 2.0);
}

TEST_CASE("M/M/c: the simulated queue wait matches Erlang C") {
  // ρ = 0.8 with mean service 1 h. 3 and 15 people are kept in a unit's
  // sorted row (15 fill it exactly), 20 in its heap.
  for (int c : {3, 15, 20}) {
    CAPTURE(c);
    const double lambda = 0.8 * c;
    Process p = process_of("paperflow: 1\nprocess: {id: t, name: T}\ndemand: {cases_per_year: " +
                           std::to_string(static_cast<int>(lambda * 2000)) +
                           "}\nunits: [{id: office, name: A, staff: " + std::to_string(c) + "}]\n"
                           "steps:\n"
                           "  - {id: serve, name: S, unit: office, medium: paper, work: {dist: exponential, mean: 1h}, next: z}\n"
                           "  - {id: z, name: Z, end: true}\n");
    SimulationOptions options;
    options.cases = 30000;
    options.replications = 10;
    options.threads = 2;
    SimulationResult r = simulate(p, options);
    REQUIRE(r.stable);
    CHECK(r.units[0].people == static_cast<std::size_t>(c));
    check_close(r.units[0].mean_queue_wait_hours, erlang_c_wait(lambda, 1.0, c));
    check_close(r.units[0].utilisation, 0.8);
  }
}

TEST_CASE("without queueing the simulated mean lead time matches the analysis") {
  const std::string yaml = header(1000, 500) + "steps:\n"
      "  - {id: fill, name: F, unit: applicant, medium: paper, work: [5min, 10min, 30min], delay: {dist: uniform, min: 1d, max: 3d}, next: check}\n"
      "  - {id: check, name: C, unit: office, medium: paper, work: {dist: lognormal, mean: 30min, sd: 20min}, next: [{to: fill, p: 0.3, rework: true}, {to: z, p: 0.7}]}\n"
      "  - {id: z, name: Z, end: true}\n";
  Analysis analysis = test::analyse_yaml(yaml);
  SimulationOptions options;
  options.cases = 20000;
  options.threads = 2;
  SimulationResult r = simulate(process_of(yaml), options);
  REQUIRE(r.stable);
  check_close(*r.lead_time_mean, *analysis.lead_time_hours);
}

TEST_CASE("a join waits for all branches: fixed branches of 2 h and 4 h take 4 h") {
  Process p = process_of(header(1000, 50) + "steps:\n"
                         "  - {id: s, name: S, unit: office, medium: paper, parallel: [x, y], join: j}\n"
                         "  - {id: x, name: X, unit: office, medium: paper, delay: 2h, next: j}\n"
                         "  - {id: y, name: Y, unit: office, medium: paper, delay: 4h, next: j}\n"
                         "  - {id: j, name: J, unit: office, medium: paper, next: z}\n"
                         "  - {id: z, name: Z, end: true}\n");
  SimulationOptions options;
  options.cases = 1000;
  options.replications = 3;
  SimulationResult r = simulate(p, options);
  REQUIRE(r.stable);
  CHECK(r.lead_time_mean->mean == doctest::Approx(4.0));
  CHECK(r.lead_time_max->mean == doctest::Approx(4.0));
  CHECK(r.lead_time_p50->mean == doctest::Approx(4.0));
}

TEST_CASE("the same seed gives the same result for any number of threads") {
  Process p = process_of(header(1500, 1) + "steps:\n"
                         "  - {id: a, name: A, unit: office, medium: paper, work: [10min, 20min, 40min], next: [{to: a, p: 0.2, rework: true}, {to: z, p: 0.8}]}\n"
                         "  - {id: z, name: Z, end: true}\n");
  SimulationOptions options;
  options.cases = 2000;
  options.replications = 7;
  options.threads = 1;
  const std::string one = render_simulation_json(p, simulate(p, options));
  options.threads = 4;
  CHECK(render_simulation_json(p, simulate(p, options)) == one);
  options.seed = 2;
  CHECK(render_simulation_json(p, simulate(p, options)) != one);
}

TEST_CASE("an unstable unit stops the run at its horizon and is named") {
  Process p = process_of(header(4000, 1) + "steps:\n"
                         "  - {id: serve, name: S, unit: office, medium: paper, work: 1h, next: z}\n"
                         "  - {id: z, name: Z, end: true}\n");
  SimulationOptions options;
  options.cases = 2000;
  options.replications = 2;
  SimulationResult r = simulate(p, options);
  CHECK_FALSE(r.stable);
  CHECK_FALSE(r.lead_time_mean.has_value());
  CHECK(r.units[0].queue_grew);
  CHECK(r.units[0].utilisation.mean == doctest::Approx(1.0).epsilon(0.01));
  CHECK(r.cases_completed < r.cases_recorded);
}

TEST_CASE("--days records the cases arriving in a window") {
  Process p = process_of(header(1000, 2) + "steps:\n"
                         "  - {id: serve, name: S, unit: office, medium: paper, work: 30min, next: z}\n"
                         "  - {id: z, name: Z, end: true}\n");
  SimulationOptions options;
  options.days = 100;  // λ = 0.5 per hour: about 400 cases
  options.replications = 4;
  SimulationResult r = simulate(p, options);
  REQUIRE(r.stable);
  CHECK(r.cases_completed > 4 * 300);
  CHECK(r.cases_completed < 4 * 500);
  CHECK(r.cases_completed == r.cases_recorded);
}

TEST_CASE("a unit has ⌈staff⌉ people, the last with the fractional share of the day") {
  Unit unit;
  unit.staff = 2.5;
  unit.availability = 0.8;
  const std::vector<double> hours = presence_hours_per_day(unit, 8);
  REQUIRE(hours.size() == 3);
  CHECK(hours[0] == doctest::Approx(6.4));
  CHECK(hours[1] == doctest::Approx(6.4));
  CHECK(hours[2] == doctest::Approx(3.2));
  unit.staff = 0.3;
  unit.availability = 1;
  REQUIRE(presence_hours_per_day(unit, 8).size() == 1);
  CHECK(presence_hours_per_day(unit, 8)[0] == doctest::Approx(2.4));
  unit.staff = 3;
  CHECK(presence_hours_per_day(unit, 7.5) == std::vector<double>{7.5, 7.5, 7.5});
  unit.external = true;
  CHECK(presence_hours_per_day(unit, 8).empty());
}

TEST_CASE("a task interrupted at the end of a block resumes at the next: 6 h of work in 4 h blocks take 10 or 14 h") {
  // One person present 4 h of an 8 h day, cases so rare that hardly any
  // queues. A case arriving outside the block waits for it (2 h on
  // average), works 4 h, is away 4 h and works the last 2 h: 10 h from the
  // block's start. One arriving in the first half of the block works to its
  // end, is away 4 h and finishes in the next: 10 h. One arriving in the
  // second half is stopped twice: 14 h. A mean of 12 h, never less than
  // 10 h, and P95 no more than 14 h.
  Process p = process_of("paperflow: 1\nprocess: {id: t, name: T}\ndemand: {cases_per_year: 2}\n"
                         "units: [{id: office, name: A, staff: 1, availability: 0.5}]\n"
                         "steps:\n"
                         "  - {id: serve, name: S, unit: office, medium: paper, work: 6h, next: z}\n"
                         "  - {id: z, name: Z, end: true}\n");
  SimulationOptions options;
  options.cases = 2000;
  options.replications = 10;
  options.threads = 2;
  SimulationResult r = simulate(p, options);
  REQUIRE(r.stable);
  check_close(*r.lead_time_mean, 12.0);
  CHECK(r.lead_time_p50->mean >= 10.0 - 1e-9);
  CHECK(r.lead_time_p95->mean <= 14.0 + 1e-9);
  CHECK(r.units[0].people == 1);
  CHECK(r.units[0].presence_hours_per_day == doctest::Approx(4.0));
}

TEST_CASE("part-time people: the simulated utilisation tends to ρ = λ·L / (staff × availability)") {
  // 2.5 FTE at 60 %: three people present 4.8, 4.8 and 2.4 h a day, c = 1.5.
  // λ·L = 1.2 person-hours an hour: ρ = 0.8.
  Process p = process_of("paperflow: 1\nprocess: {id: t, name: T}\ndemand: {cases_per_year: 2400}\n"
                         "units: [{id: office, name: A, staff: 2.5, availability: 0.6}]\n"
                         "steps:\n"
                         "  - {id: serve, name: S, unit: office, medium: paper, work: {dist: exponential, mean: 1h}, next: z}\n"
                         "  - {id: z, name: Z, end: true}\n");
  SimulationOptions options;
  options.cases = 20000;
  options.replications = 10;
  options.threads = 2;
  SimulationResult r = simulate(p, options);
  REQUIRE(r.stable);
  CHECK(r.units[0].people == 3);
  CHECK(r.units[0].presence_hours_per_day == doctest::Approx(12.0));
  check_close(r.units[0].utilisation, 0.8);
  CHECK(std::fabs(r.units[0].utilisation.mean - 0.8) <= 0.03 * 0.8);
  // Absence lengthens the queue beyond what c = 1.5 full-time servers would give.
  CHECK(r.units[0].mean_queue_wait_hours.mean > test::analyse_yaml(
      "paperflow: 1\nprocess: {id: t, name: T}\ndemand: {cases_per_year: 2400}\n"
      "units: [{id: office, name: A, staff: 2.5, availability: 0.6}]\n"
      "steps:\n"
      "  - {id: serve, name: S, unit: office, medium: paper, work: {dist: exponential, mean: 1h}, next: z}\n"
      "  - {id: z, name: Z, end: true}\n").units[0].queue_wait_hours.value_or(0));
}

TEST_CASE("a part-time unit at ρ >= 1 makes the simulation unstable, though its rounded staff would cope") {
  // 1 person at 30 %: c = 0.3; λ·L = 0.36, ρ = 1.2. The old rounding to one
  // whole person made this 36 % and stable.
  Process p = process_of("paperflow: 1\nprocess: {id: t, name: T}\ndemand: {cases_per_year: 720}\n"
                         "units: [{id: office, name: A, staff: 1, availability: 0.3}]\n"
                         "steps:\n"
                         "  - {id: serve, name: S, unit: office, medium: paper, work: 1h, next: z}\n"
                         "  - {id: z, name: Z, end: true}\n");
  SimulationOptions options;
  options.cases = 2000;
  options.replications = 2;
  SimulationResult r = simulate(p, options);
  CHECK_FALSE(r.stable);
  CHECK(r.units[0].queue_grew);
  CHECK(r.units[0].utilisation.mean == doctest::Approx(1.0).epsilon(0.02));
}

TEST_CASE("a lead-time histogram: round bins up to the 99th percentile, the rest counted beyond") {
  std::vector<double> days;
  for (int d = 1; d <= 100; ++d) days.push_back(d);
  // P99 of 1..100 is 99; 99/20 bins wants 4.95 days a bin: 5 is the round width.
  const LeadTimeHistogram h = lead_time_histogram(days, 20);
  CHECK(h.bin_days == doctest::Approx(5.0));
  REQUIRE(h.counts.size() == 20);
  CHECK(h.counts[0] == 4);  // 1, 2, 3, 4
  CHECK(h.counts[1] == 5);  // 5 … 9
  CHECK(h.counts[19] == 5);  // 95 … 99
  CHECK(h.beyond == 1);     // 100

  // Against a count by hand over a skewed sample and other widths.
  std::vector<double> skewed;
  for (int i = 0; i < 997; ++i) skewed.push_back(0.013 * i * i / 997.0 + 0.02);
  for (std::size_t bins : {1u, 7u, 30u}) {
    const LeadTimeHistogram g = lead_time_histogram(skewed, bins);
    CAPTURE(bins);
    CHECK(g.counts.size() <= bins);
    const double mantissa = g.bin_days / std::pow(10.0, std::floor(std::log10(g.bin_days) + 1e-12));
    CHECK((std::fabs(mantissa - 1) < 1e-9 || std::fabs(mantissa - 2) < 1e-9 || std::fabs(mantissa - 5) < 1e-9));
    std::vector<std::size_t> expected(g.counts.size(), 0);
    std::size_t beyond = 0;
    for (double d : skewed) {
      bool placed = false;
      for (std::size_t i = 0; i < expected.size() && !placed; ++i)
        if (d >= static_cast<double>(i) * g.bin_days && d < static_cast<double>(i + 1) * g.bin_days) {
          ++expected[i];
          placed = true;
        }
      if (!placed) ++beyond;
    }
    CHECK(g.counts == expected);
    CHECK(g.beyond == beyond);
    CHECK(beyond <= skewed.size() / 100 + 1);  // at most the cases above P99
  }
}

TEST_CASE("a histogram of nothing has no bins") {
  CHECK(lead_time_histogram({}, 10).counts.empty());
  CHECK(lead_time_histogram({1.0, 2.0}, 0).counts.empty());
}

TEST_CASE("a simulation asked for a histogram counts every completed case once") {
  Process p = process_of(header(1500, 1) + "steps:\n"
                         "  - {id: a, name: A, unit: office, medium: paper, work: [10min, 20min, 40min], next: [{to: a, p: 0.2, rework: true}, {to: z, p: 0.8}]}\n"
                         "  - {id: z, name: Z, end: true}\n");
  SimulationOptions options;
  options.cases = 1500;
  options.replications = 3;
  const SimulationResult without = simulate(p, options);
  CHECK_FALSE(without.lead_time_histogram.has_value());
  options.histogram_bins = 25;
  const SimulationResult r = simulate(p, options);
  REQUIRE(r.lead_time_histogram.has_value());
  std::size_t counted = r.lead_time_histogram->beyond;
  for (std::size_t c : r.lead_time_histogram->counts) counted += c;
  CHECK(counted == r.cases_completed);
  CHECK(r.lead_time_histogram->counts.size() <= 25);
  // The histogram changes no figure.
  CHECK(render_simulation_json(p, r) == render_simulation_json(p, without));
}

TEST_CASE("a rework loop almost never left is refused before the run, at its step, with no figure") {
  // p = 0.9999999: ten million rounds a case on average, beyond the bound
  // of a million steps; the run would take days.
  Process p = process_of(header(1000, 1) + "steps:\n"
                         "  - {id: a, name: A, unit: office, medium: paper, work: 1min, next: b}\n"
                         "  - {id: b, name: B, medium: paper, delay: 1min, next: [{to: b, p: 0.9999999, rework: true}, {to: z, p: 0.0000001}]}\n"
                         "  - {id: z, name: Z, end: true}\n");
  const SimulationResult r = simulate(p, SimulationOptions{});
  REQUIRE(r.problem);
  CHECK(r.problem->rule == "simulation-bound");
  CHECK(r.problem->location.line == 9);  // step b, the one a case runs most
  CHECK(r.problem->message.english().find("'b'") != std::string::npos);
  CHECK(r.events == 0);
  CHECK(r.units.empty());
  CHECK_FALSE(r.lead_time_mean);
}

TEST_CASE("a run of more steps than its bound is refused before it starts") {
  Process p = process_of(header(1000, 1) + "steps:\n"
                         "  - {id: a, name: A, unit: office, medium: paper, work: 1min, next: z}\n"
                         "  - {id: z, name: Z, end: true}\n");
  SimulationOptions options;
  options.cases = 1000;
  // 10 replications of 1,080 cases (80 arrive in the warm-up), one step each.
  options.bounds.expected_steps_per_run = 5000;
  const SimulationResult r = simulate(p, options);
  REQUIRE(r.problem);
  CHECK(r.problem->rule == "simulation-bound");
  CHECK(r.problem->message.english().find("fewer cases or replications") != std::string::npos);
  CHECK(r.events == 0);
  options.bounds.expected_steps_per_run = 20000;
  CHECK_FALSE(simulate(p, options).problem);
}

TEST_CASE("a case that runs into the bound at run time stops the run, the same for any number of threads") {
  // With the backstop lowered to 700 steps, a loop of 100 rounds on average
  // passes it in about one case of 1,100 (0.99^699), so in about every
  // other replication of 580 cases: with seed 1 first in the fourth. The
  // run stops and names the replication and the step, whichever thread
  // finished first.
  Process p = process_of(header(1000, 1) + "steps:\n"
                         "  - {id: a, name: A, unit: office, medium: paper, work: 1min, next: b}\n"
                         "  - {id: b, name: B, medium: paper, delay: 1min, next: [{to: b, p: 0.99, rework: true}, {to: z, p: 0.01}]}\n"
                         "  - {id: z, name: Z, end: true}\n");
  SimulationOptions options;
  options.cases = 500;
  options.replications = 6;
  options.bounds.steps_per_case = 700;
  options.threads = 1;
  const SimulationResult one = simulate(p, options);
  REQUIRE(one.problem);
  CHECK(one.problem->rule == "simulation-bound");
  CHECK(one.problem->location.line == 9);
  CHECK(one.problem->message.english().find("replication 4 ran 700 steps") != std::string::npos);
  CHECK(one.problem->message.english().find("'b'") != std::string::npos);
  CHECK_FALSE(one.lead_time_mean);
  options.threads = 3;
  const SimulationResult three = simulate(p, options);
  REQUIRE(three.problem);
  CHECK(three.problem->message.english() == one.problem->message.english());
}
