// What the fuzz targets share: a failed property stops the run with a
// message, under libFuzzer and in the corpus replay alike.
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

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

}  // namespace paperflow::fuzz
