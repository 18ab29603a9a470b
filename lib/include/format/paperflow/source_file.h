// Reading the file a process, a measures list or a plan comes from: the
// operating system's reason when it cannot be read, as a diagnostic like
// every other problem, and a bound on what is read.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "paperflow/diagnostic.h"

namespace paperflow {

/// Reads a whole file. Returns nothing and sets `problem` (rule
/// "unreadable-file", located at the file with no line, the message the
/// operating system's reason) when it cannot be read: missing, a directory,
/// no access, a FIFO that nobody writes to (never waited for). Reads a
/// little more than `max_bytes` at most, so that the parser can report an
/// oversized file (or an endless device) instead of hanging.
std::optional<std::string> read_file(const std::string& path, Diagnostic& problem,
                                     std::size_t max_bytes = std::size_t{64} << 20);

}  // namespace paperflow
