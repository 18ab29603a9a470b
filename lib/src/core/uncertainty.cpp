#include "paperflow/uncertainty.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include <fmt/format.h>

#include "ordered_parallel.h"
#include "paperflow/analysis.h"
#include "paperflow/measures.h"
#include "random.h"

namespace paperflow {
namespace {

// The world a sample describes: the process and the plan's measures, in
// the plan's order, with every three-point estimate at a drawn value.
struct World {
  Process process;
  std::vector<Measure> measures;
};

// One three-point estimate of the world and where its value goes.
struct Input {
  std::string name;
  ThreePoint range;
  std::function<void(World&, double)> put;
};

// Every three-point estimate of the process's demand and of the plan's
// measures, in a fixed order: the order in which a sample draws them.
std::vector<Input> inputs_of(const World& world) {
  std::vector<Input> inputs;
  if (world.process.cases_per_year_range)
    inputs.push_back({"demand.cases_per_year", *world.process.cases_per_year_range,
                      [](World& w, double v) { w.process.cases_per_year = v; }});
  for (std::size_t m = 0; m < world.measures.size(); ++m) {
    const Measure& measure = world.measures[m];
    if (measure.one_off_range)
      inputs.push_back({measure.id + ".cost.once", *measure.one_off_range,
                        [m](World& w, double v) { w.measures[m].one_off_cost = v; }});
    if (measure.yearly_range)
      inputs.push_back({measure.id + ".cost.per_year", *measure.yearly_range,
                        [m](World& w, double v) { w.measures[m].yearly_cost = v; }});
    for (std::size_t c = 0; c < measure.changes.size(); ++c) {
      const MeasureChange& change = measure.changes[c];
      const std::string at = fmt::format("{}.changes[{}].", measure.id, c + 1);
      using Field = std::optional<DurationChange> MeasureChange::*;
      for (auto [field, key] : {std::pair<Field, const char*>{&MeasureChange::work, "work"},
                                std::pair<Field, const char*>{&MeasureChange::delay, "delay"}})
        if ((change.*field) && (change.*field)->factor_range)
          inputs.push_back({at + key, *(change.*field)->factor_range,
                            [m, c, field = field](World& w, double v) {
                              (w.measures[m].changes[c].*field)->factor = v;
                            }});
      using PatchField = std::optional<DurationChange> StepPatch::*;
      for (auto [field, key] : {std::pair<PatchField, const char*>{&StepPatch::work, "set.work"},
                                std::pair<PatchField, const char*>{&StepPatch::delay, "set.delay"}})
        if ((change.set.*field) && (change.set.*field)->factor_range)
          inputs.push_back({at + key, *(change.set.*field)->factor_range,
                            [m, c, field = field](World& w, double v) {
                              (w.measures[m].changes[c].set.*field)->factor = v;
                            }});
      if (change.rework_range)
        inputs.push_back({at + "rework", *change.rework_range,
                          [m, c](World& w, double v) { w.measures[m].changes[c].rework_factor = v; }});
    }
  }
  return inputs;
}

// What the plan's measures buy and cost in one world, measure by measure in
// the plan's order, each on the process the ones before it left.
struct Outcome {
  std::vector<double> saving, once, yearly;  // per measure
};

// The optimism bias as the plan applies it (plan.h), to the drawn values.
Outcome outcome_of(const World& world, double optimism_bias_percent) {
  Outcome out;
  const double cases = world.process.cases_per_year.value_or(0);
  Process current = world.process;
  Analysis figures = analyse_process(current);
  for (const Measure& m : with_optimism_bias(world.measures, optimism_bias_percent)) {
    MeasureApplication applied = apply_measure(current, m);
    double saving = 0;  // a drawn factor that makes the measure inapplicable buys nothing
    if (applied.applied) {
      Analysis after = analyse_process(applied.process);
      saving = staff_cost_saved_per_year(figures, after, cases, optimism_bias_percent);
      current = std::move(applied.process);
      figures = std::move(after);
    }
    out.saving.push_back(saving);
    out.once.push_back(m.one_off_cost);
    out.yearly.push_back(m.yearly_cost);
  }
  return out;
}

double payback(double once, double net) { return net > 0 ? once / net : HUGE_VAL; }

struct Totals {
  double saving = 0, once = 0, yearly = 0;
};
Totals totals(const Outcome& o) {
  Totals t;
  for (std::size_t i = 0; i < o.saving.size(); ++i) t.saving += o.saving[i], t.once += o.once[i], t.yearly += o.yearly[i];
  return t;
}

Spread spread(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  auto at = [&](double u) -> std::optional<double> {
    const double v = sample_quantile(values, u);
    if (std::isinf(v)) return std::nullopt;
    return v;
  };
  return {at(0.1), at(0.5), at(0.9)};
}

World world_at(const World& mode_world, const std::vector<Input>& inputs, const std::vector<double>& values) {
  World w = mode_world;
  for (std::size_t i = 0; i < inputs.size(); ++i) inputs[i].put(w, values[i]);
  return w;
}

}  // namespace

double net_present_value(double once, double net_per_year, double horizon_years, double rate) {
  double value = -once;
  const double whole = std::floor(horizon_years);
  for (int t = 1; t <= static_cast<int>(whole); ++t) value += net_per_year / std::pow(1 + rate, t);
  if (horizon_years > whole) value += (horizon_years - whole) * net_per_year / std::pow(1 + rate, whole + 1);
  return value;
}

double sample_quantile(const std::vector<double>& sorted, double u) {
  if (sorted.empty()) return 0;
  const double h = u * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(h));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double low = sorted[below], high = sorted[above];
  if (std::isinf(low) || std::isinf(high)) return HUGE_VAL;
  return low + (h - static_cast<double>(below)) * (high - low);
}

PlanUncertainty assess_uncertainty(const Process& process, const std::vector<Measure>& candidates, const Plan& plan,
                                   const UncertaintyOptions& options) {
  const PlanOptions& po = plan.options;
  PlanUncertainty out;
  out.samples = options.samples;
  out.seed = options.seed;
  out.horizon_years = po.horizon_years;
  out.discount_rate = po.discount_rate;
  out.optimism_bias_percent = po.optimism_bias_percent;

  World given{process, {}};
  for (const PlannedMeasure& planned : plan.measures)
    for (const Measure& m : candidates)
      if (m.id == planned.id) given.measures.push_back(m);
  const std::vector<Input> inputs = inputs_of(given);
  out.inputs = inputs.size();
  std::vector<double> modes;
  for (const Input& input : inputs) modes.push_back(input.range.mode);

  // Each sample draws from its own stream, so that the figures do not
  // depend on how the samples are shared out among threads.
  std::vector<Outcome> outcomes(options.samples);
  for_each_ordered(
      options.samples, options.threads,
      [&](std::size_t s) {
        sim::Random random(options.seed, s);
        std::vector<double> values;
        for (const Input& input : inputs) values.push_back(input.range.quantile(random.uniform()));
        return outcome_of(world_at(given, inputs, values), po.optimism_bias_percent);
      },
      [&](std::size_t s, Outcome outcome) { outcomes[s] = std::move(outcome); });

  auto npv = [&](double once, double saving, double yearly) {
    return net_present_value(once, saving - yearly, po.horizon_years, po.discount_rate);
  };
  std::vector<double> saving, once, paybacks, npvs;
  std::size_t paying = 0;
  for (const Outcome& o : outcomes) {
    const Totals t = totals(o);
    saving.push_back(t.saving);
    once.push_back(t.once);
    paybacks.push_back(payback(t.once, t.saving - t.yearly));
    npvs.push_back(npv(t.once, t.saving, t.yearly));
    if (paybacks.back() <= po.horizon_years) ++paying;
  }
  out.plan = {"", spread(saving), spread(once), spread(paybacks), spread(npvs)};
  out.pays_back_within_horizon =
      options.samples ? static_cast<double>(paying) / static_cast<double>(options.samples) : 0;
  for (std::size_t m = 0; m < given.measures.size(); ++m) {
    std::vector<double> ms, mo, mp, mn;
    for (const Outcome& o : outcomes) {
      ms.push_back(o.saving[m]);
      mo.push_back(o.once[m]);
      mp.push_back(payback(o.once[m], o.saving[m] - o.yearly[m]));
      mn.push_back(npv(o.once[m], o.saving[m], o.yearly[m]));
    }
    out.measures.push_back({given.measures[m].id, spread(ms), spread(mo), spread(mp), spread(mn)});
  }

  // The tornado: the plan's NPV with one input at its P10 and at its P90.
  auto plan_npv = [&](const World& w) {
    const Totals t = totals(outcome_of(w, po.optimism_bias_percent));
    return npv(t.once, t.saving, t.yearly);
  };
  std::vector<TornadoBar> bars;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].range.low == inputs[i].range.high) continue;  // it cannot move anything
    std::vector<double> values = modes;
    values[i] = inputs[i].range.quantile(0.1);
    const double at_p10 = plan_npv(world_at(given, inputs, values));
    values[i] = inputs[i].range.quantile(0.9);
    const double at_p90 = plan_npv(world_at(given, inputs, values));
    bars.push_back({inputs[i].name, at_p10, at_p90});
  }
  std::stable_sort(bars.begin(), bars.end(), [](const TornadoBar& a, const TornadoBar& b) {
    return std::fabs(a.npv_at_p90 - a.npv_at_p10) > std::fabs(b.npv_at_p90 - b.npv_at_p10);
  });
  if (bars.size() > 5) bars.resize(5);
  out.tornado = std::move(bars);
  return out;
}

}  // namespace paperflow
