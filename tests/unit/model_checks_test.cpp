#include "paperflow/model_checks.h"

#include <doctest/doctest.h>

#include "paperflow/loader.h"
#include "paperflow/measures.h"
#include "test_support.h"

using namespace paperflow;
using test::header;

namespace {

Process loaded() {
  return *test::valid(header() + "steps:\n"
                      "  - {id: a, name: A, unit: office, medium: paper, work: 10min, next: [{to: z, p: 0.7}, {to: a, p: 0.3, rework: true}]}\n"
                      "  - {id: z, name: Z, end: true}\n").process;
}

}  // namespace

TEST_CASE("a model changed in memory meets the checks the loader runs on the file, with the same words") {
  Process p = loaded();
  CHECK(check_model(p).empty());
  p.steps[0].routing.choices[0].p = 0.5;
  p.steps[0].unit.reset();
  const Diagnostics found = check_model(p);
  REQUIRE(found.size() == 2);
  CHECK(found[0].rule == "probabilities");
  CHECK(found[0].message.english() == "the probabilities of the choices of step 'a' sum to 0.8, not 1");
  CHECK(found[0].location.line == p.steps[0].location.line);
  CHECK(found[1].rule == "missing-key");
  CHECK(found[1].message.english().find("step 'a' has work and needs `unit`") == 0);
}

TEST_CASE("the loader reports a choice sum and a missing unit in the words of check_model") {
  ValidationResult file = validate_process(header() + "steps:\n"
                                           "  - {id: a, name: A, medium: paper, work: 10min, next: [{to: z, p: 0.5}, {to: a, p: 0.3}]}\n"
                                           "  - {id: z, name: Z, end: true}\n",
                                           "t.yaml");
  Process p = loaded();
  p.steps[0].routing.choices[0].p = 0.5;
  p.steps[0].unit.reset();
  for (const Diagnostic& expected : check_model(p)) {
    CAPTURE(expected.message.english());
    bool same = false;
    for (const Diagnostic& d : file.diagnostics) same = same || (d.rule == expected.rule && d.message.english() == expected.message.english());
    CHECK(same);
  }
}

TEST_CASE("model_problems adds the graph rules to the model checks, errors only") {
  Process p = loaded();
  CHECK(model_problems(p).empty());
  p.steps[0].routing.choices.pop_back();  // a: only to z, p 0.7
  Diagnostics found = model_problems(p);
  REQUIRE(found.size() == 1);
  CHECK(found[0].rule == "probabilities");
  p = loaded();
  p.steps[0].routing.choices[0].to.id = "a";  // a loop with no way out
  p.steps[0].routing.choices[0].p = 0.7;
  found = model_problems(p);
  REQUIRE_FALSE(found.empty());
  for (const Diagnostic& d : found) CHECK(d.severity == Severity::error);
  bool graph_rule = false;
  for (const Diagnostic& d : found) graph_rule = graph_rule || d.rule == "closed-loop" || d.rule == "no-end" || d.rule == "unreachable";
  CHECK(graph_rule);
}
