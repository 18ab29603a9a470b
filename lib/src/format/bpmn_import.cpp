// The import reads the BPMN file into a small tree (xml_document.h), takes
// the authority's process, turns its flow nodes into steps and collapses
// its gateways into each step's routing, then writes the process file line
// by line, each line remembering the element it comes from. Values of
// paperflow's own export come from its `pf:` elements and are checked
// before they are written, so that no attribute can write a line of YAML
// of its own; every other value is a default with a `# TODO`.
#include "paperflow/bpmn_import.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dominator_tree.hpp>
#include <fmt/format.h>

#include "paperflow/vocabulary.h"
#include "strong_components.h"
#include "utf8.h"
#include "xml_document.h"
#include "yaml_writing.h"

namespace paperflow {
namespace {

constexpr std::string_view bpmn_model = "http://www.omg.org/spec/BPMN/20100524/MODEL";
constexpr std::size_t max_bpmn_bytes = std::size_t{64} << 20;  // as process files (yaml_tree.h)
constexpr std::size_t no_index = static_cast<std::size_t>(-1);

using yaml_writing::quoted;

bool is_bpmn(const XmlElement& e) { return e.space == bpmn_model || e.space.empty(); }
bool is_pf(const XmlElement& e) { return e.space == bpmn_extension_namespace; }
bool is_bpmn(const XmlElement& e, std::string_view name) { return is_bpmn(e) && e.name == name; }

std::string attribute_or(const XmlElement& e, std::string_view name, std::string fallback = {}) {
  const std::string* value = e.attribute(name);
  return value ? *value : fallback;
}

// A name as one line: BPMN tools break long names with newlines.
std::string one_line(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// An id made of a name: lower case, German letters spelt out (ä ae, ß ss),
// every run of other characters one `_`, at most 40 bytes.
std::string slug(std::string_view text) {
  std::string out;
  for (std::size_t at = 0; at < text.size() && out.size() < 40;) {
    if (const std::string_view spelt = utf8::german_spelt_out(text, at); !spelt.empty()) {
      out += static_cast<char>(spelt[0] | 0x20);  // lower case
      out += spelt[1];
      at += 2;
      continue;
    }
    const std::size_t length = std::max<std::size_t>(utf8::sequence_length(text, at), 1);
    const char c = text[at];
    if (length == 1 && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) out += c;
    else if (length == 1 && c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if (!out.empty() && out.back() != '_') out += '_';
    at += length;
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

// Ids of one kind (steps, units, documents), each taken once.
class Ids {
 public:
  std::string take(std::string wanted, std::string_view fallback) {
    if (wanted.empty()) wanted = slug(fallback);
    if (wanted.empty()) wanted = "x";
    std::string id = wanted;
    // Each name remembers the suffix it got to: many steps of one name
    // cost one try each, not one per step before them.
    int& n = next_suffix_[wanted];
    while (!used_.insert(id).second) id = fmt::format("{}_{}", wanted, n = std::max(n, 1) + 1);
    return id;
  }
  void reserve(const std::string& id) { used_.insert(id); }

 private:
  std::set<std::string> used_;
  std::map<std::string, int> next_suffix_;
};

// A number of a pf: attribute, checked: finite, as the writer wrote it.
std::optional<std::string> number_text(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return fmt::format("{}", value);
}

// A duration of a pf: attribute in the shape the writer writes it
// (yaml_writing::distribution): one token `15min`, three `[5min, 10min,
// 30min]`, or `{dist: NAME, KEY: token, ...}` with the keys of NAME once
// each. So no attribute can give the process file a line, a key or a
// syntax of its own; the loader then checks each token as any duration.
bool is_duration_token(std::string_view token) {
  return !token.empty() && token.size() <= 40 && std::all_of(token.begin(), token.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '+' ||
           c == '-';
  });
}

std::vector<std::string_view> split_list(std::string_view text) {
  std::vector<std::string_view> items;
  for (std::size_t at = 0;;) {
    const std::size_t comma = text.find(", ", at);
    items.push_back(text.substr(at, comma == std::string_view::npos ? std::string_view::npos : comma - at));
    if (comma == std::string_view::npos) return items;
    at = comma + 2;
  }
}

bool is_duration_text(std::string_view text) {
  if (is_duration_token(text)) return true;
  if (text.size() < 2 || text.size() > 200) return false;
  const std::string_view inner = text.substr(1, text.size() - 2);
  if (text.front() == '[' && text.back() == ']') {
    const auto items = split_list(inner);
    return items.size() == 3 && std::all_of(items.begin(), items.end(), is_duration_token);
  }
  if (text.front() != '{' || text.back() != '}') return false;
  static const std::map<std::string_view, std::vector<std::string_view>> keys_of{
      {"uniform", {"min", "max"}}, {"exponential", {"mean"}}, {"lognormal", {"mean", "sd"}}};
  const auto items = split_list(inner);
  if (items.empty() || !items[0].starts_with("dist: ")) return false;
  const auto keys = keys_of.find(items[0].substr(6));
  if (keys == keys_of.end() || items.size() != keys->second.size() + 1) return false;
  for (std::size_t k = 0; k < keys->second.size(); ++k) {
    const std::string_view item = items[k + 1];
    const std::string key = std::string(keys->second[k]) + ": ";
    if (!item.starts_with(key) || !is_duration_token(item.substr(key.size()))) return false;
  }
  return true;
}

// An ISO 8601 duration of a BPMN timer (`PT48H`, `P2D`, `PT30M`) as a
// paperflow duration; nothing for dates, cycles and expressions.
std::optional<std::string> timer_duration(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.remove_suffix(1);
  if (text.size() < 3 || text.front() != 'P') return std::nullopt;
  double days = 0, hours = 0;
  bool in_time = false, any = false;
  for (std::size_t at = 1; at < text.size();) {
    if (text[at] == 'T') {
      in_time = true;
      ++at;
      continue;
    }
    double value = 0;
    const auto [end, error] = std::from_chars(text.data() + at, text.data() + text.size(), value);
    if (error != std::errc() || end == text.data() + text.size() || !std::isfinite(value) || value < 0)
      return std::nullopt;
    at = static_cast<std::size_t>(end - text.data());
    const char unit = text[at++];
    any = true;
    if (!in_time && unit == 'D') days += value;
    else if (!in_time && unit == 'W') days += 7 * value;
    else if (in_time && unit == 'H') hours += value;
    else if (in_time && unit == 'M') hours += value / 60;
    else if (in_time && unit == 'S') hours += value / 3600;
    else return std::nullopt;
  }
  if (!any || days + hours > 1e6) return std::nullopt;
  // A wait of a day or more counts in days, each taken as a working day
  // (a guess: the timer counts calendar days); a shorter one in hours.
  // Three decimals at most, so that no exponent reaches the file (the
  // reader takes none), in the largest unit that fits.
  auto decimal = [](double value, const char* unit) {
    std::string written = fmt::format("{:.3f}", value);
    while (written.back() == '0') written.pop_back();
    if (written.back() == '.') written.pop_back();
    return written + unit;
  };
  const double total_hours = days * 24 + hours;
  if (total_hours >= 24) return decimal(total_hours / 24, "d");
  if (total_hours >= 1) return decimal(total_hours, "h");
  if (total_hours * 60 >= 1) return decimal(total_hours * 60, "min");
  return decimal(total_hours * 3600, "s");
}

// ---- the process file, line by line -------------------------------------------

// The process file being written: each line with the place of the element
// it comes from, and a `# TODO` where its value is a guess.
class ProcessFileOut {
 public:
  explicit ProcessFileOut(std::shared_ptr<const std::string> file) : file_(std::move(file)) {}

  void line(const std::string& text, const XmlElement* from, std::string_view todo = {}) {
    text_ += text;
    if (!todo.empty()) {
      text_ += "  # TODO: ";
      text_ += todo;
    }
    text_ += '\n';
    origin_.push_back(from ? SourceLocation{file_, from->line, from->column} : SourceLocation{file_, 0, 0});
  }

  std::string text_;
  std::vector<SourceLocation> origin_;

 private:
  std::shared_ptr<const std::string> file_;
};

// ---- what the import gathers ----------------------------------------------------

// A value of the process file and why it is what it is: `todo` when it is
// a guess (then a warning says so too).
struct Value {
  std::string text;
  std::string todo;
  bool present() const { return !text.empty(); }
};

struct ImportedUnit {
  std::string id, name;
  std::string name_todo;  // a guessed name
  bool external = false;
  Value staff, availability, cost_per_hour;
  const XmlElement* from = nullptr;
  long index = -1;  // pf:unit's place in the original's list
};

struct ImportedDocument {
  std::string id, name;
  Value medium;
  const XmlElement* from = nullptr;
};

struct ImportedChoice {
  std::string to;
  double p = 0;
  std::string p_text;  // as pf:flow wrote it, else empty
  bool rework = false;
  bool guessed = false;
  const XmlElement* from = nullptr;
};

struct ImportedStep {
  std::string id, name;
  const XmlElement* from = nullptr;
  bool end = false;
  std::string unit;
  Value activity, medium, channel, signature, it_system, work, delay;
  std::vector<std::string> uses, produces, changed_by;
  std::string name_todo;  // a name the import made up
  std::string unit_todo;  // a unit the import inferred
  bool medium_from_before = false;  // a wait: the medium of the step before it
  std::size_t node = no_index;
  // routing
  std::string next;
  std::vector<ImportedChoice> choices;
  std::vector<std::string> parallel;
  std::string join;
};

// ---- the BPMN graph of the authority's process ------------------------------------

enum class NodeKind { step, start, end, exclusive, parallel, pass };

struct Node {
  const XmlElement* xml = nullptr;
  std::string id;
  NodeKind kind = NodeKind::step;
  std::vector<std::size_t> out;  // flows, in the file's order
  std::size_t in = 0;
  std::size_t lane = no_index;       // the unit of its lane
  std::size_t subprocess = no_index; // the node of the subprocess it is inside
  bool choice_when_split = false;  // several flows out are a choice (a boundary event's), not parallel
  std::size_t step = no_index;       // its step
};

struct Flow {
  const XmlElement* xml = nullptr;  // nullptr for a flow the import adds (boundary events, subprocesses)
  std::size_t from = no_index, to = no_index;
  std::optional<double> p;          // as pf:flow or a paperflow condition gives it
  bool conditional = false;
};

// Where a flow leads, once gateways are collapsed: the step and the share
// of cases that reach it.
struct Reached {
  std::size_t node = no_index;
  double p = 1;
  bool guessed = false;
  const XmlElement* via = nullptr;
};

struct Routed {
  enum class Kind { unrouted, next, choice, parallel } kind = Kind::unrouted;
  std::vector<Reached> targets;
  std::size_t join = no_index;  // for parallel: the step the branches join at
};

class Importer {
 public:
  Importer(std::string_view text, const std::string& file_name, const BpmnImportOptions& options)
      : text_(text), file_(std::make_shared<const std::string>(file_name)), options_(options), out_(file_) {}

  BpmnImport run() {
    BpmnImport result;
    // An oversized file is read as far as it goes (a caller may have cut
    // it off), so that a nesting bomb or an entity is named at its line.
    XmlDocument document = read_xml(text_, file_, "bpmn-xml");
    if (text_.size() > max_bpmn_bytes && !document.beyond_limits) {
      fail(nullptr, "limits",
           phrase_of("the file has {} bytes; paperflow reads process files of at most {} MiB",
                     std::to_string(text_.size()), std::to_string(max_bpmn_bytes >> 20)));
    } else if (document.problem) {
      diagnostics_.push_back(std::move(*document.problem));
      failed_ = true;
    } else if (read(*document.root)) {
      write();
    }
    if (!failed_) {
      result.process_file = std::move(out_.text_);
      result.origin = std::move(out_.origin_);
    }
    result.from_paperflow = from_paperflow_;
    sort_by_location(diagnostics_);
    result.diagnostics = std::move(diagnostics_);
    return result;
  }

 private:
  // ---- diagnostics ---------------------------------------------------------------

  Diagnostic at(const XmlElement* e, const char* rule, Severity severity, Phrase message) const {
    Diagnostic d;
    d.rule = rule;
    d.severity = severity;
    d.location = e ? SourceLocation{file_, e->line, e->column} : SourceLocation{file_, 0, 0};
    d.message = std::move(message);
    return d;
  }
  // The file cannot be read as a process: no process file comes of it.
  bool fail(const XmlElement* e, const char* rule, Phrase message) {
    diagnostics_.push_back(at(e, rule, Severity::error, std::move(message)));
    failed_ = true;
    return false;
  }
  void unsupported(const XmlElement* e, Phrase message) {
    diagnostics_.push_back(
        at(e, "bpmn-unsupported", options_.lenient ? Severity::warning : Severity::error, std::move(message)));
  }
  void guess(const XmlElement* e, Phrase message) {
    diagnostics_.push_back(at(e, "bpmn-guess", Severity::warning, std::move(message)));
  }
  // A guessed value, with its warning.
  Value guessed(const XmlElement* e, std::string text, std::string todo, Phrase message) {
    guess(e, std::move(message));
    return {std::move(text), std::move(todo)};
  }

  static std::string label(const XmlElement& e) { return fmt::format("{} '{}'", e.name, attribute_or(e, "id")); }

  // ---- reading ---------------------------------------------------------------------

  static const XmlElement* pf_child(const XmlElement& e, std::string_view name) {
    for (const XmlElement& child : e.children)
      if (is_bpmn(child, "extensionElements"))
        for (const XmlElement& ext : child.children)
          if (is_pf(ext) && ext.name == name) return &ext;
    return nullptr;
  }

  // Every element with an id, for references, and duplicate ids refused.
  // Extension elements (paperflow's, a modeller's) have ids of their own
  // kind, which may repeat.
  bool index_ids(const XmlElement& e) {
    if (is_bpmn(e, "extensionElements")) return true;
    if (const std::string* id = e.attribute("id"); id && !id->empty()) {
      if (!by_id_.emplace(*id, &e).second)
        return fail(&e, "bpmn-structure", phrase_of("the id '{}' is used twice (first on line {})", *id,
                                                    std::to_string(by_id_[*id]->line)));
    }
    for (const XmlElement& child : e.children)
      if (!index_ids(child)) return false;
    return true;
  }

  // The ids paperflow's own elements carry are theirs: a task drawn in a
  // modeller later, named as one of them, takes another.
  void reserve_pf_ids(const XmlElement& e) {
    if (is_pf(e)) {
      const std::string id = attribute_or(e, "id");
      if (e.name == "step") step_ids_.reserve(id);
      if (e.name == "unit") unit_ids_.reserve(id);
      if (e.name == "document") document_ids_.reserve(id);
    }
    for (const XmlElement& child : e.children) reserve_pf_ids(child);
  }

  static std::size_t count_flow_nodes(const XmlElement& process) {
    std::size_t n = 0;
    for (const XmlElement& child : process.children)
      if (is_bpmn(child) && is_flow_node(child.name)) ++n;
    return n;
  }

  static bool is_flow_node(std::string_view name) {
    static const std::set<std::string_view> names{
        "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent", "task",
        "userTask", "manualTask", "serviceTask", "scriptTask", "businessRuleTask", "sendTask", "receiveTask",
        "callActivity", "subProcess", "transaction", "adHocSubProcess", "exclusiveGateway", "parallelGateway",
        "inclusiveGateway", "eventBasedGateway", "complexGateway"};
    return names.contains(name);
  }

  bool read(const XmlElement& root) {
    if (!is_bpmn(root, "definitions"))
      return fail(&root, "bpmn-structure",
                  phrase_of("the file is XML but no BPMN 2.0 model: its root is <{}>, not <definitions> of {}", root.name,
                            std::string(bpmn_model)));
    if (!index_ids(root)) return false;
    reserve_pf_ids(root);
    from_paperflow_ = attribute_or(root, "exporter") == "paperflow";
    // The authority's process: the one process with flow nodes; where
    // several have them, they are pools that talk only by messages.
    std::vector<const XmlElement*> processes;
    for (const XmlElement& child : root.children)
      if (is_bpmn(child, "process") && count_flow_nodes(child) > 0) processes.push_back(&child);
    if (processes.empty())
      return fail(&root, "bpmn-structure", phrase_of("the file holds no process with a flow node: nothing to import"));
    const XmlElement* process = nullptr;
    for (std::size_t most = 0; const XmlElement* candidate : processes)
      if (const std::size_t n = count_flow_nodes(*candidate); n > most) {
        most = n;
        process = candidate;
      }
    process_ = process;
    if (processes.size() > 1)
      for (const XmlElement* other : processes)
        if (other != process)
          unsupported(other, phrase_of("{} is a second pool with a process of its own, which paperflow cannot "
                                       "model: only {} is imported; the other pool becomes an external unit",
                                       label(*other), label(*process)));
    read_participants(root);
    read_process_info(*process);
    read_lanes(*process);
    if (!read_nodes(*process, no_index)) return false;
    read_message_flows(root);
    if (!link_flows()) return false;
    read_documents(*process);
    make_steps();
    if (failed_) return false;
    route_steps();
    return !failed_;
  }

  void read_participants(const XmlElement& root) {
    for (const XmlElement& collaboration : root.children) {
      if (!is_bpmn(collaboration, "collaboration")) continue;
      for (const XmlElement& p : collaboration.children) {
        if (!is_bpmn(p, "participant")) continue;
        const std::string ref = attribute_or(p, "processRef");
        if (!ref.empty() && ref == attribute_or(*process_, "id")) {
          authority_ = &p;
          continue;
        }
        // Collapsed (no process, or one with no flow node) or a pool left
        // out: an external unit.
        ImportedUnit unit;
        unit.external = true;
        unit.from = &p;
        unit.name = one_line(attribute_or(p, "name", attribute_or(p, "id")));
        if (read_pf_unit(p, unit)) unit.name = attribute_or(p, "name");
        else unit.id = unit_ids_.take(slug(unit.name), attribute_or(p, "id"));
        participant_unit_[attribute_or(p, "id")] = units_.size();
        units_.push_back(std::move(unit));
      }
    }
  }

  // The unit as pf:unit keeps it, when it is there.
  bool read_pf_unit(const XmlElement& e, ImportedUnit& unit) {
    const XmlElement* pf = pf_child(e, "unit");
    if (!pf) return false;
    unit.id = attribute_or(*pf, "id");
    unit_ids_.reserve(unit.id);
    unit.external = attribute_or(*pf, "external") == "true";
    unit.staff = {pf_number(*pf, "staff"), {}};
    unit.availability = {pf_number(*pf, "availability"), {}};
    unit.cost_per_hour = {pf_number(*pf, "cost_per_hour"), {}};
    if (const std::string* index = pf->attribute("index")) {
      long value = -1;
      std::from_chars(index->data(), index->data() + index->size(), value);
      unit.index = value;
    }
    return true;
  }

  std::string pf_number(const XmlElement& pf, std::string_view name) {
    const std::string* text = pf.attribute(name);
    if (!text) return {};
    if (auto number = number_text(*text)) return *number;
    fail(&pf, "bpmn-structure", phrase_of("{}=\"{}\" is not a number", name, *text));
    return {};
  }

  void read_process_info(const XmlElement& process) {
    name_ = one_line(attribute_or(process, "name"));
    if (authority_ && name_.empty()) name_ = one_line(attribute_or(*authority_, "name"));
    if (name_.empty() && !pf_child(process, "process")) {
      name_ = attribute_or(process, "id");
      name_todo_ = "the procedure's name";
      guess(&process, phrase_of("the process has no name; it is named after its id '{}'", name_));
    }
    for (const XmlElement& child : process.children)
      if (is_bpmn(child, "documentation") && description_.empty()) description_ = child.text;
    if (const XmlElement* pf = pf_child(process, "process")) {
      name_ = attribute_or(process, "name");  // paperflow's own: as it was written
      from_paperflow_ = true;
      pf_process_ = pf;
      process_id_ = attribute_or(*pf, "id");
      owner_ = attribute_or(*pf, "owner");
      for (const XmlElement& basis : pf->children)
        if (is_pf(basis) && basis.name == "legal_basis") legal_basis_.push_back(basis.text);
    } else {
      process_id_ = slug(name_);
      if (process_id_.empty()) process_id_ = slug(attribute_or(process, "id"));
      if (process_id_.empty()) process_id_ = "process";
    }
  }

  // Lanes, nested ones too: each lane without lanes inside is a unit; a
  // node lies in the innermost lane that lists it.
  void read_lanes(const XmlElement& process) {
    std::function<void(const XmlElement&)> lane_set = [&](const XmlElement& set) {
      for (const XmlElement& lane : set.children) {
        if (!is_bpmn(lane, "lane")) continue;
        const XmlElement* children = nullptr;
        for (const XmlElement& c : lane.children)
          if (is_bpmn(c, "childLaneSet") && !c.children.empty()) children = &c;
        if (children) {
          lane_set(*children);
          continue;
        }
        ImportedUnit unit;
        unit.from = &lane;
        unit.name = one_line(attribute_or(lane, "name"));
        if (unit.name.empty()) unit.name = attribute_or(lane, "id");
        if (read_pf_unit(lane, unit)) unit.name = attribute_or(lane, "name");
        else unit.id = unit_ids_.take(slug(unit.name), attribute_or(lane, "id"));
        for (const XmlElement& ref : lane.children)
          if (is_bpmn(ref, "flowNodeRef")) lane_of_[one_line(ref.text)] = units_.size();
        units_.push_back(std::move(unit));
      }
    };
    for (const XmlElement& child : process.children)
      if (is_bpmn(child, "laneSet")) lane_set(child);
  }

  std::size_t add_node(const XmlElement& e, NodeKind kind, std::size_t subprocess) {
    Node node;
    node.xml = &e;
    node.id = attribute_or(e, "id");
    node.kind = kind;
    node.subprocess = subprocess;
    if (auto lane = lane_of_.find(node.id); lane != lane_of_.end()) node.lane = lane->second;
    else if (subprocess != no_index) node.lane = nodes_[subprocess].lane;
    node_of_[node.id] = nodes_.size();
    nodes_.push_back(std::move(node));
    return nodes_.size() - 1;
  }

  static bool has_definition(const XmlElement& e, std::string_view definition) {
    return std::any_of(e.children.begin(), e.children.end(),
                       [&](const XmlElement& c) { return is_bpmn(c, definition); });
  }

  // The flow nodes and sequence flows of `container` (the process, or a
  // subprocess being flattened into it).
  bool read_nodes(const XmlElement& container, std::size_t subprocess) {
    for (const XmlElement& e : container.children) {
      if (!is_bpmn(e)) continue;
      const std::string& name = e.name;
      if (name == "sequenceFlow") {
        sequence_flows_.push_back(&e);
      } else if (name == "startEvent") {
        starts_.push_back({add_node(e, subprocess == no_index ? NodeKind::start : NodeKind::pass, subprocess), subprocess});
      } else if (name == "endEvent") {
        add_node(e, NodeKind::end, subprocess);
      } else if (name == "exclusiveGateway" || name == "inclusiveGateway" || name == "eventBasedGateway" ||
                 name == "complexGateway") {
        if (name != "exclusiveGateway")
          unsupported(&e, phrase_of("{}: paperflow cannot model an {}; it is read as an exclusive choice", label(e), name));
        add_node(e, NodeKind::exclusive, subprocess);
      } else if (name == "parallelGateway") {
        add_node(e, NodeKind::parallel, subprocess);
      } else if (name == "subProcess" || name == "transaction" || name == "adHocSubProcess") {
        unsupported(&e, phrase_of("{}: paperflow cannot model a subprocess; its steps are taken into the process "
                                  "in its place",
                                  label(e)));
        const std::size_t node = add_node(e, NodeKind::pass, subprocess);
        if (!read_nodes(e, node)) return false;
      } else if (name == "boundaryEvent") {
        unsupported(&e, phrase_of("{}: paperflow cannot model a boundary event; it is read as a choice after the "
                                  "step it is attached to",
                                  label(e)));
        boundaries_.push_back(add_node(e, NodeKind::pass, subprocess));
      } else if (name == "intermediateThrowEvent") {
        if (has_definition(e, "messageEventDefinition") || pf_child(e, "step")) {
          add_node(e, NodeKind::step, subprocess);
        } else {
          // An event that only marks a point in the process (or links,
          // signals, escalates): no step, nothing of paperflow's lost.
          add_node(e, NodeKind::pass, subprocess);
        }
      } else if (is_flow_node(name)) {
        add_node(e, NodeKind::step, subprocess);
      }
    }
    return true;
  }

  // Messages from a collapsed pool into a catch event make it the external
  // unit's step: the applicant (or another authority) acts, and the
  // authority waits.
  void read_message_flows(const XmlElement& root) {
    for (const XmlElement& collaboration : root.children) {
      if (!is_bpmn(collaboration, "collaboration")) continue;
      for (const XmlElement& m : collaboration.children) {
        if (!is_bpmn(m, "messageFlow")) continue;
        const std::string source = attribute_or(m, "sourceRef"), target = attribute_or(m, "targetRef");
        for (const std::string* ref : {&source, &target})
          if (!ref->empty() && !by_id_.contains(*ref))
            fail(&m, "bpmn-structure", phrase_of("{} names '{}', which is no element of the file", label(m), *ref));
        auto pool = participant_unit_.find(source);
        auto node = node_of_.find(target);
        if (pool != participant_unit_.end() && node != node_of_.end()) message_from_.emplace(node->second, pool->second);
      }
    }
  }

  bool link_flows() {
    for (const XmlElement* f : sequence_flows_) {
      Flow flow;
      flow.xml = f;
      for (auto [key, end] : {std::pair{"sourceRef", &flow.from}, std::pair{"targetRef", &flow.to}}) {
        const std::string* ref = f->attribute(key);
        if (!ref || ref->empty())
          return fail(f, "bpmn-structure", phrase_of("{} has no {}", label(*f), key));
        auto node = node_of_.find(*ref);
        if (node == node_of_.end())
          return fail(f, "bpmn-structure",
                      phrase_of(by_id_.contains(*ref) ? pf_phrase("{} leads to '{}', which is no flow node of the process")
                                                      : pf_phrase("{} names '{}', which is no element of the file"),
                                label(*f), *ref));
        *end = node->second;
      }
      // A share is taken from pf:flow or a paperflow condition only where it
      // is one (0 to 1); otherwise the branches share equally.
      auto share = [](std::string_view text) -> std::optional<double> {
        double value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size() || !(value >= 0 && value <= 1)) return std::nullopt;
        return value;
      };
      if (const XmlElement* pf = pf_child(*f, "flow"); pf && pf->attribute("p")) flow.p = share(*pf->attribute("p"));
      for (const XmlElement& c : f->children)
        if (is_bpmn(c, "conditionExpression")) {
          flow.conditional = true;
          if (attribute_or(c, "language") == std::string(bpmn_extension_namespace) + ":probability" && !flow.p)
            flow.p = share(one_line(c.text));
        }
      add_flow(std::move(flow));
    }
    // Room for an end step added at every node, so that references to
    // nodes stay valid while routing adds them (added_end).
    nodes_.reserve(2 * nodes_.size());
    // A default flow counts as conditional: its gateway or task chooses.
    for (Node& node : nodes_)
      if (node.xml->attribute("default")) node.choice_when_split = true;
    // Subprocesses, flattened: in at their start, out from their ends.
    // First, so that a boundary event on a subprocess is a way out of it
    // beside its way in (a choice), not a second way out of its ends.
    std::multimap<std::size_t, std::size_t> ends_inside;
    for (std::size_t v = 0; v < nodes_.size(); ++v)
      if (nodes_[v].subprocess != no_index && nodes_[v].kind == NodeKind::end) ends_inside.emplace(nodes_[v].subprocess, v);
    std::set<std::size_t> entered;
    for (const auto& [start, subprocess] : starts_) {
      if (subprocess == no_index || !entered.insert(subprocess).second) continue;
      const std::vector<std::size_t> after = nodes_[subprocess].out;
      add_flow({nullptr, subprocess, start, std::nullopt, false});
      nodes_[subprocess].out = {nodes_[subprocess].out.back()};
      if (after.empty()) continue;
      for (auto [at, last] = ends_inside.equal_range(subprocess); at != last; ++at) {
        nodes_[at->second].kind = NodeKind::pass;
        nodes_[at->second].out = after;
        nodes_[at->second].choice_when_split = nodes_[subprocess].choice_when_split;
      }
    }
    // Boundary events: one more way out of the step they are attached to.
    for (std::size_t b : boundaries_) {
      const std::string ref = attribute_or(*nodes_[b].xml, "attachedToRef");
      auto host = node_of_.find(ref);
      if (host == node_of_.end())
        return fail(nodes_[b].xml, "bpmn-structure",
                    phrase_of("{} is attached to '{}', which is no flow node of the process", label(*nodes_[b].xml), ref));
      nodes_[host->second].choice_when_split = true;
      add_flow({nullptr, host->second, b, std::nullopt, false});
    }
    return true;
  }

  void add_flow(Flow flow) {
    nodes_[flow.from].out.push_back(flows_.size());
    ++nodes_[flow.to].in;
    flows_.push_back(std::move(flow));
  }

  void read_documents(const XmlElement& container) {
    for (const XmlElement& e : container.children) {
      if (is_bpmn(e, "subProcess") || is_bpmn(e, "transaction") || is_bpmn(e, "adHocSubProcess")) read_documents(e);
      if (!is_bpmn(e, "dataObjectReference")) continue;
      const std::string object = attribute_or(e, "dataObjectRef", attribute_or(e, "id"));
      auto known = document_of_object_.find(object);
      if (known != document_of_object_.end()) {
        document_of_reference_[attribute_or(e, "id")] = known->second;
        continue;
      }
      ImportedDocument document;
      document.from = &e;
      const auto data_object = by_id_.find(object);
      const XmlElement* pf = data_object == by_id_.end() ? nullptr : pf_child(*data_object->second, "document");
      document.name = one_line(attribute_or(e, "name"));
      if (document.name.empty() && data_object != by_id_.end())
        document.name = one_line(attribute_or(*data_object->second, "name"));
      if (document.name.empty()) document.name = object;
      if (pf) {
        document.name = attribute_or(e, "name");
        document.id = attribute_or(*pf, "id");
        document_ids_.reserve(document.id);
        document.medium = {checked_word(*pf, "medium", parse_medium), {}};
      } else {
        document.id = document_ids_.take(slug(document.name), object);
        document.medium = guessed(&e, "paper", "paper or digital?",
                                  phrase_of("document '{}': BPMN does not say whether it is on paper; set to paper",
                                            document.name));
      }
      document_of_object_[object] = documents_.size();
      document_of_reference_[attribute_or(e, "id")] = documents_.size();
      documents_.push_back(std::move(document));
    }
  }

  // A word of the format's vocabulary in a pf: attribute, checked.
  template <class Parse>
  std::string checked_word(const XmlElement& pf, std::string_view name, Parse parse) {
    const std::string* text = pf.attribute(name);
    if (!text) return {};
    if (parse(*text)) return *text;
    fail(&pf, "bpmn-structure", phrase_of("{}=\"{}\" is not a value paperflow knows", name, *text));
    return {};
  }

  std::string checked_duration(const XmlElement& pf, std::string_view name) {
    const std::string* text = pf.attribute(name);
    if (!text) return {};
    if (is_duration_text(*text)) return *text;
    fail(&pf, "bpmn-structure", phrase_of("{}=\"{}\" is not a duration", name, *text));
    return {};
  }

  // ---- steps -------------------------------------------------------------------------

  std::size_t authority_unit() {
    if (authority_unit_ != no_index) return authority_unit_;
    ImportedUnit unit;
    unit.from = authority_ ? authority_ : process_;
    unit.name = authority_ ? one_line(attribute_or(*authority_, "name")) : std::string();
    if (unit.name.empty() && name_todo_.empty()) unit.name = name_;
    if (unit.name.empty()) {
      unit.name = "Sachbearbeitung";
      unit.name_todo = "who does the work";
      guess(unit.from, phrase_of("neither pool nor lane names who does the work; the unit is called '{}'", unit.name));
    }
    unit.id = unit_ids_.take(slug(unit.name), "sachbearbeitung");
    authority_unit_ = units_.size();
    units_.push_back(std::move(unit));
    return authority_unit_;
  }

  // Per node, the lane of the nearest node before it that has one (along
  // one flow into each), each chain walked once.
  void inherit_lanes() {
    std::vector<std::size_t> before(nodes_.size(), no_index);
    for (const Flow& f : flows_) before[f.to] = f.from;
    any_lane_ = std::any_of(nodes_.begin(), nodes_.end(), [](const Node& n) { return n.lane != no_index; });
    constexpr std::size_t unknown = no_index - 1, walking = no_index - 2;
    inherited_lane_.assign(nodes_.size(), unknown);
    std::vector<std::size_t> chain;
    for (std::size_t v = 0; v < nodes_.size(); ++v) {
      std::size_t u = v;
      chain.clear();
      while (u != no_index && inherited_lane_[u] == unknown) {
        if (nodes_[u].lane != no_index) {
          inherited_lane_[u] = nodes_[u].lane;
          break;
        }
        inherited_lane_[u] = walking;
        chain.push_back(u);
        u = before[u];
      }
      // A chain that runs into itself (a loop without lanes) inherits none.
      const std::size_t lane = u == no_index || inherited_lane_[u] == walking ? no_index : inherited_lane_[u];
      for (std::size_t c : chain) inherited_lane_[c] = lane;
    }
  }

  // The unit a node's step belongs to: its lane's; a node in no lane takes
  // the lane of the node before it, else the authority's only unit.
  std::size_t unit_of_node(std::size_t v) {
    if (auto from = message_from_.find(v); from != message_from_.end() && nodes_[v].xml->name == "intermediateCatchEvent")
      return from->second;
    if (nodes_[v].lane != no_index) return nodes_[v].lane;
    if (inherited_lane_.empty()) inherit_lanes();
    if (inherited_lane_[v] != no_index) return inherited_lane_[v];
    if (!any_lane_) return authority_unit();
    if (first_internal_unit_ == no_index) {
      for (std::size_t u = 0; u < units_.size() && first_internal_unit_ == no_index; ++u)
        if (!units_[u].external) first_internal_unit_ = u;
      if (first_internal_unit_ == no_index) first_internal_unit_ = authority_unit();
    }
    return first_internal_unit_;
  }

  void make_steps() {
    // Where the file is paperflow's, the steps keep the file's order;
    // otherwise they are listed as a case meets them.
    std::vector<std::size_t> order;
    for (std::size_t v = 0; v < nodes_.size(); ++v)
      if (nodes_[v].kind == NodeKind::step || nodes_[v].kind == NodeKind::end) order.push_back(v);
    std::vector<std::size_t> top_starts;
    for (const auto& [start, subprocess] : starts_)
      if (subprocess == no_index) top_starts.push_back(start);
    if (top_starts.size() > 1)
      for (std::size_t k = 1; k < top_starts.size(); ++k)
        unsupported(nodes_[top_starts[k]].xml,
                    phrase_of("{}: paperflow has one start; the process is read from {}", label(*nodes_[top_starts[k]].xml),
                              label(*nodes_[top_starts[0]].xml)));
    start_node_ = top_starts.empty() ? no_index : top_starts.front();
    // A foreign start event that leads into a choice or parallel branches
    // becomes a step of its own: paperflow starts at a step. (paperflow's
    // own export names its start step in pf:process.)
    if (start_node_ != no_index && !from_paperflow_) {
      const Routed first = route(start_node_);
      if (failed_) return;
      if (first.kind == Routed::Kind::next && first.targets.size() == 1) {
        start_step_node_ = first.targets.front().node;
      } else {
        nodes_[start_node_].kind = NodeKind::step;
        start_step_node_ = start_node_;
        order.insert(order.begin(), start_node_);
      }
    }
    if (!from_paperflow_) order = in_order_of_a_case(order);
    for (std::size_t v : order) make_step(v);
    take_media_from_before();
  }

  // A wait's medium is that of the step before it (along one flow into it,
  // at most 1,000 nodes back), else paper, a guess.
  void take_media_from_before() {
    std::vector<std::size_t> before(nodes_.size(), no_index);
    for (const Flow& f : flows_) before[f.to] = f.from;
    for (ImportedStep& step : steps_) {
      if (!step.medium_from_before) continue;
      std::size_t u = before[step.node];
      for (int hops = 0; u != no_index && hops < 1000; ++hops, u = before[u])
        if (nodes_[u].step != no_index && !steps_[nodes_[u].step].medium_from_before &&
            steps_[nodes_[u].step].medium.present())
          break;
      if (u != no_index && nodes_[u].step != no_index && steps_[nodes_[u].step].medium.present() &&
          !steps_[nodes_[u].step].medium_from_before)
        step.medium = {steps_[nodes_[u].step].medium.text, {}};
      else
        step.medium = guessed(step.from, "paper", "paper or digital?",
                              phrase_of("step '{}': BPMN does not say whether it is done on paper; set to paper",
                                        step.name));
    }
  }

  // `steps` in the order a case meets them (breadth first from the start,
  // choices in their order), those it never meets after them in the file's.
  std::vector<std::size_t> in_order_of_a_case(const std::vector<std::size_t>& steps) const {
    std::vector<char> is_step(nodes_.size(), 0), listed(nodes_.size(), 0), seen(nodes_.size(), 0);
    for (std::size_t v : steps) is_step[v] = 1;
    std::vector<std::size_t> order, queue;
    if (start_node_ != no_index) {
      queue.push_back(start_node_);
      seen[start_node_] = 1;
    }
    for (std::size_t k = 0; k < queue.size(); ++k) {
      const std::size_t v = queue[k];
      if (is_step[v]) {
        order.push_back(v);
        listed[v] = 1;
      }
      for (std::size_t f : nodes_[v].out)
        if (!seen[flows_[f].to]) {
          seen[flows_[f].to] = 1;
          queue.push_back(flows_[f].to);
        }
    }
    for (std::size_t v : steps)
      if (!listed[v]) order.push_back(v);
    return order;
  }

  void make_step(std::size_t v) {
    Node& node = nodes_[v];
    const XmlElement& e = *node.xml;
    ImportedStep step;
    step.from = &e;
    step.name = one_line(attribute_or(e, "name"));
    if (const XmlElement* pf = pf_child(e, "step")) {
      step.name = attribute_or(e, "name");  // paperflow's own: as it was written
      read_pf_step(*pf, step);
    } else {
      if (step.name.empty()) step.name = node.kind == NodeKind::end ? "Ende" : attribute_or(e, "id");
      step.id = step_ids_.take(slug(step.name), node.id);
      if (node.kind == NodeKind::end) step.end = true;
      else guess_step(v, step);
      for (const XmlElement& c : e.children) {
        auto document_named = [&](std::string_view key) -> std::optional<std::string> {
          for (const XmlElement& ref : c.children)
            if (is_bpmn(ref, key))
              if (auto d = document_of_reference_.find(one_line(ref.text)); d != document_of_reference_.end())
                return documents_[d->second].id;
          return std::nullopt;
        };
        if (is_bpmn(c, "dataInputAssociation"))
          if (auto d = document_named("sourceRef")) step.uses.push_back(*d);
        if (is_bpmn(c, "dataOutputAssociation"))
          if (auto d = document_named("targetRef")) step.produces.push_back(*d);
      }
    }
    if (step.name.empty()) step.name = step.id;
    step.node = v;
    node.step = steps_.size();
    step_of_id_[step.id] = steps_.size();
    steps_.push_back(std::move(step));
  }

  void read_pf_step(const XmlElement& pf, ImportedStep& step) {
    step.id = attribute_or(pf, "id");
    step_ids_.reserve(step.id);
    step.end = attribute_or(pf, "end") == "true";
    step.unit = attribute_or(pf, "unit");
    step.activity = {checked_word(pf, "activity", parse_activity), {}};
    step.medium = {checked_word(pf, "medium", parse_medium), {}};
    step.channel = {checked_word(pf, "channel", parse_channel), {}};
    step.signature = {checked_word(pf, "signature", parse_signature), {}};
    if (const std::string* system = pf.attribute("it_system")) step.it_system = {*system, {}};
    step.work = {checked_duration(pf, "work"), {}};
    step.delay = {checked_duration(pf, "delay"), {}};
    step.join = attribute_or(pf, "join");
    for (const XmlElement& c : pf.children) {
      if (!is_pf(c)) continue;
      if (c.name == "uses") step.uses.push_back(attribute_or(c, "document"));
      if (c.name == "produces") step.produces.push_back(attribute_or(c, "document"));
      if (c.name == "changed_by") step.changed_by.push_back(attribute_or(c, "measure"));
    }
  }

  // What BPMN says of a foreign step, and a guess with a TODO for the rest.
  void guess_step(std::size_t v, ImportedStep& step) {
    const Node& node = nodes_[v];
    const XmlElement& e = *node.xml;
    const std::string& kind = e.name;
    const std::size_t unit = unit_of_node(v);
    step.unit = units_[unit].id;
    if (node.lane == no_index && !units_[unit].external && any_lane_)
      step.unit_todo = "lies in no lane: the unit of the step before it";
    const bool external = units_[unit].external;
    auto todo_work = [&](std::string_view who) {
      step.work = guessed(&e, "0", std::string(who),
                          phrase_of("step '{}': BPMN does not say how long it takes; work set to 0", step.name));
    };
    auto todo_medium = [&] {
      step.medium = guessed(&e, "paper", "paper or digital?",
                            phrase_of("step '{}': BPMN does not say whether it is done on paper; set to paper", step.name));
    };
    if (kind == "intermediateCatchEvent" && external) {
      step.activity = {"submit", {}};
      todo_medium();
      todo_work("time the applicant spends");
      return;
    }
    if (kind == "intermediateCatchEvent" || kind == "startEvent") {
      // Waiting needs nobody: no unit (so no handoff), and the medium of
      // the step before it (so no media break), found once all are made.
      step.activity = {kind == "startEvent" ? "receive" : "wait", {}};
      step.unit.clear();
      step.unit_todo.clear();
      step.medium_from_before = true;
      if (has_definition(e, "timerEventDefinition")) {
        std::string duration;
        for (const XmlElement& def : e.children)
          if (is_bpmn(def, "timerEventDefinition"))
            for (const XmlElement& t : def.children)
              if (is_bpmn(t, "timeDuration")) duration = one_line(t.text);
        if (auto delay = timer_duration(duration))
          step.delay = guessed(&e, *delay, "from the timer's " + duration + "; BPMN counts calendar days, paperflow working days",
                               phrase_of("step '{}': delay {} taken from the timer's {}, which counts calendar days",
                                         step.name, *delay, duration));
        else
          step.delay = guessed(&e, "0", "how long is the wait?",
                               phrase_of("step '{}': the timer gives no duration paperflow reads; delay set to 0",
                                         step.name));
      } else if (kind == "intermediateCatchEvent") {
        step.delay = guessed(&e, "0", "how long is the wait?",
                             phrase_of("step '{}': BPMN does not say how long the wait is; delay set to 0", step.name));
      }
      return;
    }
    static const std::map<std::string_view, std::string_view> activity_of{
        {"sendTask", "send"}, {"receiveTask", "receive"}, {"businessRuleTask", "decide"},
        {"intermediateThrowEvent", "send"}};
    auto activity = activity_of.find(kind);
    step.activity = {std::string(activity == activity_of.end() ? "other" : activity->second), {}};
    // A user task is done at an application, a service, script or
    // business rule task by one; a manual task without.
    if (kind == "userTask" || kind == "serviceTask" || kind == "scriptTask" || kind == "businessRuleTask")
      step.medium = {"digital", {}};
    else if (kind == "manualTask")
      step.medium = {"paper", {}};
    else
      todo_medium();
    if (!step.unit_todo.empty())
      guess(&e, phrase_of("step '{}' lies in no lane; it is given the unit '{}' of the step before it", step.name,
                          step.unit));
    if (kind == "callActivity")
      guess(&e, phrase_of("{} calls another process; paperflow reads it as one step", label(e)));
    if (kind == "serviceTask" || kind == "scriptTask")
      step.work = {"0", {}};  // done by a machine: nobody's time
    else
      todo_work(external ? "time the applicant spends" : "time a person of the unit works on a case");
  }

  // ---- routing ----------------------------------------------------------------------

  // Every step is routed from the graph, paperflow's own export too, so
  // that a flow redrawn in a modelling tool counts as drawn; pf:flow gives
  // the shares, rework and a choice of one branch as they were written.
  void route_steps() {
    for (std::size_t v = 0; v < nodes_.size(); ++v) {
      if (nodes_[v].step == no_index || steps_[nodes_[v].step].end) continue;
      Routed routed = route(v);  // may add end steps: the step is taken after it
      if (failed_) return;
      apply(routed, v, steps_[nodes_[v].step]);
    }
    if (!from_paperflow_) mark_rework();
  }

  // Branches to one step are one branch: their shares added, a guess if
  // any was one, the flow of the first; in the order first reached.
  static std::vector<Reached> merged_by_step(const std::vector<Reached>& branches) {
    std::vector<Reached> merged;
    std::map<std::size_t, std::size_t> branch_of;  // node -> its branch in merged
    for (const Reached& r : branches) {
      auto [at, is_new] = branch_of.emplace(r.node, merged.size());
      if (is_new) {
        merged.push_back(r);
      } else {
        merged[at->second].p += r.p;
        merged[at->second].guessed |= r.guessed;
      }
    }
    return merged;
  }

  static const XmlElement* pf_flow(const XmlElement* flow) { return flow ? pf_child(*flow, "flow") : nullptr; }

  // The step a case reaches along flow `f`, through gateways and left-out
  // events, with the share of cases. `branch` is the flow its branch began
  // with (out of the choice), which carries pf:flow; nullptr: `f` begins it.
  void follow(std::size_t f, double p, bool guessed, Routed& routed, std::set<std::size_t>& path, bool top,
              const XmlElement* branch = nullptr) {
    if (failed_) return;
    const std::size_t t = flows_[f].to;
    const Node& target = nodes_[t];
    const XmlElement* via = branch ? branch : flows_[f].xml ? flows_[f].xml : nodes_[flows_[f].from].xml;
    switch (target.kind) {
      case NodeKind::step:
      case NodeKind::end: routed.targets.push_back({t, p, guessed, via}); return;
      case NodeKind::start:
        fail(via, "bpmn-structure", phrase_of("{} leads into the start event", label(*via)));
        return;
      default: break;
    }
    // Gateways in a row are walked along every way through them: bounded,
    // so that a lattice of gateways cannot take exponential time, nor a
    // chain of them the stack.
    if (++gateway_steps_ > max_gateway_steps || path.size() > max_gateways_in_a_row) {
      fail(target.xml, "bpmn-unsupported",
           phrase_of("{}: the gateways around it are too many in a row or too entangled to read (more than {} ways)",
                     label(*target.xml), count_argument(static_cast<double>(max_gateway_steps))));
      return;
    }
    if (!path.insert(t).second) {
      fail(target.xml, "bpmn-unsupported",
           phrase_of("{} lies on a loop that passes no task or event: a case would go round it for ever",
                     label(*target.xml)));
      return;
    }
    if (target.out.empty()) {
      routed.targets.push_back({added_end(t), p, guessed, via});
    } else if (target.out.size() == 1) {
      follow(target.out[0], p, guessed, routed, path, top, via);
    } else if (target.kind == NodeKind::parallel || (target.kind == NodeKind::pass && !target.choice_when_split &&
                                                     !any_conditional(target.out))) {
      if (!top || routed.kind == Routed::Kind::choice) {
        fail(target.xml, "bpmn-unsupported",
             phrase_of("{}: a choice leads straight into parallel branches, which paperflow cannot model; put a "
                       "task between them",
                       label(*target.xml)));
      } else {
        split_parallel(t, target.out, routed);
      }
    } else {
      // A choice inside a choice: where it leads is worked out once per
      // route (the branches to one step merged), then scaled, so that a
      // lattice of gateways costs their number, not the ways through it.
      routed.kind = Routed::Kind::choice;
      auto known = choice_memo_.find(t);
      if (known == choice_memo_.end()) {
        Routed inner;
        split_choice(target.out, 1, false, inner, path);
        known = choice_memo_.emplace(t, merged_by_step(inner.targets)).first;
      }
      for (const Reached& r : known->second) routed.targets.push_back({r.node, r.p * p, r.guessed || guessed, r.via});
    }
    path.erase(t);
  }

  bool any_conditional(const std::vector<std::size_t>& flows) const {
    return std::any_of(flows.begin(), flows.end(), [&](std::size_t f) { return flows_[f].conditional; });
  }

  void split_choice(const std::vector<std::size_t> out, double p, bool guessed, Routed& routed,
                    std::set<std::size_t>& path) {
    double known = 0;
    std::size_t unknown = 0;
    for (std::size_t f : out) {
      if (flows_[f].p) known += *flows_[f].p;
      else ++unknown;
    }
    for (std::size_t f : out) {
      const double share = flows_[f].p ? *flows_[f].p : std::max(0.0, 1 - known) / static_cast<double>(unknown);
      follow(f, p * share, guessed || !flows_[f].p, routed, path, false);
    }
  }

  void split_parallel(std::size_t gateway, const std::vector<std::size_t> out, Routed& routed) {
    routed.kind = Routed::Kind::parallel;
    for (std::size_t f : out) {
      Routed branch;
      std::set<std::size_t> path;
      follow_single(f, branch, path);
      if (failed_) return;
      if (branch.targets.size() != 1) {
        fail(nodes_[gateway].xml, "bpmn-unsupported",
             phrase_of("{}: a parallel branch begins with a choice, which paperflow cannot model; put a task first",
                       label(*nodes_[gateway].xml)));
        return;
      }
      routed.targets.push_back(branch.targets.front());
    }
    const std::size_t join = find_join(gateway);
    if (join == no_index) {
      fail(nodes_[gateway].xml, "bpmn-unsupported",
           phrase_of("{}: its parallel branches never meet at a parallel gateway, which paperflow needs to join them",
                     label(*nodes_[gateway].xml)));
      return;
    }
    if (nodes_[join].out.empty()) {  // BPMN ends the case at a join that leads nowhere
      routed.join = added_end(join);
      return;
    }
    Routed after;
    std::set<std::size_t> path;
    follow_single(nodes_[join].out[0], after, path);
    if (failed_) return;
    if (after.targets.size() != 1) {
      fail(nodes_[join].xml, "bpmn-unsupported",
           phrase_of("{}: parallel branches join straight into a choice, which paperflow cannot model; put a task "
                     "after the join",
                     label(*nodes_[join].xml)));
      return;
    }
    routed.join = after.targets.front().node;
  }

  void follow_single(std::size_t f, Routed& routed, std::set<std::size_t>& path) {
    if (f == no_index) return;
    follow(f, 1, false, routed, path, false);
  }

  // The parallel gateway where the branches of the split at node `split`
  // meet: its immediate post-dominator (every way from the split to an end
  // passes it first), when that is a converging parallel gateway. Loops
  // around the block and blocks nested in it do not mislead it, as a
  // nearest-by-distance search would be. Post-dominators come from
  // Boost's Lengauer-Tarjan on the reversed flows, with one exit after
  // every node that leads nowhere, computed once.
  std::size_t find_join(std::size_t split) {
    if (post_dominator_.empty()) find_post_dominators();
    if (split >= post_dominator_.size()) return no_index;
    const std::size_t join = post_dominator_[split];
    if (join >= nodes_.size() || nodes_[join].kind != NodeKind::parallel || nodes_[join].in < 2 ||
        nodes_[join].out.size() > 1)
      return no_index;
    return join;
  }

  void find_post_dominators() {
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;
    const std::size_t n = nodes_.size(), exit = n;
    Graph reversed(n + 1);
    for (const Flow& f : flows_) boost::add_edge(f.to, f.from, reversed);
    for (std::size_t v = 0; v < n; ++v)
      if (nodes_[v].out.empty()) boost::add_edge(exit, v, reversed);
    std::vector<Graph::vertex_descriptor> dominator(n + 1, boost::graph_traits<Graph>::null_vertex());
    boost::lengauer_tarjan_dominator_tree(
        reversed, exit, boost::make_iterator_property_map(dominator.begin(), boost::get(boost::vertex_index, reversed)));
    post_dominator_.assign(n, no_index);
    for (std::size_t v = 0; v < n; ++v)
      if (dominator[v] != boost::graph_traits<Graph>::null_vertex() && dominator[v] != exit)
        post_dominator_[v] = dominator[v];
  }

  Routed route(std::size_t v) {
    choice_memo_.clear();
    Routed routed;
    const Node& node = nodes_[v];
    std::set<std::size_t> path{v};
    if (node.out.empty()) {
      routed.kind = Routed::Kind::next;
      const XmlElement* xml = node.xml;
      routed.targets.push_back({added_end(v), 1, false, xml});
    } else if (node.out.size() == 1) {
      follow(node.out[0], 1, false, routed, path, true);
    } else if (node.choice_when_split || any_conditional(node.out)) {
      routed.kind = Routed::Kind::choice;
      split_choice(node.out, 1, false, routed, path);
    } else {
      split_parallel(v, node.out, routed);
    }
    if (routed.kind == Routed::Kind::unrouted) routed.kind = Routed::Kind::next;
    return routed;
  }

  // The end step a way that stops without an end event leads to: BPMN
  // ends a case there; paperflow wants the end written.
  std::size_t added_end(std::size_t where) {
    if (auto known = added_end_at_.find(where); known != added_end_at_.end()) return known->second;
    guess(nodes_[where].xml,
          phrase_of("{} leads nowhere: BPMN ends the case there; it leads to an end step added for it",
                    label(*nodes_[where].xml)));
    ImportedStep end;
    end.id = step_ids_.take("ende", "ende");
    end.name = "Ende";
    end.name_todo = "added: the flow ends here without an end event";
    end.end = true;
    end.from = nodes_[where].xml;
    added_ends_.push_back(steps_.size());
    steps_.push_back(std::move(end));
    // A node that stands for it, so that routing speaks of nodes only.
    // (nodes_ has room reserved: references to nodes stay valid.)
    Node node;
    node.xml = nodes_[where].xml;
    node.kind = NodeKind::end;
    node.step = added_ends_.back();
    nodes_.push_back(std::move(node));
    added_end_at_[where] = nodes_.size() - 1;
    return nodes_.size() - 1;
  }

  std::string step_id(std::size_t node) const { return steps_[nodes_[node].step].id; }


  void apply(const Routed& routed, std::size_t v, ImportedStep& step) {
    switch (routed.kind) {
      case Routed::Kind::parallel:
        for (const Reached& r : routed.targets) step.parallel.push_back(step_id(r.node));
        if (routed.join != no_index) step.join = step_id(routed.join);
        return;
      case Routed::Kind::choice: {
        const std::vector<Reached> merged = merged_by_step(routed.targets);
        if (merged.size() == 1) {
          step.next = step_id(merged.front().node);
          return;
        }
        const bool any_guess = std::any_of(merged.begin(), merged.end(), [](const Reached& r) { return r.guessed; });
        if (any_guess)
          guess(nodes_[v].xml, phrase_of("step '{}': BPMN gives no probabilities for its branches; each gets an "
                                         "equal share",
                                         step.name));
        // Shares given (paperflow's own) are kept exactly; guessed ones get
        // four decimals that sum to 1.
        const std::vector<double> shares = any_guess ? four_decimals(merged) : std::vector<double>{};
        for (std::size_t k = 0; k < merged.size(); ++k) {
          const XmlElement* pf = pf_flow(merged[k].via);
          step.choices.push_back({step_id(merged[k].node), any_guess ? shares[k] : merged[k].p,
                                  any_guess ? std::string() : fmt::format("{}", merged[k].p),
                                  pf && attribute_or(*pf, "rework") == "true", merged[k].guessed, merged[k].via});
        }
        return;
      }
      default: {
        if (routed.targets.empty()) return;
        const Reached& only = routed.targets.front();
        // A choice of one branch, as paperflow's own export marks it.
        if (const XmlElement* pf = pf_flow(only.via); pf && attribute_or(*pf, "routing") == "choice") {
          const std::string p = pf_number(*pf, "p");
          step.choices.push_back({step_id(only.node), 1, p.empty() ? "1" : p, attribute_or(*pf, "rework") == "true",
                                  false, only.via});
          return;
        }
        step.next = step_id(only.node);
        return;
      }
    }
  }

  // Shares to four decimals that sum to exactly 1: each rounded down, the
  // ten-thousandths left over to the largest remainders.
  static std::vector<double> four_decimals(const std::vector<Reached>& branches) {
    double total = 0;
    for (const Reached& r : branches) total += r.p;
    std::vector<long> units;
    std::vector<std::pair<double, std::size_t>> remainder;
    long sum = 0;
    for (std::size_t k = 0; k < branches.size(); ++k) {
      const double exact = total > 0 && std::isfinite(total) ? branches[k].p / total * 10000
                                                             : 10000.0 / static_cast<double>(branches.size());
      units.push_back(static_cast<long>(std::floor(exact + 1e-9)));
      sum += units.back();
      remainder.push_back({exact - static_cast<double>(units.back()), k});
    }
    std::stable_sort(remainder.begin(), remainder.end(), [](auto& a, auto& b) { return a.first > b.first; });
    for (std::size_t k = 0; sum < 10000 && k < remainder.size(); ++k, ++sum) ++units[remainder[k].second];
    std::vector<double> shares;
    for (long u : units) shares.push_back(static_cast<double>(u) / 10000);
    return shares;
  }

  // A branch back into a loop it leaves from is rework: the same strongly
  // connected part of the routing.
  void mark_rework() {
    const std::size_t n = steps_.size();
    Rows<std::size_t> successors;
    for (std::size_t s = 0; s < n; ++s) {
      const ImportedStep& step = steps_[s];
      auto add = [&](const std::string& id) {
        if (auto t = step_of_id_.find(id); t != step_of_id_.end()) successors.items.push_back(t->second);
      };
      add(step.next);
      for (const ImportedChoice& c : step.choices) add(c.to);
      for (const std::string& b : step.parallel) add(b);
      successors.end_row();
    }
    std::vector<std::size_t> component;
    strong_components(successors, [](std::size_t to) { return to; }, component);
    for (std::size_t s = 0; s < n; ++s)
      for (ImportedChoice& c : steps_[s].choices)
        if (auto t = step_of_id_.find(c.to); t != step_of_id_.end() && component[t->second] == component[s])
          c.rework = true;
  }

  // ---- writing -------------------------------------------------------------------

  void write() {
    const XmlElement* process = process_;
    out_.line("paperflow: 1", nullptr);
    out_.line("process:", process);
    out_.line("  id: " + quoted(process_id_), pf_process_ ? pf_process_ : process);
    out_.line("  name: " + quoted(name_), process, name_todo_);
    if (!owner_.empty()) out_.line("  owner: " + quoted(owner_), pf_process_);
    if (!description_.empty()) out_.line("  description: " + quoted(description_), process);
    if (!legal_basis_.empty()) {
      std::string list;
      for (const std::string& basis : legal_basis_) list += (list.empty() ? "" : ", ") + quoted(basis);
      out_.line("  legal_basis: [" + list + "]", pf_process_);
    }
    write_process_values();
    write_units();
    write_documents();
    out_.line("steps:", process);
    // The ends added where a way leads nowhere come last.
    std::vector<char> added(steps_.size(), 0);
    for (std::size_t s : added_ends_) added[s] = 1;
    for (std::size_t s = 0; s < steps_.size(); ++s)
      if (!added[s]) write_step(steps_[s]);
    for (std::size_t s : added_ends_) write_step(steps_[s]);
  }

  void write_process_values() {
    if (pf_process_) {
      if (const std::string* start = pf_process_->attribute("start")) out_.line("start: " + quoted(*start), pf_process_);
      out_.line("calendar:", pf_process_);
      for (const char* key : {"hours_per_day", "days_per_year"})
        if (std::string value = pf_number(*pf_process_, key); !value.empty())
          out_.line(fmt::format("  {}: {}", key, value), pf_process_);
      if (const std::string* demand = pf_process_->attribute("cases_per_year")) {
        out_.line("demand:", pf_process_);
        out_.line("  cases_per_year: " + demand_text(*demand), pf_process_);
      }
      return;
    }
    // A foreign process starts where its start event leads, which is
    // listed first unless no case meets it first.
    if (start_step_node_ != no_index && nodes_[start_step_node_].step != 0)
      out_.line("start: " + quoted(step_id(start_step_node_)), nodes_[start_node_].xml);
    out_.line("demand:", process_);
    guess(process_, phrase_of("BPMN does not say how many cases a year there are; cases_per_year set to 1"));
    out_.line("  cases_per_year: 1", process_, "cases a year");
  }

  // pf:process's cases_per_year: one number or a three-point `[a, b, c]`.
  std::string demand_text(const std::string& text) {
    std::string_view rest = text;
    const bool range = rest.starts_with('[') && rest.ends_with(']');
    if (range) rest = rest.substr(1, rest.size() - 2);
    std::vector<std::string> numbers;
    while (true) {
      const std::size_t comma = rest.find(',');
      std::string_view part = rest.substr(0, comma);
      while (part.starts_with(' ')) part.remove_prefix(1);
      while (part.ends_with(' ')) part.remove_suffix(1);
      auto number = number_text(part);
      if (!number) {
        fail(pf_process_, "bpmn-structure", phrase_of("cases_per_year=\"{}\" is not a number", text));
        return "1";
      }
      numbers.push_back(*number);
      if (comma == std::string_view::npos) break;
      rest = rest.substr(comma + 1);
    }
    if (!range && numbers.size() == 1) return numbers[0];
    if (range && numbers.size() == 3) return fmt::format("[{}, {}, {}]", numbers[0], numbers[1], numbers[2]);
    fail(pf_process_, "bpmn-structure", phrase_of("cases_per_year=\"{}\" is not a number", text));
    return "1";
  }

  void write_units() {
    // paperflow's own units in their original order; the others after them.
    std::vector<std::size_t> order(units_.size());
    for (std::size_t u = 0; u < order.size(); ++u) order[u] = u;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const long ia = units_[a].index < 0 ? std::numeric_limits<long>::max() : units_[a].index;
      const long ib = units_[b].index < 0 ? std::numeric_limits<long>::max() : units_[b].index;
      return ia < ib;
    });
    out_.line("units:", process_);
    for (std::size_t u : order) {
      ImportedUnit& unit = units_[u];
      const bool foreign = unit.index < 0;
      out_.line("  - id: " + quoted(unit.id), unit.from);
      out_.line("    name: " + quoted(unit.name), unit.from, unit.name_todo);
      if (unit.external) {
        out_.line("    external: true", unit.from);
      } else {
        if (foreign && !unit.staff.present())
          unit.staff = guessed(unit.from, "1", "people who do this work (full-time equivalents)",
                               phrase_of("unit '{}': BPMN does not say how many people work in it; staff set to 1",
                                         unit.name));
        if (unit.staff.present()) out_.line("    staff: " + unit.staff.text, unit.from, unit.staff.todo);
      }
      if (unit.availability.present()) out_.line("    availability: " + unit.availability.text, unit.from);
      if (foreign && !unit.external && !unit.cost_per_hour.present())
        unit.cost_per_hour = guessed(unit.from, "0", "EUR per working hour",
                                     phrase_of("unit '{}': BPMN does not say what an hour of its work costs; "
                                               "cost_per_hour set to 0",
                                               unit.name));
      if (unit.cost_per_hour.present())
        out_.line("    cost_per_hour: " + unit.cost_per_hour.text, unit.from, unit.cost_per_hour.todo);
    }
  }

  void write_documents() {
    if (documents_.empty()) return;
    out_.line("documents:", process_);
    for (const ImportedDocument& d : documents_) {
      out_.line("  - id: " + quoted(d.id), d.from);
      out_.line("    name: " + quoted(d.name), d.from);
      if (d.medium.present()) out_.line("    medium: " + d.medium.text, d.from, d.medium.todo);
    }
  }

  void write_value(std::string_view key, const Value& value, const XmlElement* from) {
    if (value.present()) out_.line(fmt::format("    {}: {}", key, value.text), from, value.todo);
  }

  static std::string id_list(const std::vector<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + quoted(id);
    return "[" + out + "]";
  }

  void write_step(const ImportedStep& s) {
    const XmlElement* from = s.from;
    out_.line("  - id: " + quoted(s.id), from);
    out_.line("    name: " + quoted(s.name), from, s.name_todo);
    if (s.end) out_.line("    end: true", from);
    if (!s.unit.empty()) out_.line("    unit: " + quoted(s.unit), from, s.unit_todo);
    write_value("activity", s.activity, from);
    write_value("medium", s.medium, from);
    write_value("channel", s.channel, from);
    write_value("signature", s.signature, from);
    if (s.it_system.present()) out_.line("    it_system: " + quoted(s.it_system.text), from);
    write_value("work", s.work, from);
    write_value("delay", s.delay, from);
    if (!s.uses.empty()) out_.line("    uses: " + id_list(s.uses), from);
    if (!s.produces.empty()) out_.line("    produces: " + id_list(s.produces), from);
    if (!s.changed_by.empty()) out_.line("    x-changed-by: " + id_list(s.changed_by), from);
    if (s.end) return;
    if (!s.parallel.empty()) {
      out_.line("    parallel: " + id_list(s.parallel), from);
      if (!s.join.empty()) out_.line("    join: " + quoted(s.join), from);
    } else if (!s.choices.empty()) {
      // One guess for the shares, as one warning says: the TODO heads them.
      const bool guessed = std::any_of(s.choices.begin(), s.choices.end(), [](const ImportedChoice& c) { return c.guessed; });
      out_.line("    next:", from, guessed ? "shares of cases (p)" : "");
      for (const ImportedChoice& c : s.choices) {
        const std::string p = c.p_text.empty() ? fmt::format("{}", c.p) : c.p_text;
        out_.line(fmt::format("      - {{to: {}, p: {}{}}}", quoted(c.to), p, c.rework ? ", rework: true" : ""),
                  c.from ? c.from : from);
      }
    } else if (!s.next.empty()) {
      out_.line("    next: " + quoted(s.next), from);
    }
  }

  std::string_view text_;
  std::shared_ptr<const std::string> file_;
  BpmnImportOptions options_;
  ProcessFileOut out_;
  Diagnostics diagnostics_;
  bool failed_ = false;
  bool from_paperflow_ = false;

  std::unordered_map<std::string, const XmlElement*> by_id_;
  const XmlElement* process_ = nullptr;
  const XmlElement* authority_ = nullptr;   // the authority's participant, when there is a collaboration
  const XmlElement* pf_process_ = nullptr;
  std::string process_id_, name_, owner_, description_;
  std::string name_todo_;  // set when the process's name is a guess
  std::vector<std::string> legal_basis_;

  std::vector<ImportedUnit> units_;
  std::size_t authority_unit_ = no_index;
  std::map<std::string, std::size_t> lane_of_;            // flow node id -> unit
  std::map<std::string, std::size_t> participant_unit_;   // participant id -> unit
  std::vector<ImportedDocument> documents_;
  std::map<std::string, std::size_t> document_of_object_, document_of_reference_;

  std::vector<Node> nodes_;
  std::vector<Flow> flows_;
  std::vector<const XmlElement*> sequence_flows_;
  std::unordered_map<std::string, std::size_t> node_of_;
  std::vector<std::pair<std::size_t, std::size_t>> starts_;  // (start event, its subprocess or no_index at the top)
  std::vector<std::size_t> boundaries_;
  std::multimap<std::size_t, std::size_t> message_from_;    // node -> the external unit whose message it receives
  std::size_t start_node_ = no_index;
  std::size_t start_step_node_ = no_index;  // the node of the step a foreign process starts at
  std::size_t first_internal_unit_ = no_index;  // for a node no lane tells the unit of
  std::vector<std::size_t> inherited_lane_;  // per node: the lane it takes from the nodes before it, or no_index
  bool any_lane_ = false;

  std::vector<ImportedStep> steps_;
  std::unordered_map<std::string, std::size_t> step_of_id_;
  std::vector<std::size_t> added_ends_;               // steps added where a way leads nowhere
  std::map<std::size_t, std::size_t> added_end_at_;  // the node that leads nowhere -> its added end's node
  std::size_t gateway_steps_ = 0;  // gateways passed in all routing so far (follow)
  std::vector<std::size_t> post_dominator_;  // per node: its immediate post-dominator, or no_index (find_join)
  std::map<std::size_t, std::vector<Reached>> choice_memo_;  // within one route: a choice gateway -> where it leads
  static constexpr std::size_t max_gateway_steps = 2'000'000, max_gateways_in_a_row = 1'000;
  Ids step_ids_, unit_ids_, document_ids_;
};

}  // namespace

BpmnImport import_bpmn(std::string_view text, const std::string& file_name, const BpmnImportOptions& options) {
  return Importer(text, file_name, options).run();
}

void place_in_bpmn(Diagnostics& diagnostics, const BpmnImport& import) {
  for (Diagnostic& d : diagnostics) {
    const int line = d.location.line;
    if (line >= 1 && static_cast<std::size_t>(line) <= import.origin.size())
      d.location = import.origin[static_cast<std::size_t>(line) - 1];
    else if (!import.origin.empty())
      d.location = {import.origin.front().file, 0, 0};
  }
}

bool is_bpmn_file(std::string_view path, std::string_view text) {
  auto ends_with = [&](std::string_view suffix) {
    if (path.size() < suffix.size()) return false;
    return std::equal(suffix.begin(), suffix.end(), path.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                      [](char a, char b) { return a == (b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : b); });
  };
  if (ends_with(".bpmn") || ends_with(".bpmn2")) return true;
  // Standard input and other names: XML begins with `<` (after a byte
  // order mark and blanks), which no process file does.
  std::size_t at = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (at < text.size() && (text[at] == ' ' || text[at] == '\n' || text[at] == '\r' || text[at] == '\t')) ++at;
  return at < text.size() && text[at] == '<';
}

}  // namespace paperflow
