// Calibration: a process measured from its event log (docs/event-log.md).
// The log's cases, gathered row by row, are measured in working time on a
// WorkingCalendar: arrivals, work with a fitted distribution, waiting split
// into queue and the rest, routing shares, visits and lead time; and each
// case is replayed on the routing (conformance). The figures stand beside
// the model's, so that the report can show where the two disagree.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "paperflow/analysis.h"
#include "paperflow/duration.h"
#include "paperflow/event_log_cases.h"
#include "paperflow/model.h"

namespace paperflow {

/// The form of a step's work that fits the log better, by the
/// Kolmogorov-Smirnov distance: a three-point estimate [P5, mode, P95]
/// whose mean is the measured one (the mode clamped into [P5, P95]), or a
/// lognormal distribution of the measured mean and standard deviation. A
/// step whose runs all took the same time gets that fixed value.
struct WorkFit {
  Distribution distribution;
  double ks = 0;  // sup |F_log − F_fit|, 0 for a fixed value
};

/// What the log says of one step, beside the model's figures.
struct StepCalibration {
  std::size_t runs = 0;        // runs of the step in the log
  std::size_t timed_runs = 0;  // of those, with a start
  double model_work_hours = 0, model_wait_hours = 0, model_delay_hours = 0, model_visits = 0;
  std::optional<double> model_queue_hours;  // none when the unit is over capacity
  std::optional<double> work_mean, work_p10, work_p50, work_p90;
  std::optional<WorkFit> fit;  // with at least min_runs_to_fit timed runs
  /// From the end of the case's run before to this start: all of it, and
  /// the part the step's unit or person was busy with other cases.
  std::optional<double> wait_mean, queue_mean;
  std::size_t waits = 0;
  /// From this end to the start of the case's next run, where that is a
  /// step this one leads to, less its queue: the step's `delay`.
  std::optional<double> delay_mean;
  std::size_t delays = 0;
  std::optional<double> visits;  // runs per complete case
};

/// One branch of a choice: the model's p and the share of the step's runs
/// that went there, of those whose next run tells the branch.
struct ChoiceCalibration {
  std::size_t step = 0, branch = 0;
  double model_p = 0;
  std::optional<double> log_p;
  std::size_t runs = 0;   // runs of the step whose branch the log tells
  std::size_t taken = 0;  // of those, the ones that took this branch
  /// A rework branch: times taken per complete case, model (v_i·p) and log.
  double model_per_case = 0;
  std::optional<double> log_per_case;
};

/// A sequence of activities that does not fit the model, and its cases.
struct Deviation {
  std::vector<std::size_t> steps;  // the variant, as step indices
  std::size_t cases = 0;
  std::optional<std::size_t> leaves_after;  // index into `steps` of the last step that fits; none: the first fails
  std::string first_case;                   // the id of its first case in the log
};

/// Who did the runs the log names: a unit of the process (by its id) or a
/// person, with the work of the runs that have a start.
struct ResourceCalibration {
  std::string name;
  std::size_t runs = 0;
  double work_hours = 0;           // Σ end − start, working hours
  std::optional<std::size_t> unit; // the unit the name is the id of
  std::size_t top_step = 0;        // the step it ran most
};

/// A difference between model and log, for "the largest differences first".
struct CalibrationDifference {
  enum class Kind { cases_per_year, work, wait, visits, choice, lead_time };
  Kind kind = Kind::work;
  std::size_t step = 0, branch = 0;  // for work, wait, visits (step) and choice (step, branch)
  double model = 0, log = 0;
  std::size_t runs = 0;  // what the log's figure rests on: runs, or cases for arrivals, lead time and visits
  double weight = 0;     // |log − model| relative to the model, in the ranking's order
};

/// Everything calibrate measured of one log, beside the model's figures.
struct Calibration {
  std::size_t rows = 0, rows_used = 0;
  std::size_t runs_outside_working_time = 0;  // end outside the calendar's working time
  std::size_t cases = 0;
  std::size_t cases_used = 0;       // complete cases: they fit or deviate
  std::size_t cases_fitting = 0, cases_deviating = 0;
  std::size_t cases_open = 0;       // follow the model but reach no end before the log ends
  std::size_t cases_begun_before = 0;  // their first run cannot begin a case
  std::vector<std::string> cut_off_examples;  // ids of some open and begun-before cases
  std::optional<Timestamp> from, to;
  bool has_start = true, has_resource = false;
  double log_working_days = 0;     // working days of the calendar from the first to the last timestamp
  double log_days_per_year = 0;    // the calendar's working days a year over the log's span
  double model_cases_per_year = 0;
  std::optional<double> log_cases_per_year;
  std::size_t arrivals = 0;        // cases whose start the log shows (not begun before)
  std::optional<double> fitness;   // cases_fitting / cases_used
  std::vector<StepCalibration> steps;  // in file order
  std::vector<ChoiceCalibration> choices;
  std::optional<double> model_lead_time_hours;
  std::optional<double> lead_time_mean, lead_time_p50, lead_time_p90;  // of complete cases, working hours
  std::vector<Deviation> deviations;  // most cases first, at most max_deviations
  std::vector<std::size_t> steps_never_seen;  // every step without a run, silent ones too
  std::vector<bool> silent;  // per step: a log may leave it out (external unit, no work, end step)
  std::vector<std::pair<std::string, std::size_t>> unknown_activities;
  std::vector<ResourceCalibration> resources;      // most runs first
  std::vector<CalibrationDifference> differences;  // largest first
};

/// Fewer runs than this give no fitted form and no written-back value: a
/// distribution from a handful of runs says more about the handful.
inline constexpr std::size_t min_runs_to_fit = 10;
inline constexpr std::size_t max_deviations = 10;

/// Measures the process from its cases (sorting each case's runs by time)
/// and replays them. `process` must be valid and have a demand.
Calibration calibrate(EventLogCases& log);

/// The process file's new values: what `--emit` writes. Measured values
/// are rounded to three significant digits (at most two decimals) in the
/// unit that fits them, and choice shares to four decimals (their sum stays
/// exactly 1); a choice with a branch the log never took gets
/// shares with half a run added to each branch, since p must be above 0.
struct CalibratedValues {
  std::optional<double> cases_per_year;
  std::vector<std::optional<Distribution>> work, delay;  // by step
  std::vector<std::vector<std::optional<double>>> p;     // by step, then branch
  bool smoothed_choices = false;
};
CalibratedValues calibrated_values(const Process& process, const Calibration& calibration);

}  // namespace paperflow
