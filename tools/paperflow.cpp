// paperflow: the dispatcher. `paperflow TOOL ARGS...` runs paperflow-TOOL
// (found next to this program first, then on PATH) with the same arguments,
// standard streams and exit status (man/paperflow.1).
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

#include <fmt/format.h>

#include "suggest.h"
#include "tool_table.h"

#ifndef PAPERFLOW_VERSION
#define PAPERFLOW_VERSION "0.0.0"
#endif

namespace {

using paperflow::cli::tool_table;
namespace fs = std::filesystem;

void print_help() {
  std::string text = fmt::format(
      "paperflow {}: model paper-based administrative processes and plan their digitisation.\n\n"
      "Usage: paperflow TOOL [ARGS...]\n       paperflow help TOOL\n\nTools:\n",
      PAPERFLOW_VERSION);
  for (const auto& tool : tool_table) text += fmt::format("  {:<10} {}\n", tool.name, tool.description);
  text += "\n'paperflow TOOL --help' lists a tool's options; 'paperflow help TOOL' shows its manual;\n"
          "'paperflow --list-tools' prints the tools' names, one a line.\n";
  std::fputs(text.c_str(), stdout);
}

const paperflow::cli::ToolEntry* find_tool(std::string_view name) {
  for (const auto& tool : tool_table)
    if (tool.name == name) return &tool;
  return nullptr;
}

int unknown_tool(std::string_view name) {
  std::vector<std::string_view> names;
  for (const auto& tool : tool_table) names.push_back(tool.name);
  auto hint = paperflow::closest_match(name, names);
  std::fprintf(stderr, "paperflow: '%.*s' is not a paperflow tool%s\nTry 'paperflow --help' for the list.\n",
               static_cast<int>(name.size()), name.data(),
               hint ? fmt::format("; did you mean '{}'?", *hint).c_str() : "");
  return 2;
}

// paperflow-NAME next to this program, else the bare name for execvp's PATH search.
std::string executable_for(std::string_view name) {
  const std::string program = "paperflow-" + std::string(name);
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    const fs::path beside = self.parent_path() / program;
    if (::access(beside.c_str(), X_OK) == 0) return beside.string();
  }
  return program;
}

// Replaces this process with the tool: arguments, standard streams and
// exit status pass through unchanged.
int exec_tool(std::string_view name, int argc, char** argv, int first_argument) {
  const std::string path = executable_for(name);
  std::vector<char*> arguments;
  std::string argv0 = "paperflow-" + std::string(name);
  arguments.push_back(argv0.data());
  for (int i = first_argument; i < argc; ++i) arguments.push_back(argv[i]);
  arguments.push_back(nullptr);
  ::execvp(path.c_str(), arguments.data());
  std::fprintf(stderr, "paperflow: cannot run %s: %s\n", path.c_str(), std::strerror(errno));
  return errno == ENOENT ? 127 : 126;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    print_help();
    return 2;
  }
  const std::string_view first = argv[1];
  if (first == "-h" || first == "--help") {
    print_help();
    return 0;
  }
  if (first == "--list-tools") {  // one name a line, for shell completion and scripts
    for (const auto& tool : tool_table) std::printf("%.*s\n", static_cast<int>(tool.name.size()), tool.name.data());
    return 0;
  }
  if (first == "--version") {
    std::printf("paperflow %s\n", PAPERFLOW_VERSION);
    return 0;
  }
  if (first == "help") {
    if (argc < 3) {
      print_help();
      return 0;
    }
    if (!find_tool(argv[2])) return unknown_tool(argv[2]);
    // The manual when man is there and knows the page, else the tool's --help.
    const std::string page = "paperflow-" + std::string(argv[2]);
    if (std::system(fmt::format("man -w {} >/dev/null 2>&1", page).c_str()) == 0) {
      char man[] = "man";
      char* arguments[] = {man, const_cast<char*>(page.c_str()), nullptr};
      ::execvp("man", arguments);
    }
    char help[] = "--help";
    char* arguments[] = {argv[0], argv[2], help};
    return exec_tool(argv[2], 3, arguments, 2);
  }
  if (!find_tool(first)) return unknown_tool(first);
  return exec_tool(first, argc, argv, 2);
}
