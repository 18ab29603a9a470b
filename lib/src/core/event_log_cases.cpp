#include "paperflow/event_log_cases.h"

#include <algorithm>

namespace paperflow {

EventLogCases::EventLogCases(const Process& process, WorkingCalendar calendar)
    : process_(&process), calendar_(std::move(calendar)) {
  for (std::size_t i = 0; i < process.steps.size(); ++i) step_by_name_.emplace(process.steps[i].name, i);
}

void EventLogCases::set_columns(bool has_start, bool has_resource) {
  has_start_ = has_start;
  has_resource_ = has_resource;
}

std::optional<Phrase> EventLogCases::add(std::string_view case_id, std::string_view activity,
                                         std::string_view resource, const std::optional<Timestamp>& start,
                                         const Timestamp& end) {
  const std::string name(activity);
  std::optional<std::size_t> step;
  if (const auto by_id = process_->step_index.find(name); by_id != process_->step_index.end()) step = by_id->second;
  else if (const auto by_name = step_by_name_.find(name); by_name != step_by_name_.end()) step = by_name->second;
  if (!step) {
    ++unknown_[name];
    ++rows_left_out_;
    return phrase_of("the activity '{}' is no step of the process, by id or name", text_argument(activity));
  }
  ++rows_used_;
  if (!calendar_.is_working_day(end.day) || end.seconds / 3600 < calendar_.day_start_hours() ||
      end.seconds / 3600 > calendar_.day_start_hours() + calendar_.hours_per_day())
    ++outside_;
  const Timestamp& first = start ? *start : end;
  if (!first_ || first < *first_) first_ = first;
  if (!last_ || *last_ < end) last_ = end;
  LoggedRun run;
  run.step = static_cast<std::uint32_t>(*step);
  run.end = calendar_.working_hours_at(end);
  run.start = start ? calendar_.working_hours_at(*start) : run.end;
  const auto clock = [](const Timestamp& t) { return static_cast<double>(t.day) * 86400 + t.seconds; };
  run.clock_end = clock(end);
  run.clock_start = start ? clock(*start) : run.clock_end;
  if (!resource.empty()) {
    const auto [found, added] =
        resource_index_.try_emplace(std::string(resource), static_cast<std::uint32_t>(resources_.size()));
    if (added) resources_.emplace_back(resource);
    run.resource = found->second;
  }
  const auto [found, added] = case_index_.try_emplace(std::string(case_id), static_cast<std::uint32_t>(cases_.size()));
  if (added) cases_.push_back({std::string(case_id), {}});
  cases_[found->second].runs.push_back(run);
  return std::nullopt;
}

std::vector<std::pair<std::string, std::size_t>> EventLogCases::unknown_activities() const {
  std::vector<std::pair<std::string, std::size_t>> out(unknown_.begin(), unknown_.end());
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return out;
}

}  // namespace paperflow
