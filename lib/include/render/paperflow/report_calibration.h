// Reports of a calibration (docs/event-log.md#output): the model and the
// log side by side, the largest differences first; the same as a Markdown
// section for a memo; and the JSON of docs/event-log.md.
#pragma once

#include <string>

#include "paperflow/calibration.h"
#include "paperflow/language.h"
#include "paperflow/model.h"

namespace paperflow {

struct CalibrationReportOptions {
  std::string log_path;           // as the user gave it
  std::size_t top_differences = 10;
  bool color = false;             // ANSI colours in the text
  Language language = Language::en;
};

std::string render_calibration_text(const Process& process, const Calibration& calibration,
                                    const CalibrationReportOptions& options);
std::string render_calibration_markdown(const Process& process, const Calibration& calibration,
                                        const CalibrationReportOptions& options);
/// JSON: the keys of docs/event-log.md and a few more (the log's columns,
/// the kinds of cases, queue and delay, unknown activities, steps never
/// seen). Figures the log cannot give are null; numbers are the shortest
/// that read back to the same double.
std::string render_calibration_json(const Process& process, const Calibration& calibration,
                                    const CalibrationReportOptions& options);

}  // namespace paperflow
