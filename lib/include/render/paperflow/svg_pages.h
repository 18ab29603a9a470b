// A diagram drawn in bands (paperflow-dot --page) as pages: Graphviz's SVG
// of the whole drawing cut into one SVG a band, and those bands as an HTML
// document that a browser prints one band a page. Graphviz cannot print a
// drawing on several pages itself; a headless browser can.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace paperflow {

/// Graphviz's SVG of a diagram that render_dot drew in bands, as one SVG
/// document a band: the same drawing with the size and viewBox of that
/// band (the title goes with the first, the legend with the last). A
/// drawing of one band, or SVG that is not Graphviz's, comes back whole.
std::vector<std::string> svg_bands(std::string_view svg);

/// `svg` with its XML prologue dropped and every id (and each reference
/// to one) prefixed, so that several diagrams can stand in one HTML page.
std::string inline_svg(std::string_view svg, std::string_view id_prefix);

/// An HTML document that prints the bands on landscape pages of `page`
/// ("a4" or "a3", 10 mm margins) at their own size, as many to a page as
/// fit whole; a band taller than the page is scaled down to fit it.
std::string band_pages_html(const std::vector<std::string>& bands, std::string_view page);

}  // namespace paperflow
