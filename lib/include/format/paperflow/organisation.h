// An organisation file: the units several processes share and the list of
// their process files (docs/organisation.md). Plain data and its reader;
// reading the listed process files is the portfolio's job (portfolio.h).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "paperflow/diagnostic.h"
#include "paperflow/model.h"

namespace paperflow {

/// One entry of `processes`: a process file or a directory, relative to
/// the organisation file, where it is written.
struct ProcessListing {
  std::string path;
  SourceLocation location;
};

struct Organisation {
  std::shared_ptr<const std::string> file;
  std::string id;
  std::string name;
  SourceLocation location;           // of `organisation:`
  Calendar calendar;                 // the defaults count as written
  SourceLocation calendar_location;  // of `calendar:`, else of `organisation:`
  std::vector<Unit> units;           // the shared units
  std::unordered_map<std::string, std::size_t> unit_index;
  std::vector<ProcessListing> processes;
  SourceLocation processes_location;  // of `processes:`
  std::vector<Measure> measures;      // for every process
};

struct OrganisationLoadResult {
  /// Set whenever the text parsed into a mapping, even with errors.
  std::optional<Organisation> organisation;
  Diagnostics diagnostics;
};

/// Parses the text of an organisation file and checks it against the
/// format: the file's own keys, its units and measures. The listed files
/// are not opened here. Never throws, never prints.
OrganisationLoadResult load_organisation(std::string_view text, const std::string& file_name);

/// True when `text` is an organisation file rather than a process file: a
/// YAML mapping with the key `organisation` at the top. Cheap for a file
/// that never mentions the word.
bool is_organisation_text(std::string_view text);

}  // namespace paperflow
