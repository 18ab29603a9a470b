// The house look of paperflow's Graphviz diagrams, shared by the process
// diagram (dot.cpp) and the organisation's overview (dot_portfolio.cpp), so
// that a unit's utilisation and a bottleneck look the same in both.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace paperflow::dot_look {

// The font the boxes are measured in first, then fonts every office PC has
// that are narrower than it (Arial; Liberation Sans has its widths).
inline constexpr char fonts[] = "DejaVu Sans,Arial,Liberation Sans,Helvetica,sans-serif";

// The bottleneck's border and the word "Engpass".
inline constexpr const char* bottleneck_colour = "#b30000";

// One bin of a colour scale: values from `from` up to the next bin's.
struct HeatBin {
  double from;
  const char* fill;
  const char* label;
  double pen = 1.2;  // a border's width, where the scale is drawn as borders
};

// A unit's utilisation, as a lane's or a column header's fill: light enough
// for black text, apart in greyscale print.
inline constexpr HeatBin utilisation_bins[] = {{0.00, "#edf8e9", "< 50 %"},  {0.50, "#fffbd5", "50–70 %"},
                                               {0.70, "#fee0b6", "70–85 %"}, {0.85, "#fcae91", "85–100 %"},
                                               {1.00, "#f4726b", "≥ 100 %"}};

template <std::size_t N>
const HeatBin& bin_of(const HeatBin (&bins)[N], double value) {
  std::size_t k = 0;
  while (k + 1 < N && value >= bins[k + 1].from) ++k;
  return bins[k];
}

// German number style for labels read by clerks: a decimal comma.
inline std::string german(std::string text) {
  std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

// Breaks a name into lines of about `width` characters at spaces.
inline std::vector<std::string> wrap(std::string_view text, std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t line_width = 0;
  auto characters = [](std::string_view s) {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    std::string_view word = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    const std::size_t w = characters(word);
    if (!line.empty() && line_width + 1 + w > width) {
      lines.push_back(line);
      line.clear();
      line_width = 0;
    }
    if (!line.empty()) {
      line += ' ';
      ++line_width;
    }
    line += word;
    line_width += w;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

}  // namespace paperflow::dot_look
