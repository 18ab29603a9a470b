// The business case under uncertainty (man/paperflow-plan.1): the plan's
// measures, in the plan's order, evaluated again on samples in which every
// three-point estimate (demand, a measure's costs and factors) is drawn
// triangular, all together. The point figures of the plan stay as they are.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "paperflow/model.h"
#include "paperflow/plan.h"

namespace paperflow {

struct UncertaintyOptions {
  std::size_t samples = 2000;
  std::uint64_t seed = 1;
  std::size_t threads = 1;  // the figures do not depend on it
};

/// P10, P50 and P90 of a figure over the samples; none where the value is
/// "never" (a payback that never comes counts as above every number).
struct Spread {
  std::optional<double> p10, p50, p90;
};

struct MeasureSpread {
  std::string id;  // empty for the plan as a whole
  Spread staff_cost_saved_per_year, one_off_cost, payback_years, npv;
};

/// The plan's net present value with one input at its P10 and at its P90,
/// every other at its most likely value.
struct TornadoBar {
  std::string input;  // "online_antrag.cost.once", "e_akte.changes[2].work", "demand.cases_per_year"
  double npv_at_p10 = 0, npv_at_p90 = 0;
};

struct PlanUncertainty {
  std::size_t samples = 0;
  std::uint64_t seed = 1;
  double horizon_years = 5, discount_rate = 0.02, optimism_bias_percent = 0;
  MeasureSpread plan;
  double pays_back_within_horizon = 0;  // the share of samples
  std::vector<MeasureSpread> measures;  // in the plan's order
  std::vector<TornadoBar> tornado;      // at most five, the widest first
  std::size_t inputs = 0;               // how many three-point estimates were drawn
};

/// −once + Σ_{t=1..H} net/(1+r)^t; a horizon with a fraction of a year
/// counts that fraction of the year after the last whole one.
double net_present_value(double once, double net_per_year, double horizon_years, double rate);

/// The share u of a sorted sample, interpolated between neighbours (R's
/// type 7); +∞ (never) where either neighbour is +∞.
double sample_quantile(const std::vector<double>& sorted, double u);

/// Draws the inputs of the plan's measures (found in `candidates` by id)
/// and of the process's demand `options.samples` times. `plan` was made
/// from `process` and `candidates` by make_plan.
PlanUncertainty assess_uncertainty(const Process& process, const std::vector<Measure>& candidates, const Plan& plan,
                                   const UncertaintyOptions& options);

}  // namespace paperflow
