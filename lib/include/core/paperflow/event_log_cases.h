// The cases of an event log for one process, gathered row by row: each
// row's activity found among the steps, its times turned into working
// hours on the calendar, runs grouped by case. What calibrate measures
// (calibration.h) rests on them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "paperflow/model.h"
#include "paperflow/phrase.h"
#include "paperflow/working_calendar.h"

namespace paperflow {

/// One run of a step in a case, in working hours from the calendar's origin.
struct LoggedRun {
  static constexpr std::uint32_t no_resource = UINT32_MAX;
  std::uint32_t step = 0;
  std::uint32_t resource = no_resource;  // index into EventLogCases::resources()
  double start = 0;  // equal to end when the log has no start
  double end = 0;
  // Wall-clock seconds since 1970 of the start and the end, for the order
  // of a case's runs: on working time, every moment of an evening or a
  // weekend is one, and runs there would fall back to the order of rows.
  double clock_start = 0, clock_end = 0;
};

/// One case of the log: its id as the log gives it, and its runs.
struct LoggedCase {
  std::string id;
  std::vector<LoggedRun> runs;  // in the order of the log until calibrate() sorts them by time
};

/// The cases of one log for one process, gathered row by row: a row's
/// activity is found by step id, or else by the step's exact name.
class EventLogCases {
 public:
  EventLogCases(const Process& process, WorkingCalendar calendar);

  /// The columns the log has: without a start, work and waiting cannot be
  /// told apart; without a unit or resource, waiting is not split.
  void set_columns(bool has_start, bool has_resource);
  /// Takes one run. Nothing when taken; else why the row is left out (an
  /// activity the process does not know, counted in unknown_activities()).
  std::optional<Phrase> add(std::string_view case_id, std::string_view activity, std::string_view resource,
                            const std::optional<Timestamp>& start, const Timestamp& end);
  /// A row the reader could not read (counted, left out).
  void count_unreadable_row() { ++rows_left_out_; }

  const Process& process() const { return *process_; }
  const WorkingCalendar& calendar() const { return calendar_; }
  bool has_start() const { return has_start_; }
  bool has_resource() const { return has_resource_; }
  std::size_t rows() const { return rows_used_ + rows_left_out_; }
  std::size_t rows_used() const { return rows_used_; }
  const std::vector<std::string>& resources() const { return resources_; }
  /// Activities no step has, with the rows that name them, most rows first.
  std::vector<std::pair<std::string, std::size_t>> unknown_activities() const;
  std::optional<Timestamp> first() const { return first_; }
  /// Runs that end outside the calendar's working time (a day off, or
  /// outside the working hours): many of them mean the calendar is not the
  /// office's.
  std::size_t runs_outside_working_time() const { return outside_; }
  std::optional<Timestamp> last() const { return last_; }
  std::vector<LoggedCase>& cases() { return cases_; }
  const std::vector<LoggedCase>& cases() const { return cases_; }

 private:
  const Process* process_;
  WorkingCalendar calendar_;
  bool has_start_ = true, has_resource_ = false;
  std::size_t rows_used_ = 0, rows_left_out_ = 0, outside_ = 0;
  std::unordered_map<std::string, std::size_t> step_by_name_;
  std::unordered_map<std::string, std::uint32_t> case_index_, resource_index_;
  std::unordered_map<std::string, std::size_t> unknown_;
  std::vector<std::string> resources_;
  std::vector<LoggedCase> cases_;
  std::optional<Timestamp> first_, last_;
};

}  // namespace paperflow
