// The conformance replay (conformance.h): which sequences of steps fit a
// process's routing, which are still open, and where the others leave it.
#include "paperflow/conformance.h"

#include <algorithm>
#include <map>
#include <random>
#include <span>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "test_support.h"

using namespace paperflow;

namespace {

// A step of the office with work: the log always records it.
std::string office(const std::string& id, const std::string& routing) {
  return "  - {id: " + id + ", name: " + id + ", unit: office, medium: paper, work: 1h, " + routing + "}\n";
}
// A step of the applicant (an external unit): silent.
std::string applicant(const std::string& id, const std::string& routing) {
  return "  - {id: " + id + ", name: " + id + ", unit: applicant, activity: fill_in, medium: paper, work: 20min, " +
         routing + "}\n";
}
// A step of the office without work, only a delay: silent.
std::string waiting(const std::string& id, const std::string& routing) {
  return "  - {id: " + id + ", name: " + id + ", unit: office, medium: paper, delay: 2d, " + routing + "}\n";
}
std::string end(const std::string& id) { return "  - {id: " + id + ", name: " + id + ", end: true}\n"; }

Process process_of(const std::string& steps) { return *test::valid(test::header() + "steps:\n" + steps).process; }

std::vector<std::size_t> indices(const Process& process, const std::vector<std::string>& ids) {
  std::vector<std::size_t> sequence;
  for (const std::string& id : ids) sequence.push_back(process.step_index.at(id));
  return sequence;
}

ReplayResult replay(const Process& process, const std::vector<std::string>& ids) {
  return Replayer(process).replay(indices(process, ids));
}

bool fits(const Process& process, const std::vector<std::string>& ids) {
  return replay(process, ids).outcome == ReplayOutcome::fits;
}

// Deviates, having replayed the events up to `leaves_after`.
void check_deviates(const Process& process, const std::vector<std::string>& ids,
                    std::optional<std::size_t> leaves_after) {
  const ReplayResult result = replay(process, ids);
  CHECK(result.outcome == ReplayOutcome::deviates);
  CHECK(result.leaves_after == leaves_after);
  CHECK_FALSE(result.state_limit_reached);
}

const std::string linear = office("a", "next: b") + office("b", "next: c") + office("c", "next: done") + end("done");

// The applicant fills in (external), the form lies in the post room (no
// work), the office checks it; then the end.
const std::string with_silent_steps =
    applicant("fill", "next: post") + waiting("post", "next: check") + office("check", "next: done") + end("done");

}  // namespace

TEST_CASE("a linear chain fits with or without its end step") {
  const Process process = process_of(linear);
  CHECK(fits(process, {"a", "b", "c", "done"}));
  CHECK(fits(process, {"a", "b", "c"}));
}

TEST_CASE("steps of external units, steps without work and end steps may be missing") {
  const Process process = process_of(with_silent_steps);
  const Replayer replayer(process);
  CHECK(replayer.is_silent(process.step_index.at("fill")));
  CHECK(replayer.is_silent(process.step_index.at("post")));
  CHECK(replayer.is_silent(process.step_index.at("done")));
  CHECK_FALSE(replayer.is_silent(process.step_index.at("check")));
  CHECK(fits(process, {"check"}));
  CHECK(fits(process, {"fill", "check"}));
  CHECK(fits(process, {"post", "check", "done"}));
  CHECK(fits(process, {"fill", "post", "check", "done"}));
}

TEST_CASE("a silent step the log names counts: in its place, and once") {
  const Process process = process_of(with_silent_steps);
  check_deviates(process, {"check", "fill"}, 0);
  check_deviates(process, {"fill", "fill", "check"}, 0);
  check_deviates(process, {"check", "done", "done"}, 1);
  check_deviates(process, {"post", "fill", "check"}, 0);
}

TEST_CASE("a missing step with work deviates after the last event that replays") {
  const Process process = process_of(linear);
  check_deviates(process, {"a", "c"}, 0);
  check_deviates(process, {"a", "b", "done"}, 1);
  check_deviates(process, {"b", "c"}, std::nullopt);
}

TEST_CASE("a step again where the model allows it once deviates") {
  const Process process = process_of(linear);
  check_deviates(process, {"a", "b", "b", "c"}, 1);
  check_deviates(process, {"a", "b", "c", "a"}, 2);
}

TEST_CASE("a step index that names no step deviates there") {
  const Process process = process_of(linear);
  const std::vector<std::size_t> sequence{process.step_index.at("a"), process.steps.size()};
  const ReplayResult result = Replayer(process).replay(sequence);
  CHECK(result.outcome == ReplayOutcome::deviates);
  CHECK(result.leaves_after == 0u);
}

TEST_CASE("either branch of a choice fits, both do not") {
  const Process process = process_of(office("check", "next: [{to: grant, p: 0.7}, {to: refuse, p: 0.3}]") +
                                     office("grant", "next: granted") + office("refuse", "next: refused") +
                                     end("granted") + end("refused"));
  CHECK(fits(process, {"check", "grant", "granted"}));
  CHECK(fits(process, {"check", "refuse"}));
  check_deviates(process, {"check", "grant", "refuse"}, 1);
}

TEST_CASE("a rework loop taken three times fits") {
  const Process process =
      process_of(office("receive", "next: check") +
                 office("check", "next: [{to: request, p: 0.3, rework: true}, {to: decide, p: 0.7}]") +
                 office("request", "next: receive") + office("decide", "next: done") + end("done"));
  std::vector<std::string> sequence{"receive", "check"};
  for (int round = 0; round < 3; ++round) sequence.insert(sequence.end(), {"request", "receive", "check"});
  sequence.push_back("decide");
  CHECK(fits(process, sequence));
  // The loop back starts at request, not at check.
  check_deviates(process, {"receive", "check", "receive"}, 1);
}

TEST_CASE("a rework loop through silent steps alone ends, and fits wherever the log picks it up") {
  // The applicant fills in and submits, both silent, and may go round again
  // before the office checks: the closure meets the same marking again.
  const Process process =
      process_of(applicant("fill", "next: submit") +
                 applicant("submit", "next: [{to: fill, p: 0.5, rework: true}, {to: check, p: 0.5}]") +
                 office("check", "next: done") + end("done"));
  CHECK(fits(process, {"check"}));
  CHECK(fits(process, {"fill", "submit", "fill", "check"}));
  CHECK(replay(process, {}).outcome == ReplayOutcome::open);
}

namespace {

// A block of two branches of two steps each.
const std::string two_branches = office("split", "parallel: [a1, b1], join: merge") + office("a1", "next: a2") +
                                 office("a2", "next: merge") + office("b1", "next: b2") + office("b2", "next: merge") +
                                 office("merge", "next: done") + end("done");

// Every order of `inner` between `first` and `last`; fits must hold exactly
// for the orders `allowed` accepts. Returns how many fit.
template <typename Allowed>
int check_every_order(const Process& process, const std::string& first, std::vector<std::string> inner,
                      const std::string& last, Allowed allowed) {
  std::ranges::sort(inner);
  int fitting = 0;
  do {
    std::vector<std::string> sequence{first};
    sequence.insert(sequence.end(), inner.begin(), inner.end());
    sequence.push_back(last);
    auto before = [&](const std::string& x, const std::string& y) {
      return std::ranges::find(inner, x) < std::ranges::find(inner, y);
    };
    std::string shown;
    for (const std::string& id : sequence) shown += id + " ";
    INFO(shown);
    const bool expected = allowed(before);
    CHECK(fits(process, sequence) == expected);
    fitting += expected;
  } while (std::ranges::next_permutation(inner).found);
  return fitting;
}

}  // namespace

TEST_CASE("the branches of a parallel block fit in every interleaving, each branch in its order") {
  const Process process = process_of(two_branches);
  const int fitting = check_every_order(process, "split", {"a1", "a2", "b1", "b2"}, "merge",
                                        [](auto before) { return before("a1", "a2") && before("b1", "b2"); });
  CHECK(fitting == 6);
}

TEST_CASE("the join before every branch has arrived deviates") {
  const Process process = process_of(two_branches);
  check_deviates(process, {"split", "a1", "a2", "merge"}, 2);
  check_deviates(process, {"split", "a1", "b1", "b2", "merge"}, 3);
  // Without the join the branches are done but the case is not.
  CHECK(replay(process, {"split", "a1", "b1", "a2", "b2"}).outcome == ReplayOutcome::open);
}

TEST_CASE("nested parallel blocks fit in every order their joins allow") {
  // outer: x beside the inner block of p and q.
  const Process process =
      process_of(office("outer", "parallel: [x, inner], join: outer_join") + office("x", "next: outer_join") +
                 office("inner", "parallel: [p, q], join: inner_join") + office("p", "next: inner_join") +
                 office("q", "next: inner_join") + office("inner_join", "next: outer_join") +
                 office("outer_join", "next: done") + end("done"));
  const int fitting =
      check_every_order(process, "outer", {"x", "inner", "p", "q", "inner_join"}, "outer_join", [](auto before) {
        return before("inner", "p") && before("inner", "q") && before("p", "inner_join") && before("q", "inner_join");
      });
  CHECK(fitting == 10);  // x anywhere among the five places of inner, p, q (2 orders), inner_join
  check_deviates(process, {"outer", "inner", "p", "inner_join"}, 2);
}

TEST_CASE("a branch that is silent throughout or goes straight to the join needs no event") {
  const Process process =
      process_of(office("split", "parallel: [a, fill, merge], join: merge") + office("a", "next: merge") +
                 applicant("fill", "next: merge") + office("merge", "next: done") + end("done"));
  CHECK(fits(process, {"split", "a", "merge"}));
  CHECK(fits(process, {"split", "fill", "a", "merge"}));
  check_deviates(process, {"split", "merge"}, 0);
}

TEST_CASE("a step where branches meet before the join is done once per branch") {
  // docs/format.md: a step branches share counts in each branch it belongs to.
  const Process process = process_of(office("split", "parallel: [a, b], join: merge") + office("a", "next: shared") +
                                     office("b", "next: shared") + office("shared", "next: merge") +
                                     office("merge", "next: done") + end("done"));
  CHECK(fits(process, {"split", "a", "shared", "b", "shared", "merge"}));
  CHECK(fits(process, {"split", "a", "b", "shared", "shared", "merge"}));
  check_deviates(process, {"split", "a", "b", "shared", "merge"}, 3);
}

TEST_CASE("a sequence that stops before the end is open") {
  const Process process = process_of(linear);
  CHECK(replay(process, {"a", "b"}).outcome == ReplayOutcome::open);
  CHECK_FALSE(replay(process, {"a", "b"}).leaves_after);
}

TEST_CASE("an empty sequence fits when silent steps alone lead from the start to an end, else it is open") {
  CHECK(replay(process_of(linear), {}).outcome == ReplayOutcome::open);
  CHECK(replay(process_of(applicant("fill", "next: post") + waiting("post", "next: done") + end("done")), {}).outcome ==
        ReplayOutcome::fits);
}

TEST_CASE("many parallel branches of silent steps hit the state limit and deviate there, in bounded time") {
  // 16 branches of two applicant steps: 3^16 markings after the split.
  auto block = [](int branches) {
    std::string list, steps;
    for (int k = 0; k < branches; ++k) {
      const std::string id = "s" + std::to_string(k);
      list += (k ? ", " : "") + id + "a";
      steps += applicant(id + "a", "next: " + id + "b") + applicant(id + "b", "next: merge");
    }
    return office("receive", "next: split") + office("split", "parallel: [" + list + "], join: merge") + steps +
           office("merge", "next: done") + end("done");
  };
  const Process large = process_of(block(16));
  const ReplayResult result = replay(large, {"receive", "split", "merge"});
  CHECK(result.outcome == ReplayOutcome::deviates);
  CHECK(result.leaves_after == 0u);  // the limit is reached in the silent steps after split, its event
  CHECK(result.state_limit_reached);

  // Four such branches stay well below the limit (3^4 markings), and fit.
  const Process small = process_of(block(4));
  CHECK(fits(small, {"receive", "split", "merge"}));
}

namespace {

// Choices, rework through a silent step, a block nested in a branch, and
// branches of silent steps only.
const std::string rich =
    office("receive", "next: fill") + applicant("fill", "next: check") +
    office("check", "next: [{to: fill, p: 0.3, rework: true}, {to: split, p: 0.7}]") +
    office("split", "parallel: [legal, fire, post], join: merge") +
    office("legal", "next: [{to: legal_more, p: 0.5}, {to: merge, p: 0.5}]") + office("legal_more", "next: merge") +
    office("fire", "parallel: [f1, f2], join: fire_join") + office("f1", "next: fire_join") +
    applicant("f2", "next: f2b") + office("f2b", "next: [{to: f2, p: 0.2, rework: true}, {to: fire_join, p: 0.8}]") +
    waiting("fire_join", "next: merge") + waiting("post", "next: merge") +
    office("merge", "next: [{to: granted, p: 0.8}, {to: refused, p: 0.2}]") + end("granted") + end("refused");

// A run of the process as a token game written apart from the replayer:
// a random token moves at each turn, a choice takes a random branch, a join
// waits for as many arrivals as its split has branches. Silent steps are
// left out of the log at random.
std::vector<std::size_t> random_run(const Process& process, const Replayer& replayer, std::mt19937& random) {
  std::vector<std::size_t> tokens{process.start_step()}, log;
  std::map<std::size_t, std::size_t> arrived, branches;  // per join step
  for (const Step& step : process.steps)
    if (step.routing.kind == Routing::Kind::parallel)
      branches[process.step_index.at(step.routing.join.id)] = step.routing.parallel.size();
  auto move_to = [&](const std::string& id) {
    const std::size_t to = process.step_index.at(id);
    if (!branches.count(to)) return tokens.push_back(to);
    if (++arrived[to] == branches[to]) {
      arrived[to] = 0;
      tokens.push_back(to);
    }
  };
  while (!tokens.empty()) {
    const std::size_t k = std::uniform_int_distribution<std::size_t>(0, tokens.size() - 1)(random);
    const std::size_t s = tokens[k];
    tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(k));
    if (!replayer.is_silent(s) || random() % 2) log.push_back(s);
    const Routing& routing = process.steps[s].routing;
    switch (routing.kind) {
      case Routing::Kind::next: move_to(routing.next.id); break;
      case Routing::Kind::choice:
        move_to(
            routing.choices[std::uniform_int_distribution<std::size_t>(0, routing.choices.size() - 1)(random)].to.id);
        break;
      case Routing::Kind::parallel:
        for (const Reference& branch : routing.parallel) move_to(branch.id);
        break;
      case Routing::Kind::none: break;
    }
  }
  return log;
}

}  // namespace

TEST_CASE("random runs with silent steps left out fit, and none of their prefixes deviates") {
  const Process process = process_of(rich);
  const Replayer replayer(process);
  std::mt19937 random(16);
  for (int run = 0; run < 500; ++run) {
    const std::vector<std::size_t> log = random_run(process, replayer, random);
    std::string shown;
    for (std::size_t s : log) shown += process.steps[s].id + " ";
    INFO(shown);
    REQUIRE(replayer.replay(log).outcome == ReplayOutcome::fits);
    for (std::size_t length = 0; length < log.size(); ++length)
      REQUIRE(replayer.replay(std::span(log).first(length)).outcome != ReplayOutcome::deviates);
  }
}
