#include "paperflow/svg_pages.h"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <map>
#include <optional>
#include <regex>

#include <fmt/format.h>

namespace paperflow {
namespace {

struct Rect {
  double left = std::numeric_limits<double>::max(), top = std::numeric_limits<double>::max();
  double right = std::numeric_limits<double>::lowest(), bottom = std::numeric_limits<double>::lowest();
  void add(double x, double y) {
    left = std::min(left, x);
    right = std::max(right, x);
    top = std::min(top, y);
    bottom = std::max(bottom, y);
  }
};

std::string number(double value) { return fmt::format("{:.2f}", value); }

}  // namespace

std::vector<std::string> svg_bands(std::string_view svg_view) {
  const std::string svg(svg_view);
  // The root's size and the translation of the drawing into it.
  static const std::regex root(R"re(<svg width="([\d.]+)pt" height="([\d.]+)pt"\s+viewBox="([-\d. ]+)")re");
  static const std::regex translate(
      R"re(<g id="graph0" class="graph" transform="scale\(1 1\) rotate\(0\) translate\(([-\d.]+) ([-\d.]+)\)")re");
  static const std::regex band(
      R"re(<title>(?:cluster_lane_\d+|cluster_without_unit)(?:_band(\d+))?</title>\s*<polygon[^>]*points="([^"]*)")re");
  std::smatch r, t;
  if (!std::regex_search(svg, r, root) || !std::regex_search(svg, t, translate)) return {svg};
  const double width = std::atof(r[1].str().c_str()), height = std::atof(r[2].str().c_str());
  const double tx = std::atof(t[1].str().c_str()), ty = std::atof(t[2].str().c_str());
  std::map<int, Rect> bands;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), band); it != std::sregex_iterator(); ++it) {
    const int index = (*it)[1].matched ? std::atoi((*it)[1].str().c_str()) : 0;
    static const std::regex point(R"(([-\d.]+),([-\d.]+))");
    const std::string points = (*it)[2].str();
    for (auto p = std::sregex_iterator(points.begin(), points.end(), point); p != std::sregex_iterator(); ++p)
      bands[index].add(std::atof((*p)[1].str().c_str()) + tx, std::atof((*p)[2].str().c_str()) + ty);
  }
  if (bands.size() < 2) return {svg};
  // The drawing's parts, each an element group behind a comment that names
  // it, with the heights it reaches (in the drawing's coordinates).
  struct Part {
    std::size_t begin = 0, end = 0;
    double top = std::numeric_limits<double>::max(), bottom = std::numeric_limits<double>::lowest();
  };
  std::vector<Part> parts;
  std::optional<std::size_t> legend;  // the legend's part: a band of its own
  const std::size_t first_part = svg.find("\n<!-- ", svg.find("<g id=\"graph0\""));
  const std::size_t body_end = svg.rfind("</g>");
  if (first_part == std::string::npos || body_end == std::string::npos || first_part > body_end) return {svg};
  for (std::size_t at = first_part + 1; at < body_end;) {
    std::size_t next = svg.find("\n<!-- ", at + 1);
    if (next == std::string::npos || next > body_end) next = body_end;
    else ++next;
    Part part{at, next};
    // Heights from the geometry only: the points of a polygon or path and
    // the y of a text or ellipse (not from a dash pattern "5,2" or a
    // German "3,7 min").
    static const std::regex geometry(R"re( (?:points|d)="([^"]*)")re"), pair(R"re((-?[\d.]+),(-?[\d.]+))re"),
        y_attribute(R"re( c?y="(-?[\d.]+)")re");
    const auto from = svg.begin() + static_cast<std::ptrdiff_t>(at), to = svg.begin() + static_cast<std::ptrdiff_t>(next);
    auto reach = [&](double y) {
      part.top = std::min(part.top, y + ty);
      part.bottom = std::max(part.bottom, y + ty);
    };
    for (auto g = std::sregex_iterator(from, to, geometry); g != std::sregex_iterator(); ++g) {
      const std::string points = (*g)[1].str();
      for (auto p = std::sregex_iterator(points.begin(), points.end(), pair); p != std::sregex_iterator(); ++p)
        reach(std::atof((*p)[2].str().c_str()));
    }
    for (auto p = std::sregex_iterator(from, to, y_attribute); p != std::sregex_iterator(); ++p)
      reach(std::atof((*p)[1].str().c_str()));
    if (svg.compare(at, 15, "<!-- legend -->") == 0) legend = parts.size();
    parts.push_back(part);
    at = next;
  }
  std::vector<std::string> out;
  const std::string head = r[0].str();
  if (legend) {
    // After the last band: a band of the legend alone, from the left.
    Rect rect;
    rect.add(0, parts[*legend].top);
    rect.add(0, parts[*legend].bottom);
    bands[std::prev(bands.end())->first + 1] = rect;
  }
  for (auto it = bands.begin(); it != bands.end(); ++it) {
    Rect rect = it->second;
    // The title above the first band; a little room around the rest.
    rect.top = it == bands.begin() ? 0 : rect.top - 8;
    rect.bottom = std::next(it) == bands.end() ? std::min(height, rect.bottom + 8) : rect.bottom + 8;
    if (legend && std::next(it) == bands.end()) {
      rect.left = 0;
      rect.right = width;
    }
    // The first band from the drawing's left edge, for the title; the
    // others from their lanes' left edge.
    const bool first = it == bands.begin(), legend_band = legend && std::next(it) == bands.end();
    rect.left = first || legend_band ? 0 : std::max(0.0, rect.left - 8);
    rect.right = first ? width : legend_band ? rect.right : std::min(width, rect.right + 8);
    const std::string sized = fmt::format(R"re(<svg width="{}pt" height="{}pt"
 viewBox="{} {} {} {}")re",
                                          number(rect.right - rect.left), number(rect.bottom - rect.top),
                                          number(rect.left), number(rect.top), number(rect.right - rect.left),
                                          number(rect.bottom - rect.top));
    // The parts that reach into the band; the rest would be drawn outside
    // its viewBox and only make the file larger.
    std::string copy = svg.substr(0, first_part + 1);
    copy.replace(copy.find(head), head.size(), sized);
    for (const Part& part : parts)
      if (part.bottom >= rect.top && part.top <= rect.bottom) copy.append(svg, part.begin, part.end - part.begin);
    copy.append(svg, body_end, std::string::npos);
    out.push_back(std::move(copy));
  }
  return out;
}

std::string inline_svg(std::string_view document, std::string_view prefix) {
  const std::size_t start = document.find("<svg");
  if (start == std::string_view::npos) return {};
  std::string out;
  const std::string_view body = document.substr(start);
  out.reserve(body.size() + 1024);
  for (std::size_t i = 0; i < body.size();) {
    bool replaced = false;
    for (std::string_view from : {std::string_view(" id=\""), std::string_view("url(#"), std::string_view("href=\"#")}) {
      if (body.substr(i, from.size()) == from) {
        out += from;
        out += prefix;
        i += from.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += body[i++];
  }
  return out;
}

std::string band_pages_html(const std::vector<std::string>& bands, std::string_view page) {
  const bool a3 = page == "a3";
  // Landscape less the margins: what a band may take without scaling.
  const char* usable_height = a3 ? "277mm" : "190mm";
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>paperflow</title><style>\n"
      "@page {{ size: {} landscape; margin: 10mm; }}\n"
      "body {{ margin: 0; }}\n"
      ".band {{ break-inside: avoid; margin-bottom: 6mm; }}\n"
      ".band svg {{ display: block; max-width: 100%; max-height: {}; width: auto; height: auto; }}\n"
      "</style></head><body>\n",
      a3 ? "A3" : "A4", usable_height);
  for (std::size_t k = 0; k < bands.size(); ++k)
    out += "<div class=\"band\">" + inline_svg(bands[k], fmt::format("b{}_", k)) + "</div>\n";
  return out + "</body></html>\n";
}

}  // namespace paperflow
