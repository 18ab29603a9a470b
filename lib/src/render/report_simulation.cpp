#include "paperflow/report_simulation.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "text_layout.h"

namespace paperflow {
namespace {

using nlohmann::ordered_json;

// "key": mean, "key_ci95": half-width, into `object`.
void put(ordered_json& object, const std::string& key, const Estimate& e) {
  object[key] = e.mean;
  object[key + "_ci95"] = e.ci95;
}

std::string plus_minus(const Estimate& e, int decimals) {
  return fmt::format("{:.{}f} ± {:.{}f}", e.mean, decimals, e.ci95, decimals);
}

}  // namespace

std::string render_simulation_json(const Process& process, const SimulationResult& r) {
  ordered_json out;
  out["paperflow"] = 1;
  out["process"] = {{"id", process.info.id}, {"name", process.info.name}};
  out["seed"] = r.seed;
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
    ordered_json unit;
    unit["id"] = process.units[u].id;
    unit["people"] = s.people;
    unit["presence_hours_per_day"] = s.presence_hours_per_day;
    put(unit, "utilisation", s.utilisation);
    put(unit, "mean_queue_wait_hours", s.mean_queue_wait_hours);
    put(unit, "mean_queue_length", s.mean_queue_length);
    put(unit, "max_queue_length", s.max_queue_length);
    unit["queue_grew"] = s.queue_grew;
    if (s.queue_grew) grew.push_back(process.units[u].id);
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
  return out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

std::string render_simulation_text(const Process& process, const SimulationResult& r,
                                   const SimulationReportOptions& options) {
  text::Style style{options.color};
  const double hours_per_day = process.calendar.hours_per_day;
  std::string out = style.bold(process.info.name) + " (" + process.info.id + "): simulation\n";
  if (options.days > 0)
    out += fmt::format("{} replications, cases arriving in {:g} working days after {:g} days of warm-up; seed {}\n",
                       r.replications, options.days, options.warmup_days, r.seed);
  else
    out += fmt::format("{} replications of {} cases after {:g} days of warm-up; seed {}\n", r.replications,
                       options.cases, options.warmup_days, r.seed);
  out += fmt::format("{} cases completed; ± is the half-width of the 95 % confidence interval\n\n", r.cases_completed);

  if (!r.stable) {
    std::string names;
    for (std::size_t u = 0; u < process.units.size(); ++u)
      if (r.units[u].queue_grew) names += (names.empty() ? "" : ", ") + process.units[u].name;
    out += style.alarm(fmt::format("Not stable: the queue of {} grows without bound.", names.empty() ? "a unit" : names)) +
           "\n";
    // A short run can end with every recorded case through although a unit
    // is over capacity: say what happened, not always the horizon.
    if (r.cases_completed < r.cases_recorded)
      out += fmt::format(
          "The run stops at its horizon ({:.0f} working days) with {} recorded cases unfinished;\n"
          "lead times are not reported.\n\n",
          r.horizon_days, r.cases_recorded - r.cases_completed);
    else
      out += "The recorded cases all finished, but behind a queue that was still growing:\n"
             "the figures describe no steady state, and lead times are not reported.\n\n";
  } else {
    out += style.bold("  Lead time          hours               working days") + "\n";
    auto row = [&](const char* label, const Estimate& e) {
      // Two spaces before each column keep a figure wider than its column
      // apart from the one before.
      out += "  " + text::pad_right(label, 16) + "  " + text::pad_left(plus_minus(e, 1), 14) + "  " +
             text::pad_left(fmt::format("{:.1f}", e.mean / hours_per_day), 15) + "\n";
    };
    row("mean", *r.lead_time_mean);
    row("median (P50)", *r.lead_time_p50);
    row("P90", *r.lead_time_p90);
    row("P95", *r.lead_time_p95);
    row("maximum", *r.lead_time_max);
    out += "\n";
  }
  out += fmt::format("  Work in progress  {} cases\n\n", plus_minus(r.work_in_progress, 1));

  std::size_t width = 4;
  for (const Unit& unit : process.units) width = std::max(width, text::display_width(unit.name));
  width = std::min<std::size_t>(width, 32);
  out += style.bold("  " + text::pad_right("Unit", width) +
                    "    people   present a day   utilisation        queue wait     queue length   longest") +
         "\n";
  for (std::size_t u = 0; u < process.units.size(); ++u) {
    const SimulatedUnit& s = r.units[u];
    std::string line = "  " + text::pad_right(text::truncate(process.units[u].name, width), width);
    if (s.people == 0) {
      line += "  " + text::pad_left("external", 8);
    } else {
      line += "  " + text::pad_left(std::to_string(s.people), 6);
      line += "  " + text::pad_left(fmt::format("{:.1f} h", s.presence_hours_per_day), 14);
      // Two spaces before each column keep a figure wider than its column
      // (a wait of thousands of hours in an unstable run) apart.
      line += "  " + text::pad_left(fmt::format("{:.1f} ± {:.1f} %", s.utilisation.mean * 100, s.utilisation.ci95 * 100), 15);
      line += "  " + text::pad_left(plus_minus(s.mean_queue_wait_hours, 2) + " h", 16);
      line += "  " + text::pad_left(plus_minus(s.mean_queue_length, 1), 15);
      line += "  " + text::pad_left(fmt::format("{:.0f}", s.max_queue_length.mean), 8);
      if (s.queue_grew) line += "   " + style.alarm("queue grows");
    }
    out += line + "\n";
  }
  out += "\n  \"present a day\": staff × availability × hours a day, each person in one block of the\n"
         "  day; utilisation is busy time over time present. Cases wait while people are away, so\n"
         "  queues are longer than in paperflow-analyse, which spreads the same hours over the day.\n";
  return out;
}

}  // namespace paperflow
