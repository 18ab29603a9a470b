#include "paperflow/model_checks.h"

#include <cmath>

#include <fmt/format.h>

namespace paperflow {
namespace {

std::string step_name(const Step& step) { return step.id.empty() ? "a step" : fmt::format("step '{}'", step.id); }

}  // namespace

std::optional<Diagnostic> check_choice_sum(const Step& step, const SourceLocation& where) {
  if (step.routing.kind != Routing::Kind::choice) return std::nullopt;
  double sum = 0;
  for (const Choice& choice : step.routing.choices) sum += choice.p;
  if (std::fabs(sum - 1.0) <= probability_sum_tolerance) return std::nullopt;
  return Diagnostic{"probabilities", Severity::error, where,
                    fmt::format("the probabilities of {}'s choices sum to {:.6g}, not 1",
                                step.id.empty() ? "a step" : step.id, sum)};
}

std::optional<Diagnostic> check_work_has_unit(const Step& step, const SourceLocation& where) {
  if (step.end || step.unit || step.work.is_zero()) return std::nullopt;
  return Diagnostic{"missing-key", Severity::error, where,
                    fmt::format("{} has work and needs `unit` (who does it), or set defaults.unit", step_name(step))};
}

Diagnostics check_model(const Process& process) {
  Diagnostics found;
  for (const Step& step : process.steps) {
    if (step.end) continue;
    if (auto d = check_choice_sum(step, step.location)) found.push_back(std::move(*d));
    if (auto d = check_work_has_unit(step, step.location)) found.push_back(std::move(*d));
  }
  return found;
}

}  // namespace paperflow
