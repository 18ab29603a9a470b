#include "text_metrics.h"

#include <cstdint>

namespace paperflow::text {
namespace {

// Advance widths in thousandths of an em for the printable ASCII
// characters (space to tilde), regular and bold, measured by
// scripts/measure-font-widths with Graphviz 2.43 and fonts-dejavu-core.
constexpr std::uint16_t regular_ascii[95] = {
    315, 398, 458, 840, 638, 953, 781, 278, 390, 390, 503, 840, 316, 361, 316, 338, 638, 638, 638, 638,
    638, 638, 638, 638, 638, 638, 338, 338, 840, 840, 840, 533, 998, 712, 683, 698, 773, 631, 578, 773,
    750, 293, 293, 653, 556, 863, 750, 788, 601, 788, 698, 638, 593, 736, 683, 991, 683, 608, 683, 390,
    338, 390, 840, 503, 503, 615, 638, 548, 638, 615, 345, 638, 638, 278, 278, 578, 278, 975, 638, 615,
    638, 638, 391, 518, 390, 638, 593, 818, 593, 593, 525, 638, 338, 638, 840};
constexpr std::uint16_t bold_ascii[95] = {
    345, 458, 518, 840, 698, 1006, 871, 308, 458, 458, 525, 840, 383, 413, 383, 368, 698, 698, 698, 698,
    698, 698, 698, 698, 698, 698, 398, 398, 840, 840, 840, 578, 998, 773, 766, 736, 833, 683, 683, 818,
    840, 376, 376, 773, 638, 998, 840, 848, 736, 848, 773, 677, 704, 811, 773, 1103, 773, 728, 728, 458,
    368, 458, 840, 503, 503, 676, 713, 593, 713, 676, 406, 713, 713, 345, 345, 668, 345, 1043, 713, 691,
    713, 713, 496, 593, 480, 713, 653, 923, 646, 653, 586, 713, 368, 713, 840};

struct Wide {
  char32_t code;
  std::uint16_t regular, bold;
};
// The letters of German names and the marks the diagrams use.
constexpr Wide other[] = {
    {U'ä', 615, 676},  {U'ö', 615, 691},  {U'ü', 638, 713},  {U'Ä', 712, 773}, {U'Ö', 788, 848},
    {U'Ü', 736, 811},  {U'ß', 631, 721},  {U'–', 503, 503},  {U'·', 316, 383}, {U'≈', 840, 840},
    {U'✉', 840, 840},  {U'⌂', 638, 713},  {U'☎', 1245, 1245}, {U'✍', 840, 840}, {U'▣', 946, 946},
    {U'→', 840, 840},  {U'↔', 840, 840},  {U'×', 840, 840},  {U'€', 638, 698}, {U'§', 503, 503},
    {U'…', 998, 998},  {U'é', 615, 676},  {U'è', 615, 676},  {U'à', 615, 676}, {U'ç', 548, 593}};

// Decodes one code point; malformed bytes count as one wide character.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || i + length > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t code = length == 1 ? lead : lead & (0x7Fu >> length);
  for (std::size_t k = 1; k < length; ++k) code = (code << 6) | (byte(i + k) & 0x3Fu);
  i += length;
  return code;
}

}  // namespace

double text_width(std::string_view line, double point_size, bool bold) {
  double thousandths = 0;
  for (std::size_t i = 0; i < line.size();) {
    const char32_t code = next_code_point(line, i);
    if (code >= 0x20 && code < 0x7F) {
      thousandths += (bold ? bold_ascii : regular_ascii)[code - 0x20];
      continue;
    }
    std::uint16_t width = 1000;
    for (const Wide& w : other)
      if (w.code == code) width = bold ? w.bold : w.regular;
    thousandths += width;
  }
  return thousandths * point_size / 1000.0;
}

double line_height(double point_size) { return point_size * 1.2; }

}  // namespace paperflow::text
