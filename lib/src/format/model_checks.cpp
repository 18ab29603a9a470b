#include "paperflow/model_checks.h"

#include <cmath>

#include <fmt/format.h>

namespace paperflow {
namespace {

Phrase step_name(const Step& step) { return step.id.empty() ? phrase_of("a step") : phrase_of("step '{}'", step.id); }

}  // namespace

std::optional<Diagnostic> check_choice_sum(const Step& step, const SourceLocation& where) {
  if (step.routing.kind != Routing::Kind::choice) return std::nullopt;
  double sum = 0;
  for (const Choice& choice : step.routing.choices) sum += choice.p;
  if (std::fabs(sum - 1.0) <= probability_sum_tolerance) return std::nullopt;
  return Diagnostic{"probabilities", Severity::error, where,
                    phrase_of("the probabilities of the choices of {} sum to {}, not 1", step_name(step),
                              number_argument(sum, -6))};
}

std::optional<Diagnostic> check_work_has_unit(const Step& step, const SourceLocation& where) {
  if (step.end || step.unit || step.work.is_zero()) return std::nullopt;
  return Diagnostic{"missing-key", Severity::error, where,
                    phrase_of("{} has work and needs `unit` (who does it), or set defaults.unit", step_name(step))};
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
