#include "paperflow/process_writer.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <random>

#include <doctest/doctest.h>

#include "paperflow/numbers.h"
#include "test_support.h"

using namespace paperflow;

namespace {

Process with_work(const std::string& work) {
  return *test::valid(test::header() + "steps:\n  - {id: a, name: A, unit: office, medium: paper, work: " + work +
                      ", next: z}\n  - {id: z, name: Z, end: true}\n")
              .process;
}

// The work of the one step as the writer writes it.
std::string written_work(const Process& p) {
  const std::string yaml = write_process_yaml(p, "");
  const std::size_t at = yaml.find("    work: ");
  REQUIRE(at != std::string::npos);
  return yaml.substr(at + 10, yaml.find('\n', at) - at - 10);
}

}  // namespace

TEST_CASE("the writer writes durations as a person would, in the unit with the fewest digits") {
  CHECK(written_work(with_work("10min")) == "10min");
  CHECK(written_work(with_work("[5min, 10min, 20min]")) == "[5min, 10min, 20min]");
  CHECK(written_work(with_work("2h")) == "2h");
  CHECK(written_work(with_work("30s")) == "30s");
  CHECK(written_work(with_work("45min")) == "45min");
  CHECK(written_work(with_work("2d")) == "2d");
  CHECK(written_work(with_work("0.25h")) == "15min");
}

TEST_CASE("every duration the writer writes reads back as exactly the same hours") {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> exponent(-5, 4);
  std::uniform_int_distribution<int> whole(1, 600);
  for (int i = 0; i < 2000; ++i) {
    Process p = with_work("1h");
    // Arbitrary doubles, and the whole seconds and minutes a file holds.
    const double hours = i % 3 == 0 ? std::pow(10.0, exponent(random))
                         : i % 3 == 1 ? whole(random) / 60.0
                                      : whole(random) / 3600.0;
    p.steps[0].work = Distribution::fixed(hours);
    CAPTURE(hours);
    const std::string yaml = write_process_yaml(p, "");
    const ValidationResult again = validate_process(yaml, "again.yaml");
    INFO(test::describe(again.diagnostics));
    REQUIRE(again.valid());
    CHECK(again.process->steps[0].work.a == hours);
  }
}

TEST_CASE("the heading comment stays a comment: one # line a line, a carriage return escaped") {
  const std::string yaml = write_process_yaml(with_work("10min"), "after: none\nfrom x\rsteps: 3.yaml");
  CHECK(yaml.find("# after: none\n# from x\\rsteps: 3.yaml\npaperflow: 1\n") == 0);
  CHECK(validate_process(yaml, "written.yaml").valid());
}

TEST_CASE("names with characters a YAML reader refuses or takes for a line break read back as they were") {
  // DEL, the C1 controls (U+0085 is a line break), the line and paragraph
  // separators, the byte order mark and U+FFFF: a name from a BPMN file or
  // an event log may hold any of them, and libyaml refuses the file or
  // folds the text unless they are escaped; in the heading comment too.
  const std::string odd = "a\x7F b\xC2\x85 c\xC2\x9B d\xE2\x80\xA8 e\xE2\x80\xA9 f\xEF\xBB\xBF g\xEF\xBF\xBF h\x01";
  Process p = with_work("10min");
  p.info.name = odd;
  p.steps[0].name = odd;
  const std::string yaml = write_process_yaml(p, "from " + odd);
  const ValidationResult again = validate_process(yaml, "again.yaml");
  INFO(test::describe(again.diagnostics));
  REQUIRE(again.valid());
  CHECK(again.process->info.name == odd);
  CHECK(again.process->steps[0].name == odd);
}

TEST_CASE("a duration a factor left is written in the unit that fits its size, not in the unit with fewest digits") {
  // 8463h x0.67 was written as 20494549.7682778s and 697.86h x2.17 as
  // 91064.69338124062min: exact, but no person writes a week in seconds.
  for (auto [work, factor] : {std::pair{"8463h", 0.672684685240255}, std::pair{"697.86h", 2.17485583023435},
                              std::pair{"61871.3133min", 2.019447690662418}}) {
    CAPTURE(work);
    Process p = with_work(work);
    p.steps[0].work = p.steps[0].work.scaled(factor, 8);
    const std::string written = written_work(p);
    CAPTURE(written);
    CHECK(written.back() == 'h');
    CHECK(written.find("min") == std::string::npos);
    CHECK(test::valid(write_process_yaml(p, "")).process->steps[0].work.a == p.steps[0].work.a);
  }
  Process tenth = with_work("0.1s");
  tenth.steps[0].work = tenth.steps[0].work.scaled(0.7, 8);
  CHECK(written_work(tenth) == "0.07s");
  CHECK(written_work(with_work("90min")) == "1.5h");
  CHECK(written_work(with_work("[1d, 1wk, 2wk]")) == "[1d, 1wk, 2wk]");
}

namespace {

// A duration as a person might write it, anywhere in the format's range
// on a calendar of `hours_per_day`, in one of the five units.
std::string any_duration(std::mt19937_64& random, double hours_per_day) {
  static const char* const units[] = {"s", "min", "h", "d", "wk"};
  const double hours_each[] = {1 / 3600.0, 1 / 60.0, 1, hours_per_day, 5 * hours_per_day};
  const std::size_t unit = std::uniform_int_distribution<std::size_t>(0, 4)(random);
  const double low = std::log10(min_duration_hours / hours_each[unit]);
  const double high = std::log10(max_duration_hours / hours_each[unit]);
  const double value = std::pow(10.0, std::uniform_real_distribution<double>(low, high)(random));
  return plain_decimal(value, std::uniform_int_distribution<int>(1, 17)(random)) + units[unit];
}

}  // namespace

TEST_CASE("every distribution the reader accepts reads back exactly from the written process") {
  // Fixed values, three-point estimates and the written-out distributions,
  // from a millisecond to 100,000 hours in every unit, on calendars of 8
  // and 7.8 hours, as read and with the noise a measure's factor leaves.
  std::mt19937_64 random(1818);
  int compared = 0;
  for (int i = 0; i < 3000; ++i) {
    const double hours_per_day = i % 2 ? 7.8 : 8;
    std::string points[3];
    for (std::string& point : points) point = any_duration(random, hours_per_day);
    std::sort(std::begin(points), std::end(points), [&](const std::string& x, const std::string& y) {
      return parse_duration(x)->in_hours(hours_per_day) < parse_duration(y)->in_hours(hours_per_day);
    });
    const std::string forms[] = {
        points[1],
        "[" + points[0] + ", " + points[1] + ", " + points[2] + "]",
        "{dist: triangular, min: " + points[0] + ", mode: " + points[1] + ", max: " + points[2] + "}",
        "{dist: uniform, min: " + points[0] + ", max: " + points[2] + "}",
        "{dist: exponential, mean: " + points[1] + "}",
        "{dist: lognormal, mean: " + points[1] + ", sd: " + points[0] + "}",
    };
    const std::string& work = forms[static_cast<std::size_t>(i) % std::size(forms)];
    CAPTURE(work);
    const ValidationResult read = validate_process(
        "paperflow: 1\nprocess: {id: t, name: T}\ncalendar: {hours_per_day: " + plain_decimal(hours_per_day) +
            "}\nunits:\n  - {id: office, name: Amt, staff: 1}\nsteps:\n  - {id: a, name: A, unit: office, medium: "
            "paper, work: " + work + ", delay: " + points[2] + ", next: z}\n  - {id: z, name: Z, end: true}\n",
        "read.yaml");
    // A uniform needs min < max, and the generator may give two equal points.
    if (!read.valid()) continue;
    Process p = *read.process;
    if (i % 3 == 0) {
      const Distribution scaled = p.steps[0].work.scaled(std::uniform_real_distribution<double>(0.01, 2)(random), hours_per_day);
      if (!scaled.out_of_range()) p.steps[0].work = scaled;
    }
    const std::string yaml = write_process_yaml(p, "");
    CAPTURE(yaml);
    const ValidationResult again = validate_process(yaml, "again.yaml");
    INFO(test::describe(again.diagnostics));
    REQUIRE(again.valid());
    for (auto member : {&Step::work, &Step::delay}) {
      const Distribution &before = p.steps[0].*member, &after = again.process->steps[0].*member;
      CHECK(after.kind == before.kind);
      CHECK(after.a == before.a);
      CHECK(after.b == before.b);
      CHECK(after.c == before.c);
      CHECK(after.working_days == before.working_days);
    }
    ++compared;
  }
  CHECK(compared > 2500);
}
