// Small helpers for the terminal and Markdown reports: widths counted in
// characters (names have umlauts), padding, bars, escaping, ANSI styles.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "paperflow/figures.h"

namespace paperflow::text {

/// Characters (UTF-8 code points) in `s`: what a terminal column counts for
/// the Latin text of process files.
std::size_t display_width(std::string_view s);
std::string pad_right(std::string_view s, std::size_t width);
std::string pad_left(std::string_view s, std::size_t width);
/// Cuts `s` to `width` characters, ending in "…" when cut.
std::string truncate(std::string_view s, std::size_t width);
/// `s` broken at spaces into lines of at most `width` columns (a longer
/// word stands alone), each starting with `indent` and ending in a newline.
std::string wrap(std::string_view s, std::size_t width, std::string_view indent);
/// A bar of `width` cells for a share in [0, 1], in eighths of a cell.
std::string bar(double share, std::size_t width);
/// Escapes what Markdown would read as markup or table cells.
std::string markdown_escape(std::string_view s);

struct Style {
  bool on = false;
  std::string bold(std::string_view s) const;
  std::string alarm(std::string_view s) const;  // red
  std::string mark(std::string_view s) const;   // yellow
};

}  // namespace paperflow::text
