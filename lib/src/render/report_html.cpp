#include "paperflow/report_html.h"
#include "paperflow/report_portfolio.h"
#include "paperflow/report_portfolio_plan.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "paperflow/figures.h"
#include "paperflow/report_analysis.h"
#include "paperflow/svg_pages.h"
#include "plan_wording.h"
#include "svg_chart.h"
#include "xml_escape.h"
#include "wording.h"

namespace paperflow {
namespace {


// Marks a text for the catalogue where it is translated later.
constexpr const char* N_(const char* text) { return text; }

// Screen and print: A4 portrait, sections kept whole where they fit, the
// diagrams at full size with a scroll bar on screen and fitted to the
// page in print. Fonts every office PC has, DejaVu last for Linux.
constexpr char style_sheet[] = R"(
:root { --ink: #1d2733; --muted: #4a5563; --line: #d5dce4; --alarm: #c0392b; --accent: #3b6ea5; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Calibri, Arial, "Liberation Sans", Helvetica, "DejaVu Sans", sans-serif;
       color: var(--ink); max-width: 62rem; margin: 0 auto; padding: 1.5rem; line-height: 1.45; }
h1 { font-size: 1.75rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
p.subtitle { color: var(--muted); margin: 0 0 1rem; }
p.lede { font-size: 1.1rem; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: .7rem; margin: 1rem 0; }
.figure { border: 1px solid var(--line); border-radius: 6px; padding: .55rem .8rem; }
.figure .label { font-size: .85rem; color: var(--muted); }
.figure .value { font-size: 1.45rem; font-weight: 600; }
.figure .note { font-size: .8rem; color: var(--muted); }
.figure.alarm .value { color: var(--alarm); }
table { border-collapse: collapse; width: 100%; font-size: .88rem; margin: .5rem 0 1rem; }
th, td { padding: .3rem .45rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: #eef2f6; }
.num { text-align: right; }
td.num { white-space: nowrap; }
.table { overflow-x: auto; }
tr.mark td { font-weight: 600; color: var(--alarm); }
svg.chart { width: 100%; height: auto; font-family: inherit; display: block; }
figure { margin: .6rem 0 1.2rem; }
figcaption, .note { font-size: .85rem; color: var(--muted); }
.diagram { border: 1px solid var(--line); padding: .3rem; margin-bottom: .4rem; }
.diagram svg { height: auto; max-width: 100%; display: block; }
@page diagram { size: A4 landscape; margin: 10mm; }
footer { margin-top: 2.5rem; font-size: .8rem; color: var(--muted); border-top: 1px solid var(--line); padding-top: .5rem; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2, h3 { break-after: avoid; }
  .figures, table, figure:not(.diagrams) { break-inside: avoid; }
  .table { overflow: visible; }
  table { font-size: 8.5pt; }
  th, td { padding: .15rem .25rem; }
  figure.diagrams { page: diagram; }
  .diagram { border: none; padding: 0; break-inside: avoid; }
  .diagram svg { max-height: 185mm; width: auto; }
}
)";

// A translated pattern filled with arguments that are HTML already: the
// pattern is escaped, the arguments are not touched.
template <class... Args>
std::string html_format(const Wording& w, const char* pattern, const Args&... args) {
  return fmt::format(fmt::runtime(xml_escape(w.tr(pattern))), args...);
}

// The same with the pattern chosen by the count `n` (singular or plural).
template <class... Args>
std::string html_plural_format(const Wording& w, const char* singular, const char* plural, unsigned long n,
                               const Args&... args) {
  return fmt::format(fmt::runtime(xml_escape(w.tr_plural(singular, plural, n))), args...);
}

std::string strong(const std::string& text) { return "<strong>" + xml_escape(text) + "</strong>"; }

// One key figure: its value for a reader and, for a machine that checks
// the report against the JSON, the key and the exact number.
std::string figure_card(std::string_view key, const std::optional<double>& value, const std::string& label,
                        const std::string& shown, const std::string& note, bool alarm = false) {
  return fmt::format(
      "<div class=\"figure{}\" data-key=\"{}\" data-value=\"{}\"><div class=\"label\">{}</div>"
      "<div class=\"value\">{}</div><div class=\"note\">{}</div></div>\n",
      alarm ? " alarm" : "", key, value ? fmt::format("{}", *value) : std::string(), xml_escape(label), xml_escape(shown),
      xml_escape(note));
}

// A table: a header row, then rows of cells; the columns in `numeric` are
// right-aligned; a row whose first cell starts with '\x01' is marked.
std::string table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                  const std::vector<bool>& numeric) {
  auto cls = [&](std::size_t i) { return i < numeric.size() && numeric[i] ? " class=\"num\"" : ""; };
  std::string out = "<div class=\"table\"><table><thead><tr>";
  for (std::size_t i = 0; i < header.size(); ++i) out += fmt::format("<th{}>{}</th>", cls(i), xml_escape(header[i]));
  out += "</tr></thead><tbody>\n";
  for (const auto& row : rows) {
    const bool mark = !row.empty() && !row[0].empty() && row[0][0] == '\x01';
    out += mark ? "<tr class=\"mark\">" : "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i)
      out += fmt::format("<td{}>{}</td>", cls(i), xml_escape(i == 0 && mark ? row[i].substr(1) : row[i]));
    out += "</tr>\n";
  }
  return out + "</tbody></table></div>\n";
}

std::string unstable_units(const Process& process, const Analysis& a) {
  std::string names;
  for (std::size_t u = 0; u < process.units.size(); ++u)
    if (!a.units[u].stable) names += (names.empty() ? "" : ", ") + process.units[u].name;
  return names;
}

// The process in a sentence or three, before any figure.
std::string lede(const HtmlProcessSection& s, const Wording& w) {
  const Process& p = *s.process;
  const Analysis& a = *s.analysis;
  std::size_t internal = 0;
  for (const Unit& u : p.units) internal += u.external ? 0 : 1;
  std::string out = html_format(w, "{} cases a year pass through {} of the administration.",
                                strong(w.number(p.cases_per_year.value_or(0), 0)),
                                xml_escape(w.tr_plural_format("{} unit", "{} units", internal,
                                                          w.number(static_cast<double>(internal), 0))));
  if (a.lead_time_days && a.flow_efficiency)
    out += " " + html_format(w, "A case takes {} on average, of which {} are work on it (flow efficiency {}).",
                             strong(w.working_days(*a.lead_time_days)), xml_escape(w.hours(a.touch_time_hours)),
                             xml_escape(w.percent(*a.flow_efficiency)));
  else if (!a.lead_time_days)
    out += " " + html_format(w, "Over capacity: {}. Cases pile up, and the lead time grows without bound.",
                             strong(unstable_units(p, a)));
  if (a.bottleneck && a.lead_time_days)
    out += " " + html_format(w, "The bottleneck is {}, at {} utilisation.", strong(p.units[*a.bottleneck].name),
                             xml_escape(w.percent(a.units[*a.bottleneck].utilisation)));
  if (s.plan && !s.plan->measures.empty()) {
    const double hours = plan_text::totals(*s.plan).hours_freed;
    const std::size_t count = s.plan->measures.size();
    out += " " + html_format(w, "The plan, with {}, frees about {} staff hours a year for other work.",
                             xml_escape(w.tr_plural_format("{} measure", "{} measures", count, count)),
                             strong(w.number(hours, 0)));
    if (s.plan->after.lead_time_days && a.lead_time_days)
      out += " " + html_format(w, "A case then takes {}.", strong(w.working_days(*s.plan->after.lead_time_days)));
  }
  return "<p class=\"lede\">" + out + "</p>\n";
}

std::string key_figures(const HtmlProcessSection& s, const Wording& w) {
  const Process& p = *s.process;
  const Analysis& a = *s.analysis;
  std::string out = "<div class=\"figures\">\n";
  out += figure_card("lead_time_days", a.lead_time_days, w.tr("Lead time"),
                     a.lead_time_days ? w.working_days(*a.lead_time_days) : std::string(w.tr("unbounded")),
                     w.tr("mean per case, from application to the end"), !a.lead_time_days);
  out += figure_card("touch_time_hours", a.touch_time_hours, w.tr("Touch time"), w.hours(a.touch_time_hours),
                     a.flow_efficiency ? w.tr_format("flow efficiency {}", w.percent(*a.flow_efficiency))
                                       : std::string(w.tr("work on the case, per case")));
  out += figure_card("staff_cost_per_case", a.staff_cost_per_case, w.tr("Cost per case"),
                     w.money_cents(a.staff_cost_per_case), w.tr("staff time at cost rates"));
  out += figure_card("media_breaks_per_case", a.media_breaks_per_case, w.tr("Media breaks"),
                     w.number(a.media_breaks_per_case, 2), w.tr("per case: paper to system or back"));
  out += figure_card("ozg_level", a.ozg_level ? std::optional<double>(*a.ozg_level) : std::nullopt,
                     w.tr("OZG maturity level"),
                     a.ozg_level ? ozg_level_name(*a.ozg_level, w.language()) : std::string(w.tr("n/a")),
                     w.tr("estimated from the steps (0 to 4)"));
  if (a.bottleneck)
    out += figure_card("bottleneck", a.units[*a.bottleneck].utilisation, w.tr("Bottleneck"),
                       p.units[*a.bottleneck].name,
                       w.tr_format("{} utilisation", w.percent(a.units[*a.bottleneck].utilisation)),
                       !a.units[*a.bottleneck].stable);
  return out + "</div>\n";
}

// The diagram in its bands (drawn a landscape A4 page wide), each fitted
// to the column on screen and on a landscape page of its own in print, at
// its own size so that every label keeps 8 pt.
std::string diagram(const std::string& heading, const std::string& svg_document, std::string_view prefix,
                    const std::string& caption) {
  std::string bands;
  std::size_t k = 0;
  for (const std::string& band : svg_bands(svg_document))
    bands += "<div class=\"diagram\">" + inline_svg(band, fmt::format("{}{}_", prefix, k++)) + "</div>\n";
  if (bands.empty()) return {};
  // The heading inside the figure, so that it goes with the diagram onto its landscape page.
  return "<figure class=\"diagrams\">" + heading + bands + "<figcaption>" + xml_escape(caption) +
         "</figcaption></figure>\n";
}

std::string where_the_time_goes(const HtmlProcessSection& s, const Wording& w) {
  const Process& p = *s.process;
  const Analysis& a = *s.analysis;
  std::string out = fmt::format("<h2>{}</h2>\n", xml_escape(w.tr("Where the time goes")));
  if (!a.lead_time_hours || *a.lead_time_hours <= 0) {
    return out + "<p>" + xml_escape(w.tr("The lead time is unbounded: a unit is over capacity, so no step has a share "
                                     "of it. The utilisation below shows which.")) +
           "</p>\n";
  }
  std::vector<svg::Bar> bars;
  for (std::size_t rank = 0; rank < a.ranking.size() && bars.size() < 10; ++rank) {
    const std::size_t i = a.ranking[rank];
    if (!a.steps[i].lead_time_hours || *a.steps[i].lead_time_hours <= 0) continue;
    const double share = *a.steps[i].lead_time_hours / *a.lead_time_hours;
    bars.push_back({p.steps[i].name, share,
                    w.percent(share) + " · " + w.duration(*a.steps[i].lead_time_hours, p.calendar.hours_per_day)});
  }
  out += "<figure>" +
         svg::horizontal_bars(bars, {w.tr("The steps with the largest share of the lead time"), 0, {}, {}}) +
         "<figcaption>" +
         xml_escape(w.tr("The steps with the largest share of the lead time, with their time per case: work, waiting "
                     "in the queue and lying time (post, replies, deadlines), counted as often as a case passes "
                     "the step.")) +
         "</figcaption></figure>\n";
  return out;
}

std::string utilisation(const HtmlProcessSection& s, const Wording& w) {
  const Process& p = *s.process;
  const Analysis& a = *s.analysis;
  std::string out = fmt::format("<h2>{}</h2>\n", xml_escape(w.tr("Utilisation of the units")));
  std::vector<svg::Bar> bars;
  double largest = 1;
  std::vector<std::vector<std::string>> rows;
  for (std::size_t u = 0; u < p.units.size(); ++u) {
    const UnitFigures& f = a.units[u];
    if (f.external) continue;
    const bool bottleneck = a.bottleneck && *a.bottleneck == u;
    std::string text = w.percent(f.utilisation);
    if (!f.stable) text += " · " + std::string(w.tr("over capacity"));
    else if (bottleneck) text += " · " + std::string(w.tr("bottleneck"));
    bars.push_back({p.units[u].name, f.utilisation, text, bottleneck || !f.stable});
    largest = std::max(largest, f.utilisation);
    rows.push_back({(bottleneck || !f.stable ? "\x01" : "") + p.units[u].name, w.short_number(p.units[u].staff, 2),
                    w.percent(f.utilisation),
                    f.queue_wait_hours ? w.hours(*f.queue_wait_hours) : std::string(w.tr("unbounded")),
                    w.number(f.hours_per_year, 0)});
  }
  if (bars.empty()) return out + "<p>" + xml_escape(w.tr("No internal unit has work: there is no bottleneck.")) + "</p>\n";
  out += "<figure>" + svg::horizontal_bars(bars, {w.tr("Utilisation of the units"), std::min(largest, 2.0), 1.0, "100 %"}) +
         "<figcaption>" +
         xml_escape(w.tr("Busy time over the time the unit's staff are available for this process. Above about 85 % "
                     "queues grow quickly; at 100 % they grow without bound.")) +
         "</figcaption></figure>\n";
  out += table({w.tr("Unit"), w.tr("Staff"), w.tr("Utilisation"), w.tr("Queue wait"), w.tr("Staff hours a year")},
               rows, {false, true, true, true, true});
  return out;
}

// "2,5" for a tick of the histogram in the report's language.
std::string tick_text(double value, const void* context) {
  return static_cast<const Wording*>(context)->short_number(value, 2);
}

std::string lead_time_distribution(const HtmlProcessSection& s, const Wording& w) {
  const SimulationResult& r = *s.simulation;
  const double hpd = s.process->calendar.hours_per_day;
  std::string out = fmt::format("<h2>{}</h2>\n", xml_escape(w.tr("How long applicants wait")));
  const std::string how = w.tr_format("Simulation of {} replications with {} cases each (seed {}).",
                                      w.number(static_cast<double>(r.replications), 0),
                                      w.number(static_cast<double>(s.simulated_cases), 0), r.seed);
  if (!r.stable || !r.lead_time_histogram || !r.lead_time_p50 || !r.lead_time_p90)
    return out + "<p>" + xml_escape(how) + " " +
           xml_escape(w.tr("The process is not stable: a queue grows without bound, so no distribution of lead times "
                       "is shown.")) +
           "</p>\n";
  const LeadTimeHistogram& hist = *r.lead_time_histogram;
  const double p50 = r.lead_time_p50->mean / hpd, p90 = r.lead_time_p90->mean / hpd;
  svg::Histogram h;
  h.title = w.tr("Lead times of the simulated cases");
  h.bin_width = hist.bin_days;
  h.counts = hist.counts;
  h.beyond = hist.beyond;
  h.beyond_label = w.tr("from");
  h.x_label = w.tr("lead time in working days");
  h.y_label = w.tr("cases");
  h.markers = {{p50, w.tr_format("P50: {}", w.working_days(p50))}, {p90, w.tr_format("P90: {}", w.working_days(p90))}};
  h.tick_text = tick_text;
  h.tick_context = &w;
  out += fmt::format("<p data-key=\"lead_time_p50_days\" data-value=\"{}\" hidden></p>"
                     "<p data-key=\"lead_time_p90_days\" data-value=\"{}\" hidden></p>\n",
                     p50, p90);
  if (r.lead_time_mean)
    out += fmt::format("<p data-key=\"lead_time_mean_days\" data-value=\"{}\" hidden></p>\n",
                       r.lead_time_mean->mean / hpd);
  out += "<p>" +
         html_format(w, "Half of the cases are done within {}, nine in ten within {}.",
                     strong(w.working_days(p50)), strong(w.working_days(p90)));
  // The simulation's mean beside the analysis's, so that the two figures
  // of one process are read together, not as two stories.
  if (r.lead_time_mean && s.analysis->lead_time_days)
    out += " " + xml_escape(w.tr_format("The simulation's mean, {}, and the analysis's, {}, differ because the "
                                        "simulation draws single cases and has the staff present in blocks of the "
                                        "day, so cases also wait while people are away.",
                                        w.working_days(r.lead_time_mean->mean / hpd),
                                        w.working_days(*s.analysis->lead_time_days)));
  out += "</p>\n";
  out += "<figure>" + svg::histogram(h) + "<figcaption>" + xml_escape(how) + " " +
         xml_escape(w.tr("P50 and P90 are the means over the replications, as paperflow-simulate reports them; the last "
                     "bar holds the longest cases, beyond the 99th percentile.")) +
         "</figcaption></figure>\n";
  return out;
}

std::string plan_summary(const Plan& plan, const PlanUncertainty* u, const Wording& w) {
  const plan_text::PlanTotals sum = plan_text::totals(plan);
  const double hours = sum.hours_freed, saved = sum.saved, once = sum.once, yearly = sum.yearly;
  const std::size_t count = plan.measures.size();
  const auto waves = static_cast<std::size_t>(plan.measures.back().wave);
  std::string out = fmt::format("<p data-key=\"staff_hours_freed_per_year\" data-value=\"{}\">", hours);
  out += html_plural_format(
      w, "{} in {} frees about {} a year for other work: freed capacity worth {} a year at cost rates (not cash: the "
         "hours go to other work), for {} once and {} a year.",
      "{} in {} free about {} a year for other work: freed capacity worth {} a year at cost rates (not cash: the "
      "hours go to other work), for {} once and {} a year.",
      count, xml_escape(w.tr_plural_format("{} measure", "{} measures", count, count)),
      xml_escape(w.tr_plural_format("{} wave", "{} waves", waves, waves)),
      strong(w.tr_format("{} staff hours", w.number(hours, 0))), strong(w.money(saved)), strong(w.money(once)),
      xml_escape(w.money(yearly)));
  if (plan.before.lead_time_days && plan.after.lead_time_days)
    out += " " + html_format(w, "A case takes {} instead of {}.", strong(w.working_days(*plan.after.lead_time_days)),
                             xml_escape(w.working_days(*plan.before.lead_time_days)));
  if (saved - yearly > 0)
    out += " " + xml_escape(plan_text::whole_plan_payback(once / (saved - yearly), u, w));
  out += "</p>\n";
  if (!plan_text::optimism_bias_note(plan.options, w).empty())
    out += "<p class=\"note\">" + xml_escape(plan_text::optimism_bias_note(plan.options, w)) + "</p>\n";
  return out;
}

// No chart where no wave frees an hour: bars of nothing say nothing.
std::string savings_by_wave(const Plan& plan, const Wording& w) {
  std::vector<svg::Column> columns;
  double hours = 0, most = 0;
  for (const PlannedMeasure& m : plan.measures) {
    hours += m.staff_hours_freed_per_year;
    const std::string label = w.tr_format("after wave {}", m.wave);
    if (!columns.empty() && columns.back().label == label) columns.pop_back();
    columns.push_back({label, hours, w.tr_format("{} h a year", w.number(hours, 0))});
    most = std::max(most, hours);
  }
  if (most < 0.5) return {};
  return "<figure>" + svg::columns(columns, w.tr("Staff hours freed a year, wave by wave")) + "<figcaption>" +
         xml_escape(w.tr("Staff hours freed a year once each wave is done, added up: capacity for other work, not job "
                     "cuts.")) +
         "</figcaption></figure>\n";
}

std::string measures_table(const Plan& plan, const Process& p, const Wording& w) {
  std::vector<std::vector<std::string>> rows;
  for (const PlannedMeasure& m : plan.measures) {
    // The ranges under uncertainty have a table of their own below: here
    // the point figures, so that the table fits the page.
    rows.push_back({std::to_string(m.wave), m.name,
                    m.lead_time_saved_hours ? w.days(*m.lead_time_saved_hours / p.calendar.hours_per_day) : "–",
                    w.number(m.staff_hours_freed_per_year, 0), w.money(m.staff_cost_saved_per_year),
                    w.money(m.one_off_cost), w.money(m.yearly_cost), plan_text::years(w, m.payback_years),
                    w.say(m.because.detail)});
  }
  return table({w.tr("Wave"), w.tr("Measure"), w.tr("Lead time saved"), w.tr("Staff hours freed a year"),
                w.tr("Freed capacity a year at cost rates"), w.tr("Once"), w.tr("A year"), w.tr("Pays back (years)"),
                w.tr("Why in the plan")},
               rows, {true, false, true, true, true, true, true, true, false});
}

std::string before_and_after(const Plan& plan, const Process& p, const Wording& w) {
  const double hpd = p.calendar.hours_per_day;
  std::vector<std::vector<std::string>> rows;
  rows.push_back({w.tr("Lead time"), plan_text::lead(w, plan.before.lead_time_hours, hpd),
                  plan_text::lead(w, plan.after.lead_time_hours, hpd)});
  for (const CaseFigure& figure : case_figures())
    if (figure.role == FigureRole::per_case)
      rows.push_back({w.tr_format("{} per case", w.label(figure)), w.figure(figure, figure.value(plan.before)),
                      w.figure(figure, figure.value(plan.after))});
  rows.push_back({w.tr("OZG maturity level"), plan_text::ozg(plan.before, w), plan_text::ozg(plan.after, w)});
  rows.push_back({w.tr("Bottleneck"), plan_text::bottleneck_name(p, plan.after_process, plan, false, w),
                  plan_text::bottleneck_name(p, plan.after_process, plan, true, w)});
  return table({"", w.tr("Before"), w.tr("After")}, rows, {false, true, true});
}

// A drawn input as a reader names it: "online_antrag.cost.once" is the
// measure's one-off cost, "e_akte.changes[2].work" its effect on the work.
std::string input_name(const std::string& input, const Plan& plan, const Wording& w) {
  if (input == "demand.cases_per_year") return w.tr("Cases a year");
  const std::size_t dot = input.find('.');
  if (dot == std::string::npos) return input;
  std::string measure = input.substr(0, dot);
  for (const PlannedMeasure& m : plan.measures)
    if (m.id == measure) measure = m.name;
  const std::string what = input.substr(dot + 1);
  const auto ends = [&](std::string_view tail) {
    return what.size() >= tail.size() && what.compare(what.size() - tail.size(), tail.size(), tail) == 0;
  };
  const char* part = ends("cost.once")       ? N_("{}: one-off cost")
                     : ends("cost.per_year") ? N_("{}: yearly cost")
                     : ends(".work")         ? N_("{}: effect on the work")
                     : ends(".delay")        ? N_("{}: effect on the lying time")
                     : ends(".rework")       ? N_("{}: effect on rework")
                                             : nullptr;
  return part ? w.tr_format(part, measure) : measure + ": " + what;
}

std::string uncertainty_part(const PlanUncertainty& u, const Plan& plan, const Wording& w) {
  std::string out = fmt::format("<h3>{}</h3>\n<p>{}</p>\n", xml_escape(w.tr("Under uncertainty")),
                                xml_escape(plan_text::uncertainty_summary(u, w)));
  std::vector<std::vector<std::string>> rows;
  for (const PlannedMeasure& m : plan.measures) {
    const MeasureSpread* d = plan_text::spread_of(&u, m.id);
    if (!d) continue;
    // One figure where no drawn input moves it, as in the text reports.
    auto range = [&](const std::string& low, const std::string& high) { return low == high ? low : low + " – " + high; };
    auto money = [&](const Spread& s) { return range(w.money(s.p10.value_or(0)), w.money(s.p90.value_or(0))); };
    rows.push_back({m.name, money(d->staff_cost_saved_per_year), money(d->one_off_cost),
                    range(plan_text::years(w, d->payback_years.p10), plan_text::years(w, d->payback_years.p90)),
                    money(d->npv)});
  }
  out += table({w.tr("Measure"), w.tr("Saving a year (P10–P90)"), w.tr("Once (P10–P90)"),
                w.tr("Pays back, years (P10–P90)"), w.tr("Net present value (P10–P90)")},
               rows, {false, true, true, true, true});
  if (!u.tornado.empty()) {
    std::vector<std::vector<std::string>> bars;
    for (const TornadoBar& bar : u.tornado)
      bars.push_back({input_name(bar.input, plan, w), w.money(bar.npv_at_p10), w.money(bar.npv_at_p90)});
    out += "<p>" +
           xml_escape(w.tr("What moves the net present value most (the input at its P10 and P90, the rest at most likely):")) +
           "</p>\n" + table({w.tr("input"), w.tr("NPV at P10"), w.tr("NPV at P90")}, bars, {false, true, true});
  }
  return out;
}

std::string plan_part(const HtmlProcessSection& s, const Wording& w) {
  const Plan& plan = *s.plan;
  const Process& p = *s.process;
  std::string out = fmt::format("<h2>{}</h2>\n", xml_escape(w.tr("The digitisation plan")));
  if (plan.measures.empty()) {
    out += "<p>" + xml_escape(plan_text::why_no_measure(plan, w)) + "</p>\n";
  } else {
    out += plan_summary(plan, s.uncertainty, w);
    out += savings_by_wave(plan, w);
    out += fmt::format("<h3>{}</h3>\n", xml_escape(w.tr("What to do, in this order")));
    out += measures_table(plan, p, w);
    out += "<p class=\"note\">" +
           xml_escape(w.tr("Each measure is evaluated on the process as changed by the measures before it. Staff hours "
                       "freed are capacity for other work, not job cuts.")) +
           "</p>\n";
    out += fmt::format("<h3>{}</h3>\n", xml_escape(w.tr("Before and after")));
    out += before_and_after(plan, p, w);
    if (!s.after_diagram_svg.empty()) {
      out += diagram(fmt::format("<h3>{}</h3>\n", xml_escape(w.tr("The process after the plan"))), s.after_diagram_svg,
                     "after_",
                     w.tr("Changed steps are marked and name the measures that changed them (geändert durch …)."));
    }
    if (s.uncertainty) out += uncertainty_part(*s.uncertainty, plan, w);
  }
  if (!plan.skipped.empty()) {
    out += fmt::format("<h3>{}</h3>\n<ul>\n", xml_escape(w.tr("Not in the plan")));
    for (const SkippedMeasure& m : plan.skipped)
      out += fmt::format("<li><strong>{}</strong>: {}</li>\n", xml_escape(m.name), xml_escape(w.say(m.reason)));
    out += "</ul>\n";
  }
  return out;
}

std::string assumptions(const HtmlProcessSection& s, const Wording& w) {
  const Process& p = *s.process;
  std::string out = fmt::format("<h2>{}</h2>\n", xml_escape(w.tr("Assumptions and how the figures were computed")));
  out += "<p>" +
         xml_escape(w.tr_format("{} cases a year; {} working days a year of {} hours.",
                            w.number(p.cases_per_year.value_or(0), 0), w.short_number(p.calendar.days_per_year, 2),
                            w.short_number(p.calendar.hours_per_day, 2))) +
         "</p>\n";
  std::vector<std::vector<std::string>> rows;
  for (const Unit& u : p.units)
    rows.push_back({u.name, u.external ? std::string(w.tr("external")) : w.short_number(u.staff, 2),
                    u.external ? "–" : w.percent(u.availability, 0),
                    u.external ? "–" : w.money_cents(u.cost_per_hour)});
  out += table({w.tr("Unit"), w.tr("Staff"), w.tr("Available for the process"), w.tr("Cost per hour")}, rows,
               {false, true, true, true});
  out += "<ul>\n";
  for (const char* line :
       {N_("The analysis computes means: how often a case passes each step (from the probabilities of the choices, "
        "rework included), the waiting at each unit from its utilisation (Kingman's approximation for several "
        "servers), and the lead time along the process, where parallel branches count with the longer one."),
        N_("The touch time is the work on a case; the rest of the lead time is waiting in queues and lying time: "
        "post in transit, replies, deadlines."),
        N_("Cost per case is staff time at each unit's cost per hour; the applicant's time is not in it."),
        N_("Freed capacity worth a sum at cost rates is not cash: the hours go to other work.")})
    out += "<li>" + xml_escape(w.tr(line)) + "</li>\n";
  if (s.simulation)
    out += "<li>" +
           xml_escape(w.tr("The simulation draws every duration and choice for single cases arriving at random, with "
                       "staff present in blocks of the working day; its figures vary a little with the seed.")) +
           "</li>\n";
  if (s.plan)
    out += "<li>" +
           xml_escape(w.tr_format("The plan's costs and effects are documented assumptions of the measure catalogue; a "
                              "measure is recommended when it pays back within {} years.",
                              w.short_number(s.plan->options.horizon_years, 2))) +
           "</li>\n";
  return out + "</ul>\n";
}

std::string process_section(const HtmlProcessSection& s, const Wording& w, bool titled) {
  std::string out = "<section class=\"process\">\n";
  if (!titled) out += fmt::format("<h1>{}</h1>\n", xml_escape(s.process->info.name));
  out += lede(s, w);
  out += key_figures(s, w);
  if (!s.diagram_svg.empty()) {
    out += diagram(fmt::format("<h2>{}</h2>\n", xml_escape(w.tr("The process today"))), s.diagram_svg, "today_",
                   w.tr("One lane a unit; paper cream, digital blue, media breaks red and dashed. A step's border "
                        "shows its share of the lead time (the wider and darker, the more), a lane's colour its "
                        "utilisation."));
  }
  out += where_the_time_goes(s, w);
  out += utilisation(s, w);
  if (s.simulation) out += lead_time_distribution(s, w);
  if (s.plan) out += plan_part(s, w);
  out += assumptions(s, w);
  return out + "</section>\n";
}

// ---- an organisation's portfolio ------------------------------------------

double process_staff_hours(const Analysis& analysis) {
  double hours = 0;
  for (const UnitFigures& unit : analysis.units)
    if (!unit.external) hours += unit.hours_per_year;
  return hours;
}

std::string portfolio_lede(const HtmlPortfolioOverview& o, const Wording& w) {
  const Portfolio& portfolio = *o.portfolio;
  const PortfolioAnalysis& a = *o.analysis;
  double cases = 0;
  for (const PortfolioProcess& p : portfolio.processes) cases += p.process.cases_per_year.value_or(0);
  const std::size_t n = portfolio.processes.size();
  // The units that several processes load: the ones a queue is shared at.
  const std::size_t shared = static_cast<std::size_t>(std::count_if(
      a.shared_units.begin(), a.shared_units.end(),
      [](const SharedUnitFigures& f) { return !f.external && f.load_share.size() >= 2; }));
  std::string out = html_plural_format(
      w, "{} process of the organisation handles {} cases a year, with {} staff hours a year.",
      "{} processes of the organisation handle {} cases a year, with {} staff hours a year.", n,
      xml_escape(w.number(static_cast<double>(n), 0)), strong(w.number(cases, 0)),
      strong(w.number(a.staff_hours_per_year, 0)));
  if (shared > 0)
    out += " " + html_plural_format(w, "{} unit serves several of them in one queue.",
                                    "{} units serve several of them, each in one queue.", shared,
                                    xml_escape(w.number(static_cast<double>(shared), 0)));
  if (a.bottleneck)
    out += " " + html_format(w, "The bottleneck of the organisation is {}, at {} utilisation.",
                             strong(portfolio_bottleneck_name(portfolio, *a.bottleneck)),
                             xml_escape(w.percent(a.bottleneck->utilisation)));
  if (!a.stable)
    out += " " + xml_escape(w.tr("A unit is over capacity: lead times that pass it are unbounded."));
  return "<p class=\"lede\">" + out + "</p>\n";
}

std::string portfolio_figures(const HtmlPortfolioOverview& o, const Wording& w) {
  const PortfolioAnalysis& a = *o.analysis;
  std::string out = "<div class=\"figures\">\n";
  out += figure_card("staff_hours_per_year", a.staff_hours_per_year, w.tr("Staff hours a year"),
                     w.number(a.staff_hours_per_year, 0), w.tr("all processes, shared units once"));
  out += figure_card("staff_cost_per_year", a.staff_cost_per_year, w.tr("Staff cost a year"),
                     w.money(a.staff_cost_per_year), w.tr("staff time at cost rates"));
  if (a.bottleneck)
    out += figure_card("bottleneck", a.bottleneck->utilisation, w.tr("Bottleneck"),
                       portfolio_bottleneck_name(*o.portfolio, *a.bottleneck),
                       w.tr_format("{} utilisation", w.percent(a.bottleneck->utilisation)),
                       a.bottleneck->utilisation >= 1);
  return out + "</div>\n";
}

std::string shared_units_part(const HtmlPortfolioOverview& o, const Wording& w) {
  const Portfolio& portfolio = *o.portfolio;
  const PortfolioAnalysis& a = *o.analysis;
  const Organisation& organisation = portfolio.organisation;
  if (organisation.units.empty()) return {};
  std::string out = fmt::format("<h2>{}</h2>\n", xml_escape(w.tr("Shared units")));
  std::vector<svg::Bar> bars;
  std::vector<std::vector<std::string>> rows;
  double largest = 1;
  for (std::size_t u = 0; u < organisation.units.size(); ++u) {
    const SharedUnitFigures& f = a.shared_units[u];
    const bool bottleneck = a.bottleneck && a.bottleneck->shared_unit == u;
    std::vector<std::pair<std::size_t, double>> shares = f.load_share;
    std::stable_sort(shares.begin(), shares.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
    std::string who;
    for (const auto& [p, share] : shares)
      who += (who.empty() ? "" : ", ") + portfolio.processes[p].process.info.name + " " + w.percent(share, 0);
    if (f.external) {
      rows.push_back({organisation.units[u].name, w.tr("external"), "–", w.number(f.hours_per_year, 0), who});
      continue;
    }
    std::string text = w.percent(f.utilisation);
    if (!f.stable) text += " · " + std::string(w.tr("over capacity"));
    else if (bottleneck) text += " · " + std::string(w.tr("bottleneck"));
    bars.push_back({organisation.units[u].name, f.utilisation, text, bottleneck || !f.stable});
    largest = std::max(largest, f.utilisation);
    rows.push_back({(bottleneck || !f.stable ? "\x01" : "") + organisation.units[u].name, w.percent(f.utilisation),
                    f.queue_wait_hours ? w.hours(*f.queue_wait_hours) : std::string(w.tr("unbounded")),
                    w.number(f.hours_per_year, 0), who.empty() ? std::string(w.tr("no work")) : who});
  }
  if (!bars.empty())
    out += "<figure>" +
           svg::horizontal_bars(bars, {w.tr("Utilisation of the shared units"), std::min(largest, 2.0), 1.0, "100 %"}) +
           "<figcaption>" +
           xml_escape(w.tr("Busy time over the time the unit's staff are available, with the work of every process "
                           "that uses it. One process's cases wait behind another's.")) +
           "</figcaption></figure>\n";
  out += table({w.tr("Unit"), w.tr("Utilisation"), w.tr("Queue wait"), w.tr("Staff hours a year"), w.tr("Load share")},
               rows, {false, true, true, true, false});
  return out;
}

std::string processes_part(const HtmlPortfolioOverview& o, const Wording& w) {
  const Portfolio& portfolio = *o.portfolio;
  const PortfolioAnalysis& a = *o.analysis;
  std::string out = fmt::format("<h2>{}</h2>\n", xml_escape(w.tr("Processes by staff hours")));
  std::vector<std::vector<std::string>> rows;
  for (std::size_t p : processes_by_staff_hours(a, portfolio)) {
    const Process& process = portfolio.processes[p].process;
    const Analysis& analysis = a.processes[p];
    std::string bottleneck = "–";
    if (analysis.bottleneck) {
      const std::size_t u = *analysis.bottleneck;
      const auto& shared = portfolio.processes[p].shared_units[u];
      bottleneck = (shared ? portfolio.organisation.units[*shared].name : process.units[u].name) + " " +
                   w.percent(analysis.units[u].utilisation);
    }
    rows.push_back({(analysis.stable ? "" : "\x01") + process.info.name, w.number(process.cases_per_year.value_or(0), 0),
                    analysis.lead_time_days ? w.working_days(*analysis.lead_time_days) : std::string(w.tr("unbounded")),
                    w.number(process_staff_hours(analysis), 0),
                    analysis.ozg_level ? std::to_string(*analysis.ozg_level) : std::string("–"), bottleneck});
  }
  out += table({w.tr("Process"), w.tr("Cases per year"), w.tr("Lead time"), w.tr("Staff hours a year"), "OZG",
                w.tr("Its bottleneck")},
               rows, {false, true, true, true, true, false});
  out += fmt::format("<h2>{}</h2>\n", xml_escape(w.tr("OZG maturity")));
  std::vector<std::vector<std::string>> levels;
  for (std::size_t level = 0; level < a.ozg_levels.size(); ++level)
    levels.push_back({ozg_level_name(static_cast<int>(level), w.language()), std::to_string(a.ozg_levels[level])});
  if (a.processes_without_ozg_level > 0)
    levels.push_back({w.tr("no applicant-facing step"), std::to_string(a.processes_without_ozg_level)});
  out += table({w.tr("Level"), w.tr("Processes")}, levels, {false, true});
  return out;
}

// The plan across the processes: where to start, what to do in which
// order, and the organisation before and after.
std::string portfolio_plan_part(const HtmlPortfolioOverview& o, const Wording& w) {
  const Portfolio& portfolio = *o.portfolio;
  const PortfolioPlan& plan = *o.plan;
  std::string out = fmt::format("<h2>{}</h2>\n", xml_escape(w.tr("The plan")));
  if (plan.measures.empty())
    return out + "<p>" + xml_escape(w.tr("No measure is recommended: none pays back within the horizon.")) + "</p>\n";
  double hours = 0, once = 0;
  for (const PortfolioPlannedMeasure& m : plan.measures) {
    hours += m.figures.staff_hours_freed_per_year;
    once += m.figures.one_off_cost;
  }
  out += "<p>" +
         html_plural_format(w, "{} measure frees about {} staff hours a year for other work and costs {} once.",
                            "{} measures free about {} staff hours a year for other work and cost {} once.",
                            plan.measures.size(), xml_escape(std::to_string(plan.measures.size())),
                            strong(w.number(hours, 0)), xml_escape(w.money(once))) +
         "</p>\n";
  out += fmt::format("<h3>{}</h3>\n<ul>\n", xml_escape(w.tr("Where to start")));
  for (const std::string& sentence : portfolio_start_sentences(portfolio, plan, w.language()))
    out += "<li>" + xml_escape(sentence) + "</li>\n";
  out += "</ul>\n";
  std::vector<std::vector<std::string>> rows;
  for (const PortfolioPlannedMeasure& planned : plan.measures) {
    const PlannedMeasure& m = planned.figures;
    rows.push_back({std::to_string(m.wave), m.name, portfolio_measure_place(portfolio, planned, w.language()),
                    w.number(m.staff_hours_freed_per_year, 0), w.money(m.staff_cost_saved_per_year),
                    w.money(m.one_off_cost), m.payback_years ? w.years(*m.payback_years) : std::string(w.tr("never"))});
  }
  out += fmt::format("<h3>{}</h3>\n", xml_escape(w.tr("What to do, in this order")));
  out += table({w.tr("Wave"), w.tr("Measure"), w.tr("Where"), w.tr("Staff hours freed a year"),
                w.tr("Freed capacity a year at cost rates"), w.tr("Once"), w.tr("Pays back")},
               rows, {true, false, false, true, true, true, true});
  out += "<p>" +
         xml_escape(w.tr("Each measure is evaluated on the organisation as changed by the measures before it; a shorter "
                         "wait at a shared unit counts in every process that waits there. Hours freed are capacity for "
                         "other work, not job cuts; their value at cost rates is not cash.")) +
         "</p>\n";
  std::vector<std::vector<std::string>> compare;
  compare.push_back({w.tr("Staff hours a year"), w.number(plan.before.staff_hours_per_year, 0),
                     w.number(plan.after.staff_hours_per_year, 0)});
  compare.push_back({w.tr("Staff cost a year"), w.money(plan.before.staff_cost_per_year),
                     w.money(plan.after.staff_cost_per_year)});
  for (std::size_t u = 0; u < portfolio.organisation.units.size(); ++u)
    if (!portfolio.organisation.units[u].external)
      compare.push_back({w.tr_format("Utilisation of {}", portfolio.organisation.units[u].name),
                         w.percent(plan.before.shared_units[u].utilisation),
                         w.percent(plan.after.shared_units[u].utilisation)});
  auto bottleneck = [&](const PortfolioAnalysis& a) {
    return a.bottleneck ? portfolio_bottleneck_name(portfolio, *a.bottleneck) : std::string("–");
  };
  compare.push_back({w.tr("Bottleneck"), bottleneck(plan.before), bottleneck(plan.after)});
  for (std::size_t p = 0; p < portfolio.processes.size(); ++p) {
    const Analysis &b = plan.before.processes[p], &a = plan.after.processes[p];
    auto lead = [&](const Analysis& x) {
      return x.lead_time_days ? w.working_days(*x.lead_time_days) : std::string(w.tr("unbounded"));
    };
    auto level = [&](const Analysis& x) { return x.ozg_level ? std::to_string(*x.ozg_level) : std::string("–"); };
    compare.push_back({w.tr_format("{}: lead time, OZG level", portfolio.processes[p].process.info.name),
                       lead(b) + " · " + level(b), lead(a) + " · " + level(a)});
  }
  out += fmt::format("<h3>{}</h3>\n", xml_escape(w.tr("The organisation before and after")));
  out += table({"", w.tr("Before"), w.tr("After")}, compare, {false, true, true});
  return out;
}

std::string portfolio_section(const HtmlPortfolioOverview& o, const Wording& w) {
  std::string out = "<section class=\"portfolio\">\n";
  out += portfolio_lede(o, w);
  out += portfolio_figures(o, w);
  if (!o.overview_svg.empty())
    out += "<figure><h2>" + xml_escape(w.tr("Which shared unit carries which processes")) + "</h2>" +
           inline_svg(o.overview_svg, "overview_") + "</figure>\n";
  out += shared_units_part(o, w);
  out += processes_part(o, w);
  if (o.plan) out += portfolio_plan_part(o, w);
  return out + "</section>\n";
}

std::string document_start(const Wording& w, const HtmlReportOptions& options, const std::string& title) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"{}\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n",
      w.german() ? "de" : "en", xml_escape(options.generator), xml_escape(title), style_sheet);
}

std::string document_end(const Wording& w, const HtmlReportOptions& options, bool organisation) {
  const char* pattern = organisation ? N_("Written by {} from the organisation file and its process files; every "
                                          "figure can be computed again with paperflow-analyse, paperflow-simulate "
                                          "and paperflow-plan.")
                                     : N_("Written by {} from the process file; every figure can be computed again "
                                          "with paperflow-analyse, paperflow-simulate and paperflow-plan.");
  return fmt::format("</main>\n<footer>{}</footer>\n</body>\n</html>\n",
                     xml_escape(w.tr_format(pattern, options.generator)));
}

}  // namespace

std::string render_report_html(const HtmlPortfolioOverview& overview, const std::vector<HtmlProcessSection>& sections,
                               const HtmlReportOptions& options) {
  const Wording w(options.language);
  const std::string& title = overview.portfolio->organisation.name;
  std::string out = document_start(w, options, title);
  out += fmt::format("<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n", xml_escape(title),
                     xml_escape(w.tr_format("Digitisation report · {}", overview.source)));
  out += portfolio_section(overview, w);
  for (const HtmlProcessSection& s : sections) out += process_section(s, w, false);
  return out + document_end(w, options, true);
}

std::string render_report_html(const std::vector<HtmlProcessSection>& sections, const HtmlReportOptions& options) {
  const Wording w(options.language);
  const bool one = sections.size() == 1;
  const std::string title = one ? sections[0].process->info.name : std::string(w.tr("Digitisation report"));
  std::string out = document_start(w, options, title);
  if (one) {
    out += fmt::format("<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n", xml_escape(title),
                       xml_escape(w.tr_format("Digitisation report · {}", sections[0].source)));
  }
  for (const HtmlProcessSection& s : sections) out += process_section(s, w, one);
  return out + document_end(w, options, false);
}

}  // namespace paperflow
