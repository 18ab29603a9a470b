// Reading an organisation file for the tools that take one where they take
// a process file (analyse, simulate, plan, dot, report).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common.h"
#include "paperflow/portfolio.h"

namespace paperflow::cli {

/// True when `path` names an organisation file rather than a process file.
/// Standard input ("-") and any other file that is not a regular one (a
/// pipe, a FIFO) is always a process, and is not read here: an
/// organisation's process files are found relative to its own file.
bool is_organisation_file(const std::string& path);

/// A valid organisation with every process it lists.
struct LoadedPortfolio {
  Portfolio portfolio;
  std::string display;  // the organisation file's name as messages give it
};

/// Reads and validates the organisation file `path` and its processes on
/// `threads` threads, applies the `--set` assignments, and returns it. When
/// any file has an error, or `needs_demand` and a process has no demand,
/// prints what validate prints (errors only) on standard error and throws
/// ExitWith(2); a bad assignment throws FatalError.
LoadedPortfolio load_valid_portfolio(std::string_view tool, const std::string& path,
                                     const std::vector<std::string>& assignments, bool needs_demand,
                                     const DiagnosticStyle& style, unsigned threads);

}  // namespace paperflow::cli
