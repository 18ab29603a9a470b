#include "edge_routing.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace paperflow {
namespace {

constexpr double clearance = 3;  // how close a straight run may pass a box of a column it skips

// A vertical run's owner: the runs of one source (its fan-out) or into one
// target (its fan-in) share a line, others each have their own.
enum class Owner { source, target, edge };

struct Channel {
  int gap = 0;  // -1: left of column 0; c: right of column c
  Owner owner = Owner::edge;
  std::size_t id = 0;
  bool operator<(const Channel& o) const { return std::tie(gap, owner, id) < std::tie(o.gap, o.owner, o.id); }
};

struct Net {
  double low = 0, high = 0;      // the y extent of every run on it
  std::vector<double> from_left;  // heights at which a run comes in from the left and turns here
  std::vector<double> to_right;   // heights at which a run turns here and goes on to the right
  double x = 0;                   // resolved
};

bool shares_height(const std::vector<double>& a, const std::vector<double>& b) {
  for (double y : a)
    for (double z : b)
      if (std::fabs(y - z) < 0.5) return true;
  return false;
}

// How one edge goes, before the lines of gaps and gutters are resolved.
struct Plan {
  enum class Shape { straight, one_turn, gutter } shape = Shape::straight;
  std::size_t first = 0, last = 0;  // nets: the turn (one_turn), or into and out of the gutter
  std::size_t gutter = 0;
  std::size_t track = 0;            // index into the gutter's runs
  bool label_at_start = false;      // one_turn: label beside the source rather than at the turn
};

// A run along a row across the columns in between, and whose it is.
struct RowRun {
  double low = 0, high = 0;
  std::size_t source = 0, target = 0;
};

struct TrackRun {
  double low = 0, high = 0;  // x extent
  double y = 0;              // resolved
};

class Router {
 public:
  Router(const SwimlaneLayout& layout, const std::vector<LayoutBox>& boxes, const std::vector<LayoutEdge>& edges,
         const RoutingOptions& options)
      : layout_(layout), boxes_(boxes), edges_(edges), options_(options) {
    columns_ = layout.column_left.size();
    in_column_.resize(columns_);
    for (std::size_t b = 0; b < boxes.size(); ++b) in_column_[layout.column[b]].push_back(b);
    tracks_.resize(layout.gutters.size());
  }

  std::vector<RoutedEdge> route() {
    std::vector<Plan> plans;
    for (std::size_t e = 0; e < edges_.size(); ++e) plans.push_back(plan(e));
    resolve_channels();
    resolve_tracks();
    shift_arrivals(plans);
    std::vector<RoutedEdge> routed;
    for (std::size_t e = 0; e < edges_.size(); ++e) routed.push_back(draw(e, plans[e]));
    return routed;
  }

 private:
  double gap_left(int gap) const {
    return gap < 0 ? layout_.header_right : layout_.column_right[static_cast<std::size_t>(gap)];
  }
  double gap_right(int gap) const {
    const auto next = static_cast<std::size_t>(gap + 1);
    return next < columns_ ? layout_.column_left[next] : layout_.right;
  }
  double gap_centre(int gap) const { return (gap_left(gap) + gap_right(gap)) / 2; }

  Point start_of(std::size_t b) const { return {layout_.x[b] + boxes_[b].width / 2, layout_.y[b]}; }
  Point end_of(std::size_t b) const { return {layout_.x[b] - boxes_[b].width / 2, layout_.y[b]}; }

  // The net of `channel`, grown by a run that comes in from the left at
  // `in` and leaves to the right at `out` (a run that comes in or leaves
  // on the other side passes nothing of this gap there: nullopt).
  std::size_t net(Channel channel, double y1, double y2, std::optional<double> in, std::optional<double> out) {
    auto [it, added] = net_of_.try_emplace(channel, nets_.size());
    if (added) nets_.push_back({std::min(y1, y2), std::max(y1, y2), {}, {}, 0});
    Net& n = nets_[it->second];
    n.low = std::min({n.low, y1, y2});
    n.high = std::max({n.high, y1, y2});
    if (in) n.from_left.push_back(*in);
    if (out) n.to_right.push_back(*out);
    return it->second;
  }

  // Whether a horizontal run at `y` passes the columns strictly between
  // `from` and `to` without touching a box.
  bool clear_between(std::size_t from, std::size_t to, double y) const {
    for (std::size_t c = from + 1; c < to; ++c)
      for (std::size_t b : in_column_[c])
        if (std::fabs(layout_.y[b] - y) < boxes_[b].height / 2 + clearance) return false;
    return true;
  }

  // A run across the columns between source and target along a row: taken
  // unless another such run of other ends lies there already.
  bool take_row(double y, double x1, double x2, std::size_t source, std::size_t target) {
    auto& runs = rows_[std::llround(y * 8)];
    for (const RowRun& r : runs)
      if (r.source != source && r.target != target && std::min(r.high, x2) - std::max(r.low, x1) > -1) return false;
    runs.push_back({x1, x2, source, target});
    return true;
  }

  double gutter_centre(std::size_t g) const { return (layout_.gutters[g].top + layout_.gutters[g].bottom) / 2; }

  // The gutter a run between heights `a` and `b` takes: one between them,
  // nearest their middle; else the first below the lower.
  std::size_t gutter_between(double a, double b) const {
    const double low = std::min(a, b), high = std::max(a, b), middle = (a + b) / 2;
    std::optional<std::size_t> best;
    for (std::size_t g = 0; g < layout_.gutters.size(); ++g) {
      const double y = gutter_centre(g);
      if (y > low && y < high && (!best || std::fabs(y - middle) < std::fabs(gutter_centre(*best) - middle))) best = g;
    }
    return best ? *best : gutter_below(low);
  }

  std::size_t gutter_below(double y) const {
    for (std::size_t g = 0; g < layout_.gutters.size(); ++g)
      if (gutter_centre(g) < y) return g;
    return layout_.gutters.size() - 1;
  }

  Plan plan(std::size_t e) {
    const std::size_t s = edges_[e].from, t = edges_[e].to;
    const std::size_t cs = layout_.column[s], ct = layout_.column[t];
    const double ys = layout_.y[s], yt = layout_.y[t];
    const int after_source = static_cast<int>(cs), before_target = static_cast<int>(ct) - 1;
    Plan p;
    if (ct > cs) {
      if (std::fabs(ys - yt) < 0.5 && clear_between(cs, ct, ys)) return p;  // straight
      if (ct == cs + 1 ||
          (clear_between(cs, ct, yt) && take_row(yt, gap_centre(after_source), end_of(t).x, s, t))) {
        p.shape = Plan::Shape::one_turn;
        p.first = net({after_source, Owner::source, s}, ys, yt, ys, yt);
        return p;
      }
      if (clear_between(cs, ct, ys) && take_row(ys, start_of(s).x, gap_centre(before_target), s, t)) {
        p.shape = Plan::Shape::one_turn;
        p.first = net({before_target, Owner::target, t}, ys, yt, ys, yt);
        p.label_at_start = true;
        return p;
      }
      p.gutter = gutter_between(ys, yt);
    } else {
      // Back to an earlier column (rework): under the lower of the two boxes.
      p.gutter = gutter_below(std::min(ys - boxes_[s].height / 2, yt - boxes_[t].height / 2));
    }
    p.shape = Plan::Shape::gutter;
    const double track = gutter_centre(p.gutter);
    const double x1 = gap_centre(after_source), x2 = gap_centre(before_target);
    const bool forward = x2 > x1;
    p.first = net({after_source, Owner::source, s}, ys, track, ys,
                  forward ? std::optional<double>(track) : std::nullopt);
    p.last = net({before_target, Owner::target, t}, track, yt, forward ? std::optional<double>(track) : std::nullopt,
                 yt);
    p.track = tracks_[p.gutter].size();
    tracks_[p.gutter].push_back({std::min(x1, x2), std::max(x1, x2), 0});
    return p;
  }

  // Greedy colouring of intervals: each takes the first line free of every
  // interval it overlaps. Returns the line of each and how many there are.
  template <class Item>
  static std::size_t assign_lines(std::vector<Item*>& items, std::vector<std::size_t>& line,
                                  double Item::*low, double Item::*high) {
    std::sort(items.begin(), items.end(), [&](const Item* a, const Item* b) {
      return std::tie(a->*low, a->*high) < std::tie(b->*low, b->*high);
    });
    std::vector<double> line_end;
    line.assign(items.size(), 0);
    for (std::size_t i = 0; i < items.size(); ++i) {
      std::size_t l = 0;
      while (l < line_end.size() && line_end[l] + 1 > items[i]->*low) ++l;
      if (l == line_end.size()) line_end.push_back(0);
      line_end[l] = items[i]->*high;
      line[i] = l;
    }
    return line_end.size();
  }

  // Each net's x: every net of a gap on a line of its own, spread over the
  // gap with the arrow's side (right) kept clear for the last run into a
  // box. A net that a run enters from the left at some height stands left
  // of a net that leaves to the right at that height, or the two runs
  // would lie on one another; otherwise the nets go by their extent.
  void resolve_channels() {
    std::map<int, std::vector<std::size_t>> by_gap;
    for (const auto& [channel, index] : net_of_) by_gap[channel.gap].push_back(index);
    for (auto& [gap, members] : by_gap) {
      const std::vector<std::size_t> order = left_to_right(members);
      const std::size_t lines = order.size();
      const double from = gap_left(gap) + 6, to = gap_right(gap) - 12;
      const double spacing =
          lines > 1 ? std::min(options_.channel_spacing, std::max(to - from, 0.0) / static_cast<double>(lines - 1)) : 0;
      const double first = (from + to) / 2 - spacing * static_cast<double>(lines - 1) / 2;
      for (std::size_t k = 0; k < lines; ++k) nets_[order[k]].x = first + spacing * static_cast<double>(k);
    }
  }

  // The nets in an order that keeps every "left of" rule it can: Kahn's
  // topological sort, the net of least extent first where several are
  // free; a cycle is broken at the net of least extent.
  std::vector<std::size_t> left_to_right(const std::vector<std::size_t>& members) const {
    const std::size_t n = members.size();
    std::vector<std::vector<std::size_t>> after(n);
    std::vector<std::size_t> before_count(n, 0);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j)
        if (i != j && shares_height(nets_[members[i]].from_left, nets_[members[j]].to_right)) {
          after[i].push_back(j);
          ++before_count[j];
        }
    auto earlier = [&](std::size_t a, std::size_t b) {
      const Net &p = nets_[members[a]], &q = nets_[members[b]];
      return std::tie(p.low, p.high, members[a]) < std::tie(q.low, q.high, members[b]);
    };
    std::vector<bool> placed(n, false);
    std::vector<std::size_t> order;
    while (order.size() < n) {
      std::optional<std::size_t> next;
      for (std::size_t i = 0; i < n; ++i)
        if (!placed[i] && before_count[i] == 0 && (!next || earlier(i, *next))) next = i;
      if (!next)
        for (std::size_t i = 0; i < n; ++i)
          if (!placed[i] && (!next || earlier(i, *next))) next = i;
      placed[*next] = true;
      order.push_back(members[*next]);
      for (std::size_t j : after[*next])
        if (before_count[j] > 0) --before_count[j];
    }
    return order;
  }

  void resolve_tracks() {
    for (std::size_t g = 0; g < tracks_.size(); ++g) {
      std::vector<TrackRun*> members;
      for (TrackRun& run : tracks_[g]) members.push_back(&run);
      if (members.empty()) continue;
      std::vector<std::size_t> line;
      const std::size_t lines = assign_lines(members, line, &TrackRun::low, &TrackRun::high);
      const double top = layout_.gutters[g].top - 4, bottom = layout_.gutters[g].bottom + 4;
      const double spacing =
          lines > 1 ? std::min(options_.track_spacing, std::max(top - bottom, 0.0) / static_cast<double>(lines - 1)) : 0;
      const double first = (top + bottom) / 2 + spacing * static_cast<double>(lines - 1) / 2;
      for (std::size_t i = 0; i < members.size(); ++i) members[i]->y = first - spacing * static_cast<double>(line[i]);
    }
  }

  // Where two edges cross in one gap (one leaves a row that the other
  // enters), no order of their lines keeps both runs apart: the edge that
  // enters then comes into its target a little below the row's middle.
  void shift_arrivals(const std::vector<Plan>& plans) {
    arrival_shift_.assign(edges_.size(), 0);
    std::map<int, std::vector<std::size_t>> by_gap;
    for (const auto& [channel, index] : net_of_) by_gap[channel.gap].push_back(index);
    std::vector<int> gap_of(nets_.size(), 0);
    for (const auto& [channel, index] : net_of_) gap_of[index] = channel.gap;
    for (std::size_t e = 0; e < edges_.size(); ++e) {
      const Plan& p = plans[e];
      if (p.shape == Plan::Shape::straight) continue;
      const std::size_t arrival = p.shape == Plan::Shape::gutter ? p.last : p.first;
      const double y = layout_.y[edges_[e].to];
      for (std::size_t other : by_gap[gap_of[arrival]])
        if (other != arrival && nets_[other].x > nets_[arrival].x && shares_height(nets_[other].from_left, {y}))
          arrival_shift_[e] = -std::min(6.0, boxes_[edges_[e].to].height / 4);
    }
  }

  // A label's centre with its left end `gap` right of `x`, above `y`.
  Point label_right_of(double x, double y, double width) const {
    return {x + 4 + width / 2, y + options_.label_height / 2 + 1};
  }

  // Where a label beside net `turn` at `y` may begin: right of every other
  // run of the same gap that passes the label's height, so that none
  // crosses it, where that leaves the label room before `limit`.
  double past_runs(std::size_t turn, double y, double width, double limit) const {
    std::optional<int> gap;
    for (const auto& [channel, k] : net_of_)
      if (k == turn) gap = channel.gap;
    double x = nets_[turn].x;
    for (const auto& [channel, k] : net_of_)
      if (channel.gap == gap && nets_[k].x > x && nets_[k].low < y + 1 + options_.label_height && nets_[k].high > y)
        x = nets_[k].x;
    return x + 4 + width <= limit ? x : nets_[turn].x;
  }

  RoutedEdge draw(std::size_t e, const Plan& p) const {
    const std::size_t s = edges_[e].from, t = edges_[e].to;
    const Point a = start_of(s);
    const Point b{end_of(t).x, end_of(t).y + arrival_shift_[e]};
    const double width = edges_[e].label_width;
    RoutedEdge r;
    switch (p.shape) {
      case Plan::Shape::straight:
        r.points = {a, b};
        if (width > 0) r.label = label_right_of(a.x, a.y, width);
        break;
      case Plan::Shape::one_turn: {
        const double x = nets_[p.first].x;
        r.points = {a, {x, a.y}, {x, b.y}, b};
        if (width > 0) r.label = p.label_at_start ? label_right_of(a.x, a.y, width) : label_right_of(past_runs(p.first, b.y, width, b.x), b.y, width);
        break;
      }
      case Plan::Shape::gutter: {
        const double x1 = nets_[p.first].x, x2 = nets_[p.last].x, y = tracks_[p.gutter][p.track].y;
        r.points = {a, {x1, a.y}, {x1, y}, {x2, y}, {x2, b.y}, b};
        // Along the gutter, on the side of the track that has more room.
        if (width > 0) {
          const Gutter& g = layout_.gutters[p.gutter];
          const double above = g.top - y, below = y - g.bottom;
          const double label_y = above >= below ? y + options_.label_height / 2 + 1 : y - options_.label_height / 2 - 1;
          r.label = Point{(x1 + x2) / 2, label_y};
        }
        break;
      }
    }
    // Drop the points that repeat (a turn of no length).
    std::vector<Point> kept;
    for (const Point& q : r.points)
      if (kept.empty() || std::fabs(kept.back().x - q.x) > 1e-9 || std::fabs(kept.back().y - q.y) > 1e-9) kept.push_back(q);
    r.points = std::move(kept);
    return r;
  }

  const SwimlaneLayout& layout_;
  const std::vector<LayoutBox>& boxes_;
  const std::vector<LayoutEdge>& edges_;
  const RoutingOptions& options_;
  std::size_t columns_ = 0;
  std::vector<std::vector<std::size_t>> in_column_;
  std::map<Channel, std::size_t> net_of_;
  std::vector<Net> nets_;
  std::vector<std::vector<TrackRun>> tracks_;  // per gutter
  std::vector<double> arrival_shift_;          // per edge: how far below the target's middle it comes in
  std::map<long long, std::vector<RowRun>> rows_;  // long runs along rows, by height (eighths of a point)
};

}  // namespace

std::vector<RoutedEdge> route_edges(const SwimlaneLayout& layout, const std::vector<LayoutBox>& boxes,
                                    const std::vector<LayoutEdge>& edges, const RoutingOptions& options) {
  return Router(layout, boxes, edges, options).route();
}

}  // namespace paperflow
