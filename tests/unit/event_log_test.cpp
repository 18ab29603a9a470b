// The event log readers (event_log.h): CSV as spreadsheets and case systems
// write it, XES as process-mining tools write it, each run of a step handed
// over once, every row that cannot be read reported at its line and column,
// and a file that is no log refused, in bounded memory whatever it holds.
#include "paperflow/event_log.h"

#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

using namespace paperflow;

namespace {

// A LogEvent that outlives the callback.
struct Run {
  std::string case_id, activity, resource;
  std::optional<Timestamp> start;
  Timestamp end;
  int line = 0;

  friend bool operator==(const Run&, const Run&) = default;
};

struct RecordingSink : EventLogSink {
  std::vector<LogColumns> columns_seen;
  std::vector<Run> runs;
  Diagnostics bad;
  bool event_before_columns = false;

  void columns(const LogColumns& columns) override { columns_seen.push_back(columns); }
  void event(const LogEvent& event) override {
    if (columns_seen.empty()) event_before_columns = true;
    runs.push_back({std::string(event.case_id), std::string(event.activity), std::string(event.resource), event.start,
                    event.end, event.line});
  }
  void bad_row(Diagnostic diagnostic) override { bad.push_back(std::move(diagnostic)); }
};

struct Read {
  RecordingSink sink;
  std::optional<Diagnostic> problem;
  std::uint64_t bytes_read = 0;
};

Read read(const std::string& text, LogFormat format) {
  Read result;
  std::istringstream input(text);
  std::atomic<std::uint64_t> bytes{0};
  result.problem = read_event_log(input, format, std::make_shared<const std::string>("log"), result.sink, &bytes);
  result.bytes_read = bytes;
  return result;
}

// A log that must read without a problem.
Read read_ok(const std::string& text, LogFormat format = LogFormat::csv) {
  Read result = read(text, format);
  REQUIRE_MESSAGE(!result.problem, (result.problem ? result.problem->message.english() : ""));
  CHECK(result.sink.columns_seen.size() == 1);
  CHECK(!result.sink.event_before_columns);
  return result;
}

Timestamp at(const char* text) {
  const auto timestamp = parse_timestamp(text);
  REQUIRE_MESSAGE(timestamp, text);
  return *timestamp;
}

// The one bad row of a log whose other rows are good.
Diagnostic only_bad_row(const std::string& text, LogFormat format = LogFormat::csv) {
  Read result = read_ok(text, format);
  REQUIRE(result.sink.bad.size() == 1);
  CHECK(result.sink.bad[0].rule == "bad-log-row");
  CHECK(result.sink.bad[0].location.file_name() == "log");
  return result.sink.bad[0];
}

void check_place(const Diagnostic& diagnostic, int line, int column) {
  INFO(diagnostic.message.english());
  CHECK(diagnostic.location.line == line);
  CHECK(diagnostic.location.column == column);
}

Diagnostic not_a_log(const std::string& text, LogFormat format) {
  Read result = read(text, format);
  REQUIRE(result.problem);
  CHECK(result.problem->rule == "not-a-log");
  CHECK(!result.problem->message.english().empty());
  return *result.problem;
}

}  // namespace

TEST_CASE("a CSV log is read by its column names in any order and any case") {
  const std::string text =
      " End ,CASE,Note,Activity,start,Resource\n"
      "2025-03-04T09:15:00,WG-1,first,posteingang,2025-03-04T09:12:00,poststelle\n"
      "2025-03-04T13:42:00, WG-1 ,,akte_holen,,\n";
  const Read log = read_ok(text);
  const LogColumns& columns = log.sink.columns_seen.at(0);
  CHECK(columns.has_start);
  CHECK(columns.has_resource);
  CHECK(columns.ignored == std::vector<std::string>{"Note"});
  REQUIRE(log.sink.runs.size() == 2);
  CHECK(log.sink.runs[0] == Run{"WG-1", "posteingang", "poststelle", at("2025-03-04T09:12:00"),
                                at("2025-03-04T09:15:00"), 2});
  // Fields are trimmed; an empty start or resource is none.
  CHECK(log.sink.runs[1] == Run{"WG-1", "akte_holen", "", std::nullopt, at("2025-03-04T13:42:00"), 3});
  CHECK(log.bytes_read == text.size());
}

TEST_CASE("a CSV log without start and resource columns says so") {
  const Read log = read_ok("case,activity,end\nA,x,2025-03-04\n");
  CHECK(!log.sink.columns_seen.at(0).has_start);
  CHECK(!log.sink.columns_seen.at(0).has_resource);
  CHECK(log.sink.columns_seen.at(0).ignored.empty());
  REQUIRE(log.sink.runs.size() == 1);
  CHECK(!log.sink.runs[0].start);
}

TEST_CASE("quoted CSV fields hold delimiters and quotes and newlines and lines count those newlines") {
  const Read log = read_ok(
      "case,activity,end\n"
      "\"A,1\",\"Fehlende Unterlagen \"\"schriftlich\"\" nachfordern\",2025-03-04\n"
      "\"B\nzwei Zeilen\",x,2025-03-04\n"
      "C,y,2025-03-05\n");
  REQUIRE(log.sink.runs.size() == 3);
  CHECK(log.sink.runs[0].case_id == "A,1");
  CHECK(log.sink.runs[0].activity == "Fehlende Unterlagen \"schriftlich\" nachfordern");
  CHECK(log.sink.runs[1].case_id == "B\nzwei Zeilen");
  CHECK(log.sink.runs[1].line == 3);
  CHECK(log.sink.runs[2].line == 5);
}

TEST_CASE("CRLF line ends and a byte order mark read as LF does") {
  const std::string lf = "case,activity,start,end\nA,x,2025-03-04T09:00,2025-03-04T10:00\n\"B\",\"y\",,2025-03-05\n";
  std::string crlf = "\xEF\xBB\xBF";
  for (char c : lf) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const Read a = read_ok(lf), b = read_ok(crlf);
  CHECK(a.sink.runs.size() == 2);
  CHECK(a.sink.runs == b.sink.runs);
  CHECK(b.sink.bad.empty());
}

TEST_CASE("the delimiter is the comma or the semicolon or the tab that splits the header into the columns") {
  const Read semicolon = read_ok("Fall;case;activity;end\n\"1,5\";A;prüfen;2025-03-04T09:12:00\n");
  REQUIRE(semicolon.sink.runs.size() == 1);
  CHECK(semicolon.sink.runs[0].activity == "prüfen");
  CHECK(semicolon.sink.columns_seen.at(0).ignored == std::vector<std::string>{"Fall"});
  const Read tab = read_ok("case\tactivity\tend\nA\tx, y\t2025-03-04\n");
  REQUIRE(tab.sink.runs.size() == 1);
  CHECK(tab.sink.runs[0].activity == "x, y");
  // Excel's first line `sep=;` names the delimiter; blank lines before the header are passed over.
  const Read excel = read_ok("sep=;\r\n\r\ncase;activity;end\r\nA;x,y;2025-03-04\r\n");
  REQUIRE(excel.sink.runs.size() == 1);
  CHECK(excel.sink.runs[0].activity == "x,y");
  CHECK(excel.sink.runs[0].line == 4);
}

TEST_CASE("the column names PM4Py and Disco export are read and resource wins over unit") {
  const Read pm4py = read_ok(
      "case:concept:name,concept:name,start_timestamp,time:timestamp,org:resource,lifecycle:transition\n"
      "A,x,2025-03-04T09:00:00,2025-03-04T10:00:00,Frau Albers,complete\n");
  REQUIRE(pm4py.sink.runs.size() == 1);
  CHECK(pm4py.sink.runs[0] ==
        Run{"A", "x", "Frau Albers", at("2025-03-04T09:00:00"), at("2025-03-04T10:00:00"), 2});
  CHECK(pm4py.sink.columns_seen.at(0).ignored == std::vector<std::string>{"lifecycle:transition"});
  const Read disco = read_ok("Case ID,Activity,Start Timestamp,Complete Timestamp\nA,x,2025-03-04,2025-03-05\n");
  CHECK(disco.sink.runs.size() == 1);
  // Of two names of one role the spec's own wins, whatever the order.
  const Read both = read_ok("unit,concept:name,activity,resource,case,end\nu,c,x,r,A,2025-03-04\n");
  REQUIRE(both.sink.runs.size() == 1);
  CHECK(both.sink.runs[0].activity == "x");
  CHECK(both.sink.runs[0].resource == "r");
  CHECK(both.sink.columns_seen.at(0).ignored == std::vector<std::string>{"unit", "concept:name"});
}

TEST_CASE("empty CSV rows and rows of empty fields are skipped") {
  const Read log = read_ok("case,activity,end\n\nA,x,2025-03-04\n,,\n  \n;;;;\r\nB,y,2025-03-04");
  CHECK(log.sink.runs.size() == 2);
  CHECK(log.sink.runs[1].line == 7);
  // `;;;;` is one field of semicolons in a comma log: not empty, and one field is too few.
  CHECK(log.sink.bad.size() == 1);
}

TEST_CASE("every CSV row that cannot be read is a bad row at the line and column of its field") {
  const std::string header = "case,activity,start,end\n";
  const std::string good = "G,ok,2025-03-04T09:00,2025-03-04T10:00\n";
  auto bad_in = [&](const std::string& row) { return only_bad_row(header + good + row + good); };

  check_place(bad_in("A,x,2025-03-04,2025-03-04,extra\n"), 3, 27);
  check_place(bad_in("A,x,2025-03-04\n"), 3, 15);
  // At the end of the file without a newline, and on a line of stray UTF-8 continuation bytes.
  check_place(only_bad_row(header + good + "A,x,2025-03-04"), 3, 15);
  check_place(only_bad_row(header + good + "\x82\x82"), 3, 1);
  CHECK(bad_in("A,x,2025-03-04\n").message.english() == "3 fields where the header has 4");
  check_place(bad_in("A,,2025-03-04,2025-03-04\n"), 3, 3);
  CHECK(bad_in("A, ,2025-03-04,2025-03-04\n").message.english() == "the activity field is empty");
  check_place(bad_in("A,x,2025-03-04,\n"), 3, 16);
  // A timestamp parse_timestamp refuses, with its reason.
  const Diagnostic timestamp = bad_in("A,x,2025-03-04,04.03.2025\n");
  check_place(timestamp, 3, 16);
  CHECK(timestamp.message.english() ==
        "the end 04.03.2025 is no timestamp: not an ISO 8601 date such as 2025-03-04 or 2025-03-04T09:12:00");
  check_place(bad_in("A,x,2025-02-30,2025-03-04\n"), 3, 5);
  const Diagnostic backwards = bad_in("A,x,2025-03-04T10:00,2025-03-04T09:00\n");
  check_place(backwards, 3, 22);
  CHECK(backwards.message.english() == "the end 2025-03-04T09:00 lies before the start 2025-03-04T10:00");
  // Columns count characters, not bytes; lines count newlines in quotes.
  check_place(bad_in("\"Bär\nÄ\",ü,2025-03-04,2025-13-01\n"), 4, 17);
  check_place(bad_in("\"A\"x,y,2025-03-04,2025-03-04\n"), 3, 4);
  check_place(bad_in("A,\"\xFC\",2025-03-04,2025-03-04\n"), 3, 3);
}

TEST_CASE("an unterminated CSV quote is a bad row at the quote") {
  const Read log = read_ok("case,activity,end\nA,x,2025-03-04\nB,\"y,2025-03-04\nC,z,2025-03-04\n");
  CHECK(log.sink.runs.size() == 1);
  REQUIRE(log.sink.bad.size() == 1);
  check_place(log.sink.bad[0], 3, 3);
  CHECK(log.sink.bad[0].message.english() == "a quoted field is not closed before the end of the file");
}

TEST_CASE("a CSV row longer than the bound is a bad row and reading goes on after it") {
  std::string log = "case,activity,end\nA,x,2025-03-04\nB,\"";
  log.append(max_log_row_bytes + 10, 'y');
  log += "\nstill y\",2025-03-04\nC,z,2025-03-04\nD,";
  log.append(max_log_row_bytes / 2, ',');  // half a million fields, held as a count
  log += "\nE,w,2025-03-04\n";
  const Read result = read_ok(log);
  REQUIRE(result.sink.runs.size() == 3);
  CHECK(result.sink.runs[1].case_id == "C");
  CHECK(result.sink.runs[1].line == 5);
  CHECK(result.sink.runs[2].line == 7);
  REQUIRE(result.sink.bad.size() == 2);
  check_place(result.sink.bad[0], 3, 1);
  check_place(result.sink.bad[1], 6, 5);
}

TEST_CASE("a file that is no CSV log is refused as not-a-log") {
  check_place(not_a_log("", LogFormat::csv), 0, 0);
  CHECK(not_a_log("", LogFormat::csv).message.english() == "the log is empty");
  check_place(not_a_log("\xEF\xBB\xBF\n\r\n  \n", LogFormat::csv), 0, 0);
  const Diagnostic no_activity = not_a_log("\ncase,Aktivität,end\nA,x,2025-03-04\n", LogFormat::csv);
  check_place(no_activity, 2, 1);
  CHECK(no_activity.message.english() ==
        "the first row is no header of an event log: it has no column activity (its columns: case, Aktivität and end)");
  std::string garbage;
  for (int i = 0; i < 5000; ++i) garbage += static_cast<char>((i * 7919) % 256);
  CHECK(not_a_log(garbage, LogFormat::csv).location.line >= 1);
  CHECK(not_a_log("\xFF\xFE" "c\0a\0", LogFormat::csv).message.english() ==
        "the file is UTF-16 text: save the log as UTF-8");
  CHECK(not_a_log(std::string(max_log_row_bytes + 1, 'x'), LogFormat::csv).location.line == 1);
}

namespace {

// A log of `rows` rows whose quoted fields, some with newlines and commas,
// fall across the 64 KiB chunks the reader reads.
std::string generated_csv(int rows) {
  std::string log = "case,activity,start,end,resource\n";
  for (int i = 0; i < rows; ++i) {
    log += "\"case " + std::to_string(i % 997) + "\",";
    log += i % 3 == 0 ? "\"step, with a comma\nand a newline " + std::string(static_cast<std::size_t>(i % 50), 'x') + "\""
                      : "step" + std::to_string(i % 11);
    log += ",2025-03-04T09:00:00,2025-03-04T10:00:00.5,\"\"\"quoted\"\" person\"\r\n";
  }
  return log;
}

}  // namespace

TEST_CASE("a CSV log read in chunks gives every row whatever falls across a chunk boundary") {
  const int rows = 40'000;
  const std::string log = generated_csv(rows);
  REQUIRE(log.size() > 3'000'000);
  const Read result = read_ok(log);
  CHECK(result.sink.bad.empty());
  REQUIRE(result.sink.runs.size() == static_cast<std::size_t>(rows));
  CHECK(result.bytes_read == log.size());
  int line = 2;
  bool lines_right = true, fields_right = true;
  for (int i = 0; i < rows; ++i) {
    const Run& run = result.sink.runs[static_cast<std::size_t>(i)];
    lines_right = lines_right && run.line == line;
    line += i % 3 == 0 ? 2 : 1;
    fields_right = fields_right && run.case_id == "case " + std::to_string(i % 997) &&
                   run.resource == "\"quoted\" person" && run.end.seconds == 36000.5;
  }
  CHECK(lines_right);
  CHECK(fields_right);
  // One quoted field exactly across the first boundary, its doubled quote split.
  std::string straddling = "case,activity,end\nA,\"";
  straddling.append(65536 - straddling.size() - 1, 'a');
  straddling += "\"\"b\",2025-03-04\n";
  const Read across = read_ok(straddling);
  REQUIRE(across.sink.runs.size() == 1);
  CHECK(across.sink.runs[0].activity.ends_with("a\"b"));
}

namespace {

// The same log as CSV and as XES: starts and completes, offsets,
// fractional seconds, the XES events of a trace out of order.
const char* same_log_csv =
    "case,activity,start,end,resource\n"
    "A,posteingang,2025-03-04T09:12:00+01:00,2025-03-04T09:15:30.250+01:00,poststelle\n"
    "A,prüfen,,2025-03-04T11:00:00Z,\n"
    "A,prüfen,2025-03-05T08:00:00,2025-03-05T08:30:00,Frau Albers\n"
    "B,posteingang,2025-03-04T10:00:00.125-05:00,2025-03-04T10:01:00-05:00,poststelle\n";

const char* same_log_xes = R"(<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1.0" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <global scope="trace"><string key="concept:name" value="UNKNOWN"/></global>
  <global scope="event">
    <string key="concept:name" value="UNKNOWN"/>
    <date key="time:timestamp" value="1970-01-01T00:00:00"/>
  </global>
  <classifier name="Activity" keys="concept:name"/>
  <string key="concept:name" value="the log's own name"/>
  <trace>
    <string key="concept:name" value="A"/>
    <event>
      <string key="concept:name" value="prüfen"/>
      <string key="lifecycle:transition" value="complete"/>
      <date key="time:timestamp" value="2025-03-05T08:30:00"/>
      <string key="org:resource" value="Frau Albers"/>
    </event>
    <event>
      <string key="concept:name" value="posteingang"/>
      <string key="lifecycle:transition" value="start"/>
      <date key="time:timestamp" value="2025-03-04T09:12:00+01:00"/>
      <string key="org:resource" value="poststelle"/>
    </event>
    <event>
      <string key="concept:name" value="prüfen"/>
      <date key="time:timestamp" value="2025-03-04T11:00:00Z"/>
    </event>
    <event>
      <string key="concept:name" value="posteingang"/>
      <string key="lifecycle:transition" value="complete"/>
      <date key="time:timestamp" value="2025-03-04T09:15:30.250+01:00"/>
    </event>
    <event>
      <string key="concept:name" value="prüfen"/>
      <string key="lifecycle:transition" value="start"/>
      <date key="time:timestamp" value="2025-03-05T08:00:00"/>
      <list key="meta"><string key="concept:name" value="not the activity"/></list>
    </event>
  </trace>
  <trace>
    <string key="concept:name" value="B"/>
    <event>
      <string key="concept:name" value="posteingang"/>
      <string key="lifecycle:transition" value="START"/>
      <date key="time:timestamp" value="2025-03-04T10:00:00.125-05:00"/>
      <string key="org:group" value="poststelle"/>
    </event>
    <event>
      <string key="concept:name" value="posteingang"/>
      <string key="lifecycle:transition" value="schedule"/>
      <date key="time:timestamp" value="2025-03-04T09:00:00"/>
    </event>
    <event>
      <string key="concept:name" value="posteingang"/>
      <date key="time:timestamp" value="2025-03-04T10:01:00-05:00"/>
    </event>
  </trace>
</log>
)";

// The runs without their lines, which differ between the formats.
std::vector<Run> without_lines(std::vector<Run> runs) {
  for (Run& run : runs) run.line = 0;
  return runs;
}

}  // namespace

TEST_CASE("the same log as CSV and as XES gives the same runs") {
  const Read csv = read_ok(same_log_csv, LogFormat::csv);
  const Read xes = read_ok(same_log_xes, LogFormat::xes);
  CHECK(csv.sink.bad.empty());
  CHECK(xes.sink.bad.empty());
  REQUIRE(csv.sink.runs.size() == 4);
  CHECK(without_lines(csv.sink.runs) == without_lines(xes.sink.runs));
  CHECK(csv.sink.runs[0].end.seconds == doctest::Approx(9 * 3600 + 15 * 60 + 30.25));
  CHECK(xes.sink.columns_seen.at(0).has_start);
  CHECK(xes.sink.columns_seen.at(0).has_resource);
  CHECK(xes.sink.columns_seen.at(0).ignored.empty());
  // An XES run is at the line of its complete event.
  CHECK(xes.sink.runs[0].line == 29);
}

TEST_CASE("XES elements are matched by their local names with or without a namespace prefix") {
  const std::string plain =
      "<log><trace><string key='concept:name' value='A'/>"
      "<event><string key='concept:name' value='x'/><date key='time:timestamp' value='2025-03-04'/></event>"
      "</trace></log>";
  const std::string prefixed =
      "<xes:log xmlns:xes='http://www.xes-standard.org/'><xes:trace><xes:string key='concept:name' value='A'/>"
      "<xes:event><xes:string key='concept:name' value='x'/><xes:date key='time:timestamp' value='2025-03-04'/>"
      "</xes:event></xes:trace></xes:log>";
  const Read a = read_ok(plain, LogFormat::xes), b = read_ok(prefixed, LogFormat::xes);
  REQUIRE(a.sink.runs.size() == 1);
  CHECK(a.sink.runs == b.sink.runs);
  CHECK(a.sink.runs[0] == Run{"A", "x", "", std::nullopt, at("2025-03-04"), 1});
  CHECK(!a.sink.columns_seen.at(0).has_start);
  CHECK(!a.sink.columns_seen.at(0).has_resource);
}

TEST_CASE("XES is read in the encoding it declares") {
  const std::string latin1 =
      "<?xml version='1.0' encoding='ISO-8859-1'?>\n<log><trace><string key='concept:name' value='A'/>"
      "<event><string key='concept:name' value='pr\xFC" "fen'/><date key='time:timestamp' value='2025-03-04'/></event>"
      "</trace></log>";
  const Read log = read_ok(latin1, LogFormat::xes);
  REQUIRE(log.sink.runs.size() == 1);
  CHECK(log.sink.runs[0].activity == "prüfen");
  std::string utf16 = "\xFF\xFE";
  for (char c : std::string("<log><trace><string key='concept:name' value='A'/><event>"
                            "<string key='concept:name' value='x'/><date key='time:timestamp' value='2025-03-04'/>"
                            "</event></trace></log>")) {
    utf16 += c;
    utf16 += '\0';
  }
  CHECK(read_ok(utf16, LogFormat::xes).sink.runs.size() == 1);
}

TEST_CASE("XES events of a trace are sorted by time and each complete takes the earliest open start") {
  const std::string log = R"(<log>
<trace><string key="concept:name" value="A"/>
<event><string key="concept:name" value="x"/><string key="lifecycle:transition" value="complete"/><date key="time:timestamp" value="2025-03-04T12:00"/></event>
<event><string key="concept:name" value="x"/><string key="lifecycle:transition" value="complete"/><date key="time:timestamp" value="2025-03-04T11:00"/></event>
<event><string key="concept:name" value="x"/><string key="lifecycle:transition" value="start"/><date key="time:timestamp" value="2025-03-04T10:30"/></event>
<event><string key="concept:name" value="x"/><string key="lifecycle:transition" value="start"/><date key="time:timestamp" value="2025-03-04T10:00"/></event>
<event><string key="concept:name" value="y"/><string key="lifecycle:transition" value="start"/><date key="time:timestamp" value="2025-03-04T09:00"/></event>
<event><string key="concept:name" value="z"/><string key="lifecycle:transition" value="complete"/><date key="time:timestamp" value="2025-03-04T08:00"/></event>
</trace>
</log>)";
  const Read result = read_ok(log, LogFormat::xes);
  REQUIRE(result.sink.runs.size() == 3);
  CHECK(result.sink.runs[0] == Run{"A", "z", "", std::nullopt, at("2025-03-04T08:00"), 8});
  CHECK(result.sink.runs[1] == Run{"A", "x", "", at("2025-03-04T10:00"), at("2025-03-04T11:00"), 4});
  CHECK(result.sink.runs[2] == Run{"A", "x", "", at("2025-03-04T10:30"), at("2025-03-04T12:00"), 3});
  // A start never completed is a bad row at its event.
  REQUIRE(result.sink.bad.size() == 1);
  check_place(result.sink.bad[0], 7, 1);
  CHECK(result.sink.bad[0].message.english() == "the start of y is never completed");
}

TEST_CASE("an XES step of no duration pairs its start and complete in whichever order the file has them") {
  // An end step a system stamps once: its complete written before its start.
  const std::string log = R"(<log>
<trace><string key="concept:name" value="A"/>
<event><string key="concept:name" value="done"/><string key="lifecycle:transition" value="complete"/><date key="time:timestamp" value="2025-03-04T12:00"/></event>
<event><string key="concept:name" value="done"/><string key="lifecycle:transition" value="start"/><date key="time:timestamp" value="2025-03-04T12:00"/></event>
</trace>
</log>)";
  const Read result = read_ok(log, LogFormat::xes);
  REQUIRE(result.sink.runs.size() == 1);
  CHECK(result.sink.runs[0].start == at("2025-03-04T12:00"));
  CHECK(result.sink.runs[0].end == at("2025-03-04T12:00"));
  CHECK(result.sink.bad.empty());
}

TEST_CASE("XES events that cannot be read are bad rows and reading goes on") {
  const std::string log =
      "<log>\n<trace><string key='concept:name' value='A'/>\n"
      "<event><date key='time:timestamp' value='2025-03-04'/></event>\n"
      "<event><string key='concept:name' value='x'/></event>\n"
      "<event><string key='concept:name' value='x'/>  <date key='time:timestamp' value='2025-02-30'/></event>\n"
      "<event><string key='concept:name' value='x'/><date key='time:timestamp' value='2025-03-04'/></event>\n"
      "</trace>\n<trace>\n"
      "<event><string key='concept:name' value='x'/><date key='time:timestamp' value='2025-03-04'/></event>\n"
      "</trace></log>";
  const Read result = read_ok(log, LogFormat::xes);
  CHECK(result.sink.runs.size() == 1);
  REQUIRE(result.sink.bad.size() == 4);
  check_place(result.sink.bad[0], 3, 1);
  CHECK(result.sink.bad[0].message.english() == "the event has no concept:name, its activity");
  check_place(result.sink.bad[1], 4, 1);
  check_place(result.sink.bad[2], 5, 48);
  CHECK(result.sink.bad[2].message.english() == "the time:timestamp 2025-02-30 is no timestamp: 2025-02-30 is no date of the calendar");
  check_place(result.sink.bad[3], 9, 1);
  CHECK(result.sink.bad[3].message.english() == "the event's trace has no concept:name, its case id");
}

TEST_CASE("XES columns are those of the first trace with events") {
  const Read log = read_ok(
      "<log><trace><string key='concept:name' value='empty'/></trace>"
      "<trace><string key='concept:name' value='A'/><event><string key='concept:name' value='x'/>"
      "<string key='org:resource' value='r'/><date key='time:timestamp' value='2025-03-04'/></event></trace>"
      "<trace><string key='concept:name' value='B'/><event><string key='concept:name' value='x'/>"
      "<string key='lifecycle:transition' value='start'/><date key='time:timestamp' value='2025-03-04'/></event></trace>"
      "</log>",
      LogFormat::xes);
  CHECK(!log.sink.columns_seen.at(0).has_start);
  CHECK(log.sink.columns_seen.at(0).has_resource);
  CHECK(read_ok("<log/>", LogFormat::xes).sink.runs.empty());
}

TEST_CASE("an XES file with entities or deep nesting or a huge tag is refused at its line and column") {
  const Diagnostic bomb = not_a_log(
      "<?xml version='1.0'?>\n<!DOCTYPE log [\n <!ENTITY a 'aaaaaaaaaa'>\n"
      " <!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>\n]>\n<log>&b;</log>",
      LogFormat::xes);
  // At the declaration, refused before any expansion (expat's column is that of the entity's value).
  CHECK(bomb.location.line == 3);
  CHECK(bomb.location.column >= 1);
  CHECK(bomb.message.english().find("entity") != std::string::npos);
  std::string deep = "<log>\n";
  for (int i = 0; i < 5'000'000; ++i) deep += "<a>";
  const Diagnostic nested = not_a_log(deep, LogFormat::xes);
  check_place(nested, 2, 3 * (max_xes_depth - 1) + 1);
  // A comment of megabytes is held by expat whole: refused past the bound.
  std::string comment = "<log>\n<!--";
  comment.append(3 * max_log_row_bytes, 'x');
  comment += "--></log>";
  CHECK(not_a_log(comment, LogFormat::xes).location.line == 2);
}

TEST_CASE("a file that is no XES log is refused as not-a-log") {
  check_place(not_a_log("", LogFormat::xes), 0, 0);
  const Diagnostic root = not_a_log("<?xml version='1.0'?>\n<html><body/></html>", LogFormat::xes);
  check_place(root, 2, 1);
  CHECK(root.message.english() == "the root element is <html>, not the <log> of an XES event log");
  const Diagnostic broken = not_a_log("<log>\n<trace></event></log>", LogFormat::xes);
  check_place(broken, 2, 10);
  CHECK(broken.message.english() == "not well-formed XML: mismatched tag");
  CHECK(not_a_log("case,activity,end\nA,x,2025-03-04\n", LogFormat::xes).location.line == 1);
  CHECK(not_a_log("<log><trace>", LogFormat::xes).location.line == 1);
}

TEST_CASE("the log format is told by the first bytes and else by the name") {
  CHECK(detect_log_format("log.csv", "<?xml version='1.0'?><log/>") == LogFormat::xes);
  CHECK(detect_log_format("log", "\xEF\xBB\xBF\r\n  <log>") == LogFormat::xes);
  CHECK(detect_log_format("log", std::string_view("<\0l\0", 4)) == LogFormat::xes);
  CHECK(detect_log_format("log", "\xFE\xFF") == LogFormat::xes);
  CHECK(detect_log_format("LOG.XES", "garbage") == LogFormat::xes);
  CHECK(detect_log_format("log.xes", "") == LogFormat::xes);
  CHECK(detect_log_format("log.csv", "case,activity,end") == LogFormat::csv);
  CHECK(detect_log_format("log.txt", "\xEF\xBB\xBF" "case;activity;end") == LogFormat::csv);
  CHECK(detect_log_format("", "") == LogFormat::csv);
}

