#include "output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "common.h"

namespace paperflow::cli {
namespace {

namespace fs = std::filesystem;

// Where the bytes of one output go, found by following its path.
struct Destination {
  enum class Kind {
    standard_stream,  // the tool's own standard output or error: `stream`
    special,          // a FIFO, a device, a file behind /proc: opened and written as it is
    new_file,         // nothing there yet: made atomically
    regular,          // a regular file: replaced atomically, keeping `info`'s mode and owner
  };
  Kind kind = Kind::standard_stream;
  std::string path;  // the file itself: for a symbolic link, its target
  struct stat info {};
  std::FILE* stream = stdout;
};

[[noreturn]] void cannot_write(const std::string& path, std::string_view reason) {
  throw FatalError(fmt::format("cannot write {}: {}", quoted_path(path), reason));
}

// Root may write whatever the mode says, and a rename does not ask the
// file at all: the mode bits are checked here, so that a file made
// read-only stays as it is, for root too, as `cp` and the shell's `>` do.
void refuse_read_only(const std::string& path, const std::string& file, const struct stat& info) {
  if ((info.st_mode & 0222) == 0)
    cannot_write(path, fmt::format("it is read-only (mode {:04o}); make it writable (chmod u+w) or give another file",
                                   info.st_mode & 07777));
  if (::faccessat(AT_FDCWD, file.c_str(), W_OK, AT_EACCESS) != 0) cannot_write(path, std::strerror(errno));
}

// The temporary file of an atomic write is made in the file's directory.
void refuse_unwritable_directory(const std::string& path, const std::string& file) {
  const fs::path parent = fs::path(file).parent_path();
  const std::string directory = parent.empty() ? "." : parent.string();
  struct stat info {};
  if (::stat(directory.c_str(), &info) != 0) cannot_write(path, std::strerror(errno));
  if (!S_ISDIR(info.st_mode)) cannot_write(path, std::strerror(ENOTDIR));
  if (::faccessat(AT_FDCWD, directory.c_str(), W_OK | X_OK, AT_EACCESS) != 0)
    cannot_write(path, std::strerror(errno));
}

// A link in /proc (/dev/stdout leads to /proc/self/fd/1) names an open
// file, not a path: its text may read "pipe:[1234]", and a file behind it
// may be open for appending. It is written through, never followed by name.
bool in_proc(const struct stat& link) {
  struct stat proc {};
  return ::stat("/proc", &proc) == 0 && link.st_dev == proc.st_dev;
}

Destination through_proc(const std::string& path, const std::string& link) {
  struct stat target {};
  if (::stat(link.c_str(), &target) != 0) cannot_write(path, std::strerror(errno));
  for (std::FILE* stream : {stdout, stderr}) {
    struct stat own {};
    if (::fstat(::fileno(stream), &own) == 0 && own.st_dev == target.st_dev && own.st_ino == target.st_ino)
      return {Destination::Kind::standard_stream, link, target, stream};
  }
  if (S_ISDIR(target.st_mode)) cannot_write(path, "it is a directory; give a file name");
  if (S_ISREG(target.st_mode)) refuse_read_only(path, link, target);
  return {Destination::Kind::special, link, target, nullptr};
}

// Follows `path` to the file it names, refusing what cannot be written.
Destination find_destination(const std::string& path) {
  if (path.empty() || path == "-") return {};
  std::string current = path;
  for (int links = 0;; ++links) {
    struct stat info {};
    if (::lstat(current.c_str(), &info) != 0) {
      if (errno != ENOENT) cannot_write(path, std::strerror(errno));
      // Nothing there, or the target of a dangling link: a new file.
      refuse_unwritable_directory(path, current);
      return {Destination::Kind::new_file, current, {}, nullptr};
    }
    if (S_ISLNK(info.st_mode)) {
      if (in_proc(info)) return through_proc(path, current);
      if (links == 40) cannot_write(path, std::strerror(ELOOP));
      std::error_code error;
      const fs::path target = fs::read_symlink(current, error);
      if (error) cannot_write(path, error.message());
      current = target.is_absolute() ? target.string() : (fs::path(current).parent_path() / target).string();
      continue;
    }
    if (S_ISDIR(info.st_mode)) cannot_write(path, "it is a directory; give a file name");
    if (!S_ISREG(info.st_mode)) return {Destination::Kind::special, current, info, nullptr};
    refuse_read_only(path, current, info);
    refuse_unwritable_directory(path, current);
    return {Destination::Kind::regular, current, info, nullptr};
  }
}

// Writes all of `content`; 0, or the errno of the failure.
int write_all(int fd, std::string_view content) {
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t written = ::write(fd, data, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data += written;
    left -= static_cast<std::size_t>(written);
  }
  return 0;
}

// A FIFO, a device: no temporary file can stand in for them. A FIFO waits
// for its reader here, as the shell's `>` does.
void write_special(const std::string& path, const Destination& destination, std::string_view content) {
  const int truncate = S_ISREG(destination.info.st_mode) ? O_TRUNC : 0;
  const int fd = ::open(destination.path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC | truncate);
  if (fd < 0) cannot_write(path, std::strerror(errno));
  int problem = write_all(fd, content);
  if (::close(fd) != 0 && problem == 0) problem = errno;
  if (problem != 0) cannot_write(path, std::strerror(problem));
}

void replace_atomically(const std::string& path, const Destination& destination, std::string_view content) {
  const fs::path target(destination.path);
  const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temporary = (directory / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) cannot_write(path, std::strerror(errno));
  int problem = write_all(fd, content);
  // mkstemp makes the file 0600: a new output file is like any other, a
  // replaced one keeps the mode (and, where allowed, the owner) it had.
  mode_t mode = destination.info.st_mode & 0777;
  if (destination.kind == Destination::Kind::new_file) {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  if (problem == 0 && ::fchmod(fd, mode) != 0) problem = errno;
  if (problem == 0 && destination.kind == Destination::Kind::regular &&
      (destination.info.st_uid != ::geteuid() || destination.info.st_gid != ::getegid()) &&
      ::fchown(fd, destination.info.st_uid, destination.info.st_gid) != 0) {
    // Not allowed to give it back: the file becomes the writer's, as with cp.
  }
  if (::close(fd) != 0 && problem == 0) problem = errno;
  if (problem == 0 && std::rename(temporary.c_str(), destination.path.c_str()) != 0) problem = errno;
  if (problem != 0) {
    ::unlink(temporary.c_str());
    cannot_write(path, std::strerror(problem));
  }
}

}  // namespace

void check_outputs(const std::vector<OutputFile>& outputs, const std::vector<std::string>& inputs) {
  // Inputs by device and inode: any name of the same file is the same file.
  std::map<std::pair<dev_t, ino_t>, const std::string*> read;
  for (const std::string& input : inputs) {
    struct stat info {};
    const int got = input == "-" ? ::fstat(STDIN_FILENO, &info) : ::stat(input.c_str(), &info);
    if (!input.empty() && got == 0 && S_ISREG(info.st_mode)) read.emplace(std::pair{info.st_dev, info.st_ino}, &input);
  }
  std::map<std::string, const OutputFile*> written;
  for (const OutputFile& output : outputs) {
    if (output.path.empty() || output.path == "-") continue;
    const Destination destination = find_destination(output.path);
    if (destination.kind == Destination::Kind::standard_stream) continue;
    if (destination.kind != Destination::Kind::new_file) {
      const auto found = read.find({destination.info.st_dev, destination.info.st_ino});
      if (found != read.end())
        throw FatalError(fmt::format("{} {} is the input {}; writing it would destroy the input: give another file",
                                     output.option, quoted_path(output.path),
                                     *found->second == "-" ? "on standard input" : quoted_path(*found->second)));
    }
    // Two outputs into one file: the second would silently replace the
    // first. (Two into one device, /dev/null say, harm nothing.)
    std::string identity;
    if (destination.kind == Destination::Kind::new_file) {
      std::error_code error;
      identity = fs::weakly_canonical(destination.path, error).string();
      if (error) identity = fs::absolute(destination.path).lexically_normal().string();
    } else if (destination.kind == Destination::Kind::regular) {
      identity = fmt::format("{}:{}", destination.info.st_dev, destination.info.st_ino);
    } else {
      continue;
    }
    const auto [earlier, added] = written.emplace(identity, &output);
    if (!added)
      throw FatalError(fmt::format("{} {} and {} {} are the same file; give each its own", earlier->second->option,
                                   quoted_path(earlier->second->path), output.option, quoted_path(output.path)));
  }
}

void write_output(const std::string& path, std::string_view content) {
  const Destination destination = find_destination(path);
  switch (destination.kind) {
    case Destination::Kind::standard_stream:
      std::fflush(stdout);
      std::fwrite(content.data(), 1, content.size(), destination.stream);
      std::fflush(destination.stream);
      return;
    case Destination::Kind::special: write_special(path, destination, content); return;
    case Destination::Kind::new_file:
    case Destination::Kind::regular: replace_atomically(path, destination, content); return;
  }
}

}  // namespace paperflow::cli
