#include "paperflow/process_writer.h"

#include <string>

#include <fmt/format.h>

#include "paperflow/diagnostic.h"
#include "paperflow/numbers.h"
#include "yaml_writing.h"

namespace paperflow {
namespace {

using yaml_writing::quoted;

std::string id_list(const std::vector<Reference>& refs) {
  std::string out = "[";
  for (std::size_t i = 0; i < refs.size(); ++i) out += (i ? ", " : "") + quoted(refs[i].id);
  return out + "]";
}

}  // namespace

std::string write_process_yaml(const Process& p, const std::string& comment) {
  std::string out = yaml_writing::comment_lines(comment);
  out += "paperflow: 1\nprocess:\n";
  out += "  id: " + quoted(p.info.id) + "\n  name: " + quoted(p.info.name) + "\n";
  if (!p.info.owner.empty()) out += "  owner: " + quoted(p.info.owner) + "\n";
  if (!p.info.description.empty()) out += "  description: " + quoted(p.info.description) + "\n";
  if (!p.info.legal_basis.empty()) {
    out += "  legal_basis: [";
    for (std::size_t i = 0; i < p.info.legal_basis.size(); ++i) out += (i ? ", " : "") + quoted(p.info.legal_basis[i]);
    out += "]\n";
  }
  if (p.start) out += "start: " + quoted(p.start->id) + "\n";
  out += fmt::format("calendar:\n  hours_per_day: {}\n  days_per_year: {}\n", p.calendar.hours_per_day,
                     p.calendar.days_per_year);
  if (const std::optional<ThreePoint>& r = p.cases_per_year_range)
    out += fmt::format("demand:\n  cases_per_year: [{}, {}, {}]\n", plain_decimal(r->low), plain_decimal(r->mode),
                       plain_decimal(r->high));
  else if (p.cases_per_year)
    out += fmt::format("demand:\n  cases_per_year: {}\n", *p.cases_per_year);
  out += yaml_writing::units(p.units);
  if (!p.documents.empty()) {
    out += "documents:\n";
    for (const Document& d : p.documents)
      out += "  - {id: " + quoted(d.id) + ", name: " + quoted(d.name) + ", medium: " + std::string(to_string(d.medium)) +
             "}\n";
  }
  out += "steps:\n";
  for (const Step& s : p.steps) {
    out += "  - id: " + quoted(s.id) + "\n    name: " + quoted(s.name) + "\n";
    if (s.end) {
      // What an end step may carry of its own and that counts: a collection
      // in person and a signature for it, and its unit, which must name a
      // unit and counts as the unit's use. Its activity plays no part.
      out += "    end: true\n";
      if (s.end_unit) out += "    unit: " + quoted(s.end_unit->id) + "\n";
      if (s.channel) out += "    channel: " + std::string(to_string(*s.channel)) + "\n";
      if (s.signature != Signature::none) out += "    signature: " + std::string(to_string(s.signature)) + "\n";
      continue;
    }
    if (s.unit) out += "    unit: " + quoted(s.unit->id) + "\n";
    out += "    activity: " + std::string(to_string(s.activity)) + "\n";
    if (s.medium) out += "    medium: " + std::string(to_string(*s.medium)) + "\n";
    if (s.channel) out += "    channel: " + std::string(to_string(*s.channel)) + "\n";
    if (s.signature != Signature::none) out += "    signature: " + std::string(to_string(s.signature)) + "\n";
    if (!s.it_system.empty()) out += "    it_system: " + quoted(s.it_system) + "\n";
    if (!s.work.is_zero()) out += "    work: " + yaml_writing::distribution(s.work) + "\n";
    if (!s.delay.is_zero()) out += "    delay: " + yaml_writing::distribution(s.delay) + "\n";
    if (!s.uses.empty()) out += "    uses: " + id_list(s.uses) + "\n";
    if (!s.produces.empty()) out += "    produces: " + id_list(s.produces) + "\n";
    if (!s.changed_by.empty()) {
      std::string ids;
      for (const std::string& id : s.changed_by) ids += (ids.empty() ? "" : ", ") + quoted(id);
      out += "    x-changed-by: [" + ids + "]\n";
    }
    switch (s.routing.kind) {
      case Routing::Kind::next: out += "    next: " + quoted(s.routing.next.id) + "\n"; break;
      case Routing::Kind::choice:
        out += "    next:\n";
        for (const Choice& c : s.routing.choices)
          out += fmt::format("      - {{to: {}, p: {}{}}}\n", quoted(c.to.id), c.p, c.rework ? ", rework: true" : "");
        break;
      case Routing::Kind::parallel:
        out += "    parallel: " + id_list(s.routing.parallel) + "\n    join: " + quoted(s.routing.join.id) + "\n";
        break;
      case Routing::Kind::none: break;
    }
  }
  return out;
}

}  // namespace paperflow
