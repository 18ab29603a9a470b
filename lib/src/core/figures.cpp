#include "paperflow/figures.h"

#include <array>

namespace paperflow {
namespace {

constexpr std::array figures{
    CaseFigure{"lead_time_hours", "Lead time", "Durchlaufzeit", FigureUnit::hours, FigureRole::headline,
               [](const Analysis& a) { return a.lead_time_hours; }},
    CaseFigure{"lead_time_days", "Lead time", "Durchlaufzeit", FigureUnit::days, FigureRole::headline,
               [](const Analysis& a) { return a.lead_time_days; }},
    CaseFigure{"touch_time_hours", "Touch time", "Bearbeitungszeit", FigureUnit::hours, FigureRole::headline,
               [](const Analysis& a) { return std::optional(a.touch_time_hours); }},
    CaseFigure{"flow_efficiency", "Flow efficiency", "Flusseffizienz", FigureUnit::share, FigureRole::headline,
               [](const Analysis& a) { return a.flow_efficiency; }},
    CaseFigure{"staff_cost_per_case", "Staff cost", "Personalkosten", FigureUnit::euros, FigureRole::per_case,
               [](const Analysis& a) { return std::optional(a.staff_cost_per_case); }},
    CaseFigure{"applicant_hours_per_case", "Applicant time", "Zeitaufwand der Antragstellenden", FigureUnit::hours,
               FigureRole::per_case, [](const Analysis& a) { return std::optional(a.applicant_hours_per_case); }},
    CaseFigure{"media_breaks_per_case", "Media breaks", "Medienbrüche", FigureUnit::count, FigureRole::per_case,
               [](const Analysis& a) { return std::optional(a.media_breaks_per_case); },
               "media_breaks_removed_per_case", "media breaks"},
    CaseFigure{"handoffs_per_case", "Handoffs", "Übergaben", FigureUnit::count, FigureRole::per_case,
               [](const Analysis& a) { return std::optional(a.handoffs_per_case); }, "handoffs_removed_per_case",
               "handoffs"},
    CaseFigure{"in_person_visits_per_case", "In-person visits", "Persönliche Vorsprachen", FigureUnit::count,
               FigureRole::per_case, [](const Analysis& a) { return std::optional(a.in_person_visits_per_case); },
               "in_person_visits_removed_per_case", "in-person visits"},
    CaseFigure{"wet_signatures_per_case", "Wet signatures", "Eigenhändige Unterschriften", FigureUnit::count,
               FigureRole::per_case, [](const Analysis& a) { return std::optional(a.wet_signatures_per_case); },
               "wet_signatures_removed_per_case", "wet signatures"},
};

constexpr std::size_t removable_count = [] {
  std::size_t n = 0;
  for (const CaseFigure& f : figures)
    if (!f.removed_key.empty()) ++n;
  return n;
}();

constexpr auto removable = [] {
  std::array<const CaseFigure*, removable_count> out{};
  std::size_t n = 0;
  for (const CaseFigure& f : figures)
    if (!f.removed_key.empty()) out[n++] = &f;
  return out;
}();

}  // namespace

std::span<const CaseFigure> case_figures() { return figures; }

std::span<const CaseFigure* const> removable_figures() { return removable; }

const CaseFigure* find_case_figure(std::string_view key) {
  for (const CaseFigure& f : figures)
    if (f.key == key) return &f;
  return nullptr;
}

}  // namespace paperflow
