// What every paperflow tool shares: exit codes, the --color choice, how
// paths are shown, and the one catch ladder that turns failures into an
// exit status and a message that says what to do next.
#pragma once

#include <cstdio>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "paperflow/diagnostic.h"
#include "paperflow/graph.h"
#include "paperflow/language.h"
#include "paperflow/model.h"
#include "output_file.h"

namespace paperflow::cli {

/// Exit statuses of every tool (EXIT STATUS in the man pages).
enum ExitCode : int {
  exit_ok = 0,        // success
  exit_problems = 1,  // the input has problems
  exit_fatal = 2,     // usage error, unreadable file, or not a valid process where one is needed
};

/// A usage or input failure the catch ladder reports with exit 2.
class FatalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class ColorMode { automatic, always, never };

/// Adds `--color auto|always|never`.
void add_color_option(CLI::App& app, ColorMode& mode);

/// Names the tool's App, gives it its one-paragraph description and
/// `--version`: the start of every tool's option set-up.
void set_up_tool(CLI::App& app, std::string_view tool, std::string description);

/// Adds `--lang de|en`: the language of what people read (text, Markdown,
/// HTML), by default the locale's.
void add_language_option(CLI::App& app, std::string& lang);

/// The language `--lang` asks for (empty: the locale's, from LC_ALL,
/// LC_MESSAGES, LANG), with the German catalogue loaded when it is German:
/// from ../share/locale beside the tool (a build tree and an installed
/// package alike). Throws FatalError when German is asked for and the
/// catalogue is missing, rather than answer in English.
Language chosen_language(const std::string& lang);

/// How the diagnostics a tool prints on standard error look: colours as
/// --color and the terminal say; German only when `--lang de` is given,
/// whatever the locale, as validate's (rule ids and machine formats stay
/// the same in every language).
struct DiagnosticStyle {
  bool color = false;
  Language language = Language::en;
};
DiagnosticStyle diagnostic_style(ColorMode color, const std::string& lang);

/// Adds `-f,--format FORMAT`, one of `names` ("Output format: " + `help`).
void add_format_option(CLI::App& app, std::string& format, const std::vector<std::string>& names,
                       std::string_view help);

/// Adds `--threads N` (1 to 256; 0, the default, is every core) with `help`.
void add_threads_option(CLI::App& app, unsigned& threads, std::string_view help);

/// The threads `--threads` asks for: every core for 0.
unsigned thread_count(unsigned threads);

/// The footer of --help: the exit statuses and where the manual says more.
void set_footer(CLI::App& app, std::string_view exit_status, std::string_view manual);

/// Colour for this stream: `always`, or `auto` on a terminal when NO_COLOR
/// is unset or empty.
bool use_color(ColorMode mode, std::FILE* stream);

/// `path` as messages show it: in single quotes, its control characters
/// escaped, so that a file name cannot forge a line of its own.
std::string quoted_path(std::string_view path);

/// Reads standard input whole (bounded like read_file).
std::string read_standard_input();

/// A process file loaded for a tool that needs a valid process.
/// With its graph, blocks and visits from validation, after the --set
/// assignments (which can change the probabilities, hence the visits).
struct LoadedProcess {
  Process process;
  RoutingGraph graph;
  std::vector<ParallelBlock> blocks;
  std::vector<double> visits;
  std::string display;  // the file's name as messages give it ("<stdin>" for -)
  std::string source;   // its text, for a later problem's source line
};

/// Reads and validates `path` ("-" for standard input), applies the
/// `--set` assignments, and returns the process. When the file cannot be
/// read, is not a valid process, or an assignment is bad, prints what
/// validate prints (errors only) on standard error and throws ExitWith(2).
/// `needs_demand`: a missing demand is an error too.
LoadedProcess load_valid_process(std::string_view tool, const std::string& path,
                                 const std::vector<std::string>& assignments, bool needs_demand,
                                 const DiagnosticStyle& style);

/// Prints `problem`, which a later stage found in the loaded process, as
/// paperflow-validate prints a diagnostic (place, source line, caret), then
/// "TOOL: error: 'FILE' WHAT", and throws ExitWith(2).
[[noreturn]] void fail_at(std::string_view tool, const LoadedProcess& loaded, const Diagnostic& problem,
                          std::string_view what, const DiagnosticStyle& style);

/// The shipped measure catalogue: in ../share/paperflow beside an installed
/// tool, else in the source tree the tool was built from; empty if neither.
std::string find_catalogue();

/// Reads a measures file; prints its errors as validate does and throws
/// FatalError when it has any.
std::vector<Measure> read_measures(const std::string& path, const DiagnosticStyle& style);

/// Where the measures come from, for the tools that apply them (plan, dot):
/// `--measures FILE`, `--catalogue FILE`, `--no-catalogue`.
struct MeasureSources {
  std::string measures_file;
  std::string catalogue;  // empty: the shipped one
  bool no_catalogue = false;
};
void add_measure_options(CLI::App& app, MeasureSources& sources);

/// The files the measures are read from (for check_outputs): --measures,
/// and the catalogue unless --no-catalogue.
std::vector<std::string> measure_files(const MeasureSources& sources);

/// The measures of the catalogue (none with --no-catalogue) and of
/// --measures, as read. Throws FatalError when a file is missing or invalid.
struct MeasureLists {
  std::vector<Measure> catalogue, extra;
};
MeasureLists measure_lists(const MeasureSources& sources, const DiagnosticStyle& style);

/// The measures a plan chooses from, in one place for every tool: the
/// catalogue, then the process's own, then --measures, later ones
/// overriding by id. Throws FatalError when a file is missing or invalid.
std::vector<Measure> known_measures(const MeasureSources& sources, const Process& process,
                                    const DiagnosticStyle& style);

/// Ends a tool with this status after it has printed its reasons itself.
struct ExitWith {
  int status;
};

/// Adds the positional FILE of the tools that read one process file.
void add_process_argument(CLI::App& app, std::string& path);

/// Adds `-o,--output FILE`.
void add_output_option(CLI::App& app, std::string& output);

/// Adds `--set PATH=VALUE` (repeatable).
void add_set_option(CLI::App& app, std::vector<std::string>& assignments);

/// The tool's --version text: "paperflow-NAME 0.1.0".
std::string version_text(std::string_view tool);

/// Parses the command line with `app` and runs `body`, mapping --help and
/// --version to 0, flag errors and FatalError to 2 with a hint, ExitWith to
/// its status, and any other exception to 2 with the message. Never lets an
/// exception escape.
int run_tool(std::string_view tool, CLI::App& app, int argc, char** argv, const std::function<int()>& body);

}  // namespace paperflow::cli
