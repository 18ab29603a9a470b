#include "paperflow/diagnostic.h"

#include <algorithm>

#include <fmt/format.h>

#include "utf8.h"

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
    if (byte == '\n') out += "\\n";
    else if (byte == '\t') out += "\\t";
    else if (byte == '\r') out += "\\r";
    else if (byte < 0x20 || byte == 0x7F) out += fmt::format("\\x{:02X}", byte);
    else if (std::size_t length = 0; const char32_t special = utf8::yaml_special_at(text, i, length)) {
      // A C1 control (some terminals take U+009B for ESC [), a line
      // separator, which ends a line for a YAML reader (in a comment too),
      // or a character YAML refuses.
      out += fmt::format("\\u{:04X}", static_cast<unsigned>(special));
      i += length - 1;
    } else out += text[i];
  }
  return out;
}

}  // namespace paperflow
