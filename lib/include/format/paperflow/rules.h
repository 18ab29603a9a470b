// The table of validation rules: every rule id a diagnostic can carry, its
// severity and a one-line description. --disable, the SARIF rule list, the
// man page test and shell completion all read this one table.
#pragma once

#include <span>
#include <string_view>

#include "paperflow/diagnostic.h"

namespace paperflow {

struct Rule {
  std::string_view id;
  Severity severity;
  std::string_view description;
};

/// Every rule, in the order the man page lists them.
std::span<const Rule> all_rules();

/// The rule with this id, or nullptr.
const Rule* find_rule(std::string_view id);

}  // namespace paperflow
