// paperflow-calibrate: a process measured from its event log, beside the
// model, and the log's cases checked against the routing
// (man/paperflow-calibrate.1, docs/event-log.md).
#include <atomic>
#include <filesystem>
#include <iostream>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "common.h"
#include "log_file.h"
#include "options/calibrate.h"
#include "output_file.h"
#include "paperflow/calibration.h"
#include "paperflow/event_log.h"
#include "paperflow/process_patch.h"
#include "paperflow/report_calibration.h"
#include "paperflow/report_validation.h"
#include "paperflow/validate.h"
#include "progress_bar.h"
#include "wording.h"

namespace {

using namespace paperflow;

using Options = cli::CalibrateOptions;

// Rows left out are printed as warnings, the first of them: a log of a
// million rows with a wrong column must not print a million lines.
constexpr std::size_t rows_shown = 20;

// Takes the log's rows into the cases; keeps the first rows left out for
// the warnings.
class CaseCollector : public EventLogSink {
 public:
  CaseCollector(EventLogCases& cases, std::shared_ptr<const std::string> file) : cases_(cases), file_(std::move(file)) {}
  void columns(const LogColumns& columns) override {
    cases_.set_columns(columns.has_start, columns.has_resource);
    ignored_ = columns.ignored;
  }
  void event(const LogEvent& event) override {
    if (auto why = cases_.add(event.case_id, event.activity, event.resource, event.start, event.end))
      keep({"bad-log-row", Severity::warning, {file_, event.line, 1}, std::move(*why)});
  }
  void bad_row(Diagnostic diagnostic) override {
    cases_.count_unreadable_row();
    diagnostic.severity = Severity::warning;
    keep(std::move(diagnostic));
  }
  const Diagnostics& shown() const { return shown_; }
  std::size_t left_out() const { return left_out_; }
  const std::vector<std::string>& ignored() const { return ignored_; }

 private:
  void keep(Diagnostic diagnostic) {
    if (++left_out_ <= rows_shown) shown_.push_back(std::move(diagnostic));
  }
  EventLogCases& cases_;
  std::shared_ptr<const std::string> file_;
  Diagnostics shown_;
  std::size_t left_out_ = 0;
  std::vector<std::string> ignored_;
};

// What --emit writes: the file as the consultant wrote it with the measured
// values in place, read back before it is written so that no tool is ever
// handed a file it refuses.
std::string emitted_process(const cli::LoadedProcess& loaded, const Calibration& calibration,
                            const Options& options, Language language) {
  const Process& process = loaded.process;
  const CalibratedValues values = calibrated_values(process, calibration);
  ProcessPatch patch;
  patch.cases_per_year = values.cases_per_year;
  patch.work = values.work;
  patch.delay = values.delay;
  patch.p = values.p;
  // The consultant's file speaks the report's language: a German file gets
  // a German head.
  const Wording w(language);
  std::string comment = w.tr_format("Measured by paperflow-calibrate from {}: {} cases, {} rows used.",
                                    escape_control_characters(options.log), w.number(static_cast<double>(calibration.cases), 0),
                                    w.number(static_cast<double>(calibration.rows_used), 0)) +
                        "\n";
  comment += w.tr_format("Replaced where the log has at least {} runs: work, delay, p; and cases_per_year.",
                         min_runs_to_fit) +
             "\n";
  if (values.smoothed_choices)
    comment += std::string(w.tr("A choice with a branch the log never took has half a run added to each branch (p "
                                "must be above 0).")) +
               "\n";
  if (!calibration.steps_never_seen.empty()) {
    std::string ids;
    for (std::size_t i : calibration.steps_never_seen) ids += " " + process.steps[i].id;
    comment += w.tr_format("Steps the log never shows keep their values:{}", ids) + "\n";
  }
  comment.pop_back();  // each line ends in a newline; comment_lines would make the last an empty `#` line
  patch.comment = std::move(comment);
  const PatchedText patched = patch_process_text(loaded.source, process, patch);
  const ValidationResult check = validate_process(patched.text, options.emit);
  if (has_errors(check.diagnostics))
    throw cli::FatalError(fmt::format("the measured process is not valid ({}), a fault of paperflow-calibrate; "
                                      "nothing was written: run it without --emit for the report, and report the "
                                      "fault with the log",
                                      check.diagnostics.front().message.english()));
  for (const std::string& lost : patched.lost) std::cerr << fmt::format("paperflow-calibrate: note: --emit: {}\n", lost);
  return patched.text;
}

int run(const Options& options) {
  cli::check_outputs({{"-o", options.output}, {"--emit", options.emit}},
                     {options.path, options.log, options.calendar.holidays});
  const Language language = options.format == "json" ? Language::en : cli::chosen_language(options.lang);
  const bool color = options.output.empty() && cli::use_color(options.color, stdout);
  const cli::DiagnosticStyle style = cli::diagnostic_style(options.color, options.lang);
  const cli::LoadedProcess loaded = cli::load_valid_process("paperflow-calibrate", options.path, options.assignments,
                                                            /*needs_demand=*/false, style);
  EventLogCases cases(loaded.process,
                      cli::working_calendar(options.calendar, loaded.process.calendar.hours_per_day, style));

  cli::LogFile log_file;
  if (const auto why = log_file.open(options.log))
    throw cli::FatalError(fmt::format("cannot read {}: {}", cli::quoted_path(options.log), *why));
  const LogFormat format = detect_log_format(options.log, log_file.head());
  std::istream in(&log_file);
  const auto file = std::make_shared<const std::string>(options.log);
  CaseCollector collector(cases, file);
  std::atomic<std::uint64_t> bytes{0};
  std::error_code size_error;
  const auto size = std::filesystem::file_size(options.log, size_error);
  std::optional<Diagnostic> not_a_log;
  {
    cli::ProgressBar progress("reading", [&] { return size_error || size == 0 ? 0.0 : static_cast<double>(bytes.load()) / static_cast<double>(size); });
    not_a_log = read_event_log(in, format, file, collector, &bytes);
  }
  ValidationReportOptions report;
  report.color = style.color;
  report.language = style.language;
  if (not_a_log) {
    std::cerr << render_validation_file({options.log, "", {*not_a_log}}, true, report);
    throw cli::FatalError(fmt::format("{} is not an event log", cli::quoted_path(options.log)));
  }
  if (!collector.shown().empty()) {
    std::cerr << render_validation_file({options.log, "", collector.shown()}, true, report);
    if (collector.left_out() > collector.shown().size())
      std::cerr << fmt::format("paperflow-calibrate: note: {} more rows left out\n",
                               collector.left_out() - collector.shown().size());
  }
  if (!collector.ignored().empty()) {
    std::string names;
    for (const std::string& name : collector.ignored()) names += (names.empty() ? "" : ", ") + escape_control_characters(name);
    std::cerr << fmt::format("paperflow-calibrate: note: columns not used: {}\n", names);
  }
  if (cases.rows_used() == 0)
    throw cli::FatalError(fmt::format("no row of {} names a step of the process", cli::quoted_path(options.log)));

  const Calibration calibration = calibrate(cases);
  CalibrationReportOptions render{options.log, options.top, color, language};
  std::string text;
  if (options.format == "json") text = render_calibration_json(loaded.process, calibration, render);
  else if (options.format == "markdown") text = render_calibration_markdown(loaded.process, calibration, render);
  else text = render_calibration_text(loaded.process, calibration, render);
  std::string emitted;
  if (!options.emit.empty()) emitted = emitted_process(loaded, calibration, options, cli::chosen_language(options.lang));
  cli::write_output(options.output, text);
  if (!options.emit.empty()) cli::write_output(options.emit, emitted);
  if (options.min_fitness > 0 && !calibration.fitness) {
    std::cerr << "paperflow-calibrate: no case of the log is complete, so none can be said to fit: --min-fitness "
                 "fails\n";
    return cli::exit_problems;
  }
  if (calibration.fitness && *calibration.fitness < options.min_fitness) {
    std::cerr << fmt::format("paperflow-calibrate: {} of {} complete cases fit the model ({:.4g}), fewer than "
                             "--min-fitness {}\n",
                             calibration.cases_fitting, calibration.cases_used, *calibration.fitness,
                             options.min_fitness);
    return cli::exit_problems;
  }
  return cli::exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app;
  cli::set_up(app, options);
  return cli::run_tool("paperflow-calibrate", app, argc, argv, [&] { return run(options); });
}
