// The loader: one process file's text to the model, with every problem of
// syntax, structure, values and references reported as a located diagnostic.
// Graph-level checks (reachability, loops, parallel blocks) are in graph.h;
// validate.h runs both.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "paperflow/diagnostic.h"
#include "paperflow/model.h"

namespace paperflow {

struct LoadResult {
  /// Set whenever the text parsed into a YAML mapping, even when it has
  /// errors: the model then holds what could be read.
  std::optional<Process> process;
  Diagnostics diagnostics;
  /// True when every step's routing was read and every routing reference
  /// resolves, so that graph checks give no follow-on errors.
  bool routing_complete = false;
};

/// Parses `text` (the contents of a process file named `file_name`, used in
/// diagnostics) and checks it against the format. Never throws, never prints.
LoadResult load_process(std::string_view text, const std::string& file_name);

struct MeasuresLoadResult {
  std::vector<Measure> measures;
  Diagnostics diagnostics;
};

/// Parses a measures file: the shipped catalogue or `--measures FILE`, a
/// mapping with `measures:` (the format of docs/format.md#measures)
/// and optionally `paperflow: 1`. Never throws, never prints.
MeasuresLoadResult load_measures(std::string_view text, const std::string& file_name);

/// The keys the format allows in each kind of mapping, for "did you mean"
/// hints, the JSON Schema and completion. `context` is one of: top, process,
/// calendar, demand, defaults, unit, document, step, choice, measure, cost,
/// change, where, set, distribution.
std::span<const std::string_view> allowed_keys(std::string_view context);

/// True when `id` is a valid id of the format: letters (ASCII or any
/// non-ASCII character), digits, `_` and `-`, starting with a letter or digit.
bool is_valid_id(std::string_view id);

}  // namespace paperflow
