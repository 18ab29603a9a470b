#include "paperflow/graph.h"

#include <doctest/doctest.h>

#include "test_support.h"

using namespace paperflow;
using test::has;
using test::header;

namespace {

Diagnostics check(const std::string& steps) {
  return validate_process(header() + "steps:\n" + steps, "g.yaml").diagnostics;
}

bool has_rule(const Diagnostics& diagnostics, const std::string& rule) {
  for (const auto& d : diagnostics)
    if (d.rule == rule) return true;
  return false;
}

}  // namespace

// Line numbers below: header() is 6 lines, "steps:" is line 7, the first step line 8.

TEST_CASE("a step that cannot be reached from the start is an error at the step") {
  auto d = check("  - {id: a, name: A, unit: office, medium: paper, next: z}\n"
                 "  - {id: b, name: B, unit: office, medium: paper, next: z}\n"
                 "  - {id: z, name: Z, end: true}\n");
  CHECK(has(d, "unreachable", 9, 5));
  CHECK_FALSE(has(d, "unreachable", 8, 5));
}

TEST_CASE("a step from which no end can be reached is an error") {
  auto d = check("  - {id: a, name: A, unit: office, medium: paper, next: [{to: b, p: 0.5}, {to: z, p: 0.5}]}\n"
                 "  - {id: b, name: B, unit: office, medium: paper, next: c}\n"
                 "  - {id: c, name: C, unit: office, medium: paper, next: b}\n"
                 "  - {id: z, name: Z, end: true}\n");
  // b and c form a loop with no way out: one closed-loop error, not no-end for each.
  CHECK(has(d, "closed-loop", 9, 5));
  CHECK_FALSE(has(d, "no-end", 9, 5));
  CHECK_FALSE(has(d, "no-end", 8, 5));
}

TEST_CASE("a process without end step gets one error") {
  auto d = check("  - {id: a, name: A, unit: office, medium: paper, next: b}\n"
                 "  - {id: b, name: B, unit: office, medium: paper, next: a}\n");
  CHECK(has_rule(d, "closed-loop"));
}

TEST_CASE("a rework loop that can be left is fine") {
  test::valid(header() + "steps:\n"
              "  - {id: a, name: A, unit: office, medium: paper, work: 10min, next: b}\n"
              "  - {id: b, name: B, unit: office, medium: paper, next: [{to: a, p: 0.3, rework: true}, {to: z, p: 0.7}]}\n"
              "  - {id: z, name: Z, end: true}\n");
}

TEST_CASE("well-formed parallel blocks, nested ones and loops inside a branch are accepted") {
  auto result = test::valid(header() + "steps:\n"
              "  - {id: s, name: S, unit: office, medium: paper, parallel: [x, t], join: j}\n"
              "  - {id: x, name: X, unit: office, medium: paper, next: [{to: x, p: 0.2, rework: true}, {to: j, p: 0.8}]}\n"
              "  - {id: t, name: T, unit: office, medium: paper, parallel: [u, w], join: k}\n"
              "  - {id: u, name: U, unit: office, medium: paper, next: k}\n"
              "  - {id: w, name: W, unit: office, medium: paper, next: k}\n"
              "  - {id: k, name: K, unit: office, medium: paper, next: j}\n"
              "  - {id: j, name: J, unit: office, medium: paper, next: z}\n"
              "  - {id: z, name: Z, end: true}\n");
  REQUIRE(result.blocks.size() == 2);
  // Inner block first.
  CHECK(result.process->steps[result.blocks[0].split].id == "t");
  CHECK(result.blocks[0].branches.size() == 2);
  CHECK(result.blocks[1].body.size() == 5);  // x, t, u, w, k
}

TEST_CASE("a branch that reaches an end step is not a well-formed block") {
  auto d = check("  - {id: s, name: S, unit: office, medium: paper, parallel: [x, y], join: j}\n"
                 "  - {id: x, name: X, unit: office, medium: paper, next: [{to: j, p: 0.5}, {to: z, p: 0.5}]}\n"
                 "  - {id: y, name: Y, unit: office, medium: paper, next: j}\n"
                 "  - {id: j, name: J, unit: office, medium: paper, next: z}\n"
                 "  - {id: z, name: Z, end: true}\n");
  CHECK(has(d, "parallel-block", 8, 5));
}

TEST_CASE("an edge into a block from outside is not allowed") {
  auto d = check("  - {id: a, name: A, unit: office, medium: paper, next: [{to: s, p: 0.5}, {to: y, p: 0.5}]}\n"
                 "  - {id: s, name: S, unit: office, medium: paper, parallel: [x, y], join: j}\n"
                 "  - {id: x, name: X, unit: office, medium: paper, next: j}\n"
                 "  - {id: y, name: Y, unit: office, medium: paper, next: j}\n"
                 "  - {id: j, name: J, unit: office, medium: paper, next: z}\n"
                 "  - {id: z, name: Z, end: true}\n");
  CHECK(has(d, "parallel-block", 9, 5));
}

TEST_CASE("a join entered from outside its block is not allowed") {
  auto d = check("  - {id: a, name: A, unit: office, medium: paper, next: [{to: s, p: 0.5}, {to: j, p: 0.5}]}\n"
                 "  - {id: s, name: S, unit: office, medium: paper, parallel: [x, y], join: j}\n"
                 "  - {id: x, name: X, unit: office, medium: paper, next: j}\n"
                 "  - {id: y, name: Y, unit: office, medium: paper, next: j}\n"
                 "  - {id: j, name: J, unit: office, medium: paper, next: z}\n"
                 "  - {id: z, name: Z, end: true}\n");
  CHECK(has(d, "parallel-block", 9, 5));
}

TEST_CASE("an inner branch that jumps to the outer join breaks the inner block, and the message names that join") {
  auto d = check("  - {id: s, name: S, unit: office, medium: paper, parallel: [x, t], join: j}\n"
                 "  - {id: x, name: X, unit: office, medium: paper, next: j}\n"
                 "  - {id: t, name: T, unit: office, medium: paper, parallel: [u, w], join: k}\n"
                 "  - {id: u, name: U, unit: office, medium: paper, next: j}\n"
                 "  - {id: w, name: W, unit: office, medium: paper, next: k}\n"
                 "  - {id: k, name: K, unit: office, medium: paper, next: j}\n"
                 "  - {id: j, name: J, unit: office, medium: paper, next: z}\n"
                 "  - {id: z, name: Z, end: true}\n");
  CHECK(has(d, "parallel-block", 10, 5));
  INFO(test::describe(d));
  std::size_t blocks = 0;
  for (const Diagnostic& diagnostic : d) {
    if (diagnostic.rule != "parallel-block") continue;
    ++blocks;
    CHECK(diagnostic.message.english() ==
          "a branch of 't' reaches 'j', the join of the block of 's', without passing its own join 'k'");
  }
  CHECK(blocks == 1);
}

TEST_CASE("graph rules wait until the routing is free of errors") {
  auto d = check("  - {id: a, name: A, unit: office, medium: paper, next: bb}\n"
                 "  - {id: b, name: B, unit: office, medium: paper, next: z}\n"
                 "  - {id: z, name: Z, end: true}\n");
  CHECK(has(d, "unknown-reference", 8, 57));
  CHECK_FALSE(has_rule(d, "unreachable"));
  CHECK_FALSE(has_rule(d, "no-end"));
}
