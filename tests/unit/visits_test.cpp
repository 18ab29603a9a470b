#include "paperflow/visits.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include <doctest/doctest.h>

#include "test_support.h"

using namespace paperflow;

namespace {

const std::string head =
    "paperflow: 1\nprocess: {id: t, name: T}\ndemand: {cases_per_year: 1}\n"
    "units: [{id: amt, name: Amt, staff: 1}]\n";

std::string step(std::size_t i, const std::string& next) {
  return "  - {id: s" + std::to_string(i) + ", name: S, unit: amt, medium: paper, work: 1s, next: " + next + "}\n";
}
std::string to(std::string id, double p) { return "{to: " + id + ", p: " + std::to_string(p) + "}"; }
std::string s(std::size_t i) { return "s" + std::to_string(i); }

// The visits of a valid process, solved as every tool solves them.
Visits visits_of(const std::string& yaml) {
  ValidationResult result = test::valid(yaml);
  return solve_visits(*result.process, RoutingGraph(*result.process));
}

// The largest |v_j − [j = start] − Σ_i p_ij·v_i| over the steps, relative to
// v_j: a check of the equations written from the routing, apart from the
// solver (the processes here have no parallel blocks).
double largest_residual(const Process& process, const std::vector<double>& v) {
  std::vector<double> in(v.size(), 0.0);
  in[process.start_step()] = 1;
  for (std::size_t i = 0; i < process.steps.size(); ++i) {
    const Routing& routing = process.steps[i].routing;
    if (routing.kind == Routing::Kind::next) in[process.step_index.at(routing.next.id)] += v[i];
    for (const Choice& choice : routing.choices) in[process.step_index.at(choice.to.id)] += choice.p * v[i];
  }
  double largest = 0;
  for (std::size_t j = 0; j < v.size(); ++j) largest = std::max(largest, std::fabs(v[j] - in[j]) / v[j]);
  return largest;
}

}  // namespace

TEST_CASE("a loop of 1,600 steps listed backwards, returning with p = 0.999, is visited 1,000 times at each step") {
  // The case of issue 18: the loop is larger than a dense solve would take,
  // and listed in the order that carries the inflow one step per sweep of
  // an iteration, which stopped at 465 visits.
  const std::size_t n = 1600;
  std::string yaml = head + "start: s1\nsteps:\n" + step(n, "[" + to("s1", 0.999) + ", " + to("z", 0.001) + "]");
  for (std::size_t i = n - 1; i >= 1; --i) yaml += step(i, s(i + 1));
  yaml += "  - {id: z, name: Z, end: true}\n";
  const Visits visits = visits_of(yaml);
  REQUIRE_FALSE(visits.problem);
  REQUIRE(visits.per_step.size() == n + 1);
  double farthest = 0;  // the largest relative error, reported once rather than 1,600 times
  for (std::size_t i = 0; i < n; ++i) farthest = std::max(farthest, std::fabs(visits.per_step[i] - 1000) / 1000);
  INFO("first step listed: " << visits.per_step[0] << ", last: " << visits.per_step[n - 1]);
  CHECK(farthest <= 1e-9);
  CHECK(visits.per_step[n] == doctest::Approx(1.0).epsilon(1e-12));
}

TEST_CASE("a random walk over 2,000 steps, back or on with p = 1/2, is solved exactly: v_i = 2 (N - i + 1)") {
  // A strong component of 2,000 steps, each linked both ways. A case
  // crosses the cut after s_i once more to the right than to the left, so
  // v_i / 2 − v_{i+1} / 2 = 1; it leaves s_N with 1/2, so v_N = 2. Listed
  // backwards.
  const std::size_t n = 2000;
  std::string yaml = head + "start: s1\nsteps:\n" + step(n, "[" + to(s(n - 1), 0.5) + ", " + to("z", 0.5) + "]");
  for (std::size_t i = n - 1; i >= 2; --i) yaml += step(i, "[" + to(s(i - 1), 0.5) + ", " + to(s(i + 1), 0.5) + "]");
  yaml += step(1, "[" + to("s1", 0.5) + ", " + to("s2", 0.5) + "]") + "  - {id: z, name: Z, end: true}\n";
  const Visits visits = visits_of(yaml);
  REQUIRE_FALSE(visits.problem);
  // File order: s_N first, so s_i is at place N − i.
  double farthest = 0;
  for (std::size_t i = 1; i <= n; ++i) {
    const double exact = 2.0 * static_cast<double>(n - i + 1);
    farthest = std::max(farthest, std::fabs(visits.per_step[n - i] - exact) / exact);
  }
  INFO("s1: " << visits.per_step[n - 1] << ", exact " << 2 * n);
  CHECK(farthest <= 1e-9);
}

TEST_CASE("a loop of 2,000 steps with choices to steps anywhere in it satisfies every visit equation") {
  // Each step goes on to the next or to two steps drawn at random, 0.3 each,
  // and leaves with 0.1: one strong component whose elimination fills in.
  const std::size_t n = 2000;
  std::mt19937 random(7);
  std::uniform_int_distribution<std::size_t> any(0, n - 1);
  std::string yaml = head + "steps:\n";
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t a = any(random), b = any(random);
    yaml += step(i, "[" + to(s((i + 1) % n), 0.3) + ", " + to(s(a), 0.3) + ", " + to(s(b), 0.3) + ", " +
                        to("z", 0.1) + "]");
  }
  yaml += "  - {id: z, name: Z, end: true}\n";
  const ValidationResult result = test::valid(yaml);
  const Visits visits = solve_visits(*result.process, RoutingGraph(*result.process));
  REQUIRE_FALSE(visits.problem);
  CHECK(largest_residual(*result.process, visits.per_step) <= 1e-9);
  // Every case leaves through z once, by 0.1 of the visits of each step.
  double left = 0;
  for (std::size_t i = 0; i < n; ++i) left += 0.1 * visits.per_step[i];
  CHECK(left == doctest::Approx(1.0).epsilon(1e-9));
}

TEST_CASE("a loop of 1,500 steps linked all over it is still solved, beyond the sparse elimination's bounds") {
  // Ten choices a step to steps drawn at random: eliminating the loop on its
  // graph would exceed the bounds, so it is solved as a dense matrix, as
  // every loop of 1,500 steps or fewer can be.
  const std::size_t n = 1500, links = 10;
  std::mt19937 random(3);
  std::uniform_int_distribution<std::size_t> any(0, n - 1);
  std::string yaml = head + "steps:\n";
  for (std::size_t i = 0; i < n; ++i) {
    std::string next = "[" + to(s((i + 1) % n), 0.09);
    for (std::size_t k = 1; k < links; ++k) next += ", " + to(s(any(random)), 0.09);
    yaml += step(i, next + ", " + to("z", 0.1) + "]");
  }
  yaml += "  - {id: z, name: Z, end: true}\n";
  // Validation solved them (with solve_visits), and solving twice takes long.
  const ValidationResult result = test::valid(yaml);
  CHECK(largest_residual(*result.process, result.visits) <= 1e-9);
  double left = 0;
  for (std::size_t i = 0; i < n; ++i) left += 0.1 * result.visits[i];
  CHECK(left == doctest::Approx(1.0).epsilon(1e-9));
}

TEST_CASE("a loop too entangled to solve within the bounds is an unsolved-visits error, not a figure") {
  // 20,000 steps in a ring, each with one more link to a step drawn at
  // random: eliminating it would fill in almost all 4·10^8 pairs. Refused
  // within the solver's bounds, at the loop's first step.
  const std::size_t n = 20000;
  std::mt19937 random(1);
  std::uniform_int_distribution<std::size_t> any(0, n - 1);
  std::string yaml = head + "steps:\n";
  for (std::size_t i = 0; i < n; ++i)
    yaml += step(i, "[" + to(s((i + 1) % n), 0.5) + ", " + to(s(any(random)), 0.4) + ", " + to("z", 0.1) + "]");
  yaml += "  - {id: z, name: Z, end: true}\n";
  const ValidationResult result = validate_process(yaml, "test.yaml");
  INFO(test::describe(result.diagnostics));
  REQUIRE(result.process);
  CHECK_FALSE(result.valid());
  CHECK(test::has(result.diagnostics, "unsolved-visits", 6, 5));
  CHECK(result.visits.empty());
}

TEST_CASE("a loop left with a probability below 1e-12 is an unsolved-visits error at its first step") {
  // It would run 10^13 times a case; 1 − p keeps too few digits to say so.
  const ValidationResult result = validate_process(
      head + "steps:\n" + step(0, "s1") + step(1, "[{to: s0, p: 0.9999999999999}, {to: z, p: 0.0000000000001}]") +
          "  - {id: z, name: Z, end: true}\n",
      "test.yaml");
  INFO(test::describe(result.diagnostics));
  CHECK(test::has(result.diagnostics, "unsolved-visits", 6, 5));
  CHECK_FALSE(result.valid());
}

TEST_CASE("a loop left with p = 1e-7 is solved: 10^7 visits") {
  const Visits visits = visits_of(head + "steps:\n" + step(0, "[{to: s0, p: 0.9999999}, {to: z, p: 0.0000001}]") +
                                  "  - {id: z, name: Z, end: true}\n");
  REQUIRE_FALSE(visits.problem);
  CHECK(visits.per_step[0] == doctest::Approx(1e7).epsilon(1e-8));
}

TEST_CASE("a loop with a choice of p = 5e-324 is solved, its visits below the smallest normal number as 0") {
  // Found by fuzzing: eliminating s2 multiplies 0.5 by 5e-324, which
  // underflows to 0, and the check of the equations took the 2.5e-318
  // visits of s3 that it left out for an inaccuracy.
  const Visits visits = visits_of(
      head + "steps:\n" + step(0, "s1") + step(1, "[{to: s2, p: 0.5}, {to: z, p: 0.5}]") +
      step(2, "[{to: s2, p: 0.999999}, {to: s3, p: 5e-324}, {to: z, p: 0.000001}]") +
      step(3, "[{to: s1, p: 0.5}, {to: z, p: 0.5}]") + "  - {id: z, name: Z, end: true}\n");
  REQUIRE_FALSE(visits.problem);
  CHECK(visits.per_step[2] == doctest::Approx(5e5).epsilon(1e-9));
  CHECK(visits.per_step[3] < 1e-300);
}

TEST_CASE("steps outside any loop have the visits flowing into them, a step after a loop too") {
  const Visits visits = visits_of(head + "steps:\n" + step(0, "[{to: s1, p: 0.25}, {to: s2, p: 0.75}]") +
                                  step(1, "s2") + step(2, "[{to: s2, p: 0.5}, {to: s3, p: 0.5}]") + step(3, "z") +
                                  "  - {id: z, name: Z, end: true}\n");
  REQUIRE_FALSE(visits.problem);
  CHECK(visits.per_step == std::vector<double>{1, 0.25, 2, 1, 1});
}
