// Writing a process model back as a process file (paperflow: 1), for
// `paperflow-plan --emit-after`: the changed process becomes a file every
// other tool can run on.
#pragma once

#include <string>

#include "paperflow/model.h"

namespace paperflow {

/// A valid process file of `process`. Durations are written as a person
/// writes them and read back exactly (write_duration), so that analysing
/// the file gives exactly the figures of the model. Defaults are written
/// out on every step; measures and x- keys are not written. `comment`
/// heads the file as `#` lines, one a line of it, other control characters
/// escaped so that none can end the comment.
std::string write_process_yaml(const Process& process, const std::string& comment = {});

}  // namespace paperflow
