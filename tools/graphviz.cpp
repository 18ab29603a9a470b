#include "graphviz.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include "common.h"

extern char** environ;

namespace paperflow::cli {
namespace {

// Runs `dot -T<format>` with `input` on its standard input and returns its
// standard output.
std::string run_dot(std::string_view input, const std::string& format) {
  int to_child[2], from_child[2];
  if (::pipe(to_child) != 0 || ::pipe(from_child) != 0)
    throw FatalError(fmt::format("cannot start Graphviz: {}", std::strerror(errno)));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, to_child[1]);
  posix_spawn_file_actions_addclose(&actions, from_child[0]);
  // neato -n2 takes the positions of the nodes and the routes of the
  // edges that paperflow wrote, and only draws.
  std::string type = "-T" + format;
  char* argv[] = {const_cast<char*>("neato"), const_cast<char*>("-n2"), type.data(), nullptr};
  pid_t pid = 0;
  int spawned = ::posix_spawnp(&pid, "neato", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(to_child[0]);
  ::close(from_child[1]);
  if (spawned != 0) {
    ::close(to_child[1]);
    ::close(from_child[0]);
    if (spawned == ENOENT)
      throw FatalError("Graphviz's `neato` was not found on PATH; install Graphviz (apt-get install graphviz)");
    throw FatalError(fmt::format("cannot start Graphviz's neato: {}", std::strerror(spawned)));
  }
  // Write and read at once (poll-free: a writer thread would do too, but
  // dot reads all of its input before it writes, so writing first is safe).
  std::signal(SIGPIPE, SIG_IGN);
  const char* data = input.data();
  std::size_t left = input.size();
  bool write_failed = false;
  while (left > 0) {
    ssize_t n = ::write(to_child[1], data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      write_failed = true;
      break;
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  ::close(to_child[1]);
  std::string output;
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(from_child[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    output.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(from_child[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (write_failed || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw FatalError(fmt::format("Graphviz's neato failed (status {}); its messages are above", WEXITSTATUS(status)));
  return output;
}

}  // namespace

void render_with_graphviz(std::string_view dot_text, const std::string& format, const std::string& path) {
  if ((path.empty() || path == "-") && format != "svg" && ::isatty(STDOUT_FILENO))
    throw FatalError(fmt::format("-T {} writes binary data; give -o FILE, or redirect standard output", format));
  write_output(path, run_dot(dot_text, format));
}

std::string graphviz_output(std::string_view dot_text, const std::string& format) { return run_dot(dot_text, format); }

}  // namespace paperflow::cli
