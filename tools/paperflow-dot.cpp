// paperflow-dot: the process as a Graphviz diagram with swimlanes per unit
// (man/paperflow-dot.1); DOT on standard output, or rendered by dot.
#include <algorithm>

#include <fmt/format.h>

#include "common.h"
#include "options/dot.h"
#include "browser.h"
#include "graphviz.h"
#include "paperflow/analysis.h"
#include "paperflow/dot.h"
#include "paperflow/dot_portfolio.h"
#include "paperflow/measures.h"
#include "paperflow/plan.h"
#include "paperflow/portfolio_analysis.h"
#include "paperflow/source_file.h"
#include "paperflow/svg_pages.h"
#include "paperflow/validate.h"
#include "portfolio_input.h"

#include <filesystem>
#include <iostream>
#include <cstdlib>
#include <unistd.h>
#include <nlohmann/json.hpp>

namespace {

using namespace paperflow;

using Options = cli::DotToolOptions;

// The measure ids of --after: a plan's JSON (its measures in wave order),
// or ids separated by commas.
std::vector<std::string> measure_ids(const std::string& after) {
  std::vector<std::string> ids;
  std::error_code error;
  if (std::filesystem::is_regular_file(after, error)) {
    Diagnostic problem;
    auto text = read_file(after, problem);
    if (!text) throw cli::FatalError(fmt::format("cannot read {}: {}", cli::quoted_path(after), problem.message.english()));
    auto plan = nlohmann::json::parse(*text, nullptr, false);
    if (plan.is_discarded() || !plan.contains("measures") || !plan["measures"].is_array())
      throw cli::FatalError(
          fmt::format("{} is not the JSON of paperflow-plan (no \"measures\" list)", cli::quoted_path(after)));
    for (const auto& m : plan["measures"])
      if (m.contains("id") && m["id"].is_string()) ids.push_back(m["id"].template get<std::string>());
    return ids;
  }
  std::size_t start = 0;
  while (start <= after.size()) {
    std::size_t comma = after.find(',', start);
    std::string id = after.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!id.empty()) ids.push_back(id);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return ids;
}

// Applies the measures of --after in order to the process, from the same
// list the plan chose from; returns their names.
std::string apply_after(Process& process, const Options& options, const cli::DiagnosticStyle& style) {
  MeasuresInOrder after =
      apply_measures_in_order(process, cli::known_measures(options.measures, process, style), measure_ids(options.after));
  if (after.problem) throw cli::FatalError("--after: " + after.problem->message.english());
  process = std::move(after.process);
  std::string names;
  for (const Measure& m : after.applied) names += (names.empty() ? "" : ", ") + m.name;
  return names;
}

// A PDF of one landscape page a band: Graphviz draws the SVG, a headless
// browser prints the bands. Without a browser, Graphviz's PDF of the whole
// drawing on one page, and a word why.
void write_pdf_pages(const std::string& dot_text, const std::string& page, const std::string& output) {
  if (!cli::pdf_browser_available()) {
    std::cerr << "paperflow-dot: warning: no headless browser (apt-get install chromium-headless-shell) to print "
                 "the bands on "
              << page << " pages; writing them on one page\n";
    cli::render_with_graphviz(dot_text, "pdf", output);
    return;
  }
  const std::string html = band_pages_html(svg_bands(cli::graphviz_output(dot_text, "svg")), page);
  if ((output.empty() || output == "-") && ::isatty(STDOUT_FILENO))
    throw cli::FatalError("-T pdf writes binary data; give -o FILE, or redirect standard output");
  cli::print_to_pdf(html, output);
}

// The options that draw one process and have no meaning for the overview
// of an organisation: refused, so that no one takes the overview for what
// they asked (docs/organisation.md, "Overview diagram").
void refuse_process_options(const Options& options) {
  auto refuse = [](const char* option, const char* why) {
    throw cli::FatalError(fmt::format("{} is for a process file, not an organisation file: {}", option, why));
  };
  if (options.heat) refuse("--heat", "the overview always shows utilisation, queue wait and load shares");
  if (!options.after.empty())
    refuse("--after", "draw a process file after measures, or see paperflow-plan ORG.yaml for the organisation's plan");
  if (!options.page.empty()) refuse("--page", "the overview is one table, drawn on one page");
  const char* measures = "it chooses the measures of --after";
  if (!options.measures.measures_file.empty()) refuse("--measures", measures);
  if (!options.measures.catalogue.empty()) refuse("--catalogue", measures);
  if (options.measures.no_catalogue) refuse("--no-catalogue", measures);
}

// An organisation file: the overview of its shared units and processes.
int run_portfolio(const Options& options) {
  refuse_process_options(options);
  cli::check_outputs({{"-o", options.output}}, {options.path});
  const unsigned threads = cli::thread_count(0);
  cli::LoadedPortfolio loaded =
      cli::load_valid_portfolio("paperflow-dot", options.path, options.assignments, /*needs_demand=*/true,
                                {cli::use_color(options.color, stderr)}, threads);
  // Nor may -o name one of the process files the organisation lists.
  std::vector<std::string> inputs{options.path};
  for (const PortfolioProcess& member : loaded.portfolio.processes)
    if (member.process.file) inputs.push_back(*member.process.file);
  cli::check_outputs({{"-o", options.output}}, inputs);
  const std::string text = render_portfolio_dot(loaded.portfolio, analyse_portfolio(loaded.portfolio, threads));
  if (options.type.empty()) cli::write_output(options.output, text);
  else {
    try {
      cli::render_with_graphviz(text, options.type, options.output);
    } catch (const cli::FatalError& e) {
      throw cli::FatalError(std::string(e.what()) + "; without -T the tool writes the DOT text");
    }
  }
  return cli::exit_ok;
}

int run(const Options& options) {
  if (cli::is_organisation_file(options.path)) return run_portfolio(options);
  std::vector<std::string> inputs = cli::measure_files(options.measures);
  inputs.insert(inputs.end(), {options.path, options.after});
  cli::check_outputs({{"-o", options.output}}, inputs);
  const cli::DiagnosticStyle diagnostics{cli::use_color(options.color, stderr)};
  cli::LoadedProcess loaded = cli::load_valid_process("paperflow-dot", options.path, options.assignments,
                                                      /*needs_demand=*/options.heat, diagnostics);
  std::optional<Analysis> analysis;
  DotOptions dot;
  if (!options.after.empty()) {
    const std::string names = apply_after(loaded.process, options, diagnostics);
    dot.state = "Soll-Prozess nach: " + (names.empty() ? std::string("keiner Maßnahme") : names);
  } else {
    // A file a plan wrote (--emit-after) names the measures that changed
    // its steps: it is a planned process, not today's.
    std::vector<std::string> ids;
    for (const Step& step : loaded.process.steps)
      for (const std::string& id : step.changed_by)
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    std::string joined;
    for (const std::string& id : ids) joined += (joined.empty() ? "" : ", ") + id;
    if (!ids.empty()) dot.state = "Soll-Prozess nach: " + joined;
  }
  if (options.heat) {
    analysis = analyse_process(loaded.process);
    dot.heat = &*analysis;
  }
  dot.page_width = landscape_page_width(cli::page_of(options)).value_or(0);
  const std::string text = render_dot(loaded.process, dot);
  if (options.type.empty()) cli::write_output(options.output, text);
  else {
    try {
      if (options.type == "pdf" && dot.page_width > 0) write_pdf_pages(text, cli::page_of(options), options.output);
      else cli::render_with_graphviz(text, options.type, options.output);
    } catch (const cli::FatalError& e) {
      throw cli::FatalError(std::string(e.what()) + "; without -T the tool writes the DOT text");
    }
  }
  return cli::exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app;
  cli::set_up(app, options);
  return cli::run_tool("paperflow-dot", app, argc, argv, [&] { return run(options); });
}
