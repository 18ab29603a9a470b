// The two readers behind read_event_log (event_log.h), one per format, and
// what they share: the chunk they read at a time and the two diagnostics.
#pragma once

#include <cstddef>

#include "paperflow/event_log.h"

namespace paperflow::event_log {

// Reading a chunk at a time keeps memory flat; 64 KiB is large enough that
// the calls cost nothing against the parsing.
inline constexpr std::size_t chunk_bytes = std::size_t{64} << 10;

inline Diagnostic not_a_log(const std::shared_ptr<const std::string>& file, int line, int column, Phrase why) {
  return {"not-a-log", Severity::error, {file, line, column}, std::move(why)};
}

inline Diagnostic bad_row(const std::shared_ptr<const std::string>& file, int line, int column, Phrase why) {
  return {"bad-log-row", Severity::error, {file, line, column}, std::move(why)};
}

std::optional<Diagnostic> read_csv(std::istream& input, const std::shared_ptr<const std::string>& file,
                                   EventLogSink& sink, std::atomic<std::uint64_t>* bytes_read);
std::optional<Diagnostic> read_xes(std::istream& input, const std::shared_ptr<const std::string>& file,
                                   EventLogSink& sink, std::atomic<std::uint64_t>* bytes_read);

}  // namespace paperflow::event_log
