#include "paperflow/calibration.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <span>

#include "paperflow/conformance.h"
#include "paperflow/uncertainty.h"

namespace paperflow {

namespace {

// The steps a case can move to from `step` along its routing: the next
// step, each choice's target, each parallel branch's first step.
std::vector<std::size_t> successors(const Process& process, const Step& step) {
  std::vector<std::size_t> out;
  const auto add = [&](const Reference& to) {
    const auto found = process.step_index.find(to.id);
    if (found != process.step_index.end()) out.push_back(found->second);
  };
  switch (step.routing.kind) {
    case Routing::Kind::next: add(step.routing.next); break;
    case Routing::Kind::choice:
      for (const Choice& choice : step.routing.choices) add(choice.to);
      break;
    case Routing::Kind::parallel:
      for (const Reference& branch : step.routing.parallel) add(branch);
      break;
    case Routing::Kind::none: break;
  }
  return out;
}

// The steps a case at `from` may show next in a log: `from` itself, and,
// where `from` is silent, whatever its successors may show.
std::vector<bool> observable_from(const Process& process, const Replayer& replayer,
                                  const std::vector<std::vector<std::size_t>>& next,
                                  std::size_t from, bool* reaches_end) {
  std::vector<bool> seen(process.steps.size(), false);
  std::vector<std::size_t> stack{from};
  seen[from] = true;
  while (!stack.empty()) {
    const std::size_t step = stack.back();
    stack.pop_back();
    if (process.steps[step].end && reaches_end) *reaches_end = true;
    if (!replayer.is_silent(step)) continue;
    for (std::size_t to : next[step])
      if (!seen[to]) {
        seen[to] = true;
        stack.push_back(to);
      }
  }
  return seen;
}

// The model's lead time without queues, Σ v_i (E[W_i] + E[D_i]) over all
// steps (parallel branches added, not overlapped): the span within which a
// case near the log's ends may be cut off by it.
double free_lead_time_hours(const Process& process) {
  Process model = process;
  if (!model.cases_per_year) model.cases_per_year = 1;
  const Analysis analysis = analyse_process(model);
  double hours = 0;
  for (std::size_t i = 0; i < process.steps.size(); ++i)
    hours += analysis.steps[i].visits * (analysis.steps[i].work_hours + analysis.steps[i].delay_hours);
  return hours;
}

double mean_of(const std::vector<double>& values) {
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

double triangular_cdf(double x, double a, double b, double c) {
  if (x <= a) return 0;
  if (x >= c) return 1;
  if (x <= b) return (x - a) * (x - a) / ((c - a) * (b - a));
  return 1 - (c - x) * (c - x) / ((c - a) * (c - b));
}

double lognormal_cdf(double x, double mu, double sigma) {
  if (x <= 0) return 0;
  return 0.5 * std::erfc(-(std::log(x) - mu) / (sigma * std::sqrt(2.0)));
}

template <class Cdf>
double ks_distance(const std::vector<double>& sorted, Cdf cdf) {
  const auto n = static_cast<double>(sorted.size());
  double d = 0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    // Ties: the empirical CDF jumps once, at the last of equal values.
    const double f = cdf(sorted[i]);
    const double below = static_cast<double>(i) / n;
    std::size_t last = i;
    while (last + 1 < sorted.size() && sorted[last + 1] == sorted[i]) ++last;
    const double at = static_cast<double>(last + 1) / n;
    d = std::max({d, std::abs(f - below), std::abs(at - f)});
    i = last;
  }
  return d;
}

WorkFit fit_work(const std::vector<double>& sorted, double mean) {
  double variance = 0;
  for (double x : sorted) variance += (x - mean) * (x - mean);
  variance /= static_cast<double>(sorted.size() > 1 ? sorted.size() - 1 : 1);
  // Equal durations on different days differ in their last bits once
  // taken as differences of working hours: within a millisecond they are
  // one fixed value.
  if (sorted.back() - sorted.front() <= 0.001 / 3600) return {Distribution::fixed(mean), 0};
  const double low = sample_quantile(sorted, 0.05), high = sample_quantile(sorted, 0.95);
  std::optional<WorkFit> best;
  if (high > low) {
    const double mode = std::clamp(3 * mean - low - high, low, high);
    const double ks = ks_distance(sorted, [&](double x) { return triangular_cdf(x, low, mode, high); });
    best = WorkFit{Distribution::triangular(low, mode, high), ks};
  }
  if (mean > 0) {
    const double sd = std::sqrt(variance);
    const double sigma2 = std::log1p(variance / (mean * mean));
    const double sigma = std::sqrt(sigma2), mu = std::log(mean) - sigma2 / 2;
    if (sigma > 0) {
      const double ks = ks_distance(sorted, [&](double x) { return lognormal_cdf(x, mu, sigma); });
      if (!best || ks < best->ks) best = WorkFit{Distribution::lognormal(mean, sd), ks};
    }
  }
  return best ? *best : WorkFit{Distribution::fixed(mean), 1};
}

// Per resource, the stretches of working time in which it was busy: a
// person with a run going on, a unit with as many runs going on as it has
// people present on average (staff × availability, rounded up).
class BusyTime {
 public:
  void add(double start, double end) {
    if (end > start) {
      points_.push_back({start, +1});
      points_.push_back({end, -1});
    }
  }
  void finish(int capacity) {
    std::sort(points_.begin(), points_.end());
    int level = 0;
    double since = 0;
    for (const auto& [at, change] : points_) {
      const int before = level;
      level += change;
      if (before < capacity && level >= capacity) since = at;
      if (before >= capacity && level < capacity && at > since) {
        if (!from_.empty() && since <= to_.back()) to_.back() = std::max(to_.back(), at);
        else {
          from_.push_back(since);
          to_.push_back(at);
        }
      }
    }
    points_.clear();
    points_.shrink_to_fit();
  }
  // How long a run that starts at `start`, ready since `ready`, queued:
  // the busy stretch that lasts without a break up to its start, from
  // `ready` on. A case queues only while every server is busy: the unit
  // busy with others earlier in the wait, then free for a while, kept
  // nobody waiting (the wait was the step before's delay). A second of
  // slack joins the stretch to a start the log's rounding put a moment
  // after it.
  double queued(double ready, double start) const {
    constexpr double slack = 1.0 / 3600;
    if (start <= ready) return 0;
    // The last stretch that began before the moment just ahead of the
    // start (this run's own begins at it), if it lasted until then.
    const std::size_t k =
        static_cast<std::size_t>(std::lower_bound(from_.begin(), from_.end(), start - slack) - from_.begin());
    if (k == 0 || to_[k - 1] < start - slack) return 0;
    return std::max(0.0, start - std::max(from_[k - 1], ready));
  }

 private:
  std::vector<std::pair<double, int>> points_;
  std::vector<double> from_, to_;
};

}  // namespace

Calibration calibrate(EventLogCases& log) {
  const Process& process = log.process();
  const std::size_t n = process.steps.size();
  Calibration out;
  out.rows = log.rows();
  out.rows_used = log.rows_used();
  out.runs_outside_working_time = log.runs_outside_working_time();
  out.cases = log.cases().size();
  out.from = log.first();
  out.to = log.last();
  out.has_start = log.has_start();
  out.has_resource = log.has_resource();
  out.unknown_activities = log.unknown_activities();
  out.steps.resize(n);
  const WorkingCalendar& calendar = log.calendar();
  if (out.from && out.to) {
    out.log_working_days = static_cast<double>(calendar.working_days_between(out.from->day, out.to->day + 1));
    const double calendar_days = static_cast<double>(out.to->day + 1 - out.from->day);
    out.log_days_per_year = out.log_working_days / calendar_days * 365.2425;
  }

  std::vector<std::vector<std::size_t>> next(n);
  for (std::size_t i = 0; i < n; ++i) next[i] = successors(process, process.steps[i]);
  const Replayer replayer(process);
  out.silent.resize(n);
  for (std::size_t i = 0; i < n; ++i) out.silent[i] = replayer.is_silent(i);
  const std::vector<bool> can_begin = observable_from(process, replayer, next, process.start_step(), nullptr);

  // Each case in time order, then replayed once per variant.
  struct VariantHash {
    std::size_t operator()(const std::vector<std::size_t>& v) const {
      std::size_t h = v.size();
      for (std::size_t x : v) h = h * 1000003u ^ x;
      return h;
    }
  };
  std::unordered_map<std::vector<std::size_t>, std::size_t, VariantHash> variant_index;
  std::vector<ReplayResult> variant_result;
  std::vector<Deviation> deviations;
  enum class Kind : std::uint8_t { fits, deviates, open, begun_before };
  std::vector<Kind> kinds(log.cases().size());
  std::vector<std::size_t> sequence;
  // A case is cut off by the log's span only near its ends: within twice
  // the model's lead time without queues (at least a working day) of the
  // first or the last timestamp. Further in, a case that begins where no
  // case can, or stops short of an end, deviates: the log shows it whole.
  const double log_first = log.first() ? calendar.working_hours_at(*log.first()) : 0;
  const double log_last = log.last() ? calendar.working_hours_at(*log.last()) : 0;
  const double window = std::max(calendar.hours_per_day(), 2 * free_lead_time_hours(process));
  for (std::size_t c = 0; c < log.cases().size(); ++c) {
    LoggedCase& logged = log.cases()[c];
    std::stable_sort(logged.runs.begin(), logged.runs.end(), [](const LoggedRun& a, const LoggedRun& b) {
      return a.clock_start != b.clock_start ? a.clock_start < b.clock_start : a.clock_end < b.clock_end;
    });
    sequence.clear();
    double last_end = logged.runs.front().end;
    for (const LoggedRun& run : logged.runs) {
      sequence.push_back(run.step);
      last_end = std::max(last_end, run.end);
    }
    const bool begins = can_begin[sequence.front()];
    if (!begins && logged.runs.front().start - log_first <= window) {
      kinds[c] = Kind::begun_before;
      ++out.cases_begun_before;
      if (out.cut_off_examples.size() < 10) out.cut_off_examples.push_back(logged.id);
      continue;
    }
    const auto [found, added] = variant_index.try_emplace(sequence, variant_result.size());
    if (added) {
      variant_result.push_back(begins ? replayer.replay(sequence) : ReplayResult{ReplayOutcome::deviates, {}, false});
      deviations.push_back({sequence, 0, variant_result.back().leaves_after, logged.id});
    }
    const ReplayResult& result = variant_result[found->second];
    Deviation& deviation = deviations[found->second];
    const bool stalled = result.outcome == ReplayOutcome::open && log_last - last_end > window;
    if (result.outcome == ReplayOutcome::fits) {
      kinds[c] = Kind::fits;
      ++out.cases_fitting;
    } else if (result.outcome == ReplayOutcome::deviates || stalled) {
      kinds[c] = Kind::deviates;
      ++out.cases_deviating;
      if (deviation.cases++ == 0) deviation.first_case = logged.id;
      if (stalled) deviation.leaves_after = sequence.size() - 1;
    } else {
      kinds[c] = Kind::open;
      ++out.cases_open;
      if (out.cut_off_examples.size() < 10) out.cut_off_examples.push_back(logged.id);
    }
  }
  out.cases_used = out.cases_fitting + out.cases_deviating;
  if (out.cases_used > 0)
    out.fitness = static_cast<double>(out.cases_fitting) / static_cast<double>(out.cases_used);
  std::erase_if(deviations, [](const Deviation& d) { return d.cases == 0; });
  std::stable_sort(deviations.begin(), deviations.end(),
                   [](const Deviation& a, const Deviation& b) { return a.cases > b.cases; });
  if (deviations.size() > max_deviations) deviations.resize(max_deviations);
  out.deviations = std::move(deviations);

  // Arrivals: the first runs of the cases whose start the log shows, over
  // the working time from the first of them to the last.
  {
    double first = std::numeric_limits<double>::infinity(), last = -first;
    for (std::size_t c = 0; c < log.cases().size(); ++c) {
      if (kinds[c] == Kind::begun_before) continue;
      const double at = log.cases()[c].runs.front().start;
      first = std::min(first, at);
      last = std::max(last, at);
      ++out.arrivals;
    }
    if (out.arrivals >= 2 && last > first) {
      const double per_working_day = static_cast<double>(out.arrivals - 1) / (last - first) * calendar.hours_per_day();
      out.log_cases_per_year = per_working_day * process.calendar.days_per_year;
    }
  }

  // The model's figures, with the log's demand where the file has none.
  Process model = process;
  if (!model.cases_per_year) model.cases_per_year = out.log_cases_per_year.value_or(1);
  const Analysis analysis = analyse_process(model);
  out.model_cases_per_year = process.cases_per_year.value_or(0);
  out.model_lead_time_hours = analysis.lead_time_hours;
  std::vector<double> inflow_delay(n, 0);  // Σ flow into the step × the delay of where it comes from
  for (std::size_t i = 0; i < n; ++i) {
    const Step& step = process.steps[i];
    const double v = analysis.steps[i].visits;
    const double delay = analysis.steps[i].delay_hours;
    if (step.routing.kind == Routing::Kind::choice) {
      for (std::size_t b = 0; b < step.routing.choices.size(); ++b)
        inflow_delay[next[i][b]] += v * step.routing.choices[b].p * delay;
    } else {
      for (std::size_t to : next[i]) inflow_delay[to] += v * delay;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    StepCalibration& s = out.steps[i];
    const StepFigures& f = analysis.steps[i];
    s.model_work_hours = f.work_hours;
    s.model_delay_hours = f.delay_hours;
    s.model_visits = f.visits;
    s.model_queue_hours = f.queue_hours;
    s.model_wait_hours = f.queue_hours.value_or(0) + (f.visits > 0 ? inflow_delay[i] / f.visits : 0);
  }

  // Busy time per unit, for the queue part of waiting: the runs of all the
  // unit's steps, whoever the log says did them (a person's name tells
  // nothing of the unit's other people). Busy is as many runs going on as
  // the unit has people present on average, staff × availability rounded
  // up; an external unit never queues.
  std::vector<BusyTime> busy;
  if (log.has_start()) {
    busy.resize(process.units.size());
    for (const LoggedCase& logged : log.cases())
      for (const LoggedRun& run : logged.runs)
        if (const Unit* unit = process.unit_of(process.steps[run.step]); unit && !unit->external)
          busy[static_cast<std::size_t>(unit - process.units.data())].add(run.start, run.end);
    for (std::size_t u = 0; u < busy.size(); ++u)
      busy[u].finish(std::max(1, static_cast<int>(std::ceil(process.units[u].servers() - 1e-9))));
  }

  // Work, waiting, delay, visits.
  std::vector<std::vector<double>> work(n);
  std::vector<double> wait_sum(n, 0), queue_sum(n, 0), delay_sum(n, 0), used_runs(n, 0);
  std::vector<double> lead_times;
  for (std::size_t c = 0; c < log.cases().size(); ++c) {
    const LoggedCase& logged = log.cases()[c];
    const bool complete = kinds[c] == Kind::fits || kinds[c] == Kind::deviates;
    for (std::size_t k = 0; k < logged.runs.size(); ++k) {
      const LoggedRun& run = logged.runs[k];
      StepCalibration& s = out.steps[run.step];
      ++s.runs;
      if (complete) ++used_runs[run.step];
      if (log.has_start()) {
        ++s.timed_runs;
        work[run.step].push_back(std::max(0.0, run.end - run.start));
      }
      if (k == 0) continue;
      // Waiting counts only after a step that leads here directly: a step
      // the log leaves out in between (the applicant's reply) would
      // otherwise count as waiting. Without a start, the wait is the time
      // between the two ends: it holds this run's work too, and is not split.
      const LoggedRun& before = logged.runs[k - 1];
      const auto& leads_to = next[before.step];
      if (std::find(leads_to.begin(), leads_to.end(), run.step) == leads_to.end()) continue;
      const double wait = std::max(0.0, run.start - before.end);
      wait_sum[run.step] += wait;
      ++s.waits;
      if (!log.has_start()) continue;
      const Unit* unit = process.unit_of(process.steps[run.step]);
      const double queue = !unit || unit->external || process.steps[run.step].work.is_zero()
                               ? 0
                               : busy[static_cast<std::size_t>(unit - process.units.data())].queued(before.end, run.start);
      queue_sum[run.step] += queue;
      delay_sum[before.step] += std::max(0.0, wait - queue);
      ++out.steps[before.step].delays;
    }
    if (complete) {
      double first = logged.runs.front().start, last = logged.runs.front().end;
      for (const LoggedRun& run : logged.runs) last = std::max(last, run.end);
      lead_times.push_back(last - first);
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    StepCalibration& s = out.steps[i];
    if (s.runs == 0) out.steps_never_seen.push_back(i);
    // A silent step the log never shows may well have run: its visits are
    // unknown, not 0.
    if (out.cases_used > 0 && !(out.silent[i] && s.runs == 0))
      s.visits = used_runs[i] / static_cast<double>(out.cases_used);
    if (!work[i].empty()) {
      std::sort(work[i].begin(), work[i].end());
      s.work_mean = mean_of(work[i]);
      s.work_p10 = sample_quantile(work[i], 0.1);
      s.work_p50 = sample_quantile(work[i], 0.5);
      s.work_p90 = sample_quantile(work[i], 0.9);
      if (work[i].size() >= min_runs_to_fit) s.fit = fit_work(work[i], *s.work_mean);
    }
    if (s.waits > 0) {
      s.wait_mean = wait_sum[i] / static_cast<double>(s.waits);
      if (log.has_start()) s.queue_mean = queue_sum[i] / static_cast<double>(s.waits);
    }
    if (s.delays > 0) s.delay_mean = delay_sum[i] / static_cast<double>(s.delays);
  }
  if (!lead_times.empty()) {
    std::sort(lead_times.begin(), lead_times.end());
    out.lead_time_mean = mean_of(lead_times);
    out.lead_time_p50 = sample_quantile(lead_times, 0.5);
    out.lead_time_p90 = sample_quantile(lead_times, 0.9);
  }

  // Resources: runs and work of each, and the step it ran most.
  if (log.has_resource()) {
    std::vector<std::unordered_map<std::uint32_t, std::size_t>> steps_of(log.resources().size());
    out.resources.resize(log.resources().size());
    for (const LoggedCase& logged : log.cases())
      for (const LoggedRun& run : logged.runs) {
        if (run.resource == LoggedRun::no_resource) continue;
        ResourceCalibration& r = out.resources[run.resource];
        ++r.runs;
        r.work_hours += std::max(0.0, run.end - run.start);
        ++steps_of[run.resource][run.step];
      }
    for (std::size_t r = 0; r < out.resources.size(); ++r) {
      out.resources[r].name = log.resources()[r];
      const auto unit = process.unit_index.find(out.resources[r].name);
      if (unit != process.unit_index.end()) out.resources[r].unit = unit->second;
      std::size_t most = 0;
      for (const auto& [step, count] : steps_of[r])
        if (count > most || (count == most && step < out.resources[r].top_step)) {
          most = count;
          out.resources[r].top_step = step;
        }
    }
    std::erase_if(out.resources, [](const ResourceCalibration& r) { return r.runs == 0; });
    std::stable_sort(out.resources.begin(), out.resources.end(),
                     [](const ResourceCalibration& a, const ResourceCalibration& b) {
                       return a.runs != b.runs ? a.runs > b.runs : a.name < b.name;
                     });
  }

  // Routing: a run of a choice step went down the branch from which the
  // case's next run can be shown, passing only silent steps; a last run,
  // down the branch that reaches an end so. Runs whose branch this does
  // not tell (two branches could lead there, or none) are left out.
  // A choice at a silent step the log does not show (waiting for the
  // applicant's answer) is told the same way from the run of the step that
  // leads to it for certain: through `next` and silent steps only.
  std::vector<std::optional<std::size_t>> choice_of(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (process.steps[i].routing.kind == Routing::Kind::choice) {
      choice_of[i] = i;
      continue;
    }
    std::size_t at = i;
    for (std::size_t hops = 0; hops < n && process.steps[at].routing.kind == Routing::Kind::next; ++hops) {
      at = next[at].front();
      if (!replayer.is_silent(at)) break;
      if (process.steps[at].routing.kind == Routing::Kind::choice) {
        choice_of[i] = at;
        break;
      }
    }
  }
  struct BranchCount {
    std::vector<std::vector<bool>> shows;  // per branch: the steps a case there may show next
    std::vector<bool> ends;                // per branch: reaches an end through silent steps
    std::vector<std::size_t> taken, taken_in_complete;
    std::size_t told = 0;
  };
  std::vector<BranchCount> counts(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (process.steps[i].routing.kind != Routing::Kind::choice) continue;
    const std::size_t branches = process.steps[i].routing.choices.size();
    BranchCount& count = counts[i];
    count.shows.resize(branches);
    count.ends.assign(branches, false);
    count.taken.assign(branches, 0);
    count.taken_in_complete.assign(branches, 0);
    for (std::size_t b = 0; b < branches; ++b) {
      bool end = false;
      count.shows[b] = observable_from(process, replayer, next, next[i][b], &end);
      count.ends[b] = end;
    }
  }
  for (std::size_t c = 0; c < log.cases().size(); ++c) {
    const LoggedCase& logged = log.cases()[c];
    for (std::size_t k = 0; k < logged.runs.size(); ++k) {
      const auto i = choice_of[logged.runs[k].step];
      if (!i) continue;
      const bool last = k + 1 == logged.runs.size();
      // The choice step's own run, when the log has it, counts for itself.
      if (*i != logged.runs[k].step && !last && logged.runs[k + 1].step == *i) continue;
      BranchCount& count = counts[*i];
      std::optional<std::size_t> branch;
      bool ambiguous = false;
      for (std::size_t b = 0; b < count.shows.size(); ++b) {
        const bool fits = !last ? count.shows[b][logged.runs[k + 1].step] : kinds[c] == Kind::fits && count.ends[b];
        if (!fits) continue;
        if (branch) ambiguous = true;
        branch = b;
      }
      if (!branch || ambiguous) continue;
      ++count.told;
      ++count.taken[*branch];
      if (kinds[c] == Kind::fits || kinds[c] == Kind::deviates) ++count.taken_in_complete[*branch];
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    const Step& step = process.steps[i];
    if (step.routing.kind != Routing::Kind::choice) continue;
    const std::size_t branches = step.routing.choices.size();
    const std::vector<std::size_t>& taken = counts[i].taken;
    const std::vector<std::size_t>& taken_in_complete = counts[i].taken_in_complete;
    const std::size_t told = counts[i].told;
    for (std::size_t b = 0; b < branches; ++b) {
      ChoiceCalibration choice;
      choice.step = i;
      choice.branch = b;
      choice.model_p = step.routing.choices[b].p;
      choice.runs = told;
      choice.taken = taken[b];
      if (told > 0) choice.log_p = static_cast<double>(taken[b]) / static_cast<double>(told);
      choice.model_per_case = analysis.steps[i].visits * choice.model_p;
      if (out.cases_used > 0)
        choice.log_per_case = static_cast<double>(taken_in_complete[b]) / static_cast<double>(out.cases_used);
      out.choices.push_back(choice);
    }
  }

  // The largest differences: |log − model| over the larger of the two, so
  // that a model figure of 0 ranks as far off as any (1) and no more; a
  // step's figure only where it rests on min_runs_to_fit runs, so that one
  // odd case does not lead the list.
  const auto differ = [&](CalibrationDifference d) {
    const double scale = std::max(std::abs(d.model), std::abs(d.log));
    d.weight = scale > 0 ? std::abs(d.log - d.model) / scale : 0;
    if (d.weight > 0) out.differences.push_back(d);
  };
  using K = CalibrationDifference::Kind;
  if (out.log_cases_per_year && process.cases_per_year)
    differ({K::cases_per_year, 0, 0, *process.cases_per_year, *out.log_cases_per_year, out.arrivals, 0});
  if (out.lead_time_mean && out.model_lead_time_hours)
    differ({K::lead_time, 0, 0, *out.model_lead_time_hours, *out.lead_time_mean, out.cases_used, 0});
  for (std::size_t i = 0; i < n; ++i) {
    const StepCalibration& s = out.steps[i];
    // A silent step may be missing from a case, and takes no work of the
    // office: its figures say nothing of the model.
    if (replayer.is_silent(i)) continue;
    if (s.work_mean && s.timed_runs >= min_runs_to_fit)
      differ({K::work, i, 0, s.model_work_hours, *s.work_mean, s.timed_runs, 0});
    // Without a start, the wait holds the run's work: no measure of waiting.
    if (s.wait_mean && log.has_start() && s.waits >= min_runs_to_fit)
      differ({K::wait, i, 0, s.model_wait_hours, *s.wait_mean, s.waits, 0});
    if (s.visits && s.runs > 0 && out.cases_used >= min_runs_to_fit)
      differ({K::visits, i, 0, s.model_visits, *s.visits, out.cases_used, 0});
  }
  for (const ChoiceCalibration& c : out.choices)
    if (c.log_p && c.runs >= min_runs_to_fit) differ({K::choice, c.step, c.branch, c.model_p, *c.log_p, c.runs, 0});
  std::stable_sort(out.differences.begin(), out.differences.end(),
                   [](const CalibrationDifference& a, const CalibrationDifference& b) { return a.weight > b.weight; });
  return out;
}

CalibratedValues calibrated_values(const Process& process, const Calibration& calibration) {
  // Three significant digits, at most two decimals, in the unit the file
  // will show (s below a minute, min below an hour, else h): "11.8min",
  // "1.99h", not "706s" or "7146s"; within half a percent of the measure.
  const auto seconds = [](double hours) {
    if (hours <= 0) return 0.0;
    const double unit = hours < 1.0 / 60 ? 1.0 / 3600 : hours < 1 ? 1.0 / 60 : 1.0;
    const double value = hours / unit;
    // Fewer decimals where a figure of the unit is no exact figure in hours
    // (7.33min is 0.1221666…h): the file then shows it as a person writes it.
    for (double scale = std::min(100.0, std::pow(10.0, 2 - std::floor(std::log10(value)))); scale >= 1; scale /= 10) {
      const double hours_rounded = std::round(value * scale) / scale * unit;
      if (hours_rounded > 0 && write_duration({hours_rounded, 0}).size() <= 9) return hours_rounded;
    }
    return std::round(value) * unit;
  };
  CalibratedValues out;
  if (calibration.log_cases_per_year && calibration.arrivals >= min_runs_to_fit)
    out.cases_per_year = std::max(1.0, std::round(*calibration.log_cases_per_year));
  const std::size_t n = process.steps.size();
  out.work.resize(n);
  out.delay.resize(n);
  out.p.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const StepCalibration& s = calibration.steps[i];
    const Step& step = process.steps[i];
    if (step.end) continue;
    if (s.fit) {
      Distribution d = s.fit->distribution;
      d.a = seconds(d.a);
      d.b = seconds(d.b);
      d.c = seconds(d.c);
      if (d.kind == Distribution::Kind::triangular) {  // each rounded alone: keep them in order
        d.b = std::clamp(d.b, d.a, d.c);
        if (d.a == d.c) d = Distribution::fixed(d.a);
      }
      // No work measured (runs all outside the working hours, say) is no
      // measure of work: 0 would make the step silent, and change which
      // cases fit.
      if (d.mean() > 0) out.work[i] = d;
    }
    // A delay under a second is the log's rounding, not a delay: it is
    // written only to replace one the model has.
    if (s.delay_mean && s.delays >= min_runs_to_fit) {
      const double delay = *s.delay_mean < 1.0 / 3600 ? 0 : seconds(*s.delay_mean);
      if (delay > 0 || !step.delay.is_zero()) out.delay[i] = Distribution::fixed(delay);
    }
    out.p[i].resize(step.routing.choices.size());
  }
  // Shares in ten-thousandths, the largest branch taking the rest, so that
  // they sum to exactly 1 as written.
  for (std::size_t first = 0; first < calibration.choices.size();) {
    const std::size_t step = calibration.choices[first].step;
    std::size_t last = first;
    while (last < calibration.choices.size() && calibration.choices[last].step == step) ++last;
    const std::size_t told = calibration.choices[first].runs;
    if (told >= min_runs_to_fit) {
      const auto branches = static_cast<double>(last - first);
      bool smooth = false;
      for (std::size_t k = first; k < last; ++k) smooth |= calibration.choices[k].taken == 0;
      out.smoothed_choices |= smooth;
      std::vector<long> parts;
      for (std::size_t k = first; k < last; ++k) {
        const double share = smooth ? (static_cast<double>(calibration.choices[k].taken) + 0.5) /
                                          (static_cast<double>(told) + 0.5 * branches)
                                    : static_cast<double>(calibration.choices[k].taken) / static_cast<double>(told);
        parts.push_back(std::max(1L, std::lround(share * 10000)));
      }
      const auto largest = static_cast<std::size_t>(std::max_element(parts.begin(), parts.end()) - parts.begin());
      long others = 0;
      for (std::size_t k = 0; k < parts.size(); ++k)
        if (k != largest) others += parts[k];
      parts[largest] = 10000 - others;
      for (std::size_t k = first; k < last; ++k)
        out.p[step][calibration.choices[k].branch] = static_cast<double>(parts[k - first]) / 10000;
    }
    first = last;
  }
  return out;
}

}  // namespace paperflow
