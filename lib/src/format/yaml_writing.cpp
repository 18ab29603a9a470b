#include "yaml_writing.h"

#include <fmt/format.h>

#include "paperflow/diagnostic.h"

namespace paperflow::yaml_writing {

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        else out += c;
    }
  }
  return out + "\"";
}

std::string comment_lines(const std::string& comment) {
  std::string out;
  if (comment.empty()) return out;
  std::size_t start = 0;
  while (start <= comment.size()) {
    std::size_t end = comment.find('\n', start);
    // A carriage return (in a process's name, say) would end the comment
    // for a YAML reader and start a line of the file.
    out += "# " +
           escape_control_characters(comment.substr(start, end == std::string::npos ? std::string::npos : end - start)) +
           "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::string units(const std::vector<Unit>& units) {
  std::string out = "units:\n";
  for (const Unit& u : units) {
    out += "  - id: " + quoted(u.id) + "\n    name: " + quoted(u.name) + "\n";
    if (u.external) out += "    external: true\n";
    else out += fmt::format("    staff: {}\n", u.staff);
    out += fmt::format("    availability: {}\n    cost_per_hour: {}\n", u.availability, u.cost_per_hour);
  }
  return out;
}

}  // namespace paperflow::yaml_writing
