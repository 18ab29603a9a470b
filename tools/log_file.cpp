#include "log_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace paperflow::cli {

LogFile::~LogFile() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<std::string> LogFile::open(const std::string& path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd_ < 0) return std::string(std::strerror(errno));
  struct stat info {};
  if (::fstat(fd_, &info) != 0) return std::string(std::strerror(errno));
  if (S_ISDIR(info.st_mode)) return std::string(std::strerror(EISDIR));
  setg(buffer_.data(), buffer_.data(), buffer_.data());
  if (S_ISFIFO(info.st_mode)) {
    // Without blocking, a FIFO with no writer reads 0 bytes at once, one
    // with a writer but no data yet EAGAIN.
    ssize_t got = 0;
    while ((got = ::read(fd_, buffer_.data(), buffer_.size())) < 0 && errno == EINTR) {
    }
    if (got == 0) return std::string("a FIFO with no writer: nothing to read");
    if (got < 0 && errno != EAGAIN) return std::string(std::strerror(errno));
    if (got > 0) setg(buffer_.data(), buffer_.data(), buffer_.data() + got);
  }
  const int flags = ::fcntl(fd_, F_GETFL);
  if (flags < 0 || ::fcntl(fd_, F_SETFL, flags & ~O_NONBLOCK) != 0) return std::string(std::strerror(errno));
  return std::nullopt;
}

bool LogFile::read_more() {
  if (at_end_) return false;
  char* end = egptr();
  const auto room = static_cast<std::size_t>(buffer_.data() + buffer_.size() - end);
  ssize_t got = 0;
  while ((got = ::read(fd_, end, room)) < 0 && errno == EINTR) {
  }
  if (got <= 0) {
    at_end_ = true;  // an error reads as the end: the reader then says what it lacks
    return false;
  }
  setg(eback(), gptr(), end + got);
  return true;
}

std::string_view LogFile::head(std::size_t bytes) {
  bytes = std::min(bytes, buffer_.size());
  while (static_cast<std::size_t>(egptr() - gptr()) < bytes && read_more()) {
  }
  return {gptr(), static_cast<std::size_t>(egptr() - gptr())};
}

LogFile::int_type LogFile::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  setg(buffer_.data(), buffer_.data(), buffer_.data());
  if (!read_more()) return traits_type::eof();
  return traits_type::to_int_type(*gptr());
}

}  // namespace paperflow::cli
