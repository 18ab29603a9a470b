// Reports of a simulation: a text summary for the terminal and the JSON of
// man/paperflow-simulate.1, each statistic with the
// half-width of its 95 % confidence interval over replications.
#pragma once

#include "paperflow/language.h"

#include <string>

#include "paperflow/model.h"
#include "paperflow/simulation.h"

namespace paperflow {

struct SimulationReportOptions {
  std::size_t cases = 0;     // per replication, as asked for (0 with --days)
  double days = 0;           // with --days
  double warmup_days = 0;
  bool color = false;
  Language language = Language::en;
};

std::string render_simulation_json(const Process& process, const SimulationResult& result);
std::string render_simulation_text(const Process& process, const SimulationResult& result,
                                   const SimulationReportOptions& options);

}  // namespace paperflow
