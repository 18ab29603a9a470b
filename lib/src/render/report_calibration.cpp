#include "paperflow/report_calibration.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "text_layout.h"
#include "wording.h"

namespace paperflow {

namespace {

using nlohmann::ordered_json;

ordered_json optional_number(const std::optional<double>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

const char* fit_name(const Distribution& d) {
  switch (d.kind) {
    case Distribution::Kind::triangular: return "three_point";
    case Distribution::Kind::lognormal: return "lognormal";
    default: return "fixed";
  }
}

// "2025-03-04 09:12", or "04.03.2025 09:12" as German readers write dates.
std::string date_time(const std::optional<Timestamp>& t, const Wording& w) {
  if (!t) return "";
  const std::string text = format_timestamp(*t);
  const std::string time = text.substr(11, 5);
  if (w.german()) return text.substr(8, 2) + "." + text.substr(5, 2) + "." + text.substr(0, 4) + " " + time;
  return text.substr(0, 10) + " " + time;
}

// A variant's steps (ids, or names for a memo), the first 30 of a long one
// (JSON has them all).
std::string variant_text(const Process& process, const Deviation& d, const Wording& w, bool names = false) {
  constexpr std::size_t most = 30;
  std::string out;
  for (std::size_t k = 0; k < std::min(most, d.steps.size()); ++k) {
    if (k > 0) out += " → ";
    out += names ? process.steps[d.steps[k]].name : process.steps[d.steps[k]].id;
  }
  if (d.steps.size() > most)
    out += " " + w.tr_format("and {} more", w.number(static_cast<double>(d.steps.size() - most), 0));
  return out;
}

// An activity of the log as a person reads it: controls escaped, and cut
// short, since a row may hold a megabyte.
std::string activity_text(std::string_view activity) { return text::truncate(escape_control_characters(activity), 60); }

// Unknown activities listed by name in text and markdown; JSON lists every one.
constexpr std::size_t max_unknown_shown = 20;

// The step where a variant leaves the model, in words.
std::string leaves_text(const Process& process, const Deviation& d, const Wording& w, bool names) {
  if (!d.leaves_after) return w.tr("leaves the model at its first step");
  const Step& step = process.steps[d.steps[*d.leaves_after]];
  return w.tr_format("leaves the model after {}", names ? step.name : step.id);
}

// The steps no run shows: those a log may leave out, and the others.
std::pair<std::vector<std::size_t>, std::vector<std::size_t>> never_seen(const Calibration& c) {
  std::pair<std::vector<std::size_t>, std::vector<std::size_t>> out;
  for (std::size_t i : c.steps_never_seen) (c.silent[i] ? out.first : out.second).push_back(i);
  return out;
}

std::string signed_percent(const Wording& w, double model, double log) {
  if (model == 0) return "";
  const double change = (log - model) / model * 100;
  return (change >= 0 ? "+" : "−") + w.number(std::abs(change), 0) + " %";
}

// Resources listed by name in text and markdown; JSON lists every one.
constexpr std::size_t max_resources_shown = 15;

bool step_rework(const Process& process, const ChoiceCalibration& choice) {
  return process.steps[choice.step].routing.choices[choice.branch].rework;
}

// A table for the terminal: the first column left-aligned, the others
// right-aligned, each as wide as its widest cell, so that long German units
// ("21,6 Arbeitstage") never run into the next column. A last column of
// notes (`note_last`) is left-aligned and not padded.
std::string table(const std::vector<std::vector<std::string>>& rows, const text::Style& style, bool header,
                  bool note_last = false) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows)
    for (std::size_t k = 0; k < row.size(); ++k) {
      if (widths.size() <= k) widths.push_back(0);
      widths[k] = std::max(widths[k], text::display_width(row[k]));
    }
  std::string out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string line = " ";
    for (std::size_t k = 0; k < rows[r].size(); ++k) {
      const bool last = k + 1 == rows[r].size();
      if (k == 0) line += " " + text::pad_right(rows[r][k], widths[k]);
      else if (note_last && last) line += rows[r][k].empty() ? "" : "   " + rows[r][k];
      else line += "   " + text::pad_left(rows[r][k], widths[k]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += (header && r == 0 ? style.bold(line) : line) + "\n";
  }
  return out;
}

struct DifferenceLine {
  std::string what, model, log, change, runs, count;
};

// One line of the largest differences; `names` gives steps by name (for a
// memo) rather than by id (for the consultant at the terminal).
DifferenceLine difference_line(const Process& process, const CalibrationDifference& d,
                               const Wording& w, bool names) {
  const double hpd = process.calendar.hours_per_day;
  const auto step = [&](std::size_t i) { return names ? process.steps[i].name : process.steps[i].id; };
  DifferenceLine line;
  line.count = w.number(static_cast<double>(d.runs), 0);
  // Arrivals, lead times and visits rest on cases; the others on runs.
  using K = CalibrationDifference::Kind;
  line.runs = d.kind == K::cases_per_year || d.kind == K::lead_time || d.kind == K::visits
                  ? w.tr_plural_format("{} case", "{} cases", d.runs, w.number(static_cast<double>(d.runs), 0))
                  : w.tr_plural_format("{} run", "{} runs", d.runs, w.number(static_cast<double>(d.runs), 0));
  line.change = signed_percent(w, d.model, d.log);
  switch (d.kind) {
    case K::cases_per_year:
      line.what = w.tr("cases a year");
      line.model = w.number(d.model, 0);
      line.log = w.number(d.log, 0);
      break;
    case K::lead_time:
      line.what = w.tr("lead time (mean)");
      line.model = w.duration(d.model, hpd);
      line.log = w.duration(d.log, hpd);
      break;
    case K::work:
      line.what = w.tr_format("work: {}", step(d.step));
      line.model = w.duration(d.model, hpd);
      line.log = w.duration(d.log, hpd);
      break;
    case K::wait:
      line.what = w.tr_format("waiting before: {}", step(d.step));
      line.model = w.duration(d.model, hpd);
      line.log = w.duration(d.log, hpd);
      break;
    case K::visits:
      line.what = w.tr_format("visits: {}", step(d.step));
      line.model = w.number(d.model, 2);
      line.log = w.number(d.log, 2);
      break;
    case K::choice:
      line.what = w.tr_format("share {} → {}", step(d.step),
                              step(process.step_index.at(process.steps[d.step].routing.choices[d.branch].to.id)));
      line.model = w.number(d.model, 2);
      line.log = w.number(d.log, 2);
      line.change = "";
      break;
  }
  return line;
}

// The first `most` of `names`, with commas.
std::string join(const std::vector<std::string>& names, std::size_t most) {
  std::string out;
  for (std::size_t k = 0; k < std::min(most, names.size()); ++k) out += (k ? ", " : "") + names[k];
  return out;
}

// The sentences about the log that every human format starts with.
std::vector<std::string> log_sentences(const Process& process, const Calibration& c, const Wording& w) {
  std::vector<std::string> out;
  out.push_back(w.tr_plural_format("{} row, of which {} used", "{} rows, of which {} used", c.rows,
                                   w.number(static_cast<double>(c.rows), 0),
                                   w.number(static_cast<double>(c.rows_used), 0)) +
                "; " +
                w.tr_plural_format("{} case, of which {} complete", "{} cases, of which {} complete", c.cases,
                                   w.number(static_cast<double>(c.cases), 0),
                                   w.number(static_cast<double>(c.cases_used), 0)));
  if (c.from && c.to) {
    const auto days = static_cast<unsigned long>(c.log_working_days);
    std::string span = w.tr_plural_format("from {} to {}: {} working day", "from {} to {}: {} working days", days,
                                          date_time(c.from, w), date_time(c.to, w), w.number(c.log_working_days, 0));
    // Over a few weeks, a year's working days by the calendar say little.
    if (c.log_working_days >= 20)
      span += "; " + w.tr_format("the calendar of the log has {} working days a year over that span, the process "
                                 "file counts {}",
                                 w.number(c.log_days_per_year, 0), w.number(process.calendar.days_per_year, 0));
    out.push_back(span);
  }
  if (c.cases_open > 0 || c.cases_begun_before > 0)
    out.push_back(w.tr_format(
        "cut off by the log's span, and counted neither in the fitness nor in the lead times: still open at its "
        "end {}, begun before it {}",
        w.number(static_cast<double>(c.cases_open), 0), w.number(static_cast<double>(c.cases_begun_before), 0)) +
        " (" + w.tr_format("e.g. {}", escape_control_characters(join(c.cut_off_examples, 3))) + ")");
  // Many runs ending outside the working time: the calendar is not the
  // office's, and every figure in working time is off.
  if (c.runs_outside_working_time * 5 > c.rows_used)
    out.push_back(w.tr_format("{} of the {} runs end outside the calendar's working time: check --work-hours, "
                              "--work-days and --holidays, or every duration is off",
                              w.number(static_cast<double>(c.runs_outside_working_time), 0),
                              w.number(static_cast<double>(c.rows_used), 0)));
  if (!c.has_start)
    out.push_back(w.tr("the log has no start times: work and waiting cannot be told apart, so only arrivals, routing, "
                       "visits and lead time are measured"));
  const std::size_t start = process.start_step();
  if (c.silent[start] && c.steps[start].runs * 2 < c.cases_used)
    out.push_back(w.tr_format(
        "the model's lead time counts from '{}', which the log seldom shows; the log's counts from the first step it "
        "shows, so the steps before it (the applicant's part) are in the one and not in the other",
        process.steps[start].name));
  return out;
}

}  // namespace

std::string render_calibration_json(const Process& process, const Calibration& c,
                                    const CalibrationReportOptions& options) {
  ordered_json out;
  out["paperflow"] = 1;
  out["process"] = {{"id", process.info.id}, {"name", process.info.name}};
  out["log"] = {{"path", options.log_path},
                {"rows", c.rows},
                {"rows_used", c.rows_used},
                {"cases", c.cases},
                {"cases_used", c.cases_used},
                {"from", c.from ? ordered_json(format_timestamp(*c.from)) : ordered_json(nullptr)},
                {"to", c.to ? ordered_json(format_timestamp(*c.to)) : ordered_json(nullptr)},
                {"has_start", c.has_start},
                {"has_resource", c.has_resource},
                {"working_days", c.log_working_days},
                {"cases_fitting", c.cases_fitting},
                {"cases_deviating", c.cases_deviating},
                {"cases_open", c.cases_open},
                {"cases_begun_before", c.cases_begun_before}};
  out["days_per_year"] = {{"model", process.calendar.days_per_year}, {"log", c.log_days_per_year}};
  out["cases_per_year"] = {{"model", process.cases_per_year ? ordered_json(*process.cases_per_year) : ordered_json(nullptr)},
                           {"log", optional_number(c.log_cases_per_year)}};
  out["fitness"] = optional_number(c.fitness);
  ordered_json steps = ordered_json::array();
  for (std::size_t i = 0; i < process.steps.size(); ++i) {
    const StepCalibration& s = c.steps[i];
    ordered_json work = {{"model", s.model_work_hours}, {"log", optional_number(s.work_mean)},
                         {"p10", optional_number(s.work_p10)}, {"p50", optional_number(s.work_p50)},
                         {"p90", optional_number(s.work_p90)}};
    if (s.fit) {
      work["fit"] = fit_name(s.fit->distribution);
      const Distribution& d = s.fit->distribution;
      if (d.kind == Distribution::Kind::triangular) work["fitted"] = {d.a, d.b, d.c};
      else if (d.kind == Distribution::Kind::lognormal) work["fitted"] = {{"mean", d.a}, {"sd", d.b}};
      else work["fitted"] = d.a;
      work["ks"] = s.fit->ks;
    } else {
      work["fit"] = nullptr;
      work["fitted"] = nullptr;
      work["ks"] = nullptr;
    }
    steps.push_back({{"id", process.steps[i].id},
                     {"runs", s.runs},
                     {"work_hours", std::move(work)},
                     {"wait_hours", {{"model", s.model_wait_hours}, {"log", optional_number(s.wait_mean)}}},
                     {"queue_hours", {{"model", optional_number(s.model_queue_hours)}, {"log", optional_number(s.queue_mean)}}},
                     {"delay_hours", {{"model", s.model_delay_hours}, {"log", optional_number(s.delay_mean)}, {"runs", s.delays}}},
                     {"visits", {{"model", s.model_visits}, {"log", optional_number(s.visits)}}}});
  }
  out["steps"] = std::move(steps);
  ordered_json choices = ordered_json::array();
  for (const ChoiceCalibration& choice : c.choices) {
    const Choice& branch = process.steps[choice.step].routing.choices[choice.branch];
    ordered_json item = {{"step", process.steps[choice.step].id},
                         {"to", branch.to.id},
                         {"p", {{"model", choice.model_p}, {"log", optional_number(choice.log_p)}}},
                         {"runs", choice.runs},
                         {"taken", choice.taken}};
    if (branch.rework)
      item["rework_per_case"] = {{"model", choice.model_per_case}, {"log", optional_number(choice.log_per_case)}};
    choices.push_back(std::move(item));
  }
  out["choices"] = std::move(choices);
  out["lead_time_hours"] = {{"model", optional_number(c.model_lead_time_hours)},
                            {"log", optional_number(c.lead_time_mean)},
                            {"log_p50", optional_number(c.lead_time_p50)},
                            {"log_p90", optional_number(c.lead_time_p90)}};
  ordered_json deviations = ordered_json::array();
  for (const Deviation& d : c.deviations) {
    ordered_json variant = ordered_json::array();
    for (std::size_t step : d.steps) variant.push_back(process.steps[step].id);
    deviations.push_back({{"variant", std::move(variant)},
                          {"cases", d.cases},
                          {"leaves_at", d.leaves_after ? ordered_json(process.steps[d.steps[*d.leaves_after]].id)
                                                       : ordered_json(nullptr)},
                          {"first_case", d.first_case}});
  }
  out["deviations"] = std::move(deviations);
  ordered_json unknown = ordered_json::array();
  for (const auto& [activity, rows] : c.unknown_activities) unknown.push_back({{"activity", activity}, {"rows", rows}});
  out["unknown_activities"] = std::move(unknown);
  ordered_json resources = ordered_json::array();
  for (const ResourceCalibration& r : c.resources)
    resources.push_back({{"name", r.name},
                         {"unit", r.unit ? ordered_json(process.units[*r.unit].id) : ordered_json(nullptr)},
                         {"runs", r.runs},
                         {"work_hours", c.has_start ? ordered_json(r.work_hours) : ordered_json(nullptr)},
                         {"top_step", process.steps[r.top_step].id}});
  out["resources"] = std::move(resources);
  out["cut_off_cases"] = c.cut_off_examples;
  ordered_json never = ordered_json::array();
  for (std::size_t i : c.steps_never_seen) never.push_back(process.steps[i].id);
  out["steps_never_seen"] = std::move(never);
  return out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

std::string render_calibration_text(const Process& process, const Calibration& c,
                                    const CalibrationReportOptions& options) {
  const Wording w(options.language);
  const text::Style style{options.color};
  const double hpd = process.calendar.hours_per_day;
  const auto duration = [&](const std::optional<double>& hours) {
    return hours ? w.duration(*hours, hpd) : std::string("–");
  };
  std::string out = style.bold(w.tr_format("{}: model and log", process.info.name)) + "\n";
  out += "  " + w.tr_format("Log: {}", escape_control_characters(options.log_path)) + "\n";
  for (const std::string& sentence : log_sentences(process, c, w)) out += text::wrap(sentence, 78, "  ");
  out += "\n";
  std::vector<std::vector<std::string>> headline{{"", w.tr("model"), w.tr("log"), ""}};
  headline.push_back({w.tr("Fitness"), "", c.fitness ? w.percent(*c.fitness) : "–",
                      c.fitness ? w.tr_format("of {} complete cases fit the model",
                                              w.number(static_cast<double>(c.cases_used), 0))
                                : ""});
  headline.push_back({w.tr("Cases a year"), process.cases_per_year ? w.number(*process.cases_per_year, 0) : "–",
                      c.log_cases_per_year ? w.number(*c.log_cases_per_year, 0) : "–",
                      c.log_cases_per_year ? w.tr_format("from {} arrivals", w.number(static_cast<double>(c.arrivals), 0))
                                           : ""});
  headline.push_back({w.tr("Lead time (mean)"), duration(c.model_lead_time_hours), duration(c.lead_time_mean),
                      c.lead_time_p50 ? w.tr_format("P50 {}, P90 {}", duration(c.lead_time_p50), duration(c.lead_time_p90))
                                      : ""});
  out += table(headline, style, true, true);

  if (!c.differences.empty()) {
    out += "\n" + style.bold(w.tr("Largest differences")) + "\n";
    std::vector<std::vector<std::string>> rows{{"", w.tr("model"), w.tr("log"), "", ""}};
    for (std::size_t k = 0; k < std::min(options.top_differences, c.differences.size()); ++k) {
      const DifferenceLine line = difference_line(process, c.differences[k], w, false);
      rows.push_back({line.what, line.model, line.log, line.change, line.runs});
    }
    out += table(rows, style, true, true);
  }

  out += "\n" + style.bold(w.tr("Steps")) + "\n";
  std::vector<std::vector<std::string>> steps{
      {w.tr("step"), w.tr("runs"), w.tr("work"), w.tr("waiting before"), w.tr("visits")}};
  for (std::size_t i = 0; i < process.steps.size(); ++i) {
    const StepCalibration& s = c.steps[i];
    // An end step does no work: its zeros would read as a measurement.
    if (process.steps[i].end) {
      steps.push_back({text::truncate(process.steps[i].id, 32), w.number(static_cast<double>(s.runs), 0), "–", "–",
                       w.number(s.model_visits, 2) + " / " + (s.visits ? w.number(*s.visits, 2) : "–")});
      continue;
    }
    steps.push_back({text::truncate(process.steps[i].id, 32), w.number(static_cast<double>(s.runs), 0),
                     w.duration(s.model_work_hours, hpd) + " / " + duration(s.work_mean),
                     w.duration(s.model_wait_hours, hpd) + " / " + duration(s.wait_mean),
                     w.number(s.model_visits, 2) + " / " + (s.visits ? w.number(*s.visits, 2) : "–")});
  }
  out += table(steps, style, true);
  out += "  " + std::string(w.tr("(model / log; work and waiting are means in working time)")) + "\n";

  if (!c.choices.empty()) {
    out += "\n" + style.bold(w.tr("Choices")) + "\n";
    const auto branch_name = [&](const ChoiceCalibration& choice) {
      const Step& step = process.steps[choice.step];
      return step.id + " → " + step.routing.choices[choice.branch].to.id;
    };
    std::vector<std::vector<std::string>> rows{{"", w.tr("model"), w.tr("log"), ""}};
    for (const ChoiceCalibration& choice : c.choices)
      rows.push_back({branch_name(choice), w.number(choice.model_p, 2),
                      choice.log_p ? w.number(*choice.log_p, 2) : std::string("–"),
                      w.tr_plural_format("{} run", "{} runs", choice.runs, w.number(static_cast<double>(choice.runs), 0)) +
                          (step_rework(process, choice) && choice.log_per_case
                               ? "; " + w.tr_format("rework {} per case, model {}", w.number(*choice.log_per_case, 2),
                                                    w.number(choice.model_per_case, 2))
                               : std::string())});
    out += table(rows, style, true, true);
  }
  if (!c.deviations.empty()) {
    out += "\n" + style.bold(w.tr("Variants that do not fit (most frequent first)")) + "\n";
    for (const Deviation& d : c.deviations) {
      out += "  " + w.tr_plural_format("{} case, e.g. {}; {}:", "{} cases, e.g. {}; {}:", d.cases,
                                       w.number(static_cast<double>(d.cases), 0),
                                activity_text(d.first_case), leaves_text(process, d, w, false)) +
             "\n";
      out += text::wrap(variant_text(process, d, w), 76, "    ");
    }
  }
  if (!c.unknown_activities.empty()) {
    out += "\n" + style.bold(w.tr("Activities the model does not know")) + "\n";
    for (std::size_t k = 0; k < std::min(max_unknown_shown, c.unknown_activities.size()); ++k) {
      const auto& [activity, rows] = c.unknown_activities[k];
      out += "  " + w.tr_plural_format("{} ({} row)", "{} ({} rows)", rows, activity_text(activity),
                                       w.number(static_cast<double>(rows), 0)) + "\n";
    }
    if (c.unknown_activities.size() > max_unknown_shown)
      out += "  " + w.tr_format("and {} more", w.number(static_cast<double>(c.unknown_activities.size() - max_unknown_shown), 0)) + "\n";
  }
  if (!c.resources.empty()) {
    out += "\n" + style.bold(w.tr("Who did the runs (most runs first)")) + "\n";
    const std::size_t shown = std::min<std::size_t>(c.resources.size(), max_resources_shown);
    std::vector<std::vector<std::string>> rows;
    for (std::size_t k = 0; k < shown; ++k) {
      const ResourceCalibration& r = c.resources[k];
      rows.push_back({text::truncate(escape_control_characters(r.name), 32),
                      w.tr_plural_format("{} run", "{} runs", r.runs, w.number(static_cast<double>(r.runs), 0)),
                      c.has_start ? w.hours(r.work_hours) : std::string("–"),
                      w.tr_format("most at {}", process.steps[r.top_step].id)});
    }
    out += table(rows, style, false, true);
    if (c.resources.size() > shown)
      out += "  " + w.tr_format("and {} more", w.number(static_cast<double>(c.resources.size() - shown), 0)) + "\n";
  }
  const auto [expected_missing, missing] = never_seen(c);
  if (!missing.empty()) {
    out += "\n" + style.bold(w.tr("Steps the log never shows")) + "\n";
    std::string ids;
    for (std::size_t i : missing) ids += (ids.empty() ? "" : ", ") + process.steps[i].id;
    out += text::wrap(ids, 76, "  ");
  }
  if (!expected_missing.empty()) {
    std::string ids;
    for (std::size_t i : expected_missing) ids += (ids.empty() ? "" : ", ") + process.steps[i].id;
    out += "\n" + text::wrap(w.tr_format("Not in the log, as expected of the applicant's steps, steps without work "
                                          "and ends: {}",
                                          ids),
                              78, "");
  }
  return out;
}

std::string render_calibration_markdown(const Process& process, const Calibration& c,
                                        const CalibrationReportOptions& options) {
  using text::markdown_escape;
  const Wording w(options.language);
  const double hpd = process.calendar.hours_per_day;
  const auto duration = [&](const std::optional<double>& hours) {
    return hours ? w.duration(*hours, hpd) : std::string("–");
  };
  std::string out = "## " + w.tr_format("{}: model and log", markdown_escape(process.info.name)) + "\n\n";
  out += w.tr_format("Log: {}.", markdown_escape(escape_control_characters(options.log_path))) + " ";
  for (const std::string& sentence : log_sentences(process, c, w)) {
    std::string s = sentence;
    if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    out += markdown_escape(s) + ". ";
  }
  out.pop_back();
  out += "\n\n";
  out += "| | " + std::string(w.tr("model")) + " | " + w.tr("log") + " |\n|---|---:|---:|\n";
  out += "| " + std::string(w.tr("Fitness")) + " | | " + (c.fitness ? w.percent(*c.fitness) : "–") + " |\n";
  out += "| " + std::string(w.tr("Cases a year")) + " | " +
         (process.cases_per_year ? w.number(*process.cases_per_year, 0) : "–") + " | " +
         (c.log_cases_per_year ? w.number(*c.log_cases_per_year, 0) : "–") + " |\n";
  out += "| " + std::string(w.tr("Lead time (mean)")) + " | " + duration(c.model_lead_time_hours) + " | " +
         duration(c.lead_time_mean) + " |\n";
  out += "| " + std::string(w.tr("Lead time, P50 / P90")) + " | | " + duration(c.lead_time_p50) + " / " +
         duration(c.lead_time_p90) + " |\n\n";
  if (!c.differences.empty()) {
    out += "### " + std::string(w.tr("Largest differences")) + "\n\n";
    out += "| | " + std::string(w.tr("model")) + " | " + w.tr("log") + " | " + w.tr("change") + " | " + w.tr("runs") +
           " |\n|---|---:|---:|---:|---:|\n";
    for (std::size_t k = 0; k < std::min(options.top_differences, c.differences.size()); ++k) {
      const DifferenceLine line = difference_line(process, c.differences[k], w, true);
      out += "| " + markdown_escape(line.what) + " | " + line.model + " | " + line.log + " | " + line.change + " | " +
             line.count + " |\n";
    }
    out += "\n";
  }
  out += "### " + std::string(w.tr("Steps")) + "\n\n";
  out += "| " + std::string(w.tr("step")) + " | " + w.tr("runs") + " | " + w.tr("work, model") + " | " +
         w.tr("work, log") + " | P10 / P50 / P90 | " + w.tr("fit") + " | " + w.tr("waiting, model") + " | " +
         w.tr("waiting, log") + " | " + w.tr("visits, model / log") + " |\n|---|---:|---:|---:|---:|---|---:|---:|---:|\n";
  for (std::size_t i = 0; i < process.steps.size(); ++i) {
    const StepCalibration& s = c.steps[i];
    // An end step does no work: its zeros would read as a measurement.
    if (process.steps[i].end) {
      out += "| " + markdown_escape(process.steps[i].name) + " | " + w.number(static_cast<double>(s.runs), 0) +
             " | – | – | – | – | – | – | " + w.number(s.model_visits, 2) + " / " +
             (s.visits ? w.number(*s.visits, 2) : "–") + " |\n";
      continue;
    }
    std::string fit = "–";
    if (s.fit)
      fit = fmt::format("{} (KS {})",
                        s.fit->distribution.kind == Distribution::Kind::triangular  ? w.tr("three-point")
                        : s.fit->distribution.kind == Distribution::Kind::lognormal ? w.tr("lognormal")
                                                                                     : w.tr("fixed"),
                        w.number(s.fit->ks, 2));
    out += "| " + markdown_escape(process.steps[i].name) + " | " + w.number(static_cast<double>(s.runs), 0) + " | " +
           w.duration(s.model_work_hours, hpd) + " | " + duration(s.work_mean) + " | " +
           (s.work_p10 ? duration(s.work_p10) + " / " + duration(s.work_p50) + " / " + duration(s.work_p90) : "–") +
           " | " + fit + " | " + w.duration(s.model_wait_hours, hpd) + " | " + duration(s.wait_mean) + " | " +
           w.number(s.model_visits, 2) + " / " + (s.visits ? w.number(*s.visits, 2) : "–") + " |\n";
  }
  out += "\n" + std::string(w.tr("KS: the Kolmogorov–Smirnov distance between the measured durations and the fitted "
                                  "distribution, the largest gap between the two shares of runs below a duration "
                                  "(0: the same; below about 0.1: close).")) +
         "\n\n";
  if (!c.choices.empty()) {
    out += "### " + std::string(w.tr("Choices")) + "\n\n| " + w.tr("from") + " | " + w.tr("to") + " | " +
           w.tr("p, model") + " | " + w.tr("share, log") + " | " + w.tr("runs") + " | " +
           w.tr("rework per case, model / log") + " |\n|---|---|---:|---:|---:|---:|\n";
    for (const ChoiceCalibration& choice : c.choices) {
      const Step& step = process.steps[choice.step];
      const auto target = process.step_index.find(step.routing.choices[choice.branch].to.id);
      out += "| " + markdown_escape(step.name) + " | " + markdown_escape(process.steps[target->second].name) + " | " +
             w.number(choice.model_p, 2) + " | " + (choice.log_p ? w.number(*choice.log_p, 2) : "–") + " | " +
             w.number(static_cast<double>(choice.runs), 0) + " | " +
             (step_rework(process, choice)
                  ? w.number(choice.model_per_case, 2) + " / " +
                        (choice.log_per_case ? w.number(*choice.log_per_case, 2) : std::string("–"))
                  : std::string()) +
             " |\n";
    }
    out += "\n";
  }
  if (!c.deviations.empty()) {
    out += "### " + std::string(w.tr("Variants that do not fit (most frequent first)")) + "\n\n";
    for (const Deviation& d : c.deviations)
      out += "- " + w.tr_plural_format("{} case: {}; {}", "{} cases: {}; {}", d.cases,
                                       w.number(static_cast<double>(d.cases), 0),
                                markdown_escape(variant_text(process, d, w, true)), markdown_escape(leaves_text(process, d, w, true))) +
             "\n";
    out += "\n";
  }
  if (!c.unknown_activities.empty()) {
    out += "### " + std::string(w.tr("Activities the model does not know")) + "\n\n";
    for (std::size_t k = 0; k < std::min(max_unknown_shown, c.unknown_activities.size()); ++k) {
      const auto& [activity, rows] = c.unknown_activities[k];
      out += "- " + w.tr_plural_format("{} ({} row)", "{} ({} rows)", rows, markdown_escape(activity_text(activity)),
                                       w.number(static_cast<double>(rows), 0)) + "\n";
    }
    if (c.unknown_activities.size() > max_unknown_shown)
      out += "- " + w.tr_format("and {} more", w.number(static_cast<double>(c.unknown_activities.size() - max_unknown_shown), 0)) + "\n";
    out += "\n";
  }
  if (!c.resources.empty()) {
    out += "### " + std::string(w.tr("Who did the runs (most runs first)")) + "\n\n| " + w.tr("name") + " | " +
           w.tr("runs") + " | " + w.tr("work") + " | " + w.tr("most at") + " |\n|---|---:|---:|---|\n";
    const std::size_t shown = std::min<std::size_t>(c.resources.size(), max_resources_shown);
    for (std::size_t k = 0; k < shown; ++k) {
      const ResourceCalibration& r = c.resources[k];
      out += "| " + markdown_escape(activity_text(r.name)) + " | " +
             w.number(static_cast<double>(r.runs), 0) + " | " + (c.has_start ? w.hours(r.work_hours) : "–") + " | " +
             markdown_escape(process.steps[r.top_step].name) + " |\n";
    }
    if (c.resources.size() > shown)
      out += "\n" + w.tr_format("and {} more", w.number(static_cast<double>(c.resources.size() - shown), 0)) + "\n";
    out += "\n";
  }
  const auto [expected_missing, missing] = never_seen(c);
  if (!missing.empty()) {
    out += "### " + std::string(w.tr("Steps the log never shows")) + "\n\n";
    for (std::size_t i : missing) out += "- " + markdown_escape(process.steps[i].name) + "\n";
    out += "\n";
  }
  if (!expected_missing.empty()) {
    std::string names;
    for (std::size_t i : expected_missing) names += (names.empty() ? "" : ", ") + markdown_escape(process.steps[i].name);
    out += w.tr_format("Not in the log, as expected of the applicant's steps, steps without work and ends: {}",
                       names) +
           ".\n\n";
  }
  return out;
}

}  // namespace paperflow
