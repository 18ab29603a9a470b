#include "paperflow/report_analysis.h"
#include "analysis_json.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "paperflow/duration.h"
#include "text_layout.h"
#include "wording.h"

namespace paperflow {
namespace {

using nlohmann::ordered_json;

ordered_json optional_number(const std::optional<double>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

// Names of the steps that keep the process from the next OZG level.
std::vector<std::string> blocker_names(const Process& process, const Analysis& analysis) {
  std::vector<std::string> names;
  for (std::size_t i : analysis.ozg_blockers) names.push_back(process.steps[i].name + " (" + process.steps[i].id + ")");
  return names;
}

// What the next level needs, as a sentence that goes on with the steps
// that hold it back.
std::string next_level_text(int level, const Wording& w) {
  switch (level) {
    case 0: return w.tr("Level 2 needs a digital form (a `fill_in` step with medium digital); held back by:");
    case 2:
      return w.tr("Level 3 needs every applicant-facing step digital, without post, visit or wet signature; held "
                  "back by:");
    case 3:
      return w.tr("Level 4 needs proofs from registers (no `request` step) and digital notices (`send` digital); "
                  "held back by:");
    default: return {};
  }
}

std::string unit_name(const Process& process, std::size_t u) { return process.units[u].name; }

}  // namespace

std::string ozg_level_name(int level, Language language) {
  const Wording w(language);
  switch (level) {
    case 0: return w.tr("0 offline");
    case 1: return w.tr("1 information");
    case 2: return w.tr("2 form assistant (Formular-Assistent)");
    case 3: return w.tr("3 online service (Online-Leistung)");
    case 4: return w.tr("4 online transaction (Online-Transaktion)");
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

nlohmann::ordered_json analysis_json(const Process& process, const Analysis& a) {
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
  return out;
}

std::string render_analysis_json(const Process& process, const Analysis& a) {
  return analysis_json(process, a).dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

namespace {

// The dashboard's figures: lead time, touch time, each per-case figure of
// the table, and the OZG level with what holds it back.
std::string text_figures(const Process& process, const Analysis& a, const Wording& w, const text::Style& style) {
  std::string out;
  std::size_t label_width = 20;
  for (const CaseFigure& figure : case_figures())
    label_width = std::max(label_width, text::display_width(w.label(figure)) + 2);
  auto row = [&](std::string_view label, const std::string& value, const std::string& note = {}) {
    out += "  " + text::pad_right(label, label_width) + text::pad_left(value, 12) + (note.empty() ? "" : "   " + note) + "\n";
  };
  if (a.lead_time_hours) {
    row(w.tr("Lead time"), w.hours(*a.lead_time_hours),
        w.tr_format("{}, mean per case", w.working_days(*a.lead_time_days)));
  } else {
    std::string culprits;
    for (std::size_t u = 0; u < process.units.size(); ++u)
      if (!a.units[u].stable) culprits += (culprits.empty() ? "" : ", ") + unit_name(process, u);
    row(w.tr("Lead time"), w.tr("unbounded"), style.alarm(w.tr_format("over capacity: {}", culprits)));
  }
  row(w.tr("Touch time"), w.hours(a.touch_time_hours),
      a.flow_efficiency ? w.tr_format("flow efficiency {}", w.percent(*a.flow_efficiency)) : std::string());
  for (const CaseFigure& figure : case_figures())
    if (figure.role == FigureRole::per_case) row(w.label(figure), w.figure(figure, figure.value(a)), w.tr("per case"));
  if (a.ozg_level) {
    const std::string name = ozg_level_name(*a.ozg_level, w.language());
    row(w.tr("OZG maturity"), name.substr(0, 1), name.substr(2));
    auto blockers = blocker_names(process, a);
    if (*a.ozg_level < 4 && !blockers.empty()) {
      out += "    " + next_level_text(*a.ozg_level, w) + "\n";
      for (const std::string& blocker : blockers) out += "      - " + blocker + "\n";
    }
  } else {
    row(w.tr("OZG maturity"), w.tr("n/a"),
        w.tr("no applicant-facing step (fill_in, submit, sign, pay on an external unit, or a step in person)"));
  }

  return out;
}

// Each unit with its utilisation, queue wait and hours a year; the
// bottleneck marked.
std::string text_units(const Process& process, const Analysis& a, const Wording& w, const text::Style& style) {
  std::string out;
  std::size_t name_width = text::display_width(w.tr("Unit"));
  for (const Unit& unit : process.units) name_width = std::max(name_width, text::display_width(unit.name));
  name_width = std::min<std::size_t>(name_width, 36);
  out += "\n" + style.bold("  " + text::pad_right(w.tr("Unit"), name_width) + text::pad_left(w.tr("utilisation"), 13) +
                           text::pad_left(w.tr("queue wait"), 13) + text::pad_left(w.tr("hours/year"), 13)) +
         "\n";
  for (std::size_t u = 0; u < process.units.size(); ++u) {
    const UnitFigures& f = a.units[u];
    const bool bottleneck = a.bottleneck && *a.bottleneck == u;
    std::string line = (bottleneck ? "▶ " : "  ") + text::pad_right(text::truncate(unit_name(process, u), name_width), name_width);
    if (f.external) {
      line += text::pad_left(w.tr("external"), 13) + text::pad_left("-", 13);
    } else {
      line += text::pad_left(w.percent(f.utilisation), 13);
      line += text::pad_left(f.queue_wait_hours ? w.hours(*f.queue_wait_hours) : std::string(w.tr("unbounded")), 13);
    }
    line += text::pad_left(w.number(f.hours_per_year, 0), 13);
    if (!f.stable) line += "   " + style.alarm(w.tr("over capacity"));
    else if (bottleneck) line += "   " + style.mark(w.tr("bottleneck"));
    out += (bottleneck ? style.bold(line) : line) + "\n";
  }
  if (!a.bottleneck) out += std::string("  ") + w.tr("No internal unit has work: there is no bottleneck.") + "\n";

  return out;
}

// The steps that cost the most lead time, with their share.
std::string text_steps(const Process& process, const Analysis& a, const AnalysisReportOptions& options,
                       const Wording& w, const text::Style& style) {
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
    // The time per case, and a column as wide as the widest of them with
    // two spaces before it ("11,5 Arbeitstage", "unbegrenzt").
    std::vector<std::string> times;
    std::size_t time_width = 11;
    for (std::size_t i : ranked) {
      const auto& hours = a.steps[i].lead_time_hours;
      times.push_back(hours ? w.duration(*hours, hours_per_day) : std::string(w.tr("unbounded")));
      time_width = std::max(time_width, text::display_width(times.back()) + 2);
    }
    out += "\n" + style.bold("  " + text::pad_right(w.tr("Where the time goes"), step_width + 13) +
                             text::pad_left(w.tr("share"), 8) + text::pad_left(w.tr("per case"), time_width)) +
           "\n";
    for (std::size_t k = 0; k < ranked.size(); ++k) {
      const StepFigures& f = a.steps[ranked[k]];
      std::string line = "  " + text::pad_right(text::truncate(process.steps[ranked[k]].name, step_width), step_width);
      if (f.lead_time_hours && a.lead_time_hours && *a.lead_time_hours > 0) {
        const double share = *f.lead_time_hours / *a.lead_time_hours;
        line += " " + text::bar(share, 12) + text::pad_left(w.percent(share), 8);
      } else {
        // No share of an unbounded total; the step's own time may still be finite.
        line += text::pad_left("-", 21);
      }
      out += line + text::pad_left(times[k], time_width) + "\n";
    }
  }
  return out;
}

}  // namespace

std::string render_analysis_text(const Process& process, const Analysis& a, const AnalysisReportOptions& options) {
  const Wording w(options.language);
  text::Style style{options.color};
  const double hours_per_day = process.calendar.hours_per_day;
  std::string out;
  out += style.bold(process.info.name) + " (" + process.info.id + ")\n";
  out += w.tr_format("{} cases a year, {} per working hour; {} working days of {} h", w.short_number(process.cases_per_year.value_or(0), 2),
                     w.short_number(a.arrival_rate_per_hour, 3), w.short_number(process.calendar.days_per_year, 2),
                     w.short_number(hours_per_day, 2)) +
         "\n\n";

  out += text_figures(process, a, w, style);
  out += text_units(process, a, w, style);
  out += text_steps(process, a, options, w, style);
  return out;
}

std::string render_analysis_markdown(const Process& process, const Analysis& a, const AnalysisReportOptions& options) {
  using text::markdown_escape;
  const Wording w(options.language);
  const double hours_per_day = process.calendar.hours_per_day;
  std::string out;
  out += "## " + w.tr_format("{}: where the time goes", markdown_escape(process.info.name)) + "\n\n";
  out += w.tr_format("{} cases a year; working time of {} days of {} h. Figures per case are means from the "
                     "paperflow analysis.",
                     w.short_number(process.cases_per_year.value_or(0), 2), w.short_number(process.calendar.days_per_year, 2),
                     w.short_number(hours_per_day, 2)) +
         "\n\n";
  out += fmt::format("| {} | {} |\n|---|--:|\n", w.tr("Figure"), w.tr("Per case"));
  if (a.lead_time_hours)
    out += fmt::format("| {} | {} ({}) |\n", w.tr("Lead time"), w.hours(*a.lead_time_hours),
                       w.working_days(*a.lead_time_days));
  else
    out += fmt::format("| {} | {} |\n", w.tr("Lead time"), w.tr("unbounded: a unit is over capacity"));
  out += fmt::format("| {} | {} |\n", w.tr("Touch time"), w.hours(a.touch_time_hours));
  if (a.flow_efficiency) out += fmt::format("| {} | {} |\n", w.tr("Flow efficiency"), w.percent(*a.flow_efficiency));
  for (const CaseFigure& figure : case_figures())
    if (figure.role == FigureRole::per_case)
      out += fmt::format("| {} | {} |\n", w.label(figure), w.figure(figure, figure.value(a)));
  out += "\n";

  if (a.ozg_level) {
    out += w.tr_format("**OZG maturity level (estimate):** {}.", ozg_level_name(*a.ozg_level, w.language()));
    auto blockers = blocker_names(process, a);
    if (*a.ozg_level < 4 && !blockers.empty()) {
      out += " " + next_level_text(*a.ozg_level, w) + "\n\n";
      for (const std::string& name : blockers) out += "- " + markdown_escape(name) + "\n";
      out += "\n";
    } else {
      out += "\n\n";
    }
  } else {
    out += std::string(w.tr("**OZG maturity level:** not applicable (no applicant-facing step).")) + "\n\n";
  }

  out += fmt::format("### {}\n\n| {} | {} | {} | {} |\n|---|--:|--:|--:|\n", w.tr("Units"), w.tr("Unit"),
                     w.tr("Utilisation"), w.tr("Queue wait"), w.tr("Hours per year"));
  for (std::size_t u = 0; u < process.units.size(); ++u) {
    const UnitFigures& f = a.units[u];
    std::string name = markdown_escape(unit_name(process, u));
    if (a.bottleneck && *a.bottleneck == u) name = "**" + name + "** (" + w.tr("bottleneck") + ")";
    if (!f.stable) name += std::string(" (") + w.tr("over capacity") + ")";
    if (f.external)
      out += fmt::format("| {} | {} | – | {} |\n", name, w.tr("external"), w.number(f.hours_per_year, 0));
    else
      out += fmt::format("| {} | {} | {} | {} |\n", name, w.percent(f.utilisation),
                         f.queue_wait_hours ? w.hours(*f.queue_wait_hours) : std::string(w.tr("unbounded")),
                         w.number(f.hours_per_year, 0));
  }
  if (!a.bottleneck) out += std::string("\n") + w.tr("No internal unit has work: there is no bottleneck.") + "\n";

  out += fmt::format("\n### {}\n\n| {} | {} | {} | {} |\n|---|---|--:|--:|\n", w.tr("Steps that cost the most lead time"),
                     w.tr("Step"), w.tr("Unit"), w.tr("Share of lead time"), w.tr("Per case"));
  std::size_t listed = 0;
  for (std::size_t i : a.ranking) {
    if (listed == options.top_steps) break;
    const StepFigures& f = a.steps[i];
    if (f.lead_time_hours && *f.lead_time_hours <= 0) continue;
    const Unit* unit = process.unit_of(process.steps[i]);
    std::string share = f.lead_time_hours && a.lead_time_hours && *a.lead_time_hours > 0
                            ? w.percent(*f.lead_time_hours / *a.lead_time_hours)
                            : std::string("–");
    out += fmt::format("| {} | {} | {} | {} |\n", markdown_escape(process.steps[i].name),
                       unit ? markdown_escape(unit->name) : std::string("–"), share,
                       f.lead_time_hours ? w.duration(*f.lead_time_hours, hours_per_day) : w.tr("unbounded"));
    ++listed;
  }
  out += std::string("\n") +
         w.tr("The lead time is the analysis' mean-value figure (a lower bound where parallel branches wait for each "
              "other); hours per year are capacity the process uses, and what digitisation frees for other work.") +
         "\n";
  return out;
}

}  // namespace paperflow
