// The pieces the writers of process and organisation files share: a text
// as a YAML scalar, a comment heading a file, a list of units.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "paperflow/model.h"

namespace paperflow::yaml_writing {

/// A YAML double-quoted scalar: safe for any text.
std::string quoted(std::string_view text);

/// A duration that may be uncertain as the format reads it: `15min`,
/// `[5min, 10min, 30min]`, `{dist: lognormal, mean: 4h, sd: 3h}`. Each
/// parameter reads back exactly (write_duration), in working days where it
/// was written in days or weeks, so that it follows a calendar changed later
/// as the original does; else in hours.
std::string distribution(const Distribution& d);

/// `comment` as `#` lines, one a line of it, other control characters
/// escaped so that none can end the comment; empty for an empty comment.
std::string comment_lines(const std::string& comment);

/// `units:` and one entry per unit, as a process or organisation file
/// writes them.
std::string units(const std::vector<Unit>& units);

}  // namespace paperflow::yaml_writing
