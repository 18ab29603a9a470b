// paperflow-simulate: discrete-event Monte Carlo simulation of cases
// through a process (man/paperflow-simulate.1).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <unistd.h>

#include <fmt/format.h>

#include "common.h"
#include "paperflow/report_simulation.h"
#include "paperflow/simulation.h"

namespace {

using namespace paperflow;

struct Options {
  std::string path;
  std::string format = "text";
  std::vector<std::string> assignments;
  std::size_t cases = 10000;
  double days = 0;
  double warmup_days = 20;
  std::size_t replications = 10;
  std::uint64_t seed = 1;
  unsigned threads = 0;
  cli::ColorMode color = cli::ColorMode::automatic;
  std::string output;
};

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

int run(const Options& options) {
  cli::LoadedProcess loaded = cli::load_valid_process("paperflow-simulate", options.path, options.assignments,
                                                      /*needs_demand=*/true, cli::use_color(options.color, stderr));
  SimulationOptions simulation;
  simulation.seed = options.seed;
  simulation.replications = options.replications;
  simulation.cases = options.cases;
  if (options.days > 0) simulation.days = options.days;
  simulation.warmup_days = options.warmup_days;
  simulation.threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  std::atomic<std::size_t> done{0};
  simulation.progress = &done;
  SimulationResult result;
  {
    // With --days the number of cases is known only roughly: λ × days.
    const double per_replication =
        options.days > 0 ? *loaded.process.cases_per_year / loaded.process.calendar.days_per_year * options.days
                         : static_cast<double>(options.cases);
    ProgressBar bar(done, static_cast<std::size_t>(per_replication * static_cast<double>(options.replications)));
    result = simulate(loaded.process, simulation);
  }
  SimulationReportOptions report{options.days > 0 ? 0 : options.cases, options.days, options.warmup_days,
                                 options.output.empty() && cli::use_color(options.color, stdout)};
  cli::write_output(options.output, options.format == "json" ? render_simulation_json(loaded.process, result)
                                                             : render_simulation_text(loaded.process, result, report));
  return cli::exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app{"Simulate cases through a process (discrete events, Monte Carlo): lead time mean and percentiles, "
               "utilisation and queues per unit, work in progress, with 95 % confidence intervals over replications.",
               "paperflow-simulate"};
  app.set_version_flag("--version", cli::version_text("paperflow-simulate"));
  cli::add_process_argument(app, options.path);
  app.add_option("-f,--format", options.format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->option_text("FORMAT");
  auto* cases = app.add_option("--cases", options.cases, "Cases to record in each replication (default 10000)")
                    ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}))
                    ->option_text("N");
  app.add_option("--days", options.days, "Record the cases arriving in N working days instead of --cases")
      ->check(CLI::Range(0.001, 1e6))
      ->option_text("N")
      ->excludes(cases);
  app.add_option("--warmup-days", options.warmup_days, "Working days simulated before recording (default 20)")
      ->check(CLI::Range(0.0, 1e6))
      ->option_text("D");
  app.add_option("--replications", options.replications, "Independent replications (default 10)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}))
      ->option_text("R");
  app.add_option("--seed", options.seed, "Seed of the random streams (default 1)")->option_text("S");
  app.add_option("--threads", options.threads, "Replications run at once (default: all cores); the output does not "
                                               "depend on it")
      ->check(CLI::Range(1u, 256u))
      ->option_text("T");
  cli::add_set_option(app, options.assignments);
  cli::add_color_option(app, options.color);
  cli::add_output_option(app, options.output);
  app.footer("Exit status: 0 success (also for an unstable process, which is reported), 2 usage error, unreadable "
             "file, or not a valid process with demand.\nSee man paperflow-simulate.");
  return cli::run_tool("paperflow-simulate", app, argc, argv, [&] { return run(options); });
}
