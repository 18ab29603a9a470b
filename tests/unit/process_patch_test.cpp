// Patching measured values into a process file: the values read back
// exactly, every other value and every comment of the source stays, and a
// file that cannot be patched in place is written anew and says what is lost.
#include "paperflow/process_patch.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>

#include "paperflow/numbers.h"
#include "test_support.h"

using namespace paperflow;
namespace fs = std::filesystem;

namespace {

Process loaded(const std::string& text) { return *test::valid(text).process; }

bool same(const Distribution& a, const Distribution& b) {
  return a.kind == b.kind && a.a == b.a && a.b == b.b && a.c == b.c;
}

// The comments of a text, each from `#` to the end of its line: a `#` first
// on its line or after a blank, outside double quotes.
std::vector<std::string> comments_of(const std::string& text) {
  std::vector<std::string> comments;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '"') quoted = !quoted;
      if (!quoted && line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
        comments.push_back(line.substr(i));
        break;
      }
    }
  }
  return comments;
}

// New values for most steps, in every kind the format writes: a fixed
// duration, a three-point estimate, a lognormal; a delay added where a step
// has none; one step in four left as written. New shares for every choice.
ProcessPatch measured_values(const Process& process) {
  ProcessPatch patch;
  patch.cases_per_year = 4321.5;
  patch.comment = "Calibrated from the log.\nSteps the log never shows: none";
  const std::size_t n = process.steps.size();
  patch.work.resize(n);
  patch.delay.resize(n);
  patch.p.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Step& step = process.steps[i];
    if (step.end || i % 4 == 3) continue;
    const double h = 0.1 + 0.0123456789 * static_cast<double>(i + 1);
    // Work needs a unit: a pure delay without one keeps its work of 0.
    if (step.unit) switch (i % 3) {
      case 0: patch.work[i] = Distribution::fixed(h); break;
      case 1: patch.work[i] = Distribution::triangular(h / 2, h, 3 * h); break;
      default: patch.work[i] = Distribution::lognormal(h, h / 3); break;
    }
    if (i % 2 == 0) patch.delay[i] = Distribution::fixed(7.25 + static_cast<double>(i));
    if (step.routing.kind == Routing::Kind::choice) {
      const std::size_t choices = step.routing.choices.size();
      double rest = 1;
      for (std::size_t k = 0; k + 1 < choices; ++k) {
        const double share = (k == 0 && i % 2 == 1) ? 0.00001 : 0.37 / static_cast<double>(choices);
        patch.p[i].push_back(share);
        rest -= share;
      }
      patch.p[i].push_back(rest);
    }
  }
  return patch;
}

// Patches `source` with measured_values and checks what the header
// promises: a valid file, the new values exactly, the others unchanged,
// every comment kept. Returns the patched text.
std::string check_patch(const std::string& source, bool expect_in_place = true) {
  const Process before = loaded(source);
  const ProcessPatch patch = measured_values(before);
  const PatchedText patched = patch_process_text(source, before, patch);
  INFO(patched.text);
  std::string lost;
  for (const std::string& what : patched.lost) lost += what + "\n";
  INFO(lost);
  CHECK(test::describe(patched.diagnostics) == "");
  if (expect_in_place) {
    CHECK(patched.comments_kept);
    CHECK(patched.lost.empty());
    for (const std::string& comment : comments_of(source)) {
      CAPTURE(comment);
      CHECK(patched.text.find(comment) != std::string::npos);
    }
    CHECK(patched.text.find("# Calibrated from the log.") == 0);
  }
  const Process after = loaded(patched.text);
  CHECK(after.cases_per_year == 4321.5);
  CHECK(!after.cases_per_year_range);
  REQUIRE(after.steps.size() == before.steps.size());
  for (std::size_t i = 0; i < before.steps.size(); ++i) {
    CAPTURE(before.steps[i].id);
    CHECK(same(after.steps[i].work, patch.work[i] ? *patch.work[i] : before.steps[i].work));
    CHECK(same(after.steps[i].delay, patch.delay[i] ? *patch.delay[i] : before.steps[i].delay));
    REQUIRE(after.steps[i].routing.choices.size() == before.steps[i].routing.choices.size());
    for (std::size_t k = 0; k < before.steps[i].routing.choices.size(); ++k) {
      const double expected = k < patch.p[i].size() ? *patch.p[i][k] : before.steps[i].routing.choices[k].p;
      CHECK(after.steps[i].routing.choices[k].p == expected);
    }
    CHECK(after.steps[i].name == before.steps[i].name);
  }
  CHECK(after.measures.size() == before.measures.size());
  return patched.text;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string crlf(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
  return out;
}

// Flow-style steps, defaults, a step without delay, comments everywhere, a
// UTF-8 name, a block distribution with a comment in it, block choices.
const std::string hand_written =
    "# Kopf: Werte aus dem Workshop\n"
    "paperflow: 1   # Version\n"
    "process: {id: t, name: \"Prüfung #1: Anträge\"}  # Name mit Raute\n"
    "calendar: {hours_per_day: 8, days_per_year: 250}\n"
    "demand: {cases_per_year: [800, 1000, 1500]}  # Spanne\n"
    "defaults: {unit: amt, medium: paper}\n"
    "units:\n"
    "  - {id: amt, name: Ämt, staff: 3, cost_per_hour: 60}\n"
    "  - {id: bürger, name: Bürger:in, external: true}\n"
    "steps:\n"
    "  # the applicant\n"
    "  - {id: ausfüllen, name: Formular ausfüllen, unit: bürger, work: 15min,\n"
    "     next: prüfen}   # no delay here\n"
    "  - id: prüfen\n"
    "    name: Prüfen\n"
    "    work:                 # estimate\n"
    "      dist: lognormal     # from the workshop\n"
    "      mean: 4h\n"
    "      # sd guessed\n"
    "      sd: 3h\n"
    "    delay: 2d                       # post in transit\n"
    "    next:\n"
    "      - to: nachfordern   # rework\n"
    "        p: 0.2\n"
    "        rework: true\n"
    "      - {to: erfassen, p: 0.8}\n"
    "  - id: nachfordern\n"
    "    name: Nachfordern\n"
    "    work: [6min,   # min\n"
    "           12min, 18min]\n"
    "    next: prüfen\n"
    "  - id: erfassen\n"
    "    name: Erfassen\n"
    "    next: fertig\n"
    "  - {id: fertig, name: Fertig, end: true}\n"
    "# the end\n";

}  // namespace

TEST_CASE("every example patched with measured values reads back with exactly those values and keeps its comments") {
  int files = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(PAPERFLOW_EXAMPLES)) {
    if (entry.path().extension() != ".yaml") continue;
    CAPTURE(entry.path().string());
    check_patch(read(entry.path()));
    ++files;
  }
  CHECK(files >= 5);
}

TEST_CASE("a hand-written file with flow steps, defaults, block values and comments everywhere is patched in place") {
  const std::string text = check_patch(hand_written);
  // The defaults stay as written; a step that took no work writes it now.
  CHECK(text.find("defaults: {unit: amt, medium: paper}\n") != std::string::npos);
  // A comment inside a replaced value moves above its key.
  CHECK(text.find("    # estimate\n    # from the workshop\n    # sd guessed\n    work: [") != std::string::npos);
}

TEST_CASE("a file with CRLF line endings is patched with CRLF lines") {
  const std::string text = check_patch(crlf(hand_written));
  CHECK(text.find("\r\n") != std::string::npos);
  std::size_t bare = 0;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) ++bare;
  CHECK(bare == 0);
}

TEST_CASE("a key the step does not write is added after work in a block step and at the end of the flow key") {
  const std::string source = test::header() +
                             "steps:\n"
                             "  - {id: a, name: A, unit: office, medium: paper, work: 10min, next: b}\n"
                             "  - id: b\n"
                             "    name: B\n"
                             "    unit: office\n"
                             "    medium: paper\n"
                             "    work: 5min  # short\n"
                             "    next: z\n"
                             "  - {id: z, name: Z, end: true}\n";
  ProcessPatch patch;
  patch.delay = {Distribution::fixed(2), Distribution::fixed(0.5)};
  const PatchedText patched = patch_process_text(source, loaded(source), patch);
  CHECK(patched.comments_kept);
  CHECK(patched.text == test::header() +
                            "steps:\n"
                            "  - {id: a, name: A, unit: office, medium: paper, work: 10min, delay: 2h, next: b}\n"
                            "  - id: b\n"
                            "    name: B\n"
                            "    unit: office\n"
                            "    medium: paper\n"
                            "    work: 5min  # short\n"
                            "    delay: 30min\n"
                            "    next: z\n"
                            "  - {id: z, name: Z, end: true}\n");
}

TEST_CASE("measured values replace the modelled ones in the format's spelling, comments keep their column") {
  const std::string source =
      "paperflow: 1\n"
      "process: {id: t, name: T}\n"
      "demand:\n"
      "  cases_per_year: 3200    # estimate\n"
      "units:\n"
      "  - {id: office, name: Amt, staff: 2}\n"
      "steps:\n"
      "  - id: a\n"
      "    name: A\n"
      "    unit: office\n"
      "    medium: paper\n"
      "    work: [6min, 12min, 18min]      # workshop estimate\n"
      "    delay: 2d                       # post in transit\n"
      "    next:\n"
      "      - {to: a, p: 0.2, rework: true}\n"
      "      - {to: z, p: 0.8}\n"
      "  - {id: z, name: Z, end: true}\n";
  ProcessPatch patch;
  patch.cases_per_year = 2875;
  patch.work = {Distribution::lognormal(0.25, 0.1)};
  patch.delay = {Distribution::fixed(20)};
  patch.p = {{0.00001, 0.99999}};
  const PatchedText patched = patch_process_text(source, loaded(source), patch);
  CHECK(patched.lost.empty());
  CHECK(patched.text ==
        "paperflow: 1\n"
        "process: {id: t, name: T}\n"
        "demand:\n"
        "  cases_per_year: 2875    # estimate\n"
        "units:\n"
        "  - {id: office, name: Amt, staff: 2}\n"
        "steps:\n"
        "  - id: a\n"
        "    name: A\n"
        "    unit: office\n"
        "    medium: paper\n"
        "    work: {dist: lognormal, mean: 15min, sd: 6min} # workshop estimate\n"
        "    delay: 2.5d                     # post in transit\n"
        "    next:\n"
        "      - {to: a, p: 0.00001, rework: true}\n"
        "      - {to: z, p: 0.99999}\n"
        "  - {id: z, name: Z, end: true}\n");
}

TEST_CASE("a value measured as modelled keeps its spelling") {
  const std::string source = test::header() +
                             "steps:\n"
                             "  - {id: a, name: A, unit: office, medium: paper, work: 0.25h, next: z}\n"
                             "  - {id: z, name: Z, end: true}\n";
  ProcessPatch patch;
  patch.work = {Distribution::fixed(0.25)};
  CHECK(patch_process_text(source, loaded(source), patch).text == source);
}

TEST_CASE("a file without demand gets one after the calendar") {
  const std::string source =
      "paperflow: 1\n"
      "process: {id: t, name: T}\n"
      "calendar: {hours_per_day: 8}\n"
      "units: [{id: office, name: Amt, staff: 2}]\n"
      "steps: [{id: a, name: A, unit: office, medium: paper, work: 5min, next: z}, {id: z, name: Z, end: true}]\n";
  ProcessPatch patch;
  patch.cases_per_year = 1200;
  patch.work = {Distribution::fixed(0.1)};
  const PatchedText patched = patch_process_text(source, loaded(source), patch);
  CHECK(patched.text ==
        "paperflow: 1\n"
        "process: {id: t, name: T}\n"
        "calendar: {hours_per_day: 8}\n"
        "demand: {cases_per_year: 1200}\n"
        "units: [{id: office, name: Amt, staff: 2}]\n"
        "steps: [{id: a, name: A, unit: office, medium: paper, work: 6min, next: z}, {id: z, name: Z, end: true}]\n");
}

TEST_CASE("a value behind an anchor and alias is not patched in place: the file is written anew and says what is lost") {
  const std::string source = test::header() +
                             "# a comment\n"
                             "steps:\n"
                             "  - {id: a, name: A, unit: office, medium: paper, work: &w 10min, next: b}\n"
                             "  - {id: b, name: B, unit: office, medium: paper, work: *w, next: z}\n"
                             "  - {id: z, name: Z, end: true}\n";
  ProcessPatch patch;
  patch.work = {Distribution::fixed(1)};
  const PatchedText patched = patch_process_text(source, loaded(source), patch);
  CHECK(!patched.comments_kept);
  REQUIRE(!patched.lost.empty());
  CHECK(patched.lost[0].find("written anew") != std::string::npos);
  CHECK(patched.diagnostics.empty());
  const Process after = loaded(patched.text);
  CHECK(after.steps[0].work.a == 1);
  CHECK(after.steps[1].work.a == 10.0 / 60);
}

TEST_CASE("a new value the format refuses is reported as the loader's error") {
  const std::string source = test::header() +
                             "steps:\n"
                             "  - {id: a, name: A, unit: office, medium: paper, work: 10min, next: z}  # kept\n"
                             "  - {id: z, name: Z, end: true}\n";
  ProcessPatch patch;
  patch.work = {Distribution::fixed(1e6)};
  const PatchedText patched = patch_process_text(source, loaded(source), patch);
  REQUIRE(!patched.diagnostics.empty());
  CHECK(patched.diagnostics[0].rule == "bad-duration");
  CHECK(patched.comments_kept);
}

TEST_CASE("a measured delay stays in days where the source wrote days, unless the days take many more digits") {
  auto patched_delay = [](const std::string& calendar, double hours) {
    const std::string source = "paperflow: 1\nprocess: {id: t, name: T}\ncalendar: " + calendar +
                               "\nunits: [{id: office, name: Amt, staff: 2}]\n"
                               "steps:\n  - {id: a, name: A, unit: office, medium: paper, delay: 2d, next: z}\n"
                               "  - {id: z, name: Z, end: true}\n";
    ProcessPatch patch;
    patch.delay = {Distribution::fixed(hours)};
    const std::string text = patch_process_text(source, loaded(source), patch).text;
    CHECK(loaded(text).steps[0].delay.a == hours);
    const std::size_t at = text.find("delay: ");
    return text.substr(at + 7, text.find(',', at) - at - 7);
  };
  CHECK(patched_delay("{hours_per_day: 8}", 20) == "2.5d");
  CHECK(patched_delay("{hours_per_day: 7.8}", 20) == "20h");
}
