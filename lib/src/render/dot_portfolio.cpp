#include "paperflow/dot_portfolio.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "dot_look.h"
#include "paperflow/dot.h"
#include "paperflow/report_portfolio.h"
#include "text_metrics.h"
#include "wording.h"

namespace paperflow {
namespace {

using namespace dot_look;

// A process's share of a shared unit's load, as a cell's fill (ColorBrewer
// Blues): apart from the utilisation's greens and reds in the headers, and
// light enough even at the top for black text (contrast above 6:1).
constexpr HeatBin share_bins[] = {{0.00, "#eff3ff", "< 10 %"},  {0.10, "#c6dbef", "10–25 %"},
                                  {0.25, "#9ecae1", "25–50 %"}, {0.50, "#6baed6", "50–75 %"},
                                  {0.75, "#4292c6", "≥ 75 %"}};
constexpr const char* rule_colour = "#bbbbbb";  // the grid, as the lanes' borders
constexpr const char* header_fill = "#e6e6e6";  // as a lane's header
constexpr const char* quiet_colour = "#555555";  // ids and notes

// Names wrap at about these many characters: a unit's column stays narrow
// enough for ten of them side by side, a process's name for one line in most.
constexpr std::size_t unit_name_width = 16;
constexpr std::size_t process_name_width = 36;

// Text of a cell: escaped, each wrapped line its own line.
std::string lines_html(std::string_view text, std::size_t width) {
  std::string html;
  for (const std::string& line : wrap(text, width)) html += (html.empty() ? "" : "<BR/>") + dot_html_escape(line);
  return html;
}

std::string small(const std::string& html, const char* colour = nullptr) {
  if (!colour) return "<FONT POINT-SIZE=\"9\">" + html + "</FONT>";
  return fmt::format("<FONT POINT-SIZE=\"9\" COLOR=\"{}\">{}</FONT>", colour, html);
}

// An ID for a cell, for the SVG's <g id> and for tests: "share:wohngeld:kasse";
// the row of the processes not shown is "rest", its cells "rest:kasse".
// Ids of the format are plain, but escaping keeps any of them from
// breaking the label.
std::string cell_id(std::string_view kind, std::string_view a, std::string_view b = {}) {
  std::string id = std::string(kind) + ":" + std::string(a);
  if (!b.empty()) id += ":" + std::string(b);
  return dot_html_escape(id);
}

class OverviewWriter {
 public:
  OverviewWriter(const Portfolio& portfolio, const PortfolioAnalysis& analysis, const PortfolioDotOptions& options)
      : portfolio_(portfolio), analysis_(analysis), options_(options), w_(Language::de) {
    const std::size_t n = portfolio.processes.size();
    share_.assign(n, std::vector<std::optional<double>>(portfolio.organisation.units.size()));
    shared_hours_.assign(n, 0);
    for (std::size_t u = 0; u < analysis.shared_units.size(); ++u)
      for (const auto& [p, share] : analysis.shared_units[u].load_share) {
        share_[p][u] = share;
        shared_hours_[p] += share * analysis.shared_units[u].hours_per_year;
      }
    choose_rows();
  }

  std::string render() {
    std::string out = "digraph paperflow_overview {\n";
    out += "  // The organisation's overview: one table, drawn alike by neato -n2 (as paperflow-dot -T does) and dot.\n";
    out += fmt::format("  graph [layout=neato, inputscale=72, fontname=\"{}\", fontsize=16, pad=0.3, labelloc=t, "
                       "labeljust=l, label=<{}>];\n",
                       fonts, title());
    out += fmt::format("  node [fontname=\"{}\", fontsize=10];\n", fonts);
    out += "  overview [pos=\"0,0!\", shape=plain, label=<\n";
    out += fmt::format("<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"5\" COLOR=\"{}\">\n",
                       rule_colour);
    header_rows(out);
    for (std::size_t p : rows_) process_row(out, p);
    if (rows_.size() < portfolio_.processes.size()) rest_row(out);
    notes(out);
    out += "</TABLE>>];\n}\n";
    return out;
  }

 private:
  std::size_t columns() const { return 4 + portfolio_.organisation.units.size(); }

  // Every process when they fit; otherwise those with the most hours at
  // shared units (ties: the organisation's order), shown in that order.
  void choose_rows() {
    rows_.resize(portfolio_.processes.size());
    std::iota(rows_.begin(), rows_.end(), 0);
    if (options_.max_processes == 0 || rows_.size() <= options_.max_processes) return;
    std::stable_sort(rows_.begin(), rows_.end(),
                     [&](std::size_t a, std::size_t b) { return shared_hours_[a] > shared_hours_[b]; });
    rows_.resize(options_.max_processes);
    std::sort(rows_.begin(), rows_.end());
  }

  std::string bottleneck_text() const {
    const auto& b = analysis_.bottleneck;
    if (!b) return "kein Engpass (keine Stelle hat Arbeit)";
    return "Engpass der Organisation: " + portfolio_bottleneck_name(portfolio_, *b) + ", Auslastung " +
           w_.percent(b->utilisation);
  }

  std::string title() const {
    const std::size_t n = portfolio_.processes.size(), units = portfolio_.organisation.units.size();
    // BR ALIGN sets the line before it flush left, as the title is; a long
    // name is wrapped, since a line wider than the table would widen the
    // drawing to both sides.
    std::string lines;
    for (const std::string& sub :
         {fmt::format("Übersicht: {} Verfahren, {} gemeinsame {}", w_.number(static_cast<double>(n), 0), units,
                      units == 1 ? "Stelle" : "Stellen"),
          bottleneck_text()})
      for (const std::string& line : wrap(sub, 100)) lines += dot_html_escape(line) + "<BR ALIGN=\"LEFT\"/>";
    if (!analysis_.stable)
      lines += fmt::format("<FONT COLOR=\"{}\">{}</FONT><BR ALIGN=\"LEFT\"/>", bottleneck_colour,
                           dot_html_escape("Überlast: eine Stelle ist zu 100 % oder mehr ausgelastet; die "
                                           "Durchlaufzeit jedes Verfahrens, das sie braucht, ist unbegrenzt."));
    return "<B>" + dot_html_escape(portfolio_.organisation.name) + "</B><BR ALIGN=\"LEFT\"/><FONT POINT-SIZE=\"12\">" +
           lines + "</FONT>";
  }

  // Two header rows: what the process columns and the unit columns say,
  // then each column's head; the units' heads carry their figures.
  void header_rows(std::string& out) const {
    const std::size_t units = portfolio_.organisation.units.size();
    out += fmt::format("<TR><TD COLSPAN=\"4\" BGCOLOR=\"{}\"><B>Verfahren</B></TD>", header_fill);
    if (units > 0)
      // Wrapped, so that it does not widen the columns of a few units.
      out += fmt::format("<TD COLSPAN=\"{}\" BGCOLOR=\"{}\"><B>Gemeinsame Stellen</B><BR/>{}</TD>", units, header_fill,
                         small(lines_html("Anteil des Verfahrens an der Last der Stelle, je Spalte zusammen 100 %",
                                          units == 1 ? 24 : 40)));
    out += "</TR>\n<TR>";
    auto head = [&](const char* text, const char* note) {
      out += fmt::format("<TD BGCOLOR=\"{}\" VALIGN=\"BOTTOM\"><B>{}</B>{}</TD>", header_fill, dot_html_escape(text),
                         note ? "<BR/>" + small(dot_html_escape(note)) : std::string());
    };
    out += fmt::format("<TD BGCOLOR=\"{}\" VALIGN=\"BOTTOM\" ALIGN=\"LEFT\"><B>Name</B></TD>", header_fill);
    head("Fälle/Jahr", nullptr);
    head("Durchlaufzeit", "Arbeitstage");
    head("Reifegrad", "OZG");
    for (std::size_t u = 0; u < units; ++u) unit_head(out, u);
    out += "</TR>\n";
  }

  void unit_head(std::string& out, std::size_t u) const {
    const Unit& unit = portfolio_.organisation.units[u];
    const SharedUnitFigures& f = analysis_.shared_units[u];
    const bool bottleneck = analysis_.bottleneck && analysis_.bottleneck->shared_unit == u;
    std::string html = "<B>" + lines_html(unit.name, unit_name_width) + "</B>";
    std::string fill = header_fill;
    if (f.external) {
      html += "<BR/>" + small("extern");
    } else {
      fill = bin_of(utilisation_bins, f.utilisation).fill;
      html += "<BR/>" + small("Auslastung " + dot_html_escape(w_.percent(f.utilisation)));
      // A wait of seconds reads as "0 Sek."; under a minute is what it means.
      std::string wait = "unbegrenzt";
      if (f.queue_wait_hours && *f.queue_wait_hours < 1.0 / 60)
        wait = "unter 1 Min.";
      else if (f.queue_wait_hours)
        wait = w_.duration(*f.queue_wait_hours, portfolio_.organisation.calendar.hours_per_day);
      html += "<BR/>" + small("Wartezeit " + dot_html_escape(wait));
    }
    std::string border;
    if (bottleneck) {
      // As the process diagram marks its bottleneck lane: a red border and the word.
      html += fmt::format("<BR/><FONT COLOR=\"{}\"><B>Engpass</B></FONT>", bottleneck_colour);
      border = fmt::format(" BORDER=\"3\" COLOR=\"{}\"", bottleneck_colour);
    }
    out += fmt::format("<TD ID=\"{}\" BGCOLOR=\"{}\" VALIGN=\"BOTTOM\"{}>{}</TD>", cell_id("unit", unit.id), fill,
                       border, html);
  }

  void process_row(std::string& out, std::size_t p) const {
    const Process& process = portfolio_.processes[p].process;
    const Analysis& a = analysis_.processes[p];
    const auto& b = analysis_.bottleneck;
    const bool own_bottleneck = b && !b->shared_unit && b->process == p;
    std::string name = "<B>" + lines_html(process.info.name, process_name_width) + "</B><BR/>" +
                       small(dot_html_escape(process.info.id), quiet_colour);
    std::string border;
    if (own_bottleneck) {
      // A unit of this process alone is the organisation's bottleneck: it
      // has no column, so its row says so, marked as a bottleneck column is.
      name += fmt::format("<BR/><FONT COLOR=\"{}\" POINT-SIZE=\"9\"><B>Engpass: {} {}</B></FONT>", bottleneck_colour,
                          dot_html_escape(process.units[b->unit].name), dot_html_escape(w_.percent(b->utilisation)));
      border = fmt::format(" BORDER=\"3\" COLOR=\"{}\"", bottleneck_colour);
    }
    out += fmt::format("<TR><TD ID=\"{}\" ALIGN=\"LEFT\" BALIGN=\"LEFT\"{}>{}</TD>", cell_id("process", process.info.id),
                       border, name);
    out += "<TD ALIGN=\"RIGHT\">" + w_.number(process.cases_per_year.value_or(0), 0) + "</TD>";
    out += "<TD ALIGN=\"RIGHT\">" + (a.lead_time_days ? w_.number(*a.lead_time_days, 1) : std::string("unbegrenzt")) +
           "</TD>";
    out += "<TD>" + (a.ozg_level ? std::to_string(*a.ozg_level) : std::string("–")) + "</TD>";
    for (std::size_t u = 0; u < portfolio_.organisation.units.size(); ++u)
      share_cell(out, share_[p][u], cell_id("share", process.info.id, portfolio_.organisation.units[u].id));
    out += "</TR>\n";
  }

  void share_cell(std::string& out, const std::optional<double>& share, const std::string& id) const {
    if (!share) {
      out += "<TD></TD>";
      return;
    }
    out += fmt::format("<TD ID=\"{}\" BGCOLOR=\"{}\">{}</TD>", id, bin_of(share_bins, *share).fill,
                       dot_html_escape(overview_share_label(*share)));
  }

  // The processes not shown, summed up, so that each column adds up to 100 %.
  void rest_row(std::string& out) const {
    std::vector<bool> shown(portfolio_.processes.size(), false);
    for (std::size_t p : rows_) shown[p] = true;
    const std::size_t units = portfolio_.organisation.units.size();
    std::vector<std::optional<double>> rest(units);
    double cases = 0;
    for (std::size_t p = 0; p < portfolio_.processes.size(); ++p) {
      if (shown[p]) continue;
      cases += portfolio_.processes[p].process.cases_per_year.value_or(0);
      for (std::size_t u = 0; u < units; ++u)
        if (share_[p][u]) rest[u] = rest[u].value_or(0) + *share_[p][u];
    }
    const std::size_t hidden = portfolio_.processes.size() - rows_.size();
    out += fmt::format("<TR><TD ID=\"rest\" ALIGN=\"LEFT\" BALIGN=\"LEFT\"><I>{}</I><BR/>{}</TD>",
                       dot_html_escape(fmt::format("{} weitere Verfahren", w_.number(static_cast<double>(hidden), 0))),
                       small("zusammen", quiet_colour));
    out += "<TD ALIGN=\"RIGHT\">" + w_.number(cases, 0) + "</TD><TD></TD><TD></TD>";
    for (std::size_t u = 0; u < units; ++u)
      share_cell(out, rest[u], cell_id("rest", portfolio_.organisation.units[u].id));
    out += "</TR>\n";
  }

  // Below the matrix: which rows a large organisation shows, and the legend.
  void notes(std::string& out) const {
    const std::string span = fmt::format("<TR><TD COLSPAN=\"{}\" BORDER=\"0\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">", columns());
    if (rows_.size() < portfolio_.processes.size())
      out += span +
             small(dot_html_escape(fmt::format(
                       "Gezeigt sind die {} von {} Verfahren mit den meisten Arbeitsstunden in gemeinsamen Stellen, "
                       "in der Reihenfolge der Organisationsdatei; die übrigen stehen zusammen in der letzten Zeile.",
                       rows_.size(), w_.number(static_cast<double>(portfolio_.processes.size()), 0)))) +
             "</TD></TR>\n";
    // Each line of the legend a table of its own, so that no line's cells
    // stretch another's. Graphviz widens a table to the cell it stands in,
    // spreading the width over its columns; one of a fixed size, estimated
    // from the font's widths, stays as it is at the left.
    constexpr double swatch_width = 28, spacing = 3, padding = 1, heading_width = 130;
    std::string legend = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">";
    struct Cell {
      std::string fill, border_colour;  // a swatch; no fill: a text
      int border = 0;
      std::string text;
    };
    auto line = [&](const char* heading, const std::vector<Cell>& cells) {
      std::string html = fmt::format("<TD ALIGN=\"LEFT\" WIDTH=\"{:g}\"><B>{}</B></TD>", heading_width,
                                     dot_html_escape(heading));
      double width = heading_width;
      for (const Cell& cell : cells) {
        if (!cell.fill.empty()) {
          html += fmt::format("<TD BGCOLOR=\"{}\" BORDER=\"{}\" COLOR=\"{}\" WIDTH=\"{:g}\" HEIGHT=\"12\" "
                              "FIXEDSIZE=\"TRUE\"></TD>",
                              cell.fill, cell.border, cell.border_colour, swatch_width);
          width += swatch_width + 2 * padding;
        } else {
          html += "<TD ALIGN=\"LEFT\">" + dot_html_escape(cell.text) + "</TD>";
          width += text::text_width(cell.text, 9, false) * 1.05 + 4 + 2 * padding;
        }
      }
      width += spacing * static_cast<double>(cells.size() + 2);
      const double height = std::max(12.0, text::line_height(9)) + 2 * padding + 2 * spacing + 2;
      legend += fmt::format("<TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"{:g}\" "
                            "CELLPADDING=\"{:g}\" FIXEDSIZE=\"TRUE\" WIDTH=\"{:.0f}\" HEIGHT=\"{:.0f}\" "
                            "ALIGN=\"LEFT\"><TR>{}</TR></TABLE></TD></TR>",
                            spacing, padding, std::ceil(width), std::ceil(height), html);
    };
    auto scale = [&](const char* heading, const auto& bins) {
      std::vector<Cell> cells;
      for (const HeatBin& bin : bins) {
        cells.push_back({bin.fill, rule_colour, 1, {}});
        cells.push_back({{}, {}, 0, bin.label});
      }
      line(heading, cells);
    };
    scale("Anteil an der Last", share_bins);
    scale("Auslastung der Stelle", utilisation_bins);
    line("Engpass", {{"white", bottleneck_colour, 3, {}},
                     {{}, {}, 0, "die am höchsten ausgelastete Stelle der Organisation"}});
    line("Leere Zelle", {{{}, {}, 0, "Das Verfahren schickt der Stelle keine Arbeit."}});
    legend += "</TABLE>";
    out += span + small(legend) + "</TD></TR>\n";
  }

  const Portfolio& portfolio_;
  const PortfolioAnalysis& analysis_;
  const PortfolioDotOptions& options_;
  Wording w_;
  std::vector<std::vector<std::optional<double>>> share_;  // per process, per shared unit: its share, if it sends work
  std::vector<double> shared_hours_;                        // per process: staff hours a year at shared units
  std::vector<std::size_t> rows_;                           // the processes shown, in the organisation's order
};

}  // namespace

std::string overview_share_label(double share) {
  std::string label = fmt::format("{:.0f} %", share * 100);
  if (share > 0 && label == "0 %") return "< 1 %";
  if (share < 1 && label == "100 %") return "> 99 %";
  return label;
}

std::string render_portfolio_dot(const Portfolio& portfolio, const PortfolioAnalysis& analysis,
                                 const PortfolioDotOptions& options) {
  return OverviewWriter(portfolio, analysis, options).render();
}

}  // namespace paperflow
