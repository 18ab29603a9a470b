#include "paperflow/report_plan.h"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "paperflow/report_analysis.h"
#include "analysis_json.h"
#include "text_layout.h"

namespace paperflow {
namespace {

using nlohmann::ordered_json;

ordered_json optional_number(const std::optional<double>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); }

std::string money(double eur) {
  // Thousands with a thin separator a German reader and an English one both read: 139 000 EUR.
  const long long rounded = std::llround(eur);
  std::string digits = std::to_string(rounded < 0 ? -rounded : rounded), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
    out += digits[i];
  }
  return (rounded < 0 ? "-" : "") + out + " EUR";
}

std::string lead(const std::optional<double>& hours, double hours_per_day) {
  return hours ? fmt::format("{:.1f} d", *hours / hours_per_day) : std::string("unbounded");
}

std::string bottleneck_name(const Process& before, const Process& after, const Plan& plan, bool is_after) {
  const Analysis& a = is_after ? plan.after : plan.before;
  const Process& p = is_after ? after : before;
  return a.bottleneck ? p.units[*a.bottleneck].name : std::string("none (no work)");
}

// "0.54 media breaks fewer, 1.00 wet signatures fewer", with "more" where a
// measure adds some (a digital step between paper ones); the counts it
// leaves as they were are not listed, and never "-0.00".
std::string changes_per_case(const PlannedMeasure& m) {
  const auto figures = removable_figures();
  std::string changed, unchanged;
  for (std::size_t i = 0; i < figures.size() && i < m.removed_per_case.size(); ++i) {
    const double removed = m.removed_per_case[i];
    if (std::fabs(removed) < 0.005) continue;
    changed += (changed.empty() ? "" : ", ") +
               fmt::format("{:.2f} {} {}", std::fabs(removed), figures[i]->noun_en, removed > 0 ? "fewer" : "more");
  }
  if (!changed.empty()) return changed;
  for (std::size_t i = 0; i < figures.size(); ++i)
    unchanged += (i == 0 ? "" : i + 1 == figures.size() ? " and " : ", ") + std::string(figures[i]->noun_en);
  return "as many " + unchanged + " as before";
}

std::string ozg(const Analysis& a) {
  return a.ozg_level ? ozg_level_name(*a.ozg_level) : std::string("not applicable");
}

// The level's number alone, for the narrow text column; a dash without one.
std::string ozg_number(const Analysis& a) { return a.ozg_level ? std::to_string(*a.ozg_level) : std::string("–"); }

ordered_json spread_json(const Spread& s) {
  return {{"p10", optional_number(s.p10)}, {"p50", optional_number(s.p50)}, {"p90", optional_number(s.p90)}};
}

ordered_json spread_json(const MeasureSpread& m) {
  ordered_json j;
  if (!m.id.empty()) j["id"] = m.id;
  j["staff_cost_saved_per_year"] = spread_json(m.staff_cost_saved_per_year);
  j["one_off_cost"] = spread_json(m.one_off_cost);
  j["payback_years"] = spread_json(m.payback_years);
  j["npv"] = spread_json(m.npv);
  return j;
}

ordered_json uncertainty_json(const PlanUncertainty& u) {
  ordered_json out;
  out["samples"] = u.samples;
  out["seed"] = u.seed;
  out["horizon_years"] = u.horizon_years;
  out["discount_rate"] = u.discount_rate;
  out["optimism_bias"] = u.optimism_bias_percent;
  out["plan"] = spread_json(u.plan);
  out["plan"]["pays_back_within_horizon"] = u.pays_back_within_horizon;
  out["measures"] = ordered_json::array();
  for (const MeasureSpread& m : u.measures) out["measures"].push_back(spread_json(m));
  out["tornado"] = ordered_json::array();
  for (const TornadoBar& bar : u.tornado)
    out["tornado"].push_back({{"input", bar.input}, {"npv_at_p10", bar.npv_at_p10}, {"npv_at_p90", bar.npv_at_p90}});
  return out;
}

std::string years(const std::optional<double>& y) { return y ? fmt::format("{:.1f}", *y) : std::string("never"); }

// "(P10–P90: 0.2–1.1)" beside a point figure; nothing where no drawn
// input moves the figure (both ends read the same), which the summary's
// count of estimates explains.
std::string payback_range(const Spread& s) {
  if (years(s.p10) == years(s.p90)) return "";
  return fmt::format(" (P10–P90: {}–{})", years(s.p10), years(s.p90));
}
std::string money_range(const Spread& s) {
  const std::string low = money(s.p10.value_or(0)), high = money(s.p90.value_or(0));
  return low == high ? "" : fmt::format(" (P10–P90: {} – {})", low, high);
}

const MeasureSpread* spread_of(const PlanUncertainty* u, const std::string& id) {
  if (!u) return nullptr;
  for (const MeasureSpread& m : u->measures)
    if (m.id == id) return &m;
  return nullptr;
}

std::string percent(double share) { return fmt::format("{:.0f} %", 100 * share); }

// What the draws say, in a sentence, and the inputs that move the NPV most.
std::string uncertainty_summary(const PlanUncertainty& u) {
  return fmt::format(
      "{} samples (seed {}) of {} three-point estimate{}, drawn triangular and together: over {:g} years at a "
      "discount rate of {:g} %, the plan's net present value is {} (P10) to {} (P90), P50 {}; it pays back within "
      "{:g} years in {} of the samples.",
      u.samples, u.seed, u.inputs, u.inputs == 1 ? "" : "s", u.horizon_years, 100 * u.discount_rate,
      money(u.plan.npv.p10.value_or(0)), money(u.plan.npv.p90.value_or(0)), money(u.plan.npv.p50.value_or(0)),
      u.horizon_years, percent(u.pays_back_within_horizon));
}

std::string optimism_bias_note(const PlanOptions& options) {
  if (options.optimism_bias_percent <= 0) return "";
  return fmt::format("Optimism bias: every cost is raised and every saving lowered by {:g} % (HM Treasury Green "
                     "Book practice) before anything is computed.",
                     options.optimism_bias_percent);
}

}  // namespace

std::string render_plan_json(const Process& process, const Plan& plan, const PlanUncertainty* uncertainty) {
  ordered_json out;
  out["paperflow"] = 1;
  out["process"] = {{"id", process.info.id}, {"name", process.info.name}};
  out["objective"] = std::string(to_string(plan.options.objective));
  out["budget"] = optional_number(plan.options.budget);
  out["horizon_years"] = plan.options.horizon_years;
  out["optimism_bias"] = plan.options.optimism_bias_percent;
  out["before"] = analysis_summary_json(process, plan.before);
  out["after"] = analysis_summary_json(plan.after_process, plan.after);
  ordered_json measures = ordered_json::array();
  for (const PlannedMeasure& m : plan.measures) {
    ordered_json j;
    j["id"] = m.id;
    j["name"] = m.name;
    j["wave"] = m.wave;
    j["steps"] = m.steps;
    j["lead_time_saved_hours"] = optional_number(m.lead_time_saved_hours);
    j["staff_hours_freed_per_year"] = m.staff_hours_freed_per_year;
    j["staff_cost_saved_per_year"] = m.staff_cost_saved_per_year;
    for (std::size_t i = 0; i < removable_figures().size() && i < m.removed_per_case.size(); ++i)
      j[std::string(removable_figures()[i]->removed_key)] = m.removed_per_case[i];
    j["one_off_cost"] = m.one_off_cost;
    j["yearly_cost"] = m.yearly_cost;
    j["payback_years"] = optional_number(m.payback_years);
    j["because"] = {{"kind", std::string(to_string(m.because.kind))}, {"detail", m.because.detail}};
    measures.push_back(std::move(j));
  }
  out["measures"] = std::move(measures);
  ordered_json skipped = ordered_json::array();
  for (const SkippedMeasure& s : plan.skipped) skipped.push_back({{"id", s.id}, {"name", s.name}, {"reason", s.reason}});
  out["not_in_plan"] = std::move(skipped);
  if (uncertainty) out["uncertainty"] = uncertainty_json(*uncertainty);
  return out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

std::string render_plan_text(const Process& process, const Plan& plan, bool color,
                             const PlanUncertainty* uncertainty) {
  text::Style style{color};
  const double hpd = process.calendar.hours_per_day;
  std::string out = style.bold(process.info.name) + " (" + process.info.id + "): digitisation plan\n";
  out += fmt::format("objective: {}", to_string(plan.options.objective));
  if (plan.options.budget) out += fmt::format("; budget {} ({})", money(*plan.options.budget), plan.selection_method);
  out += "\n\n";
  auto row = [&](std::string_view label, const std::string& before, const std::string& after) {
    out += "  " + text::pad_right(label, 26) + text::pad_left(before, 20) + text::pad_left(after, 22) + "\n";
  };
  out += style.bold("  " + text::pad_right("", 26) + text::pad_left("before", 20) + text::pad_left("after", 22)) + "\n";
  row("Lead time", lead(plan.before.lead_time_hours, hpd), lead(plan.after.lead_time_hours, hpd));
  for (const CaseFigure& figure : case_figures())
    if (figure.role == FigureRole::per_case)
      row(fmt::format("{} per case", figure.label_en), text::figure_value(figure, figure.value(plan.before)),
          text::figure_value(figure, figure.value(plan.after)));
  row("OZG maturity", ozg_number(plan.before), ozg_number(plan.after));
  // Unit names in full, so that one sees whether the bottleneck moved.
  const std::string before = bottleneck_name(process, plan.after_process, plan, false);
  const std::string after = bottleneck_name(process, plan.after_process, plan, true);
  out += before == after ? fmt::format("  Bottleneck before and after: {}\n", before)
                         : fmt::format("  Bottleneck before: {}\n  Bottleneck after:  {}\n", before, after);
  out += "\n";
  if (plan.measures.empty()) out += "  No measure applies to this process.\n";
  for (const PlannedMeasure& m : plan.measures) {
    const MeasureSpread* drawn = spread_of(uncertainty, m.id);
    out += style.bold(fmt::format("  Wave {}: {}", m.wave, m.name)) + fmt::format(" ({})\n", m.id);
    out += fmt::format("    changes {} step{}: ", m.steps.size(), m.steps.size() == 1 ? "" : "s");
    for (std::size_t i = 0; i < m.steps.size() && i < 6; ++i) out += (i ? ", " : "") + m.steps[i];
    if (m.steps.size() > 6) out += fmt::format(" and {} more", m.steps.size() - 6);
    out += "\n";
    out += fmt::format("    lead time saved {}, {:.0f} staff hours freed a year, worth {} a year at cost rates{}\n",
                       m.lead_time_saved_hours ? fmt::format("{:.1f} h", *m.lead_time_saved_hours) : "n/a",
                       m.staff_hours_freed_per_year, money(m.staff_cost_saved_per_year),
                       drawn ? money_range(drawn->staff_cost_saved_per_year) : "");
    out += "    per case: " + changes_per_case(m) + "\n";
    out += fmt::format("    costs {} once{} and {} a year", money(m.one_off_cost),
                       drawn ? money_range(drawn->one_off_cost) : "", money(m.yearly_cost));
    out += m.payback_years ? fmt::format("; pays back in {:.1f} years", *m.payback_years)
                           : std::string("; does not pay back in staff cost alone");
    if (drawn) out += payback_range(drawn->payback_years);
    out += "\n    in the plan: " + m.because.detail + "\n";
  }
  if (!optimism_bias_note(plan.options).empty()) out += "\n  " + optimism_bias_note(plan.options) + "\n";
  if (uncertainty) {
    out += "\n" + style.bold("  Under uncertainty") + "\n" + text::wrap(uncertainty_summary(*uncertainty), 76, "    ");
    if (!uncertainty->tornado.empty()) {
      out += "\n    What moves the net present value most (the input at its P10 and P90, the rest at most likely):\n";
      out += "      " + text::pad_right("input", 36) + text::pad_left("NPV at P10", 16) + text::pad_left("NPV at P90", 16) +
             "\n";
      for (const TornadoBar& bar : uncertainty->tornado)
        out += "      " + text::pad_right(bar.input, 36) + text::pad_left(money(bar.npv_at_p10), 16) +
               text::pad_left(money(bar.npv_at_p90), 16) + "\n";
    }
  }
  if (!plan.skipped.empty()) {
    out += "\n  Not in the plan:\n";
    for (const SkippedMeasure& s : plan.skipped) out += fmt::format("    {}: {}\n", s.id, s.reason);
  }
  return out;
}

std::string render_plan_markdown(const Process& process, const Plan& plan, const PlanUncertainty* uncertainty) {
  using text::markdown_escape;
  const double hpd = process.calendar.hours_per_day;
  std::string out = fmt::format("## Digitisation plan: {}\n\n", markdown_escape(process.info.name));
  double once = 0, yearly = 0, saved = 0, hours = 0;
  for (const PlannedMeasure& m : plan.measures) {
    once += m.one_off_cost;
    yearly += m.yearly_cost;
    saved += m.staff_cost_saved_per_year;
    hours += m.staff_hours_freed_per_year;
  }
  if (plan.measures.empty()) {
    out += plan.skipped.empty() ? "No measure of the catalogue applies to this process.\n"
                                : fmt::format("No measure pays back within {:g} years, is required by one that does, "
                                              "or is needed for OZG level 3.\n",
                                              plan.options.horizon_years);
    if (!plan.skipped.empty()) {
      out += "\n**Not in the plan:**\n\n";
      for (const SkippedMeasure& s : plan.skipped)
        out += fmt::format("- {}: {}\n", markdown_escape(s.name), markdown_escape(s.reason));
    }
    return out;
  }
  const std::size_t count = plan.measures.size();
  const int waves = plan.measures.back().wave;
  out += fmt::format(
      "**In short:** {} measure{} in {} wave{} free about **{:.0f} staff hours a year** for other work: "
      "freed capacity worth **{}** a year at cost rates (not cash: the hours go to other work), for **{}** once "
      "and {} a year. ",
      count, count == 1 ? "" : "s", waves, waves == 1 ? "" : "s", hours, money(saved), money(once), money(yearly));
  if (plan.before.lead_time_hours && plan.after.lead_time_hours) {
    const double after_days = *plan.after.lead_time_hours / hpd, before_days = *plan.before.lead_time_hours / hpd;
    if (fmt::format("{:.1f}", after_days) == fmt::format("{:.1f}", before_days))
      out += fmt::format("A case still takes **{:.1f} working days**. ", after_days);
    else
      out += fmt::format("A case takes **{:.1f} instead of {:.1f} working days**. ", after_days, before_days);
  }
  if (saved - yearly > 0) out += fmt::format("The whole plan pays back in {:.1f} years", once / (saved - yearly));
  if (saved - yearly > 0)
    out += uncertainty ? payback_range(uncertainty->plan.payback_years) + "." : std::string(".");
  if (!optimism_bias_note(plan.options).empty()) out += " " + optimism_bias_note(plan.options);
  out += "\n\n### Before and after\n\n| | Before | After |\n|---|--:|--:|\n";
  out += fmt::format("| Lead time | {} | {} |\n", lead(plan.before.lead_time_hours, hpd), lead(plan.after.lead_time_hours, hpd));
  for (const CaseFigure& figure : case_figures())
    if (figure.role == FigureRole::per_case)
      out += fmt::format("| {} per case | {} | {} |\n", figure.label_en, text::figure_value(figure, figure.value(plan.before)),
                         text::figure_value(figure, figure.value(plan.after)));
  out += fmt::format("| OZG maturity level | {} | {} |\n", ozg(plan.before), ozg(plan.after));
  out += fmt::format("| Bottleneck | {} | {} |\n\n", markdown_escape(bottleneck_name(process, plan.after_process, plan, false)),
                     markdown_escape(bottleneck_name(process, plan.after_process, plan, true)));
  out += "### What to do, in this order\n\n| Wave | Measure | Lead time saved | Staff hours freed a year | "
         "Freed capacity a year at cost rates | Once | A year | Pays back | Why in the plan |\n"
         "|--:|---|--:|--:|--:|--:|--:|--:|---|\n";
  for (const PlannedMeasure& m : plan.measures) {
    const MeasureSpread* drawn = spread_of(uncertainty, m.id);
    out += fmt::format("| {} | {} | {} | {:.0f} | {}{} | {}{} | {} | {}{} | {} |\n", m.wave, markdown_escape(m.name),
                       m.lead_time_saved_hours ? fmt::format("{:.1f} d", *m.lead_time_saved_hours / hpd) : "–",
                       m.staff_hours_freed_per_year, money(m.staff_cost_saved_per_year),
                       drawn ? money_range(drawn->staff_cost_saved_per_year) : "", money(m.one_off_cost),
                       drawn ? money_range(drawn->one_off_cost) : "", money(m.yearly_cost),
                       m.payback_years ? fmt::format("{:.1f} years", *m.payback_years) : std::string("never"),
                       drawn ? payback_range(drawn->payback_years) : "", markdown_escape(m.because.detail));
  }
  out += "\nEach measure is evaluated on the process as changed by the measures before it. Hours freed are capacity "
         "for other work, not job cuts. Costs and effects of catalogue measures are documented assumptions; see "
         "the catalogue.\n";
  if (uncertainty) {
    out += "\n### How sure the figures are\n\n" + uncertainty_summary(*uncertainty) + "\n";
    if (!uncertainty->tornado.empty()) {
      out += "\nWhat moves the net present value most (the input at its P10 and P90, every other at its most likely "
             "value):\n\n| Input | NPV at P10 | NPV at P90 |\n|---|--:|--:|\n";
      for (const TornadoBar& bar : uncertainty->tornado)
        out += fmt::format("| `{}` | {} | {} |\n", bar.input, money(bar.npv_at_p10), money(bar.npv_at_p90));
    }
  }
  if (!plan.skipped.empty()) {
    out += "\n**Not in the plan:**\n\n";
    for (const SkippedMeasure& s : plan.skipped)
      out += fmt::format("- {}: {}\n", markdown_escape(s.name), markdown_escape(s.reason));
  }
  return out;
}

}  // namespace paperflow
