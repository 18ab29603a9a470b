// Cutting Graphviz's SVG of a banded diagram into one SVG a band, and the
// page document a browser prints.
#include "paperflow/svg_pages.h"

#include <string>

#include <doctest/doctest.h>

using namespace paperflow;

namespace {

// The shape of Graphviz's SVG: a root with its size, the drawing moved by
// translate(), and parts behind comments. Two bands of one lane each, the
// second 100 pt below the first; a step in each.
const std::string drawing = R"svg(<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<svg width="400pt" height="300pt"
 viewBox="0.00 0.00 400.00 300.00" xmlns="http://www.w3.org/2000/svg">
<g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(4 296)">
<title>paperflow</title>
<text x="8" y="-280">Titel</text>
<!-- cluster_lane_0 -->
<g id="node1" class="node">
<title>cluster_lane_0</title>
<polygon fill="#f5f5f5" points="0,-260 300,-260 300,-180 0,-180 0,-260"/>
</g>
<!-- s0 -->
<g id="node2" class="node">
<title>s0</title>
<polygon fill="#fbf1d5" points="100,-240 160,-240 160,-200 100,-200 100,-240"/>
<text x="130" y="-216">Erster Schritt</text>
</g>
<!-- cluster_lane_0_band1 -->
<g id="node3" class="node">
<title>cluster_lane_0_band1</title>
<polygon fill="#f5f5f5" points="0,-150 250,-150 250,-70 0,-70 0,-150"/>
</g>
<!-- s1 -->
<g id="node4" class="node">
<title>s1</title>
<polygon fill="#fbf1d5" points="100,-130 160,-130 160,-90 100,-90 100,-130"/>
<text x="130" y="-106">Zweiter Schritt</text>
</g>
<!-- legend -->
<g id="node5" class="node">
<title>legend</title>
<text x="10" y="-20">Legende</text>
</g>
</g>
</svg>
)svg";

}  // namespace

TEST_CASE("a banded drawing comes back as one SVG a band, each with its own parts, the legend last") {
  const std::vector<std::string> bands = svg_bands(drawing);
  REQUIRE(bands.size() == 3);
  // The first band takes the title above it and the drawing's width.
  CHECK(bands[0].find(R"(viewBox="0.00 0.00 400.00 )") != std::string::npos);
  CHECK(bands[0].find("Titel") != std::string::npos);
  CHECK(bands[0].find("Erster Schritt") != std::string::npos);
  CHECK(bands[0].find("Zweiter Schritt") == std::string::npos);
  // The second 8 pt around its lane (y -150 + 296 = 146 to -70 + 296 = 226).
  CHECK(bands[1].find(R"(viewBox="0.00 138.00 262.00 96.00")") != std::string::npos);
  CHECK(bands[1].find("Zweiter Schritt") != std::string::npos);
  CHECK(bands[1].find("Erster Schritt") == std::string::npos);
  CHECK(bands[1].find("Legende") == std::string::npos);
  // The legend alone (its text at y -20 + 296 = 276), the drawing's width.
  CHECK(bands[2].find(R"(viewBox="0.00 268.00 400.00 16.00")") != std::string::npos);
  CHECK(bands[2].find("Legende") != std::string::npos);
  CHECK(bands[2].find("Zweiter Schritt") == std::string::npos);
  for (const std::string& band : bands) CHECK(band.rfind("</svg>") != std::string::npos);
}

TEST_CASE("a drawing of one band, or not Graphviz's, comes back whole") {
  std::string one = drawing;
  one.erase(one.find("<!-- cluster_lane_0_band1 -->"), one.find("<!-- s1 -->") - one.find("<!-- cluster_lane_0_band1 -->"));
  CHECK(svg_bands(one) == std::vector<std::string>{one});
  CHECK(svg_bands("<svg></svg>") == std::vector<std::string>{"<svg></svg>"});
  CHECK(svg_bands("") == std::vector<std::string>{""});
}

TEST_CASE("inlined SVG loses its prologue and has its ids and references prefixed") {
  const std::string svg = R"x(<?xml version="1.0"?><svg><g id="a"><use href="#a"/><path fill="url(#g)"/></g></svg>)x";
  CHECK(inline_svg(svg, "p_") == R"x(<svg><g id="p_a"><use href="#p_a"/><path fill="url(#p_g)"/></g></svg>)x");
  CHECK(inline_svg("no svg here", "p_").empty());
}

TEST_CASE("the page document prints each band on landscape pages of the size asked") {
  const std::string html = band_pages_html(svg_bands(drawing), "a3");
  CHECK(html.find("size: A3 landscape") != std::string::npos);
  CHECK(html.find(R"(id="b0_graph0")") != std::string::npos);
  CHECK(html.find(R"(id="b1_graph0")") != std::string::npos);
  CHECK(html.find(R"(id="b2_graph0")") != std::string::npos);
  CHECK(html.find("<?xml") == std::string::npos);
  CHECK(band_pages_html({}, "a4").find("size: A4 landscape") != std::string::npos);
}
