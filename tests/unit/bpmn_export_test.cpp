#include "paperflow/bpmn_export.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include <doctest/doctest.h>

#include "test_support.h"
#include "xml_tree.h"

using namespace paperflow;

namespace {

const std::string model = "http://www.omg.org/spec/BPMN/20100524/MODEL ";
const std::string bpmndi = "http://www.omg.org/spec/BPMN/20100524/DI ";
const std::string dc = "http://www.omg.org/spec/DD/20100524/DC ";
const std::string di = "http://www.omg.org/spec/DD/20100524/DI ";
const std::string pf = "urn:paperflow:bpmn:1 ";

struct Box {
  double x = 0, y = 0, width = 0, height = 0;
  bool contains(double px, double py) const {
    return px >= x - 0.5 && px <= x + width + 0.5 && py >= y - 0.5 && py <= y + height + 0.5;
  }
  bool on_border(double px, double py) const {
    return contains(px, py) && (std::fabs(px - x) < 0.6 || std::fabs(px - x - width) < 0.6 ||
                                std::fabs(py - y) < 0.6 || std::fabs(py - y - height) < 0.6);
  }
  bool overlaps(const Box& o) const {
    return x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
  }
};

Box bounds_of(const test::XmlElement& bounds) {
  return {std::stod(bounds.attribute("x")), std::stod(bounds.attribute("y")), std::stod(bounds.attribute("width")),
          std::stod(bounds.attribute("height"))};
}

// A shape's own bounds (not its label's).
Box box_of(const test::XmlElement& shape) {
  std::vector<const test::XmlElement*> bounds;
  for (const auto& child : shape.children)
    if (child->name == dc + "Bounds") bounds.push_back(child.get());
  REQUIRE(bounds.size() == 1);
  return bounds_of(*bounds[0]);
}

// The bounds of a shape's label, where it has one.
std::optional<Box> label_of(const test::XmlElement& shape) {
  for (const auto& child : shape.children)
    if (child->name == bpmndi + "BPMNLabel") return bounds_of(*child->all(dc + "Bounds").at(0));
  return std::nullopt;
}

// The flow node elements of BPMN paperflow writes.
const std::set<std::string> flow_node_names = {
    "startEvent", "endEvent", "userTask", "manualTask", "sendTask", "receiveTask",
    "intermediateCatchEvent", "exclusiveGateway", "parallelGateway"};

bool is_flow_node(const test::XmlElement& e) {
  return e.name.starts_with(model) && flow_node_names.count(e.name.substr(model.size()));
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Everything the export promises of its structure and its diagram, checked
// on one process.
void check_export(const Process& process) {
  const std::string xml = render_bpmn(process);
  const test::XmlParse parsed = test::parse_xml(xml);
  INFO(parsed.error);
  REQUIRE(parsed.root);
  const test::XmlElement& root = *parsed.root;
  CHECK(root.name == model + "definitions");

  // Ids: unique NCNames.
  std::map<std::string, const test::XmlElement*> by_id;
  std::vector<const test::XmlElement*> stack{&root};
  // bpmn-moddle refuses any id but an ASCII NCName ("illegal ID").
  const std::regex portable("[A-Za-z_][A-Za-z0-9_.-]*");
  while (!stack.empty()) {
    const test::XmlElement* e = stack.back();
    stack.pop_back();
    // pf: elements carry the file's ids, which are no XML ids.
    if (const std::string id = e->attribute("id"); !id.empty() && !e->name.starts_with(pf)) {
      CHECK_MESSAGE(by_id.emplace(id, e).second, "duplicate id " << id);
      CHECK_MESSAGE(std::regex_match(id, portable), id);
    }
    for (const auto& child : e->children) stack.push_back(child.get());
  }

  // Every step has a node, which carries its pf:step.
  std::set<std::string> steps_written;
  for (const test::XmlElement* step : root.all(pf + "step")) steps_written.insert(step->attribute("id"));
  for (const Step& step : process.steps) CHECK_MESSAGE(steps_written.count(step.id), "no node for step " << step.id);
  CHECK(steps_written.size() == process.steps.size());

  // One lane per internal unit, in the file's order; one collapsed pool per external unit.
  const auto lanes = root.all(model + "lane");
  std::vector<std::string> lane_units, internal_units;
  for (const test::XmlElement* lane : lanes) lane_units.push_back(lane->all(pf + "unit").at(0)->attribute("id"));
  for (const Unit& unit : process.units)
    if (!unit.external) internal_units.push_back(unit.id);
  CHECK(lane_units == internal_units);
  const auto participants = root.all(model + "participant");
  std::size_t external = 0;
  for (const Unit& unit : process.units) external += unit.external ? 1 : 0;
  CHECK(participants.size() == external + 1);

  // Every node, lane and participant has exactly one shape.
  std::map<std::string, std::vector<const test::XmlElement*>> shapes;
  for (const test::XmlElement* shape : root.all(bpmndi + "BPMNShape"))
    shapes[shape->attribute("bpmnElement")].push_back(shape);
  std::vector<const test::XmlElement*> nodes;
  for (const auto& [id, e] : by_id)
    if (is_flow_node(*e)) nodes.push_back(e);
  for (const auto* e : nodes) CHECK_MESSAGE(shapes[e->attribute("id")].size() == 1, e->attribute("id"));
  for (const auto* e : lanes) CHECK(shapes[e->attribute("id")].size() == 1);
  for (const auto* e : participants) {
    CHECK(shapes[e->attribute("id")].size() == 1);
    CHECK(shapes[e->attribute("id")].at(0)->attribute("isHorizontal") == "true");
  }

  // Every lane lists the nodes that stand in it, and every node is in one lane.
  if (!lanes.empty()) {
    std::map<std::string, int> listed;
    for (const auto* lane : lanes) {
      const Box band = box_of(*shapes[lane->attribute("id")].at(0));
      for (const auto* ref : lane->all(model + "flowNodeRef")) {
        ++listed[ref->text];
        const Box node = box_of(*shapes[ref->text].at(0));
        CHECK_MESSAGE((band.contains(node.x, node.y) && band.contains(node.x + node.width, node.y + node.height)),
                      ref->text << " outside its lane");
      }
    }
    for (const auto* e : nodes) CHECK(listed[e->attribute("id")] == 1);
  }

  // No two shapes of the process overlap; all stand inside the authority's pool.
  std::vector<std::pair<std::string, Box>> inside;
  for (const auto* e : nodes) inside.emplace_back(e->attribute("id"), box_of(*shapes[e->attribute("id")].at(0)));
  for (const auto* e : root.all(model + "dataObjectReference"))
    inside.emplace_back(e->attribute("id"), box_of(*shapes[e->attribute("id")].at(0)));
  const Box pool = box_of(*shapes[participants.at(0)->attribute("id")].at(0));
  for (std::size_t a = 0; a < inside.size(); ++a) {
    CHECK_MESSAGE((pool.contains(inside[a].second.x, inside[a].second.y) &&
                   pool.contains(inside[a].second.x + inside[a].second.width,
                                 inside[a].second.y + inside[a].second.height)),
                  inside[a].first << " outside the pool");
    for (std::size_t b = a + 1; b < inside.size(); ++b)
      CHECK_MESSAGE(!inside[a].second.overlaps(inside[b].second), inside[a].first << " overlaps " << inside[b].first);
  }

  // Every event, gateway and document with a name has its label's bounds
  // below its shape, inside the pool (a node's inside its lane), clear of
  // every other shape and every other label.
  std::vector<std::pair<std::string, Box>> labels;
  for (const auto& [id, e] : by_id) {
    const bool labelled_below = e->name == model + "dataObjectReference" ||
                                (is_flow_node(*e) && !e->name.ends_with("Task"));
    if (!labelled_below || e->attribute("name").empty()) continue;
    const auto label = label_of(*shapes[id].at(0));
    REQUIRE_MESSAGE(label, id << " has no label bounds");
    const Box shape = box_of(*shapes[id].at(0));
    CHECK_MESSAGE(label->y >= shape.y + shape.height, id << "'s label not below its shape");
    CHECK_MESSAGE(std::fabs(label->x + label->width / 2 - shape.x - shape.width / 2) < 0.6, id << "'s label off centre");
    CHECK_MESSAGE((pool.contains(label->x, label->y) && pool.contains(label->x + label->width, label->y + label->height)),
                  id << "'s label outside the pool");
    for (const auto* lane : lanes) {
      const auto refs = lane->all(model + "flowNodeRef");
      if (std::none_of(refs.begin(), refs.end(), [&](const auto* ref) { return ref->text == id; })) continue;
      const Box band = box_of(*shapes[lane->attribute("id")].at(0));
      CHECK_MESSAGE((band.contains(label->x, label->y) && band.contains(label->x + label->width, label->y + label->height)),
                    id << "'s label outside its lane");
    }
    for (const auto& [other, b] : inside)
      if (other != id) CHECK_MESSAGE(!label->overlaps(b), id << "'s label overlaps " << other);
    for (const auto& [other, b] : labels) CHECK_MESSAGE(!label->overlaps(b), id << "'s label overlaps " << other << "'s");
    labels.emplace_back(id, *label);
  }

  // Every sequence flow and message flow has an edge from its source's
  // bounds to its target's; sequence flows orthogonal.
  std::map<std::string, std::vector<const test::XmlElement*>> edges;
  for (const auto* edge : root.all(bpmndi + "BPMNEdge")) edges[edge->attribute("bpmnElement")].push_back(edge);
  auto check_edge = [&](const test::XmlElement& flow, bool orthogonal) {
    const std::string id = flow.attribute("id");
    REQUIRE_MESSAGE(edges[id].size() == 1, id);
    const auto points = edges[id][0]->all(di + "waypoint");
    REQUIRE(points.size() >= 2);
    auto x = [&](std::size_t k) { return std::stod(points[k]->attribute("x")); };
    auto y = [&](std::size_t k) { return std::stod(points[k]->attribute("y")); };
    const Box source = box_of(*shapes[flow.attribute("sourceRef")].at(0));
    const Box target = box_of(*shapes[flow.attribute("targetRef")].at(0));
    CHECK_MESSAGE(source.on_border(x(0), y(0)), id << " starts off its source");
    CHECK_MESSAGE(target.on_border(x(points.size() - 1), y(points.size() - 1)), id << " ends off its target");
    if (orthogonal)
      for (std::size_t k = 1; k < points.size(); ++k)
        CHECK_MESSAGE((std::fabs(x(k) - x(k - 1)) < 0.6 || std::fabs(y(k) - y(k - 1)) < 0.6), id << " has a slanted segment");
    // No segment runs through a shape of the process (touching its border
    // is how an edge ends).
    for (std::size_t k = 1; k < points.size(); ++k) {
      const double left = std::min(x(k - 1), x(k)), right = std::max(x(k - 1), x(k));
      const double top = std::min(y(k - 1), y(k)), bottom = std::max(y(k - 1), y(k));
      for (const auto& [other, b] : inside)
        CHECK_MESSAGE(!(left < b.x + b.width - 0.6 && right > b.x + 0.6 && top < b.y + b.height - 0.6 && bottom > b.y + 0.6),
                      id << " runs through " << other);
    }
    // Nor through a name below a shape.
    if (orthogonal)
      for (std::size_t k = 1; k < points.size(); ++k) {
        const double left = std::min(x(k - 1), x(k)), right = std::max(x(k - 1), x(k));
        const double top = std::min(y(k - 1), y(k)), bottom = std::max(y(k - 1), y(k));
        for (const auto& [other, b] : labels)
          CHECK_MESSAGE(!(left < b.x + b.width && right > b.x && top < b.y + b.height && bottom > b.y),
                        id << " runs through the label of " << other);
      }
  };
  for (const auto* flow : root.all(model + "sequenceFlow")) check_edge(*flow, true);
  for (const auto* flow : root.all(model + "messageFlow")) check_edge(*flow, true);

  // A forking exclusive gateway's flows carry their probability.
  for (const auto* gateway : root.all(model + "exclusiveGateway"))
    if (gateway->attribute("gatewayDirection") == "Diverging")
      for (const auto* flow : root.all(model + "sequenceFlow"))
        if (flow->attribute("sourceRef") == gateway->attribute("id")) {
          CHECK(!flow->attribute("name").empty());
          CHECK(flow->all(model + "conditionExpression").size() == 1);
          CHECK(!flow->all(pf + "flow").at(0)->attribute("p").empty());
        }
}

std::vector<std::filesystem::path> yaml_files(const std::filesystem::path& directory) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::filesystem::path> examples() { return yaml_files(PAPERFLOW_EXAMPLES); }

}  // namespace

TEST_CASE("bpmn: every example exports to well-formed BPMN with a node, a shape and edges for everything") {
  const auto files = examples();
  REQUIRE(files.size() >= 6);
  for (const auto& file : files) {
    INFO(file.string());
    const ValidationResult result = test::valid(read(file));
    check_export(*result.process);
  }
}

TEST_CASE("bpmn: the test models export with a node, a shape and edges for everything: nested blocks and loops, "
          "hostile names, steps without a unit") {
  const std::filesystem::path tests = std::filesystem::path(PAPERFLOW_EXAMPLES) / ".." / "tests" / "cli";
  std::vector<std::filesystem::path> files = yaml_files(tests / "analyse" / "oracle");
  for (const auto& file : yaml_files(tests / "dot" / "input")) files.push_back(file);
  REQUIRE(files.size() >= 10);
  for (const auto& file : files) {
    INFO(file.string());
    const ValidationResult result = test::valid(read(file));
    check_export(*result.process);
  }
}

TEST_CASE("bpmn: the export is the same bytes every time") {
  const ValidationResult result = test::valid(read(examples().front()));
  CHECK(render_bpmn(*result.process) == render_bpmn(*result.process));
}

TEST_CASE("bpmn: a name with <, &, \" and ä comes back through the parser as written") {
  const std::string name = "Prüfen <sofort> & \"gründlich\" 'ä'";
  const ValidationResult result = test::valid(
      test::header() + "steps:\n  - {id: a, name: '" + std::string("Prüfen <sofort> & \"gründlich\" ''ä''") +
      "', unit: office, medium: paper, work: 10min, next: z}\n  - {id: z, name: Z, end: true}\n");
  REQUIRE(result.process->steps[0].name == name);
  const test::XmlParse parsed = test::parse_xml(render_bpmn(*result.process));
  REQUIRE(parsed.root);
  const auto tasks = parsed.root->all(model + "manualTask");
  REQUIRE(tasks.size() == 1);
  CHECK(tasks[0]->attribute("name") == name);
  check_export(*result.process);
}

TEST_CASE("bpmn: step ids that bpmn-moddle would refuse get derived ids, none of which clashes") {
  const ValidationResult result = test::valid(
      test::header() +
      "steps:\n"
      "  - {id: 1st, name: A, unit: office, medium: paper, work: 10min, next: a×b}\n"
      "  - {id: a×b, name: B, unit: office, medium: digital, work: 10min, next: Flow_1}\n"
      "  - {id: Flow_1, name: C, unit: office, medium: paper, work: 10min, next: prüfen}\n"
      "  - {id: prüfen, name: E, unit: office, medium: paper, work: 10min, next: pruefen}\n"
      "  - {id: pruefen, name: F, unit: office, medium: paper, work: 10min, next: z}\n"
      "  - {id: z, name: Z, end: true}\n");
  const std::string xml = render_bpmn(*result.process);
  const test::XmlParse parsed = test::parse_xml(xml);
  REQUIRE(parsed.root);
  std::vector<std::string> ids;
  for (const std::string element : {"manualTask", "userTask"})
    for (const auto* task : parsed.root->all(model + element)) ids.push_back(task->attribute("id"));
  std::sort(ids.begin(), ids.end());
  CHECK(ids == std::vector<std::string>{"Flow_1", "_1st", "a_b", "pruefen", "pruefen_2"});
  // The first flow's derived id keeps out of the step's way.
  CHECK(parsed.root->all(model + "sequenceFlow").at(0)->attribute("id") == "Flow_1_2");
  check_export(*result.process);
}

TEST_CASE("bpmn: an external step waits as a message event, with message flows from the task that hands over and "
          "from the external pool into the step that hands back") {
  const ValidationResult result = test::valid(
      test::header() +
      "steps:\n"
      "  - {id: ask, name: Nachfordern, unit: office, activity: request, medium: paper, channel: post, work: 10min, next: prepare}\n"
      "  - {id: prepare, name: Unterlagen suchen, unit: applicant, activity: other, medium: paper, work: 1h, next: answer}\n"
      "  - {id: answer, name: Antworten, unit: applicant, activity: submit, medium: paper, channel: post, work: 10min, delay: 2d, next: wait}\n"
      "  - {id: wait, name: Frist, unit: office, medium: paper, delay: 1d, next: check}\n"
      "  - {id: check, name: Prüfen, unit: office, activity: check, medium: digital, it_system: X, work: 10min,\n"
      "     next: [{to: ask, p: 0.25, rework: true}, {to: z, p: 0.75}]}\n"
      "  - {id: z, name: Z, end: true}\n");
  const test::XmlParse parsed = test::parse_xml(render_bpmn(*result.process));
  REQUIRE(parsed.root);
  const auto events = parsed.root->all(model + "intermediateCatchEvent");
  REQUIRE(events.size() == 3);
  CHECK(events[0]->attribute("id") == "prepare");
  CHECK(events[1]->attribute("id") == "answer");
  CHECK(events[1]->all(model + "messageEventDefinition").size() == 1);
  CHECK(events[2]->attribute("id") == "wait");
  CHECK(events[2]->all(model + "timerEventDefinition").size() == 1);
  std::set<std::pair<std::string, std::string>> messages;
  for (const auto* m : parsed.root->all(model + "messageFlow"))
    messages.insert({m->attribute("sourceRef"), m->attribute("targetRef")});
  // The case goes out with the letter and comes back with the answer: the
  // applicant's search in between is no message.
  CHECK(messages == std::set<std::pair<std::string, std::string>>{{"ask", "Participant_applicant"},
                                                                  {"Participant_applicant", "answer"}});
  // The rework loop meets the first step at a merging gateway.
  CHECK(parsed.root->all(model + "exclusiveGateway").size() == 2);
  const auto moves = parsed.root->all(pf + "flow");
  bool rework = false;
  for (const auto* m : moves)
    if (m->attribute("from") == "check" && m->attribute("to") == "ask")
      rework = m->attribute("rework") == "true" && m->attribute("p") == "0.25";
  CHECK(rework);
  const auto steps = parsed.root->all(pf + "step");
  CHECK(steps[2]->attribute("delay") == "2d");
  CHECK(steps[4]->attribute("it_system") == "X");
  check_export(*result.process);
}
