// An event log: which step of which case ran when, as a case-management
// system exports it (CSV) or a process-mining tool writes it (XES, IEEE
// 1849); docs/event-log.md. The readers stream: they hand each run of a step
// to a sink as they read it and keep one CSV row or one XES trace in memory,
// so that a log of gigabytes reads in the memory of a few kilobytes.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paperflow/diagnostic.h"
#include "paperflow/working_calendar.h"

namespace paperflow {

/// One run of a step as a log gives it: a CSV row, or an XES `complete`
/// event with the `start` paired with it.
struct LogEvent {
  // Valid during the sink's callback only: copy what is kept.
  std::string_view case_id, activity;
  std::string_view resource;       // who did it; empty when the log does not say
  std::optional<Timestamp> start;  // none without a start column, or for an XES complete without a start
  Timestamp end;                   // never before start
  int line = 0;                    // where the CSV row, or the XES complete event, begins (1-based)
};

/// What the columns of a log allow, reported once before its first event.
struct LogColumns {
  bool has_start = false;     // runs have a start: work and waiting can be told apart
  bool has_resource = false;  // runs say who did them
  // Header names of the CSV columns that are read for nothing (as written,
  // in file order), for the report's note. Always empty for XES.
  std::vector<std::string> ignored;
};

/// Receives what a reader reads, in the order of the file (XES: trace by
/// trace, each trace's runs ordered by their end).
class EventLogSink {
 public:
  virtual ~EventLogSink() = default;
  /// Once, before the first event; also for a log without events. (XES
  /// rows that cannot be read may come before it.)
  virtual void columns(const LogColumns& columns) = 0;
  virtual void event(const LogEvent& event) = 0;
  /// A row or event left out (rule "bad-log-row"), at the line and column of
  /// the field at fault (1-based, the column in characters of its line), and
  /// why. Reading goes on.
  virtual void bad_row(Diagnostic diagnostic) = 0;
};

enum class LogFormat { csv, xes };

/// XES when the first bytes are XML (`<?xml`, `<log`, after a UTF-8 byte
/// order mark or white space, or UTF-16 with or without its mark) or the
/// name ends in `.xes` (any case); CSV otherwise: a file named .csv that
/// holds XML is XES. A few hundred bytes suffice.
LogFormat detect_log_format(std::string_view path, std::string_view first_bytes);

/// The longest CSV row or XES tag a reader takes in: a longer CSV row is a
/// bad row (skipped to its end, never held whole); a longer XES tag or
/// comment makes the file no log. An event log has rows of a few hundred
/// bytes.
inline constexpr std::size_t max_log_row_bytes = std::size_t{1} << 20;
/// XES: the deepest nesting of elements taken in (a log needs 5, a list
/// attribute a few more), and the most events of one trace, which is held
/// in memory to be sorted; the events past it are bad rows.
inline constexpr int max_xes_depth = 1000;
inline constexpr std::size_t max_xes_trace_events = 100'000;

/// Reads the whole log from `input` in `format`, streaming, and hands what
/// it reads to `sink`; `file` names it in diagnostics. Returns the problem
/// that makes the input no log at all (rule "not-a-log", at its line and
/// column, or line 0 for the whole file): it is empty; a CSV without a header
/// row naming `case`, `activity` and `end`; XML that is not well-formed, not
/// an XES `<log>`, declares entities, nests deeper than max_xes_depth or has
/// a tag longer than max_log_row_bytes. The sink may have had events before
/// such a problem. Nothing when the log was read to its end; rows that
/// cannot be read went to sink.bad_row(). `bytes_read`, when given, is
/// advanced as the input is consumed (a progress bar may read it from
/// another thread). Never prints, never throws for what the input holds.
///
/// CSV (RFC 4180, UTF-8; docs/event-log.md#the-csv-log): the delimiter is
/// the comma, the semicolon or the tab, whichever splits the header into the
/// required columns (an Excel `sep=;` first line is followed); columns are
/// found by name, any order, without regard to case or surrounding spaces;
/// of `resource` and `unit` both present, `resource` is read. Fields are
/// trimmed of spaces and tabs. Empty rows, and rows of empty fields only,
/// are skipped.
///
/// XES: `concept:name` of a trace is the case, of an event the activity;
/// `time:timestamp`; `lifecycle:transition` `start` or `complete` (none
/// means complete; other transitions are passed over); `org:resource`, else
/// `org:group`, is the resource. Each `complete` is paired with the earliest
/// open `start` of the same activity in its trace, by time; a start never
/// completed is a bad row. columns() comes when the first trace with events
/// has been read, and says what that trace has: a start event, a resource.
std::optional<Diagnostic> read_event_log(std::istream& input, LogFormat format,
                                         const std::shared_ptr<const std::string>& file, EventLogSink& sink,
                                         std::atomic<std::uint64_t>* bytes_read = nullptr);

}  // namespace paperflow
