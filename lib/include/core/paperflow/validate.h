// Validation of one process file: the loader's checks, the graph rules and
// the warnings of docs/format.md#validation, in one pass.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paperflow/diagnostic.h"
#include "paperflow/graph.h"
#include "paperflow/model.h"

namespace paperflow {

struct ValidationResult {
  std::optional<Process> process;     // what could be read; complete when valid()
  Diagnostics diagnostics;            // sorted by line and column
  std::vector<ParallelBlock> blocks;  // the well-formed parallel blocks, inner first
  // Handed on so that no tool builds them again: the routing graph once the
  // routing is complete, and the visits per step once the file has no errors.
  std::optional<RoutingGraph> graph;
  std::vector<double> visits;

  /// True when there is no error: the process can be analysed.
  bool valid() const { return process.has_value() && !has_errors(diagnostics); }
};

/// Validates the text of one process file. Never throws, never prints.
/// Graph rules run once the routing is free of errors, so that one typo in
/// a `next` does not also report every step before it as reaching no end.
ValidationResult validate_process(std::string_view text, const std::string& file_name);

/// Validates a BPMN file through the import (bpmn_import.h): the import's
/// errors and guesses, and the diagnostics of the process file it makes,
/// each placed at the BPMN element its line comes from. The process (and
/// its locations) is the imported process file's.
ValidationResult validate_bpmn(std::string_view text, const std::string& file_name);

}  // namespace paperflow
