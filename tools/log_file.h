// An event log read from a file as a stream, for paperflow-calibrate: opened
// without blocking, so that a FIFO nobody writes to is an error rather than
// a hang; its first bytes kept to tell the format by, then read on to the
// end without seeking back, so that a pipe (the shell's <(...)) reads as a
// file does.
#pragma once

#include <optional>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace paperflow::cli {

class LogFile : public std::streambuf {
 public:
  LogFile() = default;
  LogFile(const LogFile&) = delete;
  LogFile& operator=(const LogFile&) = delete;
  ~LogFile() override;

  /// Opens `path`; nothing when it can be read, else why not (the OS's
  /// reason, "a directory", "a FIFO with no writer").
  std::optional<std::string> open(const std::string& path);
  /// Up to `bytes` of the file's start, read but not consumed.
  std::string_view head(std::size_t bytes = 512);

 protected:
  int_type underflow() override;

 private:
  // Appends what one read gives after the data in the buffer; false at the
  // end of the file or on an error.
  bool read_more();

  int fd_ = -1;
  std::vector<char> buffer_ = std::vector<char>(65536);
  bool at_end_ = false;
};

}  // namespace paperflow::cli
