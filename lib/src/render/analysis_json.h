// The per-case figures as JSON, shared by the analysis and plan reports. Not
// API: nlohmann's types stay out of the public headers.
#pragma once

#include <nlohmann/json.hpp>

#include "paperflow/analysis.h"
#include "paperflow/model.h"

namespace paperflow {

/// The top-level keys of the analysis JSON without `paperflow`, `process`,
/// `units` and `steps` (the plan's before and after).
nlohmann::ordered_json analysis_summary_json(const Process& process, const Analysis& analysis);

/// The whole analysis JSON of docs/format.md#json-output, `paperflow` first.
nlohmann::ordered_json analysis_json(const Process& process, const Analysis& analysis);

}  // namespace paperflow
