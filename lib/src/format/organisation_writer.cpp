#include "paperflow/organisation_writer.h"

#include <fmt/format.h>

#include "yaml_writing.h"

namespace paperflow {

std::string write_organisation_yaml(const Organisation& organisation, const std::vector<std::string>& process_paths,
                                    const std::string& comment) {
  using yaml_writing::quoted;
  std::string out = yaml_writing::comment_lines(comment);
  out += "paperflow: 1\norganisation:\n";
  out += "  id: " + quoted(organisation.id) + "\n  name: " + quoted(organisation.name) + "\n";
  out += fmt::format("calendar:\n  hours_per_day: {}\n  days_per_year: {}\n", organisation.calendar.hours_per_day,
                     organisation.calendar.days_per_year);
  if (!organisation.units.empty()) out += yaml_writing::units(organisation.units);
  out += "processes:\n";
  for (const std::string& path : process_paths) out += "  - " + quoted(path) + "\n";
  return out;
}

}  // namespace paperflow
