#include "paperflow/figures.h"

#include <array>

namespace paperflow {
namespace {

// Marks a label for the translation catalogue (xgettext keyword N_); the
// reports translate it when they print it.
constexpr const char* N_(const char* text) { return text; }

constexpr std::array figures{
    CaseFigure{"lead_time_hours", N_("Lead time"), FigureUnit::hours, FigureRole::headline,
               [](const Analysis& a) { return a.lead_time_hours; }},
    CaseFigure{"lead_time_days", N_("Lead time"), FigureUnit::days, FigureRole::headline,
               [](const Analysis& a) { return a.lead_time_days; }},
    CaseFigure{"touch_time_hours", N_("Touch time"), FigureUnit::hours, FigureRole::headline,
               [](const Analysis& a) { return std::optional(a.touch_time_hours); }},
    CaseFigure{"flow_efficiency", N_("Flow efficiency"), FigureUnit::share, FigureRole::headline,
               [](const Analysis& a) { return a.flow_efficiency; }},
    CaseFigure{"staff_cost_per_case", N_("Staff cost"), FigureUnit::euros, FigureRole::per_case,
               [](const Analysis& a) { return std::optional(a.staff_cost_per_case); }},
    CaseFigure{"applicant_hours_per_case", N_("Applicant time"), FigureUnit::hours,
               FigureRole::per_case, [](const Analysis& a) { return std::optional(a.applicant_hours_per_case); }},
    CaseFigure{"media_breaks_per_case", N_("Media breaks"), FigureUnit::count, FigureRole::per_case,
               [](const Analysis& a) { return std::optional(a.media_breaks_per_case); },
               "media_breaks_removed_per_case", N_("media breaks")},
    CaseFigure{"handoffs_per_case", N_("Handoffs"), FigureUnit::count, FigureRole::per_case,
               [](const Analysis& a) { return std::optional(a.handoffs_per_case); }, "handoffs_removed_per_case",
               N_("handoffs")},
    CaseFigure{"in_person_visits_per_case", N_("In-person visits"), FigureUnit::count,
               FigureRole::per_case, [](const Analysis& a) { return std::optional(a.in_person_visits_per_case); },
               "in_person_visits_removed_per_case", N_("in-person visits")},
    CaseFigure{"wet_signatures_per_case", N_("Wet signatures"), FigureUnit::count,
               FigureRole::per_case, [](const Analysis& a) { return std::optional(a.wet_signatures_per_case); },
               "wet_signatures_removed_per_case", N_("wet signatures")},
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
