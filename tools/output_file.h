// The files a tool writes (-o, plan's --emit-after, the PDFs): checked
// before the run does any work, so that a run refused writes nothing, and
// written so that no run destroys an input, a special file or a link.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace paperflow::cli {

/// One file a tool writes, with the option that names it, for messages.
struct OutputFile {
  std::string option;  // "-o", "--emit-after", "--pdf"
  std::string path;    // empty or "-": standard output
};

/// Throws FatalError, before any work, when one of `outputs` would destroy
/// one of `inputs` (the same file by device and inode, by any name: another
/// path, a symbolic or a hard link; "-" is standard input), when two
/// outputs are one file, or when write_output would refuse it: a
/// directory, a read-only file, a directory that does not exist.
void check_outputs(const std::vector<OutputFile>& outputs, const std::vector<std::string>& inputs);

/// Writes `content` to standard output when `path` is empty or "-".
/// A regular file (new, or an existing one, which keeps its permission
/// bits) is written to a temporary file beside it and renamed into place,
/// so that an interrupted run never leaves half a file. A symbolic link is
/// followed and its target replaced so; the link stays. A FIFO or a device
/// is opened and written as it is, never replaced; /dev/stdout and the
/// like write to the tool's own standard output. Throws FatalError, with
/// the OS's reason, for a directory, a read-only file (refused by its mode
/// bits, which do not stop root), or a file that cannot be written.
void write_output(const std::string& path, std::string_view content);

}  // namespace paperflow::cli
