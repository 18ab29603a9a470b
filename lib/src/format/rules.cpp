#include "paperflow/rules.h"

#include <array>

namespace paperflow {
namespace {

constexpr std::array rules{
    Rule{"yaml-syntax", Severity::error, "the file is not well-formed YAML (or not UTF-8 text)"},
    Rule{"limits", Severity::error, "the file exceeds a safety limit: size, nesting depth or alias expansion"},
    Rule{"version", Severity::error, "`paperflow:` is missing or is not 1"},
    Rule{"missing-key", Severity::error, "a required key is missing"},
    Rule{"unknown-key", Severity::error, "a key the format does not define (x- keys are ignored)"},
    Rule{"duplicate-key", Severity::error, "a key appears twice in the same mapping"},
    Rule{"wrong-type", Severity::error, "a value of the wrong kind: a list where a mapping belongs, text where a number belongs"},
    Rule{"bad-value", Severity::error,
         "a value outside its allowed range or vocabulary, or too close to 0 to tell from 0"},
    Rule{"bad-id", Severity::error, "an id that is not letters, digits, _ and -, starting with a letter or digit"},
    Rule{"bad-duration", Severity::error,
         "a duration that is not a number with one of the units s, min, h, d, wk, or not 0 or from 0.001s to 100000h"},
    Rule{"duplicate-id", Severity::error, "two units, documents, steps or measures with the same id"},
    Rule{"unknown-reference", Severity::error, "a reference that names no unit, document, step or measure"},
    Rule{"routing", Severity::error, "a step without routing, with two kinds of routing, or an end step with routing, work or delay"},
    Rule{"probabilities", Severity::error, "choice probabilities outside (0, 1] or not summing to 1"},
    Rule{"unreachable", Severity::error, "a step that cannot be reached from the start"},
    Rule{"no-end", Severity::error, "a step from which no end step can be reached"},
    Rule{"closed-loop", Severity::error, "a loop that cannot be left"},
    Rule{"parallel-block", Severity::error, "a parallel block that is not well formed"},
    Rule{"requires-cycle", Severity::error, "measures whose `requires` form a cycle"},
    Rule{"no-demand", Severity::warning, "no `demand`: analyse, simulate and plan need cases_per_year"},
    Rule{"unstable-unit", Severity::warning, "a unit whose utilisation is 1 or more: its queue grows without bound"},
    Rule{"unused-unit", Severity::warning, "a unit that no step uses"},
    Rule{"in-person-no-work", Severity::warning, "an in-person step on an external unit with no work for the applicant"},
    // Not about a file's content: listed so that every diagnostic the
    // library makes carries an id of this table (SARIF indexes stay put).
    Rule{"unreadable-file", Severity::error, "a file that cannot be read: missing, a directory, no access"},
    Rule{"not-applicable", Severity::error, "a measure that selects no step, or whose change cannot be made to this process"},
    // Appended, so that the SARIF indexes of the rules above stay put.
    Rule{"unsolved-visits", Severity::error, "a loop whose visit equations cannot be solved exactly: left too rarely, or too entangled for the solver's bounds"},
    Rule{"simulation-bound", Severity::error, "a process whose cases would run more steps than the simulation's bounds; reported by simulate and report"},
    Rule{"organisation", Severity::error,
         "an organisation file whose process files are missing, listed twice, share an id, or work on another calendar"},
    Rule{"organisation-cost", Severity::warning,
         "a process gives a shared unit another cost per hour than its organisation, which the portfolio uses"},
    Rule{"organisation-unshared", Severity::warning,
         "a unit id several processes of an organisation have, each a unit of its own: list it under units to share it"},
    // BPMN files, read through the import (paperflow-bpmn --import, validate).
    Rule{"bpmn-xml", Severity::error, "a BPMN file that is not well-formed XML, declares an entity, or exceeds a limit"},
    Rule{"bpmn-structure", Severity::error,
         "a BPMN file with no process, a flow without source or target, a reference to nothing, or a duplicate id"},
    Rule{"bpmn-unsupported", Severity::error,
         "BPMN paperflow cannot model: inclusive or event-based gateways, boundary events, subprocesses, a second pool "
         "(flattened or dropped; a warning with --lenient)"},
    Rule{"bpmn-guess", Severity::warning, "a value BPMN does not say (work, medium, staff, demand, shares): a default with a # TODO"},
};

}  // namespace

std::span<const Rule> all_rules() { return rules; }

const Rule* find_rule(std::string_view id) {
  for (const Rule& rule : rules)
    if (rule.id == id) return &rule;
  return nullptr;
}

}  // namespace paperflow
