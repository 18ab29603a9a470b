#include "paperflow/portfolio_plan.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <unistd.h>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "paperflow/plan.h"
#include "paperflow/report_portfolio_plan.h"
#include "test_support.h"

using namespace paperflow;
using doctest::Approx;

namespace {

namespace fs = std::filesystem;

// Organisation and process files in a fresh directory, the portfolio they
// make, and what validation said when it is not valid.
class Files {
 public:
  Files() {
    dir_ = fs::temp_directory_path() / ("paperflow-portfolio-plan-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(counter()++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~Files() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  void write(const std::string& name, const std::string& text) const { std::ofstream(dir_ / name) << text; }
  Portfolio portfolio(const std::string& organisation_text) const {
    write("organisation.yaml", organisation_text);
    PortfolioValidation validation = validate_portfolio(organisation_text, (dir_ / "organisation.yaml").string());
    std::string problems;
    for (const PortfolioFile& file : validation.files)
      for (const Diagnostic& d : file.diagnostics)
        if (d.severity == Severity::error) problems += file.path + ": " + test::describe({d});
    INFO(problems);
    REQUIRE(validation.portfolio);
    return std::move(*validation.portfolio);
  }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  fs::path dir_;
};

// A process with its own office and the shared post room: a posted form is
// received at the post room, carried to the office and checked there.
std::string process(const std::string& id, double cases, const std::string& post_work = "30min",
                    const std::string& measures = "") {
  return "paperflow: 1\n"
         "process: {id: " + id + ", name: Verfahren " + id + "}\n"
         "demand: {cases_per_year: " + std::to_string(cases) + "}\n"
         "units:\n"
         "  - {id: post, name: Poststelle, staff: 1, cost_per_hour: 50}\n"
         "  - {id: office, name: Amt, staff: 3, cost_per_hour: 60}\n"
         "  - {id: applicant, name: Antragsteller, external: true}\n"
         "steps:\n"
         "  - {id: submit, name: S, unit: applicant, activity: submit, medium: paper, channel: post, next: receive}\n"
         "  - {id: receive, name: R, unit: post, activity: receive, medium: paper, work: " + post_work + ", next: carry}\n"
         "  - {id: carry, name: C, unit: office, activity: transport, medium: paper, work: 10min, next: check}\n"
         "  - {id: check, name: K, unit: office, activity: check, medium: paper, work: 1h, next: done}\n"
         "  - {id: done, name: D, end: true}\n" +
         measures;
}

std::string organisation(const std::vector<std::string>& files, const std::string& measures = "",
                         double post_staff = 1) {
  std::string out = "paperflow: 1\n"
                    "organisation: {id: amt, name: Amt}\n"
                    "units:\n"
                    "  - {id: post, name: Poststelle, staff: " + std::to_string(post_staff) +
                    ", availability: 1, cost_per_hour: 50}\n"
                    "processes:\n";
  for (const std::string& f : files) out += "  - " + f + "\n";
  return out + measures;
}

// Removing the carrying of files, bought once for the whole organisation.
const std::string e_file =
    "measures:\n"
    "  - id: e_file\n"
    "    name: E-Akte\n"
    "    scope: organisation\n"
    "    cost: {once: 1000, per_year: 0}\n"
    "    changes:\n"
    "      - where: {activity: transport}\n"
    "        remove: true\n";

PortfolioMeasures own_measures_only(const Portfolio& portfolio) { return portfolio_measures(portfolio, {}, {}); }

}  // namespace

TEST_CASE("an organisation-wide measure is one candidate whose cost counts once, however many processes it changes") {
  Files files;
  for (const char* id : {"a", "b", "c", "d"}) files.write(std::string(id) + ".yaml", process(id, 500));
  const Portfolio portfolio = files.portfolio(organisation({"a.yaml", "b.yaml", "c.yaml", "d.yaml"}, e_file));
  const PortfolioPlan plan = make_portfolio_plan(portfolio, own_measures_only(portfolio), {});
  REQUIRE(plan.measures.size() == 1);
  const PortfolioPlannedMeasure& m = plan.measures[0];
  CHECK(m.scope == MeasureScope::organisation);
  CHECK(m.processes == std::vector<std::size_t>{0, 1, 2, 3});
  CHECK(m.figures.one_off_cost == 1000);
  // Its saving is that of all four processes: 10 minutes of office work per case.
  CHECK(m.figures.staff_cost_saved_per_year == Approx(4 * 500 * (10.0 / 60) * 60));
  const auto json = nlohmann::json::parse(render_portfolio_plan_json(portfolio, plan));
  REQUIRE(json["measures"].size() == 1);
  CHECK(json["measures"][0]["one_off_cost"] == 1000);
  CHECK(json["measures"][0]["processes"] == nlohmann::json({"a", "b", "c", "d"}));
  CHECK(json.contains("organisation"));
  CHECK_FALSE(json.contains("process"));
}

TEST_CASE("an organisation-wide measure leaves a process it selects nothing in alone") {
  Files files;
  files.write("a.yaml", process("a", 500));
  // b has nothing to carry: its check follows the post room directly.
  std::string b = process("b", 500);
  b.replace(b.find("next: carry"), 11, "next: check");
  b.erase(b.find("  - {id: carry"), b.find("  - {id: check") - b.find("  - {id: carry"));
  files.write("b.yaml", b);
  const Portfolio portfolio = files.portfolio(organisation({"a.yaml", "b.yaml"}, e_file));
  const PortfolioPlan plan = make_portfolio_plan(portfolio, own_measures_only(portfolio), {});
  REQUIRE(plan.measures.size() == 1);
  CHECK(plan.measures[0].processes == std::vector<std::size_t>{0});
  CHECK(plan.changed == std::vector<bool>{true, false});
  CHECK(plan.skipped.empty());
}

TEST_CASE("a measure in one process that relieves a shared unit shortens another process's lead time") {
  Files files;
  // a's own measure takes its post out of the post room; b keeps its post,
  // and waits less for the post room a no longer loads.
  const std::string digital_intake =
      "measures:\n"
      "  - id: digital_intake\n"
      "    name: Digitaler Posteingang\n"
      "    cost: {once: 100, per_year: 0}\n"
      "    changes:\n"
      "      - where: {activity: receive}\n"
      "        remove: true\n";
  files.write("a.yaml", process("a", 2000, "30min", digital_intake));
  files.write("b.yaml", process("b", 1000));
  const Portfolio portfolio = files.portfolio(organisation({"a.yaml", "b.yaml"}));
  const PortfolioPlan plan = make_portfolio_plan(portfolio, own_measures_only(portfolio), {});
  REQUIRE(plan.measures.size() == 1);
  CHECK(plan.measures[0].processes == std::vector<std::size_t>{0});
  CHECK(plan.changed == std::vector<bool>{true, false});
  const Analysis &b_before = plan.before.processes[1], &b_after = plan.after.processes[1];
  REQUIRE(b_before.lead_time_hours);
  REQUIRE(b_after.lead_time_hours);
  CHECK(*b_after.lead_time_hours < *b_before.lead_time_hours - 0.1);
  CHECK(plan.after.shared_units[0].utilisation < plan.before.shared_units[0].utilisation);
  // b's shorter wait is part of the measure's lead time saved: more than a's
  // saving alone, spread over all cases.
  const double a_saved = *plan.before.processes[0].lead_time_hours - *plan.after.processes[0].lead_time_hours;
  const double b_saved = *b_before.lead_time_hours - *b_after.lead_time_hours;
  REQUIRE(plan.measures[0].figures.lead_time_saved_hours);
  CHECK(*plan.measures[0].figures.lead_time_saved_hours == Approx((2000 * a_saved + 1000 * b_saved) / 3000));
  // The plan's before is the portfolio's analysis, and its after is what
  // analysing the changed portfolio from scratch gives.
  const PortfolioAnalysis fresh = analyse_portfolio(portfolio);
  CHECK(plan.before.staff_cost_per_year == fresh.staff_cost_per_year);
  CHECK(*plan.before.processes[1].lead_time_hours == *fresh.processes[1].lead_time_hours);
}

TEST_CASE("above 20 candidates the budget choice is greedy, and the plan says so") {
  // Each process has two measures that pay back: 11 processes, 22 candidates.
  const std::string two_measures =
      "measures:\n"
      "  - {id: faster_check, name: Schnellere Prüfung, cost: {once: 100, per_year: 0},\n"
      "     changes: [{where: {activity: check}, work: x0.5}]}\n"
      "  - {id: faster_post, name: Schnellere Post, cost: {once: 100, per_year: 0},\n"
      "     changes: [{where: {activity: receive}, work: x0.5}]}\n";
  auto plan_with = [&](int processes) {
    Files files;
    std::vector<std::string> names;
    for (int i = 0; i < processes; ++i) {
      const std::string id = "p" + std::to_string(i);
      files.write(id + ".yaml", process(id, 100, "6min", two_measures));
      names.push_back(id + ".yaml");
    }
    const Portfolio portfolio = files.portfolio(organisation(names, "", 3));
    PlanOptions options;
    options.budget = 1000;
    return make_portfolio_plan(portfolio, own_measures_only(portfolio), options);
  };
  const PortfolioPlan greedy = plan_with(11);
  REQUIRE(greedy.budget_candidates);
  CHECK(*greedy.budget_candidates == 22);
  CHECK(greedy.selection_method.english().find("greedy") != std::string::npos);
  CHECK(greedy.measures.size() == 10);  // 1000 EUR buys ten of them
  const PortfolioPlan exact = plan_with(10);
  REQUIRE(exact.budget_candidates);
  CHECK(*exact.budget_candidates == 20);
  CHECK(exact.selection_method.english().find("exact") != std::string::npos);
}

TEST_CASE("the portfolio plan is the same on one thread and on four") {
  Files files;
  const std::string measures =
      "measures:\n"
      "  - {id: faster_check, name: Schnellere Prüfung, cost: {once: 5000, per_year: 100},\n"
      "     changes: [{where: {activity: check}, work: x0.6}]}\n"
      "  - {id: digital_intake, name: Digitaler Posteingang, cost: {once: 2000, per_year: 0}, requires: [faster_check],\n"
      "     changes: [{where: {activity: receive}, remove: true}]}\n";
  std::vector<std::string> names;
  for (int i = 0; i < 6; ++i) {
    const std::string id = "p" + std::to_string(i);
    files.write(id + ".yaml", process(id, 300 + 200 * i, i % 2 ? "20min" : "40min", measures));
    names.push_back(id + ".yaml");
  }
  const Portfolio portfolio = files.portfolio(organisation(names, e_file, 2));
  PlanOptions options;
  options.objective = PlanObjective::lead_time;
  const std::string one = render_portfolio_plan_json(portfolio, make_portfolio_plan(portfolio, own_measures_only(portfolio), options, 1));
  const std::string four = render_portfolio_plan_json(portfolio, make_portfolio_plan(portfolio, own_measures_only(portfolio), options, 4));
  CHECK(one == four);
  CHECK(nlohmann::json::parse(one)["measures"].size() > 6);
}

TEST_CASE("an organisation of one process without shared units plans as that process alone") {
  Files files;
  const std::string measures =
      "measures:\n"
      "  - {id: online, name: Online, cost: {once: 3000, per_year: 100},\n"
      "     changes: [{where: {activity: submit}, set: {medium: digital, channel: online}}]}\n"
      "  - {id: faster_check, name: Schnellere Prüfung, cost: {once: 5000, per_year: 100},\n"
      "     changes: [{where: {activity: check}, work: x0.6}]}\n"
      "  - {id: no_carry, name: Kein Tragen, cost: {once: 50000, per_year: 0},\n"
      "     changes: [{where: {activity: transport}, remove: true}]}\n";
  files.write("a.yaml", process("a", 3000, "30min", measures));
  const std::string text = "paperflow: 1\norganisation: {id: o, name: O}\nprocesses: [a.yaml]\n";
  const Portfolio portfolio = files.portfolio(text);
  const Process& alone = portfolio.processes[0].process;
  const Plan single = make_plan(alone, alone.measures, {});
  const PortfolioPlan plan = make_portfolio_plan(portfolio, own_measures_only(portfolio), {});
  REQUIRE(plan.measures.size() == single.measures.size());
  for (std::size_t i = 0; i < single.measures.size(); ++i) {
    CAPTURE(i);
    CHECK(plan.measures[i].figures.id == single.measures[i].id);
    CHECK(plan.measures[i].figures.wave == single.measures[i].wave);
    CHECK(plan.measures[i].figures.staff_cost_saved_per_year == Approx(single.measures[i].staff_cost_saved_per_year));
    CHECK(plan.measures[i].figures.because.kind == single.measures[i].because.kind);
  }
  CHECK(plan.skipped.size() == single.skipped.size());
}
