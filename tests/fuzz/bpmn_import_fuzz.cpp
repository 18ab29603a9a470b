// Fuzz target: a BPMN file through the import and on into validation, as
// paperflow-validate and paperflow-bpmn --import read it. The import ends;
// every diagnostic has a BPMN rule, a message and a place (line and column
// from 1, or line 0 for the whole file); no process file comes without an
// error, and one that comes has no reading error (with --lenient no error
// at all) and one origin per line, and it parses as
// YAML into a process (a value of the BPMN can never write a line of its
// own); the diagnostics of its validation, placed back in the BPMN, point
// at lines of the BPMN.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "paperflow/bpmn_import.h"
#include "paperflow/loader.h"

using namespace paperflow;

namespace {

void require_placed(const Diagnostic& d, std::string_view text) {
  fuzz::require(!d.message.english().empty(), "a diagnostic has a message");
  fuzz::require(d.location.file_name() == "in.bpmn", "a diagnostic names the BPMN file");
  fuzz::require_placed(d, text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (bool lenient : {false, true}) {
    const BpmnImport imported = import_bpmn(text, "in.bpmn", {lenient});
    for (const Diagnostic& d : imported.diagnostics) {
      fuzz::require(d.rule.starts_with("bpmn-") || d.rule == "limits", "an import diagnostic has a BPMN rule");
      require_placed(d, text);
    }
    if (imported.process_file.empty()) {
      fuzz::require(has_errors(imported.diagnostics), "no process file without an error that says why");
      continue;
    }
    for (const Diagnostic& d : imported.diagnostics) {
      fuzz::require(d.rule != "bpmn-xml" && d.rule != "bpmn-structure" && d.rule != "limits",
                    "a file that cannot be read gives no process file");
      fuzz::require(!lenient || d.severity == Severity::warning,
                    "with --lenient, a process file comes with warnings only");
    }
    const auto file_lines = static_cast<std::size_t>(
        std::count(imported.process_file.begin(), imported.process_file.end(), '\n'));
    fuzz::require(imported.origin.size() == file_lines, "every line of the process file has its origin");
    LoadResult loaded = load_process(imported.process_file, "in.bpmn");
    fuzz::require(loaded.process.has_value(), "the process file parses as YAML into a process");
    for (const Diagnostic& d : loaded.diagnostics)
      fuzz::require(d.rule != "yaml-syntax" && d.rule != "unknown-key" && d.rule != "duplicate-key",
                    "the process file is well-formed, with known keys once each");
    Diagnostics placed = loaded.diagnostics;
    place_in_bpmn(placed, imported);
    for (const Diagnostic& d : placed) require_placed(d, text);
  }
  return 0;
}
