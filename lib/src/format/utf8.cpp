#include "utf8.h"

namespace paperflow::utf8 {

std::size_t sequence_length(std::string_view text, std::size_t at) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char c = s[at];
  if (c < 0x80) return 1;
  std::size_t length = 0;
  unsigned int min_code = 0, code = 0;
  if ((c & 0xE0) == 0xC0) { length = 2; code = c & 0x1F; min_code = 0x80; }
  else if ((c & 0xF0) == 0xE0) { length = 3; code = c & 0x0F; min_code = 0x800; }
  else if ((c & 0xF8) == 0xF0) { length = 4; code = c & 0x07; min_code = 0x10000; }
  else return 0;
  if (at + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((s[at + k] & 0xC0) != 0x80) return 0;
    code = (code << 6) | (s[at + k] & 0x3F);
  }
  if (code < min_code || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

char32_t yaml_special_at(std::string_view text, std::size_t at, std::size_t& length) {
  const auto byte = [&](std::size_t k) -> char32_t {
    return at + k < text.size() ? static_cast<unsigned char>(text[at + k]) : 0u;
  };
  if (byte(0) == 0xC2 && byte(1) >= 0x80 && byte(1) <= 0x9F) {
    length = 2;
    return byte(1);
  }
  const bool separator = byte(0) == 0xE2 && byte(1) == 0x80 && (byte(2) == 0xA8 || byte(2) == 0xA9);
  const bool bom = byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF;
  const bool non_character = byte(0) == 0xEF && byte(1) == 0xBF && (byte(2) == 0xBE || byte(2) == 0xBF);
  if (!separator && !bom && !non_character) return 0;
  length = 3;
  return (byte(0) & 0x0Fu) << 12 | (byte(1) & 0x3Fu) << 6 | (byte(2) & 0x3Fu);
}

std::string replace_invalid(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (std::size_t length = sequence_length(text, i)) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++i;
    }
  }
  return out;
}

std::string_view german_spelt_out(std::string_view text, std::size_t at) {
  static const std::pair<std::string_view, std::string_view> spelt_out[] = {
      {"ä", "ae"}, {"ö", "oe"}, {"ü", "ue"}, {"Ä", "Ae"}, {"Ö", "Oe"}, {"Ü", "Ue"}, {"ß", "ss"}};
  for (const auto& [letter, spelt] : spelt_out)
    if (text.substr(at).starts_with(letter)) return spelt;
  return {};
}

}  // namespace paperflow::utf8
