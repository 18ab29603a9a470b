#include "paperflow/simulated_log.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace paperflow {
namespace {

// A CSV field as RFC 4180 writes it: in quotes, its quotes doubled, when it
// holds a comma, a quote or a line break; as it is otherwise.
void append_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

SimulatedClock::SimulatedClock(const WorkingCalendar& calendar, double warmup_end_hours, std::int64_t start_day)
    : calendar_(calendar) {
  const Timestamp first_morning{calendar.working_day_from(start_day), calendar.day_start_hours() * 3600};
  offset_hours_ = calendar.working_hours_at(first_morning) - warmup_end_hours;
}

Timestamp SimulatedClock::at(double hours) const { return calendar_.timestamp_at(hours + offset_hours_); }

std::string simulated_log_csv(const Process& process, const SimulatedEventLog& log, const WorkingCalendar& calendar,
                              std::int64_t start_day, std::uint32_t process_index) {
  std::vector<const SimulatedRun*> runs;
  for (const SimulatedRun& run : log.runs)
    if (run.process == process_index) runs.push_back(&run);
  // Stable: runs that tie keep the engine's order, which is the order in
  // which a case went through them.
  std::stable_sort(runs.begin(), runs.end(), [](const SimulatedRun* a, const SimulatedRun* b) {
    if (a->case_number != b->case_number) return a->case_number < b->case_number;
    if (a->start_hours != b->start_hours) return a->start_hours < b->start_hours;
    return a->end_hours < b->end_hours;
  });
  const std::uint32_t cases = process_index < log.cases.size() ? log.cases[process_index] : 0;
  const int digits = std::max(6, static_cast<int>(fmt::formatted_size("{}", cases)));
  // Each step's unit id and the case id's prefix, quoted once.
  std::vector<std::string> step_fields;
  for (const Step& step : process.steps) {
    std::string fields;
    append_field(fields, step.id);
    fields += ',';
    step_fields.push_back(std::move(fields));
  }
  std::vector<std::string> unit_fields;
  for (const Step& step : process.steps) {
    std::string field;
    if (const Unit* unit = process.unit_of(step)) append_field(field, unit->id);
    unit_fields.push_back(std::move(field));
  }
  const SimulatedClock clock(calendar, log.warmup_end_hours, start_day);
  std::string out = "case,activity,start,end,unit\n";
  std::string case_id;
  std::uint32_t case_number = 0;  // none yet: numbers start at 1
  for (const SimulatedRun* run : runs) {
    if (run->case_number != case_number) {  // once a case, not once a row
      case_number = run->case_number;
      case_id.clear();
      append_field(case_id, fmt::format("{}-{:0{}}", process.info.id, case_number, digits));
    }
    out += case_id;
    out += ',';
    out += step_fields[run->step];
    out += format_timestamp(clock.at(run->start_hours));
    out += ',';
    out += format_timestamp(clock.at(run->end_hours));
    out += ',';
    out += unit_fields[run->step];
    out += '\n';
  }
  return out;
}

}  // namespace paperflow
