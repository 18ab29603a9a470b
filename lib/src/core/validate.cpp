#include "paperflow/validate.h"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "paperflow/analysis.h"
#include "paperflow/bpmn_import.h"
#include "paperflow/loader.h"
#include "paperflow/visits.h"

namespace paperflow {
namespace {

void warn(Diagnostics& diagnostics, const char* rule, const SourceLocation& where, Phrase message) {
  diagnostics.push_back({rule, Severity::warning, where, std::move(message)});
}

// Warnings that need only the model.
void check_model_warnings(const Process& process, Diagnostics& diagnostics) {
  std::vector<bool> used(process.units.size(), false);
  for (const Step& step : process.steps) {
    if (step.end_unit) {
      if (auto named = process.unit_index.find(step.end_unit->id); named != process.unit_index.end())
        used[named->second] = true;
    }
    if (const Unit* unit = process.unit_of(step)) {
      used[process.unit_index.at(unit->id)] = true;
      if (unit->external && step.channel == Channel::in_person && step.work.is_zero())
        warn(diagnostics, "in-person-no-work", step.location,
             phrase_of("step '{}' is an in-person visit of '{}' but takes no `work`: the visit costs the "
                       "applicant time; give it a duration",
                         step.id, unit->id));
    }
  }
  for (std::size_t u = 0; u < process.units.size(); ++u)
    if (!used[u] && !process.units[u].id.empty())
      warn(diagnostics, "unused-unit", process.units[u].location,
           phrase_of("unit '{}' is used by no step", process.units[u].id));
}

// Measures whose `requires` form a cycle can never be ordered into waves.
void check_requires_cycles(const Process& process, Diagnostics& diagnostics) {
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t m = 0; m < process.measures.size(); ++m) index.emplace(process.measures[m].id, m);
  // Depth-first search, iterative: 0 unvisited, 1 on the stack, 2 done.
  std::vector<int> state(process.measures.size(), 0);
  for (std::size_t root = 0; root < process.measures.size(); ++root) {
    if (state[root] != 0) continue;
    std::vector<std::pair<std::size_t, std::size_t>> stack{{root, 0}};
    state[root] = 1;
    while (!stack.empty()) {
      auto& [m, next] = stack.back();
      const auto& required = process.measures[m].requires_measures;
      if (next == required.size()) {
        state[m] = 2;
        stack.pop_back();
        continue;
      }
      auto it = index.find(required[next++].id);
      if (it == index.end()) continue;
      if (state[it->second] == 1) {
        // The stack holds the path from the root: the cycle runs from the
        // required measure along it back to m. Named from m, where it is
        // reported: m → required → ... → m.
        std::string cycle = process.measures[m].id;
        auto from = std::find_if(stack.begin(), stack.end(), [&](const auto& entry) { return entry.first == it->second; });
        for (auto entry = from; entry != stack.end(); ++entry) cycle += " → " + process.measures[entry->first].id;
        Phrase message =
            it->second == m
                ? phrase_of("measure '{}' requires itself: `requires` must not form a cycle", process.measures[m].id)
                : phrase_of("measures require each other in a cycle: {}; `requires` must not form a cycle", cycle);
        diagnostics.push_back({"requires-cycle", Severity::error, process.measures[m].location, std::move(message)});
      } else if (state[it->second] == 0) {
        state[it->second] = 1;
        stack.push_back({it->second, 0});
      }
    }
  }
}

}  // namespace

ValidationResult validate_process(std::string_view text, const std::string& file_name) {
  ValidationResult result;
  LoadResult loaded = load_process(text, file_name);
  result.diagnostics = std::move(loaded.diagnostics);
  result.process = std::move(loaded.process);
  if (!result.process) return result;
  const Process& process = *result.process;
  check_model_warnings(process, result.diagnostics);
  check_requires_cycles(process, result.diagnostics);
  if (loaded.routing_complete) {
    result.graph.emplace(process);
    GraphCheckResult checked = check_graph(process, *result.graph);
    result.diagnostics.insert(result.diagnostics.end(), checked.diagnostics.begin(), checked.diagnostics.end());
    result.blocks = std::move(checked.blocks);
    if (!has_errors(result.diagnostics)) {
      Visits visits = solve_visits(process, *result.graph);
      if (visits.problem) result.diagnostics.push_back(std::move(*visits.problem));
      result.visits = std::move(visits.per_step);
      // unstable-unit needs the utilisation of each unit, not the analysis.
      if (process.cases_per_year && !visits.problem) {
        const std::vector<double> load = unit_load_hours(process, result.visits);
        for (std::size_t u = 0; u < process.units.size(); ++u) {
          const double rho = unit_utilisation(process, u, load[u]);
          if (rho >= 1)
            warn(result.diagnostics, "unstable-unit", process.units[u].location,
                 phrase_of("unit '{}' would be busy {}% of its time (utilisation {} >= 1): its queue grows "
                           "without bound; add staff or reduce its work",
                           process.units[u].id, number_argument(rho * 100, 0), number_argument(rho, 2)));
        }
      }
    }
  }
  sort_by_location(result.diagnostics);
  return result;
}

ValidationResult validate_bpmn(std::string_view text, const std::string& file_name) {
  BpmnImport import = import_bpmn(text, file_name);
  ValidationResult result;
  if (!import.process_file.empty()) {
    result = validate_process(import.process_file, file_name);
    place_in_bpmn(result.diagnostics, import);
  }
  result.diagnostics.insert(result.diagnostics.end(), import.diagnostics.begin(), import.diagnostics.end());
  sort_by_location(result.diagnostics);
  return result;
}

}  // namespace paperflow
