#include "text_layout.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace paperflow::text {

std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  return width;
}

std::string pad_right(std::string_view s, std::size_t width) {
  std::string out(s);
  for (std::size_t w = display_width(s); w < width; ++w) out += ' ';
  return out;
}

std::string pad_left(std::string_view s, std::size_t width) {
  std::string out;
  for (std::size_t w = display_width(s); w < width; ++w) out += ' ';
  return out + std::string(s);
}

std::string wrap(std::string_view s, std::size_t width, std::string_view indent) {
  std::string out, line;
  auto flush = [&] {
    if (!line.empty()) out += std::string(indent) + line + "\n";
    line.clear();
  };
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = s.find(' ', start);
    if (end == std::string_view::npos) end = s.size();
    const std::string_view word = s.substr(start, end - start);
    if (!word.empty()) {
      if (!line.empty() && display_width(line) + 1 + display_width(word) + indent.size() > width) flush();
      line += (line.empty() ? "" : " ") + std::string(word);
    }
    start = end + 1;
  }
  flush();
  return out;
}

std::string truncate(std::string_view s, std::size_t width) {
  if (display_width(s) <= width || width == 0) return std::string(s);
  std::string out;
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool starts_character = (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    if (starts_character && ++count == width) break;
    out += s[i];
  }
  return out + "…";
}

std::string bar(double share, std::size_t width) {
  static const char* eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  share = std::clamp(std::isfinite(share) ? share : 0.0, 0.0, 1.0);
  const auto total = static_cast<std::size_t>(std::lround(share * static_cast<double>(width) * 8));
  std::string out;
  std::size_t cells = 0;
  for (; cells < total / 8; ++cells) out += "█";
  if (total % 8) {
    out += eighths[total % 8];
    ++cells;
  }
  for (; cells < width; ++cells) out += ' ';
  return out;
}

std::string markdown_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    if (std::string_view("\\`*_{}[]<>#|!").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string Style::bold(std::string_view s) const { return on ? "\033[1m" + std::string(s) + "\033[0m" : std::string(s); }
std::string Style::alarm(std::string_view s) const {
  return on ? "\033[1;31m" + std::string(s) + "\033[0m" : std::string(s);
}
std::string Style::mark(std::string_view s) const { return on ? "\033[1;33m" + std::string(s) + "\033[0m" : std::string(s); }


}  // namespace paperflow::text
