#include "paperflow/report_plan.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "paperflow/report_analysis.h"
#include "analysis_json.h"
#include "text_layout.h"
#include "plan_wording.h"
#include "wording.h"

namespace paperflow {
namespace {

using nlohmann::ordered_json;
using namespace plan_text;

ordered_json optional_number(const std::optional<double>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); }

// The level's number alone, for the narrow text column; a dash without one.
std::string ozg_number(const Analysis& a) { return a.ozg_level ? std::to_string(*a.ozg_level) : std::string("–"); }

// The objective as a reader says it (the flag's value is --objective's).
const char* objective_name(PlanObjective objective, const Wording& w) {
  switch (objective) {
    case PlanObjective::cost: return w.tr("staff cost");
    case PlanObjective::lead_time: return w.tr("lead time");
    case PlanObjective::media_breaks: return w.tr("media breaks");
  }
  return "";
}

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
    j["because"] = {{"kind", std::string(to_string(m.because.kind))}, {"detail", m.because.detail.english()}};
    measures.push_back(std::move(j));
  }
  out["measures"] = std::move(measures);
  ordered_json skipped = ordered_json::array();
  for (const SkippedMeasure& s : plan.skipped) skipped.push_back({{"id", s.id}, {"name", s.name}, {"reason", s.reason.english()}});
  out["not_in_plan"] = std::move(skipped);
  if (uncertainty) out["uncertainty"] = uncertainty_json(*uncertainty);
  return out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

std::string render_plan_text(const Process& process, const Plan& plan, const PlanReportOptions& options,
                             const PlanUncertainty* uncertainty) {
  const Wording w(options.language);
  text::Style style{options.color};
  const double hpd = process.calendar.hours_per_day;
  std::string out = style.bold(process.info.name) + " (" + process.info.id + "): " + w.tr("digitisation plan") + "\n";
  out += w.tr_format("objective: {}", objective_name(plan.options.objective, w));
  if (plan.options.budget)
    out += w.tr_format("; budget {} ({})", w.money(*plan.options.budget), w.say(plan.selection_method));
  out += "\n\n";
  std::size_t label_width = 26;
  for (const CaseFigure& figure : case_figures())
    label_width = std::max(label_width, text::display_width(w.tr_format("{} per case", w.label(figure))) + 2);
  auto row = [&](std::string_view label, const std::string& before, const std::string& after) {
    out += "  " + text::pad_right(label, label_width) + text::pad_left(before, 20) + text::pad_left(after, 22) + "\n";
  };
  out += style.bold("  " + text::pad_right("", label_width) + text::pad_left(w.tr("before"), 20) +
                    text::pad_left(w.tr("after"), 22)) +
         "\n";
  row(w.tr("Lead time"), lead(w, plan.before.lead_time_hours, hpd), lead(w, plan.after.lead_time_hours, hpd));
  for (const CaseFigure& figure : case_figures())
    if (figure.role == FigureRole::per_case)
      row(w.tr_format("{} per case", w.label(figure)), w.figure(figure, figure.value(plan.before)),
          w.figure(figure, figure.value(plan.after)));
  row(w.tr("OZG maturity"), ozg_number(plan.before), ozg_number(plan.after));
  // Unit names in full, so that one sees whether the bottleneck moved.
  const std::string before = bottleneck_name(process, plan.after_process, plan, false, w);
  const std::string after = bottleneck_name(process, plan.after_process, plan, true, w);
  out += before == after ? "  " + w.tr_format("Bottleneck before and after: {}", before) + "\n"
                         : "  " + w.tr_format("Bottleneck before: {}", before) + "\n  " +
                               w.tr_format("Bottleneck after:  {}", after) + "\n";
  out += "\n";
  if (plan.measures.empty()) out += std::string("  ") + w.tr("No measure applies to this process.") + "\n";
  for (const PlannedMeasure& m : plan.measures) {
    const MeasureSpread* drawn = spread_of(uncertainty, m.id);
    out += style.bold("  " + w.tr_format("Wave {}: {}", m.wave, m.name)) + fmt::format(" ({})\n", m.id);
    out += "    " + w.tr_plural_format("changes {} step: ", "changes {} steps: ", m.steps.size(), m.steps.size());
    for (std::size_t i = 0; i < m.steps.size() && i < 6; ++i) out += (i ? ", " : "") + m.steps[i];
    if (m.steps.size() > 6) out += w.tr_format(" and {} more", m.steps.size() - 6);
    out += "\n";
    out += "    " +
           w.tr_format("lead time saved {}, {} staff hours freed a year, worth {} a year at cost rates{}",
                       m.lead_time_saved_hours ? w.hours(*m.lead_time_saved_hours) : std::string(w.tr("n/a")),
                       w.number(m.staff_hours_freed_per_year, 0), w.money(m.staff_cost_saved_per_year),
                       drawn ? money_range(w, drawn->staff_cost_saved_per_year) : "") +
           "\n";
    out += "    " + w.tr_format("per case: {}", changes_per_case(m, w)) + "\n";
    out += "    " + w.tr_format("costs {} once{} and {} a year", w.money(m.one_off_cost),
                                drawn ? money_range(w, drawn->one_off_cost) : "", w.money(m.yearly_cost));
    out += m.payback_years ? w.tr_format("; pays back in {} years", w.number(*m.payback_years, 1))
                           : std::string(w.tr("; does not pay back in staff cost alone"));
    if (drawn) out += payback_range(w, drawn->payback_years);
    out += "\n    " + w.tr_format("in the plan: {}", w.say(m.because.detail)) + "\n";
  }
  if (!optimism_bias_note(plan.options, w).empty()) out += "\n  " + optimism_bias_note(plan.options, w) + "\n";
  if (uncertainty) {
    out += "\n" + style.bold(std::string("  ") + w.tr("Under uncertainty")) + "\n" +
           text::wrap(uncertainty_summary(*uncertainty, w), 76, "    ");
    if (!uncertainty->tornado.empty()) {
      out += std::string("\n    ") +
             w.tr("What moves the net present value most (the input at its P10 and P90, the rest at most likely):") +
             "\n";
      // Two spaces before each column keep a long input or label apart from
      // the figure beside it, in either language.
      std::size_t input_width = text::display_width(w.tr("input"));
      for (const TornadoBar& bar : uncertainty->tornado) input_width = std::max(input_width, text::display_width(bar.input));
      const std::size_t npv_width =
          std::max<std::size_t>({15, text::display_width(w.tr("NPV at P10")), text::display_width(w.tr("NPV at P90"))});
      out += "      " + text::pad_right(w.tr("input"), input_width) + "  " + text::pad_left(w.tr("NPV at P10"), npv_width) +
             "  " + text::pad_left(w.tr("NPV at P90"), npv_width) + "\n";
      for (const TornadoBar& bar : uncertainty->tornado)
        out += "      " + text::pad_right(bar.input, input_width) + "  " + text::pad_left(w.money(bar.npv_at_p10), npv_width) +
               "  " + text::pad_left(w.money(bar.npv_at_p90), npv_width) + "\n";
    }
  }
  if (!plan.skipped.empty()) {
    out += std::string("\n  ") + w.tr("Not in the plan:") + "\n";
    for (const SkippedMeasure& s : plan.skipped) out += fmt::format("    {}: {}\n", s.id, w.say(s.reason));
  }
  return out;
}

std::string render_plan_markdown(const Process& process, const Plan& plan, const PlanReportOptions& options,
                                 const PlanUncertainty* uncertainty) {
  using text::markdown_escape;
  const Wording w(options.language);
  const double hpd = process.calendar.hours_per_day;
  std::string out = "## " + w.tr_format("Digitisation plan: {}", markdown_escape(process.info.name)) + "\n\n";
  const PlanTotals sum = totals(plan);
  const double once = sum.once, yearly = sum.yearly, saved = sum.saved, hours = sum.hours_freed;
  auto not_in_plan = [&] {
    if (plan.skipped.empty()) return;
    out += std::string("\n**") + w.tr("Not in the plan:") + "**\n\n";
    for (const SkippedMeasure& s : plan.skipped)
      out += fmt::format("- {}: {}\n", markdown_escape(s.name), markdown_escape(w.say(s.reason)));
  };
  if (plan.measures.empty()) {
    out += why_no_measure(plan, w) + "\n";
    not_in_plan();
    return out;
  }
  const std::size_t count = plan.measures.size();
  const auto waves = static_cast<std::size_t>(plan.measures.back().wave);
  out += w.tr_plural_format(
      "**In short:** {} in {} frees about **{} staff hours a year** for other work: freed capacity worth **{}** a "
      "year at cost rates (not cash: the hours go to other work), for **{}** once and {} a year. ",
      "**In short:** {} in {} free about **{} staff hours a year** for other work: freed capacity worth **{}** a "
      "year at cost rates (not cash: the hours go to other work), for **{}** once and {} a year. ",
      count, w.tr_plural_format("{} measure", "{} measures", count, count),
      w.tr_plural_format("{} wave", "{} waves", waves, waves), w.number(hours, 0), w.money(saved), w.money(once),
      w.money(yearly));
  if (plan.before.lead_time_hours && plan.after.lead_time_hours) {
    const double after_days = *plan.after.lead_time_hours / hpd, before_days = *plan.before.lead_time_hours / hpd;
    if (w.number(after_days, 1) == w.number(before_days, 1))
      out += w.tr_format("A case still takes **{} working days**. ", w.number(after_days, 1));
    else
      out += w.tr_format("A case takes **{} instead of {} working days**. ", w.number(after_days, 1),
                         w.number(before_days, 1));
  }
  if (saved - yearly > 0)
    out += whole_plan_payback(once / (saved - yearly), uncertainty, w);
  if (!optimism_bias_note(plan.options, w).empty()) out += " " + optimism_bias_note(plan.options, w);
  out += fmt::format("\n\n### {}\n\n| | {} | {} |\n|---|--:|--:|\n", w.tr("Before and after"), w.tr("Before"),
                     w.tr("After"));
  out += fmt::format("| {} | {} | {} |\n", w.tr("Lead time"), lead(w, plan.before.lead_time_hours, hpd),
                     lead(w, plan.after.lead_time_hours, hpd));
  for (const CaseFigure& figure : case_figures())
    if (figure.role == FigureRole::per_case)
      out += fmt::format("| {} | {} | {} |\n", w.tr_format("{} per case", w.label(figure)),
                         w.figure(figure, figure.value(plan.before)), w.figure(figure, figure.value(plan.after)));
  out += fmt::format("| {} | {} | {} |\n", w.tr("OZG maturity level"), ozg(plan.before, w), ozg(plan.after, w));
  out += fmt::format("| {} | {} | {} |\n\n", w.tr("Bottleneck"),
                     markdown_escape(bottleneck_name(process, plan.after_process, plan, false, w)),
                     markdown_escape(bottleneck_name(process, plan.after_process, plan, true, w)));
  out += fmt::format("### {}\n\n| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n"
                     "|--:|---|--:|--:|--:|--:|--:|--:|---|\n",
                     w.tr("What to do, in this order"), w.tr("Wave"), w.tr("Measure"), w.tr("Lead time saved"),
                     w.tr("Staff hours freed a year"), w.tr("Freed capacity a year at cost rates"), w.tr("Once"),
                     w.tr("A year"), w.tr("Pays back"), w.tr("Why in the plan"));
  for (const PlannedMeasure& m : plan.measures) {
    const MeasureSpread* drawn = spread_of(uncertainty, m.id);
    out += fmt::format("| {} | {} | {} | {} | {}{} | {}{} | {} | {}{} | {} |\n", m.wave, markdown_escape(m.name),
                       m.lead_time_saved_hours ? w.days(*m.lead_time_saved_hours / hpd) : "–",
                       w.number(m.staff_hours_freed_per_year, 0), w.money(m.staff_cost_saved_per_year),
                       drawn ? money_range(w, drawn->staff_cost_saved_per_year) : "", w.money(m.one_off_cost),
                       drawn ? money_range(w, drawn->one_off_cost) : "", w.money(m.yearly_cost),
                       m.payback_years ? w.years(*m.payback_years) : std::string(w.tr("never")),
                       drawn ? payback_range(w, drawn->payback_years) : "", markdown_escape(w.say(m.because.detail)));
  }
  out += std::string("\n") +
         w.tr("Each measure is evaluated on the process as changed by the measures before it. Hours freed are "
              "capacity for other work, not job cuts. Costs and effects of catalogue measures are documented "
              "assumptions; see the catalogue.") +
         "\n";
  if (uncertainty) {
    out += fmt::format("\n### {}\n\n{}\n", w.tr("How sure the figures are"), uncertainty_summary(*uncertainty, w));
    if (!uncertainty->tornado.empty()) {
      out += fmt::format("\n{}\n\n| {} | {} | {} |\n|---|--:|--:|\n",
                         w.tr("What moves the net present value most (the input at its P10 and P90, every other at "
                              "its most likely value):"),
                         w.tr("Input"), w.tr("NPV at P10"), w.tr("NPV at P90"));
      for (const TornadoBar& bar : uncertainty->tornado)
        out += fmt::format("| `{}` | {} | {} |\n", bar.input, w.money(bar.npv_at_p10), w.money(bar.npv_at_p90));
    }
  }
  not_in_plan();
  return out;
}

}  // namespace paperflow
