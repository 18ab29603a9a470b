// A valid process built in memory from the fuzzer's bytes. A target that
// reads a process from its bytes spends nearly every input on the reader's
// refusals; a built one reaches the writer's round trip, the analysis and
// the measures with every kind of routing and distribution the format
// allows, on any calendar and in every range of its numbers.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fuzz_support.h"
#include "paperflow/duration.h"
#include "paperflow/model.h"
#include "paperflow/numbers.h"
#include "paperflow/vocabulary.h"

namespace paperflow::fuzz {

/// The largest number of visits per case the generator lets a step have.
/// A loop is unsolved when a case would go round it 10^12 times or more
/// (docs/format.md#visits); a billion keeps three powers of ten from that.
inline constexpr double max_generated_visits = 1e9;

struct GeneratedProcess {
  Process process;
  /// No step has more visits per case: the product of 1 / (1 − p) over
  /// the choices that lead back. Between two moves back a case walks
  /// forward, through each step at most once, and reaches an end or its
  /// join without a move back with at least the product of the 1 − p; a
  /// parallel branch is such a walk once per visit of its split.
  double visits_bound = 1;
};

namespace generator {

// Text that a writer must quote or escape to keep: YAML's indicators, a
// comma that ends a flow value, words YAML 1.1 reads as booleans, a number,
// control characters, umlauts.
inline const char* const names[] = {
    "Antrag prüfen", "Steueramt, Sachgebiet Hundesteuer", "a: b", "\"zitiert\"", "# kein Kommentar", "- Liste",
    "yes", "1e3", "Tab\there", "Zeile\nzwei", "ß€ 😀", "{x}", "[y]", "&anker", "*alias", "!tag", "'Apostroph'",
    "  Leerzeichen  ", "\\ Rückstrich", "Wagen\rrücklauf", "~", "null", ".inf", "0x1F", "%YAML", "@@", "`Code`", "|",
    ">", "?", "Steuer\x01zeichen"};

inline std::string name(ByteReader& in) { return names[in.in(0, std::size(names) - 1)]; }

// A number in `range`: one a person would write, or any in the range,
// evenly or in its logarithm, or at its ends.
inline double number(ByteReader& in, const NumberRange& range, std::initializer_list<double> typical) {
  const double lowest = range.low_open ? std::nextafter(range.low, range.high) : range.low;
  double value = *typical.begin();
  switch (in.in(0, 5)) {
    case 0:
    case 1:
    case 2: value = typical.begin()[in.in(0, typical.size() - 1)]; break;
    case 3: value = in.between(lowest, range.high); break;
    case 4: value = in.log_between(std::max(lowest, 1e-300), range.high); break;
    case 5: {
      const double ends[] = {lowest, range.high, std::nextafter(range.high, range.low),
                             std::nextafter(lowest, range.high)};
      value = ends[in.in(0, 3)];
      break;
    }
  }
  require(range.contains(value), "generator: a number in its range");
  return value;
}

// One parameter of a distribution, as the reader reads it: hours from a
// number divided by 3600, 60 or 1; a count of working days, or of weeks
// times five. Any value in the range is allowed, not only the round ones
// a person writes.
inline Duration parameter(ByteReader& in, double hours_per_day, bool may_be_zero) {
  const double shortest_days = min_duration_hours / hours_per_day, longest_days = max_duration_hours / hours_per_day;
  Duration d;
  switch (in.in(0, 7)) {
    case 0:
      if (may_be_zero) return d;
      [[fallthrough]];
    case 1:
    case 2: {
      const double per_hour[] = {3600, 60, 1};
      d.hours = static_cast<double>(in.in(1, 240)) / per_hour[in.in(0, 2)];
      break;
    }
    case 3: d.working_days = static_cast<double>(in.in(1, 60)) * (in.flag() ? 5 : 1); break;
    case 4: d.working_days = static_cast<double>(in.in(1, 99)) / 10; break;
    case 5: d.hours = in.log_between(min_duration_hours, max_duration_hours); break;
    case 6: d.working_days = in.log_between(shortest_days, longest_days); break;
    case 7: {
      const Duration ends[] = {{min_duration_hours, 0}, {max_duration_hours, 0}, {0, shortest_days},
                               {0, longest_days}, {std::nextafter(min_duration_hours, 1.0), 0},
                               {0, std::nextafter(longest_days, 0.0)}};
      d = ends[in.in(0, std::size(ends) - 1)];
      break;
    }
  }
  // A count of days at an end of the range can round out of it in hours.
  if (duration_out_of_range(d.in_hours(hours_per_day))) d = Duration{1, 0};
  return d;
}

// A duration of any kind, its parameters in order in hours on the calendar.
inline Distribution distribution(ByteReader& in, double hours_per_day) {
  using Kind = Distribution::Kind;
  const auto kind = static_cast<Kind>(in.in(0, 4));
  std::array<Duration, 3> p{};
  auto hours = [&](const Duration& d) { return d.in_hours(hours_per_day); };
  auto by_hours = [&](const Duration& x, const Duration& y) { return hours(x) < hours(y); };
  switch (kind) {
    case Kind::fixed:
    case Kind::exponential: p[0] = parameter(in, hours_per_day, false); break;
    case Kind::triangular:
      for (Duration& d : p) d = parameter(in, hours_per_day, true);
      std::sort(p.begin(), p.end(), by_hours);
      break;
    case Kind::uniform:
      p[0] = parameter(in, hours_per_day, true);
      p[2] = parameter(in, hours_per_day, false);
      if (hours(p[2]) < hours(p[0])) std::swap(p[0], p[2]);
      if (!(hours(p[0]) < hours(p[2]))) p[0] = Duration{};
      break;
    case Kind::lognormal:
      p[0] = parameter(in, hours_per_day, false);
      p[1] = parameter(in, hours_per_day, true);
      break;
  }
  Distribution d = Distribution::written(kind, p, hours_per_day);
  require(d.well_formed() && !d.out_of_range(), "generator: a duration in order and in range");
  return d;
}

// Builds the steps and their routing from the bytes: a sequence of tasks,
// exclusive choices (branches that meet again, a branch to an end step, a
// move back to an earlier step) and parallel blocks with their join, nested
// in each other. The routing passes the graph rules by construction: every
// move but a move back goes to a step made later, and a step with a move
// back has one forward too, so the last step made of a loop leaves it; a
// move back stays in its parallel branch (or outside every block) and
// never reaches a join; an end step is reached only outside every block.
class Builder {
 public:
  Builder(ByteReader& in, GeneratedProcess& out, std::size_t steps) : in_(in), out_(out), left_(steps) {}

  void build() {
    reserved_ = 1;  // the last end step
    Scope top{true, {}};
    const std::vector<Hole> open = sequence({}, top, 0);
    --reserved_;
    fill(open, add_step(true));
  }

 private:
  // A reference still to be pointed at the step made next on its way: the
  // `slot`th of the step's routing (next, a choice's `to`, a branch).
  struct Hole {
    std::size_t step;
    std::size_t slot;
  };
  // The steps a move back may reach: made earlier in the same parallel
  // branch (or outside every block), never inside a block nested in it.
  struct Scope {
    bool may_end;
    std::vector<std::size_t> targets;
  };

  Process& p() { return out_.process; }
  // Steps that may still be made beyond those promised to close what is open.
  std::size_t spare() const { return left_ - reserved_; }

  static std::string step_id(std::size_t i) {
    return i < 26 ? std::string(1, static_cast<char>('a' + i)) : "s" + std::to_string(i);
  }

  std::size_t add_step(bool end) {
    require(left_ > 0, "generator: a step within the count");
    --left_;
    Step step;
    step.id = step_id(p().steps.size());
    step.name = name(in_);
    const std::size_t units = p().units.size();
    if (end) {
      step.end = true;
      if (in_.flag()) step.end_unit = std::make_shared<const Reference>(Reference{p().units[in_.in(0, units - 1)].id, {}});
      if (const std::size_t c = in_.in(0, 2 * channel_names().size()); c < channel_names().size())
        step.channel = static_cast<Channel>(c);
      step.signature = static_cast<Signature>(in_.in(0, signature_names().size() - 1));
    } else {
      step.activity = static_cast<Activity>(in_.in(0, activity_names().size() - 1));
      step.medium = static_cast<Medium>(in_.in(0, 1));
      if (const std::size_t c = in_.in(0, channel_names().size()); c > 0) step.channel = static_cast<Channel>(c - 1);
      step.signature = static_cast<Signature>(in_.in(0, signature_names().size() - 1));
      const char* const systems[] = {"", "OK.VERKEHR", "SAP, Modul \"FI\"", "ä"};
      step.it_system = systems[in_.in(0, 3)];
      if (const std::size_t u = in_.in(0, units); u < units) step.unit = Reference{p().units[u].id, {}};
      const double hours_per_day = p().calendar.hours_per_day;
      if (in_.in(0, 3) > 0) step.work = distribution(in_, hours_per_day);
      if (in_.in(0, 2) == 2) step.delay = distribution(in_, hours_per_day);
      if (!step.work.is_zero() && !step.unit) step.unit = Reference{p().units[0].id, {}};
      for (std::size_t d = 0; d < p().documents.size(); ++d) {
        const std::size_t use = in_.in(0, 3);
        if (use & 1) step.uses.push_back(Reference{p().documents[d].id, {}});
        if (use & 2) step.produces.push_back(Reference{p().documents[d].id, {}});
      }
    }
    p().steps.push_back(std::move(step));
    return p().steps.size() - 1;
  }

  Reference& hole_reference(const Hole& hole) {
    Routing& r = p().steps[hole.step].routing;
    switch (r.kind) {
      case Routing::Kind::choice: return r.choices[hole.slot].to;
      case Routing::Kind::parallel: return r.parallel[hole.slot];
      default: return r.next;
    }
  }

  void fill(const std::vector<Hole>& holes, std::size_t step) {
    for (const Hole& hole : holes) hole_reference(hole).id = p().steps[step].id;
  }

  // A run of elements after `open`; its first `mandatory` elements are
  // made whatever the bytes say, from steps reserved for them. Returns the
  // references that lead on from its end.
  std::vector<Hole> sequence(std::vector<Hole> open, Scope& scope, std::size_t mandatory) {
    for (std::size_t made = 0;; ++made) {
      if (made < mandatory) --reserved_;
      else if (spare() == 0 || in_.in(0, 7) == 0) break;
      open = element(std::move(open), scope);
    }
    return open;
  }

  std::vector<Hole> element(std::vector<Hole> open, Scope& scope) {
    const std::size_t kind = in_.in(0, 3);
    if (kind == 2) return choice(std::move(open), scope);
    if (kind == 3 && spare() >= 3) return parallel(std::move(open), scope);
    const std::size_t task = add_step(false);
    fill(open, task);
    scope.targets.push_back(task);
    p().steps[task].routing.kind = Routing::Kind::next;
    return {Hole{task, 0}};
  }

  // A probability of moving back, within what the visits bound leaves.
  std::optional<double> back_probability() {
    const double most = std::min(1 - 1e-6, 1 - out_.visits_bound / max_generated_visits);
    if (most <= 0) return std::nullopt;
    const double typical[] = {0.1, 0.2, 0.3, 0.05, 0.5, 0.9};
    double back = 0;
    switch (in_.in(0, 3)) {
      case 0:
      case 1: back = typical[in_.in(0, 5)]; break;
      case 2: back = in_.between(0, most); break;
      case 3: back = in_.flag() ? most : std::numeric_limits<double>::denorm_min(); break;
    }
    back = std::min(back, most);
    if (back <= 0) back = std::numeric_limits<double>::denorm_min();
    out_.visits_bound /= 1 - back;
    return back;
  }

  std::vector<Hole> choice(std::vector<Hole> open, Scope& scope) {
    const std::size_t c = add_step(false);
    fill(open, c);
    scope.targets.push_back(c);
    std::vector<Choice> choices;
    double rest = 1;
    if (in_.flag()) {
      if (const std::optional<double> back = back_probability()) {
        const std::size_t to = scope.targets[in_.in(0, scope.targets.size() - 1)];
        choices.push_back(Choice{Reference{p().steps[to].id, {}}, *back, in_.in(0, 7) > 0, {}});
        rest -= *back;
      }
    }
    if (scope.may_end && spare() >= 1 && in_.flag()) {
      const double share = in_.flag() ? 0.5 : in_.between(0, 1);
      const double p_end = std::max(rest * share * 0.5, std::numeric_limits<double>::denorm_min());
      const std::size_t end = add_step(true);
      choices.push_back(Choice{Reference{p().steps[end].id, {}}, p_end, false, {}});
      rest -= p_end;
    }
    // The branches that meet again: the first may lead straight on, the
    // others have a step each, so that no two choices name the same step.
    const std::size_t forward = in_.in(1, std::min<std::size_t>(4, 1 + spare()));
    std::vector<double> weights(forward);
    double total = 0;
    for (double& w : weights) total += w = in_.in(0, 7) == 0 ? 1e-300 : 1 + in_.byte();
    for (std::size_t b = 0; b < forward; ++b)
      choices.push_back(Choice{Reference{}, b + 1 == forward && forward > 1 ? 0 : rest * weights[b] / total, false, {}});
    // The last takes what is left, so that they sum to 1 within rounding.
    if (forward > 1) {
      double sum = 0;
      for (const Choice& made : choices) sum += made.p;
      choices.back().p = std::max(1 - sum, std::numeric_limits<double>::denorm_min());
    }
    // The choices in any order: the writer and the reader keep it.
    for (std::size_t i = choices.size(); i > 1; --i) std::swap(choices[i - 1], choices[in_.in(0, i - 1)]);
    Step& step = p().steps[c];
    step.routing.kind = Routing::Kind::choice;
    step.routing.choices = std::move(choices);
    std::vector<std::size_t> slots;
    for (std::size_t i = 0; i < p().steps[c].routing.choices.size(); ++i)
      if (p().steps[c].routing.choices[i].to.id.empty()) slots.push_back(i);
    require(slots.size() == forward, "generator: the branches that meet again");
    reserved_ += forward - 1;
    std::vector<Hole> out;
    for (std::size_t b = 0; b < forward; ++b) {
      std::vector<Hole> branch = sequence({Hole{c, slots[b]}}, scope, b == 0 ? 0 : 1);
      out.insert(out.end(), branch.begin(), branch.end());
    }
    return out;
  }

  std::vector<Hole> parallel(std::vector<Hole> open, Scope& scope) {
    const std::size_t split = add_step(false);
    fill(open, split);
    scope.targets.push_back(split);
    // The join, and a step in every branch but the first, which may lead
    // straight to the join; one branch alone has a step. At least two
    // steps are spare: the element asked for three.
    const std::size_t branches = in_.in(1, std::min<std::size_t>(4, spare()));
    const std::size_t mandatory = branches == 1 ? 1 : branches - 1;
    reserved_ += 1 + mandatory;
    Step& step = p().steps[split];
    step.routing.kind = Routing::Kind::parallel;
    step.routing.parallel.resize(branches);
    std::vector<Hole> ends;
    for (std::size_t b = 0; b < branches; ++b) {
      Scope inner{false, {}};
      std::vector<Hole> branch = sequence({Hole{split, b}}, inner, b == 0 && branches > 1 ? 0 : 1);
      ends.insert(ends.end(), branch.begin(), branch.end());
    }
    --reserved_;
    const std::size_t join = add_step(false);
    fill(ends, join);
    p().steps[split].routing.join = Reference{p().steps[join].id, {}};
    p().steps[join].routing.kind = Routing::Kind::next;
    // After the join, a move back may reach it no more than a step inside.
    return {Hole{join, 0}};
  }

  ByteReader& in_;
  GeneratedProcess& out_;
  std::size_t left_;
  std::size_t reserved_ = 0;
};

}  // namespace generator

/// A valid process with demand from `in`: 1 to 6 units (some external), 1
/// to 40 steps, any calendar, every number in its range.
inline GeneratedProcess generate_process(ByteReader& in) {
  using namespace generator;
  GeneratedProcess out;
  Process& p = out.process;
  p.info.id = in.flag() ? "prozess_ä" : "f";
  p.info.name = name(in);
  if (in.flag()) p.info.owner = name(in), p.info.description = name(in), p.info.legal_basis = {name(in), name(in)};
  p.calendar.hours_per_day = number(in, number_range::hours_per_day, {8, 7.8, 7.7, 24, 1, 4, 8.4});
  p.calendar.days_per_year = number(in, number_range::days_per_year, {250, 220, 366, 1, 251.5});
  const double cases = number(in, number_range::cases_per_year, {1000, 3200, 50'000, 1e9, 1, 0.5});
  if (in.flag()) {
    double range[] = {cases, number(in, number_range::cases_per_year, {2000, 100}),
                      number(in, number_range::cases_per_year, {5000, 1e9})};
    std::sort(std::begin(range), std::end(range));
    p.cases_per_year_range = ThreePoint{range[0], range[1], range[2]};
    p.cases_per_year = p.cases_per_year_range->mean();
  } else {
    p.cases_per_year = cases;
  }
  const char* const unit_ids[] = {"amt", "bürger", "post", "u3", "u4", "u5"};
  const std::size_t units = in.in(1, 6);
  for (std::size_t u = 0; u < units; ++u) {
    Unit unit;
    unit.id = unit_ids[u];
    unit.name = name(in);
    unit.external = in.in(0, 3) == 3;
    // Staff on an external unit is accepted and ignored.
    if (!unit.external || in.flag()) unit.staff = number(in, number_range::staff, {1, 2, 5.5, 0.5, 100'000, 0.001});
    unit.availability = number(in, number_range::availability, {1, 0.8, 0.5, 0.001});
    unit.cost_per_hour = number(in, number_range::cost_per_hour, {0, 60, 45.5, 10'000});
    p.units.push_back(std::move(unit));
  }
  const char* const document_ids[] = {"antrag", "nachweis", "bescheid"};
  for (std::size_t d = in.in(0, 3); d-- > 0;)
    p.documents.push_back(Document{document_ids[d], name(in), static_cast<Medium>(in.in(0, 1)), {}});
  Builder(in, out, in.in(1, 40)).build();
  // The steps in any order in the file, the first made named as `start`.
  if (in.flag()) {
    p.start = Reference{p.steps.front().id, {}};
    for (std::size_t i = p.steps.size(); i > 1; --i) std::swap(p.steps[i - 1], p.steps[in.in(0, i - 1)]);
  }
  p.rebuild_indexes();
  return out;
}

}  // namespace paperflow::fuzz
