// Fuzz target: one duration as written in a file or a --set. A duration is
// refused with a message, or read as a finite, non-negative time whose
// hours follow the calendar.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "paperflow/duration.h"

using namespace paperflow;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Diagnostic problem;
  auto duration = parse_duration(text, &problem);
  if (!duration) {
    fuzz::require(!problem.message.english().empty() && problem.rule == "bad-duration", "a refused duration says why");
    return 0;
  }
  fuzz::require(std::isfinite(duration->hours) && duration->hours >= 0, "hours finite and not negative");
  fuzz::require(std::isfinite(duration->working_days) && duration->working_days >= 0, "days finite and not negative");
  fuzz::require(duration->hours == 0 || duration->working_days == 0, "one unit");
  const double eight = *parse_duration_hours(text, 8), four = *parse_duration_hours(text, 4);
  fuzz::require(fuzz::same(eight - four, 4 * duration->working_days) || std::isinf(eight), "days follow the calendar");
  (void)format_duration(eight, 8);
  return 0;
}
