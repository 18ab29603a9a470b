#include "paperflow/dot.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "paperflow/duration.h"

namespace paperflow {
namespace {

// Fills chosen to stay apart in greyscale print: paper is a light cream
// (about 95 % grey), digital a mid blue (about 65 %).
constexpr const char* paper_fill = "#fbf1d5";
constexpr const char* digital_fill = "#7fb2dc";
constexpr const char* lane_fill = "#f5f5f5";
constexpr const char* media_break_colour = "#d7191c";
constexpr const char* rework_colour = "#2b5fad";

// Sequential scale for a step's share of the lead time (ColorBrewer OrRd).
struct HeatBin {
  double from;
  const char* fill;
  const char* label;
};
constexpr HeatBin share_bins[] = {{0.00, "#fef0d9", "< 2 %"},   {0.02, "#fdd49e", "2–5 %"},
                                  {0.05, "#fdbb84", "5–10 %"},  {0.10, "#fc8d59", "10–20 %"},
                                  {0.20, "#e34a33", "20–35 %"}, {0.35, "#b30000", "≥ 35 %"}};
constexpr HeatBin utilisation_bins[] = {{0.00, "#edf8e9", "< 50 %"},  {0.50, "#fffbd5", "50–70 %"},
                                        {0.70, "#fee0b6", "70–85 %"}, {0.85, "#fcae91", "85–100 %"},
                                        {1.00, "#f4726b", "≥ 100 %"}};

template <std::size_t N>
const HeatBin& bin_of(const HeatBin (&bins)[N], double value) {
  std::size_t k = 0;
  while (k + 1 < N && value >= bins[k + 1].from) ++k;
  return bins[k];
}

// German number style for labels read by clerks: a decimal comma.
std::string german(std::string text) {
  std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

std::string duration_label(const Distribution& d, double hours_per_day) {
  std::string text = german(format_duration(d.mean(), hours_per_day));
  return d.kind == Distribution::Kind::fixed ? text : "≈ " + text;
}

// Breaks a name into lines of about `width` characters at spaces.
std::vector<std::string> wrap(std::string_view text, std::size_t width) {
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

std::string wrapped_html(std::string_view text, std::size_t width) {
  std::string out;
  for (const std::string& line : wrap(text, width)) {
    if (!out.empty()) out += "<BR/>";
    out += dot_html_escape(line);
  }
  return out;
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

class DotWriter {
 public:
  DotWriter(const Process& process, const DotOptions& options) : process_(process), options_(options) {
    const std::size_t n = process.steps.size();
    is_join_.assign(n, false);
    for (const Step& step : process.steps)
      if (step.routing.kind == Routing::Kind::parallel) {
        auto it = process.step_index.find(step.routing.join.id);
        if (it != process.step_index.end()) is_join_[it->second] = true;
      }
  }

  std::string render() {
    out_ += "digraph paperflow {\n";
    out_ += "  graph [rankdir=LR, newrank=true, compound=true, fontname=\"DejaVu Sans\", fontsize=16, "
            "nodesep=0.3, ranksep=0.45, pad=0.3, labelloc=t, labeljust=l, ";
    out_ += "label=<" + title() + ">];\n";
    out_ += "  node [fontname=\"DejaVu Sans\", fontsize=11, margin=\"0.12,0.06\", penwidth=1.2, color=\"#555555\"];\n";
    out_ += "  edge [fontname=\"DejaVu Sans\", fontsize=10, color=\"#444444\", arrowsize=0.7];\n\n";
    out_ += "  start [shape=circle, label=\"Start\", fontsize=9, width=0.55, fixedsize=true, style=filled, "
            "fillcolor=white, penwidth=1.5];\n";
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
    std::string sub = process_.info.owner.empty() ? std::string() : dot_html_escape(process_.info.owner) + " · ";
    sub += dot_html_escape(options_.state);
    if (options_.heat) sub += ": wo die Zeit vergeht";
    if (options_.heat && options_.heat->lead_time_hours)
      sub += " · Durchlaufzeit " +
             german(fmt::format("{:.1f}", *options_.heat->lead_time_days)) + " Arbeitstage";
    return text + "<BR/><FONT POINT-SIZE=\"12\">" + sub + "</FONT>";
  }

  // The applicant's lane: the first external unit with an applicant-facing step.
  std::optional<std::size_t> applicant_lane() const {
    for (std::size_t u = 0; u < process_.units.size(); ++u) {
      if (!process_.units[u].external) continue;
      for (const Step& step : process_.steps) {
        const Unit* unit = process_.unit_of(step);
        if (unit == &process_.units[u] &&
            (step.activity == Activity::fill_in || step.activity == Activity::submit ||
             step.activity == Activity::sign || step.activity == Activity::pay))
          return u;
      }
    }
    return std::nullopt;
  }

  void lanes() {
    std::vector<std::size_t> order;
    auto applicant = applicant_lane();
    if (applicant) order.push_back(*applicant);
    for (std::size_t u = 0; u < process_.units.size(); ++u)
      if (!applicant || u != *applicant) order.push_back(u);
    for (std::size_t u : order) {
      std::vector<std::size_t> members;
      for (std::size_t i = 0; i < process_.steps.size(); ++i)
        if (!process_.steps[i].end && process_.unit_of(process_.steps[i]) == &process_.units[u]) members.push_back(i);
      if (members.empty()) continue;
      const Unit& unit = process_.units[u];
      std::string label = "<B>" + dot_html_escape(unit.name) + "</B>";
      std::string fill = lane_fill, pen = "#bbbbbb", width = "1";
      if (unit.external) {
        label += "<BR/><FONT POINT-SIZE=\"10\">extern</FONT>";
      } else if (options_.heat) {
        const UnitFigures& f = options_.heat->units[u];
        fill = bin_of(utilisation_bins, f.utilisation).fill;
        label += "<BR/><FONT POINT-SIZE=\"10\">Auslastung " + percent(f.utilisation) + "</FONT>";
        if (options_.heat->bottleneck && *options_.heat->bottleneck == u) {
          label += "<BR/><FONT POINT-SIZE=\"11\" COLOR=\"#b30000\"><B>Engpass</B></FONT>";
          pen = "#b30000";
          width = "3";
        }
      } else {
        label += "<BR/><FONT POINT-SIZE=\"10\">" + german(fmt::format("{:g}", unit.staff)) + " Pers.</FONT>";
      }
      out_ += fmt::format("  subgraph cluster_lane_{} {{\n", u);
      out_ += fmt::format("    label=<{}>; style=\"rounded,filled\"; fillcolor=\"{}\"; color=\"{}\"; penwidth={}; "
                          "fontsize=13; margin=12;\n",
                          label, fill, pen, width);
      for (std::size_t i : members) node(i, "    ");
      out_ += "  }\n";
    }
  }

  // End steps and steps without a unit stand outside the lanes.
  void outside() {
    for (std::size_t i = 0; i < process_.steps.size(); ++i) {
      const Step& step = process_.steps[i];
      if (step.end || !process_.unit_of(step)) node(i, "  ");
    }
  }

  void node(std::size_t i, const std::string& indent) {
    const Step& step = process_.steps[i];
    const double hours_per_day = process_.calendar.hours_per_day;
    if (is_join_[i])
      out_ += fmt::format("{}j{} [shape=diamond, label=\"+\", fontsize=14, width=0.4, height=0.4, fixedsize=true, "
                          "style=filled, fillcolor=white];\n",
                          indent, i);
    if (step.end) {
      out_ += fmt::format("{}s{} [shape=box, style=\"rounded,filled,bold\", penwidth=3, fillcolor=white, "
                          "label=<{}>];\n",
                          indent, i, wrapped_html(step.name, 22));
      return;
    }
    std::string label = "<B>" + wrapped_html(step.name, 24) + "</B>";
    std::vector<std::string> times;
    if (!step.work.is_zero()) times.push_back("Bearbeitung " + duration_label(step.work, hours_per_day));
    if (!step.delay.is_zero()) times.push_back("Liegezeit " + duration_label(step.delay, hours_per_day));
    if (!times.empty()) {
      std::string line;
      for (const std::string& t : times) line += (line.empty() ? "" : " · ") + t;
      label += "<BR/><FONT POINT-SIZE=\"9\">" + dot_html_escape(line) + "</FONT>";
    }
    std::vector<std::string> marks;
    if (step.channel) marks.push_back(channel_mark(*step.channel));
    if (step.signature != Signature::none) marks.push_back(signature_mark(step.signature));
    if (!step.it_system.empty()) marks.push_back("▣ " + step.it_system);
    if (!marks.empty()) {
      std::string line;
      for (const std::string& m : marks) line += (line.empty() ? "" : "  ") + m;
      label += "<BR/><FONT POINT-SIZE=\"9\">" + dot_html_escape(line) + "</FONT>";
    }
    const bool pure_delay = step.work.is_zero() && !step.delay.is_zero();
    std::string fill = step.medium == Medium::digital ? digital_fill : paper_fill;
    std::string font = "black";
    if (options_.heat) {
      const StepFigures& f = options_.heat->steps[i];
      if (f.lead_time_hours && options_.heat->lead_time_hours && *options_.heat->lead_time_hours > 0) {
        const double share = *f.lead_time_hours / *options_.heat->lead_time_hours;
        const HeatBin& b = bin_of(share_bins, share);
        fill = b.fill;
        if (share >= 0.20) font = "white";
        label += "<BR/><FONT POINT-SIZE=\"9\">" + percent(share) + " der Durchlaufzeit</FONT>";
      } else {
        fill = share_bins[std::size(share_bins) - 1].fill;
        font = "white";
        label += "<BR/><FONT POINT-SIZE=\"9\">unbegrenzt (Überlast)</FONT>";
      }
      label += "<BR/><FONT POINT-SIZE=\"8\">" + std::string(step.medium == Medium::digital ? "digital" : "Papier") +
               "</FONT>";
    }
    out_ += fmt::format("{}s{} [shape=box, style=\"{}\", fillcolor=\"{}\", fontcolor=\"{}\", label=<{}>];\n", indent,
                        i, pure_delay ? "rounded,filled,dashed" : "rounded,filled", fill, font, label);
    const Routing& routing = step.routing;
    if (routing.kind == Routing::Kind::choice && routing.choices.size() > 1)
      out_ += fmt::format("{}c{} [shape=diamond, label=\"×\", fontsize=14, width=0.4, height=0.4, fixedsize=true, "
                          "style=filled, fillcolor=white];\n",
                          indent, i);
    if (routing.kind == Routing::Kind::parallel)
      out_ += fmt::format("{}p{} [shape=diamond, label=\"+\", fontsize=14, width=0.4, height=0.4, fixedsize=true, "
                          "style=filled, fillcolor=white];\n",
                          indent, i);
  }

  std::size_t index_of(const Reference& ref) const { return process_.step_index.at(ref.id); }

  // The node an edge into step `to` ends at: its join gateway when it is a join.
  std::string entry(std::size_t to) const { return fmt::format("{}{}", is_join_[to] ? "j" : "s", to); }

  bool media_break(std::size_t from, std::size_t to) const {
    const Step& a = process_.steps[from];
    const Step& b = process_.steps[to];
    return a.medium && b.medium && *a.medium != *b.medium;
  }

  void edge(const std::string& from, const std::string& to, std::size_t from_step, std::size_t to_step,
            const std::string& label, bool rework) {
    std::vector<std::string> attributes;
    if (media_break(from_step, to_step)) {
      attributes.push_back(fmt::format("color=\"{}\", style=dashed, penwidth=2", media_break_colour));
    } else if (rework) {
      attributes.push_back(fmt::format("color=\"{}\", penwidth=1.5", rework_colour));
    }
    if (rework) attributes.push_back("constraint=false");
    std::string text = label;
    if (rework) text = "Nacharbeit" + (label.empty() ? "" : " " + label);
    if (!text.empty())
      attributes.push_back(fmt::format("label=<{}>, fontcolor=\"{}\"", dot_html_escape(text),
                                       rework ? rework_colour : "#333333"));
    out_ += "  " + from + " -> " + to;
    if (!attributes.empty()) {
      out_ += " [";
      for (std::size_t k = 0; k < attributes.size(); ++k) out_ += (k ? ", " : "") + attributes[k];
      out_ += "]";
    }
    out_ += ";\n";
  }

  void edges() {
    out_ += "\n";
    const std::size_t start = process_.start_step();
    out_ += "  start -> " + entry(start) + ";\n";
    for (std::size_t i = 0; i < process_.steps.size(); ++i) {
      const Step& step = process_.steps[i];
      const std::string from = fmt::format("s{}", i);
      if (is_join_[i]) out_ += fmt::format("  j{} -> s{};\n", i, i);
      switch (step.routing.kind) {
        case Routing::Kind::next: {
          std::size_t to = index_of(step.routing.next);
          edge(from, entry(to), i, to, "", false);
          break;
        }
        case Routing::Kind::choice: {
          const auto& choices = step.routing.choices;
          if (choices.size() == 1) {
            std::size_t to = index_of(choices[0].to);
            edge(from, entry(to), i, to, "", choices[0].rework);
            break;
          }
          out_ += fmt::format("  s{} -> c{};\n", i, i);
          for (const Choice& choice : choices) {
            std::size_t to = index_of(choice.to);
            edge(fmt::format("c{}", i), entry(to), i, to, percent(choice.p), choice.rework);
          }
          break;
        }
        case Routing::Kind::parallel: {
          out_ += fmt::format("  s{} -> p{};\n", i, i);
          for (const Reference& branch : step.routing.parallel) {
            std::size_t to = index_of(branch);
            edge(fmt::format("p{}", i), entry(to), i, to, "", false);
          }
          break;
        }
        case Routing::Kind::none: break;
      }
    }
  }

  void legend() {
    std::string rows;
    auto row = [&](const std::string& swatch, const std::string& text) {
      rows += "<TR><TD " + swatch + " WIDTH=\"28\"></TD><TD ALIGN=\"LEFT\">" + text + "</TD></TR>";
    };
    if (options_.heat) {
      rows += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Anteil an der Durchlaufzeit</B></TD></TR>";
      for (const HeatBin& b : share_bins)
        row(fmt::format("BGCOLOR=\"{}\" BORDER=\"1\"", b.fill), dot_html_escape(german(b.label)));
      rows += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Auslastung der Stelle</B></TD></TR>";
      for (const HeatBin& b : utilisation_bins)
        row(fmt::format("BGCOLOR=\"{}\" BORDER=\"1\"", b.fill), dot_html_escape(german(b.label)));
    } else {
      rows += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Legende</B></TD></TR>";
      row(fmt::format("BGCOLOR=\"{}\" BORDER=\"1\"", paper_fill), "Schritt auf Papier");
      row(fmt::format("BGCOLOR=\"{}\" BORDER=\"1\"", digital_fill), "Schritt digital");
    }
    rows += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">gestrichelter Rahmen: nur Liegezeit (Post, Warten)</TD></TR>";
    rows += fmt::format("<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><FONT COLOR=\"{}\">- - - ▶</FONT> Medienbruch "
                        "(Papier ↔ digital)</TD></TR>",
                        media_break_colour);
    rows += fmt::format("<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><FONT COLOR=\"{}\">───▶</FONT> Nacharbeit</TD></TR>",
                        rework_colour);
    rows += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">× Entscheidung (mit Anteilen)   + parallel / Zusammenführung</TD></TR>";
    rows += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">✉ Post   ⌂ vor Ort   ☎ Telefon   ✍ Unterschrift   ▣ IT-System</TD></TR>";
    out_ += "\n  legend [shape=plain, fontsize=9, label=<<TABLE BORDER=\"1\" COLOR=\"#bbbbbb\" CELLBORDER=\"0\" "
            "CELLSPACING=\"2\" CELLPADDING=\"2\">" +
            rows + "</TABLE>>];\n";
  }

  const Process& process_;
  const DotOptions& options_;
  std::vector<bool> is_join_;
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

std::string render_dot(const Process& process, const DotOptions& options) {
  return DotWriter(process, options).render();
}

}  // namespace paperflow
