// Writing measured values back into a process file as its author wrote it,
// for `paperflow-calibrate --emit`: the consultant's names, layout and
// comments stay, and only the measured attributes (work, delay, a choice's
// p, cases_per_year) change. A regenerated file (process_writer.h) would
// lose the comments that record where the modelled numbers came from.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paperflow/diagnostic.h"
#include "paperflow/duration.h"
#include "paperflow/model.h"

namespace paperflow {

/// New values for a process file's measured attributes; an absent value (or
/// a vector shorter than the steps) keeps the value as written. Entries for
/// steps or choices the process does not have are ignored, and so is `p`
/// for a step whose routing is not a choice.
struct ProcessPatch {
  std::optional<double> cases_per_year;
  std::vector<std::optional<Distribution>> work;      // by step index (Process::steps), in hours
  std::vector<std::optional<Distribution>> delay;     // by step index, in hours
  std::vector<std::vector<std::optional<double>>> p;  // by step index, then by choice in the order written
  /// Heads the file as `#` lines, one a line of it, above everything the
  /// file had (its own leading comments included), then a blank line.
  std::string comment;
};

/// The process file with the new values.
struct PatchedText {
  std::string text;
  /// False when the source could not be patched in place and `text` is
  /// write_process_yaml of the new process; `lost` then says why and what
  /// is gone. A patch in place keeps every comment.
  bool comments_kept = true;
  /// What of the source `text` no longer has, one phrase each, the reason
  /// for writing the file anew first; empty after a patch in place.
  std::vector<std::string> lost;
  /// Errors of `text` as the loader reads it: not empty only when a new
  /// value is not one the format accepts (a duration out of range, choices
  /// that do not sum to 1), and then `text` is not a valid process file.
  Diagnostics diagnostics;
};

/// `process` with the new values of `patch`: what the patched text reads
/// as. A new value in hours for a duration the source wrote in working days
/// is kept in days when its hours read back exactly from them and the days
/// are at most two characters longer to write (`2d` becomes `2.5d`, not
/// `20h`), so that it follows a changed calendar as before.
/// cases_per_year replaces a three-point estimate by one number.
Process patched_process(const Process& process, const ProcessPatch& patch);

/// The text of `source_text`, a valid process file that loaded as
/// `process`, with the new values of `patch`.
///
/// In place: each value's text (plain or quoted scalar, flow list or
/// mapping, block-style list or mapping) is replaced by the new value as
/// the format reads it (`15min`, `[5min, 10min, 30min]`,
/// `{dist: lognormal, mean: 4h, sd: 3h}`, `0.35`, `6000`; numbers in plain
/// decimals that read back exactly, never an exponent). A key the step does
/// not write (a step without `delay:`) is added to the step: in a block
/// mapping as a line of its own, after `work:` or before the routing; in a
/// flow mapping as `, key: value` after the key before it. A file without
/// `demand` gets `demand: {cases_per_year: N}` after `calendar` or
/// `process`. Everything else stays byte for byte: keys and their order,
/// names, quoting, indentation, blank lines, line endings (CRLF files get
/// CRLF lines), measures, `x-` keys, and every comment. A comment written
/// inside a replaced value that spans lines (`work: [5min,  # min` ...)
/// moves to a line of its own above the key. A comment at the end of a
/// replaced value's line keeps its column where the new value leaves room.
///
/// Fallback: when the source has a construct this does not patch safely
/// (an anchor, alias or tag on a value to replace, a block scalar before an
/// insertion point, a file whose steps do not match `process`) or when the
/// patched text does not read back as patched_process() — the check every
/// patch goes through — the text is write_process_yaml of the new process,
/// with `comments_kept` false and `lost` naming what that drops: every
/// comment, the layout, the units of time as written, `defaults` (written
/// out on each step), measures and `x-` keys.
///
/// Never throws, never prints.
PatchedText patch_process_text(std::string_view source_text, const Process& process, const ProcessPatch& patch);

}  // namespace paperflow
