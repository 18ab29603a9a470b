#include "paperflow/simulation.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>

#include <fmt/format.h>

#include "paperflow/visits.h"
#include "event_queue.h"
#include "ordered_parallel.h"
#include "random.h"
#include "sampler.h"
#include "simulation_engine.h"

namespace paperflow {
namespace {

// The random numbers, the samplers and the event list live in their own
// headers (random.h, sampler.h, event_queue.h); this file is the model and
// the replication.
using sim::EventQueue;
using sim::Random;
using sim::Sampler;

// ---- the compiled model ---------------------------------------------------

constexpr std::uint32_t none = 0xFFFFFFFFu;

struct SimStep {
  std::uint32_t unit = none;  // resource that queues, or none
  std::uint32_t process = 0;  // the process the step is of
  bool has_work = false;
  bool end = false;
  bool is_join = false;
  Sampler work, delay;  // no delay is a fixed zero, and adding +0.0 to a time changes no bit
  Routing::Kind routing = Routing::Kind::none;
  std::vector<std::uint32_t> targets;  // next, choices or branches
  // targets[0] for `next`, kept in the step itself: the step a token goes
  // to is on the chain of loads from the event to the next draw, and the
  // vector's would be one more link.
  std::uint32_t next = none;
  std::vector<double> cumulative;      // choices: cumulative probabilities
  std::uint32_t join = none;
};

// One process of the model. Its steps are model.steps[first_step,
// first_step + step_count), and every step index of the model is global.
struct ModelProcess {
  std::uint32_t first_step = 0, step_count = 0;
  std::uint32_t start = 0;
  double lambda = 0;           // cases per working hour
  double free_lead_hours = 0;  // Σ v_i (E[W_i] + E[D_i]): a case's time without any queue
  double steps_per_case = 0;   // Σ v_i over the steps that are not ends: a case's steps on average
  std::size_t busiest_step = 0;  // in the process: the step of most visits, which a bound's message names...
  double busiest_visits = 0;     // ...and its visits
};

struct Model {
  std::vector<SimStep> steps;
  std::vector<ModelProcess> processes;
  // Per resource: its people's hours present a working day (empty for an
  // external unit), and whether they are all present all day (availability 1
  // and whole staff), which lets the resource keep only their free times.
  std::vector<std::vector<double>> presence;
  std::vector<bool> always_present;
  std::vector<std::size_t> servers;  // per resource, its people; 0 for external units
  std::vector<double> utilisation;   // ρ = Σ_p λ_p·L_p / (staff × availability), as in the analysis
  std::vector<std::vector<bool>> used_by;  // used_by[r][p]: a step of process p queues at resource r
  double hours_per_day = 8;
  double events_per_hour = 0;  // expected pending-event rate: Σ_p λ_p (1 + Σ v_i over steps that are not ends)
  std::optional<Diagnostic> problem;  // the visits could not be solved (not for a valid process)
};

Model compile(const sim::Input& input) {
  Model model;
  const std::size_t resources = input.resources.size();
  model.hours_per_day = input.processes.front()->calendar.hours_per_day;
  for (const Unit& unit : input.resources) {
    model.presence.push_back(presence_hours_per_day(unit, model.hours_per_day));
    model.servers.push_back(model.presence.back().size());
    model.always_present.push_back(unit.availability == 1 && unit.staff == std::floor(unit.staff));
  }
  model.used_by.assign(resources, std::vector<bool>(input.processes.size(), false));
  std::vector<double> load_per_hour(resources, 0.0);  // Σ_p λ_p·L_p
  for (std::size_t p = 0; p < input.processes.size(); ++p) {
    const Process& process = *input.processes[p];
    const std::vector<std::size_t>& resource_of = input.resource_of_unit[p];
    const std::size_t n = process.steps.size();
    const auto first = static_cast<std::uint32_t>(model.steps.size());
    ModelProcess m;
    m.first_step = first;
    m.step_count = static_cast<std::uint32_t>(n);
    m.lambda = process.cases_per_year.value_or(0) / (process.calendar.days_per_year * model.hours_per_day);
    m.start = first + static_cast<std::uint32_t>(process.start_step());
    model.steps.resize(first + n);
    auto index = [&](const Reference& ref) { return first + static_cast<std::uint32_t>(process.step_index.at(ref.id)); };
    const RoutingGraph graph(process);
    for (std::size_t i = 0; i < n; ++i) {
      const Step& step = process.steps[i];
      SimStep& s = model.steps[first + i];
      s.process = static_cast<std::uint32_t>(p);
      s.end = step.end;
      s.is_join = graph.is_join[i];
      s.work = Sampler(step.work);
      s.delay = Sampler(step.delay);
      s.has_work = !step.work.is_zero();
      if (const Unit* unit = process.unit_of(step); unit && !unit->external && s.has_work) {
        s.unit = static_cast<std::uint32_t>(resource_of[process.unit_index.at(unit->id)]);
        model.used_by[s.unit][p] = true;
      }
      s.routing = step.routing.kind;
      switch (step.routing.kind) {
        case Routing::Kind::next:
          s.targets.push_back(index(step.routing.next));
          s.next = s.targets[0];
          break;
        case Routing::Kind::choice: {
          double sum = 0;
          for (const Choice& choice : step.routing.choices) {
            s.targets.push_back(index(choice.to));
            sum += choice.p;
            s.cumulative.push_back(sum);
          }
          for (double& c : s.cumulative) c /= sum;  // within 1e-6 of 1: make it exact
          break;
        }
        case Routing::Kind::parallel:
          for (const Reference& branch : step.routing.parallel) s.targets.push_back(index(branch));
          s.join = index(step.routing.join);
          break;
        case Routing::Kind::none: break;
      }
    }
    Visits solved = solve_visits(process, graph);
    if (solved.problem) {
      model.problem = std::move(solved.problem);
      return model;
    }
    const std::vector<double>& visits = solved.per_step;
    std::vector<double> load(resources, 0.0);
    double step_visits = 0;  // per case, of steps that are not ends: each is one event in the list
    for (std::size_t i = 0; i < n; ++i) {
      const SimStep& s = model.steps[first + i];
      double work = process.steps[i].work.mean();
      if (const std::uint32_t u = s.unit; u != none && !model.always_present[u]) {
        // Work stretches over the absences of a person present a few hours a
        // day, and may wait up to a day for the person's block: for the
        // horizon, a case's time without a queue allows for both.
        const double shortest = *std::min_element(model.presence[u].begin(), model.presence[u].end());
        work = work * model.hours_per_day / shortest + model.hours_per_day;
      }
      m.free_lead_hours += visits[i] * (work + process.steps[i].delay.mean());
      if (!s.end) step_visits += visits[i];
      if (visits[i] > m.busiest_visits) m.busiest_step = i, m.busiest_visits = visits[i];
      if (s.unit != none) load[s.unit] += visits[i] * process.steps[i].work.mean();
    }
    for (std::size_t r = 0; r < resources; ++r) load_per_hour[r] += m.lambda * load[r];
    model.events_per_hour += m.lambda * (1 + step_visits);
    m.steps_per_case = step_visits;
    model.processes.push_back(m);
  }
  for (std::size_t r = 0; r < resources; ++r)
    model.utilisation.push_back(model.servers[r] ? load_per_hour[r] / input.resources[r].servers() : 0);
  return model;
}

// The span of working hours in which a process's recorded cases arrive.
double record_span_hours(const ModelProcess& process, const SimulationOptions& options, double hours_per_day) {
  return options.days ? *options.days * hours_per_day : static_cast<double>(options.cases) / process.lambda;
}

// Why the run is refused before it starts, by the expected steps of
// SimulationBounds: the visit equations say what a case costs on average,
// and the replications, warm-up and recorded cases how many cases there are.
std::optional<Diagnostic> refusal(const sim::Input& input, const Model& model, const SimulationOptions& options) {
  const SimulationBounds& bounds = options.bounds;
  auto refuse = [&](std::size_t p, Phrase message) {
    const Step& busiest = input.processes[p]->steps[model.processes[p].busiest_step];
    return Diagnostic{"simulation-bound", Severity::error, busiest.location, std::move(message)};
  };
  for (std::size_t p = 0; p < model.processes.size(); ++p) {
    const ModelProcess& m = model.processes[p];
    if (m.steps_per_case > bounds.expected_steps_per_case)
      return refuse(p, phrase_of("a case would run {} steps on average, more than the simulation's bound of {}: step '{}' "
                                 "alone would run {} times a case; a loop left that rarely is most likely a wrong "
                                 "probability",
                                 count_argument(m.steps_per_case), count_argument(bounds.expected_steps_per_case),
                                 input.processes[p]->steps[m.busiest_step].id, count_argument(m.busiest_visits)));
  }
  // The cases that arrive in the warm-up and the recorded ones; those that
  // arrive while the last recorded ones finish are left out, which only
  // makes the estimate smaller. With --cases, a replication of several
  // processes runs until the process whose recorded cases take longest to
  // arrive has them, and the others' cases keep arriving meanwhile.
  double longest_span = 0;
  for (const ModelProcess& m : model.processes)
    longest_span = std::max(longest_span, record_span_hours(m, options, model.hours_per_day));
  double steps = 0, most_steps = -1, most_cases = 0;
  std::size_t most = 0;
  for (std::size_t p = 0; p < model.processes.size(); ++p) {
    const ModelProcess& m = model.processes[p];
    const double recorded = options.days ? m.lambda * *options.days * model.hours_per_day
                                         : static_cast<double>(options.cases);
    double cases = m.lambda * options.warmup_days * model.hours_per_day + recorded;
    if (!options.days) cases += m.lambda * (longest_span - record_span_hours(m, options, model.hours_per_day));
    const double process_steps = static_cast<double>(options.replications) * cases * m.steps_per_case;
    steps += process_steps;
    if (process_steps > most_steps) most = p, most_steps = process_steps, most_cases = cases;
  }
  if (steps <= bounds.expected_steps_per_run) return std::nullopt;
  const ModelProcess& m = model.processes[most];
  const std::string& busiest = input.processes[most]->steps[m.busiest_step].id;
  if (model.processes.size() == 1)
    return refuse(most, phrase_of("the run would take about {} steps ({} replications of about {} cases of {} steps "
                                  "each, step '{}' the most often with {} a case), more than the simulation's bound of "
                                  "{}; simulate fewer cases or replications",
                                  count_argument(steps), std::to_string(options.replications), count_argument(most_cases),
                                  count_argument(m.steps_per_case), busiest, count_argument(m.busiest_visits),
                                  count_argument(bounds.expected_steps_per_run)));
  return refuse(most, phrase_of("the run would take about {} steps ({} replications of {} processes; the most of them "
                                "in process '{}', about {} cases of {} steps each, step '{}' the most often with {} a "
                                "case), more than the simulation's bound of {}; simulate fewer cases or replications",
                                count_argument(steps), std::to_string(options.replications),
                                std::to_string(model.processes.size()), input.processes[most]->info.id,
                                count_argument(most_cases), count_argument(m.steps_per_case), busiest,
                                count_argument(m.busiest_visits), count_argument(bounds.expected_steps_per_run)));
}

// ---- one replication --------------------------------------------------------

// What a replication found for one process's cases.
struct ProcessRunResult {
  std::size_t recorded = 0, completed = 0;
  bool done = false;  // its recorded cases all arrived and completed
  double lead_mean = 0, p50 = 0, p90 = 0, p95 = 0, max = 0;
  double wip = 0;
  std::vector<double> lead_times;  // hours, in no order; only for a histogram
};

struct ReplicationResult {
  std::vector<ProcessRunResult> processes;
  bool stopped_at_horizon = false;
  // Per resource.
  std::vector<double> utilisation, queue_wait, queue_length, max_queue;
  std::vector<std::size_t> final_queue;
  std::vector<std::vector<double>> load_share;  // [r][p]: the share of r's busy time on p's cases; empty with one process
  std::vector<double> step_wait;  // per step of the model
  std::uint64_t events = 0;
  std::uint32_t bound_step = 0xFFFFFFFFu;  // where a case ran into SimulationBounds::steps_per_case, if one did
};

// The index of the nearest-rank percentile p in a sorted sample of n > 0.
std::size_t percentile_index(std::size_t n, double p) {
  const std::size_t rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(n)));
  return std::min(n, std::max<std::size_t>(rank, 1)) - 1;
}

// The start times of a unit's waiting tokens, first come first served, in
// a ring that doubles when full. Under first-come first-served the starts
// come in the order the tokens arrived and never decrease, so the tokens
// still waiting at a time are a suffix, and the front is the next to start.
class StartQueue {
 public:
  std::size_t size() const { return size_; }
  void push(double start) {
    if (size_ == ring_.size()) grow();
    ring_[(head_ + size_) & (ring_.size() - 1)] = start;
    ++size_;
  }
  void pop() {
    head_ = (head_ + 1) & (ring_.size() - 1);
    --size_;
  }
  /// Forgets the tokens that started by `now`.
  void drop_started(double now) {
    while (size_ > 0 && ring_[head_] <= now) pop();
  }
  template <typename F>
  void for_each(F f) const {
    for (std::size_t i = 0; i < size_; ++i) f(ring_[(head_ + i) & (ring_.size() - 1)]);
  }

 private:
  void grow() {
    std::vector<double> bigger(std::max<std::size_t>(16, 2 * ring_.size()));
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = ring_[(head_ + i) & (ring_.size() - 1)];
    ring_ = std::move(bigger);
    head_ = 0;
  }
  std::vector<double> ring_;  // its size is 0 or a power of two
  std::size_t head_ = 0, size_ = 0;
};

// Replaces the smallest value of a binary min-heap by `value` and restores
// the heap. The heap is complete: `levels` levels below the root, its
// places beyond the unit's people filled with +inf, which never move up.
// So every node above the bottom has two children and the sift-down runs
// a fixed number of rounds without a branch on the data: the child is
// chosen and the hole moved by conditional moves. The branches of the
// usual loop (which child, stop here?) depend on random times and were
// mispredicted about once per visit of a unit.
void replace_smallest(double* heap, std::size_t levels, double value) {
  std::size_t i = 0;
  for (std::size_t level = 0; level < levels; ++level) {
    std::size_t child = 2 * i + 1;
    child += heap[child + 1] < heap[child];
    const double smaller = heap[child];
    // Where the sift stops, i stays and later rounds compare the same
    // children again, with the same outcome.
    heap[i] = std::min(smaller, value);
    i = smaller < value ? child : i;
  }
  heap[i] = value;
}

// A unit of fewer people keeps their free times sorted in a row of
// sorted_places, padded with +inf, and replaces the smallest by `value` in
// one pass without a branch. `value` is no smaller than the smallest (an
// end is a start, no earlier than the first free time, plus work, which
// has no sign), so with a = the row before and b after,
// b[j] = min(a[j + 1], max(a[j], value)) takes a[j + 1] left of where
// `value` goes, `value` there, and a[j] right of it. Each place is computed
// independently of the others, where the heap's sift is a chain of
// dependent loads, compares and moves, one round per level: the longest
// chain of a visit to a unit (measured: 6 % more events per second).
constexpr std::size_t sorted_places = 16;

void replace_smallest_sorted(double* times, double value) {
  for (std::size_t j = 0; j + 1 < sorted_places; ++j) times[j] = std::min(times[j + 1], std::max(times[j], value));
}

// ---- people present part of the day ----------------------------------------
// A person whose block of presence is shorter than the working day
// (docs/format.md#capacity): present in [offset, offset + length)
// hours after the start of every working day, away otherwise. Where a unit
// keeps such people, a token goes to the person who can start it first;
// each person's block is known, so when the person can start and when the
// work ends (stopped at the end of a block, resumed at the start of the
// next) are computed in closed form, and no block start or end needs an
// event of its own.
struct Person {
  double key = 0;  // the first time from which the person is free and present
  double offset = 0, length = 0;
};

// The length of the working day, and its inverse: days are counted by a
// multiplication rather than a division, which costs several times as much
// on every visit.
struct WorkingDay {
  double hours = 8, per_hour = 1.0 / 8;
};

// The working day that `time` falls in, counted from 0. The product may
// round up to the next whole day, which the comparison takes back.
double day_of(double time, const WorkingDay& working_day) {
  const double day = std::floor(time * working_day.per_hour);
  return time < day * working_day.hours ? day - 1 : day;
}

// The first time at or after `time` at which the person is present.
double present_from(const Person& person, double time, const WorkingDay& working_day) {
  const double begin = day_of(time, working_day) * working_day.hours + person.offset;
  if (time < begin) return begin;
  if (time < begin + person.length) return time;
  return begin + working_day.hours;
}

// When the person, present at `start`, has worked `work` hours, resuming
// the work at the start of each later block (preemptive resume).
double work_end(const Person& person, double start, double work, const WorkingDay& working_day) {
  const double day = day_of(start, working_day);
  const double rest_of_block = day * working_day.hours + person.offset + person.length - start;
  if (work <= rest_of_block) return start + work;
  const double beyond = work - rest_of_block;
  const double blocks = std::ceil(beyond / person.length);  // later blocks the work reaches into, at least 1
  return (day + blocks) * working_day.hours + person.offset + (beyond - (blocks - 1) * person.length);
}

// The hours the person is present in [0, time].
double presence_until(const Person& person, double time, const WorkingDay& working_day) {
  const double day = day_of(time, working_day);
  return day * person.length + std::clamp(time - day * working_day.hours - person.offset, 0.0, person.length);
}

// One replication. A unit is served first come, first served, so a token
// that reaches it at time t starts when the first of its people can take
// it: max(t, the earliest free time) where all are present all day, else
// the earliest time at or after t at which one of them is both free and
// present (see Person). It holds that person for its work: the start and
// the end are known when the token arrives, and neither needs an event of
// its own (the recursion of Kiefer and Wolfowitz for the G/G/c queue). Each
// step a case visits is thus one event in the list, at its end. The unit's
// statistics are integrals over intervals that are known in advance; the
// parts that lie beyond the end of the run are taken off in finish().
class Replication {
 public:
  Replication(const Model& model, const SimulationOptions& options, std::size_t number)
      : model_(model),
        options_(options),
        random_(options.seed, number),
        events_(slots_per_hour(model)),
        working_day_{model.hours_per_day, 1 / model.hours_per_day},
        steps_per_case_(options.bounds.steps_per_case),
        log_(number == 0 ? options.event_log : nullptr) {
    const std::size_t units = model.servers.size();
    first_server_.assign(units + 1, 0);
    first_person_.assign(units + 1, 0);
    heap_levels_.assign(units, 0);
    for (std::size_t u = 0; u < units; ++u) {
      first_person_[u + 1] = first_person_[u];
      if (!model.always_present[u]) {
        // Each person's block, at an offset drawn once per replication so
        // that it fits in the day. The draws come before the first arrival's.
        heap_levels_[u] = in_blocks;
        first_server_[u + 1] = first_server_[u];
        for (double length : model.presence[u]) {
          const double offset = length < model.hours_per_day ? random_.uniform() * (model.hours_per_day - length) : 0;
          persons_.push_back(Person{present_from(Person{0, offset, length}, 0, working_day_), offset, length});
        }
        first_person_[u + 1] = persons_.size();
        continue;
      }
      const std::size_t servers = std::max<std::size_t>(model.servers[u], 1);
      if (servers < sorted_places) {
        heap_levels_[u] = sorted_row;
        first_server_[u + 1] = first_server_[u] + sorted_places;
        continue;
      }
      // A complete heap of 2^(levels + 1) − 1 places for the unit's people.
      heap_levels_[u] = static_cast<std::size_t>(std::bit_width(servers)) - 1;
      first_server_[u + 1] = first_server_[u] + (std::size_t{2} << heap_levels_[u]) - 1;
    }
    free_at_.assign(first_server_[units], HUGE_VAL);
    for (std::size_t u = 0; u < units; ++u)
      if (model.always_present[u])
        std::fill_n(free_at_.begin() + static_cast<std::ptrdiff_t>(first_server_[u]), model.servers[u], 0.0);
    waiting_.resize(units);
    area_busy_.assign(units, 0);
    if (model.processes.size() > 1) busy_by_process_.assign(units * model.processes.size(), 0);
    area_queue_.assign(units, 0);
    max_queue_.assign(units, 0);
    wait_sum_.assign(units, 0);
    wait_count_.assign(units, 0);
    step_wait_sum_.assign(model.steps.size(), 0);
    step_wait_count_.assign(model.steps.size(), 0);
    const std::array<Enter, shape_count> shaped = enter_table(std::make_index_sequence<shape_count>{});
    for (const SimStep& step : model.steps)
      enter_.push_back(step.end ? &enter_end : shaped[shape(step, step.unit != none && !model.always_present[step.unit])]);
    warmup_end_ = options.warmup_days * model.hours_per_day;
    // Of several processes, the longest span of recorded arrivals and the
    // longest time of a case without queues.
    double span = 0, free_lead_hours = 0;
    for (const ModelProcess& process : model.processes) {
      span = std::max(span, record_span_hours(process, options, model.hours_per_day));
      free_lead_hours = std::max(free_lead_hours, process.free_lead_hours);
    }
    record_until_ = options.days ? warmup_end_ + span : HUGE_VAL;
    // Long enough for a stable process to finish its recorded cases with
    // room to spare; a process whose queue grows stops here.
    horizon_ = warmup_end_ + 1.5 * span + 50 * free_lead_hours + 5 * model.hours_per_day;
    processes_.resize(model.processes.size());
    if (!options.days)
      for (ProcessRun& process : processes_) process.lead_times.reserve(options.cases);
  }

  double horizon() const { return horizon_; }

  // About two and a half slots per event expected in an hour: fewer make
  // longer lists to scan, more make the wheel's reach shorter and the bitmap
  // emptier (measured on examples/wohngeld.yaml).
  static double slots_per_hour(const Model& model) {
    const double slots = 2.5 * model.events_per_hour;
    return std::isfinite(slots) && slots > 1 ? slots : 1;
  }

  ReplicationResult run() {
    if (log_) {
      log_->runs.clear();
      log_->warmup_end_hours = warmup_end_;
      log_->hours_per_day = model_.hours_per_day;
    }
    for (std::uint32_t p = 0; p < model_.processes.size(); ++p)
      schedule(random_.exponential(1 / model_.processes[p].lambda), arrival_payload, p);
    double now = 0;
    while (!events_.empty()) {
      const EventQueue::Item item = events_.pop();
      const double time = item.time;
      if (time > horizon_) {
        stopped_ = true;
        break;
      }
      now = time;
      if (item.payload == arrival_payload) arrive(item.tag, now);
      else finish_step(item.payload, item.tag, now);
      if (finished_) break;  // all recorded cases done, or a case ran into the bound
    }
    if (stopped_) now = horizon_;
    return finish(now);
  }

 private:
  // An event's payload: the token whose step ends, or arrival_payload; its
  // tag: the step, or the process of an arrival. The step travels with the event rather than in the
  // token, which saves a dependent load on every visit.
  static constexpr std::uint32_t arrival_payload = none;
  // A case's token at a step, or one of its parallel branches. `recorded`
  // is the case's, copied here to spare a load through the case. `steps`
  // counts the steps run since the arrival, a branch's from its split on.
  struct Token {
    std::uint32_t case_slot, frame;
    bool recorded;
    std::uint32_t steps;
  };
  struct Frame {
    std::uint32_t remaining, parent;
  };
  struct Case {
    double arrived;
    bool recorded;
    std::uint32_t process;
  };
  // One process's cases in the replication.
  struct ProcessRun {
    std::vector<double> lead_times;  // the only memory that grows with the cases recorded
    double area_wip = 0, last_wip_change = 0;
    std::size_t in_system = 0, recorded = 0, completed = 0;
    bool arrivals_closed = false, done = false;
  };

  template <typename T>
  static std::uint32_t allocate(std::vector<T>& pool, std::vector<std::uint32_t>& free, const T& value) {
    if (!free.empty()) {
      std::uint32_t slot = free.back();
      free.pop_back();
      pool[slot] = value;
      return slot;
    }
    pool.push_back(value);
    return static_cast<std::uint32_t>(pool.size() - 1);
  }

  void schedule(double time, std::uint32_t payload, std::uint32_t step) { events_.push(time, payload, step); }

  bool all_recorded_done(const ProcessRun& process) const {
    const bool all_arrived = options_.days ? process.arrivals_closed : process.recorded >= options_.cases;
    return all_arrived && process.completed == process.recorded;
  }

  // The replication is finished when every process's recorded cases are;
  // a process once done stays done, as it records no more cases.
  void note_if_done(ProcessRun& process) {
    if (process.done || !all_recorded_done(process)) return;
    process.done = true;
    if (++processes_done_ == processes_.size()) finished_ = true;
  }

  // The length of [from, to] that lies in the observed window, which starts
  // after the warm-up.
  double observed(double from, double to) const { return std::max(0.0, to - std::max(from, warmup_end_)); }
  // The hours a person is present in [from, to] within the observed window.
  double observed_presence(const Person& person, double from, double to) const {
    from = std::max(from, warmup_end_);
    if (to <= from) return 0;
    return presence_until(person, to, working_day_) - presence_until(person, from, working_day_);
  }

  void account_wip(ProcessRun& process, double now) {
    const double from = std::max(process.last_wip_change, warmup_end_);
    if (now > from) process.area_wip += static_cast<double>(process.in_system) * (now - from);
    process.last_wip_change = now;
  }

  void arrive(std::uint32_t p, double now) {
    ++events_count_;
    ProcessRun& process = processes_[p];
    bool record = now >= warmup_end_;
    if (record) {
      if (options_.days) {
        if (now >= record_until_) {
          record = false;
          if (!process.arrivals_closed) {
            process.arrivals_closed = true;
            note_if_done(process);
          }
        }
      } else if (process.recorded >= options_.cases) {
        record = false;
      }
    }
    if (record) ++process.recorded;
    account_wip(process, now);
    ++process.in_system;
    const std::uint32_t slot = allocate(cases_, free_cases_, Case{now, record, p});
    if (log_ && record) [[unlikely]] {
      if (slot >= case_number_.size()) case_number_.resize(cases_.size());
      case_number_[slot] = static_cast<std::uint32_t>(process.recorded);
    }
    const std::uint32_t token = allocate(tokens_, free_tokens_, Token{slot, none, record, 0});
    schedule(now + random_.exponential(1 / model_.processes[p].lambda), arrival_payload, p);
    enter_step(token, model_.processes[p].start, now);
  }

  // How a token enters a step: complete() at an end, else one of the
  // instances of enter() for the step's shape. Whether a step ends, queues at
  // a unit, and how its work and delay are drawn all depend on which step a
  // token reaches next, which the branch predictor cannot foresee; a branch
  // for each was mispredicted time and again. One indirect call per step,
  // chosen once in the constructor, replaces them.
  using Enter = void (*)(Replication&, std::uint32_t token, std::uint32_t step_index, double now);
  // How a step queues: not at all, at a unit whose people are all present
  // all day, or at a unit with people present in blocks.
  enum class Queue : std::uint8_t { no_queue, free_times, blocks };
  static constexpr std::size_t known = Sampler::known_count;
  static constexpr std::size_t shape_count = 3 * known * known;
  static std::size_t shape(const SimStep& of, bool people_in_blocks) {
    const Queue queue = of.unit == none ? Queue::no_queue : people_in_blocks ? Queue::blocks : Queue::free_times;
    return static_cast<std::size_t>(queue) * known * known + static_cast<std::size_t>(of.work.known()) * known +
           static_cast<std::size_t>(of.delay.known());
  }
  template <std::size_t Shape>
  static void enter_shaped(Replication& r, std::uint32_t token, std::uint32_t step_index, double now) {
    r.enter<static_cast<Queue>(Shape / (known * known)), static_cast<Sampler::Known>(Shape / known % known),
            static_cast<Sampler::Known>(Shape % known)>(token, step_index, now);
  }
  template <std::size_t... Shapes>
  static constexpr std::array<Enter, sizeof...(Shapes)> enter_table(std::index_sequence<Shapes...>) {
    return {&enter_shaped<Shapes>...};
  }
  static void enter_end(Replication& r, std::uint32_t token, std::uint32_t step_index, double now) {
    if (r.log_) [[unlikely]] r.log_run(token, step_index, now, now);
    r.complete(token, now);
  }

  void enter_step(std::uint32_t token, std::uint32_t step_index, double now) {
    // The backstop of SimulationBounds::steps_per_case: the replication
    // stops here, the token left where it is.
    if (++tokens_[token].steps > steps_per_case_) [[unlikely]] {
      bound_step_ = step_index;
      finished_ = true;
      return;
    }
    enter_[step_index](*this, token, step_index, now);
  }

  template <Queue queue, Sampler::Known work_kind, Sampler::Known delay_kind>
  void enter(std::uint32_t token, std::uint32_t step_index, double now) {
    const SimStep& step = model_.steps[step_index];
    ++events_count_;  // the step starts, now or, behind a queue, later (see finish())
    if constexpr (queue == Queue::no_queue) {
      // Two statements: the operands of + are unsequenced, and the draws must
      // come in the same order with every compiler.
      const double work = step.work.draw_as<work_kind>(random_);
      if (log_) [[unlikely]] log_run(token, step_index, now, now + work);
      schedule(now + work + step.delay.draw_as<delay_kind>(random_), token, step_index);
    } else {
      const std::uint32_t unit = step.unit;
      double start, end, busy;
      if constexpr (queue == Queue::free_times) {
        double* servers = free_at_.data() + first_server_[unit];
        start = std::max(now, servers[0]);
        end = start + step.work.draw_as<work_kind>(random_);
        if (log_) [[unlikely]] log_run(token, step_index, start, end);
        if (heap_levels_[unit] == sorted_row) replace_smallest_sorted(servers, end);
        else replace_smallest(servers, heap_levels_[unit], end);
        busy = observed(start, end);
      } else {
        // The person who can start first; of several free and present now,
        // the first in the unit's order (the part-time person last).
        Person* const people = persons_.data() + first_person_[unit];
        const std::size_t count = first_person_[unit + 1] - first_person_[unit];
        const WorkingDay& working_day = working_day_;
        // The minimum by conditional moves: which person can start first
        // depends on random times, and a branch on it was mispredicted
        // often enough to take a third of a visit's time (measured).
        std::size_t chosen_index = 0;
        start = HUGE_VAL;
        for (std::size_t k = 0; k < count; ++k) {
          double can_start = people[k].key;
          if (can_start < now) can_start = present_from(people[k], now, working_day);  // free since before now
          const bool earlier = can_start < start;
          start = earlier ? can_start : start;
          chosen_index = earlier ? k : chosen_index;
        }
        Person* const chosen = people + chosen_index;
        const double work = step.work.draw_as<work_kind>(random_);
        end = work_end(*chosen, start, work, working_day);
        // The person's absences within the run are waiting, not work: the
        // run is logged as the work alone, before its end.
        if (log_) [[unlikely]] log_run(token, step_index, end - work, end);
        chosen->key = present_from(*chosen, end, working_day);
        // Busy while present between start and end: the work itself, but
        // for the part before the end of the warm-up.
        busy = start >= warmup_end_ ? work : observed_presence(*chosen, start, end);
      }
      area_busy_[unit] += busy;
      if (!busy_by_process_.empty()) busy_by_process_[unit * processes_.size() + step.process] += busy;
      if (start > now) {
        StartQueue& waiting = waiting_[unit];
        waiting.drop_started(now);
        waiting.push(start);
        area_queue_[unit] += observed(now, start);
        if (now >= warmup_end_) max_queue_[unit] = std::max(max_queue_[unit], static_cast<double>(waiting.size()));
      }
      // A wait counts once the token has started, which a recorded case's
      // always has unless the run stops at its horizon first.
      if (tokens_[token].recorded && start <= horizon_) {
        const double waited = start - now;
        wait_sum_[unit] += waited;
        ++wait_count_[unit];
        step_wait_sum_[step_index] += waited;
        ++step_wait_count_[step_index];
      }
      schedule(end + step.delay.draw_as<delay_kind>(random_), token, step_index);
    }
  }

  // Logs a run of a step by the token's case, if the case is recorded.
  // Out of line: the steps' hot code keeps only the branch on log_.
  [[gnu::noinline]] void log_run(std::uint32_t token, std::uint32_t step_index, double start, double end) {
    const Token& t = tokens_[token];
    if (!t.recorded) return;
    const SimStep& step = model_.steps[step_index];
    log_->runs.push_back(SimulatedRun{step.process, case_number_[t.case_slot],
                                      step_index - model_.processes[step.process].first_step, start, end});
  }

  void finish_step(std::uint32_t token, std::uint32_t step_index, double now) {
    ++events_count_;
    const SimStep& step = model_.steps[step_index];
    switch (step.routing) {
      case Routing::Kind::next: move_to(token, step.next, now); break;
      case Routing::Kind::choice: {
        const double u = random_.uniform();
        std::size_t k = 0;
        while (k + 1 < step.cumulative.size() && u >= step.cumulative[k]) ++k;
        move_to(token, step.targets[k], now);
        break;
      }
      case Routing::Kind::parallel: {
        const std::uint32_t frame =
            allocate(frames_, free_frames_, Frame{static_cast<std::uint32_t>(step.targets.size()), tokens_[token].frame});
        const Token parent = tokens_[token];
        free_tokens_.push_back(token);
        for (std::uint32_t target : step.targets) {
          const std::uint32_t branch =
              allocate(tokens_, free_tokens_, Token{parent.case_slot, frame, parent.recorded, parent.steps});
          move_to(branch, target, now);
        }
        break;
      }
      case Routing::Kind::none: complete(token, now); break;
    }
  }

  // Moves a token along an edge; at a join it waits for its siblings.
  void move_to(std::uint32_t token, std::uint32_t target, double now) {
    if (model_.steps[target].is_join) {
      const Token branch = tokens_[token];
      free_tokens_.push_back(token);
      if (--frames_[branch.frame].remaining > 0) return;
      const std::uint32_t parent = frames_[branch.frame].parent;
      free_frames_.push_back(branch.frame);
      const std::uint32_t joined =
          allocate(tokens_, free_tokens_, Token{branch.case_slot, parent, branch.recorded, branch.steps});
      enter_step(joined, target, now);
      return;
    }
    enter_step(token, target, now);
  }

  void complete(std::uint32_t token, double now) {
    const std::uint32_t slot = tokens_[token].case_slot;
    free_tokens_.push_back(token);
    ProcessRun& process = processes_[cases_[slot].process];
    account_wip(process, now);
    --process.in_system;
    if (cases_[slot].recorded) {
      process.lead_times.push_back(now - cases_[slot].arrived);
      ++process.completed;
      if (options_.progress) options_.progress->fetch_add(1, std::memory_order_relaxed);
      note_if_done(process);
    }
    free_cases_.push_back(slot);
  }

  ReplicationResult finish(double now) {
    // Take off what was counted in advance and lies beyond the end: the
    // starts of tokens still waiting, their waiting after now, and the work
    // after now, which runs without a break from now to each person's free
    // time (anyone busy after now took the next token the moment the last
    // one ended, as every token queued by now had arrived).
    for (std::size_t u = 0; u < model_.servers.size(); ++u) {
      StartQueue& waiting = waiting_[u];
      waiting.drop_started(now);
      events_count_ -= waiting.size();
      waiting.for_each([&](double start) { area_queue_[u] -= observed(now, start); });
      if (model_.always_present[u]) {
        for (std::size_t s = first_server_[u]; s < first_server_[u] + model_.servers[u]; ++s)
          area_busy_[u] -= observed(now, free_at_[s]);
      } else {
        // A person's time present between now and key is busy: key is the
        // end of the work taken by now, or the start of the block after it.
        for (std::size_t k = first_person_[u]; k < first_person_[u + 1]; ++k)
          area_busy_[u] -= observed_presence(persons_[k], now, persons_[k].key);
      }
    }
    if (log_) {
      // Runs logged as their step began that would end after the stop
      // never happened.
      if (stopped_) std::erase_if(log_->runs, [now](const SimulatedRun& run) { return run.end_hours > now; });
      log_->cases.clear();
      for (const ProcessRun& process : processes_) log_->cases.push_back(static_cast<std::uint32_t>(process.recorded));
    }
    ReplicationResult r;
    r.stopped_at_horizon = stopped_;
    r.events = events_count_;
    r.bound_step = bound_step_;
    const double window = std::max(now - warmup_end_, 1e-12);
    for (ProcessRun& process : processes_) {
      ProcessRunResult& figures = r.processes.emplace_back();
      figures.recorded = process.recorded;
      figures.completed = process.completed;
      figures.done = process.done;
      std::vector<double>& lead_times = process.lead_times;
      if (!lead_times.empty()) {
        // Percentiles by selection, not a full sort: each nth_element leaves
        // the smaller values before the one it places, so the next, lower
        // percentile is looked for only there. Linear rather than n log n,
        // which mattered: the sort was a twentieth of a replication's time.
        const auto first = lead_times.begin();
        const std::size_t n = lead_times.size();
        figures.lead_mean = std::accumulate(first, lead_times.end(), 0.0) / static_cast<double>(n);
        figures.max = *std::max_element(first, lead_times.end());
        std::size_t bound = n;
        for (auto [p, figure] :
             {std::pair{0.95, &figures.p95}, std::pair{0.90, &figures.p90}, std::pair{0.50, &figures.p50}}) {
          const std::size_t index = percentile_index(n, p);
          std::nth_element(first, first + static_cast<std::ptrdiff_t>(index), first + static_cast<std::ptrdiff_t>(bound));
          *figure = lead_times[index];
          bound = index + 1;
        }
      }
      if (options_.histogram_bins > 0) figures.lead_times = std::move(lead_times);
      account_wip(process, now);
      figures.wip = process.area_wip / window;
    }
    for (std::size_t u = 0; u < model_.servers.size(); ++u) {
      // Busy time over the time the unit's people were present.
      double present = static_cast<double>(model_.servers[u]) * window;
      if (!model_.always_present[u]) {
        present = 0;
        for (std::size_t k = first_person_[u]; k < first_person_[u + 1]; ++k)
          present += observed_presence(persons_[k], warmup_end_, now);
      }
      r.utilisation.push_back(present > 0 ? area_busy_[u] / present : 0);
      r.queue_wait.push_back(wait_count_[u] ? wait_sum_[u] / static_cast<double>(wait_count_[u]) : 0);
      r.queue_length.push_back(area_queue_[u] / window);
      r.max_queue.push_back(max_queue_[u]);
      r.final_queue.push_back(waiting_[u].size());
      if (busy_by_process_.empty()) continue;
      const double* busy = busy_by_process_.data() + u * processes_.size();
      const double total = std::accumulate(busy, busy + processes_.size(), 0.0);
      std::vector<double>& share = r.load_share.emplace_back(processes_.size(), 0.0);
      if (total > 0)
        for (std::size_t p = 0; p < processes_.size(); ++p) share[p] = busy[p] / total;
    }
    for (std::size_t i = 0; i < model_.steps.size(); ++i)
      r.step_wait.push_back(step_wait_count_[i] ? step_wait_sum_[i] / static_cast<double>(step_wait_count_[i]) : 0);
    return r;
  }

  const Model& model_;
  const SimulationOptions& options_;
  Random random_;
  EventQueue events_;
  WorkingDay working_day_;
  std::uint64_t events_count_ = 0;
  std::vector<Enter> enter_;  // per step
  std::vector<Token> tokens_;
  std::vector<Frame> frames_;
  std::vector<Case> cases_;
  std::vector<std::uint32_t> free_tokens_, free_frames_, free_cases_;
  // Where the people of unit u are all present all day, they are
  // free_at_[first_server_[u] ...], the times they are
  // next free, padded with +inf: a complete min-heap of heap_levels_[u]
  // levels below its root (see replace_smallest), or for fewer than
  // sorted_places people a sorted row of that many, marked by heap_levels_[u]
  // = sorted_row (see replace_smallest_sorted). Either way the first
  // model.servers[u] places are the people's, and the first is the earliest.
  // Otherwise they are persons_[first_person_[u] ... first_person_[u + 1]),
  // in the unit's order, and heap_levels_[u] = in_blocks.
  static constexpr std::size_t sorted_row = ~std::size_t{0}, in_blocks = sorted_row - 1;
  std::vector<std::size_t> first_server_, heap_levels_, first_person_;
  std::vector<double> free_at_;
  std::vector<Person> persons_;
  std::vector<StartQueue> waiting_;
  std::vector<double> area_busy_, area_queue_, max_queue_, wait_sum_, step_wait_sum_;
  std::vector<std::size_t> wait_count_, step_wait_count_;
  // [u × processes + p]: unit u's busy time on process p's cases; empty
  // with one process, which spares the one-process run the work.
  std::vector<double> busy_by_process_;
  std::vector<ProcessRun> processes_;
  std::size_t processes_done_ = 0;
  double warmup_end_ = 0, record_until_ = 0, horizon_ = 0;
  bool stopped_ = false, finished_ = false;
  std::uint32_t steps_per_case_ = 0;  // options.bounds.steps_per_case, beside what each step reads
  std::uint32_t bound_step_ = none;
  // The first replication's log, else null; and per case slot, a recorded
  // case's number among its process's, kept only for the log.
  SimulatedEventLog* log_ = nullptr;
  std::vector<std::uint32_t> case_number_;
};

// Student's t quantile for a two-sided 95 % interval.
double t_quantile_975(std::size_t degrees) {
  static const double table[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                 2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                 2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  if (degrees == 0) return 0;
  if (degrees <= 30) return table[degrees - 1];
  return 1.959964 + 2.37 / static_cast<double>(degrees);  // close to the table's tail, and to 1.96 in the limit
}

Estimate estimate(const std::vector<double>& values) {
  Estimate e;
  if (values.empty()) return e;
  const double n = static_cast<double>(values.size());
  e.mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
  if (values.size() > 1) {
    double squares = 0;
    for (double v : values) squares += (v - e.mean) * (v - e.mean);
    e.ci95 = t_quantile_975(values.size() - 1) * std::sqrt(squares / (n - 1)) / std::sqrt(n);
  }
  return e;
}

}  // namespace

std::vector<double> presence_hours_per_day(const Unit& unit, double hours_per_day) {
  std::vector<double> hours;
  if (unit.external) return hours;
  const double whole = std::floor(unit.staff);
  hours.assign(static_cast<std::size_t>(whole), unit.availability * hours_per_day);
  if (unit.staff > whole) hours.push_back((unit.staff - whole) * unit.availability * hours_per_day);
  return hours;
}

LeadTimeHistogram lead_time_histogram(std::vector<double> lead_times_days, std::size_t max_bins) {
  LeadTimeHistogram h;
  if (lead_times_days.empty() || max_bins == 0) return h;  // no bins: nothing to count
  const std::size_t n = lead_times_days.size();
  const auto p99 = lead_times_days.begin() + static_cast<std::ptrdiff_t>(percentile_index(n, 0.99));
  std::nth_element(lead_times_days.begin(), p99, lead_times_days.end());
  // The smallest round width whose bins reach past the 99th percentile.
  const double span = std::max(*p99, 1e-9);
  const double raw = span / static_cast<double>(max_bins);
  double power = std::pow(10.0, std::floor(std::log10(raw)));
  h.bin_days = 10 * power;
  for (double factor : {1.0, 2.0, 5.0, 10.0})
    if (factor * power * static_cast<double>(max_bins) > span) {
      h.bin_days = factor * power;
      break;
    }
  const std::size_t bins = std::min(max_bins, static_cast<std::size_t>(std::floor(span / h.bin_days)) + 1);
  h.counts.assign(bins, 0);
  for (double days : lead_times_days) {
    const double slot = std::floor(days / h.bin_days);
    if (slot < static_cast<double>(bins)) ++h.counts[static_cast<std::size_t>(std::max(slot, 0.0))];
    else ++h.beyond;
  }
  return h;
}

namespace sim {

Output run(const Input& input, const SimulationOptions& options) {
  const Model model = compile(input);
  Output output;
  if (model.problem) output.problem = model.problem;
  else output.problem = refusal(input, model, options);
  if (output.problem) return output;
  const double horizon_days = Replication(model, options, 0).horizon() / model.hours_per_day;

  std::vector<ReplicationResult> runs;
  for_each_ordered(
      options.replications, options.threads,
      [&](std::size_t number) { return Replication(model, options, number).run(); },
      [&](std::size_t, ReplicationResult run) { runs.push_back(std::move(run)); });
  // The first replication, in their order, whose case ran into the bound:
  // the same one for any number of threads.
  for (std::size_t number = 0; number < runs.size(); ++number) {
    const ReplicationResult& run = runs[number];
    if (run.bound_step == 0xFFFFFFFFu) continue;
    const ModelProcess& process = model.processes[model.steps[run.bound_step].process];
    const Step& step = input.processes[model.steps[run.bound_step].process]->steps[run.bound_step - process.first_step];
    output.problem = Diagnostic{
        "simulation-bound", Severity::error, step.location,
        phrase_of("a case of replication {} ran {} steps, the simulation's bound for one case, and had reached "
                  "step '{}': it goes round a loop that it hardly ever leaves; check the probabilities of the loop's "
                  "choices",
                  std::to_string(number + 1), count_argument(static_cast<double>(options.bounds.steps_per_case)),
                  step.id)};
    return output;
  }

  auto collect = [&](auto field) {
    std::vector<double> values;
    for (const ReplicationResult& run : runs) values.push_back(field(run));
    return estimate(values);
  };
  bool stopped = false;
  for (const ReplicationResult& run : runs) {
    output.events += run.events;
    stopped = stopped || run.stopped_at_horizon;
  }
  for (std::size_t r = 0; r < input.resources.size(); ++r) {
    SimulatedUnit& unit = output.resources.emplace_back();
    unit.people = model.servers[r];
    unit.presence_hours_per_day = input.resources[r].external ? 0 : input.resources[r].servers() * model.hours_per_day;
    unit.utilisation = collect([r](const ReplicationResult& run) { return run.utilisation[r]; });
    unit.mean_queue_wait_hours = collect([r](const ReplicationResult& run) { return run.queue_wait[r]; });
    unit.mean_queue_length = collect([r](const ReplicationResult& run) { return run.queue_length[r]; });
    unit.max_queue_length = collect([r](const ReplicationResult& run) { return run.max_queue[r]; });
    if (model.servers[r] > 0) {
      // Over capacity by the model's load, or left with a long queue at the horizon.
      bool long_queue = std::any_of(runs.begin(), runs.end(), [&](const ReplicationResult& run) {
        return run.final_queue[r] > 10 * model.servers[r] + 10;
      });
      unit.queue_grew = model.utilisation[r] >= 1 || (stopped && long_queue);
    }
    std::vector<std::pair<std::size_t, double>>& shares = output.load_share.emplace_back();
    for (std::size_t p = 0; p < model.processes.size(); ++p) {
      if (!model.used_by[r][p]) continue;
      const double share = model.processes.size() == 1
                               ? 1.0
                               : collect([r, p](const ReplicationResult& run) { return run.load_share[r][p]; }).mean;
      shares.emplace_back(p, share);
    }
  }

  for (std::size_t p = 0; p < model.processes.size(); ++p) {
    const ModelProcess& process = model.processes[p];
    SimulationResult& result = output.processes.emplace_back();
    result.seed = options.seed;
    result.replications = options.replications;
    result.horizon_days = horizon_days;
    // A replication that stopped at its horizon before this process's
    // recorded cases were through; another process's may have been.
    bool process_stopped = false;
    for (const ReplicationResult& run : runs) {
      result.cases_completed += run.processes[p].completed;
      result.cases_recorded += run.processes[p].recorded;
      process_stopped = process_stopped || (run.stopped_at_horizon && !run.processes[p].done);
    }
    bool over_capacity = false;
    for (std::size_t r = 0; r < input.resources.size(); ++r)
      over_capacity = over_capacity || (model.used_by[r][p] && model.utilisation[r] >= 1);
    result.stable = !process_stopped && !over_capacity;
    auto collect_process = [&](auto field) {
      return collect([&](const ReplicationResult& run) { return field(run.processes[p]); });
    };
    if (result.stable) {
      result.lead_time_mean = collect_process([](const ProcessRunResult& r) { return r.lead_mean; });
      result.lead_time_p50 = collect_process([](const ProcessRunResult& r) { return r.p50; });
      result.lead_time_p90 = collect_process([](const ProcessRunResult& r) { return r.p90; });
      result.lead_time_p95 = collect_process([](const ProcessRunResult& r) { return r.p95; });
      result.lead_time_max = collect_process([](const ProcessRunResult& r) { return r.max; });
    }
    result.work_in_progress = collect_process([](const ProcessRunResult& r) { return r.wip; });
    for (std::size_t resource : input.resource_of_unit[p]) result.units.push_back(output.resources[resource]);
    for (std::size_t i = process.first_step; i < process.first_step + process.step_count; ++i)
      result.step_queue_wait_hours.push_back(collect([i](const ReplicationResult& r) { return r.step_wait[i]; }));
    if (result.stable && options.histogram_bins > 0) {
      // One vector of every lead time, in days: the first replication's
      // converted in place, the others appended and freed one by one, so
      // that the peak is all lead times once, and one replication's more.
      std::vector<double> days;
      for (ReplicationResult& run : runs) {
        std::vector<double>& lead_times = run.processes[p].lead_times;
        for (double& hours : lead_times) hours /= model.hours_per_day;
        if (days.empty()) days = std::move(lead_times);
        else days.insert(days.end(), lead_times.begin(), lead_times.end());
        std::vector<double>().swap(lead_times);
      }
      if (!days.empty()) result.lead_time_histogram = lead_time_histogram(std::move(days), options.histogram_bins);
    }
  }
  return output;
}

}  // namespace sim

SimulationResult simulate(const Process& process, const SimulationOptions& options) {
  sim::Input input{{&process}, process.units, {std::vector<std::size_t>(process.units.size())}};
  std::iota(input.resource_of_unit[0].begin(), input.resource_of_unit[0].end(), std::size_t{0});
  sim::Output output = sim::run(input, options);
  if (output.problem) {
    SimulationResult refused;
    refused.seed = options.seed;
    refused.replications = options.replications;
    refused.problem = std::move(output.problem);
    return refused;
  }
  SimulationResult result = std::move(output.processes[0]);
  result.events = output.events;
  return result;
}

}  // namespace paperflow
