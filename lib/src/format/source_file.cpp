#include "paperflow/source_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace paperflow {

std::optional<std::string> read_file(const std::string& path, Diagnostic& problem, std::size_t max_bytes) {
  auto fail_with = [&](std::string message) {
    problem.rule = "unreadable-file";
    problem.severity = Severity::error;
    problem.location = SourceLocation{std::make_shared<const std::string>(path), 0, 0};
    problem.message = verbatim(message);
    return std::nullopt;
  };
  auto fail = [&](int code) { return fail_with(std::strerror(code)); };
  // Opened without blocking: a FIFO opened plainly waits for a writer, for
  // ever when there is none. Blocking again once open, for reading.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return fail(errno);
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0) return fail(errno);
  if (S_ISDIR(info.st_mode)) return fail(EISDIR);
  std::string text;
  char buffer[65536];
  if (S_ISFIFO(info.st_mode)) {
    // With O_NONBLOCK a read with no writer returns 0 (end of file) at
    // once, one with a writer but no data yet EAGAIN: so the first read
    // tells a FIFO nobody writes to (an empty one) from a pipe still being
    // filled, such as the shell's <(...).
    ssize_t got = 0;
    while ((got = ::read(fd, buffer, sizeof buffer)) < 0 && errno == EINTR) {
    }
    if (got == 0) return fail_with("a FIFO with no writer: nothing to read");
    if (got < 0 && errno != EAGAIN) return fail(errno);
    if (got > 0) text.append(buffer, static_cast<std::size_t>(got));
  }
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) return fail(errno);
  // Stop past the limit: a device such as /dev/zero would never end.
  while (text.size() <= max_bytes) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return fail(errno);
    if (got == 0) break;
    text.append(buffer, static_cast<std::size_t>(got));
  }
  return text;
}

}  // namespace paperflow
