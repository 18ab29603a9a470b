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

/// `comment` as `#` lines, one a line of it, other control characters
/// escaped so that none can end the comment; empty for an empty comment.
std::string comment_lines(const std::string& comment);

/// `units:` and one entry per unit, as a process or organisation file
/// writes them.
std::string units(const std::vector<Unit>& units);

}  // namespace paperflow::yaml_writing
