#include "paperflow/what_if.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "paperflow/numbers.h"
#include "paperflow/visits.h"
#include "suggest.h"

namespace paperflow {
namespace {

// What an assignment got wrong and the rule it breaks. Most problems are a
// value out of range, so a message alone is a "bad-value"; empty is none.
struct Problem {
  std::string rule = "bad-value";
  std::string message;

  Problem() = default;
  Problem(std::string text) : message(std::move(text)) {}  // NOLINT: implicit, as a message is the common case
  Problem(const char* text) : message(text) {}             // NOLINT
  Problem(std::string rule_id, std::string text) : rule(std::move(rule_id)), message(std::move(text)) {}

  bool empty() const { return message.empty(); }
};

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t begin = 0;
  for (;;) {
    std::size_t at = text.find(separator, begin);
    parts.push_back(text.substr(begin, at == std::string_view::npos ? std::string_view::npos : at - begin));
    if (at == std::string_view::npos) return parts;
    begin = at + 1;
  }
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// A number as a file writes it (YAML 1.2 core), in `range`; the problem
// in words when it is not.
Problem read_number(double& target, std::string_view value, const NumberRange& range) {
  const std::optional<NumberReading> number = read_yaml_number(trim(value));
  if (number && number->underflow)
    return fmt::format("'{}' is too close to 0 to tell from 0 (an underflow); it must be in {}", value, range.text);
  if (!number || !range.contains(number->value)) return fmt::format("'{}' is not a number in {}", value, range.text);
  target = number->value;
  return {};
}

// A duration the format accepts on a calendar of `hours_per_day`.
Problem read_duration(Duration& target, std::string_view text, double hours_per_day) {
  Diagnostic error;
  auto duration = parse_duration(text, &error);
  if (duration)
    if (auto out = check_duration_range(text, *duration, hours_per_day)) error = std::move(*out), duration.reset();
  if (!duration) return Problem{error.rule, error.message.english()};
  target = *duration;
  return {};
}

// A duration, a three-point estimate "[a, b, c]", or a factor "x0.5" of the current one.
Problem set_duration(Distribution& target, std::string_view value, double hours_per_day) {
  value = trim(value);
  if (!value.empty() && value.front() == 'x') {
    const std::optional<NumberReading> factor = read_yaml_number(value.substr(1));
    if (!factor || std::isnan(factor->value) || factor->value < 0)
      return fmt::format("'{}' is not a factor; write x and a number >= 0, e.g. x0.5", value);
    if (factor->underflow) return fmt::format("'{}' is too close to 0 to tell from 0 (an underflow)", value);
    if (!number_range::factor.contains(factor->value))
      return fmt::format("a factor must be in {}, not '{}'", number_range::factor.text, value);
    // A factor of at most 1000 can still take a duration out of the range
    // every figure is finite in: refused, not clamped.
    const Distribution scaled = target.scaled(factor->value, hours_per_day);
    if (auto out = scaled.out_of_range())
      return {"bad-duration", fmt::format("'{}' would make the duration {}", value, out->english())};
    target = scaled;
    return {};
  }
  if (!value.empty() && value.front() == '[' && value.back() == ']') {
    auto parts = split(value.substr(1, value.size() - 2), ',');
    if (parts.size() != 3) return {"bad-duration", "a three-point estimate has three durations: [min, most likely, max]"};
    std::array<Duration, 3> points;
    for (std::size_t i = 0; i < 3; ++i)
      if (Problem problem = read_duration(points[i], trim(parts[i]), hours_per_day); !problem.empty()) return problem;
    Distribution estimate = Distribution::written(Distribution::Kind::triangular, points, hours_per_day);
    if (!estimate.well_formed()) return {"bad-duration", "a three-point estimate needs min <= most likely <= max"};
    target = estimate;
    return {};
  }
  Duration duration;
  if (Problem problem = read_duration(duration, value, hours_per_day); !problem.empty()) return problem;
  target = Distribution::written(Distribution::Kind::fixed, {duration}, hours_per_day);
  return {};
}

template <typename Enum>
Problem set_enum(Enum& target, std::string_view value, std::optional<Enum> (*parse)(std::string_view),
                     std::span<const std::string_view> names) {
  if (auto parsed = parse(trim(value))) {
    target = *parsed;
    return {};
  }
  std::string list;
  for (std::string_view name : names) list += (list.empty() ? "" : ", ") + std::string(name);
  return fmt::format("'{}' is not one of: {}", value, list);
}

Problem unknown(std::string_view what, std::string_view id, const std::vector<std::string_view>& ids) {
  auto hint = closest_match(id, ids);
  return {"unknown-reference",
          fmt::format("no {} has the id '{}'{}", what, id, hint ? fmt::format("; did you mean '{}'?", *hint) : "")};
}

// A new length of the working day: durations written in days and weeks
// take their hours from it, as if the file had said so (the file's
// calendar is read before its durations). A three-point estimate that
// mixes hours and days can fall out of order; that is refused, not applied.
Problem set_hours_per_day(Process& process, std::string_view value) {
  double hours_per_day = 0;
  Problem error = read_number(hours_per_day, value, number_range::hours_per_day);
  if (!error.empty()) return error;
  auto check = [&](const Step& step, const Distribution& duration, std::string_view what) -> Problem {
    const Distribution moved = duration.on_calendar(hours_per_day);
    if (!moved.well_formed())
      return fmt::format("with {} h a day the {} of step '{}' has its parameters out of order "
                         "(it mixes hours and days); write it in one unit",
                         hours_per_day, what, step.id);
    if (auto out = moved.out_of_range())
      return {"bad-duration", fmt::format("with {} h a day the {} of step '{}' would be {}", hours_per_day, what,
                                          step.id, out->english())};
    return {};
  };
  for (const Step& step : process.steps) {
    if (Problem problem = check(step, step.work, "work"); !problem.empty()) return problem;
    if (Problem problem = check(step, step.delay, "delay"); !problem.empty()) return problem;
  }
  for (Step& step : process.steps) {
    step.work = step.work.on_calendar(hours_per_day);
    step.delay = step.delay.on_calendar(hours_per_day);
  }
  process.calendar.hours_per_day = hours_per_day;
  return {};
}

Problem set_step(Process& process, Step& step, const std::vector<std::string_view>& path, std::string_view value) {
  const double hours_per_day = process.calendar.hours_per_day;
  if (step.end) return fmt::format("step '{}' is an end step: it has no work, delay or routing to change", step.id);
  if (path.size() == 3) {
    std::string_view field = path[2];
    if (field == "work") {
      // Work needs a unit to do it, as in a file (check_work_has_unit): a
      // step without one that got work was written as a file that is not
      // valid (found by fuzzing).
      Distribution work = step.work;
      if (Problem error = set_duration(work, value, hours_per_day); !error.empty()) return error;
      if (!step.unit && !work.is_zero())
        return {"missing-key", fmt::format("step '{}' has no unit to do work; give it a `unit` in the file", step.id)};
      step.work = work;
      return {};
    }
    if (field == "delay") return set_duration(step.delay, value, hours_per_day);
    if (field == "medium") {
      Medium medium = Medium::paper;
      Problem error = set_enum(medium, value, parse_medium, medium_names());
      if (error.empty()) step.medium = medium;
      return error;
    }
    if (field == "channel") {
      Channel channel = Channel::post;
      Problem error = set_enum(channel, value, parse_channel, channel_names());
      if (error.empty()) step.channel = channel;
      return error;
    }
    if (field == "signature") return set_enum(step.signature, value, parse_signature, signature_names());
    if (field == "activity") return set_enum(step.activity, value, parse_activity, activity_names());
    return fmt::format("a step's '{}' cannot be set; use work, delay, medium, channel, signature, activity or next.TO.p",
                       field);
  }
  if (path.size() == 5 && path[2] == "next" && path[4] == "p") {
    if (step.routing.kind != Routing::Kind::choice) return fmt::format("step '{}' has no choices", step.id);
    auto& choices = step.routing.choices;
    Choice* chosen = nullptr;
    double others = 0;
    for (Choice& choice : choices) {
      if (choice.to.id == path[3] && !chosen) chosen = &choice;
      else others += choice.p;
    }
    if (!chosen) return {"unknown-reference", fmt::format("step '{}' has no choice to '{}'", step.id, path[3])};
    double p = 0;
    if (Problem error = read_number(p, value, number_range::probability); !error.empty()) return error;
    if (others > 0 && p >= 1)
      return "p = 1 would leave the step's other choices with probability 0, which the format forbids";
    if (others <= 0 && p < 1) return "the step has no other choice to take the rest of the probability";
    for (Choice& choice : choices)
      if (&choice != chosen) choice.p = choice.p * (1 - p) / others;
    chosen->p = p;
    return {};
  }
  return fmt::format("cannot set '{}' of a step", fmt::join(path.begin() + 2, path.end(), "."));
}

}  // namespace

std::vector<std::string> what_if_paths() {
  return {"demand.cases_per_year", "calendar.hours_per_day", "calendar.days_per_year",
          "units.ID.staff",        "units.ID.availability",  "units.ID.cost_per_hour",
          "steps.ID.work",         "steps.ID.delay",         "steps.ID.medium",
          "steps.ID.channel",      "steps.ID.signature",     "steps.ID.activity",
          "steps.ID.next.TO.p"};
}

namespace {

Problem assign(Process& process, std::string_view assignment) {
  const std::size_t equals = assignment.find('=');
  if (equals == std::string_view::npos) return "write PATH=VALUE, e.g. units.back_office.staff=3";
  const std::string_view value = assignment.substr(equals + 1);
  const auto path = split(assignment.substr(0, equals), '.');
  if (value.empty()) return "the value after '=' is empty";

  if (path.size() == 2 && path[0] == "demand" && path[1] == "cases_per_year") {
    double cases = 0;
    Problem error = read_number(cases, value, number_range::cases_per_year);
    if (error.empty()) process.cases_per_year = cases, process.cases_per_year_range.reset();  // a point now
    return error;
  }
  if (path.size() == 2 && path[0] == "calendar" && path[1] == "hours_per_day") return set_hours_per_day(process, value);
  if (path.size() == 2 && path[0] == "calendar" && path[1] == "days_per_year")
    return read_number(process.calendar.days_per_year, value, number_range::days_per_year);
  if (path.size() == 3 && path[0] == "units") {
    auto it = process.unit_index.find(std::string(path[1]));
    if (it == process.unit_index.end()) {
      std::vector<std::string_view> ids;
      for (const Unit& unit : process.units) ids.push_back(unit.id);
      return unknown("unit", path[1], ids);
    }
    Unit& unit = process.units[it->second];
    if (path[2] == "staff") {
      if (unit.external) return fmt::format("unit '{}' is external: it has no staff", unit.id);
      return read_number(unit.staff, value, number_range::staff);
    }
    if (path[2] == "availability") return read_number(unit.availability, value, number_range::availability);
    if (path[2] == "cost_per_hour") return read_number(unit.cost_per_hour, value, number_range::cost_per_hour);
    return fmt::format("a unit's '{}' cannot be set; use staff, availability or cost_per_hour", path[2]);
  }
  if (path.size() >= 3 && path[0] == "steps") {
    auto it = process.step_index.find(std::string(path[1]));
    if (it == process.step_index.end()) {
      std::vector<std::string_view> ids;
      for (const Step& step : process.steps) ids.push_back(step.id);
      return unknown("step", path[1], ids);
    }
    return set_step(process, process.steps[it->second], path, value);
  }
  std::string accepted;
  for (const std::string& p : what_if_paths()) accepted += (accepted.empty() ? "" : ", ") + p;
  return {"unknown-key", fmt::format("unknown path '{}'; accepted: {}", assignment.substr(0, equals), accepted)};
}

}  // namespace

namespace {

// An organisation's own values are its shared units; a process's are
// reached through `processes.ID.`, and take effect on its routing at once.
Problem assign(Portfolio& portfolio, std::string_view assignment) {
  constexpr std::string_view usage =
      "an organisation file takes units.ID.FIELD for its shared units and processes.ID.PATH for a process's own "
      "values, e.g. processes.wohngeld.demand.cases_per_year=7000";
  const std::size_t equals = assignment.find('=');
  if (equals == std::string_view::npos) return fmt::format("write PATH=VALUE; {}", usage);
  const auto path = split(assignment.substr(0, equals), '.');
  Organisation& organisation = portfolio.organisation;
  if (path[0] == "units") {
    Process holder;
    holder.calendar = organisation.calendar;
    holder.units = organisation.units;
    holder.unit_index = organisation.unit_index;
    Problem problem = assign(holder, assignment);
    if (problem.empty()) organisation.units = std::move(holder.units);
    return problem;
  }
  if (path[0] != "processes" || path.size() < 3) return std::string(usage);
  auto member = std::find_if(portfolio.processes.begin(), portfolio.processes.end(),
                             [&](const PortfolioProcess& p) { return p.process.info.id == path[1]; });
  if (member == portfolio.processes.end()) {
    std::vector<std::string_view> ids;
    for (const PortfolioProcess& p : portfolio.processes) ids.push_back(p.process.info.id);
    return unknown("process", path[1], ids);
  }
  if (path[2] == "calendar") return "every process of an organisation works on the organisation's calendar";
  if (path[2] == "units" && path.size() > 3 && organisation.unit_index.count(std::string(path[3])))
    return fmt::format("'{}' is a shared unit of the organisation: set units.{}.{} for every process that uses it",
                       path[3], path[3], path.size() > 4 ? path[4] : "staff");
  const std::size_t rest = assignment.find('.', assignment.find('.') + 1) + 1;
  Process changed = member->process;
  Problem problem = assign(changed, assignment.substr(rest));
  if (!problem.empty()) return problem;
  // A probability changes the visits; a loop left too rarely is refused.
  RoutingGraph graph(changed);
  Visits visits = solve_visits(changed, graph);
  if (visits.problem) return {visits.problem->rule, visits.problem->message.english()};
  member->process = std::move(changed);
  member->graph = std::move(graph);
  member->visits = std::move(visits.per_step);
  return {};
}

std::optional<Diagnostic> as_diagnostic(Problem problem) {
  if (problem.empty()) return std::nullopt;
  return Diagnostic{std::move(problem.rule), Severity::error, {}, verbatim(std::move(problem.message))};
}

}  // namespace

std::optional<Diagnostic> apply_what_if(Process& process, std::string_view assignment) {
  return as_diagnostic(assign(process, assignment));
}

std::optional<Diagnostic> apply_what_if(Portfolio& portfolio, std::string_view assignment) {
  return as_diagnostic(assign(portfolio, assignment));
}

}  // namespace paperflow
