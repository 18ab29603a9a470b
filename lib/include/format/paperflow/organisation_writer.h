// Writing an organisation back as an organisation file (paperflow: 1), for
// `paperflow-plan --emit-after DIR` on an organisation: the organisation
// after the plan, listing the process files written beside it.
#pragma once

#include <string>
#include <vector>

#include "paperflow/organisation.h"

namespace paperflow {

/// A valid organisation file of `organisation` whose `processes` are
/// `process_paths`, as given (relative to where the file is written).
/// Calendar and units are written out; measures are not (as
/// write_process_yaml). `comment` heads the file as `#` lines.
std::string write_organisation_yaml(const Organisation& organisation, const std::vector<std::string>& process_paths,
                                    const std::string& comment = {});

}  // namespace paperflow
