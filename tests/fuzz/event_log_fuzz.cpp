// Fuzz target: an event log, the same bytes read as CSV and as XES. Each
// reading ends; a file that is no log is refused under "not-a-log", and
// else it was read to its last byte, its columns told once before the first
// run; every run has a case and an activity in UTF-8 and ends no earlier
// than it starts; every diagnostic has its rule, a message and a place (a
// line from 1 with a column from 1, or line 0 for the whole file).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "paperflow/event_log.h"
#include "utf8.h"

using namespace paperflow;

namespace {

bool is_utf8(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = utf8::sequence_length(text, at);
    if (length == 0) return false;
    at += length;
  }
  return true;
}

void require_placed(const Diagnostic& diagnostic, const char* rule) {
  fuzz::require(diagnostic.rule == rule, "a diagnostic has the reader's rule");
  fuzz::require(!diagnostic.message.english().empty(), "a diagnostic has a message");
  fuzz::require(diagnostic.location.file_name() == "log", "a diagnostic names the file");
  fuzz::require((diagnostic.location.line >= 1 && diagnostic.location.column >= 1) ||
                    (diagnostic.location.line == 0 && diagnostic.location.column == 0),
                "a diagnostic is at a line and column from 1, or at line 0 for the whole file");
}

class CheckingSink : public EventLogSink {
 public:
  explicit CheckingSink(LogFormat format) : format_(format) {}

  void columns(const LogColumns& columns) override {
    fuzz::require(columns_told_ == 0, "columns are told once");
    fuzz::require(events_ == 0, "columns are told before the first run");
    fuzz::require(format_ == LogFormat::csv || columns.ignored.empty(), "XES ignores no column");
    ++columns_told_;
  }
  void event(const LogEvent& event) override {
    fuzz::require(columns_told_ == 1, "a run comes after the columns");
    fuzz::require(!event.case_id.empty() && !event.activity.empty(), "a run has a case and an activity");
    fuzz::require(is_utf8(event.case_id) && is_utf8(event.activity) && is_utf8(event.resource),
                  "a run's texts are UTF-8");
    fuzz::require(!event.start || *event.start <= event.end, "a run ends no earlier than it starts");
    fuzz::require(event.end.seconds >= 0 && event.end.seconds <= 86400, "a time of the day");
    fuzz::require(event.line >= 1, "a run has a line");
    // CSV rows come in the order of the file.
    fuzz::require(format_ == LogFormat::xes || event.line > last_line_, "CSV runs in the order of their lines");
    last_line_ = event.line;
    ++events_;
  }
  void bad_row(Diagnostic diagnostic) override { require_placed(diagnostic, "bad-log-row"); }

  int columns_told() const { return columns_told_; }

 private:
  LogFormat format_;
  int columns_told_ = 0;
  std::size_t events_ = 0;
  int last_line_ = 0;
};

void read_as(std::string_view bytes, LogFormat format) {
  std::istringstream input{std::string(bytes)};
  CheckingSink sink(format);
  std::atomic<std::uint64_t> bytes_read{0};
  const auto problem = read_event_log(input, format, std::make_shared<const std::string>("log"), sink, &bytes_read);
  fuzz::require(bytes_read <= bytes.size(), "no more bytes read than there are");
  if (problem) {
    require_placed(*problem, "not-a-log");
    fuzz::require(sink.columns_told() <= 1, "columns are told at most once");
    return;
  }
  fuzz::require(sink.columns_told() == 1, "a log read has its columns told");
  fuzz::require(bytes_read == bytes.size(), "a log read is read to its end");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)detect_log_format("log", bytes);
  read_as(bytes, LogFormat::csv);
  read_as(bytes, LogFormat::xes);
  return 0;
}
