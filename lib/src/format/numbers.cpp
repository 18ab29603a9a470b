#include "paperflow/numbers.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include <fmt/format.h>

namespace paperflow {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The power of ten of the first digit other than 0 of a number from_chars
// found out of range (2 for 123e0, -3 for 0.00123): negative means too
// close to 0, else too large. The exponent saturates, as any exponent of
// six digits is out of range either way.
long decimal_magnitude(std::string_view mantissa, std::string_view exponent) {
  long magnitude = 0;
  bool found = false, after_point = false;
  long digits_before_point = 0, zeros_after_point = 0;
  for (char c : mantissa) {
    if (c == '.') {
      after_point = true;
      continue;
    }
    if (!after_point) {
      if (found || c != '0') found = true, ++digits_before_point;
    } else if (!found) {
      if (c == '0') ++zeros_after_point;
      else found = true;
    }
  }
  magnitude = digits_before_point > 0 ? digits_before_point - 1 : -(zeros_after_point + 1);
  bool negative = false;
  if (!exponent.empty() && (exponent.front() == '+' || exponent.front() == '-')) {
    negative = exponent.front() == '-';
    exponent.remove_prefix(1);
  }
  long power = 0;
  for (char c : exponent) power = std::min(power * 10 + (c - '0'), 1'000'000L);
  return magnitude + (negative ? -power : power);
}

}  // namespace

std::optional<NumberReading> read_decimal(std::string_view text) {
  // [0-9]* ( . [0-9]* )? with at least one digit, then an optional exponent.
  std::size_t i = 0, digits = 0;
  bool nonzero = false;
  while (i < text.size() && is_digit(text[i])) nonzero |= text[i] != '0', ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_digit(text[i])) nonzero |= text[i] != '0', ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  const std::size_t mantissa_end = i;
  std::size_t exponent_begin = i;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    exponent_begin = ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    std::size_t exponent_digits = 0;
    while (i < text.size() && is_digit(text[i])) ++i, ++exponent_digits;
    if (exponent_digits == 0) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  // from_chars wants a digit before the point, which the format does not.
  std::string copy = text.front() == '.' ? "0" + std::string(text) : std::string(text);
  NumberReading reading;
  auto [end, error] = std::from_chars(copy.data(), copy.data() + copy.size(), reading.value);
  if (error == std::errc::result_out_of_range) {
    const std::string_view exponent = exponent_begin == mantissa_end ? std::string_view{} : text.substr(exponent_begin);
    if (decimal_magnitude(text.substr(0, mantissa_end), exponent) < 0) reading.value = 0, reading.underflow = true;
    else reading.value = HUGE_VAL;
    return reading;
  }
  if (error != std::errc() || end != copy.data() + copy.size()) return std::nullopt;
  // Some libraries round a tiny number to 0 without saying so.
  if (reading.value == 0 && nonzero) reading.underflow = true;
  return reading;
}

std::optional<NumberReading> read_yaml_number(std::string_view text) {
  if (text == ".nan" || text == ".NaN" || text == ".NAN") return NumberReading{std::nan(""), false};
  std::string_view body = text;
  bool negative = false;
  if (!body.empty() && (body.front() == '+' || body.front() == '-')) {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  if (body == ".inf" || body == ".Inf" || body == ".INF") return NumberReading{negative ? -HUGE_VAL : HUGE_VAL, false};
  if (body.empty()) return std::nullopt;
  if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'o')) {
    if (body.size() != text.size()) return std::nullopt;  // YAML's hexadecimal and octal have no sign
    unsigned long long value = 0;
    const int base = body[1] == 'x' ? 16 : 8;
    auto [end, error] = std::from_chars(body.data() + 2, body.data() + body.size(), value, base);
    if (error == std::errc::result_out_of_range) return NumberReading{HUGE_VAL, false};
    if (error != std::errc() || end != body.data() + body.size()) return std::nullopt;
    return NumberReading{static_cast<double>(value), false};
  }
  // YAML 1.2 core: a number starts with a digit or a point, never with "e".
  if (!is_digit(body.front()) && body.front() != '.') return std::nullopt;
  auto reading = read_decimal(body);
  if (reading && negative) reading->value = -reading->value;
  return reading;
}

std::string plain_decimal(double value, int significant_digits) {
  if (value == 0) return "0";
  std::string text =
      significant_digits > 0 ? fmt::format("{:.{}e}", value, significant_digits - 1) : fmt::format("{}", value);
  std::string sign;
  if (!text.empty() && text.front() == '-') sign = "-", text.erase(0, 1);
  const std::size_t e = text.find_first_of("eE");
  std::string digits = text.substr(0, e);
  int exponent = 0;
  if (e != std::string::npos) {
    std::from_chars(text.data() + e + 1 + (text[e + 1] == '+'), text.data() + text.size(), exponent);
  }
  const std::size_t point = digits.find('.');
  // Digits before the point once the exponent is applied.
  int before = static_cast<int>(point == std::string::npos ? digits.size() : point) + exponent;
  if (point != std::string::npos) digits.erase(point, 1);
  std::string plain;
  if (before <= 0) plain = "0." + std::string(static_cast<std::size_t>(-before), '0') + digits;
  else if (static_cast<std::size_t>(before) >= digits.size())
    plain = digits + std::string(static_cast<std::size_t>(before) - digits.size(), '0');
  else
    plain = digits.substr(0, static_cast<std::size_t>(before)) + "." + digits.substr(static_cast<std::size_t>(before));
  if (plain.find('.') != std::string::npos) {
    while (plain.back() == '0') plain.pop_back();
    if (plain.back() == '.') plain.pop_back();
  }
  return sign + plain;
}

}  // namespace paperflow
