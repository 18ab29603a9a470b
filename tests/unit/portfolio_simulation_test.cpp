#include "paperflow/portfolio_simulation.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "paperflow/portfolio_analysis.h"
#include "paperflow/report_portfolio_simulation.h"
#include "paperflow/report_simulation.h"
#include "paperflow/source_file.h"
#include "test_support.h"

using namespace paperflow;

namespace {

namespace fs = std::filesystem;

// The portfolio of the organisation file at `path`; the test fails if it
// is not valid.
Portfolio portfolio_at(const fs::path& path) {
  Diagnostic problem;
  const auto text = read_file(path.string(), problem);
  REQUIRE(text);
  PortfolioValidation validation = validate_portfolio(*text, path.string());
  std::string diagnostics;
  for (const PortfolioFile& file : validation.files) diagnostics += file.path + ": " + test::describe(file.diagnostics);
  INFO(diagnostics);
  REQUIRE(validation.portfolio);
  return std::move(*validation.portfolio);
}

// A directory of its own for the files one test writes, removed at the end.
struct TemporaryDirectory {
  explicit TemporaryDirectory(const std::string& name) : path(fs::temp_directory_path() / name) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return path / name;
  }
  fs::path path;
};

// Every shared unit that some process loads: the simulated utilisation
// within 3 % (relative) of the analysis's ρ_u, and the load shares adding
// up to 1, each near the analysis's share of the load.
void check_against_analysis(const Portfolio& portfolio, const PortfolioSimulationResult& simulated) {
  const PortfolioAnalysis analysis = analyse_portfolio(portfolio);
  REQUIRE(simulated.shared_units.size() == analysis.shared_units.size());
  for (std::size_t u = 0; u < analysis.shared_units.size(); ++u) {
    const SharedUnitFigures& expected = analysis.shared_units[u];
    const SimulatedSharedUnit& unit = simulated.shared_units[u];
    if (expected.external || expected.utilisation == 0) continue;
    INFO(portfolio.organisation.units[u].id << ": simulated " << unit.figures.utilisation.mean << " ± "
                                            << unit.figures.utilisation.ci95 << ", ρ " << expected.utilisation);
    CHECK(std::fabs(unit.figures.utilisation.mean - expected.utilisation) <= 0.03 * expected.utilisation);
    double sum = 0;
    REQUIRE(unit.load_share.size() == expected.load_share.size());
    for (std::size_t k = 0; k < unit.load_share.size(); ++k) {
      CHECK(unit.load_share[k].first == expected.load_share[k].first);
      CHECK(std::fabs(unit.load_share[k].second - expected.load_share[k].second) <= 0.03);
      sum += unit.load_share[k].second;
    }
    CHECK(sum == doctest::Approx(1).epsilon(1e-12));
  }
}

// A process file for the generated organisation: `cases` a year, one step
// at the shared unit `post` and one at its own unit `office`.
std::string process_file(const std::string& id, int cases, const std::string& post_work,
                         const std::string& office_work) {
  return "paperflow: 1\n"
         "process: {id: " + id + ", name: " + id + "}\n"
         "demand: {cases_per_year: " + std::to_string(cases) + "}\n"
         "units:\n"
         "  - {id: post, name: Post, staff: 1, cost_per_hour: 50}\n"
         "  - {id: office, name: Amt, staff: 6, availability: 0.8, cost_per_hour: 60}\n"
         "steps:\n"
         "  - {id: open, name: Öffnen, unit: post, medium: paper, work: {dist: exponential, mean: " + post_work +
         "}, next: handle}\n"
         "  - {id: handle, name: Bearbeiten, unit: office, medium: paper, work: " + office_work + ", next: done}\n"
         "  - {id: done, name: Fertig, end: true}\n";
}

}  // namespace

TEST_CASE("portfolio simulation: the example's shared units are loaded as the analysis says") {
  const Portfolio portfolio = portfolio_at(fs::path(PAPERFLOW_EXAMPLES) / "bezirksamt-nord" / "organisation.yaml");
  SimulationOptions options;
  options.days = 250;
  options.replications = 4;
  options.threads = 2;
  const PortfolioSimulationResult simulated = simulate_portfolio(portfolio, options);
  REQUIRE_FALSE(simulated.problem);
  CHECK(simulated.stable);
  REQUIRE(simulated.processes.size() == portfolio.processes.size());
  check_against_analysis(portfolio, simulated);
}

TEST_CASE("portfolio simulation: a generated organisation's shared post room, part-time people included") {
  const TemporaryDirectory directory("paperflow-portfolio-simulation-test");
  // ρ = (6 × 0.1 h + 3 × 0.2 h) / (2.5 × 0.7) = 0.69 at the post room.
  directory.write("a.yaml", process_file("a", 12000, "6min", "{dist: triangular, min: 10min, mode: 20min, max: 40min}"));
  directory.write("b.yaml", process_file("b", 6000, "12min", "30min"));
  const fs::path organisation = directory.write(
      "organisation.yaml",
      "paperflow: 1\n"
      "organisation: {id: amt, name: Amt}\n"
      "units:\n"
      "  - {id: post, name: Poststelle, staff: 2.5, availability: 0.7, cost_per_hour: 50}\n"
      "processes: [a.yaml, b.yaml]\n");
  const Portfolio portfolio = portfolio_at(organisation);
  SimulationOptions options;
  options.cases = 20000;
  options.replications = 4;
  options.threads = 2;
  const PortfolioSimulationResult simulated = simulate_portfolio(portfolio, options);
  REQUIRE_FALSE(simulated.problem);
  CHECK(simulated.stable);
  check_against_analysis(portfolio, simulated);
  // Each process's own office is its own: the other's cases never queue there.
  const PortfolioAnalysis analysis = analyse_portfolio(portfolio);
  for (std::size_t p = 0; p < 2; ++p) {
    const double rho = analysis.processes[p].units[1].utilisation;
    INFO("process " << p << " office: simulated " << simulated.processes[p].units[1].utilisation.mean << ", ρ " << rho);
    CHECK(std::fabs(simulated.processes[p].units[1].utilisation.mean - rho) <= 0.03 * rho);
  }
}

TEST_CASE("portfolio simulation: a process that shares no unit, alone in its organisation, is simulated as alone") {
  const TemporaryDirectory directory("paperflow-portfolio-simulation-alone");
  directory.write("a.yaml", process_file("a", 5000, "6min", "20min"));
  // A shared unit no process uses, with part-time people: it draws no
  // blocks, so it changes nothing.
  const fs::path organisation = directory.write(
      "organisation.yaml",
      "paperflow: 1\n"
      "organisation: {id: amt, name: Amt}\n"
      "units:\n"
      "  - {id: kasse, name: Kasse, staff: 1.5, availability: 0.5, cost_per_hour: 50}\n"
      "processes: [a.yaml]\n");
  const Portfolio portfolio = portfolio_at(organisation);
  SimulationOptions options;
  options.cases = 3000;
  options.replications = 3;
  const PortfolioSimulationResult together = simulate_portfolio(portfolio, options);
  const SimulationResult alone = simulate(portfolio.processes[0].process, options);
  REQUIRE_FALSE(together.problem);
  REQUIRE(together.processes.size() == 1);
  // The same figures to the last bit: the JSON of simulate prints them all.
  SimulationResult figures = together.processes[0];
  figures.events = alone.events;
  CHECK(render_simulation_json(portfolio.processes[0].process, figures) ==
        render_simulation_json(portfolio.processes[0].process, alone));
  CHECK(together.shared_units.size() == 1);
  CHECK(together.shared_units[0].figures.utilisation.mean == 0);
  CHECK(together.shared_units[0].load_share.empty());
}

TEST_CASE("portfolio simulation: the same output on one thread and on four") {
  const Portfolio portfolio = portfolio_at(fs::path(PAPERFLOW_EXAMPLES) / "bezirksamt-nord" / "organisation.yaml");
  SimulationOptions options;
  options.cases = 500;
  options.replications = 5;
  options.seed = 7;
  options.threads = 1;
  const std::string one = render_portfolio_simulation_json(portfolio, simulate_portfolio(portfolio, options));
  options.threads = 4;
  const std::string four = render_portfolio_simulation_json(portfolio, simulate_portfolio(portfolio, options));
  CHECK(one == four);
  CHECK(one.find("\"load_share\"") != std::string::npos);
}

TEST_CASE("portfolio simulation: a run beyond the bound for all processes together is refused at the busiest process") {
  const TemporaryDirectory directory("paperflow-portfolio-simulation-bound");
  directory.write("a.yaml", process_file("a", 20000, "6min", "20min"));
  directory.write("b.yaml", process_file("b", 200, "6min", "20min"));
  const Portfolio portfolio = portfolio_at(directory.write("organisation.yaml",
                                                           "paperflow: 1\n"
                                                           "organisation: {id: amt, name: Amt}\n"
                                                           "units:\n"
                                                           "  - {id: post, name: Post, staff: 1, cost_per_hour: 50}\n"
                                                           "processes: [a.yaml, b.yaml]\n"));
  // Each process alone records 10^6 cases of 2 steps, within the bound of
  // 10^7 steps; together a's cases keep arriving while b's rare ones do:
  // some 10^8 cases of a.
  SimulationOptions options;
  options.cases = 1'000'000;
  options.replications = 1;
  options.bounds.expected_steps_per_run = 1e7;
  const PortfolioSimulationResult refused = simulate_portfolio(portfolio, options);
  REQUIRE(refused.problem);
  CHECK(refused.problem->rule == "simulation-bound");
  CHECK(refused.problem->location.file_name().ends_with("a.yaml"));
  CHECK(refused.problem->message.english().find("process 'a'") != std::string::npos);
  CHECK(refused.processes.empty());
}
