#include "paperflow/numbers.h"

#include <charconv>
#include <cmath>
#include <string>

#include <doctest/doctest.h>

using namespace paperflow;

TEST_CASE("a number too close to 0 for a double is an underflow, neither 0 nor an infinity") {
  for (const std::string& text : {std::string("1e-400"), std::string("-1e-400"), std::string("0.0001e-330"),
                                  "0." + std::string(400, '0') + "1"}) {
    CAPTURE(text);
    const auto reading = read_yaml_number(text);
    REQUIRE(reading);
    CHECK(reading->underflow);
    CHECK(reading->value == 0);
  }
  for (const std::string& text : {std::string("1e400"), "1" + std::string(400, '0'), std::string("0.0001e330")}) {
    CAPTURE(text);
    const auto reading = read_yaml_number(text);
    REQUIRE(reading);
    CHECK_FALSE(reading->underflow);
    CHECK(std::isinf(reading->value));
  }
  // Zero written any way is 0, not an underflow; a tiny subnormal is a number.
  for (const char* text : {"0", "0.0", "0e-999", ".0", "-0"}) {
    CAPTURE(text);
    CHECK_FALSE(read_yaml_number(text)->underflow);
  }
  CHECK(read_yaml_number("1e-310")->value > 0);
}

TEST_CASE("YAML core numbers: signs, a leading point, exponents, hexadecimal and octal, infinities") {
  CHECK(read_yaml_number("12")->value == 12);
  CHECK(read_yaml_number("-0.5")->value == -0.5);
  CHECK(read_yaml_number("+.5")->value == 0.5);
  CHECK(read_yaml_number("1e3")->value == 1000);
  CHECK(read_yaml_number("0x1F")->value == 31);
  CHECK(read_yaml_number("0o17")->value == 15);
  CHECK(std::isinf(read_yaml_number("-.inf")->value));
  CHECK(std::isnan(read_yaml_number(".nan")->value));
  for (const char* text : {"", "e3", "1e", "1.2.3", "-0x1F", "twelve", "1,5", ". 5", "inf", "nan"}) {
    CAPTURE(text);
    CHECK_FALSE(read_yaml_number(text));
  }
}

TEST_CASE("every range's text, which messages and docs quote, says its bounds") {
  const NumberRange ranges[] = {number_range::hours_per_day, number_range::days_per_year, number_range::cases_per_year,
                                number_range::staff,         number_range::availability,  number_range::cost_per_hour,
                                number_range::cost_eur,      number_range::probability,   number_range::factor};
  for (const NumberRange& range : ranges) {
    const std::string text = range.text;
    CAPTURE(text);
    REQUIRE(text.size() > 4);
    CHECK(text.front() == (range.low_open ? '(' : '['));
    CHECK(text.back() == ']');
    const std::size_t comma = text.find(", ");
    REQUIRE(comma != std::string::npos);
    CHECK(read_yaml_number(text.substr(1, comma - 1))->value == range.low);
    CHECK(read_yaml_number(text.substr(comma + 2, text.size() - comma - 3))->value == range.high);
    CHECK(range.contains(range.high));
    CHECK_FALSE(range.contains(std::nextafter(range.high, HUGE_VAL)));
    CHECK(range.contains(range.low) == !range.low_open);
    CHECK_FALSE(range.contains(std::nan("")));
  }
}

TEST_CASE("plain decimals never have an exponent and read back as the same double") {
  CHECK(plain_decimal(1e-7) == "0.0000001");
  CHECK(plain_decimal(1.5e20) == "150000000000000000000");
  CHECK(plain_decimal(0.1) == "0.1");
  CHECK(plain_decimal(100) == "100");
  CHECK(plain_decimal(0) == "0");
  CHECK(plain_decimal(-2.5e-5) == "-0.000025");
  CHECK(plain_decimal(1.0 / 3, 3) == "0.333");
  CHECK(plain_decimal(2.5, 8) == "2.5");
  CHECK(plain_decimal(123456, 2) == "120000");
  for (double value : {1.0 / 3, 2.7777777777777776e-07, 99999.99999999999, 1e-300, 1.7976931348623157e308}) {
    const std::string text = plain_decimal(value);
    CAPTURE(text);
    CHECK(text.find_first_of("eE") == std::string::npos);
    double read = 0;
    std::from_chars(text.data(), text.data() + text.size(), read);
    CHECK(read == value);
  }
}
