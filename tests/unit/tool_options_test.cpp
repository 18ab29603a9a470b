// The tools' option set-up (tools/options/*.h), tested as osmium-tool tests
// its commands' setup(): parse a command line, look at the options.
#include <doctest/doctest.h>

#include "options/analyse.h"
#include "options/bpmn.h"
#include "options/dot.h"
#include "options/plan.h"
#include "options/simulate.h"
#include "options/validate.h"

using namespace paperflow::cli;

namespace {

// Parses `line` (without the program name) into fresh options of the tool.
template <typename Options>
Options parsed(const std::string& line) {
  Options options;
  CLI::App app;
  set_up(app, options);
  app.parse(line, false);
  return options;
}

template <typename Options>
bool refused(const std::string& line) {
  try {
    (void)parsed<Options>(line);
  } catch (const CLI::ParseError&) {
    return true;
  }
  return false;
}

template <typename Options>
std::string help_of() {
  Options options;
  CLI::App app;
  set_up(app, options);
  return app.help();
}

}  // namespace

TEST_CASE("every tool's set-up names it, gives --version and a footer with the exit statuses") {
  const std::vector<std::pair<std::string, std::string>> helps{
      {"paperflow-analyse", help_of<AnalyseOptions>()},   {"paperflow-simulate", help_of<SimulateOptions>()},
      {"paperflow-plan", help_of<PlanToolOptions>()},     {"paperflow-dot", help_of<DotToolOptions>()},
      {"paperflow-validate", help_of<ValidateOptions>()}, {"paperflow-bpmn", help_of<BpmnOptions>()},
  };
  for (const auto& [tool, help] : helps) {
    CAPTURE(tool);
    CHECK(help.find(tool) != std::string::npos);
    CHECK(help.find("--version") != std::string::npos);
    CHECK(help.find("Exit status: 0 ") != std::string::npos);
    CHECK(help.find("\nSee man " + tool) != std::string::npos);
  }
}

TEST_CASE("analyse: defaults, its formats and --top's range") {
  const auto defaults = parsed<AnalyseOptions>("p.yaml");
  CHECK(defaults.path == "p.yaml");
  CHECK(defaults.format == "text");
  CHECK(defaults.top == 10);
  CHECK(defaults.color == ColorMode::automatic);
  const auto set = parsed<AnalyseOptions>("p.yaml -f markdown --top 3 --set a=1 --set b=2 --color never -o out.md");
  CHECK(set.format == "markdown");
  CHECK(set.top == 3);
  CHECK(set.assignments == std::vector<std::string>{"a=1", "b=2"});
  CHECK(set.color == ColorMode::never);
  CHECK(set.output == "out.md");
  CHECK(refused<AnalyseOptions>("p.yaml --format pdf"));
  CHECK(refused<AnalyseOptions>("p.yaml --top 0"));
  CHECK(refused<AnalyseOptions>("--top 3"));  // the file is required
  CHECK(refused<AnalyseOptions>("p.yaml --color sometimes"));
}

TEST_CASE("simulate: defaults, --cases and --days exclude each other, --threads from 1") {
  const auto defaults = parsed<SimulateOptions>("p.yaml");
  CHECK(defaults.cases == 10000);
  CHECK(defaults.days == 0);
  CHECK(defaults.warmup_days == 20);
  CHECK(defaults.replications == 10);
  CHECK(defaults.seed == 1);
  CHECK(defaults.threads == 0);
  const auto set = parsed<SimulateOptions>("p.yaml --days 5 --seed 18446744073709551615 --threads 3 -f json");
  CHECK(set.days == 5);
  CHECK(set.seed == 18446744073709551615ULL);
  CHECK(set.threads == 3);
  CHECK(set.format == "json");
  CHECK(refused<SimulateOptions>("p.yaml --cases 5 --days 2"));
  CHECK(refused<SimulateOptions>("p.yaml --threads 0"));
  CHECK(refused<SimulateOptions>("p.yaml --replications 0"));
  CHECK(refused<SimulateOptions>("p.yaml --format markdown"));
}

TEST_CASE("simulate: --event-log and --start-date need each other, the calendar flags need --event-log") {
  const auto defaults = parsed<SimulateOptions>("p.yaml");
  CHECK(defaults.event_log.empty());
  CHECK(defaults.calendar.work_days == "Mon-Fri");
  CHECK(defaults.calendar.work_hours.empty());
  const auto set = parsed<SimulateOptions>(
      "p.yaml --event-log log.csv --start-date 2025-01-06 --work-hours 07:30-15:30 --work-days Mon-Thu --holidays h.txt");
  CHECK(set.event_log == "log.csv");
  CHECK(set.start_date == "2025-01-06");
  CHECK(set.calendar.work_hours == "07:30-15:30");
  CHECK(set.calendar.work_days == "Mon-Thu");
  CHECK(set.calendar.holidays == "h.txt");
  CHECK(refused<SimulateOptions>("p.yaml --event-log log.csv"));
  CHECK(refused<SimulateOptions>("p.yaml --start-date 2025-01-06"));
  for (const char* flag : {"--work-hours 08:00-16:00", "--work-days Mon-Fri", "--holidays h.txt"})
    CHECK_MESSAGE(refused<SimulateOptions>(std::string("p.yaml ") + flag), flag);
}

TEST_CASE("plan: no budget by default, objectives, the measure sources") {
  const auto defaults = parsed<PlanToolOptions>("p.yaml");
  CHECK(defaults.budget < 0);
  CHECK(defaults.horizon == 5);
  CHECK(parsed<PlanToolOptions>("p.yaml --horizon 3").horizon == 3);
  CHECK(refused<PlanToolOptions>("p.yaml --horizon 0"));
  CHECK(defaults.objective == "cost");
  CHECK_FALSE(defaults.measures.no_catalogue);
  const auto set = parsed<PlanToolOptions>(
      "p.yaml --budget 0 --objective media-breaks --measures m.yaml --catalogue c.yaml --emit-after after.yaml");
  CHECK(set.budget == 0);
  CHECK(set.objective == "media-breaks");
  CHECK(set.measures.measures_file == "m.yaml");
  CHECK(set.measures.catalogue == "c.yaml");
  CHECK(set.emit_after == "after.yaml");
  CHECK(parsed<PlanToolOptions>("p.yaml --no-catalogue").measures.no_catalogue);
  CHECK(refused<PlanToolOptions>("p.yaml --budget -1"));
  CHECK(refused<PlanToolOptions>("p.yaml --objective speed"));
}

TEST_CASE("dot: DOT text by default, -T renders, --after with the plan's measure flags") {
  const auto defaults = parsed<DotToolOptions>("p.yaml");
  CHECK(defaults.type.empty());
  CHECK_FALSE(defaults.heat);
  const auto set = parsed<DotToolOptions>("p.yaml -T svg --heat --after a,b --measures m.yaml -o d.svg");
  CHECK(set.type == "svg");
  CHECK(set.heat);
  CHECK(set.after == "a,b");
  CHECK(set.measures.measures_file == "m.yaml");
  CHECK(set.output == "d.svg");
  CHECK(refused<DotToolOptions>("p.yaml -T gif"));
  // --page: A3 for a PDF unless asked otherwise, none for the rest.
  CHECK(page_of(defaults) == "none");
  CHECK(page_of(parsed<DotToolOptions>("p.yaml -T pdf")) == "a3");
  CHECK(page_of(parsed<DotToolOptions>("p.yaml -T pdf --page none")) == "none");
  CHECK(page_of(parsed<DotToolOptions>("p.yaml --page a4")) == "a4");
  CHECK(refused<DotToolOptions>("p.yaml --page letter"));
}

TEST_CASE("bpmn: one process file, or --import of one BPMN file with --lenient, with -o, --lang and --color but no --set") {
  const BpmnOptions options = parsed<BpmnOptions>("examples/wohngeld.yaml -o wohngeld.bpmn --color never");
  CHECK(options.path == "examples/wohngeld.yaml");
  CHECK(options.output == "wohngeld.bpmn");
  CHECK(options.color == ColorMode::never);
  CHECK(parsed<BpmnOptions>("-").path == "-");
  CHECK(refused<BpmnOptions>(""));
  CHECK(refused<BpmnOptions>("a.yaml b.yaml"));
  CHECK(refused<BpmnOptions>("--set units.amt.staff=2 a.yaml"));
  const BpmnOptions import = parsed<BpmnOptions>("--import a.bpmn --lenient -o a.yaml --lang de");
  CHECK(import.import_path == "a.bpmn");
  CHECK(import.path.empty());
  CHECK(import.lenient);
  CHECK(import.lang == "de");
  CHECK_FALSE(parsed<BpmnOptions>("--import a.bpmn").lenient);
  CHECK(refused<BpmnOptions>("--import a.bpmn b.yaml"));
  CHECK(refused<BpmnOptions>("--lenient b.yaml"));
  CHECK(refused<BpmnOptions>("--import a.bpmn --lang fr"));
}

TEST_CASE("validate: many paths, every report format, --disable repeated, --list-rules alone") {
  const auto set = parsed<ValidateOptions>("a.yaml dir - --disable unused-unit --disable no-demand --strict -f sarif");
  CHECK(set.paths == std::vector<std::string>{"a.yaml", "dir", "-"});
  CHECK(set.disabled_rules == std::vector<std::string>{"unused-unit", "no-demand"});
  CHECK(set.strict);
  CHECK(set.format == "sarif");
  for (std::string_view format : paperflow::validation_format_names()) {
    CAPTURE(format);
    CHECK(parsed<ValidateOptions>("a.yaml --format " + std::string(format)).format == format);
  }
  const auto rules = parsed<ValidateOptions>("--list-rules");
  CHECK(rules.list_rules);
  CHECK(rules.paths.empty());
  CHECK(refused<ValidateOptions>("a.yaml --format xml"));
  CHECK(refused<ValidateOptions>("a.yaml --threads 257"));
}
