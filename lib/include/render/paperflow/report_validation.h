// Validation reports: the diagnostics of many files in each output format
// that checkers in the field offer (docs/format.md#validation, man/paperflow-validate.1): a
// compiler-style text, JSON, SARIF 2.1.0, GitHub workflow commands, JUnit
// XML and GitLab Code Quality. A report is rendered per file, so that files
// checked in parallel can be printed in argument order as they finish,
// between a header and a footer that only depend on the totals.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "paperflow/diagnostic.h"
#include "paperflow/language.h"

namespace paperflow {

enum class ValidationFormat { text, json, sarif, github, junit, codeclimate };

/// The names of the formats, in enum order, for --format, --help and completion.
std::span<const std::string_view> validation_format_names();
std::optional<ValidationFormat> parse_validation_format(std::string_view name);

struct ValidationReportOptions {
  ValidationFormat format = ValidationFormat::text;
  bool color = false;   // ANSI colours in the text format
  bool strict = false;  // warnings fail (JUnit marks such files as failures)
  // The text format's language; the machine formats are always English.
  Language language = Language::en;
  std::string tool_version;
};

/// One checked file: the name to show, its text (for the source line under
/// a text diagnostic; may be empty) and its diagnostics.
struct FileDiagnostics {
  std::string path;
  std::string_view source;
  Diagnostics diagnostics;
};

struct ValidationTotals {
  std::size_t files = 0;
  std::size_t files_with_problems = 0;  // any diagnostic
  std::size_t files_failed = 0;         // an error, or with strict a warning
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t unreadable = 0;  // files that could not be read, reported on standard error
};

/// What comes before the first file's part. JUnit XML states the totals in
/// its opening tags, so for that format render the header after the files
/// (`needs_totals_in_header`); the other formats ignore `totals`.
std::string render_validation_header(const ValidationTotals& totals, const ValidationReportOptions& options);
bool needs_totals_in_header(ValidationFormat format);
/// One file's part. `first` tells whether a separator is needed before it.
std::string render_validation_file(const FileDiagnostics& file, bool first, const ValidationReportOptions& options);
/// What comes after the last file: the text format's summary line, closing brackets.
std::string render_validation_footer(const ValidationTotals& totals, const ValidationReportOptions& options);

}  // namespace paperflow
