#include "paperflow/loader.h"

#include <doctest/doctest.h>

#include "paperflow/process_writer.h"
#include "step_reading.h"
#include "yaml_tree.h"
#include "test_support.h"

using namespace paperflow;
using paperflow::test::has;

namespace {

// A valid process; tests replace pieces of it.
const std::string valid_text = R"(paperflow: 1
process:
  id: anwohnerparken
  name: Bewohnerparkausweis
demand:
  cases_per_year: 1000
units:
  - id: büro
    name: Bürgerbüro
    staff: 2
    availability: 0.8
    cost_per_hour: 58
  - id: applicant
    name: Antragsteller:in
    external: true
steps:
  - id: ausfüllen
    name: Antrag ausfüllen
    unit: applicant
    activity: fill_in
    medium: paper
    work: [5min, 10min, 30min]
    next: prüfen
  - id: prüfen
    name: Prüfen
    unit: büro
    medium: paper
    work: {dist: exponential, mean: 20min}
    next:
      - {to: ausfüllen, p: 0.2, rework: true}
      - {to: fertig, p: 0.8}
  - id: fertig
    name: Fertig
    end: true
)";

std::string replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a valid file loads into the model with every field") {
  LoadResult result = load_process(valid_text, "p.yaml");
  INFO(test::describe(result.diagnostics));
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.process);
  const Process& p = *result.process;
  CHECK(p.info.id == "anwohnerparken");
  CHECK(*p.cases_per_year == 1000);
  REQUIRE(p.units.size() == 2);
  CHECK(p.units[0].id == "büro");
  CHECK(p.units[0].servers() == doctest::Approx(1.6));
  CHECK(p.units[1].external);
  REQUIRE(p.steps.size() == 3);
  CHECK(p.steps[0].activity == Activity::fill_in);
  CHECK(p.steps[0].work.kind == Distribution::Kind::triangular);
  CHECK(p.steps[0].work.mean() == doctest::Approx(15.0 / 60));
  CHECK(p.steps[1].work.kind == Distribution::Kind::exponential);
  CHECK(p.steps[1].routing.kind == Routing::Kind::choice);
  CHECK(p.steps[1].routing.choices[0].rework);
  CHECK(p.steps[2].end);
  CHECK_FALSE(p.steps[2].medium.has_value());
  CHECK(result.routing_complete);
  // Elements remember file, line and column (1-based).
  CHECK(*p.steps[1].location.file == "p.yaml");
  CHECK(p.steps[1].location.line == 24);
  CHECK(p.steps[1].location.column == 5);
  CHECK(p.units[0].location.line == 8);
}

TEST_CASE("an unknown key is reported at the key with a did-you-mean hint") {
  auto result = load_process(replace(valid_text, "    staff: 2", "    stafff: 2"), "p.yaml");
  CHECK(has(result.diagnostics, "unknown-key", 10, 5));
  bool hinted = false;
  for (const auto& d : result.diagnostics) hinted |= d.message.english().find("did you mean 'staff'") != std::string::npos;
  CHECK(hinted);
}

TEST_CASE("a misspelt required key is one problem, not also a missing key") {
  auto result = load_process(replace(valid_text, "    staff: 2", "    stafff: 2"), "p.yaml");
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].rule == "unknown-key");
  auto name = load_process(replace(valid_text, "    name: Bürgerbüro", "    nme: Bürgerbüro"), "p.yaml");
  REQUIRE(name.diagnostics.size() == 1);
  CHECK(name.diagnostics[0].rule == "unknown-key");
}

TEST_CASE("x- keys are ignored everywhere") {
  auto result = load_process(replace(valid_text, "    staff: 2", "    staff: 2\n    x-note: {any: [thing]}"), "p.yaml");
  CHECK(result.diagnostics.empty());
}

TEST_CASE("a bad duration is reported at its value, naming the accepted units") {
  auto result = load_process(replace(valid_text, "[5min, 10min, 30min]", "[5min, 10 min, 30min]"), "p.yaml");
  REQUIRE(has(result.diagnostics, "bad-duration", 22, 18));
  CHECK(result.diagnostics[0].message.english().find("space") != std::string::npos);
}

TEST_CASE("a column counts characters, not bytes, after umlauts") {
  // "büro" has a two-byte ü before the misspelt reference's column.
  auto result = load_process(replace(valid_text, "    next: prüfen\n", "    next: prüfn\n"), "p.yaml");
  CHECK(has(result.diagnostics, "unknown-reference", 23, 11));
  auto unit = load_process(replace(valid_text, "    unit: büro\n", "    unit: büroo\n"), "p.yaml");
  CHECK(has(unit.diagnostics, "unknown-reference", 26, 11));
  auto after = load_process(replace(valid_text, "      - {to: fertig, p: 0.8}", "      - {to: fertig, p: 0.8, rewörk: 1}"), "p.yaml");
  CHECK(has(after.diagnostics, "unknown-key", 31, 30));
}

TEST_CASE("wrong types, bad values and bad ids are located at the value") {
  auto text = load_process(replace(valid_text, "cases_per_year: 1000", "cases_per_year: \"1000\""), "p.yaml");
  CHECK(has(text.diagnostics, "wrong-type", 6, 19));
  auto nan = load_process(replace(valid_text, "cases_per_year: 1000", "cases_per_year: .nan"), "p.yaml");
  CHECK(has(nan.diagnostics, "bad-value", 6, 19));
  auto negative = load_process(replace(valid_text, "availability: 0.8", "availability: 1.5"), "p.yaml");
  CHECK(has(negative.diagnostics, "bad-value", 11, 19));
  auto list = load_process(replace(valid_text, "process:\n  id: anwohnerparken\n  name: Bewohnerparkausweis\n",
                                   "process:\n  - anwohnerparken\n"),
                           "p.yaml");
  CHECK(has(list.diagnostics, "wrong-type", 3, 3));
  auto id = load_process(replace(valid_text, "  id: anwohnerparken", "  id: anwohner parken"), "p.yaml");
  CHECK(has(id.diagnostics, "bad-id", 3, 7));
  auto activity = load_process(replace(valid_text, "activity: fill_in", "activity: fillin"), "p.yaml");
  REQUIRE(has(activity.diagnostics, "bad-value", 20, 15));
  CHECK(activity.diagnostics[0].message.english().find("did you mean 'fill_in'") != std::string::npos);
}

TEST_CASE("missing keys are reported at the mapping that lacks them") {
  auto result = load_process(replace(valid_text, "    name: Bürgerbüro\n", ""), "p.yaml");
  CHECK(has(result.diagnostics, "missing-key", 8, 5));
  auto medium = load_process(replace(valid_text, "    unit: büro\n    medium: paper\n", "    unit: büro\n"), "p.yaml");
  CHECK(has(medium.diagnostics, "missing-key", 24, 5));
  auto version = load_process(replace(valid_text, "paperflow: 1\n", ""), "p.yaml");
  CHECK(has(version.diagnostics, "version", 1, 1));
  auto two = load_process(replace(valid_text, "paperflow: 1\n", "paperflow: 2\n"), "p.yaml");
  CHECK(has(two.diagnostics, "version", 1, 12));
}

TEST_CASE("every problem of a file is reported in one pass, in file order") {
  std::string text = replace(valid_text, "    staff: 2", "    staff: -2");
  text = replace(text, "work: [5min, 10min, 30min]", "work: 15m");
  text = replace(text, "p: 0.8}", "p: 0.7}");
  auto result = load_process(text, "p.yaml");
  CHECK(has(result.diagnostics, "bad-value", 10, 12));
  CHECK(has(result.diagnostics, "bad-duration", 22, 11));
  CHECK(has(result.diagnostics, "probabilities", 30, 7));
  for (std::size_t i = 1; i < result.diagnostics.size(); ++i)
    CHECK(result.diagnostics[i - 1].location.line <= result.diagnostics[i].location.line);
}

TEST_CASE("duplicate ids and duplicate keys are errors at the second one") {
  auto ids = load_process(replace(valid_text, "  - id: applicant", "  - id: büro"), "p.yaml");
  CHECK(has(ids.diagnostics, "duplicate-id", 13, 9));
  auto keys = load_process(replace(valid_text, "    staff: 2\n", "    staff: 2\n    staff: 3\n"), "p.yaml");
  CHECK(has(keys.diagnostics, "duplicate-key", 11, 5));
}

TEST_CASE("routing: none, both kinds, and an end step with work") {
  auto none = load_process(replace(valid_text, "    next: prüfen\n", ""), "p.yaml");
  CHECK(has(none.diagnostics, "routing", 17, 5));
  CHECK_FALSE(none.routing_complete);
  auto end_work = load_process(replace(valid_text, "    end: true\n", "    end: true\n    work: 5min\n"), "p.yaml");
  CHECK(has(end_work.diagnostics, "routing", 35, 5));
  auto p_zero = load_process(replace(valid_text, "p: 0.2, rework", "p: 0, rework"), "p.yaml");
  CHECK(has(p_zero.diagnostics, "probabilities", 30, 28));
}

TEST_CASE("a YAML syntax error leaves no process") {
  auto result = load_process("paperflow: 1\nprocess: [a, b\n", "p.yaml");
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].rule == "yaml-syntax");
  CHECK(result.diagnostics[0].location.line >= 2);
  CHECK_FALSE(result.process.has_value());
}

TEST_CASE("defaults supply medium and unit, and end steps take neither") {
  auto result = load_process(R"(paperflow: 1
process: {id: d, name: D}
demand: {cases_per_year: 10}
defaults: {medium: digital, unit: amt}
units: [{id: amt, name: Amt, staff: 1}]
steps:
  - {id: a, name: A, work: 1h, next: b}
  - {id: b, name: B, medium: paper, end: true}
)",
                             "p.yaml");
  INFO(test::describe(result.diagnostics));
  REQUIRE(result.diagnostics.empty());
  CHECK(result.process->steps[0].medium == Medium::digital);
  CHECK(result.process->steps[0].unit->id == "amt");
  CHECK_FALSE(result.process->steps[1].unit.has_value());
  CHECK_FALSE(result.process->steps[1].medium.has_value());
}

TEST_CASE("an end step's unit is no unit of the step, but counts as the unit's use") {
  // A modeller may write who receives the result ("Bescheid erhalten" at the
  // applicant); the unit does no work there, but it is named, so warning
  // that it is unused would be wrong.
  const std::string yaml = R"(paperflow: 1
process: {id: d, name: D}
demand: {cases_per_year: 10}
units:
  - {id: amt, name: Amt, staff: 1}
  - {id: bürger, name: Bürger:in, external: true}
steps:
  - {id: a, name: A, unit: amt, medium: paper, work: 1h, next: b}
  - {id: b, name: B, unit: bürger, end: true}
)";
  auto result = validate_process(yaml, "p.yaml");
  INFO(test::describe(result.diagnostics));
  CHECK(result.diagnostics.empty());
  REQUIRE(result.process.has_value());
  CHECK_FALSE(result.process->steps[1].unit.has_value());
  REQUIRE(result.process->steps[1].end_unit);
  CHECK(result.process->steps[1].end_unit->id == "bürger");
}

TEST_CASE("ids: letters, digits, _ and -, non-ASCII letters included") {
  CHECK(is_valid_id("prüfung"));
  CHECK(is_valid_id("2024-antrag_a"));
  CHECK(is_valid_id("Straße"));
  CHECK_FALSE(is_valid_id("_x"));
  CHECK_FALSE(is_valid_id("-x"));
  CHECK_FALSE(is_valid_id("a b"));
  CHECK_FALSE(is_valid_id("a.b"));
  CHECK_FALSE(is_valid_id(""));
}

TEST_CASE("measures are read with their selectors, patches and factors") {
  auto result = load_process(valid_text + R"(measures:
  - id: online
    name: Online-Antrag
    cost: {once: 40000, per_year: 4000}
    changes:
      - where: {activity: [fill_in, submit], medium: paper}
        set: {medium: digital, channel: online, delay: 0}
      - where: {id: prüfen}
        rework: x0.5
        work: x0.7
  - id: efile
    name: E-Akte
    requires: [online]
    changes:
      - where: {unit: büro}
        remove: true
)",
                             "p.yaml");
  INFO(test::describe(result.diagnostics));
  REQUIRE(result.diagnostics.empty());
  const auto& measures = result.process->measures;
  REQUIRE(measures.size() == 2);
  CHECK(measures[0].one_off_cost == 40000);
  CHECK(measures[0].changes[0].where.activities.size() == 2);
  CHECK(*measures[0].changes[0].set.medium == Medium::digital);
  CHECK(measures[0].changes[0].set.delay->value->mean() == 0);
  CHECK(*measures[0].changes[1].rework_factor == 0.5);
  CHECK(*measures[0].changes[1].work->factor == 0.7);
  CHECK(measures[1].requires_measures[0].id == "online");
  CHECK(measures[1].changes[0].remove);
}

TEST_CASE("`end: yes` or a misspelt `ende:` is one error, not also a missing medium and no routing") {
  for (const char* end : {"end: yes", "ende: true", "end: [true]"}) {
    ValidationResult result = validate_process(replace(valid_text, "end: true", end), "p.yaml");
    INFO(end, "\n", test::describe(result.diagnostics));
    CHECK(result.diagnostics.size() == 1);
    CHECK_FALSE(result.valid());
  }
}

TEST_CASE("a misspelt key in a change or a distribution is one error, not also what the mapping needs") {
  const std::string change = valid_text + "measures:\n  - id: m\n    name: M\n    changes:\n"
                                          "      - where: {activity: fill_in}\n        sett: {medium: digital}\n";
  LoadResult changed = load_process(change, "p.yaml");
  INFO(test::describe(changed.diagnostics));
  CHECK(changed.diagnostics.size() == 1);
  CHECK(has(changed.diagnostics, "unknown-key", 40, 9));

  LoadResult distribution =
      load_process(replace(valid_text, "{dist: exponential, mean: 20min}", "{dist: uniform, min: 1min, maxi: 5min}"), "p.yaml");
  INFO(test::describe(distribution.diagnostics));
  CHECK(distribution.diagnostics.size() == 1);
  CHECK(distribution.diagnostics[0].rule == "unknown-key");
}

TEST_CASE("an invalid id is one error, not also an unknown reference wherever it is named") {
  std::string text = replace(valid_text, "id: prüfen\n", "id: prü fen\n");
  text = replace(text, "next: prüfen", "next: prü fen");
  text = replace(text, "id: büro\n", "id: _büro\n");
  text = replace(text, "unit: büro", "unit: _büro");
  ValidationResult result = validate_process(text, "p.yaml");
  INFO(test::describe(result.diagnostics));
  REQUIRE(result.diagnostics.size() == 2);
  CHECK(result.diagnostics[0].rule == "bad-id");
  CHECK(result.diagnostics[1].rule == "bad-id");
}

TEST_CASE("`units` written as a mapping, or missing, is one error, not also an unknown unit at every step") {
  std::string mapping = replace(valid_text,
                                "units:\n  - id: büro\n    name: Bürgerbüro\n    staff: 2\n    availability: 0.8\n"
                                "    cost_per_hour: 58\n  - id: applicant\n    name: Antragsteller:in\n"
                                "    external: true\n",
                                "units:\n  büro: {name: Bürgerbüro, staff: 2}\n  applicant: {name: Antragsteller:in, "
                                "external: true}\n");
  ValidationResult result = validate_process(mapping, "p.yaml");
  INFO(test::describe(result.diagnostics));
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].rule == "wrong-type");

  std::string missing = replace(mapping, "units:\n  büro: {name: Bürgerbüro, staff: 2}\n  applicant: {name: "
                                         "Antragsteller:in, external: true}\n", "");
  ValidationResult without = validate_process(missing, "p.yaml");
  INFO(test::describe(without.diagnostics));
  REQUIRE(without.diagnostics.size() == 1);
  CHECK(without.diagnostics[0].rule == "missing-key");
}

TEST_CASE("a cycle of `requires` is named whole, from the measure where it is reported") {
  auto measure = [](const char* id, const char* requires_) {
    return std::string("  - id: ") + id + "\n    name: " + id + "\n    requires: [" + requires_ +
           "]\n    changes:\n      - where: {activity: fill_in}\n        set: {medium: digital}\n";
  };
  std::string text = valid_text + "measures:\n" + measure("a", "b") + measure("b", "c") + measure("c", "a");
  ValidationResult result = validate_process(text, "p.yaml");
  INFO(test::describe(result.diagnostics));
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].rule == "requires-cycle");
  CHECK(result.diagnostics[0].message.english().find("c → a → b → c") != std::string::npos);

  ValidationResult self = validate_process(valid_text + "measures:\n" + measure("a", "a"), "p.yaml");
  REQUIRE(self.diagnostics.size() == 1);
  CHECK(self.diagnostics[0].message.english().find("'a' requires itself") != std::string::npos);
}

TEST_CASE("a quoted version is refused with a message that says to drop the quotes") {
  for (const char* quoted : {"paperflow: \"1\"", "paperflow: '1'"}) {
    LoadResult result = load_process(replace(valid_text, "paperflow: 1", quoted), "p.yaml");
    INFO(test::describe(result.diagnostics));
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].rule == "version");
    CHECK(result.diagnostics[0].message.english().find("without quotes") != std::string::npos);
  }
}

TEST_CASE("a number outside its documented range is an error at its line and column") {
  struct Case {
    std::string from, to;
    const char* rule;
    int line, column;
    const char* says;
  };
  const Case cases[] = {
      {"staff: 2", "staff: 1e9", "bad-value", 10, 12, "`staff` must be in [0.001, 100000], not 1e9"},
      {"staff: 2", "staff: 0.0001", "bad-value", 10, 12, "`staff` must be in [0.001, 100000], not 0.0001"},
      {"cases_per_year: 1000", "cases_per_year: 1e10", "bad-value", 6, 19,
       "`cases_per_year` must be in (0, 1e9], not 1e10"},
      {"cases_per_year: 1000", "cases_per_year: [10, 20, 2e9]", "bad-value", 6, 28, "must be in (0, 1e9], not 2e9"},
      {"cost_per_hour: 58", "cost_per_hour: 1e5", "bad-value", 12, 20,
       "`cost_per_hour` must be in [0, 10000], not 1e5"},
      {"availability: 0.8", "availability: 0.0001", "bad-value", 11, 19,
       "`availability` must be in [0.001, 1], not 0.0001"},
      // Digits too many for a double are out of range, not "not finite".
      {"staff: 2", "staff: 1" + std::string(400, '0'), "bad-value", 10, 12, "`staff` must be in [0.001, 100000]"},
      {"mean: 20min", "mean: 100001h", "bad-duration", 28, 37,
       "longer than 100000h, the longest duration the format accepts"},
      {"mean: 20min", "mean: 0.0001s", "bad-duration", 28, 37, "shorter than 0.001s"},
      // A figure of 309 digits was read as 1e308 hours, and validated.
      {"work: [5min, 10min, 30min]", "work: [5min, 10min, 1" + std::string(308, '0') + "h]", "bad-duration", 22, 25,
       "longer than 100000h"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.to);
    const LoadResult result = load_process(replace(valid_text, c.from, c.to), "p.yaml");
    INFO(test::describe(result.diagnostics));
    REQUIRE(result.diagnostics.size() == 1);
    const Diagnostic& d = result.diagnostics[0];
    CHECK(d.rule == c.rule);
    CHECK(d.location.line == c.line);
    CHECK(d.location.column == c.column);
    CHECK(d.message.english().find(c.says) != std::string::npos);
  }
}

TEST_CASE("a number too close to 0 to tell from 0 is an underflow, not an infinity") {
  // staff: 1e-400 was refused as "must be a finite number".
  const LoadResult staff = load_process(replace(valid_text, "staff: 2", "staff: 1e-400"), "p.yaml");
  REQUIRE(staff.diagnostics.size() == 1);
  CHECK(has(staff.diagnostics, "bad-value", 10, 12));
  CHECK(staff.diagnostics[0].message.english() == "`staff`: 1e-400 is too close to 0 to tell from 0 (an underflow)");
  const LoadResult p = load_process(replace(valid_text, "p: 0.2", "p: 2e-400"), "p.yaml");
  CHECK(has(p.diagnostics, "bad-value", 30, 28));
  const LoadResult work =
      load_process(replace(valid_text, "mean: 20min", "mean: 0." + std::string(330, '0') + "1h"), "p.yaml");
  REQUIRE(work.diagnostics.size() == 1);
  CHECK(has(work.diagnostics, "bad-duration", 28, 37));
  CHECK(work.diagnostics[0].message.english().find("too close to 0 to tell from 0 (an underflow)") != std::string::npos);
  // 0 is 0, however it is written.
  CHECK(load_process(replace(valid_text, "cost_per_hour: 58", "cost_per_hour: 0.0e-400"), "p.yaml").diagnostics.empty());
}

TEST_CASE("durations in days and weeks are in range on the file's own calendar") {
  // 5000d is 40,000 h on 8 hours a day, 120,000 h on 24: more than 100,000.
  const std::string eight = replace(valid_text, "mean: 20min", "mean: 5000d");
  CHECK(load_process(eight, "p.yaml").diagnostics.empty());
  const LoadResult day = load_process(replace(eight, "demand:", "calendar: {hours_per_day: 24}\ndemand:"), "p.yaml");
  REQUIRE(day.diagnostics.size() == 1);
  CHECK(has(day.diagnostics, "bad-duration", 29, 37));
  CHECK(day.diagnostics[0].message.english() ==
        "`work.mean`: '5000d' is 120000 h with 24 h a day: longer than 100000h, the longest duration the format "
        "accepts");
}

TEST_CASE("a measure's factor is at most 1000, and one too close to 0 is an underflow") {
  const std::string change = "  - id: m\n    name: M\n    changes:\n      - where: {activity: check}\n        work: ";
  for (auto [factor, says] : {std::pair{"x1e308", "`work`: a factor must be in [0, 1000], not 'x1e308'"},
                              std::pair{"x1001", "`work`: a factor must be in [0, 1000], not 'x1001'"},
                              std::pair{"x1e-400", "`work`: x1e-400 is too close to 0 to tell from 0"},
                              std::pair{"[x0.5, x0.7, x.inf]", "a factor must be in [0, 1000], not 'x.inf'"}}) {
    CAPTURE(factor);
    const MeasuresLoadResult loaded = load_measures("measures:\n" + change + factor + "\n", "m.yaml");
    INFO(test::describe(loaded.diagnostics));
    REQUIRE(loaded.diagnostics.size() == 1);
    CHECK(loaded.diagnostics[0].rule == "bad-value");
    CHECK(loaded.diagnostics[0].location.line == 6);
    CHECK(loaded.diagnostics[0].message.english().find(says) != std::string::npos);
  }
  CHECK(load_measures("measures:\n" + change + "x1000\n", "m.yaml").diagnostics.empty());
  CHECK(load_measures("measures:\n  - id: m\n    name: M\n    cost: {once: 2e12}\n    changes:\n"
                      "      - where: {activity: check}\n        work: x0.5\n",
                      "m.yaml")
            .diagnostics.size() == 1);
}

TEST_CASE("steps read one at a time give the model and the messages of the whole tree") {
  // The calendar and the defaults after the steps (durations in days need
  // them), a duplicate id, a bad key in a step, an unknown reference, a
  // measure naming a step, and an anchor in a step (read whole).
  const std::string after = R"(paperflow: 1
process: {id: p, name: P}
steps:
  - {id: a, name: A, unit: u, work: 1d, next: b, colour: red}
  - {id: b, name: B, work: 2h, next: c}
  - {id: a, name: A2, unit: u, medium: paper, next: nowhere}
  - {id: c, name: C, end: true}
units: [{id: u, name: U, staff: 1}]
calendar: {hours_per_day: 6}
defaults: {unit: u, medium: digital}
demand: {cases_per_year: 10}
measures:
  - {id: m, name: M, changes: [{where: {id: [b]}, work: x0.5}]}
)";
  const std::string anchored = R"(paperflow: 1
process: {id: p, name: P}
units: [{id: u, name: U, staff: 1}]
steps:
  - {id: a, name: &n A, unit: u, medium: paper, work: 1d, next: b}
  - {id: b, name: *n, unit: u, medium: paper, end: true}
)";
  // The first and the last are streamed; the anchored one is read whole,
  // by the same code as StepReading::whole.
  for (const std::string& text : {after, valid_text}) {
    Diagnostics ignored;
    CHECK(yaml::parse(text, std::make_shared<const std::string>("p.yaml"), ignored, {}, "steps").streamed_list);
  }
  for (const std::string& text : {after, anchored, valid_text}) {
    CAPTURE(text);
    const LoadResult streamed = load_process(text, "p.yaml", StepReading::streamed);
    const LoadResult whole = load_process(text, "p.yaml", StepReading::whole);
    REQUIRE(streamed.diagnostics.size() == whole.diagnostics.size());
    for (std::size_t i = 0; i < whole.diagnostics.size(); ++i) {
      CHECK(streamed.diagnostics[i].rule == whole.diagnostics[i].rule);
      CHECK(streamed.diagnostics[i].location.line == whole.diagnostics[i].location.line);
      CHECK(streamed.diagnostics[i].location.column == whole.diagnostics[i].location.column);
      CHECK(streamed.diagnostics[i].message.english() == whole.diagnostics[i].message.english());
    }
    REQUIRE(streamed.process);
    REQUIRE(whole.process);
    CHECK(write_process_yaml(*streamed.process) == write_process_yaml(*whole.process));
  }
  // The first file: what it says is what the streamed reading found.
  const LoadResult result = load_process(after, "p.yaml");
  CHECK(has(result.diagnostics, "unknown-key", 4, 50));
  CHECK(has(result.diagnostics, "duplicate-id", 6, 10));
  CHECK(has(result.diagnostics, "unknown-reference", 6, 53));
  REQUIRE(result.process);
  CHECK(result.process->steps[0].work.mean() == doctest::Approx(6.0));  // 1 day of 6 hours
  CHECK(result.process->steps[1].medium == Medium::digital);
}
