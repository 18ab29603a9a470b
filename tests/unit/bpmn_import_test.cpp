#include "paperflow/bpmn_import.h"

#include <algorithm>
#include <string>

#include <doctest/doctest.h>

#include "paperflow/bpmn_export.h"
#include "paperflow/loader.h"
#include "paperflow/validate.h"
#include "test_support.h"

using namespace paperflow;

namespace {

// A foreign BPMN file as the modellers write it: prefix `bpmn:`, one pool,
// `body` inside its process.
std::string foreign(const std::string& body, const std::string& before_process = {}) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
)" + before_process +
         R"(  <bpmn:process id="P" name="Testverfahren">
)" + body + R"(  </bpmn:process>
</bpmn:definitions>
)";
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::size_t count_rule(const Diagnostics& diagnostics, const std::string& rule) {
  return static_cast<std::size_t>(
      std::count_if(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) { return d.rule == rule; }));
}

const Diagnostic* find_rule(const Diagnostics& diagnostics, const std::string& rule) {
  for (const Diagnostic& d : diagnostics)
    if (d.rule == rule) return &d;
  return nullptr;
}

const std::string chain = R"(    <bpmn:startEvent id="S"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="A" name="Antrag prüfen"/>
    <bpmn:exclusiveGateway id="G" default="f4"/>
    <bpmn:task id="B" name="Nachfordern"/>
    <bpmn:task id="C" name="Entscheiden"/>
    <bpmn:task id="D2" name="Ablehnen"/>
    <bpmn:endEvent id="E" name="Fertig"/>
    <bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="A"/>
    <bpmn:sequenceFlow id="f2" sourceRef="A" targetRef="G"/>
    <bpmn:sequenceFlow id="f3" sourceRef="G" targetRef="B"/>
    <bpmn:sequenceFlow id="f4" sourceRef="G" targetRef="C"/>
    <bpmn:sequenceFlow id="f5" sourceRef="B" targetRef="A"/>
    <bpmn:sequenceFlow id="f6" sourceRef="C" targetRef="E"/>
    <bpmn:sequenceFlow id="f7" sourceRef="G" targetRef="D2"/>
    <bpmn:sequenceFlow id="f8" sourceRef="D2" targetRef="E"/>
)";

}  // namespace

TEST_CASE("paperflow's own export imports back to a process with the same analysis and every attribute") {
  const std::string yaml = test::header(1500, 2) + R"(documents:
  - {id: antrag, name: Antrag, medium: paper}
steps:
  - {id: prüfen, name: Prüfen, unit: office, activity: check, medium: paper, channel: post, signature: wet, it_system: "Fach<verfahren>", work: [5min, 10min, 30min], delay: 1d, uses: [antrag], next: [{to: prüfen, p: 0.25, rework: true}, {to: fertig, p: 0.75}]}
  - {id: fertig, name: Fertig, end: true, unit: office, channel: in_person, signature: wet}
)";
  const ValidationResult original = test::valid(yaml);
  REQUIRE(original.valid());
  const BpmnImport imported = import_bpmn(render_bpmn(*original.process), "x.bpmn");
  INFO(imported.process_file);
  CHECK(imported.from_paperflow);
  CHECK(imported.diagnostics.empty());
  const ValidationResult back = validate_process(imported.process_file, "back.yaml");
  REQUIRE(back.valid());
  const Step& step = back.process->steps[0];
  CHECK(step.id == "prüfen");
  CHECK(step.it_system == "Fach<verfahren>");
  CHECK(step.signature == Signature::wet);
  CHECK(step.channel == Channel::post);
  CHECK(step.work.mean() == original.process->steps[0].work.mean());
  REQUIRE(step.routing.choices.size() == 2);
  CHECK(step.routing.choices[0].rework);
  CHECK(step.routing.choices[0].p == 0.25);
  const Step& end = back.process->steps[1];
  CHECK(end.end);
  CHECK(end.channel == Channel::in_person);
  CHECK(end.signature == Signature::wet);
  CHECK(back.process->cases_per_year == 1500);
  CHECK(back.process->units[0].staff == 2);
  CHECK(test::analyse_yaml(imported.process_file).lead_time_hours == test::analyse_yaml(yaml).lead_time_hours);
}

TEST_CASE("a foreign file imports with a default and a TODO for every guess, one warning each") {
  const BpmnImport imported = import_bpmn(foreign(R"(    <bpmn:laneSet id="LS">
      <bpmn:lane id="L1" name="Bürgerbüro"><bpmn:flowNodeRef>A</bpmn:flowNodeRef><bpmn:flowNodeRef>G</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="L2" name="Fachamt"><bpmn:flowNodeRef>B</bpmn:flowNodeRef><bpmn:flowNodeRef>C</bpmn:flowNodeRef><bpmn:flowNodeRef>D2</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
)" + chain),
                                          "f.bpmn");
  INFO(imported.process_file);
  CHECK_FALSE(imported.from_paperflow);
  CHECK_FALSE(has_errors(imported.diagnostics));
  CHECK(count(imported.process_file, "# TODO") == count_rule(imported.diagnostics, "bpmn-guess"));
  CHECK(count_rule(imported.diagnostics, "bpmn-guess") > 5);
  const ValidationResult back = validate_process(imported.process_file, "f.yaml");
  REQUIRE(back.valid());
  const Process& p = *back.process;
  // Units: the lanes, with staff 1 as the TODO says.
  REQUIRE(p.units.size() == 2);
  CHECK(p.units[0].name == "Bürgerbüro");
  CHECK(p.units[0].staff == 1);
  CHECK(p.cases_per_year == 1);
  // Steps in the order a case meets them; the user task is digital.
  REQUIRE(p.steps.size() == 5);
  CHECK(p.steps[0].name == "Antrag prüfen");
  CHECK(p.steps[0].id == "antrag_pruefen");
  CHECK(p.steps[0].medium == Medium::digital);
  // The gateway's three ways: shares of four decimals summing to exactly 1;
  // the way back into the loop is rework.
  const Routing& r = p.steps[0].routing;
  REQUIRE(r.choices.size() == 3);
  CHECK(r.choices[0].p + r.choices[1].p + r.choices[2].p == 1.0);
  CHECK(r.choices[0].p == 0.3334);
  CHECK(r.choices[0].rework);
  CHECK_FALSE(r.choices[1].rework);
  CHECK(p.steps.back().end);
}

TEST_CASE("a parallel split and join become a block with its join, and a timer a delay in days") {
  const BpmnImport imported = import_bpmn(foreign(R"(    <bpmn:startEvent id="S"/>
    <bpmn:task id="A" name="Eingang"/>
    <bpmn:parallelGateway id="Split"/>
    <bpmn:task id="B" name="Stellungnahme"/>
    <bpmn:intermediateCatchEvent id="T" name="Frist"><bpmn:timerEventDefinition><bpmn:timeDuration>P14D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:parallelGateway id="Join"/>
    <bpmn:task id="C" name="Entscheiden"/>
    <bpmn:endEvent id="E"/>
    <bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="A"/>
    <bpmn:sequenceFlow id="f2" sourceRef="A" targetRef="Split"/>
    <bpmn:sequenceFlow id="f3" sourceRef="Split" targetRef="B"/>
    <bpmn:sequenceFlow id="f4" sourceRef="Split" targetRef="T"/>
    <bpmn:sequenceFlow id="f5" sourceRef="B" targetRef="Join"/>
    <bpmn:sequenceFlow id="f6" sourceRef="T" targetRef="Join"/>
    <bpmn:sequenceFlow id="f7" sourceRef="Join" targetRef="C"/>
    <bpmn:sequenceFlow id="f8" sourceRef="C" targetRef="E"/>
)"),
                                          "p.bpmn");
  INFO(imported.process_file);
  const ValidationResult back = validate_process(imported.process_file, "p.yaml");
  REQUIRE(back.valid());
  const Process& p = *back.process;
  const Step& split = p.steps[p.step_index.at("eingang")];
  REQUIRE(split.routing.kind == Routing::Kind::parallel);
  CHECK(split.routing.parallel.size() == 2);
  CHECK(split.routing.join.id == "entscheiden");
  const Step& timer = p.steps[p.step_index.at("frist")];
  CHECK(timer.delay.mean() == doctest::Approx(14 * 8));
  CHECK(timer.work.is_zero());
  CHECK(p.steps.back().name == "Ende");  // an end event without a name
}

TEST_CASE("what paperflow cannot model is an error with the element's id and line, a warning with lenient") {
  const std::string text = foreign(R"(    <bpmn:startEvent id="S"/>
    <bpmn:task id="A" name="A"/>
    <bpmn:inclusiveGateway id="Inclusive_1"/>
    <bpmn:task id="B" name="B"/>
    <bpmn:task id="C" name="C"/>
    <bpmn:endEvent id="E"/>
    <bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="A"/>
    <bpmn:sequenceFlow id="f2" sourceRef="A" targetRef="Inclusive_1"/>
    <bpmn:sequenceFlow id="f3" sourceRef="Inclusive_1" targetRef="B"/>
    <bpmn:sequenceFlow id="f4" sourceRef="Inclusive_1" targetRef="C"/>
    <bpmn:sequenceFlow id="f5" sourceRef="B" targetRef="E"/>
    <bpmn:sequenceFlow id="f6" sourceRef="C" targetRef="E"/>
)");
  const BpmnImport strict = import_bpmn(text, "u.bpmn");
  const Diagnostic* d = find_rule(strict.diagnostics, "bpmn-unsupported");
  REQUIRE(d);
  CHECK(d->severity == Severity::error);
  CHECK(d->location.line == 6);
  CHECK(d->location.column == 5);
  CHECK(d->message.english().find("'Inclusive_1'") != std::string::npos);
  const BpmnImport lenient = import_bpmn(text, "u.bpmn", {true});
  CHECK_FALSE(has_errors(lenient.diagnostics));
  CHECK(validate_process(lenient.process_file, "u.yaml").valid());
}

TEST_CASE("a subprocess is flattened into the process and a boundary event becomes a choice after its task") {
  const BpmnImport imported = import_bpmn(foreign(R"(    <bpmn:startEvent id="S"/>
    <bpmn:subProcess id="Sub" name="Prüfung">
      <bpmn:startEvent id="S2"/>
      <bpmn:task id="In1" name="Innen eins"/>
      <bpmn:endEvent id="E2"/>
      <bpmn:sequenceFlow id="g1" sourceRef="S2" targetRef="In1"/>
      <bpmn:sequenceFlow id="g2" sourceRef="In1" targetRef="E2"/>
    </bpmn:subProcess>
    <bpmn:task id="A" name="Nach"/>
    <bpmn:boundaryEvent id="Timer_B" attachedToRef="A"><bpmn:timerEventDefinition/></bpmn:boundaryEvent>
    <bpmn:task id="R" name="Erinnern"/>
    <bpmn:endEvent id="E"/>
    <bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="Sub"/>
    <bpmn:sequenceFlow id="f2" sourceRef="Sub" targetRef="A"/>
    <bpmn:sequenceFlow id="f3" sourceRef="A" targetRef="E"/>
    <bpmn:sequenceFlow id="f4" sourceRef="Timer_B" targetRef="R"/>
    <bpmn:sequenceFlow id="f5" sourceRef="R" targetRef="E"/>
)"),
                                          "s.bpmn", {true});
  INFO(imported.process_file);
  CHECK(count_rule(imported.diagnostics, "bpmn-unsupported") == 2);
  const ValidationResult back = validate_process(imported.process_file, "s.yaml");
  REQUIRE(back.valid());
  const Process& p = *back.process;
  CHECK(p.steps[0].name == "Innen eins");
  CHECK(p.steps[0].routing.next.id == "nach");
  const Step& after = p.steps[p.step_index.at("nach")];
  REQUIRE(after.routing.choices.size() == 2);
  CHECK(after.routing.choices[1].to.id == "erinnern");
}

TEST_CASE("a problem of the imported process is placed at the BPMN element it comes from") {
  // A loop with no way out: closed-loop, reported at the task's line.
  const std::string text = foreign(R"(    <bpmn:startEvent id="S"/>
    <bpmn:task id="A" name="A"/>
    <bpmn:task id="B" name="B"/>
    <bpmn:endEvent id="E"/>
    <bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="A"/>
    <bpmn:sequenceFlow id="f2" sourceRef="A" targetRef="B"/>
    <bpmn:sequenceFlow id="f3" sourceRef="B" targetRef="A"/>
)");
  const ValidationResult result = validate_bpmn(text, "loop.bpmn");
  INFO(test::describe(result.diagnostics));
  CHECK_FALSE(result.valid());
  bool placed = false;
  for (const Diagnostic& d : result.diagnostics)
    if (d.severity == Severity::error) placed |= d.location.file_name() == "loop.bpmn" && d.location.line >= 5;
  CHECK(placed);
}

TEST_CASE("bad XML is a located bpmn-xml error, never a process file") {
  struct Case {
    const char* what;
    std::string text;
    const char* rule;
    int line;
  };
  const Case cases[] = {
      {"not well-formed", "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n<a>\n</b>", "bpmn-xml", 3},
      {"an entity bomb", "<?xml version=\"1.0\"?>\n<!DOCTYPE d [\n<!ENTITY a \"aaaaaaaaaa\">\n<!ENTITY b \"&a;&a;&a;\">\n]>\n<d>&b;</d>", "bpmn-xml", 3},
      {"nesting past the limit", "<d>" + std::string(5000, '\0') + "</d>", "bpmn-xml", 1},
      {"not BPMN", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "bpmn-structure", 1},
      {"empty", "", "bpmn-xml", 0},
      {"a flow into nothing", foreign("    <bpmn:task id=\"A\"/>\n    <bpmn:sequenceFlow id=\"f\" sourceRef=\"A\" targetRef=\"Nowhere\"/>\n"), "bpmn-structure", 5},
      {"a flow without a target", foreign("    <bpmn:task id=\"A\"/>\n    <bpmn:sequenceFlow id=\"f\" sourceRef=\"A\"/>\n"), "bpmn-structure", 5},
      {"a pf: value that would write YAML of its own",
       foreign("    <bpmn:task id=\"A\"><bpmn:extensionElements><pf:step xmlns:pf=\"urn:paperflow:bpmn:1\" id=\"a\" "
               "work=\"1h&#10;units: []\"/></bpmn:extensionElements></bpmn:task>\n"),
       "bpmn-structure", 4},
      {"a pf: duration that is not in the writer's shape",
       foreign("    <bpmn:task id=\"A\"><bpmn:extensionElements><pf:step xmlns:pf=\"urn:paperflow:bpmn:1\" id=\"a\" "
               "work=\"{dist: uniform, min: 1h}\"/></bpmn:extensionElements></bpmn:task>\n"),
       "bpmn-structure", 4},
      {"a lone carriage return ends no line", "\r\r<d", "bpmn-xml", 1},
  };
  for (const Case& c : cases) {
    std::string text = c.text;
    if (std::string(c.what) == "nesting past the limit") {
      text.clear();
      for (int i = 0; i < 5000; ++i) text += "<a>";
    }
    const BpmnImport imported = import_bpmn(text, "bad.bpmn");
    INFO(c.what);
    INFO(test::describe(imported.diagnostics));
    CHECK(imported.process_file.empty());
    const Diagnostic* d = find_rule(imported.diagnostics, c.rule);
    REQUIRE(d);
    CHECK(d->location.line == c.line);
  }
}

TEST_CASE("ISO-8859-1 and Windows-1252 files are read in their encoding") {
  std::string latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + foreign("    <bpmn:task id=\"A\" name=\"Gr\xFC\xDF" "e\"/>\n    <bpmn:endEvent id=\"E\"/>\n    <bpmn:sequenceFlow id=\"f\" sourceRef=\"A\" targetRef=\"E\"/>\n").substr(39);
  const BpmnImport a = import_bpmn(latin1, "l.bpmn");
  INFO(test::describe(a.diagnostics));
  CHECK(a.process_file.find("Grüße") != std::string::npos);
  std::string cp1252 = "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n" + foreign("    <bpmn:task id=\"A\" name=\"\x84" "Antrag\x93 \x80\"/>\n    <bpmn:endEvent id=\"E\"/>\n    <bpmn:sequenceFlow id=\"f\" sourceRef=\"A\" targetRef=\"E\"/>\n").substr(39);
  const BpmnImport b = import_bpmn(cp1252, "w.bpmn");
  INFO(test::describe(b.diagnostics));
  CHECK(b.process_file.find("„Antrag“ €") != std::string::npos);
}

TEST_CASE("a BPMN file is told by its name, or by text that begins with <") {
  CHECK(is_bpmn_file("x.bpmn", ""));
  CHECK(is_bpmn_file("X.BPMN2", ""));
  CHECK(is_bpmn_file("-", "\xEF\xBB\xBF  <?xml version=\"1.0\"?>"));
  CHECK_FALSE(is_bpmn_file("x.yaml", "paperflow: 1\n"));
}

TEST_CASE("a way that stops without an end event leads to an end step added for it, with a TODO and a warning") {
  const BpmnImport imported = import_bpmn(foreign(R"(    <bpmn:startEvent id="S"/>
    <bpmn:task id="A" name="Prüfen"/>
    <bpmn:exclusiveGateway id="G"/>
    <bpmn:task id="B" name="Ablegen"/>
    <bpmn:task id="C" name="Versenden"/>
    <bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="A"/>
    <bpmn:sequenceFlow id="f2" sourceRef="A" targetRef="G"/>
    <bpmn:sequenceFlow id="f3" sourceRef="G" targetRef="B"/>
    <bpmn:sequenceFlow id="f4" sourceRef="G" targetRef="C"/>
)"),
                                          "d.bpmn");
  INFO(imported.process_file);
  const ValidationResult back = validate_process(imported.process_file, "d.yaml");
  REQUIRE(back.valid());
  const Process& p = *back.process;
  REQUIRE(p.steps.size() == 5);
  CHECK(p.steps[0].name == "Prüfen");
  CHECK(p.steps[3].end);
  CHECK(p.steps[4].end);
  CHECK(p.steps[p.step_index.at("ablegen")].routing.next.id != p.steps[p.step_index.at("versenden")].routing.next.id);
  CHECK(count(imported.process_file, "# TODO") == count_rule(imported.diagnostics, "bpmn-guess"));
  CHECK(count(imported.process_file, "# TODO: added") == 2);
}

TEST_CASE("a share of pf:flow outside 0 to 1 is not taken: the branches share equally") {
  const BpmnImport imported = import_bpmn(foreign(R"(    <bpmn:startEvent id="S"/>
    <bpmn:task id="A" name="A"/>
    <bpmn:exclusiveGateway id="G"/>
    <bpmn:endEvent id="E1" name="Eins"/>
    <bpmn:endEvent id="E2" name="Zwei"/>
    <bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="A"/>
    <bpmn:sequenceFlow id="f2" sourceRef="A" targetRef="G"/>
    <bpmn:sequenceFlow id="f3" sourceRef="G" targetRef="E1"><bpmn:extensionElements><pf:flow xmlns:pf="urn:paperflow:bpmn:1" p="1e308"/></bpmn:extensionElements></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f4" sourceRef="G" targetRef="E2"><bpmn:extensionElements><pf:flow xmlns:pf="urn:paperflow:bpmn:1" p="1e308"/></bpmn:extensionElements></bpmn:sequenceFlow>
)"),
                                          "p.bpmn");
  INFO(imported.process_file);
  const ValidationResult back = validate_process(imported.process_file, "p.yaml");
  REQUIRE(back.valid());
  const Routing& r = back.process->steps[0].routing;
  REQUIRE(r.choices.size() == 2);
  CHECK(r.choices[0].p == 0.5);
  CHECK(r.choices[1].p == 0.5);
}

TEST_CASE("the join of a block inside a rework loop is its own, not an inner block's, and waits cost no handoff") {
  // A, split Split: branch 1 B1 with an inner block (I1|I2 joining at IJ) and
  // four steps after it, branch 2 B2; both join at PJ; Z, then back to A
  // or to the end. Round the loop, branch 2 reaches IJ sooner than branch 1
  // reaches PJ: only post-dominance tells PJ.
  std::string body = R"(    <bpmn:laneSet id="LS">
      <bpmn:lane id="L1" name="Amt"><bpmn:flowNodeRef>A</bpmn:flowNodeRef><bpmn:flowNodeRef>T</bpmn:flowNodeRef><bpmn:flowNodeRef>Z</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="L2" name="Kasse"><bpmn:flowNodeRef>B1</bpmn:flowNodeRef><bpmn:flowNodeRef>B2</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="S"/>
    <bpmn:exclusiveGateway id="M"/>
    <bpmn:userTask id="A" name="A"/>
    <bpmn:parallelGateway id="Split"/>
    <bpmn:userTask id="B1" name="B1"/>
    <bpmn:parallelGateway id="IP"/>
    <bpmn:userTask id="I1" name="I1"/>
    <bpmn:userTask id="I2" name="I2"/>
    <bpmn:parallelGateway id="IJ"/>
    <bpmn:userTask id="D1" name="D1"/>
    <bpmn:userTask id="D2" name="D2"/>
    <bpmn:userTask id="D3" name="D3"/>
    <bpmn:userTask id="D4" name="D4"/>
    <bpmn:userTask id="B2" name="B2"/>
    <bpmn:parallelGateway id="PJ"/>
    <bpmn:intermediateCatchEvent id="T" name="Warten"><bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:userTask id="Z" name="Z"/>
    <bpmn:exclusiveGateway id="G"/>
    <bpmn:endEvent id="E" name="Ende"/>
)";
  const char* flows[][2] = {{"S", "M"}, {"M", "A"}, {"A", "Split"}, {"Split", "B1"}, {"Split", "B2"}, {"B1", "IP"}, {"IP", "I1"},
                            {"IP", "I2"}, {"I1", "IJ"}, {"I2", "IJ"}, {"IJ", "D1"}, {"D1", "D2"}, {"D2", "D3"},
                            {"D3", "D4"}, {"D4", "PJ"}, {"B2", "PJ"}, {"PJ", "T"}, {"T", "Z"}, {"Z", "G"}, {"G", "M"},
                            {"G", "E"}};
  int n = 0;
  for (const auto& [from, to] : flows)
    body += "    <bpmn:sequenceFlow id=\"f" + std::to_string(++n) + "\" sourceRef=\"" + from + "\" targetRef=\"" + to +
            "\"/>\n";
  const BpmnImport imported = import_bpmn(foreign(body), "loop.bpmn");
  INFO(imported.process_file);
  INFO(test::describe(imported.diagnostics));
  const ValidationResult back = validate_process(imported.process_file, "loop.yaml");
  INFO(test::describe(back.diagnostics));
  REQUIRE(back.valid());
  const Process& p = *back.process;
  CHECK(p.steps[p.step_index.at("a")].routing.join.id == "warten");
  CHECK(p.steps[p.step_index.at("b1")].routing.join.id == "d1");
  // The wait has no unit and the medium of the step before it.
  const Step& wait = p.steps[p.step_index.at("warten")];
  CHECK_FALSE(wait.unit.has_value());
  CHECK(wait.medium == Medium::digital);
  CHECK(wait.delay.mean() == doctest::Approx(16));
}
