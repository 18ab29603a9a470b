#include "paperflow/dot.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "paperflow/duration.h"
#include "paperflow/graph.h"
#include "dot_look.h"
#include "edge_routing.h"
#include "swimlane_layout.h"
#include "text_metrics.h"

namespace paperflow {
namespace {

using namespace dot_look;

// Fills chosen to stay apart in greyscale print: paper is a light cream
// (about 95 % grey), digital a mid blue (about 65 %).
constexpr const char* paper_fill = "#fbf1d5";
constexpr const char* digital_fill = "#7fb2dc";
constexpr const char* lane_fill = "#f5f5f5";
constexpr const char* media_break_colour = "#d7191c";
constexpr const char* rework_colour = "#2b5fad";

// Sequential scale for a step's share of the lead time (ColorBrewer OrRd).
// A step's share is its border (colour and width), so that its fill still
// says paper or digital; a lane's utilisation is its fill.
constexpr HeatBin share_bins[] = {{0.00, "#555555", "< 2 %", 1.2},  {0.02, "#fdbb84", "2–5 %", 2.5},
                                  {0.05, "#fc8d59", "5–10 %", 3.5}, {0.10, "#ef6548", "10–20 %", 4.5},
                                  {0.20, "#d7301f", "20–35 %", 6},  {0.35, "#990000", "≥ 35 %", 7.5}};

std::string duration_label(const Distribution& d, double hours_per_day) {
  std::string text = german(format_duration(d.mean(), hours_per_day));
  return d.kind == Distribution::Kind::fixed ? text : "≈ " + text;
}

std::string channel_mark(Channel channel) {
  switch (channel) {
    case Channel::in_person: return "⌂ vor Ort";
    case Channel::post: return "✉ Post";
    case Channel::phone: return "☎ Telefon";
    case Channel::email: return "@ E-Mail";
    case Channel::fax: return "Fax";
    case Channel::online: return "online";
    case Channel::internal: return "intern";
  }
  return {};
}

std::string signature_mark(Signature signature) {
  switch (signature) {
    case Signature::wet: return "✍ Unterschrift";
    case Signature::qualified: return "qual. elektr. Signatur";
    case Signature::eid: return "eID";
    case Signature::none: return {};
  }
  return {};
}

std::string percent(double share) { return german(fmt::format("{:.0f} %", share * 100)); }

// One line of a label: plain text (escaped when written), its size and weight.
struct LabelLine {
  std::string text;
  double size = 11;
  bool bold = false;
  std::string colour;  // empty: the node's font colour
};

// Graphviz's default margins around a box's label, in points (0.12 × 0.06 in).
constexpr double label_margin_x = 8.64;
constexpr double label_margin_y = 4.32;
// How far a lane's header and corners stand inside its band; the cluster's
// margin makes up for it.
constexpr double lane_inset = 4;

std::string label_html(const std::vector<LabelLine>& lines) {
  std::string html;
  for (const LabelLine& line : lines) {
    if (!html.empty()) html += "<BR/>";
    std::string text = dot_html_escape(line.text);
    if (line.bold) text = "<B>" + text + "</B>";
    if (line.size != 11 || !line.colour.empty()) {
      std::string font = fmt::format("<FONT POINT-SIZE=\"{:g}\"", line.size);
      if (!line.colour.empty()) font += fmt::format(" COLOR=\"{}\"", line.colour);
      text = font + ">" + text + "</FONT>";
    }
    html += text;
  }
  return html;
}

double label_width(const std::vector<LabelLine>& lines) {
  double width = 0;
  for (const LabelLine& line : lines) width = std::max(width, text::text_width(line.text, line.size, line.bold));
  return width;
}

double label_height(const std::vector<LabelLine>& lines) {
  double height = 0;
  for (const LabelLine& line : lines) height += text::line_height(line.size);
  return height;
}

// A name broken into lines of about `width` characters.
void add_wrapped(std::vector<LabelLine>& lines, std::string_view text, std::size_t width, double size, bool bold) {
  for (std::string& part : wrap(text, width)) lines.push_back({std::move(part), size, bold, {}});
}

// A node of the diagram before it is placed: its DOT name, lane, size and
// attributes (without the position).
struct Box {
  std::string name;
  std::size_t lane = 0;
  double width = 0, height = 0;
  std::string attributes;  // without pos, width and height, which the layout writes
  bool in_cluster = true;  // drawn inside its lane's cluster (steps and gateways; not ends)
};

struct Edge {
  std::size_t from = 0, to = 0;
  std::string attributes;
  double label_width = 0;
};

class DotWriter {
 public:
  DotWriter(const Process& process, const DotOptions& options)
      : process_(process), options_(options), is_join_(RoutingGraph(process).is_join) {
    const std::size_t n = process.steps.size();
    step_box_.assign(n, 0);
    entry_box_.assign(n, 0);
    gateway_box_.assign(n, 0);
  }

  std::string render() {
    order_lanes();
    make_boxes();
    make_edges();
    place_ends();
    place();
    paginate();
    out_ += "digraph paperflow {\n";
    out_ += "  // Positions of the boxes and the routes of the edges are computed by paperflow, so that the\n"
            "  // lanes keep the file's order and no edge crosses a box; Graphviz only draws them:\n"
            "  //   neato -n2 -Tsvg FILE.dot > FILE.svg\n";
    // DejaVu Sans sets the boxes' sizes; a PC without it draws the SVG in
    // Arial or Helvetica, which are narrower, so every text still fits.
    out_ += fmt::format("  graph [layout=neato, inputscale=72, splines=true, outputorder=nodesfirst, fontname=\"{}\", "
                        "fontsize=16, pad=0.3, labelloc=t, labeljust=l, ",
                        fonts);
    out_ += "label=<" + title() + ">];\n";
    out_ += fmt::format("  node [fontname=\"{}\", fontsize=11, margin=\"0.12,0.06\", penwidth=1.2, color=\"#555555\"];\n", fonts);
    out_ += fmt::format("  edge [fontname=\"{}\", fontsize=10, color=\"#444444\", arrowsize=0.7];\n", fonts);
    lanes();
    outside();
    edges();
    legend();
    out_ += "}\n";
    return out_;
  }

 private:
  std::string title() const {
    std::string text = "<B>" + dot_html_escape(process_.info.name) + "</B>";
    std::string sub = process_.info.owner.empty() ? std::string() : process_.info.owner + " · ";
    sub += options_.state;
    if (options_.heat) sub += ": wo die Zeit vergeht";
    if (options_.heat && options_.heat->lead_time_hours)
      sub += " · Durchlaufzeit " +
             german(fmt::format("{:.1f}", *options_.heat->lead_time_days)) + " Arbeitstage";
    // BR ALIGN sets the line before it flush left, as the title is. A long
    // line (the measures of a plan) is wrapped: wider than the drawing,
    // Graphviz would widen the drawing to both sides.
    std::string lines;
    for (const std::string& line : wrap(sub, 110)) lines += dot_html_escape(line) + "<BR ALIGN=\"LEFT\"/>";
    return text + "<BR ALIGN=\"LEFT\"/><FONT POINT-SIZE=\"12\">" + lines + "</FONT>";
  }

  // The applicant's lane: the first external unit with an applicant-facing step.
  std::optional<std::size_t> applicant_unit() const {
    for (std::size_t u = 0; u < process_.units.size(); ++u) {
      if (!process_.units[u].external) continue;
      for (const Step& step : process_.steps) {
        if (process_.unit_of(step) == &process_.units[u] && is_applicant_action(process_, step)) return u;
      }
    }
    return std::nullopt;
  }

  // Lanes top to bottom: the applicant's first, then the units in the
  // file's order, each only when it has steps; steps without a unit get a
  // band of their own at the bottom.
  void order_lanes() {
    std::vector<bool> used(process_.units.size(), false);
    for (const Step& step : process_.steps)
      if (const Unit* unit = process_.unit_of(step); unit && !step.end)
        used[static_cast<std::size_t>(unit - process_.units.data())] = true;
    auto applicant = applicant_unit();
    if (applicant && used[*applicant]) lane_units_.push_back(*applicant);
    for (std::size_t u = 0; u < process_.units.size(); ++u)
      if (used[u] && (!applicant || u != *applicant)) lane_units_.push_back(u);
    lane_of_unit_.assign(process_.units.size(), 0);
    for (std::size_t l = 0; l < lane_units_.size(); ++l) lane_of_unit_[lane_units_[l]] = l;
    unitless_lane_ = lane_units_.size();
    for (const Step& step : process_.steps)
      if (!step.end && !process_.unit_of(step)) has_unitless_ = true;
    lane_count_ = lane_units_.size() + (has_unitless_ || lane_units_.empty() ? 1 : 0);
  }

  std::size_t lane_of(const Step& step) const {
    const Unit* unit = process_.unit_of(step);
    return unit ? lane_of_unit_[static_cast<std::size_t>(unit - process_.units.data())] : unitless_lane_;
  }

  std::size_t add_box(Box box) {
    boxes_.push_back(std::move(box));
    return boxes_.size() - 1;
  }

  std::size_t gateway(const std::string& name, const char* mark, std::size_t lane) {
    return add_box({name, lane, 28.8, 28.8,
                    fmt::format("shape=diamond, label=\"{}\", fontsize=14, fixedsize=true, style=filled, "
                                "fillcolor=white",
                                mark)});
  }

  void make_boxes() {
    start_box_ = add_box({"start", 0, 39.6, 39.6,
                          "shape=circle, label=\"Start\", fontsize=9, fixedsize=true, style=filled, "
                          "fillcolor=white, penwidth=1.5",
                          true});
    for (std::size_t i = 0; i < process_.steps.size(); ++i) {
      const Step& step = process_.steps[i];
      if (step.end) {
        std::vector<LabelLine> lines;
        add_wrapped(lines, step.name, 22, 11, false);
        step_box_[i] = entry_box_[i] = add_box(
            {fmt::format("s{}", i), 0, std::max(54.0, label_width(lines) * 1.05 + 2 * label_margin_x + 6),
             std::max(36.0, label_height(lines) + 2 * label_margin_y + 6),
             "shape=box, style=\"rounded,filled,bold\", penwidth=3, fillcolor=white, label=<" + label_html(lines) +
                 ">",
             false});
        continue;
      }
      const std::size_t lane = lane_of(step);
      if (is_join_[i]) entry_box_[i] = gateway(fmt::format("j{}", i), "+", lane);
      step_box_[i] = add_box(step_node(i, lane));
      if (!is_join_[i]) entry_box_[i] = step_box_[i];
      const Routing& routing = step.routing;
      if (routing.kind == Routing::Kind::choice && routing.choices.size() > 1)
        gateway_box_[i] = gateway(fmt::format("c{}", i), "×", lane);
      if (routing.kind == Routing::Kind::parallel) gateway_box_[i] = gateway(fmt::format("p{}", i), "+", lane);
    }
  }

  Box step_node(std::size_t i, std::size_t lane) const {
    const Step& step = process_.steps[i];
    const double hours_per_day = process_.calendar.hours_per_day;
    std::vector<LabelLine> lines;
    add_wrapped(lines, step.name, 24, 11, true);
    std::vector<std::string> times;
    if (!step.work.is_zero()) times.push_back("Bearbeitung " + duration_label(step.work, hours_per_day));
    if (!step.delay.is_zero()) times.push_back("Liegezeit " + duration_label(step.delay, hours_per_day));
    if (!times.empty()) {
      std::string line;
      for (const std::string& t : times) line += (line.empty() ? "" : " · ") + t;
      lines.push_back({line, 9, false, {}});
    }
    std::vector<std::string> marks;
    if (step.channel) marks.push_back(channel_mark(*step.channel));
    if (step.signature != Signature::none) marks.push_back(signature_mark(step.signature));
    if (!step.it_system.empty()) marks.push_back("▣ " + step.it_system);
    if (!marks.empty()) {
      std::string line;
      for (const std::string& m : marks) line += (line.empty() ? "" : "  ") + m;
      lines.push_back({line, 9, false, {}});
    }
    if (!step.changed_by.empty()) {
      // Which measures of a plan changed the step, so that the diagram after
      // the plan shows where each one acts.
      std::string by;
      for (const std::string& id : step.changed_by) by += (by.empty() ? "" : ", ") + id;
      add_wrapped(lines, "geändert durch " + by, 30, 8, false);
    }
    const bool pure_delay = step.work.is_zero() && !step.delay.is_zero();
    const std::string fill = step.medium == Medium::digital ? digital_fill : paper_fill;
    std::string border;
    if (options_.heat) {
      const StepFigures& f = options_.heat->steps[i];
      const bool bounded = f.lead_time_hours && options_.heat->lead_time_hours && *options_.heat->lead_time_hours > 0;
      const double share = bounded ? *f.lead_time_hours / *options_.heat->lead_time_hours : 1.0;
      const HeatBin& b = bin_of(share_bins, share);
      border = fmt::format(", color=\"{}\", penwidth={}", b.fill, b.pen);
      lines.push_back({bounded ? percent(share) + " der Durchlaufzeit" : std::string("unbegrenzt (Überlast)"), 9,
                       bounded && share >= 0.20, {}});
    }
    // Room for the rounded corners and a little slack over the estimate.
    const double width = std::max(54.0, label_width(lines) * 1.05 + 2 * label_margin_x + 6);
    const double height = std::max(36.0, label_height(lines) + 2 * label_margin_y + 4);
    return {fmt::format("s{}", i), lane, width, height,
            fmt::format("shape=box, style=\"{}\", fillcolor=\"{}\"{}, label=<{}>",
                        pure_delay ? "rounded,filled,dashed" : "rounded,filled", fill, border, label_html(lines))};
  }

  bool media_break(std::size_t from, std::size_t to) const {
    return is_media_break(process_.steps[from], process_.steps[to]);
  }

  std::size_t index_of(const Reference& ref) const { return process_.step_index.at(ref.id); }

  void edge(std::size_t from_box, std::size_t to, std::size_t from_step, const std::string& label, bool rework) {
    std::vector<std::string> attributes;
    if (media_break(from_step, to) && rework) {
      // Both at once: a red and a blue line side by side, dashed.
      attributes.push_back(fmt::format("color=\"{}:{}\", style=dashed, penwidth=2", media_break_colour, rework_colour));
    } else if (media_break(from_step, to)) {
      attributes.push_back(fmt::format("color=\"{}\", style=dashed, penwidth=2", media_break_colour));
    } else if (rework) {
      attributes.push_back(fmt::format("color=\"{}\", penwidth=1.5", rework_colour));
    }
    std::string text = label;
    if (rework) text = "Nacharbeit" + (label.empty() ? "" : " " + label);
    double width = 0;
    if (!text.empty()) {
      attributes.push_back(fmt::format("label=<{}>, fontcolor=\"{}\"", dot_html_escape(text),
                                       rework ? rework_colour : "#333333"));
      width = text::text_width(text, 10, false);
    }
    std::string joined;
    for (std::size_t k = 0; k < attributes.size(); ++k) joined += (k ? ", " : "") + attributes[k];
    edges_.push_back({from_box, entry_box_[to], joined, width});
  }

  void plain_edge(std::size_t from_box, std::size_t to_box) { edges_.push_back({from_box, to_box, {}, 0}); }

  void make_edges() {
    plain_edge(start_box_, entry_box_[process_.start_step()]);
    for (std::size_t i = 0; i < process_.steps.size(); ++i) {
      const Step& step = process_.steps[i];
      if (is_join_[i]) plain_edge(entry_box_[i], step_box_[i]);
      switch (step.routing.kind) {
        case Routing::Kind::next: edge(step_box_[i], index_of(step.routing.next), i, "", false); break;
        case Routing::Kind::choice: {
          const auto& choices = step.routing.choices;
          if (choices.size() == 1) {
            edge(step_box_[i], index_of(choices[0].to), i, "", choices[0].rework);
            break;
          }
          plain_edge(step_box_[i], gateway_box_[i]);
          for (const Choice& choice : choices) edge(gateway_box_[i], index_of(choice.to), i, percent(choice.p), choice.rework);
          break;
        }
        case Routing::Kind::parallel: {
          plain_edge(step_box_[i], gateway_box_[i]);
          for (const Reference& branch : step.routing.parallel) edge(gateway_box_[i], index_of(branch), i, "", false);
          break;
        }
        case Routing::Kind::none: break;
      }
    }
  }

  // End steps and the start have no unit: each stands in the lane of the
  // box that leads to it (the start in its first step's lane).
  void place_ends() {
    std::vector<bool> placed(boxes_.size(), true);
    placed[start_box_] = false;
    for (std::size_t i = 0; i < process_.steps.size(); ++i)
      if (process_.steps[i].end) placed[step_box_[i]] = false;
    for (const Edge& e : edges_)
      if (!placed[e.to] && placed[e.from]) {
        boxes_[e.to].lane = boxes_[e.from].lane;
        placed[e.to] = true;
      }
    const std::size_t first = entry_box_[process_.start_step()];
    boxes_[start_box_].lane = boxes_[first].lane;
  }

  // Lane headers: the unit's name and, as the plain diagram or the heat map
  // asks, its staff or its utilisation.
  std::vector<LabelLine> header_lines(std::size_t lane) const {
    std::vector<LabelLine> lines;
    if (lane >= lane_units_.size()) {
      lines.push_back({"ohne Organisationseinheit", 12, true, {}});
      return lines;
    }
    const std::size_t u = lane_units_[lane];
    const Unit& unit = process_.units[u];
    add_wrapped(lines, unit.name, 16, 12, true);
    if (unit.external) {
      lines.push_back({"extern", 10, false, {}});
    } else if (options_.heat) {
      const UnitFigures& f = options_.heat->units[u];
      lines.push_back({"Auslastung " + percent(f.utilisation), 10, false, {}});
      if (options_.heat->bottleneck && *options_.heat->bottleneck == u)
        lines.push_back({"Engpass", 11, true, bottleneck_colour});
    } else {
      lines.push_back({german(fmt::format("{:g}", unit.staff)) + " Pers.", 10, false, {}});
    }
    return lines;
  }

  void place() {
    std::vector<LayoutBox> boxes;
    for (const Box& b : boxes_) boxes.push_back({b.lane, b.width, b.height});
    std::vector<LayoutEdge> edges;
    for (const Edge& e : edges_) edges.push_back({e.from, e.to, e.label_width});
    std::vector<double>& min_height = lane_min_height_;
    for (std::size_t l = 0; l < lane_count_; ++l) {
      const auto lines = header_lines(l);
      header_width_ = std::max(header_width_, label_width(lines) * 1.05 + 2 * label_margin_x + 8);
      min_height.push_back(label_height(lines) + 2 * label_margin_y + 16);
    }
    SwimlaneOptions options;
    options.header_width = header_width_;
    layout_ = layout_swimlanes(lane_count_, min_height, boxes, edges, start_box_, options);
    routes_ = route_edges(layout_, boxes, edges);
  }

  // Splits the diagram into bands of columns that fit options_.page_width
  // (with the headers and a column for connectors at each side), stacks
  // them, and replaces each edge between two bands by an edge into a
  // numbered connector at the right of its source's band and one out of a
  // connector with that number at the left of its target's band. A
  // connector stands in its row: the edges of one row share it. Each band
  // is routed on its own.
  void paginate() {
    const std::size_t columns = layout_.column_left.size();
    band_of_box_.assign(boxes_.size(), 0);
    if (options_.page_width <= 0 || layout_.right - layout_.left <= options_.page_width || columns < 2) {
      ColumnBand whole{0, columns ? columns - 1 : 0, layout_.right, {}, 0};
      for (const LaneBand& lane : layout_.lanes) whole.lanes.push_back(BandLane{lane.top, lane.bottom, {}, {}});
      whole.bottom = layout_.lanes.empty() ? 0 : layout_.lanes.back().bottom;
      bands_ = {std::move(whole)};
      return;
    }
    const double connector = connector_column;
    const double gap = SwimlaneOptions{}.column_gap;
    auto gap_after = [&](std::size_t c) { return c + 1 < columns ? layout_.column_left[c + 1] - layout_.column_right[c] : gap; };
    // The first column of a band starts after the header, the connector column and two gaps.
    const double first_left = layout_.header_right + gap + connector + gap;
    for (std::size_t c = 0; c < columns;) {
      std::size_t last = c;
      auto right_of = [&](std::size_t until) {
        return first_left + (layout_.column_right[until] - layout_.column_left[c]) + gap_after(until) + connector + gap;
      };
      while (last + 1 < columns && right_of(last + 1) - layout_.left + page_margins <= options_.page_width) ++last;
      bands_.push_back({c, last, right_of(last), {}, 0});
      c = last + 1;
    }
    std::vector<std::size_t> band_of_column(columns, 0);
    for (std::size_t p = 0; p < bands_.size(); ++p)
      for (std::size_t c = bands_[p].first; c <= bands_[p].last; ++c) band_of_column[c] = p;
    for (std::size_t b = 0; b < boxes_.size(); ++b) band_of_box_[b] = band_of_column[layout_.column[b]];
    split_edges();
    stack_bands();
    route_bands();
  }

  // The bands top to bottom, each with only the lanes it has boxes in
  // (their headers repeated) and in each lane only the rows it uses,
  // closed up. Sets each box's y, each band's lanes and gutters.
  void stack_bands() {
    const SwimlaneOptions geometry;
    // A lane's rows: the heights of the boxes in it (every row has one).
    std::vector<std::vector<double>> rows(lane_count_);
    for (std::size_t b = 0; b < boxes_.size(); ++b)
      if (!is_connector(b)) rows[boxes_[b].lane].push_back(layout_.y[b]);
    for (auto& r : rows) {
      std::sort(r.begin(), r.end(), std::greater<>());
      r.erase(std::unique(r.begin(), r.end(), [](double a, double b) { return std::fabs(a - b) < 0.01; }), r.end());
    }
    double top = layout_.lanes.front().top;
    for (std::size_t p = 0; p < bands_.size(); ++p) {
      ColumnBand& band = bands_[p];
      band.lanes.assign(lane_count_, std::nullopt);
      for (std::size_t l = 0; l < lane_count_; ++l) {
        std::vector<double> used;
        for (std::size_t b = 0; b < boxes_.size(); ++b)
          if (band_of_box_[b] == p && boxes_[b].lane == l) used.push_back(layout_.y[b]);
        if (used.empty()) continue;
        std::vector<std::size_t> kept;  // indices into rows[l] this band uses
        for (std::size_t r = 0; r < rows[l].size(); ++r)
          for (double y : used)
            if (std::fabs(y - rows[l][r]) < 0.01) {
              kept.push_back(r);
              break;
            }
        BandLane out;
        out.top = top;
        const double box_room = box_room_of(l);
        const double needed = static_cast<double>(kept.size()) * (box_room + geometry.row_gap) - geometry.row_gap +
                              2 * geometry.lane_padding;
        const double height = std::max(needed, lane_min_height_[l]);
        out.bottom = top - height;
        const double first = top - (height - needed) / 2 - geometry.lane_padding - box_room / 2;
        double above = top;
        for (std::size_t k = 0; k < kept.size(); ++k) {
          const double centre = first - static_cast<double>(k) * (box_room + geometry.row_gap);
          out.row_y[rows[l][kept[k]]] = centre;
          out.gutters.push_back({above, centre + box_room / 2});
          above = centre - box_room / 2;
        }
        out.gutters.push_back({above, out.bottom});
        band.lanes[l] = std::move(out);
        top -= height;
      }
      band.bottom = top;
      top -= 36;
    }
  }

  // The room a lane gives a box: its tallest box, as the layout made its rows.
  double box_room_of(std::size_t lane) const {
    double tallest = 20;
    for (std::size_t b = 0; b < boxes_.size(); ++b)
      if (boxes_[b].lane == lane && !is_connector(b)) tallest = std::max(tallest, boxes_[b].height);
    return tallest;
  }

  // Where a box of band `p` stands up and down: its row moved to the band's.
  double band_y(std::size_t p, std::size_t b) const {
    const auto& lane = bands_[p].lanes[boxes_[b].lane];
    if (!lane) return layout_.y[b];
    for (const auto& [from, to] : lane->row_y)
      if (std::fabs(from - layout_.y[b]) < 0.01) return to;
    return layout_.y[b];
  }

  // Connectors for the edges between bands, and the edges to and from them.
  void split_edges() {
    std::map<std::pair<std::size_t, long long>, std::size_t> out_at, in_at;  // (band, row) → connector box
    std::map<std::size_t, std::vector<int>> numbers;                        // in-connector → numbers
    std::map<std::size_t, int> number_of;                                   // out-connector → number
    std::set<std::pair<std::size_t, std::size_t>> kept;
    std::vector<Edge> edges;
    auto connector_at = [&](auto& at, std::size_t band, std::size_t like, bool out) {
      const auto key = std::make_pair(band, std::llround(layout_.y[like] * 8));
      if (auto it = at.find(key); it != at.end()) return it->second;
      const std::size_t box = add_box({fmt::format("{}{}", out ? "connector_out" : "connector_in", boxes_.size()),
                                       boxes_[like].lane, connector_column, 26, "", true});
      layout_.x.push_back(0);
      layout_.y.push_back(layout_.y[like]);
      layout_.column.push_back(out ? bands_[band].last + 1 : bands_[band].first);  // replaced in route_bands
      band_of_box_.push_back(band);
      connector_out_.push_back(out);
      at.emplace(key, box);
      return box;
    };
    connector_out_.assign(boxes_.size(), false);
    std::set<std::tuple<std::size_t, std::size_t, std::string>> kept_in;
    for (const Edge& e : edges_) {
      const std::size_t from_band = band_of_box_[e.from], to_band = band_of_box_[e.to];
      if (from_band == to_band) {
        edges.push_back(e);
        continue;
      }
      const std::size_t out = connector_at(out_at, from_band, e.from, true);
      const std::size_t in = connector_at(in_at, to_band, e.to, false);
      if (!number_of.count(out)) number_of.emplace(out, static_cast<int>(number_of.size()) + 1);
      auto& listed = numbers[in];
      if (std::find(listed.begin(), listed.end(), number_of[out]) == listed.end()) listed.push_back(number_of[out]);
      // The colour and style go with both halves, the label (a branch's
      // share) with the second: the branches of a gateway leave by one
      // connector and part where they arrive. The label comes last in the
      // attributes (edge()).
      std::string style = e.attributes;
      if (const std::size_t at = style.find("label="); at != std::string::npos) style = style.substr(0, at);
      while (!style.empty() && (style.back() == ' ' || style.back() == ',')) style.pop_back();
      if (kept.insert({e.from, out}).second) edges.push_back({e.from, out, style, 0});
      if (kept_in.insert({in, e.to, e.attributes}).second) edges.push_back({in, e.to, e.attributes, e.label_width});
    }
    edges_ = std::move(edges);
    for (const auto& [box, number] : number_of) boxes_[box].attributes = connector_attributes(std::to_string(number));
    // Several numbers that arrive in one row: as many to a line as the
    // connectors' column holds.
    for (const auto& [box, listed] : numbers) {
      std::string text, line;
      std::size_t lines = 1;
      for (std::size_t k = 0; k < listed.size(); ++k) {
        const std::string next = std::to_string(listed[k]) + (k + 1 < listed.size() ? "," : "");
        if (!line.empty() && text::text_width(line + " " + next, 10, true) * 1.05 + 12 > connector_column) {
          text += line + "<BR/>";
          line.clear();
          ++lines;
        }
        line += (line.empty() ? "" : " ") + next;
      }
      text += line;
      boxes_[box].attributes = connector_attributes(text);
      boxes_[box].width = connector_column;
      boxes_[box].height = std::max(26.0, 12.0 * static_cast<double>(lines) + 10);
    }
  }

  // A connector: its number, or the numbers that arrive at it, bold in a
  // rounded box; the legend says what it means.
  static std::string connector_attributes(const std::string& html) {
    return fmt::format("shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", penwidth=1.5, fontsize=10, "
                       "fixedsize=true, margin=0, label=<<B>{}</B>>",
                       html);
  }
  static constexpr double connector_column = 40;  // the width of the connectors' columns
  // What a band's picture adds to its width: the drawing's pad (pad=0.3
  // inch, each side) and the margin svg_bands cuts it with (8 pt each side).
  static constexpr double page_margins = 2 * 0.3 * 72 + 2 * 8;

  // Each band's columns moved to its left edge and down to its place, and
  // its edges routed within it.
  void route_bands() {
    const double gap = SwimlaneOptions{}.column_gap;
    const double first_left = layout_.header_right + gap + connector_column + gap;
    std::vector<RoutedEdge> routes(edges_.size());
    for (std::size_t p = 0; p < bands_.size(); ++p) {
      const ColumnBand& band = bands_[p];
      const double shift = first_left - layout_.column_left[band.first];
      SwimlaneLayout local;
      local.left = layout_.left;
      local.header_right = layout_.header_right;
      local.right = band.right;
      local.lanes = layout_.lanes;
      for (const auto& lane : band.lanes)
        if (lane) local.gutters.insert(local.gutters.end(), lane->gutters.begin(), lane->gutters.end());
      local.column_left.push_back(layout_.header_right + gap);
      local.column_right.push_back(layout_.header_right + gap + connector_column);
      for (std::size_t c = band.first; c <= band.last; ++c) {
        local.column_left.push_back(layout_.column_left[c] + shift);
        local.column_right.push_back(layout_.column_right[c] + shift);
      }
      local.column_left.push_back(band.right - gap - connector_column);
      local.column_right.push_back(band.right - gap);
      std::vector<std::size_t> members, local_index(boxes_.size(), 0);
      std::vector<LayoutBox> boxes;
      for (std::size_t b = 0; b < boxes_.size(); ++b) {
        if (band_of_box_[b] != p) continue;
        local_index[b] = members.size();
        members.push_back(b);
        boxes.push_back({boxes_[b].lane, boxes_[b].width, boxes_[b].height});
        std::size_t column = 0;
        if (b < connector_out_.size() && connector_out_[b]) column = local.column_left.size() - 1;
        else if (b >= connector_out_.size() || !is_connector(b)) column = layout_.column[b] - band.first + 1;
        local.column.push_back(column);
        const double x = column == 0 || column == local.column_left.size() - 1
                             ? (local.column_left[column] + local.column_right[column]) / 2
                             : layout_.x[b] + shift;
        local.x.push_back(x);
        local.y.push_back(band_y(p, b));
      }
      std::vector<LayoutEdge> edges;
      std::vector<std::size_t> edge_ids;
      for (std::size_t e = 0; e < edges_.size(); ++e)
        if (band_of_box_[edges_[e].from] == p) {
          edges.push_back({local_index[edges_[e].from], local_index[edges_[e].to], edges_[e].label_width});
          edge_ids.push_back(e);
        }
      std::vector<RoutedEdge> routed = route_edges(local, boxes, edges);
      for (std::size_t k = 0; k < routed.size(); ++k) routes[edge_ids[k]] = std::move(routed[k]);
      for (std::size_t k = 0; k < members.size(); ++k) {
        layout_.x[members[k]] = local.x[k];
        layout_.y[members[k]] = local.y[k];
      }
    }
    routes_ = std::move(routes);
  }

  bool is_connector(std::size_t b) const { return boxes_[b].name.rfind("connector_", 0) == 0; }

  void write_box(std::size_t b, const std::string& indent) {
    const Box& box = boxes_[b];
    out_ += fmt::format("{}{} [pos=\"{:.1f},{:.1f}!\", width={:.2f}, height={:.2f}, {}];\n", indent, box.name,
                        layout_.x[b], layout_.y[b], box.width / 72, box.height / 72, box.attributes);
  }

  void lanes() {
    for (std::size_t p = 0; p < bands_.size(); ++p)
      for (std::size_t l = 0; l < lane_count_; ++l) lane(p, l);
  }

  void lane(std::size_t page_band, std::size_t l) {
    const ColumnBand& columns = bands_[page_band];
    if (!columns.lanes[l]) return;  // no box of this band in the lane
    {
      const LaneBand band{columns.lanes[l]->top, columns.lanes[l]->bottom};
      const double height = band.top - band.bottom;
      std::string fill = lane_fill, header_fill = "#e6e6e6", pen = "#bbbbbb", width = "1";
      if (l < lane_units_.size() && options_.heat && !process_.units[lane_units_[l]].external) {
        const std::size_t u = lane_units_[l];
        header_fill = bin_of(utilisation_bins, options_.heat->units[u].utilisation).fill;
        fill = header_fill;
        if (options_.heat->bottleneck && *options_.heat->bottleneck == u) {
          pen = bottleneck_colour;
          width = "3";
        }
      }
      // Each lane is a band: a box as wide as the diagram, drawn before the
      // boxes in it (neato -n2 draws no clusters). Steps without a unit
      // (post in transit) get a dashed band of their own.
      const bool of_unit = l < lane_units_.size();
      std::string name = of_unit ? fmt::format("cluster_lane_{}", lane_units_[l]) : "cluster_without_unit";
      if (page_band > 0) name += fmt::format("_band{}", page_band);
      out_ += "\n";
      out_ += fmt::format("  {} [pos=\"{:.1f},{:.1f}!\", shape=box, fixedsize=true, width={:.2f}, height={:.2f}, "
                          "label=\"\", {}, color=\"{}\", penwidth={}];\n",
                          name, (layout_.left + columns.right) / 2, (band.top + band.bottom) / 2,
                          (columns.right - layout_.left - 2 * lane_inset) / 72, (height - 2 * lane_inset) / 72,
                          of_unit ? fmt::format("style=filled, fillcolor=\"{}\"", fill) : std::string("style=dashed"),
                          pen, of_unit ? width : "1");
      out_ += fmt::format("  lane{}{} [pos=\"{:.1f},{:.1f}!\", shape=box, fixedsize=true, width={:.2f}, "
                          "height={:.2f}, style=filled, fillcolor=\"{}\", color=\"{}\", penwidth={}, label=<{}>];\n",
                          l, page_band > 0 ? fmt::format("_band{}", page_band) : std::string(), layout_.left + header_width_ / 2, (band.top + band.bottom) / 2,
                          (header_width_ - 2 * lane_inset) / 72, (height - 2 * lane_inset) / 72, header_fill, pen,
                          width, label_html(header_lines(l)));
      for (std::size_t b = 0; b < boxes_.size(); ++b)
        if (boxes_[b].lane == l && boxes_[b].in_cluster && band_of_box_[b] == page_band) write_box(b, "  ");
    }
  }

  // End steps stand in a lane's band but outside its cluster: they belong
  // to no unit.
  void outside() {
    out_ += "\n";
    for (std::size_t b = 0; b < boxes_.size(); ++b)
      if (!boxes_[b].in_cluster) write_box(b, "  ");
  }

  // Each edge with the route paperflow gave it: a chain of cubic Bézier
  // pieces that are straight lines (each piece's control points on its
  // ends), ending an arrow's length before the tip ("e,x,y"), and the
  // label's place.
  void edges() {
    out_ += "\n";
    for (std::size_t k = 0; k < edges_.size(); ++k) {
      const Edge& e = edges_[k];
      out_ += "  " + boxes_[e.from].name + " -> " + boxes_[e.to].name + " [";
      if (!e.attributes.empty()) out_ += e.attributes + ", ";
      out_ += "pos=\"" + spline(routes_[k].points) + "\"";
      if (routes_[k].label) out_ += fmt::format(", lp=\"{:.1f},{:.1f}\"", routes_[k].label->x, routes_[k].label->y);
      out_ += "];\n";
    }
  }

  static std::string spline(std::vector<Point> points) {
    constexpr double arrow_length = 7;  // arrowsize 0.7 of Graphviz's 10 points
    const Point tip = points.back();
    Point& last = points.back();
    const Point& before = points[points.size() - 2];
    const double length = std::hypot(last.x - before.x, last.y - before.y);
    const double cut = std::min(arrow_length, length * 0.5);
    if (length > 0) {
      last.x -= (last.x - before.x) / length * cut;
      last.y -= (last.y - before.y) / length * cut;
    }
    std::string text = fmt::format("e,{:.1f},{:.1f} {:.1f},{:.1f}", tip.x, tip.y, points[0].x, points[0].y);
    for (std::size_t i = 1; i < points.size(); ++i)
      text += fmt::format(" {:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}", points[i - 1].x, points[i - 1].y, points[i].x,
                          points[i].y, points[i].x, points[i].y);
    return text;
  }

  // The legend: a symbol and its meaning per row, headings across both
  // columns. The text column is given the width of the widest text, so
  // that Graphviz has no spare width to spread over the symbol column.
  void legend() {
    struct Row {
      std::string symbol;  // cell attributes and content of the symbol cell; empty: a heading across both
      std::string text;
      bool bold = false;
    };
    std::vector<Row> rows;
    auto swatch = [](const char* fill, const char* style = "") {
      return fmt::format("BGCOLOR=\"{}\" BORDER=\"1\" {}WIDTH=\"28\" HEIGHT=\"12\" FIXEDSIZE=\"TRUE\">", fill, style);
    };
    auto mark = [](const std::string& html) { return ">" + html; };
    if (options_.heat) {
      rows.push_back({swatch(paper_fill), "Schritt auf Papier"});
      rows.push_back({swatch(digital_fill), "Schritt digital"});
      rows.push_back({{}, "Anteil an der Durchlaufzeit (Rahmen)", true});
      for (const HeatBin& b : share_bins)
        rows.push_back({fmt::format("BGCOLOR=\"{}\" BORDER=\"{:.0f}\" COLOR=\"{}\" WIDTH=\"28\" HEIGHT=\"16\" "
                                    "FIXEDSIZE=\"TRUE\">",
                                    paper_fill, std::ceil(b.pen / 1.5), b.fill),
                        german(b.label)});
      rows.push_back({{}, "Auslastung der Organisationseinheit", true});
      for (const HeatBin& b : utilisation_bins) rows.push_back({swatch(b.fill), german(b.label)});
      rows.push_back({swatch("white", "STYLE=\"dashed\" "), "nur Liegezeit (Post, Warten)"});
    } else {
      rows.push_back({{}, "Legende", true});
      rows.push_back({swatch(paper_fill), "Schritt auf Papier"});
      rows.push_back({swatch(digital_fill), "Schritt digital"});
      rows.push_back({swatch(paper_fill, "STYLE=\"dashed\" "), "nur Liegezeit (Post, Warten)"});
    }
    rows.push_back({mark(fmt::format("<FONT COLOR=\"{}\">- - ▶</FONT>", media_break_colour)),
                    "Medienbruch (Papier ↔ digital)"});
    rows.push_back({mark(fmt::format("<FONT COLOR=\"{}\">──▶</FONT>", rework_colour)), "Nacharbeit"});
    rows.push_back({mark(fmt::format("<FONT COLOR=\"{}\">- -</FONT><FONT COLOR=\"{}\">▶</FONT>", media_break_colour,
                                     rework_colour)),
                    "Nacharbeit mit Medienbruch (rot und blau)"});
    if (bands_.size() > 1) rows.push_back({mark("<B>1</B>"), "Verbinder: weiter beim Verbinder mit derselben Nummer"});
    rows.push_back({mark("×"), "Entscheidung (mit Anteilen)"});
    rows.push_back({mark("+"), "parallel / Zusammenführung"});
    rows.push_back({{}, "✉ Post   ⌂ vor Ort   ☎ Telefon   ✍ Unterschrift   ▣ IT-System"});

    constexpr double symbol_width = 34;  // the swatch and the cell spacing around it
    double text_width = 0;
    for (const Row& row : rows) {
      const double width = text::text_width(row.text, 9, row.bold) * 1.05 + 6;
      text_width = std::max(text_width, row.symbol.empty() ? width - symbol_width : width);
    }
    std::string html;
    for (const Row& row : rows) {
      std::string text = dot_html_escape(row.text);
      if (row.bold) text = "<B>" + text + "</B>";
      if (row.symbol.empty())
        html += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">" + text + "</TD></TR>";
      else
        html += fmt::format("<TR><TD {}</TD><TD ALIGN=\"LEFT\" WIDTH=\"{:.0f}\">{}</TD></TR>", row.symbol,
                            std::ceil(text_width), text);
    }
    // Below the bottom lane, at the left.
    const double width = symbol_width + text_width + 12;
    const double height = static_cast<double>(rows.size()) * (text::line_height(9) + 6) + 8;
    const double bottom = bands_.back().bottom;
    out_ += fmt::format("\n  legend [pos=\"{:.1f},{:.1f}!\", shape=plain, fontsize=9, label=<<TABLE BORDER=\"1\" "
                        "COLOR=\"#bbbbbb\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\">",
                        layout_.left + width / 2, bottom - 24 - height / 2) +
            html + "</TABLE>>];\n";
  }


  const Process& process_;
  const DotOptions& options_;
  std::vector<bool> is_join_;
  std::vector<std::size_t> lane_units_;     // unit of each lane, top to bottom
  std::vector<std::size_t> lane_of_unit_;   // lane of each unit that has one
  std::size_t unitless_lane_ = 0;
  bool has_unitless_ = false;
  std::size_t lane_count_ = 0;
  std::vector<Box> boxes_;
  std::vector<Edge> edges_;
  std::size_t start_box_ = 0;
  std::vector<std::size_t> step_box_;     // per step: its box
  std::vector<std::size_t> entry_box_;    // per step: the box edges into it end at (its join gateway if any)
  std::vector<std::size_t> gateway_box_;  // per step: its choice or parallel gateway, if any
  double header_width_ = 110;
  SwimlaneLayout layout_;
  std::vector<RoutedEdge> routes_;  // per edge of edges_
  // The bands of columns a page wide, top to bottom; one without pages.
  // A lane as a band shows it: where it stands, where each of its rows the
  // band uses moves to, and its free gutters.
  struct BandLane {
    double top = 0, bottom = 0;
    std::map<double, double> row_y;  // the row's y in the whole layout → in the band
    std::vector<Gutter> gutters;
  };
  struct ColumnBand {
    std::size_t first = 0, last = 0;  // columns
    double right = 0;                 // its right edge
    std::vector<std::optional<BandLane>> lanes;  // per lane; none: not in this band
    double bottom = 0;                // the bottom edge of its lowest lane
  };
  std::vector<double> lane_min_height_;  // per lane: room for its header
  std::vector<ColumnBand> bands_;
  std::vector<std::size_t> band_of_box_;
  std::vector<bool> connector_out_;  // per box: an out-connector (a connector at a band's right)
  std::string out_;
};

}  // namespace

std::string dot_html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\n': out += "<BR/>"; break;
      case '\r': break;
      case ']': out += "&#93;"; break;
      case '[': out += "&#91;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) out += ' ';
        else out += c;
    }
  }
  return out;
}

std::optional<double> landscape_page_width(std::string_view page) {
  constexpr double margins = 2 * 10 / 25.4 * 72;  // 10 mm each side
  if (page == "a4") return 297 / 25.4 * 72 - margins;
  if (page == "a3") return 420 / 25.4 * 72 - margins;
  return std::nullopt;
}

std::string render_dot(const Process& process, const DotOptions& options) {
  return DotWriter(process, options).render();
}

}  // namespace paperflow
