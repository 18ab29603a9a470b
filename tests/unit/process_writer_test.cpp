#include "paperflow/process_writer.h"

#include <cmath>
#include <random>

#include <doctest/doctest.h>

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
