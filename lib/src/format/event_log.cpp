#include "paperflow/event_log.h"

#include <algorithm>

#include "event_log_readers.h"

namespace paperflow {

namespace {

bool ends_with_ignoring_case(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         std::equal(suffix.begin(), suffix.end(), text.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                    [](char a, char b) { return a == (b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b); });
}

}  // namespace

LogFormat detect_log_format(std::string_view path, std::string_view first_bytes) {
  std::string_view text = first_bytes;
  // UTF-16, with its byte order mark or without (then `<` is next to a 0
  // byte): only XML comes so; a CSV log is UTF-8.
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF") || text.starts_with(std::string_view("<\0", 2)) ||
      text.starts_with(std::string_view("\0<", 2)))
    return LogFormat::xes;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const std::size_t content = text.find_first_not_of(" \t\r\n");
  if (content != std::string_view::npos && text[content] == '<') return LogFormat::xes;
  // Not XML by its first bytes: a file named .xes is still read as XES, so
  // that the XML parser, not the CSV header, says what is wrong with it.
  return ends_with_ignoring_case(path, ".xes") ? LogFormat::xes : LogFormat::csv;
}

std::optional<Diagnostic> read_event_log(std::istream& input, LogFormat format,
                                         const std::shared_ptr<const std::string>& file, EventLogSink& sink,
                                         std::atomic<std::uint64_t>* bytes_read) {
  return format == LogFormat::xes ? event_log::read_xes(input, file, sink, bytes_read)
                                  : event_log::read_csv(input, file, sink, bytes_read);
}

}  // namespace paperflow
