// A BPMN 2.0 file read back as a process file (docs/bpmn.md, "Import"):
// paperflow's own export exactly, from its `pf:` extension elements; a
// foreign file (Camunda Modeler, Signavio, bpmn.io, ...) as far as BPMN
// says it, every value it cannot say set to a default with a `# TODO` on
// its line and a warning. The result is the text of a process file, so
// that it goes through the one loader every process file goes through.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "paperflow/diagnostic.h"

namespace paperflow {

/// The namespace of paperflow's extension elements in BPMN files.
inline constexpr const char* bpmn_extension_namespace = "urn:paperflow:bpmn:1";

struct BpmnImportOptions {
  /// Constructs paperflow cannot model (inclusive and event-based
  /// gateways, boundary events, subprocesses, pools that talk only by
  /// messages) are flattened or dropped either way; lenient makes each a
  /// warning instead of an error.
  bool lenient = false;
};

struct BpmnImport {
  /// The process file; empty when the BPMN could not be read or holds no
  /// process (then `diagnostics` has an error saying why).
  std::string process_file;
  /// Located in the BPMN file, sorted by line: errors (rules bpmn-xml,
  /// bpmn-structure, bpmn-unsupported) and one warning per guess
  /// (bpmn-guess).
  Diagnostics diagnostics;
  /// Per line of process_file (line n at n - 1): the place in the BPMN
  /// file of the element it comes from, so that a diagnostic of the
  /// process file can point into the BPMN (place_in_bpmn).
  std::vector<SourceLocation> origin;
  /// True when the file is paperflow's own export (its `pf:` elements).
  bool from_paperflow = false;
};

/// Reads `text`, the BPMN file `file_name` (for diagnostics). Never
/// throws, never prints.
BpmnImport import_bpmn(std::string_view text, const std::string& file_name, const BpmnImportOptions& options = {});

/// Moves each diagnostic located in the imported process file to the place
/// in the BPMN file its line comes from (a diagnostic of the whole file
/// stays at the whole BPMN file).
void place_in_bpmn(Diagnostics& diagnostics, const BpmnImport& import);

/// Whether a file is BPMN, to be read through the import: by its name
/// (.bpmn, .bpmn2), else by its text (XML begins with `<`, which no
/// process file does; standard input has no name to go by).
bool is_bpmn_file(std::string_view path, std::string_view text);

}  // namespace paperflow
