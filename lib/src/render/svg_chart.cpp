#include "svg_chart.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "text_metrics.h"
#include "text_layout.h"

namespace paperflow::svg {
namespace {

constexpr double chart_width = 720;
constexpr double font_size = 13;  // units of the viewBox; 720 of them span the page (≈ 9 pt on A4)
constexpr double row_height = 24;
constexpr char bar_colour[] = "#3b6ea5";
constexpr char alarm_colour[] = "#c0392b";
constexpr char marker_colour[] = "#222222";

std::string number(double value) { return fmt::format("{:.1f}", value); }

// An SVG root that scales to its container, with a title for screen readers.
std::string open_svg(double height, const std::string& title) {
  return fmt::format(
      "<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\" "
      "xmlns=\"http://www.w3.org/2000/svg\" font-size=\"{}\"><title>{}</title>\n",
      number(chart_width), number(height), xml_escape(title), number(font_size), xml_escape(title));
}

double width_of(std::string_view text) { return text::text_width(text, font_size, false); }

}  // namespace

std::string horizontal_bars(const std::vector<Bar>& bars, const BarChartOptions& options) {
  double label_width = 0, value_width = 0, largest = 0;
  std::vector<std::string> shown;
  for (const Bar& bar : bars) {
    shown.push_back(text::truncate(bar.label, 48));
    label_width = std::max(label_width, width_of(shown.back()));
    value_width = std::max(value_width, width_of(bar.value_text));
    largest = std::max(largest, bar.value);
  }
  label_width = std::min(label_width, chart_width * 0.45) + 10;
  const double scale = options.scale_max > 0 ? options.scale_max : std::max(largest, 1e-12);
  const double bar_area = chart_width - label_width - value_width - 12;
  const double top = options.reference ? 20 : 4;
  const double height = top + row_height * static_cast<double>(bars.size()) + 4;
  std::string out = open_svg(height, options.title);
  // The reference line first, so that the bars and their figures lie over it.
  if (options.reference) {
    const double x = label_width + std::clamp(*options.reference / scale, 0.0, 1.0) * bar_area;
    out += fmt::format(
        "<line x1=\"{0}\" y1=\"14\" x2=\"{0}\" y2=\"{1}\" stroke=\"{2}\" stroke-dasharray=\"4 3\"/>"
        "<text x=\"{0}\" y=\"11\" text-anchor=\"middle\">{3}</text>\n",
        number(x), number(height - 2), marker_colour, xml_escape(options.reference_label));
  }
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& bar = bars[i];
    const double y = top + row_height * static_cast<double>(i);
    const double length = std::clamp(bar.value / scale, 0.0, 1.0) * bar_area;
    out += fmt::format("<g><title>{}: {}</title>", xml_escape(bar.label), xml_escape(bar.value_text));
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\"{}>{}</text>", number(label_width - 8),
                       number(y + 16), bar.highlight ? " font-weight=\"bold\"" : "", xml_escape(shown[i]));
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>", number(label_width),
                       number(y + 4), number(std::max(length, 1.0)), number(row_height - 8),
                       bar.highlight ? alarm_colour : bar_colour);
    // Past the scale (a unit over capacity) the bar stops at the edge and the figure says the rest.
    out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text></g>\n", number(label_width + length + 6), number(y + 16),
                       xml_escape(bar.value_text));
  }
  return out + "</svg>";
}

std::string histogram(const Histogram& h) {
  const double left = 56, right = 16, top = 24 + 18 * static_cast<double>(h.markers.size()), bottom = 44;
  const double plot_height = 200;
  const double height = top + plot_height + bottom;
  const std::size_t bars = h.counts.size() + (h.beyond > 0 ? 1 : 0);
  const double plot_width = chart_width - left - right;
  const double bar_width = plot_width / static_cast<double>(std::max<std::size_t>(bars, 1));
  std::size_t tallest = h.beyond;
  for (std::size_t c : h.counts) tallest = std::max(tallest, c);
  auto tick = [&](double value) { return h.tick_text ? h.tick_text(value, h.tick_context) : fmt::format("{:g}", value); };
  std::string out = open_svg(height, h.title);
  const double base = top + plot_height;
  auto x_of = [&](double value) { return left + value / h.bin_width * bar_width; };
  for (std::size_t i = 0; i < bars; ++i) {
    const bool last = i == h.counts.size();
    const std::size_t count = last ? h.beyond : h.counts[i];
    const double bar_height = tallest ? plot_height * static_cast<double>(count) / static_cast<double>(tallest) : 0;
    const std::string range = last ? h.beyond_label + " " + tick(h.bin_width * static_cast<double>(i))
                                   : tick(h.bin_width * static_cast<double>(i)) + "–" +
                                         tick(h.bin_width * static_cast<double>(i + 1));
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"{}><title>{}: {}</title></rect>\n",
                       number(left + bar_width * static_cast<double>(i) + 0.5), number(base - bar_height),
                       number(std::max(bar_width - 1, 0.5)), number(bar_height), bar_colour,
                       last ? " fill-opacity=\"0.5\"" : "", xml_escape(range), count);
  }
  // The axes, and ticks at a round step that leaves room for their text.
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#555\"/>", number(left), number(base),
                     number(chart_width - right));
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#555\"/>\n", number(left),
                     number(top), number(base));
  const double axis_end = h.bin_width * static_cast<double>(h.counts.size());
  const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(static_cast<double>(h.counts.size()) / 10.0)));
  for (std::size_t i = 0; i <= h.counts.size(); i += every) {
    const double x = x_of(h.bin_width * static_cast<double>(i));
    out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#555\"/>"
                       "<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
                       number(x), number(base), number(base + 4), number(base + 18),
                       xml_escape(tick(h.bin_width * static_cast<double>(i))));
  }
  out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", number(left + plot_width / 2),
                     number(base + 38), xml_escape(h.x_label));
  out += fmt::format("<text x=\"{0}\" y=\"{1}\" text-anchor=\"end\">{2}</text>"
                     "<text x=\"{0}\" y=\"{3}\" text-anchor=\"end\">0</text>\n",
                     number(left - 6), number(top + 10), xml_escape(tick(static_cast<double>(tallest))), number(base));
  out += fmt::format("<text x=\"12\" y=\"{0}\" transform=\"rotate(-90 12 {0})\" text-anchor=\"middle\">{1}</text>\n",
                     number(top + plot_height / 2), xml_escape(h.y_label));
  for (std::size_t m = 0; m < h.markers.size(); ++m) {
    const Marker& marker = h.markers[m];
    const double x = x_of(std::min(marker.at, axis_end));
    const double label_y = 16 + 18 * static_cast<double>(m);
    // The label reads from the line towards the middle, so it stays on the chart.
    const bool to_left = x > left + plot_width / 2;
    out += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>"
        "<text x=\"{4}\" y=\"{5}\" text-anchor=\"{6}\" font-weight=\"bold\">{7}</text>\n",
        number(x), number(label_y + 4), number(base), marker_colour, number(to_left ? x - 4 : x + 4), number(label_y),
        to_left ? "end" : "start", xml_escape(marker.label));
  }
  return out + "</svg>";
}

std::string columns(const std::vector<Column>& columns, const std::string& title) {
  const double top = 24, plot_height = 180, bottom = 30;
  const double height = top + plot_height + bottom;
  double largest = 0;
  for (const Column& c : columns) largest = std::max(largest, c.value);
  const double slot = chart_width / static_cast<double>(std::max<std::size_t>(columns.size(), 1));
  const double column_width = std::min(slot * 0.6, 120.0);
  std::string out = open_svg(height, title);
  const double base = top + plot_height;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const Column& c = columns[i];
    const double h = largest > 0 ? plot_height * std::max(c.value, 0.0) / largest : 0;
    const double centre = slot * (static_cast<double>(i) + 0.5);
    out += fmt::format(
        "<g><title>{0}: {1}</title><rect x=\"{2}\" y=\"{3}\" width=\"{4}\" height=\"{5}\" fill=\"{6}\"/>"
        "<text x=\"{7}\" y=\"{8}\" text-anchor=\"middle\">{1}</text>"
        "<text x=\"{7}\" y=\"{9}\" text-anchor=\"middle\">{0}</text></g>\n",
        xml_escape(c.label), xml_escape(c.value_text), number(centre - column_width / 2), number(base - h),
        number(column_width), number(h), bar_colour, number(centre), number(base - h - 6), number(base + 18));
  }
  out += fmt::format("<line x1=\"0\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\" stroke=\"#555\"/>\n", number(base),
                     number(chart_width));
  return out + "</svg>";
}

}  // namespace paperflow::svg
