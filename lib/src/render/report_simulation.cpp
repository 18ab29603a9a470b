#include "paperflow/report_simulation.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report_simulation_parts.h"
#include "text_layout.h"
#include "wording.h"

namespace paperflow {

using nlohmann::ordered_json;

namespace {

// Marks a label for the catalogue; it is translated where it is printed.
constexpr const char* N_(const char* text) { return text; }

// "key": mean, "key_ci95": half-width, into `object`.
void put(ordered_json& object, const std::string& key, const Estimate& e) {
  object[key] = e.mean;
  object[key + "_ci95"] = e.ci95;
}

std::string plus_minus(const Wording& w, const Estimate& e, int decimals) {
  return w.number(e.mean, decimals) + " ± " + w.number(e.ci95, decimals);
}

}  // namespace

void put_simulation_figures(ordered_json& out, const Process& process, const SimulationResult& r,
                            const std::vector<bool>& shown_units) {
  out["replications"] = r.replications;
  out["cases_completed"] = r.cases_completed;
  out["cases_recorded"] = r.cases_recorded;  // more than completed: a run reached its horizon first
  out["stable"] = r.stable;
  ordered_json lead = ordered_json::object();
  auto lead_figure = [&](const char* key, const std::optional<Estimate>& e) {
    if (e) {
      lead[key] = e->mean;
      lead[std::string(key) + "_ci95"] = e->ci95;
    } else {
      lead[key] = nullptr;
      lead[std::string(key) + "_ci95"] = nullptr;
    }
  };
  lead_figure("mean", r.lead_time_mean);
  lead_figure("p50", r.lead_time_p50);
  lead_figure("p90", r.lead_time_p90);
  lead_figure("p95", r.lead_time_p95);
  lead_figure("max", r.lead_time_max);
  out["lead_time_hours"] = lead;
  put(out, "work_in_progress", r.work_in_progress);
  ordered_json units = ordered_json::array();
  ordered_json grew = ordered_json::array();
  for (std::size_t u = 0; u < process.units.size(); ++u) {
    const SimulatedUnit& s = r.units[u];
    if (s.queue_grew) grew.push_back(process.units[u].id);
    if (!shown_units[u]) continue;
    ordered_json unit;
    unit["id"] = process.units[u].id;
    unit["people"] = s.people;
    unit["presence_hours_per_day"] = s.presence_hours_per_day;
    put(unit, "utilisation", s.utilisation);
    put(unit, "mean_queue_wait_hours", s.mean_queue_wait_hours);
    put(unit, "mean_queue_length", s.mean_queue_length);
    put(unit, "max_queue_length", s.max_queue_length);
    unit["queue_grew"] = s.queue_grew;
    units.push_back(std::move(unit));
  }
  out["units"] = std::move(units);
  ordered_json steps = ordered_json::array();
  for (std::size_t i = 0; i < process.steps.size(); ++i) {
    ordered_json step;
    step["id"] = process.steps[i].id;
    put(step, "mean_queue_wait_hours", r.step_queue_wait_hours[i]);
    steps.push_back(std::move(step));
  }
  out["steps"] = std::move(steps);
  out["unstable_units"] = std::move(grew);
  out["horizon_days"] = r.horizon_days;
}

std::string simulation_run_line(const Wording& w, std::size_t replications, std::uint64_t seed,
                                const SimulationReportOptions& options, bool each_process) {
  if (options.days > 0)
    return w.tr_format("{} replications, cases arriving in {} working days after {} days of warm-up; seed {}",
                       replications, w.short_number(options.days, 2), w.short_number(options.warmup_days, 2), seed) +
           "\n";
  const std::string cases = w.number(static_cast<double>(options.cases), 0);
  const std::string warmup = w.short_number(options.warmup_days, 2);
  return (each_process
              ? w.tr_format("{} replications of {} cases of each process after {} days of warm-up; seed {}",
                            replications, cases, warmup, seed)
              : w.tr_format("{} replications of {} cases after {} days of warm-up; seed {}", replications, cases,
                            warmup, seed)) +
         "\n";
}

std::string simulation_lead_times_text(const Process& process, const SimulationResult& r, const Wording& w,
                                       const text::Style& style) {
  const double hours_per_day = process.calendar.hours_per_day;
  std::string out;
  if (!r.stable) {
    std::string names;
    for (std::size_t u = 0; u < process.units.size(); ++u)
      if (r.units[u].queue_grew) names += (names.empty() ? "" : ", ") + process.units[u].name;
    out += style.alarm(names.empty() ? w.tr("Not stable: a queue grows without bound at a unit.")
                                     : w.tr_format("Not stable: a queue grows without bound at {}.", names)) +
           "\n";
    // A short run can end with every recorded case through although a unit
    // is over capacity: say what happened, not always the horizon.
    if (r.cases_completed < r.cases_recorded)
      out += w.tr_format(
          "The run stops at its horizon ({} working days) with {} recorded cases unfinished;\n"
          "lead times are not reported.\n\n",
          w.number(r.horizon_days, 0), w.number(static_cast<double>(r.cases_recorded - r.cases_completed), 0));
    else
      out += w.tr("The recorded cases all finished, but behind a queue that was still growing:\n"
                  "the figures describe no steady state, and lead times are not reported.\n\n");
  } else {
    out += style.bold("  " + text::pad_right(w.tr("Lead time"), 16) + "  " + text::pad_left(w.tr("hours"), 14) + "  " +
                      text::pad_left(w.tr("working days"), 15)) +
           "\n";
    auto row = [&](const char* label, const Estimate& e) {
      // Two spaces before each column keep a figure wider than its column
      // apart from the one before.
      out += "  " + text::pad_right(w.tr(label), 16) + "  " + text::pad_left(plus_minus(w, e, 1), 14) + "  " +
             text::pad_left(w.number(e.mean / hours_per_day, 1), 15) + "\n";
    };
    row(N_("mean"), *r.lead_time_mean);
    row(N_("median (P50)"), *r.lead_time_p50);
    row("P90", *r.lead_time_p90);
    row("P95", *r.lead_time_p95);
    row(N_("maximum"), *r.lead_time_max);
    out += "\n";
  }
  out += "  " + w.tr_format("Work in progress  {} cases", plus_minus(w, r.work_in_progress, 1)) + "\n\n";
  return out;
}

std::string simulation_unit_table(const std::vector<SimulatedUnitRow>& rows, const Wording& w,
                                  const text::Style& style) {
  std::size_t width = text::display_width(w.tr("Unit"));
  for (const SimulatedUnitRow& row : rows) width = std::max(width, text::display_width(row.name));
  width = std::min<std::size_t>(width, 32);
  std::string out =
      style.bold("  " + text::pad_right(w.tr("Unit"), width) + "  " + text::pad_left(w.tr("people"), 8) + "  " +
                 text::pad_left(w.tr("present a day"), 14) + "  " + text::pad_left(w.tr("utilisation"), 15) + "  " +
                 text::pad_left(w.tr("queue wait"), 16) + "  " + text::pad_left(w.tr("queue length"), 15) + "  " +
                 text::pad_left(w.tr("longest"), 8)) +
      "\n";
  for (const SimulatedUnitRow& row : rows) {
    const SimulatedUnit& s = *row.figures;
    std::string line = "  " + text::pad_right(text::truncate(row.name, width), width);
    if (s.people == 0) {
      line += "  " + text::pad_left(w.tr("external"), 8);
    } else {
      line += "  " + text::pad_left(std::to_string(s.people), 8);
      line += "  " + text::pad_left(w.hours(s.presence_hours_per_day), 14);
      // Two spaces before each column keep a figure wider than its column
      // (a wait of thousands of hours in an unstable run) apart.
      line += "  " + text::pad_left(w.number(s.utilisation.mean * 100, 1) + " ± " + w.number(s.utilisation.ci95 * 100, 1) + " %", 15);
      line += "  " + text::pad_left(plus_minus(w, s.mean_queue_wait_hours, 2) + " h", 16);
      line += "  " + text::pad_left(plus_minus(w, s.mean_queue_length, 1), 15);
      line += "  " + text::pad_left(w.number(s.max_queue_length.mean, 0), 8);
      if (s.queue_grew) line += "   " + style.alarm(w.tr("queue grows"));
    }
    out += line + "\n";
    if (!row.below.empty()) out += row.below + "\n";
  }
  return out;
}

std::string simulation_presence_note(const Wording& w) {
  return w.tr("  \"present a day\": staff × availability × hours a day, each person in one block of the\n"
              "  day; utilisation is busy time over time present. Cases wait while people are away, so\n"
              "  queues are longer than in paperflow-analyse, which spreads the same hours over the day.\n");
}

std::string render_simulation_json(const Process& process, const SimulationResult& r) {
  ordered_json out;
  out["paperflow"] = 1;
  out["process"] = {{"id", process.info.id}, {"name", process.info.name}};
  out["seed"] = r.seed;
  put_simulation_figures(out, process, r, std::vector<bool>(process.units.size(), true));
  return out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

std::string render_simulation_text(const Process& process, const SimulationResult& r,
                                   const SimulationReportOptions& options) {
  const Wording w(options.language);
  text::Style style{options.color};
  std::string out = style.bold(process.info.name) + " (" + process.info.id + "): " + w.tr("simulation") + "\n";
  out += simulation_run_line(w, r.replications, r.seed, options, /*each_process=*/false);
  out += w.tr_format("{} cases completed; ± is the half-width of the 95 % confidence interval",
                     w.number(static_cast<double>(r.cases_completed), 0)) +
         "\n\n";
  out += simulation_lead_times_text(process, r, w, style);
  std::vector<SimulatedUnitRow> rows;
  for (std::size_t u = 0; u < process.units.size(); ++u) rows.push_back({process.units[u].name, &r.units[u], ""});
  out += simulation_unit_table(rows, w, style);
  out += "\n" + simulation_presence_note(w);
  return out;
}

}  // namespace paperflow
