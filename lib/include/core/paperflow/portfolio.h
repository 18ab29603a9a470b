// A portfolio: an organisation file and every process file it lists, read
// and validated together (docs/organisation.md#validation). What analysis,
// simulation and plan of many processes start from.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paperflow/diagnostic.h"
#include "paperflow/graph.h"
#include "paperflow/model.h"
#include "paperflow/organisation.h"

namespace paperflow {

/// One valid process of the organisation, with what validation found for it.
struct PortfolioProcess {
  std::string path;  // as the organisation lists it, a directory's files below it: "prozesse/a.yaml"
  Process process;   // as its own file writes it
  RoutingGraph graph;
  std::vector<ParallelBlock> blocks;
  std::vector<double> visits;
  /// For each unit of the process, in file order: the organisation's unit
  /// it is (same id), or none for a unit of its own.
  std::vector<std::optional<std::size_t>> shared_units;
};

struct Portfolio {
  Organisation organisation;
  std::vector<PortfolioProcess> processes;  // in the order of `processes`

  /// The process as it runs in the organisation: each shared unit with the
  /// organisation's name, staff, availability, cost per hour and `external`.
  Process as_in_organisation(std::size_t p) const;
  /// "poststelle" for a shared unit, "wohngeld/wohngeldstelle" for a unit of one process.
  std::string unit_name(std::size_t p, std::size_t unit) const;
};

/// The organisation's unit each unit of `process` is, by id.
std::vector<std::optional<std::size_t>> shared_units_of(const Organisation& organisation, const Process& process);

/// `process` with the organisation's name and figures for its shared units.
Process in_organisation(const Organisation& organisation, const Process& process,
                        const std::vector<std::optional<std::size_t>>& shared_units);

/// One file of a portfolio as validate reports it.
struct PortfolioFile {
  std::string path;  // as opened and shown: the organisation file's directory joined with the listing
  std::string text;  // for the source lines of the text report
  Diagnostics diagnostics;
};

struct PortfolioValidation {
  /// The organisation file first, then each process file in the order of
  /// `processes` (a directory's files sorted by path), each once.
  std::vector<PortfolioFile> files;
  /// Set when no file has an error.
  std::optional<Portfolio> portfolio;
};

/// Validates the organisation file `text`, read from `path`, and every
/// process file it lists, on up to `threads` threads (the result is the
/// same for any number). The organisation's rules are reported in the
/// organisation file (rule "organisation": a listed path that is missing,
/// unreadable, an organisation file, listed twice, an empty directory or a
/// directory loop; a process id used twice; a calendar that differs), and
/// in the process files (warning "organisation-cost") and the organisation
/// file (warning "organisation-unshared"). Never throws, never prints.
PortfolioValidation validate_portfolio(std::string_view text, const std::string& path, unsigned threads = 1);

}  // namespace paperflow
