#include "paperflow/model.h"

#include <cmath>

namespace paperflow {

double ThreePoint::quantile(double u) const {
  const double width = high - low;
  if (width <= 0) return mode;
  const double below = (mode - low) / width;  // the share of draws below the mode
  if (u < below) return low + std::sqrt(u * width * (mode - low));
  return high - std::sqrt((1 - u) * width * (high - mode));
}

std::size_t Process::start_step() const {
  if (start) {
    auto it = step_index.find(start->id);
    if (it != step_index.end()) return it->second;
  }
  return 0;
}

const Unit* Process::unit_of(const Step& step) const {
  if (!step.unit) return nullptr;
  auto it = unit_index.find(step.unit->id);
  return it == unit_index.end() ? nullptr : &units[it->second];
}

void Process::rebuild_indexes() {
  unit_index.clear();
  document_index.clear();
  step_index.clear();
  for (std::size_t i = 0; i < units.size(); ++i) unit_index.emplace(units[i].id, i);
  for (std::size_t i = 0; i < documents.size(); ++i) document_index.emplace(documents[i].id, i);
  for (std::size_t i = 0; i < steps.size(); ++i) step_index.emplace(steps[i].id, i);
}

}  // namespace paperflow
