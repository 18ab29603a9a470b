#include "paperflow/bpmn_export.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "paperflow/graph.h"
#include "edge_routing.h"
#include "swimlane_layout.h"
#include "text_metrics.h"
#include "utf8.h"
#include "xml_writer.h"
#include "yaml_writing.h"

namespace paperflow {
namespace {

// Whether `text` is an id the BPMN readers accept: an NCName of ASCII
// letters, digits, `_`, `-` and `.`, starting with a letter or `_`. XML
// allows more (`prüfen` is an NCName), but bpmn-moddle, the reader of
// bpmn.io and Camunda Modeler, refuses any other id ("illegal ID").
bool is_portable_id(std::string_view text) {
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (text.empty() || !letter(text.front())) return false;
  return std::all_of(text.begin(), text.end(), [&](char c) {
    return letter(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
  });
}

// `text` made a portable id: German letters spelt out as German does
// without them (ä ae, ß ss), every other character that may not stand in
// one `_`, and `_` first where the first may not start one.
std::string to_portable_id(std::string_view text) {
  std::string out;
  for (std::size_t at = 0; at < text.size();) {
    if (const std::string_view spelt = utf8::german_spelt_out(text, at); !spelt.empty()) {
      out += spelt;
      at += 2;
      continue;
    }
    const std::size_t length = std::max<std::size_t>(utf8::sequence_length(text, at), 1);
    const char c = text[at];
    const bool kept = length == 1 && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                      c == '_' || c == '-' || c == '.');
    out += kept ? c : '_';
    at += length;
  }
  if (is_portable_id(out.substr(0, 1))) return out;
  std::string prefixed = "_";
  prefixed += out;
  return prefixed;
}

// The ids of one document: each taken once. The step ids that are
// portable are taken first, so that every derived id keeps out of their way.
class Ids {
 public:
  std::string take(std::string_view wanted) {
    const std::string base = is_portable_id(wanted) ? std::string(wanted) : to_portable_id(wanted);
    std::string id = base;
    for (int n = 2; !used_.insert(id).second; ++n) id = fmt::format("{}_{}", base, n);
    return id;
  }

 private:
  std::set<std::string> used_;
};

// A number as it reads back exactly (shortest round trip).
std::string number(double value) { return fmt::format("{}", value); }

// A coordinate of the diagram: to a hundredth, without trailing zeros, so
// that an edge that starts on a shape's border is written on it.
std::string coordinate(double value) {
  std::string text = fmt::format("{:.2f}", value);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}

// A probability as the diagram labels it: a percentage, German decimal comma.
std::string percent_label(double p) {
  std::string text = fmt::format("{:.4g} %", p * 100);
  std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

// BPMN's default sizes (as bpmn.io draws them), in its pixels.
constexpr double task_width = 120, task_height = 80;
constexpr double event_size = 36, gateway_size = 50;
constexpr double data_width = 36, data_height = 50;
constexpr double label_band = 30;        // the name band at the left of a pool and of a lane
constexpr double collapsed_height = 60;  // a collapsed pool
constexpr double pool_gap = 40;          // between a collapsed pool and the authority's
constexpr double margin = 20;            // around the whole diagram

// How bpmn-js sets names (its TextRenderer, diagram-js's Text): a task's
// inside the box at 12 px, wrapped at the box's width less a padding of 7
// on each side, the lines centred; an event's, a gateway's and a data
// object's below the shape at 11 px, wrapped at its label's width (90 px
// where bpmn-js places the label itself). Lines are 1.2 font sizes apart.
// bpmn-js draws in Arial, narrower than the DejaVu Sans that text_width
// measures, so each line measured here is at least as wide as bpmn-js's.
constexpr double task_font = 12, task_padding = 7;
constexpr double label_font = 11, label_wrap = 90, label_gap = 5;  // the gap between a shape and its label
constexpr double line_spacing = 1.2;
// The corner where bpmn-js draws a task's type (a hand or an envelope
// within 5 to 29 px from the left and 4 to 21 px from the top, a user
// down to 25 px): no line of the name may reach into it. A line's letters
// begin about 2 px below the top of its 1.2 font sizes.
constexpr double icon_right = 33;
double icon_bottom(std::string_view element) { return element == "bpmn:userTask" ? 26 : 22; }

// The widths of the lines bpmn-js breaks `text` into at `max_width`, by
// its own rule (diagram-js's Text, layoutNext): while a line is too wide,
// guess from the widths how many characters fit, keep the words (parts
// between spaces and hyphens) that make fewer characters than that, and
// where none does, cut the first word at one character less; what is cut
// off, trimmed, starts the next line. Counting characters rather than
// width makes bpmn-js break earlier than filling each line would, so
// this follows it step by step, with DejaVu Sans's widths for Arial's.
std::vector<double> wrapped_lines(std::string_view text, double font_size, double max_width) {
  using Chars = std::vector<std::string_view>;  // one code point each, as JavaScript counts them
  auto join = [](const Chars& chars, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t k = from; k < to; ++k) out += chars[k];
    return out;
  };
  auto is_space = [](std::string_view c) { return c == " " || c == "\t" || c == "\u00a0"; };
  auto width = [&](const Chars& line) {  // trailing spaces not measured
    std::size_t end = line.size();
    while (end > 0 && is_space(line[end - 1])) --end;
    return text::text_width(join(line, 0, end), font_size, false);
  };
  Chars rest;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = std::max<std::size_t>(utf8::sequence_length(text, at), 1);
    rest.push_back(text.substr(at, length));
    at += length;
  }
  auto trim = [&](Chars chars) {
    while (!chars.empty() && is_space(chars.back())) chars.pop_back();
    std::size_t begin = 0;
    while (begin < chars.size() && is_space(chars[begin])) ++begin;
    return Chars(chars.begin() + static_cast<std::ptrdiff_t>(begin), chars.end());
  };
  // semanticShorten: `line` split at spaces and hyphens, the separators
  // kept as parts, an empty part between two separators ending the run.
  auto semantic_shorten = [&](const Chars& line, double max_length) {
    std::vector<Chars> parts(1);
    for (std::string_view c : line)
      if (is_space(c) || c == "-" || c == "\u00ad") {
        parts.push_back({c});
        parts.emplace_back();
      } else {
        parts.back().push_back(c);
      }
    Chars kept;
    std::vector<std::size_t> sizes;
    if (parts.size() > 1)
      for (const Chars& part : parts) {
        if (part.empty()) break;
        if (static_cast<double>(part.size() + kept.size()) < max_length) {
          kept.insert(kept.end(), part.begin(), part.end());
          sizes.push_back(part.size());
        } else {
          if (part.size() == 1 && (part[0] == "-" || part[0] == "\u00ad") && !sizes.empty()) {
            kept.resize(kept.size() - sizes.back());
            sizes.pop_back();
          }
          break;
        }
      }
    return kept;
  };
  std::vector<double> lines;
  while (!rest.empty() || lines.empty()) {
    Chars line = rest;
    double w = width(line);
    while (!(line.empty() || (line.size() == 1 && is_space(line[0])) || w <= max_width || line.size() < 2)) {
      const double length = std::max(static_cast<double>(line.size()) * (max_width / w), 1.0);
      Chars shorter = semantic_shorten(line, length);
      if (shorter.empty())
        shorter.assign(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(std::max(std::lround(length - 1), 1L)));
      line = std::move(shorter);
      w = width(line);
    }
    lines.push_back(w);
    rest = line.size() < rest.size() ? trim(Chars(rest.begin() + static_cast<std::ptrdiff_t>(line.size()), rest.end()))
                                     : Chars{};
    if (rest.empty()) break;
  }
  return lines;
}

// A task's size: BPMN's default where the name fits, else as tall (and if
// a name would need more than five lines at the default width, wider) as
// the name needs so that no line of it, centred in the box as bpmn-js sets
// it, reaches into the corner of the task's type icon.
std::pair<double, double> task_size(std::string_view name, std::string_view element) {
  for (double width = task_width;; width += 30) {
    const std::vector<double> lines = wrapped_lines(name, task_font, width - 2 * task_padding);
    const double line_height = task_font * line_spacing;
    const double text_height = static_cast<double>(lines.size()) * line_height;
    if (lines.size() > 5 && width < 2 * task_width) continue;
    for (double height = task_height;; height += 10) {
      const double top = (height - text_height) / 2;
      bool clear = top >= 8;  // off the box's top border too
      for (std::size_t k = 0; k < lines.size() && clear; ++k)
        clear = top + static_cast<double>(k) * line_height >= icon_bottom(element) ||
                (width - lines[k]) / 2 >= icon_right;
      if (clear) return {width, height};
    }
  }
}

// The size of a name set below a shape (an event, a gateway, a data
// object): as wide as bpmn-js makes such a label itself, for bpmn-js wraps
// the name at the label's width, and as tall as its lines; none without a
// name.
std::pair<double, double> external_label_size(std::string_view name) {
  if (name.empty()) return {0, 0};
  return {label_wrap, static_cast<double>(wrapped_lines(name, label_font, label_wrap).size()) * label_font * line_spacing};
}

// A flow node of the authority's process.
struct Node {
  enum class Kind { start, step, entry_gateway, exit_gateway };
  Kind kind = Kind::step;
  std::string element;  // "bpmn:userTask", ...
  std::string id, name;
  std::optional<std::size_t> step;  // the step it stands for or belongs to
  double width = 0, height = 0;
  std::vector<std::size_t> incoming, outgoing;  // flows
  std::size_t lane = 0;
  double label_width = 0, label_height = 0;  // of the name below an event or a gateway
};

// A sequence flow; `from_step` and `to_step` where it is a move of the
// process's routing (pf:flow).
struct Flow {
  std::string id;
  std::size_t from = 0, to = 0;
  std::optional<std::size_t> from_step, to_step;
  const char* routing = nullptr;  // "next", "choice", "branch"
  std::optional<double> p;        // a choice's probability
  bool rework = false;
  bool conditional = false;       // out of a choice's gateway: a condition and a name
};

// Where a case passes between the authority and an external unit.
struct MessageFlow {
  std::string id;
  std::size_t node = 0;          // the authority's node
  std::size_t unit = 0;          // the external unit
  bool to_unit = false;          // from the node to the unit's pool, else from the pool to the node
};

// A shape's place in the diagram: its top-left corner and its size, in
// BPMN's coordinates (y grows downwards).
struct Bounds {
  double x = 0, y = 0, width = 0, height = 0;
};

// One export: the process's nodes and flows, their lanes and places, then
// the XML, in that order (render()).
class BpmnWriter {
 public:
  explicit BpmnWriter(const Process& process) : process_(process), is_join_(RoutingGraph(process).is_join) {}

  std::string render() {
    take_ids();
    make_nodes();
    make_flows();
    make_message_flows();
    assign_lanes();
    place();
    write();
    return xml_.finish();
  }

 private:
  // ---- ids -----------------------------------------------------------------

  void take_ids() {
    // Step ids first, as written where they are portable.
    step_id_.resize(process_.steps.size());
    for (std::size_t i = 0; i < process_.steps.size(); ++i)
      if (is_portable_id(process_.steps[i].id)) step_id_[i] = ids_.take(process_.steps[i].id);
    for (std::size_t i = 0; i < process_.steps.size(); ++i)
      if (step_id_[i].empty()) step_id_[i] = ids_.take(process_.steps[i].id);
    collaboration_id_ = ids_.take("Collaboration_" + process_.info.id);
    process_id_ = ids_.take("Process_" + process_.info.id);
    authority_id_ = ids_.take("Participant_" + process_.info.id);
    lane_set_id_ = ids_.take("LaneSet_" + process_.info.id);
    for (const Unit& unit : process_.units)
      unit_id_.push_back(ids_.take((unit.external ? "Participant_" : "Lane_") + unit.id));
    for (const Document& document : process_.documents) {
      data_object_id_.push_back(ids_.take("DataObject_" + document.id));
      data_reference_id_.push_back(ids_.take("DataObjectReference_" + document.id));
    }
  }

  // ---- the process's nodes and flows -----------------------------------------

  bool is_external(const Step& step) const {
    const Unit* unit = process_.unit_of(step);
    return unit && unit->external;
  }

  // The element a step becomes (docs/bpmn.md, "The mapping"): an end step an
  // end event; a step of an external unit a message catch event (the
  // authority waits while the other party acts; the message flows show the
  // hand-over); a step of waiting alone a timer; else a task by its kind.
  std::string element_of(const Step& step) const {
    if (step.end) return "bpmn:endEvent";
    if (is_external(step)) return "bpmn:intermediateCatchEvent";
    if (step.work.is_zero() && !step.delay.is_zero()) return "bpmn:intermediateCatchEvent";
    if (step.activity == Activity::send) return "bpmn:sendTask";
    if (step.activity == Activity::receive) return "bpmn:receiveTask";
    return step.medium == Medium::digital ? "bpmn:userTask" : "bpmn:manualTask";
  }

  bool is_task(const Node& node) const { return node.element.ends_with("Task"); }

  std::size_t add_node(Node node) {
    nodes_.push_back(std::move(node));
    return nodes_.size() - 1;
  }

  // How many moves of the routing lead into each step (the start counts as one).
  std::vector<std::size_t> moves_into() const {
    std::vector<std::size_t> count(process_.steps.size(), 0);
    ++count[process_.start_step()];
    for (const Step& step : process_.steps) {
      const Routing& r = step.routing;
      if (r.kind == Routing::Kind::next) ++count[index_of(r.next)];
      for (const Choice& c : r.choices) ++count[index_of(c.to)];
      for (const Reference& b : r.parallel) ++count[index_of(b)];
    }
    return count;
  }

  std::size_t index_of(const Reference& ref) const { return process_.step_index.at(ref.id); }

  void make_nodes() {
    start_ = add_node({Node::Kind::start, "bpmn:startEvent", ids_.take("StartEvent_" + process_.info.id), "Start", {},
                       event_size, event_size, {}, {}, 0});
    const std::vector<std::size_t> into = moves_into();
    const std::size_t n = process_.steps.size();
    entry_.assign(n, 0);
    node_of_.assign(n, 0);
    exit_.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const Step& step = process_.steps[i];
      // Where several moves meet, a converging gateway gathers them: a
      // parallel one at a block's join, an exclusive one elsewhere (BPMN
      // reads several flows into a task as a join; bpmnlint: fake-join).
      std::optional<std::size_t> entry;
      if (is_join_[i])
        entry = add_node({Node::Kind::entry_gateway, "bpmn:parallelGateway", ids_.take(step_id_[i] + "_join"), "", i,
                          gateway_size, gateway_size, {}, {}, 0});
      else if (into[i] > 1)
        entry = add_node({Node::Kind::entry_gateway, "bpmn:exclusiveGateway", ids_.take(step_id_[i] + "_merge"), "",
                          i, gateway_size, gateway_size, {}, {}, 0});
      const std::string element = element_of(step);
      const auto [width, height] =
          element.ends_with("Task") ? task_size(step.name, element) : std::pair{event_size, event_size};
      node_of_[i] = add_node({Node::Kind::step, element, step_id_[i], step.name, i, width, height, {}, {}, 0});
      entry_[i] = entry.value_or(node_of_[i]);
      exit_[i] = node_of_[i];
      const Routing& r = step.routing;
      if (r.kind == Routing::Kind::choice && r.choices.size() > 1)
        exit_[i] = add_node({Node::Kind::exit_gateway, "bpmn:exclusiveGateway", ids_.take(step_id_[i] + "_choice"),
                             step.name + "?", i, gateway_size, gateway_size, {}, {}, 0});
      else if (r.kind == Routing::Kind::parallel)
        exit_[i] = add_node({Node::Kind::exit_gateway, "bpmn:parallelGateway", ids_.take(step_id_[i] + "_split"), "",
                             i, gateway_size, gateway_size, {}, {}, 0});
    }
    for (Node& node : nodes_)
      if (!is_task(node)) std::tie(node.label_width, node.label_height) = external_label_size(node.name);
  }

  std::size_t add_flow(Flow flow) {
    flow.id = ids_.take(fmt::format("Flow_{}", flows_.size() + 1));
    nodes_[flow.from].outgoing.push_back(flows_.size());
    nodes_[flow.to].incoming.push_back(flows_.size());
    flows_.push_back(std::move(flow));
    return flows_.size() - 1;
  }

  void make_flows() {
    add_flow({{}, start_, entry_[process_.start_step()], {}, {}, nullptr, {}, false, false});
    for (std::size_t i = 0; i < process_.steps.size(); ++i) {
      if (entry_[i] != node_of_[i]) add_flow({{}, entry_[i], node_of_[i], {}, {}, nullptr, {}, false, false});
      if (exit_[i] != node_of_[i]) add_flow({{}, node_of_[i], exit_[i], {}, {}, nullptr, {}, false, false});
      const Routing& r = process_.steps[i].routing;
      switch (r.kind) {
        case Routing::Kind::next: {
          const std::size_t t = index_of(r.next);
          add_flow({{}, exit_[i], entry_[t], i, t, "next", {}, false, false});
          break;
        }
        case Routing::Kind::choice:
          for (const Choice& c : r.choices) {
            const std::size_t t = index_of(c.to);
            add_flow({{}, exit_[i], entry_[t], i, t, "choice", c.p, c.rework, r.choices.size() > 1});
          }
          break;
        case Routing::Kind::parallel:
          for (const Reference& b : r.parallel) {
            const std::size_t t = index_of(b);
            add_flow({{}, exit_[i], entry_[t], i, t, "branch", {}, false, false});
          }
          break;
        case Routing::Kind::none: break;
      }
    }
  }

  std::optional<std::size_t> external_unit_of(std::size_t step) const {
    const Unit* unit = process_.unit_of(process_.steps[step]);
    if (!unit || !unit->external) return std::nullopt;
    return static_cast<std::size_t>(unit - process_.units.data());
  }

  // Message flows where the case passes between the authority and an
  // external unit: from the unit's pool into the event of each of its steps
  // that hands the case on to another unit or ends it (the form arrives;
  // filling it in before is the applicant's own business), and from each
  // task of the authority that hands the case to an external unit. A
  // hand-over from an event (waiting) has no sender in BPMN: the catch
  // event of the external step still shows it.
  void make_message_flows() {
    for (const Flow& flow : flows_) {
      if (!flow.from_step || !flow.to_step) continue;
      const auto unit = external_unit_of(*flow.from_step);
      if (!unit || external_unit_of(*flow.to_step) == unit) continue;
      const std::size_t receiver = node_of_[*flow.from_step];
      const bool listed = std::any_of(message_flows_.begin(), message_flows_.end(),
                                      [&](const MessageFlow& m) { return m.node == receiver && !m.to_unit; });
      if (!listed) message_flows_.push_back({{}, receiver, *unit, false});
    }
    std::set<std::pair<std::size_t, std::size_t>> sent;  // (node, unit)
    for (const Flow& flow : flows_) {
      if (!flow.from_step || !flow.to_step) continue;
      const auto unit = external_unit_of(*flow.to_step);
      if (!unit || external_unit_of(*flow.from_step)) continue;
      const std::size_t sender = node_of_[*flow.from_step];
      if (is_task(nodes_[sender]) && sent.insert({sender, *unit}).second)
        message_flows_.push_back({{}, sender, *unit, true});
    }
    // In the order of the nodes, so that the file reads along the process.
    std::stable_sort(message_flows_.begin(), message_flows_.end(),
                     [](const MessageFlow& a, const MessageFlow& b) { return a.node < b.node; });
    for (MessageFlow& m : message_flows_) m.id = ids_.take(fmt::format("MessageFlow_{}", &m - message_flows_.data() + 1));
  }

  // ---- lanes and the diagram --------------------------------------------------

  // One lane per internal unit, in the file's order. A node without a lane
  // of its own (start, end, a step of an external unit or of no unit, and
  // their gateways) stands in the lane of the node that leads to it, or
  // else of the node it leads to.
  void assign_lanes() {
    std::vector<std::optional<std::size_t>> lane_of_unit(process_.units.size());
    for (std::size_t u = 0; u < process_.units.size(); ++u)
      if (!process_.units[u].external) {
        lane_of_unit[u] = lanes_.size();
        lanes_.push_back(u);
      }
    std::vector<std::optional<std::size_t>> lane(nodes_.size());
    for (std::size_t v = 0; v < nodes_.size(); ++v) {
      if (!nodes_[v].step) continue;
      const Step& step = process_.steps[*nodes_[v].step];
      if (const Unit* unit = process_.unit_of(step); unit && !step.end)
        lane[v] = lane_of_unit[static_cast<std::size_t>(unit - process_.units.data())];
    }
    for (bool changed = true; changed;) {
      changed = false;
      for (const Flow& f : flows_)
        if (lane[f.from] && !lane[f.to] && f.from != start_) {
          lane[f.to] = lane[f.from];
          changed = true;
        }
    }
    for (bool changed = true; changed;) {
      changed = false;
      for (const Flow& f : flows_)
        if (!lane[f.from] && lane[f.to]) {
          lane[f.from] = lane[f.to];
          changed = true;
        }
    }
    for (std::size_t v = 0; v < nodes_.size(); ++v) nodes_[v].lane = lane[v].value_or(0);
  }

  void place() {
    const std::size_t lane_count = std::max<std::size_t>(lanes_.size(), 1);
    // A name below a shape widens its column and heightens its row (the
    // shape stays in the row's middle, so by as much above as below); the
    // edges start and end on the shape itself.
    std::vector<LayoutBox> boxes, shapes;
    for (const Node& node : nodes_) {
      const double below = node.label_height > 0 ? label_gap + node.label_height : 0;
      boxes.push_back({node.lane, std::max(node.width, node.label_width), node.height + 2 * below});
      shapes.push_back({node.lane, node.width, node.height + 2 * below});
    }
    std::vector<LayoutEdge> edges;
    for (const Flow& f : flows_)
      edges.push_back({f.from, f.to, f.conditional ? text::text_width(percent_label(*f.p), 11, false) : 0.0});
    SwimlaneOptions options;
    options.header_width = 2 * label_band;
    options.column_gap = 50;
    options.row_gap = 30;
    options.lane_padding = 20;
    // A lane as tall as its name needs, written up its band.
    std::vector<double> min_height;
    for (std::size_t l = 0; l < lane_count; ++l)
      min_height.push_back(l < lanes_.size()
                               ? std::min(300.0, text::text_width(process_.units[lanes_[l]].name, 11, false) + 20)
                               : 0);
    layout_ = layout_swimlanes(lane_count, min_height, boxes, edges, start_, options);
    routes_ = route_edges(layout_, shapes, edges);
    place_documents();
    place_pools();
  }

  // The layout's y grows upwards from the top lane's top at 0; BPMN's
  // grows downwards. `top_` is where the authority's pool begins.
  double to_y(double layout_y) const { return top_ - layout_y; }

  Bounds node_bounds(std::size_t v) const {
    const Node& n = nodes_[v];
    return {layout_.x[v] - n.width / 2, to_y(layout_.y[v]) - n.height / 2, n.width, n.height};
  }

  // Documents stand in a strip along the bottom of the pool, each below
  // the first step that produces or uses it, moved right where two meet.
  void place_documents() {
    struct Wanted {
      double x;
      std::size_t document;
    };
    std::vector<Wanted> wanted;
    for (std::size_t d = 0; d < process_.documents.size(); ++d) {
      std::optional<double> x;
      for (std::size_t i = 0; i < process_.steps.size() && !x; ++i) {
        const Step& step = process_.steps[i];
        auto names = [&](const std::vector<Reference>& refs) {
          return std::any_of(refs.begin(), refs.end(),
                             [&](const Reference& r) { return r.id == process_.documents[d].id; });
        };
        if (names(step.produces) || names(step.uses)) x = layout_.x[node_of_[i]];
      }
      wanted.push_back({x.value_or(layout_.right), d});
    }
    std::stable_sort(wanted.begin(), wanted.end(), [](const Wanted& a, const Wanted& b) { return a.x < b.x; });
    document_x_.assign(process_.documents.size(), 0);
    double next = layout_.header_right + 20;
    for (const Wanted& w : wanted) {
      const double x = std::max(w.x - data_width / 2, next);
      document_x_[w.document] = x;
      next = x + data_width + 80;  // room for the name beneath, which bpmn.io wraps at about 90 px
    }
    width_ = std::max(layout_.right - layout_.left, next + 20 - layout_.left);
    double names = 0;  // the tallest name beneath a document
    for (const Document& document : process_.documents) names = std::max(names, external_label_size(document.name).second);
    document_strip_ = process_.documents.empty() ? 0 : 10 + data_height + label_gap + names + 10;
  }

  // The external units' collapsed pools: the applicant's above the
  // authority's pool (the first external unit with an applicant's step, as
  // paperflow-dot puts the applicant's lane first; else the first external
  // unit), the others below it, so that no message flow of the applicant
  // crosses another pool.
  void place_pools() {
    const double lanes_height = layout_.lanes.front().top - layout_.lanes.back().bottom;
    std::optional<std::size_t> applicant;
    for (std::size_t u = 0; u < process_.units.size() && !applicant; ++u)
      if (process_.units[u].external)
        for (const Step& step : process_.steps)
          if (process_.unit_of(step) == &process_.units[u] && is_applicant_action(process_, step)) {
            applicant = u;
            break;
          }
    for (std::size_t u = 0; u < process_.units.size() && !applicant; ++u)
      if (process_.units[u].external) applicant = u;
    std::vector<std::size_t> above, below;
    for (std::size_t u = 0; u < process_.units.size(); ++u)
      if (process_.units[u].external) (u == applicant ? above : below).push_back(u);
    top_ = margin + static_cast<double>(above.size()) * (collapsed_height + pool_gap);
    pool_height_ = lanes_height + document_strip_;
    double y = margin;
    for (std::size_t u : above) {
      pool_bounds_[u] = {margin, y, width_, collapsed_height};
      y += collapsed_height + pool_gap;
    }
    y = top_ + pool_height_ + pool_gap;
    for (std::size_t u : below) {
      pool_bounds_[u] = {margin, y, width_, collapsed_height};
      y += collapsed_height + pool_gap;
    }
    shift_x_ = margin - layout_.left;
  }

  // ---- writing ----------------------------------------------------------------

  using Attributes = XmlWriter::Attributes;

  void write() {
    xml_.open("bpmn:definitions",
              {{"xmlns:bpmn", "http://www.omg.org/spec/BPMN/20100524/MODEL"},
               {"xmlns:bpmndi", "http://www.omg.org/spec/BPMN/20100524/DI"},
               {"xmlns:dc", "http://www.omg.org/spec/DD/20100524/DC"},
               {"xmlns:di", "http://www.omg.org/spec/DD/20100524/DI"},
               {"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"},
               {"xmlns:pf", bpmn_extension_namespace},
               {"id", ids_.take("Definitions_" + process_.info.id)},
               {"targetNamespace", std::string(bpmn_extension_namespace) + ":" + process_.info.id},
               {"exporter", "paperflow"},
               {"exporterVersion", "1"}});
    write_collaboration();
    write_process();
    write_diagram();
  }

  void write_collaboration() {
    xml_.open("bpmn:collaboration", {{"id", collaboration_id_}});
    const std::string authority = process_.info.owner.empty() ? process_.info.name : process_.info.owner;
    xml_.empty("bpmn:participant", {{"id", authority_id_}, {"name", authority}, {"processRef", process_id_}});
    for (std::size_t u = 0; u < process_.units.size(); ++u) {
      const Unit& unit = process_.units[u];
      if (!unit.external) continue;
      xml_.open("bpmn:participant", {{"id", unit_id_[u]}, {"name", unit.name}});
      xml_.open("bpmn:extensionElements");
      write_unit(u);
      xml_.close();
      xml_.close();
    }
    for (const MessageFlow& m : message_flows_) {
      const std::string& node = nodes_[m.node].id;
      const std::string& pool = unit_id_[m.unit];
      xml_.empty("bpmn:messageFlow",
                 {{"id", m.id}, {"sourceRef", m.to_unit ? node : pool}, {"targetRef", m.to_unit ? pool : node}});
    }
    xml_.close();
  }

  // A unit as the file writes it; `index` is its place in the file's list
  // of units, which lanes and pools do not keep.
  void write_unit(std::size_t u) {
    const Unit& unit = process_.units[u];
    Attributes a{{"id", unit.id}, {"index", std::to_string(u)}};
    if (unit.external) a.emplace_back("external", "true");
    a.emplace_back("staff", number(unit.staff));
    a.emplace_back("availability", number(unit.availability));
    a.emplace_back("cost_per_hour", number(unit.cost_per_hour));
    xml_.empty("pf:unit", a);
  }

  void write_process() {
    xml_.open("bpmn:process", {{"id", process_id_}, {"name", process_.info.name}, {"isExecutable", "false"}});
    if (!process_.info.description.empty()) xml_.text("bpmn:documentation", process_.info.description);
    xml_.open("bpmn:extensionElements");
    Attributes a{{"id", process_.info.id}};
    if (!process_.info.owner.empty()) a.emplace_back("owner", process_.info.owner);
    if (process_.start) a.emplace_back("start", process_.start->id);
    a.emplace_back("hours_per_day", number(process_.calendar.hours_per_day));
    a.emplace_back("days_per_year", number(process_.calendar.days_per_year));
    if (const auto& r = process_.cases_per_year_range)
      a.emplace_back("cases_per_year", fmt::format("[{}, {}, {}]", number(r->low), number(r->mode), number(r->high)));
    else if (process_.cases_per_year)
      a.emplace_back("cases_per_year", number(*process_.cases_per_year));
    if (process_.info.legal_basis.empty()) {
      xml_.empty("pf:process", a);
    } else {
      xml_.open("pf:process", a);
      for (const std::string& basis : process_.info.legal_basis) xml_.text("pf:legal_basis", basis);
      xml_.close();
    }
    xml_.close();
    if (!lanes_.empty()) {
      xml_.open("bpmn:laneSet", {{"id", lane_set_id_}});
      for (std::size_t l = 0; l < lanes_.size(); ++l) {
        const std::size_t u = lanes_[l];
        xml_.open("bpmn:lane", {{"id", unit_id_[u]}, {"name", process_.units[u].name}});
        xml_.open("bpmn:extensionElements");
        write_unit(u);
        xml_.close();
        for (const Node& node : nodes_)
          if (node.lane == l) xml_.text("bpmn:flowNodeRef", node.id);
        xml_.close();
      }
      xml_.close();
    }
    for (std::size_t v = 0; v < nodes_.size(); ++v) write_node(v);
    for (const Flow& f : flows_) write_flow(f);
    for (std::size_t d = 0; d < process_.documents.size(); ++d) {
      const Document& document = process_.documents[d];
      xml_.open("bpmn:dataObject", {{"id", data_object_id_[d]}, {"name", document.name}});
      xml_.open("bpmn:extensionElements");
      xml_.empty("pf:document", {{"id", document.id}, {"medium", std::string(to_string(document.medium))}});
      xml_.close();
      xml_.close();
      xml_.empty("bpmn:dataObjectReference",
                 {{"id", data_reference_id_[d]}, {"name", document.name}, {"dataObjectRef", data_object_id_[d]}});
    }
    xml_.close();
  }

  std::size_t document_of(const Reference& ref) const { return process_.document_index.at(ref.id); }

  void write_node(std::size_t v) {
    const Node& node = nodes_[v];
    Attributes a{{"id", node.id}};
    if (!node.name.empty()) a.emplace_back("name", node.name);
    if (node.element.ends_with("Gateway"))
      a.emplace_back("gatewayDirection", node.kind == Node::Kind::entry_gateway ? "Converging" : "Diverging");
    xml_.open(node.element, a);
    if (node.kind == Node::Kind::step) write_step_extension(*node.step);
    for (std::size_t f : node.incoming) xml_.text("bpmn:incoming", flows_[f].id);
    for (std::size_t f : node.outgoing) xml_.text("bpmn:outgoing", flows_[f].id);
    if (node.kind == Node::Kind::step) {
      const Step& step = process_.steps[*node.step];
      // Data associations where BPMN allows them: into a task, and out of a
      // task or a catch event; the rest is in pf:step.
      if (is_task(node)) {
        std::vector<std::string> placeholders;
        for (std::size_t k = 0; k < step.uses.size(); ++k) {
          placeholders.push_back(ids_.take(fmt::format("{}_input_{}", node.id, k + 1)));
          xml_.empty("bpmn:property", {{"id", placeholders.back()}, {"name", "__targetRef_placeholder"}});
        }
        for (std::size_t k = 0; k < step.uses.size(); ++k) {
          xml_.open("bpmn:dataInputAssociation", {{"id", ids_.take(fmt::format("{}_uses_{}", node.id, k + 1))}});
          xml_.text("bpmn:sourceRef", data_reference_id_[document_of(step.uses[k])]);
          xml_.text("bpmn:targetRef", placeholders[k]);
          xml_.close();
        }
      }
      if (is_task(node) || node.element == "bpmn:intermediateCatchEvent")
        for (std::size_t k = 0; k < step.produces.size(); ++k) {
          xml_.open("bpmn:dataOutputAssociation",
                    {{"id", ids_.take(fmt::format("{}_produces_{}", node.id, k + 1))}});
          xml_.text("bpmn:targetRef", data_reference_id_[document_of(step.produces[k])]);
          xml_.close();
        }
      if (node.element == "bpmn:intermediateCatchEvent")
        xml_.empty(is_external(step) ? "bpmn:messageEventDefinition" : "bpmn:timerEventDefinition",
                   {{"id", ids_.take(node.id + "_definition")}});
    }
    xml_.close();
  }

  // Every attribute of the step BPMN has no place for, as the process file
  // writes it (durations as paperflow-plan --emit-after writes them).
  void write_step_extension(std::size_t i) {
    const Step& step = process_.steps[i];
    Attributes a{{"id", step.id}};
    if (step.end) {
      a.emplace_back("end", "true");
      if (step.end_unit) a.emplace_back("unit", step.end_unit->id);
      // A collection in person and its signature count at an end step.
      if (step.channel) a.emplace_back("channel", std::string(to_string(*step.channel)));
      if (step.signature != Signature::none) a.emplace_back("signature", std::string(to_string(step.signature)));
    } else {
      if (step.unit) a.emplace_back("unit", step.unit->id);
      a.emplace_back("activity", std::string(to_string(step.activity)));
      if (step.medium) a.emplace_back("medium", std::string(to_string(*step.medium)));
      if (step.channel) a.emplace_back("channel", std::string(to_string(*step.channel)));
      if (step.signature != Signature::none) a.emplace_back("signature", std::string(to_string(step.signature)));
      if (!step.it_system.empty()) a.emplace_back("it_system", step.it_system);
      if (!step.work.is_zero()) a.emplace_back("work", yaml_writing::distribution(step.work));
      if (!step.delay.is_zero()) a.emplace_back("delay", yaml_writing::distribution(step.delay));
      if (step.routing.kind == Routing::Kind::parallel) a.emplace_back("join", step.routing.join.id);
    }
    xml_.open("bpmn:extensionElements");
    if (step.uses.empty() && step.produces.empty() && step.changed_by.empty()) {
      xml_.empty("pf:step", a);
    } else {
      xml_.open("pf:step", a);
      for (const Reference& r : step.uses) xml_.empty("pf:uses", {{"document", r.id}});
      for (const Reference& r : step.produces) xml_.empty("pf:produces", {{"document", r.id}});
      for (const std::string& m : step.changed_by) xml_.empty("pf:changed_by", {{"measure", m}});
      xml_.close();
    }
    xml_.close();
  }

  void write_flow(const Flow& f) {
    Attributes a{{"id", f.id}, {"sourceRef", nodes_[f.from].id}, {"targetRef", nodes_[f.to].id}};
    if (f.conditional) a.emplace_back("name", percent_label(*f.p));
    if (!f.routing) {
      xml_.empty("bpmn:sequenceFlow", a);
      return;
    }
    xml_.open("bpmn:sequenceFlow", a);
    xml_.open("bpmn:extensionElements");
    Attributes move{{"from", process_.steps[*f.from_step].id},
                    {"to", process_.steps[*f.to_step].id},
                    {"routing", f.routing}};
    if (f.p) move.emplace_back("p", number(*f.p));
    if (f.rework) move.emplace_back("rework", "true");
    xml_.empty("pf:flow", move);
    xml_.close();
    // The branch's probability as its condition: BPMN asks a condition of
    // every flow out of a forking exclusive gateway, and a probability is
    // what paperflow knows of the branch.
    if (f.conditional)
      xml_.text("bpmn:conditionExpression", number(*f.p),
                {{"xsi:type", "bpmn:tFormalExpression"}, {"language", std::string(bpmn_extension_namespace) + ":probability"}});
    xml_.close();
  }

  void bounds(const Bounds& b) {
    xml_.empty("dc:Bounds", {{"x", coordinate(b.x)},
                             {"y", coordinate(b.y)},
                             {"width", coordinate(b.width)},
                             {"height", coordinate(b.height)}});
  }

  // A name's place below its shape, centred under it: bpmn-js sets the
  // name there as the file says instead of where it would guess.
  void external_label(const Bounds& shape, double width, double height) {
    xml_.open("bpmndi:BPMNLabel");
    bounds(label_bounds(shape, width, height));
    xml_.close();
  }

  static Bounds label_bounds(const Bounds& shape, double width, double height) {
    return {shape.x + shape.width / 2 - width / 2, shape.y + shape.height + label_gap, width, height};
  }

  void waypoint(double x, double y) {
    xml_.empty("di:waypoint", {{"x", coordinate(x)}, {"y", coordinate(y)}});
  }

  Bounds shifted(Bounds b) const {
    b.x += shift_x_;
    return b;
  }

  void write_diagram() {
    xml_.open("bpmndi:BPMNDiagram", {{"id", ids_.take("Diagram_" + process_.info.id)}, {"name", process_.info.name}});
    xml_.open("bpmndi:BPMNPlane", {{"id", ids_.take("Plane_" + process_.info.id)}, {"bpmnElement", collaboration_id_}});
    const double pool_x = layout_.left + shift_x_;
    xml_.open("bpmndi:BPMNShape",
              {{"id", ids_.take(authority_id_ + "_di")}, {"bpmnElement", authority_id_}, {"isHorizontal", "true"}});
    bounds({pool_x, top_, width_, pool_height_});
    xml_.close();
    for (std::size_t l = 0; l < lanes_.size(); ++l) {
      const std::size_t u = lanes_[l];
      const LaneBand& band = layout_.lanes[l];
      // The last lane reaches down over the documents' strip.
      const double bottom = to_y(band.bottom) + (l + 1 == lanes_.size() ? document_strip_ : 0);
      xml_.open("bpmndi:BPMNShape",
                {{"id", ids_.take(unit_id_[u] + "_di")}, {"bpmnElement", unit_id_[u]}, {"isHorizontal", "true"}});
      bounds({pool_x + label_band, to_y(band.top), width_ - label_band, bottom - to_y(band.top)});
      xml_.close();
    }
    for (const auto& [u, b] : pool_bounds_) {
      xml_.open("bpmndi:BPMNShape",
                {{"id", ids_.take(unit_id_[u] + "_di")}, {"bpmnElement", unit_id_[u]}, {"isHorizontal", "true"}});
      bounds(b);
      xml_.close();
    }
    for (std::size_t v = 0; v < nodes_.size(); ++v) {
      Attributes a{{"id", ids_.take(nodes_[v].id + "_di")}, {"bpmnElement", nodes_[v].id}};
      if (nodes_[v].element == "bpmn:exclusiveGateway") a.emplace_back("isMarkerVisible", "true");
      xml_.open("bpmndi:BPMNShape", a);
      const Bounds shape = shifted(node_bounds(v));
      bounds(shape);
      if (nodes_[v].label_height > 0) external_label(shape, nodes_[v].label_width, nodes_[v].label_height);
      xml_.close();
    }
    for (std::size_t d = 0; d < process_.documents.size(); ++d) {
      xml_.open("bpmndi:BPMNShape", {{"id", ids_.take(data_reference_id_[d] + "_di")}, {"bpmnElement", data_reference_id_[d]}});
      const Bounds shape = document_bounds(d);
      bounds(shape);
      const auto [label_width, label_height] = external_label_size(process_.documents[d].name);
      if (label_height > 0) external_label(shape, label_width, label_height);
      xml_.close();
    }
    for (std::size_t k = 0; k < flows_.size(); ++k) {
      xml_.open("bpmndi:BPMNEdge", {{"id", ids_.take(flows_[k].id + "_di")}, {"bpmnElement", flows_[k].id}});
      for (const Point& p : routes_[k].points) waypoint(p.x + shift_x_, to_y(p.y));
      if (flows_[k].conditional && routes_[k].label) {
        const double width = text::text_width(percent_label(*flows_[k].p), 11, false) + 4;
        xml_.open("bpmndi:BPMNLabel");
        bounds({routes_[k].label->x + shift_x_ - width / 2, to_y(routes_[k].label->y) - 7, width, 14});
        xml_.close();
      }
      xml_.close();
    }
    write_message_edges();
    xml_.close();
    xml_.close();
  }

  // Message flows run straight up or down between the node and the pool,
  // each at its own x within the node, so that two at one node stay apart.
  // Where a shape stands in that way, the flow leaves the node into the
  // free strip above (or below) it, runs right to the gap after its column,
  // and up (or down) that gap: no shape reaches into either. A node with
  // its name below it and the pool below takes the flow in at its top the
  // same way, so that the flow does not run through the name.
  void write_message_edges() {
    std::vector<Bounds> shapes;  // and the names below them
    for (std::size_t v = 0; v < nodes_.size(); ++v) {
      const Bounds b = shifted(node_bounds(v));
      shapes.push_back(b);
      if (nodes_[v].label_height > 0) shapes.push_back(label_bounds(b, nodes_[v].label_width, nodes_[v].label_height));
    }
    for (std::size_t d = 0; d < process_.documents.size(); ++d) {
      const Bounds b = document_bounds(d);
      shapes.push_back(b);
      const auto [label_width, label_height] = external_label_size(process_.documents[d].name);
      if (label_height > 0) shapes.push_back(label_bounds(b, label_width, label_height));
    }
    std::map<std::size_t, int> at_node, in_gap;
    for (const MessageFlow& m : message_flows_) {
      const Bounds node = shifted(node_bounds(m.node));
      const Bounds& pool = pool_bounds_.at(m.unit);
      const int k = at_node[m.node]++;
      const double x = node.x + node.width / 2 + (k % 2 == 0 ? 1 : -1) * ((k + 1) / 2) * 10.0;
      const bool pool_above = pool.y < node.y;
      const bool over_name = !pool_above && nodes_[m.node].label_height > 0;
      const double node_y = pool_above || over_name ? node.y : node.y + node.height;
      const double pool_y = pool_above ? pool.y + pool.height : pool.y;
      const bool blocked = std::any_of(shapes.begin(), shapes.end(), [&](const Bounds& b) {
        const bool across = x > b.x - 2 && x < b.x + b.width + 2;
        return across && (pool_above ? b.y + b.height <= node.y + 0.5 && b.y + b.height > pool_y
                                     : b.y >= node.y + node.height - 0.5 && b.y < pool_y);
      });
      std::vector<Point> points{{x, node_y}};
      if (over_name) {
        const std::size_t c = layout_.column[m.node];
        const double strip = free_strip_beside(m.node, true);
        const double gap_x = layout_.column_right[c] + shift_x_ + 8 + 4 * in_gap[c]++;
        points.insert(points.end(), {{x, strip}, {gap_x, strip}, {gap_x, pool_y}});
      } else if (blocked) {
        const std::size_t c = layout_.column[m.node];
        const double strip = free_strip_beside(m.node, pool_above);
        const double gap_x = layout_.column_right[c] + shift_x_ + 8 + 4 * in_gap[c]++;
        points.insert(points.end(), {{x, strip}, {gap_x, strip}, {gap_x, pool_y}});
      } else {
        points.push_back({x, pool_y});
      }
      if (!m.to_unit) std::reverse(points.begin(), points.end());
      xml_.open("bpmndi:BPMNEdge", {{"id", ids_.take(m.id + "_di")}, {"bpmnElement", m.id}});
      for (const Point& p : points) waypoint(p.x, p.y);
      xml_.close();
    }
  }

  // The middle of the gutter right above (or below) node `v`, in BPMN's y.
  double free_strip_beside(std::size_t v, bool above) const {
    const double top = layout_.y[v] + nodes_[v].height / 2, bottom = layout_.y[v] - nodes_[v].height / 2;
    std::optional<double> best;
    for (const Gutter& g : layout_.gutters) {
      const double middle = (g.top + g.bottom) / 2;
      if (above ? g.bottom >= top - 0.5 && (!best || middle < *best) : g.top <= bottom + 0.5 && (!best || middle > *best))
        best = middle;
    }
    return to_y(best.value_or(above ? top : bottom));
  }

  Bounds document_bounds(std::size_t d) const {
    return {document_x_[d] + shift_x_, to_y(layout_.lanes.back().bottom) + 10, data_width, data_height};
  }

  const Process& process_;
  std::vector<bool> is_join_;
  Ids ids_;
  std::vector<std::string> step_id_, unit_id_, data_object_id_, data_reference_id_;
  std::string collaboration_id_, process_id_, authority_id_, lane_set_id_;
  std::vector<Node> nodes_;
  std::vector<Flow> flows_;
  std::vector<MessageFlow> message_flows_;
  std::size_t start_ = 0;
  std::vector<std::size_t> entry_, node_of_, exit_;  // per step: the node flows enter by, its own, the one they leave by
  std::vector<std::size_t> lanes_;                    // the unit of each lane, top to bottom
  SwimlaneLayout layout_;
  std::vector<RoutedEdge> routes_;                    // per flow
  std::vector<double> document_x_;                    // per document: its shape's left edge, in layout x
  double width_ = 0;                                  // of every pool
  double document_strip_ = 0;                         // below the lanes, inside the pool
  double top_ = 0, pool_height_ = 0, shift_x_ = 0;
  std::map<std::size_t, Bounds> pool_bounds_;         // per external unit: its collapsed pool
  XmlWriter xml_;
};

}  // namespace

std::string render_bpmn(const Process& process) { return BpmnWriter(process).render(); }

}  // namespace paperflow
