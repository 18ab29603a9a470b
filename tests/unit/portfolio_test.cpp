// The organisation file's reader, the portfolio's validation and its
// analysis, against figures worked out by hand from docs/organisation.md.
#include <cmath>
#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>

#include "paperflow/organisation.h"
#include "paperflow/portfolio.h"
#include "paperflow/portfolio_analysis.h"
#include "paperflow/what_if.h"
#include "test_support.h"

using namespace paperflow;
namespace fs = std::filesystem;

namespace {

// Two processes that share a post room: `a` with 2000 cases a year and
// 6 min (exponential) there, `b` with 1000 cases and 12 min (fixed); each
// has an office of its own with the same id, not shared.
const char* const organisation_text = R"(paperflow: 1
organisation: {id: amt, name: Amt}
units:
  - {id: post, name: Poststelle, staff: 1, availability: 0.5, cost_per_hour: 40}
processes: [a.yaml, b.yaml]
measures:
  - {id: e_akte, name: E-Akte, scope: organisation, changes: [{where: {activity: archive}, remove: true}]}
)";

const char* const process_a = R"(paperflow: 1
process: {id: a, name: A}
demand: {cases_per_year: 2000}
units:
  - {id: post, name: Post, staff: 9, cost_per_hour: 99}
  - {id: büro, name: Büro, staff: 1, cost_per_hour: 60}
steps:
  - {id: eingang, name: Eingang, unit: post, medium: paper, work: {dist: exponential, mean: 6min}, next: prüfen}
  - {id: prüfen, name: Prüfen, unit: büro, medium: paper, work: 30min, next: fertig}
  - {id: fertig, name: Fertig, end: true}
)";

const char* const process_b = R"(paperflow: 1
process: {id: b, name: B}
demand: {cases_per_year: 1000}
units:
  - {id: post, name: Post, staff: 1, cost_per_hour: 40}
  - {id: büro, name: Büro, staff: 1, cost_per_hour: 60}
steps:
  - {id: schreiben, name: Schreiben, unit: büro, medium: paper, work: 1h, next: versenden}
  - {id: versenden, name: Versenden, unit: post, medium: paper, work: 12min, next: fertig}
  - {id: fertig, name: Fertig, end: true}
)";

// The three files in a fresh directory; removed at the end of the test.
struct Files {
  fs::path directory;
  explicit Files(const std::string& name, const char* b = process_b) {
    directory = fs::temp_directory_path() / ("paperflow-portfolio-" + name);
    fs::remove_all(directory);
    fs::create_directories(directory);
    std::ofstream(directory / "org.yaml") << organisation_text;
    std::ofstream(directory / "a.yaml") << process_a;
    std::ofstream(directory / "b.yaml") << b;
  }
  ~Files() { fs::remove_all(directory); }
  PortfolioValidation validate() const {
    return validate_portfolio(organisation_text, (directory / "org.yaml").string());
  }
};

}  // namespace

TEST_CASE("an organisation file is told from a process file by its top-level key") {
  CHECK(is_organisation_text(organisation_text));
  CHECK_FALSE(is_organisation_text(process_a));
  CHECK_FALSE(is_organisation_text("paperflow: 1\nprocess: {id: organisation, name: organisation}\n"));
  CHECK_FALSE(is_organisation_text("[organisation"));
}

TEST_CASE("the organisation file's reader keeps units, listings with their places, and a measure's scope") {
  OrganisationLoadResult loaded = load_organisation(organisation_text, "org.yaml");
  INFO(test::describe(loaded.diagnostics));
  REQUIRE(loaded.diagnostics.empty());
  const Organisation& organisation = *loaded.organisation;
  CHECK(organisation.id == "amt");
  REQUIRE(organisation.units.size() == 1);
  CHECK(organisation.units[0].servers() == doctest::Approx(0.5));
  REQUIRE(organisation.processes.size() == 2);
  CHECK(organisation.processes[1].path == "b.yaml");
  CHECK(organisation.processes[1].location.line == 5);
  REQUIRE(organisation.measures.size() == 1);
  CHECK(organisation.measures[0].scope == MeasureScope::organisation);
}

TEST_CASE("a valid portfolio: the processes in listed order, shared units mapped by id") {
  Files files("valid");
  PortfolioValidation result = files.validate();
  REQUIRE(result.files.size() == 3);
  INFO(test::describe(result.files[0].diagnostics));
  REQUIRE(result.portfolio);
  const Portfolio& portfolio = *result.portfolio;
  REQUIRE(portfolio.processes.size() == 2);
  CHECK(portfolio.processes[0].path == "a.yaml");
  CHECK(portfolio.processes[0].shared_units[0] == std::optional<std::size_t>(0));  // post
  CHECK_FALSE(portfolio.processes[0].shared_units[1]);                              // büro, its own
  CHECK(portfolio.unit_name(1, 1) == "b/büro");
  // Process a writes 99 EUR for the post room, the organisation 40: a warning in a.yaml.
  INFO(test::describe(result.files[1].diagnostics));
  CHECK(test::has(result.files[1].diagnostics, "organisation-cost", 5, 5));
  CHECK(result.files[2].diagnostics.empty());
  // büro is in both, not shared: one warning in the organisation file.
  CHECK(test::has(result.files[0].diagnostics, "organisation-unshared", 5, 12));
}

TEST_CASE("the portfolio analysis sums the shared unit over the processes, each with its own visits") {
  Files files("analysis");
  PortfolioValidation result = files.validate();
  REQUIRE(result.portfolio);
  const PortfolioAnalysis analysis = analyse_portfolio(*result.portfolio);
  // λ_a = 2000/2000 = 1, λ_b = 0.5 per hour. Λ = 1·0.1 + 0.5·0.2 = 0.2 h/h,
  // λ_u = 1.5 visits an hour, S = 0.2/1.5 h; E[W²]: 2·0.1² (exponential)
  // and 0.2² (fixed): cs² = (1·0.02 + 0.5·0.04)/1.5/S² − 1.
  const SharedUnitFigures& post = analysis.shared_units.at(0);
  const double S = 0.2 / 1.5, cs2 = (0.02 + 0.02) / 1.5 / (S * S) - 1, rho = 0.2 / 0.5;
  CHECK(post.load_hours_per_hour == doctest::Approx(0.2).epsilon(1e-12));
  CHECK(post.visits_per_hour == doctest::Approx(1.5).epsilon(1e-12));
  CHECK(post.service_scv == doctest::Approx(cs2).epsilon(1e-12));
  CHECK(post.utilisation == doctest::Approx(rho).epsilon(1e-12));
  const double wq = (1 + cs2) / 2 * std::pow(rho, std::sqrt(2.0 * 1.5) - 1) / (0.5 * (1 - rho)) * S;
  REQUIRE(post.queue_wait_hours);
  CHECK(*post.queue_wait_hours == doctest::Approx(wq).epsilon(1e-12));
  CHECK(post.hours_per_year == doctest::Approx(400).epsilon(1e-12));
  REQUIRE(post.load_share.size() == 2);
  CHECK(post.load_share[0].second == doctest::Approx(0.5).epsilon(1e-12));
  // Every step at the shared unit waits Wq of the shared unit, in both processes.
  CHECK(*analysis.processes[0].steps[0].queue_hours == doctest::Approx(wq).epsilon(1e-12));
  CHECK(*analysis.processes[1].steps[1].queue_hours == doctest::Approx(wq).epsilon(1e-12));
  // The offices are each process's own: a's at ρ = 0.5, b's at 0.5 as well;
  // the post room at 0.4. First of equals wins: a/büro.
  REQUIRE(analysis.bottleneck);
  CHECK_FALSE(analysis.bottleneck->shared_unit);
  CHECK(analysis.bottleneck->process == 0);
  // Staff cost at the organisation's 40 EUR for the post room, not a's 99.
  CHECK(analysis.staff_cost_per_year == doctest::Approx(2000 * (0.1 * 40 + 0.5 * 60) + 1000 * (1 * 60 + 0.2 * 40)));
  CHECK(analysis.staff_hours_per_year == doctest::Approx(400 + 2000 * 0.5 + 1000 * 1.0));
  CHECK(analysis.stable);
}

TEST_CASE("one process's demand lengthens another's lead time through the shared unit") {
  Files files("demand");
  PortfolioValidation result = files.validate();
  REQUIRE(result.portfolio);
  Portfolio portfolio = *result.portfolio;
  const double before = *analyse_portfolio(portfolio).processes[0].lead_time_hours;
  REQUIRE_FALSE(apply_what_if(portfolio, "processes.b.demand.cases_per_year=1500"));
  const PortfolioAnalysis after = analyse_portfolio(portfolio);
  CHECK(*after.processes[0].lead_time_hours > before);
  // Past the shared unit's capacity: unbounded for both processes that use it.
  REQUIRE_FALSE(apply_what_if(portfolio, "processes.b.demand.cases_per_year=9000"));
  const PortfolioAnalysis overloaded = analyse_portfolio(portfolio);
  CHECK_FALSE(overloaded.stable);
  CHECK_FALSE(overloaded.processes[0].lead_time_hours);
}

TEST_CASE("the portfolio analysis is the same on any number of threads") {
  Files files("threads");
  PortfolioValidation result = files.validate();
  REQUIRE(result.portfolio);
  const PortfolioAnalysis one = analyse_portfolio(*result.portfolio, 1);
  const PortfolioAnalysis four = analyse_portfolio(*result.portfolio, 4);
  CHECK(one.staff_cost_per_year == four.staff_cost_per_year);
  CHECK(one.shared_units[0].queue_wait_hours == four.shared_units[0].queue_wait_hours);
}

TEST_CASE("--set on an organisation: shared units as the organisation's, a process's own values by its id") {
  Files files("set");
  PortfolioValidation result = files.validate();
  REQUIRE(result.portfolio);
  Portfolio portfolio = *result.portfolio;
  CHECK_FALSE(apply_what_if(portfolio, "units.post.staff=2"));
  CHECK(portfolio.organisation.units[0].staff == 2);
  auto shared = apply_what_if(portfolio, "processes.a.units.post.staff=3");
  REQUIRE(shared);
  CHECK(shared->message.english().find("shared unit") != std::string::npos);
  CHECK(apply_what_if(portfolio, "processes.a.calendar.hours_per_day=7"));
  auto unknown = apply_what_if(portfolio, "processes.c.demand.cases_per_year=7");
  REQUIRE(unknown);
  CHECK(unknown->rule == "unknown-reference");
  CHECK(apply_what_if(portfolio, "demand.cases_per_year=7"));  // an organisation has no demand of its own
  CHECK_FALSE(apply_what_if(portfolio, "processes.b.units.büro.staff=2"));
  CHECK(portfolio.processes[1].process.units[1].staff == 2);
}

TEST_CASE("the organisation's errors are reported at the listing: calendar and duplicate id") {
  const char* const other_calendar = R"(paperflow: 1
process: {id: a, name: B}
calendar: {hours_per_day: 7.8}
demand: {cases_per_year: 1000}
units: [{id: büro, name: Büro, staff: 1}]
steps:
  - {id: schreiben, name: Schreiben, unit: büro, medium: paper, work: 1h, next: fertig}
  - {id: fertig, name: Fertig, end: true}
)";
  Files files("errors", other_calendar);
  PortfolioValidation result = files.validate();
  CHECK_FALSE(result.portfolio);
  const Diagnostics& own = result.files[0].diagnostics;
  INFO(test::describe(own));
  int organisation_errors = 0;
  for (const Diagnostic& d : own)
    if (d.rule == "organisation") {
      ++organisation_errors;
      CHECK(d.location.line == 5);  // `processes: [a.yaml, b.yaml]`
    }
  CHECK(organisation_errors == 2);  // the id 'a' twice, and 7.8 hours a day
}
