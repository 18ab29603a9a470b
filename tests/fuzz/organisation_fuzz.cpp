// Fuzz target: an organisation file from outside. Its reader reports, never
// crashes; what it reads is told from a process file the same way; its
// shared units, put to work by two fixed processes that share them (built
// in memory: the target opens no file a fuzzed path names), give finite
// figures, and a load share per process that adds up to 1.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "paperflow/organisation.h"
#include "paperflow/portfolio.h"
#include "paperflow/portfolio_analysis.h"
#include "paperflow/validate.h"

using namespace paperflow;

namespace {

// Two processes whose units have the ids an organisation file most often
// shares; whichever the fuzzed file lists become shared.
const char* const first = R"(paperflow: 1
process: {id: eins, name: Eins}
demand: {cases_per_year: 1000}
units:
  - {id: poststelle, name: Post, staff: 1}
  - {id: kasse, name: Kasse, staff: 1}
  - {id: amt, name: Amt, staff: 2}
steps:
  - {id: eingang, name: Eingang, unit: poststelle, medium: paper, work: 5min, next: prüfen}
  - id: prüfen
    name: Prüfen
    unit: amt
    medium: paper
    work: {dist: exponential, mean: 20min}
    next: [{to: zahlen, p: 0.8}, {to: eingang, p: 0.2, rework: true}]
  - {id: zahlen, name: Zahlen, unit: kasse, medium: paper, work: [1min, 2min, 6min], next: fertig}
  - {id: fertig, name: Fertig, end: true}
)";
const char* const second = R"(paperflow: 1
process: {id: zwei, name: Zwei}
demand: {cases_per_year: 3000}
units:
  - {id: poststelle, name: Post, staff: 1}
  - {id: amt, name: Amt, staff: 3}
steps:
  - {id: eingang, name: Eingang, unit: poststelle, medium: paper, work: 2min, next: bearbeiten}
  - {id: bearbeiten, name: Bearbeiten, unit: amt, medium: paper, work: 30min, next: fertig}
  - {id: fertig, name: Fertig, end: true}
)";

PortfolioProcess member(const char* yaml) {
  ValidationResult result = validate_process(yaml, "fixed.yaml");
  fuzz::require(result.valid(), "the fixed process is valid");
  return {"fixed.yaml", std::move(*result.process), std::move(*result.graph), std::move(result.blocks),
          std::move(result.visits), {}};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  OrganisationLoadResult loaded = load_organisation(text, "fuzz.yaml");
  fuzz::require_explained(loaded.diagnostics);
  if (!loaded.organisation || has_errors(loaded.diagnostics)) return 0;
  fuzz::require(is_organisation_text(text), "a file read as an organisation is told as one");
  Organisation& organisation = *loaded.organisation;
  for (const ProcessListing& listing : organisation.processes)
    fuzz::require(listing.location.line >= 1 && !listing.path.empty(), "each listing has its place and a path");
  // The fixed processes need the default calendar's days for their rates;
  // the organisation's calendar is checked by validate_portfolio, not here.
  Portfolio portfolio{std::move(organisation), {}};
  portfolio.processes.push_back(member(first));
  portfolio.processes.push_back(member(second));
  for (PortfolioProcess& p : portfolio.processes) p.shared_units = shared_units_of(portfolio.organisation, p.process);
  const PortfolioAnalysis analysis = analyse_portfolio(portfolio, 1);
  for (const SharedUnitFigures& unit : analysis.shared_units) {
    fuzz::require(std::isfinite(unit.utilisation) && unit.utilisation >= 0, "a finite utilisation");
    if (unit.queue_wait_hours)
      fuzz::require(std::isfinite(*unit.queue_wait_hours) && *unit.queue_wait_hours >= 0, "a finite queue wait");
    fuzz::require(unit.stable == bool(unit.queue_wait_hours), "a queue wait exactly when stable");
    double shares = 0;
    for (const auto& [p, share] : unit.load_share) shares += share;
    fuzz::require(unit.load_share.empty() || std::abs(shares - 1) < 1e-9, "load shares add up to 1");
  }
  fuzz::require(std::isfinite(analysis.staff_cost_per_year) && analysis.staff_cost_per_year >= 0, "a finite staff cost");
  for (const Analysis& process : analysis.processes) fuzz::require_finite_figures(process);
  return 0;
}
