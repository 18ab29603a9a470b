#include "paperflow/duration.h"

#include <cmath>
#include <random>
#include <string>

#include <doctest/doctest.h>

#include "paperflow/numbers.h"

using namespace paperflow;

TEST_CASE("durations are read in working hours, days and weeks on the calendar") {
  CHECK(*parse_duration_hours("30s", 8) == doctest::Approx(30.0 / 3600));
  CHECK(*parse_duration_hours("15min", 8) == doctest::Approx(0.25));
  CHECK(*parse_duration_hours("1.5h", 8) == 1.5);
  CHECK(*parse_duration_hours("2d", 8) == 16);
  CHECK(*parse_duration_hours("2d", 7.8) == doctest::Approx(15.6));
  CHECK(*parse_duration_hours("1wk", 8) == 40);
  CHECK(*parse_duration_hours("0", 8) == 0);
  CHECK(*parse_duration_hours(".5h", 8) == 0.5);
}

TEST_CASE("a duration in days or weeks keeps its working days until the calendar is known") {
  CHECK(parse_duration("2d")->working_days == 2);
  CHECK(parse_duration("2d")->hours == 0);
  CHECK(parse_duration("1wk")->working_days == 5);
  CHECK(parse_duration("90min")->hours == doctest::Approx(1.5));
  CHECK(parse_duration("90min")->working_days == 0);
  CHECK(parse_duration("0")->in_hours(8) == 0);

  // [4h, 1d, 2d] read on 8 h a day, then put on a calendar of 6 h a day:
  // the days follow, the hours stay.
  Distribution d = Distribution::written(Distribution::Kind::triangular,
                                         {*parse_duration("4h"), *parse_duration("1d"), *parse_duration("2d")}, 8);
  CHECK(d.a == 4);
  CHECK(d.b == 8);
  CHECK(d.c == 16);
  Distribution six = d.on_calendar(6);
  CHECK(six.a == 4);
  CHECK(six.b == 6);
  CHECK(six.c == 12);
  CHECK(six.well_formed());
  CHECK_FALSE(d.on_calendar(3).well_formed());  // 4 h > 1 d of 3 h
  // A factor scales the days as well: x0.5 of 2d is 1d on any calendar.
  CHECK(d.scaled(0.5, 8).on_calendar(6).c == 6);
  // Parameters the kind does not take stay 0.
  Distribution fixed = Distribution::written(Distribution::Kind::fixed, {*parse_duration("1d"), *parse_duration("3h")}, 8);
  CHECK(fixed.a == 8);
  CHECK(fixed.b == 0);
  CHECK(fixed.working_days[1] == 0);
}

TEST_CASE("a factor of 0 leaves a fixed 0 of any distribution, which the format can hold") {
  for (Distribution d : {Distribution::lognormal(0.5, 0.1), Distribution::exponential(1), Distribution::uniform(1, 2),
                         Distribution::triangular(1, 2, 3)}) {
    CAPTURE(to_string(d.kind));
    const Distribution none = d.scaled(0, 8);
    CHECK(none.is_zero());
    CHECK(none.well_formed());
  }
}

TEST_CASE("malformed durations are refused with a message naming the accepted units") {
  for (const char* text : {"15 min", "-2h", "+2h", "15m", "2days", "5", "h", "", "1e3h", "1.2.3h", "nanh", "2 d"}) {
    Diagnostic problem;
    CAPTURE(text);
    CHECK_FALSE(parse_duration_hours(text, 8, &problem).has_value());
    CHECK_FALSE(problem.message.english().empty());
    CHECK(problem.rule == "bad-duration");
    CHECK(problem.location.line == 0);  // the caller knows where the text stands
  }
  Diagnostic problem;
  parse_duration_hours("15m", 8, &problem);
  CHECK(problem.message.english().find("s, min, h, d") != std::string::npos);
  parse_duration_hours("15 min", 8, &problem);
  CHECK(problem.message.english().find("space") != std::string::npos);
  parse_duration_hours("5", 8, &problem);
  CHECK(problem.message.english().find("no unit") != std::string::npos);
}

TEST_CASE("distributions have the spec's mean and variance") {
  Distribution fixed = Distribution::fixed(2);
  CHECK(fixed.mean() == 2);
  CHECK(fixed.variance() == 0);
  CHECK(fixed.second_moment() == 4);

  // Triangular (1, 2, 6): mean 3, variance (1+4+36-2-6-12)/18 = 21/18.
  Distribution triangular = Distribution::triangular(1, 2, 6);
  CHECK(triangular.mean() == doctest::Approx(3));
  CHECK(triangular.variance() == doctest::Approx(21.0 / 18));
  CHECK(triangular.second_moment() == doctest::Approx(9 + 21.0 / 18));

  Distribution uniform = Distribution::uniform(2, 8);
  CHECK(uniform.mean() == 5);
  CHECK(uniform.variance() == doctest::Approx(3));

  Distribution exponential = Distribution::exponential(4);
  CHECK(exponential.mean() == 4);
  CHECK(exponential.variance() == 16);
  CHECK(exponential.second_moment() == 32);

  Distribution lognormal = Distribution::lognormal(3, 1.5);
  CHECK(lognormal.mean() == 3);
  CHECK(lognormal.variance() == doctest::Approx(2.25));

  Distribution scaled = triangular.scaled(0.5, 8);
  CHECK(scaled.mean() == doctest::Approx(1.5));
  CHECK(scaled.variance() == doctest::Approx(21.0 / 18 / 4));
}

TEST_CASE("durations are formatted as a person reads them") {
  CHECK(format_duration(0.25, 8) == "15 min");
  CHECK(format_duration(25.0 / 60, 8) == "25 min");
  CHECK(format_duration(1.5, 8) == "1.5 h");
  CHECK(format_duration(16, 8) == "2 d");
  CHECK(format_duration(30.0 / 3600, 8) == "30 s");
  CHECK(format_duration(0, 8) == "0");
}

TEST_CASE("a decimal comma is refused with a hint to write a decimal point") {
  Diagnostic problem;
  CHECK_FALSE(parse_duration_hours("1,5h", 8, &problem).has_value());
  CHECK(problem.message.english().find("decimal point: 1.5h") != std::string::npos);
  CHECK_FALSE(parse_duration_hours("2,25min", 8, &problem).has_value());
  CHECK(problem.message.english().find("2.25min") != std::string::npos);
}

TEST_CASE("a duration is at least a millisecond and at most 100,000 hours, on the calendar in force") {
  CHECK(*parse_duration_hours("0.001s", 8) == min_duration_hours);
  CHECK(*parse_duration_hours("100000h", 8) == max_duration_hours);
  CHECK(*parse_duration_hours("6000000min", 8) == max_duration_hours);
  CHECK(*parse_duration_hours("12500d", 8) == max_duration_hours);
  CHECK(*parse_duration_hours("2500wk", 8) == max_duration_hours);
  CHECK(*parse_duration_hours("0.000h", 8) == 0);  // 0 in any unit is 0, not too short
  struct Case {
    std::string text;
    double hours_per_day;
    const char* says;
  };
  const Case refused[] = {
      {"0.0009s", 8, "shorter than 0.001s"},
      {"100000.1h", 8, "longer than 100000h"},
      {"360000001s", 8, "longer than 100000h"},
      {"12501d", 8, "'12501d' is 100008 h with 8 h a day: longer than 100000h"},
      {"5000d", 24, "120000 h with 24 h a day"},
      {"0.0000001d", 1, "shorter than 0.001s"},
      // A figure of 309 digits was read as 1e308 hours and validated.
      {"1" + std::string(308, '0') + "h", 8, "longer than 100000h"},
      {"1" + std::string(400, '0') + "d", 8, "longer than 100000h"},
      {"0." + std::string(400, '0') + "1s", 8, "too close to 0 to tell from 0 (an underflow)"},
  };
  for (const Case& c : refused) {
    CAPTURE(c.text);
    Diagnostic problem;
    CHECK_FALSE(parse_duration_hours(c.text, c.hours_per_day, &problem));
    CHECK(problem.rule == "bad-duration");
    CHECK(problem.message.english().find(c.says) != std::string::npos);
  }
  // The same days are in range on a shorter day: the range is in hours.
  CHECK(*parse_duration_hours("5000d", 8) == 40000);
}

TEST_CASE("a factor or a calendar can take a distribution out of the range, which says how") {
  CHECK_FALSE(Distribution::triangular(1, 2, 100).out_of_range());
  CHECK(Distribution::triangular(1, 2, 101).scaled(1000, 8).out_of_range().value_or(Phrase{}).english() ==
        "longer than 100000h, the longest duration the format accepts");
  CHECK(Distribution::fixed(1).scaled(1e-7, 8).out_of_range().value_or(Phrase{}).english() ==
        "shorter than 0.001s, the shortest duration other than 0 the format accepts");
  CHECK_FALSE(Distribution::fixed(1).scaled(0, 8).out_of_range());
  // Only the parameters of the kind count: a uniform has no mode.
  CHECK_FALSE(Distribution{Distribution::Kind::uniform, 1, 1e9, 2}.out_of_range());
  CHECK(Distribution::lognormal(1, 2e5).out_of_range());
  Distribution days = Distribution::written(Distribution::Kind::fixed, {*parse_duration("5000d")}, 8);
  CHECK_FALSE(days.out_of_range());
  CHECK(days.on_calendar(24).out_of_range());
}

namespace {

// A duration as a person might write it, anywhere in the format's range:
// a number of 1 to 17 significant digits, log-uniform between the shortest
// and the longest duration in that unit (on a calendar of 8 hours), in one
// of the five units.
std::string any_duration(std::mt19937_64& random) {
  static const char* const units[] = {"s", "min", "h", "d", "wk"};
  static const double hours_each[] = {1 / 3600.0, 1 / 60.0, 1, 8, 40};
  const std::size_t unit = std::uniform_int_distribution<std::size_t>(0, 4)(random);
  const double low = std::log10(min_duration_hours / hours_each[unit]);
  const double high = std::log10(max_duration_hours / hours_each[unit]);
  const double value = std::pow(10.0, std::uniform_real_distribution<double>(low, high)(random));
  const int digits = std::uniform_int_distribution<int>(1, 17)(random);
  return plain_decimal(value, digits) + units[unit];
}

}  // namespace

TEST_CASE("every duration the reader accepts is written as text that reads back as exactly the same") {
  std::mt19937_64 random(18);
  std::uniform_real_distribution<double> factor(0, 3);
  int tried = 0;
  for (int i = 0; i < 30000; ++i) {
    const std::string text = any_duration(random);
    const std::optional<Duration> read = parse_duration(text);
    if (!read || check_duration_range(text, *read, 8)) continue;  // rounded just outside the range
    ++tried;
    // As read, and with the noise a factor leaves (3min x0.2 is no exact 36s).
    Duration duration = *read;
    if (i % 2 == 1) {
      const double f = factor(random);
      duration = Duration{read->hours * f, read->working_days * f};
      if (duration_out_of_range(duration.in_hours(8))) continue;
    }
    const std::string written = write_duration(duration);
    CAPTURE(text);
    CAPTURE(written);
    const std::optional<Duration> again = parse_duration(written);
    REQUIRE(again);
    CHECK(again->hours == duration.hours);
    CHECK(again->working_days == duration.working_days);
    CHECK(written.find_first_of("eE") == std::string::npos);
    // In working days as it was. Written in the unit that fits its size
    // (no 0.5h for 30 minutes) when the text it was read from proves that
    // unit has an exact text: a factor's noise, or 0.0001h, may have none
    // (dividing by 3600 can skip a double), and then the next unit that has.
    CHECK((duration.working_days != 0) == (written.back() == 'd' || written.back() == 'k'));
    const auto unit_of = [](const std::string& t) { return t.substr(t.find_first_not_of("0123456789.")); };
    const double hours = duration.hours;
    const std::string fits = hours < 1.0 / 60 ? "s" : hours < 1 ? "min" : "h";
    if (i % 2 == 0 && hours != 0 && unit_of(text) == fits) {
      if (fits == "s") CHECK(unit_of(written) == "s");
      if (fits == "min") CHECK(unit_of(written) != "h");
    }
  }
  CHECK(tried > 20000);
}

TEST_CASE("a duration is written in the unit that fits, with the digits a person writes") {
  auto written = [](const std::string& text) { return write_duration(*parse_duration(text)); };
  CHECK(written("0.1s") == "0.1s");
  CHECK(written("30s") == "30s");
  CHECK(written("90s") == "1.5min");
  CHECK(written("15min") == "15min");
  CHECK(written("0.25h") == "15min");
  CHECK(written("90min") == "1.5h");
  CHECK(written("100min") == "100min");  // not 1.6666666666666667h
  CHECK(written("2.25h") == "2.25h");
  CHECK(written("0.001s") == "0.001s");
  CHECK(written("100000h") == "100000h");
  CHECK(written("5d") == "1wk");
  CHECK(written("10d") == "2wk");
  CHECK(written("3d") == "3d");
  CHECK(written("0.6wk") == "3d");
  CHECK(written("0") == "0");
  // Noise a factor left: the fitting unit, with the digits that make it exact.
  const Duration noisy{*parse_duration_hours("8463h", 8) * 0.672684685240255, 0};
  CHECK(written(write_duration(noisy)) == write_duration(noisy));
  CHECK(write_duration(noisy).back() == 'h');
  CHECK(write_duration(Duration{*parse_duration_hours("0.1s", 8) * 0.7, 0}) == "0.07s");
}
