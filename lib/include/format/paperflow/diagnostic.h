// A diagnostic is one problem found in a process file: where it is, how bad
// it is, which rule it breaks and what to do about it. Every stage of the
// library reports problems as values of this one type; only tools print them.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "paperflow/phrase.h"

namespace paperflow {

enum class Severity { error, warning };

const char* to_string(Severity severity);

/// A place in a source file. Lines and columns are 1-based; 0 means "the
/// whole file" (a problem with no better place, such as an empty file).
struct SourceLocation {
  std::shared_ptr<const std::string> file;  // shared by every element of one file
  int line = 0;
  int column = 0;

  const std::string& file_name() const;
};

struct Diagnostic {
  std::string rule;  // a rule id from rules.h, e.g. "unknown-key"
  Severity severity = Severity::error;
  SourceLocation location;
  // One sentence, no trailing period, hints included; a phrase, so that
  // `--lang de` can say it in German while the machine formats keep
  // message.english().
  Phrase message;
};

using Diagnostics = std::vector<Diagnostic>;

bool has_errors(const Diagnostics& diagnostics);

/// Sorts by line, then column, keeping the order of equal places (stable).
void sort_by_location(Diagnostics& diagnostics);

/// `text` (a path, or another name from outside) made safe to print within
/// one line: each control character becomes `\n`, `\t`, `\r` or `\xNN`
/// (C1 controls, U+0080 to U+009F, `\u0080` to `\u009F`), so that a file
/// name can neither start a line that reads as a diagnostic of its own nor
/// steer a terminal. Every other byte, a backslash too, stays as it is.
std::string escape_control_characters(std::string_view text);

}  // namespace paperflow
