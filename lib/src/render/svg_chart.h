// Charts of the HTML report as SVG the report writes itself: small, exact
// and testable, with no script and no library to load. Each chart is a
// <figure>-ready <svg> with a viewBox, so it scales to the page, and with
// its figures as text, so a screen reader and a search find them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xml_escape.h"

namespace paperflow::svg {

struct Bar {
  std::string label;       // left of the bar
  double value = 0;        // its length, against the chart's scale
  std::string value_text;  // right of the bar: "54,8 %"
  bool highlight = false;  // drawn in the alarm colour: the bottleneck, a unit over capacity
};

struct BarChartOptions {
  std::string title;       // the chart's accessible name
  double scale_max = 0;    // the value of a full-width bar; 0: the largest value
  /// A vertical line at this value with its label ("100 %"), on top.
  std::optional<double> reference;
  std::string reference_label;
};

/// Horizontal bars, one a row, labels on the left (cut with … past 48
/// characters, the whole label in a tooltip).
std::string horizontal_bars(const std::vector<Bar>& bars, const BarChartOptions& options);

struct Marker {
  double at = 0;       // on the x axis, in the histogram's unit
  std::string label;   // "P50: 6,5 Arbeitstage"
};

struct Histogram {
  std::string title;
  double bin_width = 0;              // in the x axis's unit
  std::vector<std::size_t> counts;   // from zero
  std::size_t beyond = 0;            // drawn as a last bar, labelled `beyond_label`
  std::string beyond_label;          // "more"
  std::string x_label, y_label;      // "working days", "cases"
  std::vector<Marker> markers;
  /// How a tick's number is written: "10" / "2,5" (the report's language).
  std::string (*tick_text)(double value, const void* context) = nullptr;
  const void* tick_context = nullptr;
};

/// Bars of equal width from zero, ticks on the x axis at round steps, and a
/// dashed vertical line a marker with its label.
std::string histogram(const Histogram& h);

struct Column {
  std::string label;       // under the column: "Welle 1"
  double value = 0;
  std::string value_text;  // above it
};

/// Vertical columns on a common scale from zero: the savings wave by wave.
std::string columns(const std::vector<Column>& columns, const std::string& title);

}  // namespace paperflow::svg
