#include "paperflow/report_portfolio.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analysis_json.h"
#include "paperflow/dot_portfolio.h"
#include "paperflow/report_analysis.h"
#include "text_layout.h"
#include "wording.h"

namespace paperflow {
namespace {

using nlohmann::ordered_json;

ordered_json optional_number(const std::optional<double>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

// Staff hours a year of one process: its internal units, shared ones at the
// organisation's (the analysis was made on the process as in the organisation).
double staff_hours_per_year(const Analysis& analysis) {
  double hours = 0;
  for (const UnitFigures& unit : analysis.units)
    if (!unit.external) hours += unit.hours_per_year;
  return hours;
}

double total_cases(const Portfolio& portfolio) {
  double cases = 0;
  for (const PortfolioProcess& member : portfolio.processes) cases += member.process.cases_per_year.value_or(0);
  return cases;
}

// "wohngeld 61 %, bewohnerparkausweis 39 %", the largest share first.
std::string load_shares(const Portfolio& portfolio, const SharedUnitFigures& unit, const Wording& w,
                        std::size_t shown) {
  std::vector<std::pair<std::size_t, double>> shares = unit.load_share;
  std::stable_sort(shares.begin(), shares.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string out;
  for (std::size_t k = 0; k < shares.size() && k < shown; ++k)
    out += (k ? ", " : "") + portfolio.processes[shares[k].first].process.info.id + " " +
           overview_share_label(shares[k].second);
  if (shares.size() > shown) out += " " + w.tr_format("and {} more", shares.size() - shown);
  return out;
}

std::string lead_time_text(const Analysis& analysis, const Wording& w) {
  return analysis.lead_time_days ? w.days(*analysis.lead_time_days) : std::string(w.tr("unbounded"));
}

// A process's own bottleneck: "Wohngeldstelle 87.3 %".
std::string process_bottleneck(const Portfolio& portfolio, std::size_t p, const Analysis& analysis, const Wording& w) {
  if (!analysis.bottleneck) return "-";
  const std::size_t u = *analysis.bottleneck;
  const PortfolioProcess& member = portfolio.processes[p];
  const std::string& name = member.shared_units[u] ? portfolio.organisation.units[*member.shared_units[u]].name
                                                   : member.process.units[u].name;
  return name + " " + w.percent(analysis.units[u].utilisation);
}

}  // namespace

std::string portfolio_bottleneck_name(const Portfolio& portfolio, const PortfolioBottleneck& bottleneck) {
  if (bottleneck.shared_unit) return portfolio.organisation.units[*bottleneck.shared_unit].name;
  const Process& process = portfolio.processes[bottleneck.process].process;
  return process.units[bottleneck.unit].name + " (" + process.info.name + ")";
}

std::string portfolio_bottleneck_id(const Portfolio& portfolio, const PortfolioBottleneck& bottleneck) {
  if (bottleneck.shared_unit) return portfolio.organisation.units[*bottleneck.shared_unit].id;
  return portfolio.unit_name(bottleneck.process, bottleneck.unit);
}

std::vector<std::size_t> processes_by_staff_hours(const PortfolioAnalysis& analysis, const Portfolio& portfolio) {
  (void)portfolio;
  std::vector<std::size_t> order(analysis.processes.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<double> hours(order.size());
  for (std::size_t p = 0; p < order.size(); ++p) hours[p] = staff_hours_per_year(analysis.processes[p]);
  auto lead = [&](std::size_t p) { return analysis.processes[p].lead_time_hours.value_or(HUGE_VAL); };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (hours[a] != hours[b]) return hours[a] > hours[b];
    return lead(a) > lead(b);
  });
  return order;
}

std::string render_portfolio_json(const Portfolio& portfolio, const PortfolioAnalysis& analysis) {
  const Organisation& organisation = portfolio.organisation;
  ordered_json out;
  out["paperflow"] = 1;
  out["organisation"] = {{"id", organisation.id}, {"name", organisation.name}};
  out["stable"] = analysis.stable;
  out["processes"] = ordered_json::array();  // spliced in below, one process at a time
  ordered_json shared = ordered_json::array();
  for (std::size_t u = 0; u < organisation.units.size(); ++u) {
    const SharedUnitFigures& f = analysis.shared_units[u];
    // Process ids are unique in a valid portfolio, so the shares are
    // appended without the ordered object's search for an existing key,
    // which made a unit used by n processes cost n² comparisons.
    ordered_json share = ordered_json::object();
    auto& pairs = static_cast<ordered_json::object_t::Container&>(share.get_ref<ordered_json::object_t&>());
    pairs.reserve(f.load_share.size());
    for (const auto& [p, value] : f.load_share) pairs.emplace_back(portfolio.processes[p].process.info.id, value);
    shared.push_back({{"id", organisation.units[u].id},
                      {"external", f.external},
                      {"utilisation", f.utilisation},
                      {"queue_wait_hours", optional_number(f.queue_wait_hours)},
                      {"staff_hours_per_year", f.hours_per_year},
                      {"load_share", std::move(share)}});
  }
  out["shared_units"] = std::move(shared);
  out["bottleneck"] =
      analysis.bottleneck ? ordered_json(portfolio_bottleneck_id(portfolio, *analysis.bottleneck)) : ordered_json(nullptr);
  ordered_json levels = ordered_json::object();
  for (std::size_t level = 0; level < analysis.ozg_levels.size(); ++level)
    levels[std::to_string(level)] = analysis.ozg_levels[level];
  out["ozg_levels"] = std::move(levels);
  out["staff_hours_per_year"] = analysis.staff_hours_per_year;
  out["staff_cost_per_year"] = analysis.staff_cost_per_year;
  std::string text = out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
  if (portfolio.processes.empty()) return text;

  // Each process's entry is built and written on its own, indented as in
  // the whole document, and put in place of the empty list: a tree of every
  // process's analysis at once took more memory than all the figures
  // (about 35 KB a process of 30 steps).
  std::string entries = "[\n";
  for (std::size_t p = 0; p < portfolio.processes.size(); ++p) {
    const PortfolioProcess& member = portfolio.processes[p];
    ordered_json entry;
    entry["id"] = member.process.info.id;
    entry["path"] = member.path;
    entry["cases_per_year"] = member.process.cases_per_year.value_or(0);
    entry["analysis"] = analysis_json(portfolio.as_in_organisation(p), analysis.processes[p]);
    const std::string one = entry.dump(2, ' ', false, ordered_json::error_handler_t::replace);
    if (p > 0) entries += ",\n";
    entries += "    ";
    for (char c : one) {
      entries += c;
      if (c == '\n') entries += "    ";  // a newline inside a string is written as \n, never raw
    }
  }
  entries += "\n  ]";
  const std::string_view placeholder = "\n  \"processes\": []";
  // No string holds this: JSON writes a newline in a string as \n.
  const std::size_t at = text.find(placeholder);
  text.replace(at + placeholder.size() - 2, 2, entries);
  return text;
}

std::string render_portfolio_text(const Portfolio& portfolio, const PortfolioAnalysis& a,
                                  const PortfolioReportOptions& options) {
  const Wording w(options.language);
  const text::Style style{options.color};
  const Organisation& organisation = portfolio.organisation;
  std::string out;
  out += style.bold(organisation.name) + " (" + organisation.id + ")\n";
  out += w.tr_plural_format("{} process, {} cases a year; {} working days of {} h",
                            "{} processes, {} cases a year; {} working days of {} h", portfolio.processes.size(),
                            portfolio.processes.size(), w.number(total_cases(portfolio), 0),
                            w.short_number(organisation.calendar.days_per_year, 2),
                            w.short_number(organisation.calendar.hours_per_day, 2)) +
         "\n\n";
  const std::size_t label_width = 24;
  auto row = [&](std::string_view label, const std::string& value, const std::string& note = {}) {
    out += "  " + text::pad_right(label, label_width) + text::pad_left(value, 16) + (note.empty() ? "" : "   " + note) +
           "\n";
  };
  row(w.tr("Staff hours a year"), w.number(a.staff_hours_per_year, 0));
  row(w.tr("Staff cost a year"), w.money(a.staff_cost_per_year));
  if (a.bottleneck)
    row(w.tr("Bottleneck"), w.percent(a.bottleneck->utilisation), portfolio_bottleneck_name(portfolio, *a.bottleneck));
  else
    row(w.tr("Bottleneck"), "-", w.tr("No internal unit has work: there is no bottleneck."));
  if (!a.stable) out += "  " + style.alarm(w.tr("A unit is over capacity: lead times that pass it are unbounded.")) + "\n";

  // The shared units, with who sends them their load.
  if (!organisation.units.empty()) {
    std::size_t name_width = text::display_width(w.tr("Shared unit"));
    for (const Unit& unit : organisation.units) name_width = std::max(name_width, text::display_width(unit.name));
    name_width = std::min<std::size_t>(name_width, 32);
    out += "\n" + style.bold("  " + text::pad_right(w.tr("Shared unit"), name_width) +
                             text::pad_left(w.tr("utilisation"), 13) + text::pad_left(w.tr("queue wait"), 13) +
                             text::pad_left(w.tr("hours/year"), 13) + "   " + w.tr("load share")) +
           "\n";
    for (std::size_t u = 0; u < organisation.units.size(); ++u) {
      const SharedUnitFigures& f = a.shared_units[u];
      const bool bottleneck = a.bottleneck && a.bottleneck->shared_unit == u;
      std::string line = (bottleneck ? "▶ " : "  ") +
                         text::pad_right(text::truncate(organisation.units[u].name, name_width), name_width);
      if (f.external) {
        line += text::pad_left(w.tr("external"), 13) + text::pad_left("-", 13);
      } else {
        line += text::pad_left(w.percent(f.utilisation), 13);
        line += text::pad_left(f.queue_wait_hours ? w.hours(*f.queue_wait_hours) : std::string(w.tr("unbounded")), 13);
      }
      line += text::pad_left(w.number(f.hours_per_year, 0), 13);
      line += "   " + (f.load_share.empty() ? std::string(w.tr("no work")) : load_shares(portfolio, f, w, 4));
      if (!f.stable) line += "   " + style.alarm(w.tr("over capacity"));
      out += (bottleneck ? style.bold(line) : line) + "\n";
    }
  }

  // The processes, the most staff hours first.
  const std::vector<std::size_t> ranked = processes_by_staff_hours(a, portfolio);
  const std::size_t shown = std::min(options.top_processes, ranked.size());
  std::size_t name_width = text::display_width(w.tr("Process"));
  for (std::size_t k = 0; k < shown; ++k)
    name_width = std::max(name_width, text::display_width(portfolio.processes[ranked[k]].process.info.name));
  name_width = std::min<std::size_t>(name_width, 32);
  out += "\n" + style.bold("  " + text::pad_right(w.tr("Process"), name_width) + text::pad_left(w.tr("cases/year"), 12) +
                           text::pad_left(w.tr("lead time"), 18) + text::pad_left(w.tr("staff hours/year"), 18) +
                           text::pad_left("OZG", 5) + "   " + w.tr("its bottleneck")) +
         "\n";
  for (std::size_t k = 0; k < shown; ++k) {
    const std::size_t p = ranked[k];
    const Process& process = portfolio.processes[p].process;
    const Analysis& analysis = a.processes[p];
    std::string line = "  " + text::pad_right(text::truncate(process.info.name, name_width), name_width);
    line += text::pad_left(w.number(process.cases_per_year.value_or(0), 0), 12);
    line += text::pad_left(lead_time_text(analysis, w), 18);
    line += text::pad_left(w.number(staff_hours_per_year(analysis), 0), 18);
    line += text::pad_left(analysis.ozg_level ? std::to_string(*analysis.ozg_level) : std::string("-"), 5);
    line += "   " + process_bottleneck(portfolio, p, analysis, w);
    out += (analysis.stable ? line : style.alarm(line)) + "\n";
  }
  if (ranked.size() > shown)
    out += "  " + w.tr_format("… and {} more processes (--top N lists more)", ranked.size() - shown) + "\n";

  // How many processes have each OZG level.
  out += "\n" + style.bold(std::string("  ") + w.tr("OZG maturity")) + "\n";
  for (std::size_t level = 0; level < a.ozg_levels.size(); ++level)
    out += "  " + text::pad_right(ozg_level_name(static_cast<int>(level), w.language()), 44) +
           text::pad_left(std::to_string(a.ozg_levels[level]), 6) + "\n";
  if (a.processes_without_ozg_level > 0)
    out += "  " + text::pad_right(w.tr("no applicant-facing step"), 44) +
           text::pad_left(std::to_string(a.processes_without_ozg_level), 6) + "\n";
  return out;
}

std::string render_portfolio_markdown(const Portfolio& portfolio, const PortfolioAnalysis& a,
                                      const PortfolioReportOptions& options) {
  using text::markdown_escape;
  const Wording w(options.language);
  const Organisation& organisation = portfolio.organisation;
  std::string out;
  out += "## " + w.tr_format("{}: the portfolio", markdown_escape(organisation.name)) + "\n\n";
  out += w.tr_plural_format(
             "{} process with {} cases a year; working time of {} days of {} h. Figures are means from the "
             "paperflow analysis; shared units serve every process in one queue.",
             "{} processes with {} cases a year; working time of {} days of {} h. Figures are means from the "
             "paperflow analysis; shared units serve every process in one queue.",
             portfolio.processes.size(), portfolio.processes.size(), w.number(total_cases(portfolio), 0),
             w.short_number(organisation.calendar.days_per_year, 2),
             w.short_number(organisation.calendar.hours_per_day, 2)) +
         "\n\n";
  out += fmt::format("| {} | {} |\n|---|--:|\n", w.tr("Figure"), w.tr("Per year"));
  out += fmt::format("| {} | {} |\n", w.tr("Staff hours"), w.number(a.staff_hours_per_year, 0));
  out += fmt::format("| {} | {} |\n", w.tr("Staff cost"), w.money(a.staff_cost_per_year));
  out += "\n";
  if (a.bottleneck)
    out += w.tr_format("**Bottleneck of the organisation:** {}, utilisation {}.",
                       markdown_escape(portfolio_bottleneck_name(portfolio, *a.bottleneck)),
                       w.percent(a.bottleneck->utilisation)) +
           "\n\n";

  if (!organisation.units.empty()) {
    out += fmt::format("### {}\n\n| {} | {} | {} | {} | {} |\n|---|--:|--:|--:|---|\n", w.tr("Shared units"),
                       w.tr("Unit"), w.tr("Utilisation"), w.tr("Queue wait"), w.tr("Hours per year"),
                       w.tr("Load share"));
    for (std::size_t u = 0; u < organisation.units.size(); ++u) {
      const SharedUnitFigures& f = a.shared_units[u];
      std::string name = markdown_escape(organisation.units[u].name);
      if (a.bottleneck && a.bottleneck->shared_unit == u) name = "**" + name + "** (" + w.tr("bottleneck") + ")";
      if (!f.stable) name += std::string(" (") + w.tr("over capacity") + ")";
      const std::string shares =
          f.load_share.empty() ? std::string(w.tr("no work")) : markdown_escape(load_shares(portfolio, f, w, 10));
      if (f.external)
        out += fmt::format("| {} | {} | – | {} | {} |\n", name, w.tr("external"), w.number(f.hours_per_year, 0), shares);
      else
        out += fmt::format("| {} | {} | {} | {} | {} |\n", name, w.percent(f.utilisation),
                           f.queue_wait_hours ? w.hours(*f.queue_wait_hours) : std::string(w.tr("unbounded")),
                           w.number(f.hours_per_year, 0), shares);
    }
    out += "\n";
  }

  const std::vector<std::size_t> ranked = processes_by_staff_hours(a, portfolio);
  const std::size_t shown = std::min(options.top_processes, ranked.size());
  out += fmt::format("### {}\n\n| {} | {} | {} | {} | {} | {} |\n|---|--:|--:|--:|--:|---|\n",
                     w.tr("Processes by staff hours"), w.tr("Process"), w.tr("Cases per year"), w.tr("Lead time"),
                     w.tr("Staff hours per year"), "OZG", w.tr("Its bottleneck"));
  for (std::size_t k = 0; k < shown; ++k) {
    const std::size_t p = ranked[k];
    const Process& process = portfolio.processes[p].process;
    const Analysis& analysis = a.processes[p];
    out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", markdown_escape(process.info.name),
                       w.number(process.cases_per_year.value_or(0), 0), lead_time_text(analysis, w),
                       w.number(staff_hours_per_year(analysis), 0),
                       analysis.ozg_level ? std::to_string(*analysis.ozg_level) : std::string("–"),
                       markdown_escape(process_bottleneck(portfolio, p, analysis, w)));
  }
  if (ranked.size() > shown)
    out += "\n" + w.tr_format("… and {} more processes.", ranked.size() - shown) + "\n";
  out += "\n";

  out += fmt::format("### {}\n\n| {} | {} |\n|---|--:|\n", w.tr("OZG maturity"), w.tr("Level"), w.tr("Processes"));
  for (std::size_t level = 0; level < a.ozg_levels.size(); ++level)
    out += fmt::format("| {} | {} |\n", markdown_escape(ozg_level_name(static_cast<int>(level), w.language())),
                       a.ozg_levels[level]);
  if (a.processes_without_ozg_level > 0)
    out += fmt::format("| {} | {} |\n", w.tr("no applicant-facing step"), a.processes_without_ozg_level);
  return out;
}

}  // namespace paperflow
