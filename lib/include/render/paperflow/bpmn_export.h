// A process as BPMN 2.0 XML with its diagram (docs/bpmn.md), for the
// modelling tools administrations keep their processes in: a collaboration
// of the authority's pool, one lane per internal unit, and a collapsed pool
// per external unit; every paperflow attribute BPMN has no place for in
// `pf:` extension elements (namespace urn:paperflow:bpmn:1), so that a
// later import can rebuild the process.
#pragma once

#include <string>

#include "paperflow/bpmn_import.h"
#include "paperflow/model.h"

namespace paperflow {

/// `process`, which must be valid (as load_valid_process gives it), as a
/// BPMN 2.0 document in UTF-8 with a complete BPMNDI diagram. Deterministic:
/// the same process gives the same bytes. Never prints.
std::string render_bpmn(const Process& process);

}  // namespace paperflow
