#include "paperflow/model.h"

namespace paperflow {

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
