#include "paperflow/source_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace paperflow {

std::optional<std::string> read_file(const std::string& path, Diagnostic& problem, std::size_t max_bytes) {
  auto fail = [&](int code) {
    problem.rule = "unreadable-file";
    problem.severity = Severity::error;
    problem.location = SourceLocation{std::make_shared<const std::string>(path), 0, 0};
    problem.message = verbatim(std::strerror(code));
    return std::nullopt;
  };
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return fail(errno);
  if (S_ISDIR(info.st_mode)) return fail(EISDIR);
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return fail(errno);
  std::string text;
  char buffer[65536];
  std::size_t got = 0;
  // Stop past the limit: a device such as /dev/zero would never end.
  while (text.size() <= max_bytes && (got = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, got);
  const bool failed = std::ferror(file) != 0;
  const int saved = errno;
  std::fclose(file);
  if (failed) return fail(saved);
  return text;
}

}  // namespace paperflow
