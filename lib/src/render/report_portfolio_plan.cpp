#include "paperflow/report_portfolio_plan.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analysis_json.h"
#include "paperflow/figures.h"
#include "paperflow/report_analysis.h"
#include "plan_wording.h"
#include "text_layout.h"
#include "wording.h"

namespace paperflow {
namespace {

using nlohmann::ordered_json;
using namespace plan_text;

ordered_json optional_number(const std::optional<double>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); }

// "poststelle" for a shared unit, "wohngeld/wohngeldstelle" for a unit of one
// process, as paperflow-analyse names the organisation's bottleneck.
std::optional<std::string> bottleneck_id(const Portfolio& portfolio, const PortfolioAnalysis& a) {
  if (!a.bottleneck) return std::nullopt;
  if (a.bottleneck->shared_unit) return portfolio.organisation.units[*a.bottleneck->shared_unit].id;
  return portfolio.unit_name(a.bottleneck->process, a.bottleneck->unit);
}

// The same by name, for a reader: "Zentrale Poststelle", "Wohngeld: Wohngeldstelle".
std::string bottleneck_label(const Portfolio& portfolio, const PortfolioAnalysis& a, const Wording& w) {
  if (!a.bottleneck) return w.tr("none (no work)");
  if (a.bottleneck->shared_unit) return portfolio.organisation.units[*a.bottleneck->shared_unit].name;
  const Process& process = portfolio.processes[a.bottleneck->process].process;
  return process.info.name + ": " + process.units[a.bottleneck->unit].name;
}

// The top-level keys of the portfolio analysis's JSON without `processes`
// (docs/organisation.md#json-output-of-the-analysis), for before and after.
ordered_json portfolio_summary_json(const Portfolio& portfolio, const PortfolioAnalysis& a) {
  ordered_json out;
  out["stable"] = a.stable;
  ordered_json shared = ordered_json::array();
  for (std::size_t u = 0; u < a.shared_units.size(); ++u) {
    const SharedUnitFigures& f = a.shared_units[u];
    ordered_json share = ordered_json::object();
    for (const auto& [p, s] : f.load_share) share[portfolio.processes[p].process.info.id] = s;
    shared.push_back({{"id", portfolio.organisation.units[u].id},
                      {"utilisation", f.utilisation},
                      {"queue_wait_hours", optional_number(f.queue_wait_hours)},
                      {"staff_hours_per_year", f.hours_per_year},
                      {"load_share", std::move(share)}});
  }
  out["shared_units"] = std::move(shared);
  const auto bottleneck = bottleneck_id(portfolio, a);
  out["bottleneck"] = bottleneck ? ordered_json(*bottleneck) : ordered_json(nullptr);
  ordered_json levels = ordered_json::object();
  for (std::size_t level = 0; level < a.ozg_levels.size(); ++level) levels[std::to_string(level)] = a.ozg_levels[level];
  out["ozg_levels"] = std::move(levels);
  out["staff_hours_per_year"] = a.staff_hours_per_year;
  out["staff_cost_per_year"] = a.staff_cost_per_year;
  return out;
}

std::vector<std::string> process_ids(const Portfolio& portfolio, const std::vector<std::size_t>& processes) {
  std::vector<std::string> ids;
  for (std::size_t p : processes) ids.push_back(portfolio.processes[p].process.info.id);
  return ids;
}

// Where a measure works, in a clause: "in Wohngeld", "organisation-wide, in
// 4 processes: Wohngeld, ...".
std::string where_it_works(const Portfolio& portfolio, const PortfolioPlannedMeasure& m, const Wording& w) {
  std::string names;
  for (std::size_t p : m.processes) names += (names.empty() ? "" : ", ") + portfolio.processes[p].process.info.name;
  if (m.scope == MeasureScope::process) return w.tr_format("in {}", names);
  return w.tr_plural_format("organisation-wide, bought once, in {} process: {}",
                            "organisation-wide, bought once, in {} processes: {}", m.processes.size(),
                            m.processes.size(), names);
}

// "2 / 1 / 1 / 0 / 0", and how many processes have no level.
std::string ozg_counts(const PortfolioAnalysis& a, const Wording& w) {
  std::string out;
  for (std::size_t level = 0; level < a.ozg_levels.size(); ++level)
    out += (level ? " / " : "") + std::to_string(a.ozg_levels[level]);
  if (a.processes_without_ozg_level > 0) out += " " + w.tr_format("({} without)", a.processes_without_ozg_level);
  return out;
}

// The processes to begin with: those whose measures in wave 1 free the most
// capacity, largest first; an organisation-wide measure counts in none of
// them (it is named on its own).
struct StartingPoint {
  std::size_t process = 0;
  double saved = 0;
  std::vector<std::string> measures;
};
std::vector<StartingPoint> where_to_start(const Portfolio& portfolio, const PortfolioPlan& plan) {
  std::vector<StartingPoint> points;
  for (const PortfolioPlannedMeasure& m : plan.measures) {
    if (m.figures.wave != 1 || m.scope != MeasureScope::process || m.processes.empty()) continue;
    const std::size_t p = m.processes.front();
    auto it = std::find_if(points.begin(), points.end(), [&](const StartingPoint& s) { return s.process == p; });
    if (it == points.end()) it = points.insert(points.end(), StartingPoint{p, 0, {}});
    it->saved += m.figures.staff_cost_saved_per_year;
    it->measures.push_back(m.figures.name);
  }
  std::stable_sort(points.begin(), points.end(),
                   [](const StartingPoint& a, const StartingPoint& b) { return a.saved > b.saved; });
  if (points.size() > 3) points.resize(3);
  (void)portfolio;
  return points;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// The sentences of "where to start".
std::vector<std::string> start_sentences(const Portfolio& portfolio, const PortfolioPlan& plan, const Wording& w) {
  std::vector<std::string> out;
  for (const PortfolioPlannedMeasure& m : plan.measures)
    if (m.figures.wave == 1 && m.scope == MeasureScope::organisation)
      out.push_back(w.tr_plural_format(
          "{} first: bought once, it changes {} process and frees capacity worth {} a year at cost rates.",
          "{} first: bought once, it changes {} processes and frees capacity worth {} a year at cost rates.",
          m.processes.size(), m.figures.name, m.processes.size(), w.money(m.figures.staff_cost_saved_per_year)));
  for (const StartingPoint& s : where_to_start(portfolio, plan))
  {
    std::string measures = joined({s.measures.begin(), s.measures.begin() + std::min<std::ptrdiff_t>(3, std::ssize(s.measures))});
    if (s.measures.size() > 3) measures += w.tr_format(" and {} more", s.measures.size() - 3);
    out.push_back(w.tr_format("{}: {} in wave 1 free capacity worth {} a year at cost rates.",
                              portfolio.processes[s.process].process.info.name, measures, w.money(s.saved)));
  }
  return out;
}

PlanTotals totals(const PortfolioPlan& plan) {
  PlanTotals t;
  for (const PortfolioPlannedMeasure& m : plan.measures) {
    t.hours_freed += m.figures.staff_hours_freed_per_year;
    t.saved += m.figures.staff_cost_saved_per_year;
    t.once += m.figures.one_off_cost;
    t.yearly += m.figures.yearly_cost;
  }
  return t;
}

const char* objective_name(PlanObjective objective, const Wording& w) {
  switch (objective) {
    case PlanObjective::cost: return w.tr("staff cost");
    case PlanObjective::lead_time: return w.tr("lead time");
    case PlanObjective::media_breaks: return w.tr("media breaks");
  }
  return "";
}

std::string why_no_measure(const PortfolioPlan& plan, const Wording& w) {
  if (plan.skipped.empty()) return w.tr("No measure applies to any process of the organisation.");
  return w.tr_format("No measure pays back within {} years, is required by one that does, or is needed for OZG level 3.",
                     w.short_number(plan.options.horizon_years, 2));
}

// The candidates that select no step of their process, counted rather than
// listed: in a large organisation most candidates are such (the JSON lists them).
std::string selecting_nothing(const PortfolioPlan& plan, const Wording& w) {
  const auto count = static_cast<std::size_t>(std::count_if(plan.skipped.begin(), plan.skipped.end(),
                                                            [](const PortfolioSkippedMeasure& s) { return s.selects_nothing; }));
  if (count == 0) return "";
  return w.tr_plural_format("{} more candidate selects no step of its process.",
                            "{} more candidates select no step of their process.", count, count);
}

// What a skipped measure is about: "e_akte" or "online_antrag (wohngeld)".
std::string skipped_label(const Portfolio& portfolio, const PortfolioSkippedMeasure& s) {
  if (s.processes.empty()) return s.id;
  return fmt::format("{} ({})", s.id, joined(process_ids(portfolio, s.processes)));
}

}  // namespace

std::string render_portfolio_plan_json(const Portfolio& portfolio, const PortfolioPlan& plan) {
  ordered_json out;
  out["paperflow"] = 1;
  out["organisation"] = {{"id", portfolio.organisation.id}, {"name", portfolio.organisation.name}};
  out["objective"] = std::string(to_string(plan.options.objective));
  out["budget"] = optional_number(plan.options.budget);
  out["horizon_years"] = plan.options.horizon_years;
  out["optimism_bias"] = plan.options.optimism_bias_percent;
  out["budget_choice"] =
      plan.budget_candidates
          ? ordered_json{{"method", *plan.budget_candidates <= 20 ? "exact" : "greedy"},
                         {"candidates", *plan.budget_candidates}}
          : ordered_json(nullptr);
  out["before"] = portfolio_summary_json(portfolio, plan.before);
  out["after"] = portfolio_summary_json(portfolio, plan.after);
  ordered_json processes = ordered_json::array();
  for (std::size_t p = 0; p < portfolio.processes.size(); ++p) {
    const PortfolioProcess& member = portfolio.processes[p];
    processes.push_back({{"id", member.process.info.id},
                         {"name", member.process.info.name},
                         {"path", member.path},
                         {"changed", static_cast<bool>(plan.changed[p])},
                         {"before", analysis_summary_json(member.process, plan.before.processes[p])},
                         {"after", analysis_summary_json(plan.after_processes[p], plan.after.processes[p])}});
  }
  out["processes"] = std::move(processes);
  ordered_json measures = ordered_json::array();
  for (const PortfolioPlannedMeasure& planned : plan.measures) {
    const PlannedMeasure& m = planned.figures;
    ordered_json j;
    j["id"] = m.id;
    j["name"] = m.name;
    j["scope"] = planned.scope == MeasureScope::organisation ? "organisation" : "process";
    j["wave"] = m.wave;
    j["processes"] = process_ids(portfolio, planned.processes);
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
  for (const PortfolioSkippedMeasure& s : plan.skipped)
    skipped.push_back({{"id", s.id},
                       {"name", s.name},
                       {"processes", process_ids(portfolio, s.processes)},
                       {"reason", s.reason.english()}});
  out["not_in_plan"] = std::move(skipped);
  return out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

std::string render_portfolio_plan_text(const Portfolio& portfolio, const PortfolioPlan& plan,
                                       const PlanReportOptions& options) {
  const Wording w(options.language);
  text::Style style{options.color};
  const Organisation& organisation = portfolio.organisation;
  const double hpd = organisation.calendar.hours_per_day;
  const std::size_t n = portfolio.processes.size();
  std::string out = style.bold(organisation.name) + " (" + organisation.id + "): " +
                    w.tr_plural_format("digitisation plan for {} process", "digitisation plan for {} processes", n, n) +
                    "\n";
  out += w.tr_format("objective: {}", objective_name(plan.options.objective, w));
  if (plan.options.budget)
    out += w.tr_format("; budget {} ({})", w.money(*plan.options.budget), w.say(plan.selection_method));
  out += "\n\n";

  // The organisation before and after.
  std::vector<std::array<std::string, 3>> rows;
  rows.push_back({w.tr("Staff hours a year"), w.number(plan.before.staff_hours_per_year, 0),
                  w.number(plan.after.staff_hours_per_year, 0)});
  rows.push_back({w.tr("Staff cost a year"), w.money(plan.before.staff_cost_per_year),
                  w.money(plan.after.staff_cost_per_year)});
  for (std::size_t u = 0; u < organisation.units.size(); ++u)
    if (!organisation.units[u].external)
      rows.push_back({w.tr_format("Utilisation of {}", organisation.units[u].name),
                      w.percent(plan.before.shared_units[u].utilisation),
                      w.percent(plan.after.shared_units[u].utilisation)});
  rows.push_back({w.tr("Processes at OZG level 0/1/2/3/4"), ozg_counts(plan.before, w), ozg_counts(plan.after, w)});
  std::size_t label_width = 24;
  for (const auto& row : rows) label_width = std::max(label_width, text::display_width(row[0]) + 2);
  out += style.bold("  " + text::pad_right("", label_width) + text::pad_left(w.tr("before"), 20) +
                    text::pad_left(w.tr("after"), 22)) +
         "\n";
  for (const auto& row : rows)
    out += "  " + text::pad_right(row[0], label_width) + text::pad_left(row[1], 20) + text::pad_left(row[2], 22) + "\n";
  const std::string before = bottleneck_label(portfolio, plan.before, w);
  const std::string after = bottleneck_label(portfolio, plan.after, w);
  out += before == after ? "  " + w.tr_format("Bottleneck before and after: {}", before) + "\n"
                         : "  " + w.tr_format("Bottleneck before: {}", before) + "\n  " +
                               w.tr_format("Bottleneck after:  {}", after) + "\n";

  // Each process's lead time and OZG level.
  out += "\n" + style.bold("  " + std::string(w.tr("Lead time and OZG level of each process:"))) + "\n";
  std::size_t name_width = 20;
  for (const PortfolioProcess& member : portfolio.processes)
    name_width = std::max(name_width, text::display_width(member.process.info.name) + 2);
  for (std::size_t p = 0; p < n; ++p) {
    const Analysis &b = plan.before.processes[p], &a = plan.after.processes[p];
    const std::string level = (b.ozg_level ? std::to_string(*b.ozg_level) : "–") + " → " +
                              (a.ozg_level ? std::to_string(*a.ozg_level) : "–");
    out += "    " + text::pad_right(portfolio.processes[p].process.info.name, name_width) +
           text::pad_left(lead(w, b.lead_time_hours, hpd), 18) + " → " +
           text::pad_right(lead(w, a.lead_time_hours, hpd), 18) + "  " + w.tr_format("OZG {}", level) + "\n";
  }

  if (plan.measures.empty()) {
    out += "\n  " + why_no_measure(plan, w) + "\n";
  } else {
    out += "\n" + style.bold("  " + std::string(w.tr("Where to start:"))) + "\n";
    for (const std::string& sentence : start_sentences(portfolio, plan, w)) out += text::wrap(sentence, 76, "    ");
  }
  for (const PortfolioPlannedMeasure& planned : plan.measures) {
    const PlannedMeasure& m = planned.figures;
    out += "\n" + style.bold("  " + w.tr_format("Wave {}: {}", m.wave, m.name)) + fmt::format(" ({})\n", m.id);
    out += text::wrap(where_it_works(portfolio, planned, w), 76, "    ");
    out += "    " + w.tr_plural_format("changes {} step: ", "changes {} steps: ", m.steps.size(), m.steps.size());
    for (std::size_t i = 0; i < m.steps.size() && i < 6; ++i) out += (i ? ", " : "") + m.steps[i];
    if (m.steps.size() > 6) out += w.tr_format(" and {} more", m.steps.size() - 6);
    out += "\n";
    out += text::wrap(w.tr_format("lead time saved {} on the mean case of the organisation, {} staff hours freed a "
                                  "year, worth {} a year at cost rates",
                                  m.lead_time_saved_hours ? w.hours(*m.lead_time_saved_hours)
                                                          : std::string(w.tr("n/a")),
                                  w.number(m.staff_hours_freed_per_year, 0), w.money(m.staff_cost_saved_per_year)),
                      76, "    ");
    out += text::wrap(w.tr_format("per case of the organisation: {}", changes_per_case(m, w)), 76, "    ");
    std::string cost = w.tr_format("costs {} once{} and {} a year", w.money(m.one_off_cost), "", w.money(m.yearly_cost));
    cost += m.payback_years ? w.tr_format("; pays back in {} years", w.number(*m.payback_years, 1))
                            : std::string(w.tr("; does not pay back in staff cost alone"));
    out += "    " + cost + "\n";
    out += text::wrap(w.tr_format("in the plan: {}", w.say(m.because.detail)), 76, "    ");
  }
  if (!optimism_bias_note(plan.options, w).empty()) out += "\n  " + optimism_bias_note(plan.options, w) + "\n";
  if (!plan.skipped.empty()) {
    out += std::string("\n  ") + w.tr("Not in the plan:") + "\n";
    for (const PortfolioSkippedMeasure& s : plan.skipped)
      if (!s.selects_nothing)
        out += text::wrap(fmt::format("{}: {}", skipped_label(portfolio, s), w.say(s.reason)), 76, "    ");
    out += text::wrap(selecting_nothing(plan, w), 76, "    ");
  }
  return out;
}

std::string render_portfolio_plan_markdown(const Portfolio& portfolio, const PortfolioPlan& plan,
                                           const PlanReportOptions& options) {
  using text::markdown_escape;
  const Wording w(options.language);
  const Organisation& organisation = portfolio.organisation;
  const double hpd = organisation.calendar.hours_per_day;
  std::string out = "## " + w.tr_format("Digitisation plan: {}", markdown_escape(organisation.name)) + "\n\n";
  auto not_in_plan = [&] {
    if (plan.skipped.empty()) return;
    out += std::string("\n**") + w.tr("Not in the plan:") + "**\n\n";
    for (const PortfolioSkippedMeasure& s : plan.skipped)
      if (!s.selects_nothing)
        out += fmt::format("- {} ({}): {}\n", markdown_escape(s.name),
                           markdown_escape(s.processes.empty() ? s.id : joined(process_ids(portfolio, s.processes))),
                           markdown_escape(w.say(s.reason)));
    if (!selecting_nothing(plan, w).empty()) out += "\n" + selecting_nothing(plan, w) + "\n";
  };
  if (!plan.measures.empty()) {
    const PlanTotals sum = totals(plan);
    const std::size_t count = plan.measures.size();
    const auto waves = static_cast<std::size_t>(plan.measures.back().figures.wave);
    out += w.tr_plural_format(
        "**In short:** {} in {} frees about **{} staff hours a year** for other work: freed capacity worth **{}** a "
        "year at cost rates (not cash: the hours go to other work), for **{}** once and {} a year. ",
        "**In short:** {} in {} free about **{} staff hours a year** for other work: freed capacity worth **{}** a "
        "year at cost rates (not cash: the hours go to other work), for **{}** once and {} a year. ",
        count, w.tr_plural_format("{} measure", "{} measures", count, count),
        w.tr_plural_format("{} wave", "{} waves", waves, waves), w.number(sum.hours_freed, 0), w.money(sum.saved),
        w.money(sum.once), w.money(sum.yearly));
    if (sum.saved - sum.yearly > 0) out += whole_plan_payback(sum.once / (sum.saved - sum.yearly), nullptr, w);
    if (!optimism_bias_note(plan.options, w).empty()) out += " " + optimism_bias_note(plan.options, w);
    if (plan.options.budget)
      out += " " + w.tr_format("Budget {}: {}.", w.money(*plan.options.budget), w.say(plan.selection_method));
    out += fmt::format("\n\n### {}\n\n", w.tr("Where to start"));
    for (const std::string& sentence : start_sentences(portfolio, plan, w)) out += "- " + markdown_escape(sentence) + "\n";
    out += "\n";
  } else {
    out += why_no_measure(plan, w) + "\n\n";
  }
  out += fmt::format("### {}\n\n| | {} | {} |\n|---|--:|--:|\n", w.tr("The organisation before and after"),
                     w.tr("Before"), w.tr("After"));
  out += fmt::format("| {} | {} | {} |\n", w.tr("Staff hours a year"), w.number(plan.before.staff_hours_per_year, 0),
                     w.number(plan.after.staff_hours_per_year, 0));
  out += fmt::format("| {} | {} | {} |\n", w.tr("Staff cost a year"), w.money(plan.before.staff_cost_per_year),
                     w.money(plan.after.staff_cost_per_year));
  for (std::size_t u = 0; u < organisation.units.size(); ++u)
    if (!organisation.units[u].external)
      out += fmt::format("| {} | {} | {} |\n",
                         markdown_escape(w.tr_format("Utilisation of {}", organisation.units[u].name)),
                         w.percent(plan.before.shared_units[u].utilisation),
                         w.percent(plan.after.shared_units[u].utilisation));
  out += fmt::format("| {} | {} | {} |\n", w.tr("Bottleneck"), markdown_escape(bottleneck_label(portfolio, plan.before, w)),
                     markdown_escape(bottleneck_label(portfolio, plan.after, w)));
  out += fmt::format("| {} | {} | {} |\n\n", w.tr("Processes at OZG level 0/1/2/3/4"), ozg_counts(plan.before, w),
                     ozg_counts(plan.after, w));
  out += fmt::format("### {}\n\n| {} | {} | {} | {} | {} |\n|---|--:|--:|---|---|\n", w.tr("Each process"),
                     w.tr("Process"), w.tr("Lead time before"), w.tr("Lead time after"), w.tr("OZG maturity before"),
                     w.tr("OZG maturity after"));
  for (std::size_t p = 0; p < portfolio.processes.size(); ++p) {
    const Analysis &b = plan.before.processes[p], &a = plan.after.processes[p];
    out += fmt::format("| {} | {} | {} | {} | {} |\n", markdown_escape(portfolio.processes[p].process.info.name),
                       lead(w, b.lead_time_hours, hpd), lead(w, a.lead_time_hours, hpd), ozg(b, w), ozg(a, w));
  }
  if (!plan.measures.empty()) {
    out += fmt::format("\n### {}\n\n| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n"
                       "|--:|---|---|--:|--:|--:|--:|--:|--:|---|\n",
                       w.tr("What to do, in this order"), w.tr("Wave"), w.tr("Measure"), w.tr("Where"),
                       w.tr("Lead time saved"), w.tr("Staff hours freed a year"),
                       w.tr("Freed capacity a year at cost rates"), w.tr("Once"), w.tr("A year"), w.tr("Pays back"),
                       w.tr("Why in the plan"));
    for (const PortfolioPlannedMeasure& planned : plan.measures) {
      const PlannedMeasure& m = planned.figures;
      out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", m.wave, markdown_escape(m.name),
                         markdown_escape(where_it_works(portfolio, planned, w)),
                         m.lead_time_saved_hours ? w.hours(*m.lead_time_saved_hours) : "–",
                         w.number(m.staff_hours_freed_per_year, 0), w.money(m.staff_cost_saved_per_year),
                         w.money(m.one_off_cost), w.money(m.yearly_cost),
                         m.payback_years ? w.years(*m.payback_years) : std::string(w.tr("never")),
                         markdown_escape(w.say(m.because.detail)));
    }
    out += std::string("\n") +
           w.tr("Each measure is evaluated on the organisation as changed by the measures before it; a shorter wait "
                "at a shared unit counts in every process that waits there. Lead time saved is the mean over all "
                "the organisation's cases. Hours freed are capacity for other work, not job cuts. An "
                "organisation-wide measure is bought once for every process it changes.") +
           "\n";
  }
  not_in_plan();
  return out;
}

std::vector<std::string> portfolio_start_sentences(const Portfolio& portfolio, const PortfolioPlan& plan,
                                                   Language language) {
  return start_sentences(portfolio, plan, Wording(language));
}

std::string portfolio_measure_place(const Portfolio& portfolio, const PortfolioPlannedMeasure& measure,
                                    Language language) {
  return where_it_works(portfolio, measure, Wording(language));
}

}  // namespace paperflow
