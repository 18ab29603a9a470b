#include "paperflow/diagnostic.h"

#include <algorithm>

#include <fmt/format.h>

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

std::string escape_control_characters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    if (byte == '\n') out += "\\n";
    else if (byte == '\t') out += "\\t";
    else if (byte == '\r') out += "\\r";
    else if (byte < 0x20 || byte == 0x7F) out += fmt::format("\\x{:02X}", byte);
    else if (byte == 0xC2 && next >= 0x80 && next <= 0x9F) {
      // A C1 control in UTF-8: some terminals take U+009B for ESC [.
      out += fmt::format("\\u{:04X}", next);
      ++i;
    } else out += text[i];
  }
  return out;
}

}  // namespace paperflow
