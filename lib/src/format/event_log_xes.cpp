// The XES event log reader (IEEE 1849): expat reads the XML a chunk at a
// time; one trace is kept until its end, when its start and complete events
// are paired into runs.
#include <algorithm>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include <expat.h>

#include "event_log_readers.h"

namespace paperflow::event_log {

namespace {

// Expat, namespace-aware, gives an element of a namespace as
// `URI<separator>local`: a byte no URI and no XML 1.0 name may hold.
constexpr char namespace_separator = '\x01';

std::string_view local_name(const XML_Char* name) {
  const std::string_view full(name);
  const std::size_t separator = full.rfind(namespace_separator);
  return separator == std::string_view::npos ? full : full.substr(separator + 1);
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(x) == lower(y);
  });
}

// The elements that carry an attribute's key and value (XES 2.0 types).
bool is_attribute_element(std::string_view name) {
  for (const std::string_view type : {"string", "date", "int", "float", "boolean", "id", "list", "container"})
    if (name == type) return true;
  return false;
}

enum class Transition { start, complete };

// An event of the trace being read, kept until the trace ends.
struct TraceEvent {
  std::string activity, resource;
  Timestamp time;
  Transition transition = Transition::complete;
  int line = 0, column = 0;  // of its <event> tag
};

// An attribute as the event being read has it so far, with the place of its
// element for messages.
struct AttributeValue {
  std::string value;
  bool present = false;
  int line = 0, column = 0;
};

class XesReader {
 public:
  XesReader(const std::shared_ptr<const std::string>& file, EventLogSink& sink) : file_(file), sink_(sink) {
    parser_ = XML_ParserCreateNS(nullptr, namespace_separator);
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, on_start, on_end);
    // An event log needs no entity: one declared is refused before it can
    // be expanded (billion laughs, external files). Expat's own
    // amplification limit stays in force besides.
    XML_SetEntityDeclHandler(parser_, on_entity);
    XML_SetParamEntityParsing(parser_, XML_PARAM_ENTITY_PARSING_NEVER);
  }
  ~XesReader() { XML_ParserFree(parser_); }
  XesReader(const XesReader&) = delete;
  XesReader& operator=(const XesReader&) = delete;

  std::optional<Diagnostic> read(std::istream& input, std::atomic<std::uint64_t>* bytes_read) {
    if (!parser_) return not_a_log(file_, 0, 0, phrase_of("the XML parser could not be made: out of memory"));
    std::string chunk(chunk_bytes, '\0');
    std::uint64_t fed = 0;
    while (input) {
      input.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      const auto got = static_cast<std::size_t>(input.gcount());
      if (got == 0) break;
      if (bytes_read) bytes_read->fetch_add(got, std::memory_order_relaxed);
      fed += got;
      if (XML_Parse(parser_, chunk.data(), static_cast<int>(got), XML_FALSE) != XML_STATUS_OK) return failure();
      // Expat holds a token until it is complete: a tag or comment of a
      // gigabyte would be held whole. Past the bound the file is no log.
      const XML_Index parsed = XML_GetCurrentByteIndex(parser_);
      if (parsed >= 0 && fed - static_cast<std::uint64_t>(parsed) > max_log_row_bytes)
        return not_a_log(file_, static_cast<int>(XML_GetCurrentLineNumber(parser_)),
                         static_cast<int>(XML_GetCurrentColumnNumber(parser_)) + 1,
                         phrase_of("a tag or comment longer than {} bytes: this is no event log",
                                   number_argument(static_cast<double>(max_log_row_bytes), 0)));
    }
    if (fed == 0) return not_a_log(file_, 0, 0, phrase_of("the log is empty"));
    if (XML_Parse(parser_, nullptr, 0, XML_TRUE) != XML_STATUS_OK) return failure();
    if (!columns_reported_) report_columns(false, false);
    return std::nullopt;
  }

 private:
  // Where an element is in the log, by its parent: only attributes directly
  // inside a trace or an event count, so that <global> defaults, classifier
  // definitions and attributes nested in a list are never taken for a case's.
  enum class Kind { log, trace, event, attribute, other };

  std::optional<Diagnostic> failure() {
    if (stopped_) return std::move(stopped_);
    return not_a_log(file_, static_cast<int>(XML_GetCurrentLineNumber(parser_)),
                     static_cast<int>(XML_GetCurrentColumnNumber(parser_)) + 1,
                     phrase_of("not well-formed XML: {}", XML_ErrorString(XML_GetErrorCode(parser_))));
  }

  int line() const { return static_cast<int>(XML_GetCurrentLineNumber(parser_)); }
  int column() const { return static_cast<int>(XML_GetCurrentColumnNumber(parser_)) + 1; }

  void stop(Phrase why) {
    if (!stopped_) stopped_ = not_a_log(file_, line(), column(), std::move(why));
    XML_StopParser(parser_, XML_FALSE);
  }

  static void on_entity(void* self, const XML_Char*, int, const XML_Char*, int, const XML_Char*, const XML_Char*,
                        const XML_Char*, const XML_Char*) {
    static_cast<XesReader*>(self)->stop(
        phrase_of("the file declares an entity, which no event log needs and which could make it expand without bound"));
  }

  static void on_start(void* self, const XML_Char* name, const XML_Char** attributes) {
    static_cast<XesReader*>(self)->start_element(local_name(name), attributes);
  }
  static void on_end(void* self, const XML_Char*) { static_cast<XesReader*>(self)->end_element(); }

  void start_element(std::string_view name, const XML_Char** attributes) {
    if (stopped_) return;
    if (kinds_.size() >= static_cast<std::size_t>(max_xes_depth))
      return stop(phrase_of("elements nested deeper than {}: this is no event log", number_argument(max_xes_depth, 0)));
    const Kind parent = kinds_.empty() ? Kind::other : kinds_.back();
    Kind kind = Kind::other;
    if (kinds_.empty()) {
      if (name != "log")
        return stop(phrase_of("the root element is <{}>, not the <log> of an XES event log", name));
      kind = Kind::log;
    } else if (parent == Kind::log && name == "trace") {
      kind = Kind::trace;
      case_id_ = {};
      trace_events_.clear();
      trace_overflow_ = false;
    } else if (parent == Kind::trace && name == "event") {
      kind = Kind::event;
      event_line_ = line();
      event_column_ = column();
      for (AttributeValue* value : {&activity_, &time_, &transition_, &resource_, &group_}) *value = {};
    } else if ((parent == Kind::trace || parent == Kind::event) && is_attribute_element(name)) {
      kind = Kind::attribute;
      take_attribute(parent, attributes);
    }
    kinds_.push_back(kind);
  }

  void take_attribute(Kind parent, const XML_Char** attributes) {
    std::string_view key, value;
    bool has_value = false;
    for (const XML_Char** attribute = attributes; *attribute; attribute += 2) {
      const std::string_view attribute_name = local_name(attribute[0]);
      if (attribute_name == "key") key = attribute[1];
      if (attribute_name == "value") {
        value = attribute[1];
        has_value = true;
      }
    }
    if (!has_value) return;
    AttributeValue* target = nullptr;
    if (parent == Kind::trace) {
      if (key == "concept:name") target = &case_id_;
    } else if (key == "concept:name") {
      target = &activity_;
    } else if (key == "time:timestamp") {
      target = &time_;
    } else if (key == "lifecycle:transition") {
      target = &transition_;
    } else if (key == "org:resource") {
      target = &resource_;
    } else if (key == "org:group") {
      target = &group_;
    }
    if (target) *target = {std::string(value), true, line(), column()};
  }

  void end_element() {
    if (stopped_ || kinds_.empty()) return;
    const Kind kind = kinds_.back();
    kinds_.pop_back();
    if (kind == Kind::event) end_event();
    if (kind == Kind::trace) end_trace();
  }

  void bad(int line, int column, Phrase why) { sink_.bad_row(bad_row(file_, line, column, std::move(why))); }

  void end_event() {
    Transition transition = Transition::complete;
    if (transition_.present) {
      const std::string_view value = transition_.value;
      if (equal_ignoring_case(value, "start"))
        transition = Transition::start;
      else if (!equal_ignoring_case(value, "complete"))
        return;  // schedule, assign, suspend, resume, abort: no start or end of work
    }
    if (activity_.value.empty())
      return bad(event_line_, event_column_, phrase_of("the event has no concept:name, its activity"));
    if (!time_.present)
      return bad(event_line_, event_column_, phrase_of("the event has no time:timestamp"));
    Phrase why;
    const auto time = parse_timestamp(time_.value, &why);
    if (!time)
      return bad(time_.line, time_.column,
                 phrase_of("the time:timestamp {} is no timestamp: {}", time_.value, std::move(why)));
    if (trace_events_.size() >= max_xes_trace_events) {
      if (!trace_overflow_)
        bad(event_line_, event_column_,
            phrase_of("the trace has more than {} events: this one and those after it are left out",
                      number_argument(static_cast<double>(max_xes_trace_events), 0)));
      trace_overflow_ = true;
      return;
    }
    trace_events_.push_back({std::move(activity_.value),
                             std::move(resource_.present ? resource_.value : group_.value), *time, transition,
                             event_line_, event_column_});
  }

  // Pairs the trace's events and hands them on: each complete with the
  // earliest start of its activity still open (first in, first out), by
  // time, ties in the order of the file.
  void end_trace() {
    if (case_id_.value.empty()) {
      for (const TraceEvent& event : trace_events_)
        bad(event.line, event.column, phrase_of("the event's trace has no concept:name, its case id"));
      return;
    }
    // At one moment a start comes before a complete, so that a step of no
    // duration (an end step, whose start and end a system stamps alike)
    // pairs whatever the order its events were written in.
    std::stable_sort(trace_events_.begin(), trace_events_.end(), [](const TraceEvent& a, const TraceEvent& b) {
      if (a.time != b.time) return a.time < b.time;
      return a.transition == Transition::start && b.transition != Transition::start;
    });
    if (!columns_reported_ && !trace_events_.empty()) {
      const bool any_start = std::any_of(trace_events_.begin(), trace_events_.end(),
                                         [](const TraceEvent& e) { return e.transition == Transition::start; });
      const bool any_resource = std::any_of(trace_events_.begin(), trace_events_.end(),
                                            [](const TraceEvent& e) { return !e.resource.empty(); });
      report_columns(any_start, any_resource);
    }
    std::map<std::string_view, std::deque<std::size_t>> open_starts;  // by activity, in time order
    std::vector<bool> completed(trace_events_.size(), false);
    for (std::size_t i = 0; i < trace_events_.size(); ++i) {
      const TraceEvent& event = trace_events_[i];
      if (event.transition == Transition::start) {
        open_starts[event.activity].push_back(i);
        continue;
      }
      LogEvent run;
      run.case_id = case_id_.value;
      run.activity = event.activity;
      run.resource = event.resource;
      run.end = event.time;
      run.line = event.line;
      auto open = open_starts.find(event.activity);
      if (open != open_starts.end() && !open->second.empty()) {
        const TraceEvent& start = trace_events_[open->second.front()];
        completed[open->second.front()] = true;
        open->second.pop_front();
        run.start = start.time;
        if (run.resource.empty()) run.resource = start.resource;
      }
      sink_.event(run);
    }
    for (std::size_t i = 0; i < trace_events_.size(); ++i)
      if (trace_events_[i].transition == Transition::start && !completed[i])
        bad(trace_events_[i].line, trace_events_[i].column,
            phrase_of("the start of {} is never completed", trace_events_[i].activity));
  }

  void report_columns(bool has_start, bool has_resource) {
    columns_reported_ = true;
    LogColumns columns;
    columns.has_start = has_start;
    columns.has_resource = has_resource;
    sink_.columns(columns);
  }

  const std::shared_ptr<const std::string>& file_;
  EventLogSink& sink_;
  XML_Parser parser_ = nullptr;
  std::optional<Diagnostic> stopped_;  // why a handler stopped the parser
  std::vector<Kind> kinds_;            // of the open elements, the root first
  bool columns_reported_ = false;
  // The trace being read.
  AttributeValue case_id_;
  std::vector<TraceEvent> trace_events_;  // start and complete events only, at most max_xes_trace_events
  bool trace_overflow_ = false;
  // The event being read.
  int event_line_ = 0, event_column_ = 0;
  AttributeValue activity_, time_, transition_, resource_, group_;
};

}  // namespace

std::optional<Diagnostic> read_xes(std::istream& input, const std::shared_ptr<const std::string>& file,
                                   EventLogSink& sink, std::atomic<std::uint64_t>* bytes_read) {
  XesReader reader(file, sink);
  return reader.read(input, bytes_read);
}

}  // namespace paperflow::event_log
