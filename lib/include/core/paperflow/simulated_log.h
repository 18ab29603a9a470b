// A simulation's recorded cases written as a CSV event log
// (docs/event-log.md#simulated-logs), the format paperflow-calibrate reads,
// so that calibrating the model's own cases checks the model and the tools:
// the round trip recovers what the model says, within sampling error.
#pragma once

#include <cstdint>
#include <string>

#include "paperflow/model.h"
#include "paperflow/simulated_event_log.h"
#include "paperflow/working_calendar.h"

namespace paperflow {

/// Where a simulated log's clock stands on the calendar: the end of the
/// warm-up is the calendar's start of day on the first working day on or
/// after `start_day` (days since 1970-01-01), and working hours count 1:1
/// from there, over the calendar's days off.
class SimulatedClock {
 public:
  SimulatedClock(const WorkingCalendar& calendar, double warmup_end_hours, std::int64_t start_day);
  /// The moment of simulation time `hours` (no earlier than the warm-up's end).
  Timestamp at(double hours) const;

 private:
  const WorkingCalendar& calendar_;
  double offset_hours_;  // calendar working hours less simulation hours
};

/// The CSV log of the runs of process number `process_index` in `log`
/// (0 for simulate()'s), `process` being that process: the header
/// `case,activity,start,end,unit`, then a row a run, grouped by case in
/// the order the cases arrived, within a case by start, then end, runs
/// that tie in the order the engine drew them (so a step without work
/// comes before the step it leads to). The case is the process's id and
/// the case's number, zero-padded to six digits or more, so that the ids
/// sort as the cases arrived (`wohngeld-000001`); the activity the step's
/// id; the unit the step's unit id, empty for a step without one.
/// Timestamps by format_timestamp on SimulatedClock. Fields are quoted as
/// RFC 4180 says where they need it; lines end in LF.
/// `calendar.hours_per_day()` must be the log's `hours_per_day` (the
/// caller checks: the working time would stretch or shrink otherwise).
std::string simulated_log_csv(const Process& process, const SimulatedEventLog& log, const WorkingCalendar& calendar,
                              std::int64_t start_day, std::uint32_t process_index = 0);

}  // namespace paperflow
