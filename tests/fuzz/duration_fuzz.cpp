// Fuzz target: one duration as written in a file or a --set. A duration is
// refused with a message, or read as a time in the format's range whose
// hours follow the calendar, and that the writer writes as text that reads
// back as exactly the same duration.
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
  fuzz::require(duration->working_days != 0 || !duration_out_of_range(duration->hours), "hours in the format's range");
  // Days have their range on a calendar: on one, every duration accepted is in it.
  const auto eight = parse_duration_hours(text, 8), four = parse_duration_hours(text, 4);
  if (eight) fuzz::require(!duration_out_of_range(*eight), "in the format's range on the calendar");
  if (eight && four) fuzz::require(fuzz::same(*eight - *four, 4 * duration->working_days), "days follow the calendar");
  if (eight) (void)format_duration(*eight, 8);

  const std::string written = write_duration(*duration);
  Diagnostic again_problem;
  const auto again = parse_duration(written, &again_problem);
  fuzz::require(again && again->hours == duration->hours && again->working_days == duration->working_days,
                "written, the duration reads back as exactly the same");
  fuzz::require(written.find_first_of("eE") == std::string::npos, "written without an exponent");
  return 0;
}
