#include "browser.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include <fmt/format.h>

#include "common.h"
#include "paperflow/source_file.h"

extern char** environ;

namespace paperflow::cli {
namespace {

namespace fs = std::filesystem;

// A file created for the run and removed with it.
struct TemporaryFile {
  std::string path;
  explicit TemporaryFile(std::string pattern, int suffix_length = 0) : path(std::move(pattern)) {
    const int fd = ::mkstemps(path.data(), suffix_length);
    if (fd < 0) throw FatalError(fmt::format("cannot create {}: {}", quoted_path(path), std::strerror(errno)));
    ::close(fd);
  }
  ~TemporaryFile() { ::unlink(path.c_str()); }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
};

// Runs `program` with `arguments`, its output and errors to /dev/null
// (browsers log much that means nothing here). -1: not found on PATH.
int run_quietly(const char* program, const std::vector<std::string>& arguments) {
  std::vector<char*> argv{const_cast<char*>(program)};
  for (const std::string& a : arguments) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  // A process group of its own, so that a browser that hangs goes with
  // all its helpers.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, program, &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawned == ENOENT) return -1;
  if (spawned != 0) throw FatalError(fmt::format("cannot start {}: {}", program, std::strerror(spawned)));
  constexpr int limit_ms = 180'000;  // printing a long report takes seconds; three minutes is a hang
  int status = 0;
  for (int waited = 0;; waited += 50) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) return 127;
    if (waited >= limit_ms) {
      ::kill(-pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      throw FatalError(fmt::format("{} did not finish printing within {} seconds", program, limit_ms / 1000));
    }
    ::usleep(50'000);
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

}  // namespace

bool pdf_browser_available() {
  const char* path = std::getenv("PATH");
  if (!path) return false;
  std::string_view rest(path);
  while (true) {
    const std::size_t colon = rest.find(':');
    const fs::path directory(std::string(rest.substr(0, colon)));
    for (const char* browser : pdf_browsers)
      if (::access((directory / browser).c_str(), X_OK) == 0) return true;
    if (colon == std::string_view::npos) return false;
    rest.remove_prefix(colon + 1);
  }
}

void print_to_pdf(std::string_view html, const std::string& path) {
  TemporaryFile page((fs::temp_directory_path() / "paperflow-report-XXXXXX.html").string(), 5);
  write_output(page.path, html);
  // A profile of its own: a full browser would otherwise hand the job to a
  // session the user has open. The PDF is printed into it, then written to
  // `path` as every output is (write_output): the browser's own writing
  // would replace a link or a FIFO by a file.
  std::string profile = (fs::temp_directory_path() / "paperflow-browser-XXXXXX").string();
  if (!::mkdtemp(profile.data())) throw FatalError(fmt::format("cannot create a browser profile: {}", std::strerror(errno)));
  struct RemoveProfile {
    std::string path;
    ~RemoveProfile() {
      std::error_code ignored;
      fs::remove_all(path, ignored);
    }
  } remove_profile{profile};
  const std::string pdf = profile + "/printed.pdf";
  const std::vector<std::string> arguments{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                           "--user-data-dir=" + profile, "--host-resolver-rules=MAP * ~NOTFOUND",
                                           "--no-pdf-header-footer", "--print-to-pdf=" + pdf,
                                           "file://" + fs::absolute(page.path).string()};
  for (const char* browser : pdf_browsers) {
    const int status = run_quietly(browser, arguments);
    if (status < 0) continue;
    Diagnostic problem;
    const std::optional<std::string> printed = status == 0 ? read_file(pdf, problem) : std::nullopt;
    if (!printed || printed->empty())
      throw FatalError(fmt::format("{} could not print the report to PDF (status {})", browser, status));
    write_output(path, *printed);
    return;
  }
  throw FatalError(
      "--pdf needs a headless browser on PATH (chromium-headless-shell or chromium; apt-get install "
      "chromium-headless-shell); the HTML report prints on A4 from any browser too");
}

}  // namespace paperflow::cli
