// paperflow-simulate: discrete-event Monte Carlo simulation of cases
// through a process, or through every process of an organisation at once
// (man/paperflow-simulate.1).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <iostream>
#include <unistd.h>

#include <fmt/format.h>

#include "common.h"
#include "options/simulate.h"
#include "paperflow/portfolio_simulation.h"
#include "paperflow/report_portfolio_simulation.h"
#include "paperflow/report_simulation.h"
#include "paperflow/report_validation.h"
#include "paperflow/simulation.h"
#include "paperflow/source_file.h"
#include "portfolio_input.h"

namespace {

using namespace paperflow;

using Options = cli::SimulateOptions;

// A progress bar on standard error while the run lasts more than a second
// and standard error is a terminal. It only reads the counter.
class ProgressBar {
 public:
  ProgressBar(std::atomic<std::size_t>& done, std::size_t total)
      : done_(done), total_(total), enabled_(::isatty(STDERR_FILENO) == 1 && total > 0) {
    if (enabled_) thread_ = std::thread([this] { loop(); });
  }
  ~ProgressBar() {
    if (!enabled_) return;
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
    if (shown_) std::fputs("\r\033[K", stderr);
  }

 private:
  void loop() {
    const auto start = std::chrono::steady_clock::now();
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stop_; })) {
      if (std::chrono::steady_clock::now() - start < std::chrono::seconds(1)) continue;
      const double share = std::min(1.0, static_cast<double>(done_.load()) / static_cast<double>(total_));
      const int filled = static_cast<int>(share * 30);
      std::fprintf(stderr, "\rsimulating [%s%s] %3.0f %%", std::string(static_cast<std::size_t>(filled), '#').c_str(),
                   std::string(static_cast<std::size_t>(30 - filled), '.').c_str(), share * 100);
      std::fflush(stderr);
      shown_ = true;
    }
  }
  std::atomic<std::size_t>& done_;
  std::size_t total_;
  bool enabled_, stop_ = false, shown_ = false;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
};

SimulationOptions simulation_options(const Options& options) {
  SimulationOptions simulation;
  simulation.seed = options.seed;
  simulation.replications = options.replications;
  simulation.cases = options.cases;
  if (options.days > 0) simulation.days = options.days;
  simulation.warmup_days = options.warmup_days;
  simulation.threads = cli::thread_count(options.threads);
  return simulation;
}

// The recorded cases of a process in one replication, for the progress
// bar: with --days known only roughly, as λ × days.
double recorded_per_replication(const Options& options, const Process& process) {
  return options.days > 0 ? *process.cases_per_year / process.calendar.days_per_year * options.days
                          : static_cast<double>(options.cases);
}

// An organisation file: every process in one simulation.
int run_portfolio(const Options& options, Language language) {
  const cli::DiagnosticStyle style = cli::diagnostic_style(options.color, options.lang);
  SimulationOptions simulation = simulation_options(options);
  cli::LoadedPortfolio loaded = cli::load_valid_portfolio("paperflow-simulate", options.path, options.assignments,
                                                          /*needs_demand=*/true, style, simulation.threads);
  std::atomic<std::size_t> done{0};
  simulation.progress = &done;
  PortfolioSimulationResult result;
  {
    double per_replication = 0;
    for (const PortfolioProcess& process : loaded.portfolio.processes)
      per_replication += recorded_per_replication(options, process.process);
    ProgressBar bar(done, static_cast<std::size_t>(per_replication * static_cast<double>(options.replications)));
    result = simulate_portfolio(loaded.portfolio, simulation);
  }
  if (result.problem)
    cli::fail_in_process_file("paperflow-simulate", loaded, *result.problem,
                              "cannot be simulated within the bounds of paperflow-simulate(1), BOUNDS", style);
  SimulationReportOptions report{options.days > 0 ? 0 : options.cases, options.days, options.warmup_days,
                                 options.output.empty() && cli::use_color(options.color, stdout), language};
  cli::write_output(options.output, options.format == "json"
                                        ? render_portfolio_simulation_json(loaded.portfolio, result)
                                        : render_portfolio_simulation_text(loaded.portfolio, result, report));
  return cli::exit_ok;
}

int run(const Options& options) {
  cli::check_outputs({{"-o", options.output}}, {options.path});
  const Language language = options.format == "json" ? Language::en : cli::chosen_language(options.lang);
  if (cli::is_organisation_file(options.path)) return run_portfolio(options, language);
  cli::LoadedProcess loaded = cli::load_valid_process("paperflow-simulate", options.path, options.assignments,
                                                      /*needs_demand=*/true, cli::diagnostic_style(options.color, options.lang));
  SimulationOptions simulation = simulation_options(options);
  std::atomic<std::size_t> done{0};
  simulation.progress = &done;
  SimulationResult result;
  {
    const double per_replication = recorded_per_replication(options, loaded.process);
    ProgressBar bar(done, static_cast<std::size_t>(per_replication * static_cast<double>(options.replications)));
    result = simulate(loaded.process, simulation);
  }
  if (result.problem)
    cli::fail_at("paperflow-simulate", loaded, *result.problem,
                 "cannot be simulated within the bounds of paperflow-simulate(1), BOUNDS",
                 cli::diagnostic_style(options.color, options.lang));
  SimulationReportOptions report{options.days > 0 ? 0 : options.cases, options.days, options.warmup_days,
                                 options.output.empty() && cli::use_color(options.color, stdout), language};
  cli::write_output(options.output, options.format == "json" ? render_simulation_json(loaded.process, result)
                                                             : render_simulation_text(loaded.process, result, report));
  return cli::exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app;
  cli::set_up(app, options);
  return cli::run_tool("paperflow-simulate", app, argc, argv, [&] { return run(options); });
}
