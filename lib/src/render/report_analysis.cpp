#include "paperflow/report_analysis.h"
#include "analysis_json.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "paperflow/duration.h"
#include "text_layout.h"

namespace paperflow {
namespace {

using nlohmann::ordered_json;

ordered_json optional_number(const std::optional<double>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

std::string hours(double value) { return fmt::format("{:.1f} h", value); }

std::string percent(double share) { return fmt::format("{:.1f} %", share * 100); }

// Names of the steps that keep the process from the next OZG level.
std::vector<std::string> blocker_names(const Process& process, const Analysis& analysis) {
  std::vector<std::string> names;
  for (std::size_t i : analysis.ozg_blockers) names.push_back(process.steps[i].name + " (" + process.steps[i].id + ")");
  return names;
}

std::string next_level_text(int level) {
  switch (level) {
    case 0: return "level 2 needs a digital form (a `fill_in` step with medium digital)";
    case 2: return "level 3 needs every applicant-facing step digital, without post, visit or wet signature";
    case 3: return "level 4 needs proofs from registers (no `request` step) and digital notices (`send` digital)";
    default: return {};
  }
}

std::string unit_name(const Process& process, std::size_t u) { return process.units[u].name; }

}  // namespace

std::string ozg_level_name(int level) {
  switch (level) {
    case 0: return "0 offline";
    case 1: return "1 information";
    case 2: return "2 form assistant (Formular-Assistent)";
    case 3: return "3 online service (Online-Leistung)";
    case 4: return "4 online transaction (Online-Transaktion)";
  }
  return std::to_string(level);
}

nlohmann::ordered_json analysis_summary_json(const Process& process, const Analysis& a) {
  ordered_json out;
  out["stable"] = a.stable;
  for (const CaseFigure& figure : case_figures()) out[std::string(figure.key)] = optional_number(figure.value(a));
  out["ozg_level"] = a.ozg_level ? ordered_json(*a.ozg_level) : ordered_json(nullptr);
  out["bottleneck"] = a.bottleneck ? ordered_json(process.units[*a.bottleneck].id) : ordered_json(nullptr);
  return out;
}

std::string render_analysis_json(const Process& process, const Analysis& a) {
  ordered_json out;
  out["paperflow"] = 1;
  out["process"] = {{"id", process.info.id}, {"name", process.info.name}};
  const ordered_json summary = analysis_summary_json(process, a);
  for (auto it = summary.begin(); it != summary.end(); ++it) out[it.key()] = *it;
  ordered_json units = ordered_json::array();
  for (std::size_t u = 0; u < process.units.size(); ++u) {
    const UnitFigures& f = a.units[u];
    units.push_back({{"id", process.units[u].id},
                     {"external", f.external},
                     {"utilisation", f.utilisation},
                     {"queue_wait_hours", optional_number(f.queue_wait_hours)},
                     {"staff_hours_per_year", f.hours_per_year}});
  }
  out["units"] = std::move(units);
  ordered_json steps = ordered_json::array();
  for (std::size_t i = 0; i < process.steps.size(); ++i) {
    const StepFigures& f = a.steps[i];
    steps.push_back({{"id", process.steps[i].id},
                     {"visits", f.visits},
                     {"work_hours", f.work_hours},
                     {"delay_hours", f.delay_hours},
                     {"queue_hours", optional_number(f.queue_hours)},
                     {"lead_time_hours", optional_number(f.lead_time_hours)}});
  }
  out["steps"] = std::move(steps);
  return out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

namespace {

// The dashboard's figures: lead time, touch time, each per-case figure of
// the table, and the OZG level with what holds it back.
std::string text_figures(const Process& process, const Analysis& a, const text::Style& style) {
  std::string out;
  auto row = [&](std::string_view label, const std::string& value, const std::string& note = {}) {
    out += "  " + text::pad_right(label, 20) + text::pad_left(value, 12) + (note.empty() ? "" : "   " + note) + "\n";
  };
  if (a.lead_time_hours) {
    row("Lead time", hours(*a.lead_time_hours),
        fmt::format("{:.1f} working days, mean per case", *a.lead_time_days));
  } else {
    std::string culprits;
    for (std::size_t u = 0; u < process.units.size(); ++u)
      if (!a.units[u].stable) culprits += (culprits.empty() ? "" : ", ") + unit_name(process, u);
    row("Lead time", "unbounded", style.alarm("over capacity: " + culprits));
  }
  row("Touch time", hours(a.touch_time_hours),
      a.flow_efficiency ? fmt::format("flow efficiency {}", percent(*a.flow_efficiency)) : std::string());
  for (const CaseFigure& figure : case_figures())
    if (figure.role == FigureRole::per_case) row(figure.label_en, text::figure_value(figure, figure.value(a)), "per case");
  if (a.ozg_level) {
    row("OZG maturity", ozg_level_name(*a.ozg_level).substr(0, 1), ozg_level_name(*a.ozg_level).substr(2));
    auto blockers = blocker_names(process, a);
    if (*a.ozg_level < 4 && !blockers.empty()) {
      out += "    " + next_level_text(*a.ozg_level) + "; held back by:\n";
      for (const std::string& name : blockers) out += "      - " + name + "\n";
    }
  } else {
    row("OZG maturity", "n/a",
        "no applicant-facing step (fill_in, submit, sign, pay on an external unit, or a step in person)");
  }

  return out;
}

// Each unit with its utilisation, queue wait and hours a year; the
// bottleneck marked.
std::string text_units(const Process& process, const Analysis& a, const text::Style& style) {
  std::string out;
  std::size_t name_width = 4;
  for (const Unit& unit : process.units) name_width = std::max(name_width, text::display_width(unit.name));
  name_width = std::min<std::size_t>(name_width, 36);
  out += "\n" + style.bold("  " + text::pad_right("Unit", name_width) + "  utilisation   queue wait   hours/year") + "\n";
  for (std::size_t u = 0; u < process.units.size(); ++u) {
    const UnitFigures& f = a.units[u];
    const bool bottleneck = a.bottleneck && *a.bottleneck == u;
    std::string line = (bottleneck ? "▶ " : "  ") + text::pad_right(text::truncate(unit_name(process, u), name_width), name_width);
    if (f.external) {
      line += text::pad_left("external", 13) + text::pad_left("-", 13);
    } else {
      line += text::pad_left(percent(f.utilisation), 13);
      line += text::pad_left(f.queue_wait_hours ? hours(*f.queue_wait_hours) : std::string("unbounded"), 13);
    }
    line += text::pad_left(fmt::format("{:.0f}", f.hours_per_year), 13);
    if (!f.stable) line += "   " + style.alarm("over capacity");
    else if (bottleneck) line += "   " + style.mark("bottleneck");
    out += (bottleneck ? style.bold(line) : line) + "\n";
  }
  if (!a.bottleneck) out += "  No internal unit has work: there is no bottleneck.\n";

  return out;
}

// The steps that cost the most lead time, with their share.
std::string text_steps(const Process& process, const Analysis& a, const AnalysisReportOptions& options,
                       const text::Style& style) {
  const double hours_per_day = process.calendar.hours_per_day;
  std::string out;
  const std::size_t shown = std::min(options.top_steps, process.steps.size());
  std::vector<std::size_t> ranked;
  for (std::size_t k = 0; k < a.ranking.size() && ranked.size() < shown; ++k) {
    const StepFigures& f = a.steps[a.ranking[k]];
    if (f.lead_time_hours && *f.lead_time_hours <= 0) continue;  // end steps and free steps
    ranked.push_back(a.ranking[k]);
  }
  if (!ranked.empty()) {
    std::size_t step_width = 4;
    for (std::size_t i : ranked) step_width = std::max(step_width, text::display_width(process.steps[i].name));
    step_width = std::min<std::size_t>(step_width, 36);
    out += "\n" + style.bold("  " + text::pad_right("Where the time goes", step_width + 14) + "share   per case") + "\n";
    for (std::size_t i : ranked) {
      const StepFigures& f = a.steps[i];
      std::string line = "  " + text::pad_right(text::truncate(process.steps[i].name, step_width), step_width);
      if (f.lead_time_hours && a.lead_time_hours && *a.lead_time_hours > 0) {
        const double share = *f.lead_time_hours / *a.lead_time_hours;
        line += " " + text::bar(share, 12) + text::pad_left(percent(share), 8);
        line += text::pad_left(format_duration(*f.lead_time_hours, hours_per_day), 11);
      } else {
        // No share of an unbounded total; the step's own time may still be finite.
        line += text::pad_left("-", 21);
        line += text::pad_left(f.lead_time_hours ? format_duration(*f.lead_time_hours, hours_per_day) : "unbounded", 11);
      }
      out += line + "\n";
    }
  }
  return out;
}

}  // namespace

std::string render_analysis_text(const Process& process, const Analysis& a, const AnalysisReportOptions& options) {
  text::Style style{options.color};
  const double hours_per_day = process.calendar.hours_per_day;
  std::string out;
  out += style.bold(process.info.name) + " (" + process.info.id + ")\n";
  out += fmt::format("{:g} cases a year, {:.3g} per working hour; {:g} working days of {:g} h\n\n",
                     process.cases_per_year.value_or(0), a.arrival_rate_per_hour, process.calendar.days_per_year,
                     hours_per_day);

  out += text_figures(process, a, style);
  out += text_units(process, a, style);
  out += text_steps(process, a, options, style);
  return out;
}

std::string render_analysis_markdown(const Process& process, const Analysis& a, const AnalysisReportOptions& options) {
  using text::markdown_escape;
  const double hours_per_day = process.calendar.hours_per_day;
  std::string out;
  out += fmt::format("## {}: where the time goes\n\n", markdown_escape(process.info.name));
  out += fmt::format("{:g} cases a year; working time of {:g} days of {:g} h. Figures per case are means from the "
                     "paperflow analysis.\n\n",
                     process.cases_per_year.value_or(0), process.calendar.days_per_year, hours_per_day);
  out += "| Figure | Per case |\n|---|--:|\n";
  if (a.lead_time_hours)
    out += fmt::format("| Lead time | {:.1f} h ({:.1f} working days) |\n", *a.lead_time_hours, *a.lead_time_days);
  else
    out += "| Lead time | unbounded: a unit is over capacity |\n";
  out += fmt::format("| Touch time | {:.1f} h |\n", a.touch_time_hours);
  if (a.flow_efficiency) out += fmt::format("| Flow efficiency | {} |\n", percent(*a.flow_efficiency));
  for (const CaseFigure& figure : case_figures())
    if (figure.role == FigureRole::per_case)
      out += fmt::format("| {} | {} |\n", figure.label_en, text::figure_value(figure, figure.value(a)));
  out += "\n";

  if (a.ozg_level) {
    out += fmt::format("**OZG maturity level (estimate):** {}.", ozg_level_name(*a.ozg_level));
    auto blockers = blocker_names(process, a);
    if (*a.ozg_level < 4 && !blockers.empty()) {
      std::string next = next_level_text(*a.ozg_level);
      next[0] = 'L';  // "level 2 needs ..." starts a sentence here
      out += " " + next + "; held back by:\n\n";
      for (const std::string& name : blockers) out += "- " + markdown_escape(name) + "\n";
      out += "\n";
    } else {
      out += "\n\n";
    }
  } else {
    out += "**OZG maturity level:** not applicable (no applicant-facing step).\n\n";
  }

  out += "### Units\n\n| Unit | Utilisation | Queue wait | Hours per year |\n|---|--:|--:|--:|\n";
  for (std::size_t u = 0; u < process.units.size(); ++u) {
    const UnitFigures& f = a.units[u];
    std::string name = markdown_escape(unit_name(process, u));
    if (a.bottleneck && *a.bottleneck == u) name = "**" + name + "** (bottleneck)";
    if (!f.stable) name += " (over capacity)";
    if (f.external)
      out += fmt::format("| {} | external | – | {:.0f} |\n", name, f.hours_per_year);
    else
      out += fmt::format("| {} | {} | {} | {:.0f} |\n", name, percent(f.utilisation),
                         f.queue_wait_hours ? hours(*f.queue_wait_hours) : std::string("unbounded"),
                         f.hours_per_year);
  }
  if (!a.bottleneck) out += "\nNo internal unit has work: there is no bottleneck.\n";

  out += "\n### Steps that cost the most lead time\n\n| Step | Unit | Share of lead time | Per case |\n|---|---|--:|--:|\n";
  std::size_t listed = 0;
  for (std::size_t i : a.ranking) {
    if (listed == options.top_steps) break;
    const StepFigures& f = a.steps[i];
    if (f.lead_time_hours && *f.lead_time_hours <= 0) continue;
    const Unit* unit = process.unit_of(process.steps[i]);
    std::string share = f.lead_time_hours && a.lead_time_hours && *a.lead_time_hours > 0
                            ? percent(*f.lead_time_hours / *a.lead_time_hours)
                            : std::string("–");
    out += fmt::format("| {} | {} | {} | {} |\n", markdown_escape(process.steps[i].name),
                       unit ? markdown_escape(unit->name) : std::string("–"), share,
                       f.lead_time_hours ? format_duration(*f.lead_time_hours, hours_per_day) : "unbounded");
    ++listed;
  }
  out += "\nThe lead time is the analysis' mean-value figure (a lower bound where parallel branches wait for each "
         "other); hours per year are capacity the process uses, and what digitisation frees for other work.\n";
  return out;
}

}  // namespace paperflow
