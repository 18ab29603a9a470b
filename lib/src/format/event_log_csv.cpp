// The CSV event log reader: RFC 4180 read a chunk at a time by a state
// machine that keeps one row, and the header that says which column is what.
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "event_log_readers.h"
#include "utf8.h"

namespace paperflow::event_log {

namespace {

// One field of a record, with the place where it begins (its opening quote,
// when quoted).
struct Field {
  std::string text;
  int line = 0, column = 0;
};

// A place in the file and what is wrong there.
struct Problem {
  int line = 0, column = 0;
  Phrase why;
};

// A record of a CSV file as RFC 4180 delimits it: fields, not yet
// interpreted. Only the first `kept` fields are stored; the others are
// counted, so that a row of a million commas costs no memory.
struct Record {
  std::vector<Field> fields;    // the first min(count, kept) fields
  std::size_t field_count = 0;  // all of them
  int line = 0;                 // where the record begins
  int end_line = 0, end_column = 0;      // the newline that ends it, or the end of the file
  int extra_line = 0, extra_column = 0;  // where the field past `expected` begins, when there is one
  bool blank = true;            // no character but spaces and tabs in any field
  bool too_long = false;        // longer than max_log_row_bytes: its fields are not kept whole
  std::optional<Problem> unterminated;  // a quote opened and never closed: the record runs to the end of the file
  std::optional<Problem> stray_text;    // text after the closing quote of a field
};

// The RFC 4180 state machine, fed any slices of the file and calling back
// with each record as it ends. Quotes open a field only at its beginning (a
// quote inside an unquoted field is a character of it); `""` in a quoted
// field is one quote; a carriage return outside quotes is dropped, so that
// CRLF and LF end a record alike. Lines count every newline, those inside
// quoted fields too; columns count characters (UTF-8 lead bytes) of a line.
class RecordReader {
 public:
  RecordReader(char delimiter, int first_line, std::size_t kept, std::size_t expected)
      : delimiter_(delimiter), kept_(kept), expected_(expected), line_(first_line) {
    begin_record();
  }

  template <class OnRecord>
  void feed(std::string_view bytes, OnRecord&& on_record) {
    for (const char c : bytes) {
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++column_;
      ++record_bytes_;
      if (record_bytes_ > max_log_row_bytes) record_.too_long = true;
      switch (state_) {
        case State::field_start:
          if (c == '"') {
            state_ = State::quoted;
            quote_line_ = line_;
            quote_column_ = column_;
            break;
          }
          state_ = State::unquoted;
          [[fallthrough]];
        case State::unquoted:
          outside_quotes(c, on_record);
          break;
        case State::quoted:
          if (c == '"')
            state_ = State::quote_in_quoted;
          else
            append(c);
          break;
        case State::quote_in_quoted:
          if (c == '"') {
            append(c);
            state_ = State::quoted;
            break;
          }
          if (c != delimiter_ && c != '\n' && c != '\r' && c != ' ' && c != '\t' && !record_.stray_text)
            record_.stray_text = Problem{line_, column_, phrase_of("text after the closing quote of a field")};
          state_ = State::unquoted;
          outside_quotes(c, on_record);
          break;
      }
      if (c == '\n') {
        ++line_;
        column_ = 0;
        if (next_record_pending_) begin_record();
      }
    }
  }

  // The end of the file ends the last record, if it has begun.
  template <class OnRecord>
  void finish(OnRecord&& on_record) {
    if (state_ == State::quoted)
      record_.unterminated =
          Problem{quote_line_, quote_column_, phrase_of("a quoted field is not closed before the end of the file")};
    // The record ends where a newline would be: after its last character.
    ++column_;
    if (record_bytes_ > 0) end_record(on_record);
  }

 private:
  enum class State { field_start, unquoted, quoted, quote_in_quoted };

  template <class OnRecord>
  void outside_quotes(char c, OnRecord& on_record) {
    if (c == delimiter_) {
      end_field();
    } else if (c == '\n') {
      end_record(on_record);
    } else if (c != '\r') {
      append(c);
    }
  }

  void append(char c) {
    if (c != ' ' && c != '\t') record_.blank = false;
    if (record_.too_long || record_.field_count >= kept_) return;
    record_.fields[record_.field_count].text.push_back(c);
  }

  // The field after the one that ends here begins at the next character.
  void end_field() {
    ++record_.field_count;
    begin_field(line_, column_ + 1);
  }

  void begin_field(int line, int column) {
    state_ = State::field_start;
    if (record_.field_count == expected_) {
      record_.extra_line = line;
      record_.extra_column = column;
    }
    if (record_.field_count >= kept_) return;
    if (record_.fields.size() <= record_.field_count) record_.fields.emplace_back();
    Field& field = record_.fields[record_.field_count];
    field.text.clear();
    field.line = line;
    field.column = column;
  }

  template <class OnRecord>
  void end_record(OnRecord& on_record) {
    ++record_.field_count;
    record_.end_line = line_;
    record_.end_column = column_;
    if (record_.field_count < record_.fields.size()) record_.fields.resize(record_.field_count);
    on_record(record_);
    record_bytes_ = 0;
    state_ = State::field_start;
    next_record_pending_ = true;
  }

  // After the newline that ended a record has been counted: the next record
  // begins on the next line.
  void begin_record() {
    next_record_pending_ = false;
    record_.field_count = 0;
    record_.line = line_;
    record_.blank = true;
    record_.too_long = false;
    record_.unterminated.reset();
    record_.stray_text.reset();
    record_.extra_line = record_.extra_column = 0;
    begin_field(line_, 1);
  }

  char delimiter_;
  std::size_t kept_, expected_;
  int line_ = 1, column_ = 0;  // column_: of the last character read, 0 before the first of a line
  int quote_line_ = 0, quote_column_ = 0;
  State state_ = State::field_start;
  std::size_t record_bytes_ = 0;
  bool next_record_pending_ = false;
  Record record_;
};

// What a column is read as. Each role has names: its own, and those that
// process-mining tools export (PM4Py writes the XES keys as they are;
// Disco writes "Case ID", "Start Timestamp", "Complete Timestamp"). When
// several columns name one role, the name earlier in this table wins and
// the others are ignored: `case` before `case:concept:name`, `resource`
// before `unit` (the person who did it is the finer record; a unit column
// beside it is named among the ignored).
enum class Role { case_id, activity, end, start, resource };
constexpr std::size_t role_count = 5;

struct ColumnName {
  std::string_view name;  // lower case
  Role role;
};

constexpr std::array column_names{
    ColumnName{"case", Role::case_id},          ColumnName{"case:concept:name", Role::case_id},
    ColumnName{"case id", Role::case_id},       ColumnName{"activity", Role::activity},
    ColumnName{"concept:name", Role::activity}, ColumnName{"end", Role::end},
    ColumnName{"time:timestamp", Role::end},    ColumnName{"complete timestamp", Role::end},
    ColumnName{"start", Role::start},           ColumnName{"start_timestamp", Role::start},
    ColumnName{"start timestamp", Role::start}, ColumnName{"resource", Role::resource},
    ColumnName{"org:resource", Role::resource}, ColumnName{"unit", Role::resource},
};

constexpr std::array<std::string_view, 3> required_names{"case", "activity", "end"};

std::string_view trimmed(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::string lower_case(std::string_view text) {
  std::string lower(text);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return lower;
}

bool is_utf8(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = utf8::sequence_length(text, at);
    if (length == 0) return false;
    at += length;
  }
  return true;
}

// The header: which column plays which role, and how many columns there are.
struct Header {
  static constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::array<std::size_t, role_count> column{none, none, none, none, none};
  std::array<std::string, role_count> name;  // as written, for messages
  std::size_t field_count = 0;
  std::vector<std::string> all_names;  // as written, trimmed

  std::size_t of(Role role) const { return column[static_cast<std::size_t>(role)]; }
  bool complete() const { return of(Role::case_id) != none && of(Role::activity) != none && of(Role::end) != none; }
  int required_found() const {
    return (of(Role::case_id) != none) + (of(Role::activity) != none) + (of(Role::end) != none);
  }
};

// A header has this many columns at most that can play a role; the fields
// past it are counted, and in a row must be there, but are not looked at.
constexpr std::size_t max_header_names = 1024;

Header read_header(std::string_view raw, char delimiter) {
  Header header;
  std::array<std::size_t, role_count> rank{};
  rank.fill(column_names.size());
  RecordReader reader(delimiter, 1, max_header_names, max_header_names);
  auto on_record = [&](const Record& record) {
    if (header.field_count != 0) return;  // only the first record is the header
    header.field_count = record.field_count;
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
      const std::string_view name = trimmed(record.fields[i].text);
      header.all_names.emplace_back(name);
      const std::string lower = lower_case(name);
      for (std::size_t n = 0; n < column_names.size(); ++n) {
        const auto role = static_cast<std::size_t>(column_names[n].role);
        if (column_names[n].name != lower || n >= rank[role]) continue;
        rank[role] = n;
        header.column[role] = i;
        header.name[role] = utf8::replace_invalid(name);
      }
    }
  };
  reader.feed(raw, on_record);
  reader.finish(on_record);
  return header;
}

// `a, b and c`: the column names a header lacks or has, for a message.
std::string listed(const std::vector<std::string>& names) {
  std::string list;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) list += i + 1 == names.size() ? " and " : ", ";
    list += names[i];
  }
  return escape_control_characters(utf8::replace_invalid(list));
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && lower_case(text.substr(0, prefix.size())) == prefix;
}

// Turns the records after the header into events or bad rows.
class RowReader {
 public:
  RowReader(const Header& header, const std::shared_ptr<const std::string>& file, EventLogSink& sink)
      : header_(header), file_(file), sink_(sink) {}

  void operator()(const Record& record) {
    if (record.unterminated) return bad(*record.unterminated);
    if (record.too_long)
      return bad({record.line, 1, phrase_of("a row longer than {} bytes is left out",
                                            number_argument(static_cast<double>(max_log_row_bytes), 0))});
    if (record.blank) return;
    if (record.stray_text) return bad(*record.stray_text);
    if (record.field_count != header_.field_count) {
      const bool too_many = record.field_count > header_.field_count;
      return bad({too_many ? record.extra_line : record.end_line, too_many ? record.extra_column : record.end_column,
                  phrase_of("{} fields where the header has {}",
                            number_argument(static_cast<double>(record.field_count), 0),
                            number_argument(static_cast<double>(header_.field_count), 0))});
    }
    LogEvent event;
    event.line = record.line;
    std::optional<Problem> problem;
    auto text = [&](Role role, bool required) -> std::string_view {
      const std::size_t column = header_.of(role);
      if (column == Header::none || problem) return {};
      const Field& field = record.fields[column];
      const std::string_view value = trimmed(field.text);
      const std::string& name = header_.name[static_cast<std::size_t>(role)];
      if (required && value.empty())
        problem = Problem{field.line, field.column, phrase_of("the {} field is empty", name)};
      else if (!is_utf8(value))
        problem = Problem{field.line, field.column,
                          phrase_of("the {} field is not UTF-8 text: save the log as UTF-8", name)};
      return value;
    };
    auto timestamp = [&](Role role, std::string_view value) -> std::optional<Timestamp> {
      if (value.empty() || problem) return std::nullopt;
      Phrase why;
      auto parsed = parse_timestamp(value, &why);
      if (!parsed) {
        const Field& field = record.fields[header_.of(role)];
        problem = Problem{field.line, field.column,
                          phrase_of("the {} {} is no timestamp: {}", header_.name[static_cast<std::size_t>(role)],
                                    value, std::move(why))};
      }
      return parsed;
    };
    event.case_id = text(Role::case_id, true);
    event.activity = text(Role::activity, true);
    const std::string_view start = text(Role::start, false);
    const std::string_view end = text(Role::end, true);
    event.resource = text(Role::resource, false);
    event.start = timestamp(Role::start, start);
    const auto end_time = timestamp(Role::end, end);
    if (!problem && end_time && event.start && *end_time < *event.start) {
      const Field& field = record.fields[header_.of(Role::end)];
      problem = Problem{field.line, field.column, phrase_of("the end {} lies before the start {}", end, start)};
    }
    if (problem) return bad(*problem);
    event.end = *end_time;
    sink_.event(event);
  }

 private:
  // A line of continuation bytes alone (not UTF-8) has no character to
  // count: its problem is at column 1.
  void bad(Problem problem) {
    sink_.bad_row(bad_row(file_, problem.line, std::max(problem.column, 1), std::move(problem.why)));
  }

  const Header& header_;
  const std::shared_ptr<const std::string>& file_;
  EventLogSink& sink_;
};

}  // namespace

std::optional<Diagnostic> read_csv(std::istream& input, const std::shared_ptr<const std::string>& file,
                                   EventLogSink& sink, std::atomic<std::uint64_t>* bytes_read) {
  // The header is found first: the bytes up to the first newline outside
  // quotes, with blank lines and an Excel `sep=;` line before it passed over.
  // Quotes pair the same whatever the delimiter, so the header's end is
  // found before the delimiter is known.
  std::string header_raw;
  bool in_quotes = false;
  int header_line = 1;                // where header_raw begins
  std::optional<char> declared_delimiter;  // by a `sep=` line
  Header header;
  std::optional<RecordReader> records;
  std::optional<RowReader> rows;

  // The header is complete in header_raw: read it, or pass over a blank or
  // `sep=` line. Nothing, or the reason the file is no log.
  auto take_header = [&]() -> std::optional<Diagnostic> {
    const int lines = static_cast<int>(std::count(header_raw.begin(), header_raw.end(), '\n'));
    std::string_view line = header_raw;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    line = trimmed(line);
    if (line.empty() || (line.size() == 5 && starts_with_ignoring_case(line, "sep="))) {
      if (!line.empty()) declared_delimiter = line[4];
      header_line += std::max(lines, 1);
      header_raw.clear();
      return std::nullopt;
    }
    // German spreadsheets write `;`, since their decimal point is a comma;
    // some systems write tabs. The first delimiter that finds the required
    // columns is the file's; without one, the report speaks of the one that
    // found most.
    const std::string candidates = declared_delimiter ? std::string(1, *declared_delimiter) : std::string(",;\t");
    std::optional<Header> best;
    for (const char delimiter : candidates) {
      Header candidate = read_header(header_raw, delimiter);
      if (!best || candidate.required_found() > best->required_found()) best = std::move(candidate);
      if (best->complete()) {
        header = std::move(*best);
        std::size_t kept = 0;
        for (const std::size_t column : header.column)
          if (column != Header::none) kept = std::max(kept, column + 1);
        records.emplace(delimiter, header_line + lines, kept, header.field_count);
        rows.emplace(header, file, sink);
        LogColumns columns;
        columns.has_start = header.of(Role::start) != Header::none;
        columns.has_resource = header.of(Role::resource) != Header::none;
        for (std::size_t i = 0; i < header.all_names.size(); ++i)
          if (std::find(header.column.begin(), header.column.end(), i) == header.column.end() &&
              !header.all_names[i].empty())
            columns.ignored.push_back(utf8::replace_invalid(header.all_names[i]));
        sink.columns(columns);
        return std::nullopt;
      }
    }
    std::vector<std::string> missing;
    for (const Role role : {Role::case_id, Role::activity, Role::end})
      if (best->of(role) == Header::none) missing.emplace_back(required_names[static_cast<std::size_t>(role)]);
    return not_a_log(file, header_line, 1,
                     phrase_of("the first row is no header of an event log: it has no column {} (its columns: {})",
                               listed(missing), listed(best->all_names)));
  };

  std::string chunk(chunk_bytes, '\0');
  bool first_chunk = true;
  bool any_byte = false;
  while (input) {
    input.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto got = static_cast<std::size_t>(input.gcount());
    if (got == 0) break;
    if (bytes_read) bytes_read->fetch_add(got, std::memory_order_relaxed);
    std::string_view data(chunk.data(), got);
    if (first_chunk) {
      first_chunk = false;
      if (data.starts_with("\xFF\xFE") || data.starts_with("\xFE\xFF"))
        return not_a_log(file, 1, 1, phrase_of("the file is UTF-16 text: save the log as UTF-8"));
      if (data.starts_with("\xEF\xBB\xBF")) data.remove_prefix(3);
    }
    if (!data.empty()) any_byte = true;
    while (!records && !data.empty()) {
      std::size_t end = 0;
      bool header_ends = false;
      for (; end < data.size(); ++end) {
        if (data[end] == '"') in_quotes = !in_quotes;
        if (data[end] == '\n' && !in_quotes) {
          header_ends = true;
          ++end;
          break;
        }
      }
      header_raw.append(data.substr(0, end));
      data.remove_prefix(end);
      if (header_raw.size() > max_log_row_bytes)
        return not_a_log(file, header_line, 1,
                         phrase_of("the first row is longer than {} bytes: this is no event log",
                                   number_argument(static_cast<double>(max_log_row_bytes), 0)));
      if (header_ends)
        if (auto problem = take_header()) return problem;
    }
    if (records) records->feed(data, *rows);
  }
  if (!records && !trimmed(header_raw).empty())
    if (auto problem = take_header()) return problem;
  if (!records) return not_a_log(file, 0, 0, any_byte ? phrase_of("the log has no header row: it is blank")
                                                      : phrase_of("the log is empty"));
  records->finish(*rows);
  return std::nullopt;
}

}  // namespace paperflow::event_log
