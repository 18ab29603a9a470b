#include "paperflow/diagnostic.h"

#include <algorithm>

namespace paperflow {

const char* to_string(Severity severity) {
  return severity == Severity::error ? "error" : "warning";
}

const std::string& SourceLocation::file_name() const {
  static const std::string none;
  return file ? *file : none;
}

bool has_errors(const Diagnostics& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

void sort_by_location(Diagnostics& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic& x, const Diagnostic& y) {
                     if (x.location.line != y.location.line) return x.location.line < y.location.line;
                     return x.location.column < y.location.column;
                   });
}

}  // namespace paperflow
