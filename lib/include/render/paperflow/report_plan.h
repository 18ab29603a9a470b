// Reports of a digitisation plan: a text summary, a Markdown section a head
// of department can read (what to do first, why, what it costs, when it
// pays back), and the JSON of man/paperflow-plan.1.
#pragma once

#include "paperflow/language.h"

#include <string>

#include "paperflow/model.h"
#include "paperflow/plan.h"
#include "paperflow/uncertainty.h"

namespace paperflow {

// `uncertainty`, when given, adds the business case under uncertainty: its
// ranges beside the point figures and a tornado.
std::string render_plan_json(const Process& process, const Plan& plan, const PlanUncertainty* uncertainty = nullptr);
struct PlanReportOptions {
  bool color = false;  // ANSI colours in the text report
  Language language = Language::en;
};

std::string render_plan_text(const Process& process, const Plan& plan, const PlanReportOptions& options,
                             const PlanUncertainty* uncertainty = nullptr);
std::string render_plan_markdown(const Process& process, const Plan& plan, const PlanReportOptions& options,
                                 const PlanUncertainty* uncertainty = nullptr);

}  // namespace paperflow
