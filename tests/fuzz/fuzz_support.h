// What the fuzz targets share: a failed property stops the run with a
// message, under libFuzzer and in the corpus replay alike.
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "paperflow/validate.h"

namespace paperflow::fuzz {

[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "property failed: %s\n", what);
  std::abort();
}

inline void require(bool holds, const char* what) {
  if (!holds) fail(what);
}

// Equal as figures: the same number, or both not a number.
inline bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }
inline bool same(const std::optional<double>& a, const std::optional<double>& b) {
  return a.has_value() == b.has_value() && (!a || same(*a, *b));
}

// The fixed process a target applies its input to, read once; a model that
// is not valid is a broken target, not a finding.
inline const Process& valid_model(const char* yaml) {
  static const ValidationResult base = validate_process(yaml, "model.yaml");
  require(base.valid(), "the model is valid");
  return *base.process;
}

// Every diagnostic names its rule and says what is wrong.
inline void require_explained(const Diagnostics& diagnostics) {
  for (const Diagnostic& d : diagnostics) require(!d.rule.empty() && !d.message.english().empty(), "a diagnostic has a rule and a message");
}

}  // namespace paperflow::fuzz
