#include "yaml_writing.h"

#include <fmt/format.h>

#include "paperflow/diagnostic.h"
#include "utf8.h"

namespace paperflow::yaml_writing {

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (std::size_t length = 0; const char32_t special = utf8::yaml_special_at(text, i, length)) {
      // Beyond ASCII, what YAML takes for a line break or refuses: escaped,
      // so that the text reads back as it was.
      out += special == 0x85     ? std::string("\\N")
             : special == 0x2028 ? std::string("\\L")
             : special == 0x2029 ? std::string("\\P")
                                 : fmt::format("\\u{:04X}", static_cast<unsigned>(special));
      i += length - 1;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        else out += c;
    }
  }
  return out + "\"";
}

namespace {

std::string parameter(const Distribution& d, std::size_t k) {
  const double value = k == 0 ? d.a : k == 1 ? d.b : d.c;
  return write_duration(d.working_days[k] != 0 ? Duration{0, d.working_days[k]} : Duration{value, 0});
}

}  // namespace

std::string distribution(const Distribution& d) {
  auto p = [&](std::size_t k) { return parameter(d, k); };
  switch (d.kind) {
    case Distribution::Kind::fixed: return p(0);
    case Distribution::Kind::triangular: return fmt::format("[{}, {}, {}]", p(0), p(1), p(2));
    case Distribution::Kind::uniform: return fmt::format("{{dist: uniform, min: {}, max: {}}}", p(0), p(2));
    case Distribution::Kind::exponential: return fmt::format("{{dist: exponential, mean: {}}}", p(0));
    case Distribution::Kind::lognormal: return fmt::format("{{dist: lognormal, mean: {}, sd: {}}}", p(0), p(1));
  }
  return "0";
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
