#include "paperflow/conformance.h"

#include <algorithm>
#include <utility>

#include "paperflow/graph.h"

namespace paperflow {
namespace {

constexpr std::size_t no_step = static_cast<std::size_t>(-1);

std::size_t find_step(const Process& process, const Reference& ref) {
  auto it = process.step_index.find(ref.id);
  return it == process.step_index.end() ? no_step : it->second;
}

std::uint64_t hash_of(std::span<const std::uint32_t> places) {
  // FNV-1a over the places, then a final mix (splitmix64) so that the low
  // bits the table takes depend on every place.
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (std::uint32_t p : places) h = (h ^ p) * 0x100000001b3ull;
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  return h ^ (h >> 31);
}

}  // namespace

Replayer::Replayer(const Process& process)
    : step_count_(process.steps.size()),
      start_(static_cast<Place>(process.start_step())),
      silent_(process.steps.size(), 0) {
  const std::size_t n = step_count_;
  for (std::size_t i = 0; i < n; ++i) {
    const Step& step = process.steps[i];
    const Unit* unit = process.unit_of(step);
    silent_[i] = step.end || step.work.is_zero() || (unit && unit->external);
  }

  // The blocks, numbered by their splits in file order, and which splits
  // close at each step.
  std::vector<std::size_t> block_of_split(n, no_step);
  std::vector<std::vector<std::size_t>> blocks_joined_at(n);
  bool join_shared = false;
  for (std::size_t i = 0; i < n; ++i) {
    const Routing& routing = process.steps[i].routing;
    if (routing.kind != Routing::Kind::parallel) continue;
    std::size_t join = find_step(process, routing.join);
    if (join == no_step) continue;
    block_of_split[i] = blocks_.size();
    // At least one: a block of no branches (which validation refuses)
    // would otherwise join on nothing, with a division by zero.
    blocks_.push_back(
        {static_cast<Place>(join), static_cast<std::uint32_t>(std::max<std::size_t>(1, routing.parallel.size()))});
    join_shared = join_shared || !blocks_joined_at[join].empty();
    blocks_joined_at[join].push_back(blocks_.size() - 1);
  }
  // A step can close two blocks only when one lies inside the other and is
  // the outer one's only branch; an arrival then belongs to the innermost
  // block around the step it comes from, which takes the bodies of the
  // well-formed blocks (inner first). Only then is the graph checked.
  std::vector<ParallelBlock> bodies;
  if (join_shared) bodies = check_graph(process, RoutingGraph(process)).blocks;

  // The place a token moving from step `from` to step `to` takes: the step,
  // or, when `to` is a join, a place waiting at the join of its block.
  auto place_of = [&](std::size_t from, std::size_t to) -> Place {
    const std::vector<std::size_t>& closing = blocks_joined_at[to];
    if (closing.empty()) return static_cast<Place>(to);
    std::size_t block = closing.front();
    if (closing.size() > 1) {
      if (block_of_split[from] != no_step && blocks_[block_of_split[from]].join == to) {
        block = block_of_split[from];  // a branch straight to the split's own join
      } else {
        for (const ParallelBlock& b : bodies)
          if (b.join == to && std::binary_search(b.body.begin(), b.body.end(), from)) {
            block = block_of_split[b.split];
            break;
          }
      }
    }
    return static_cast<Place>(n + block);
  };

  handovers_begin_.reserve(n + 1);
  for (std::size_t i = 0; i < n; ++i) {
    handovers_begin_.push_back(static_cast<std::uint32_t>(handovers_.size()));
    const Step& step = process.steps[i];
    const Routing& routing = step.routing;
    auto begin_handover = [&] {
      handovers_.push_back({static_cast<std::uint32_t>(places_.size()), static_cast<std::uint32_t>(places_.size())});
    };
    auto add_place = [&](std::size_t to) {
      places_.push_back(place_of(i, to));
      handovers_.back().last = static_cast<std::uint32_t>(places_.size());
    };
    switch (routing.kind) {
      case Routing::Kind::next:
        if (std::size_t to = find_step(process, routing.next); to != no_step) {
          begin_handover();
          add_place(to);
        }
        break;
      case Routing::Kind::choice:
        for (const Choice& choice : routing.choices)
          if (std::size_t to = find_step(process, choice.to); to != no_step && choice.p > 0) {
            begin_handover();
            add_place(to);
          }
        break;
      case Routing::Kind::parallel:
        begin_handover();
        for (const Reference& branch : routing.parallel)
          if (std::size_t to = find_step(process, branch); to != no_step) add_place(to);
        break;
      case Routing::Kind::none:
        // An end step takes the token out of the case. A step that is no
        // end and has no routing (never in a valid process) keeps it: the
        // token can go nowhere, and the case cannot end through it.
        if (step.end) begin_handover();
        break;
    }
  }
  handovers_begin_.push_back(static_cast<std::uint32_t>(handovers_.size()));
}

namespace {

// The markings reached after one event, each kept once: a flat store of
// their places (each marking sorted) and an open-addressing hash table over
// them. Cleared and refilled for every event, so that after the first few
// events a replay allocates nothing more.
class MarkingSet {
 public:
  using Place = std::uint32_t;

  void clear() {
    places_.clear();
    markings_.clear();
    std::fill(table_.begin(), table_.end(), 0u);
    holds_empty_ = false;
  }
  std::size_t size() const { return markings_.size(); }
  std::span<const Place> operator[](std::size_t k) const {
    return {places_.data() + markings_[k].offset, markings_[k].size};
  }
  /// Whether the case has ended in some marking: every token has left
  /// through an end step.
  bool holds_empty() const { return holds_empty_; }

  /// Adds a sorted marking unless it is already there.
  void insert(std::span<const Place> marking) {
    if (marking.empty()) holds_empty_ = true;
    if (2 * (markings_.size() + 1) > table_.size()) grow();
    const std::uint64_t hash = hash_of(marking);
    const std::size_t mask = table_.size() - 1;
    for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
      const std::uint32_t entry = table_[slot];
      if (entry == 0) {
        table_[slot] = static_cast<std::uint32_t>(markings_.size() + 1);
        markings_.push_back(
            {static_cast<std::uint32_t>(places_.size()), static_cast<std::uint32_t>(marking.size()), hash});
        places_.insert(places_.end(), marking.begin(), marking.end());
        return;
      }
      const Stored& stored = markings_[entry - 1];
      if (stored.hash == hash && std::ranges::equal((*this)[entry - 1], marking)) return;
    }
  }

 private:
  struct Stored {
    std::uint32_t offset = 0, size = 0;
    std::uint64_t hash = 0;
  };

  void grow() {
    table_.assign(std::max<std::size_t>(64, 2 * table_.size()), 0u);
    const std::size_t mask = table_.size() - 1;
    for (std::size_t k = 0; k < markings_.size(); ++k) {
      std::size_t slot = markings_[k].hash & mask;
      while (table_[slot] != 0) slot = (slot + 1) & mask;
      table_[slot] = static_cast<std::uint32_t>(k + 1);
    }
  }

  std::vector<Place> places_;
  std::vector<Stored> markings_;
  std::vector<std::uint32_t> table_;  // 0 empty, else index in markings_ + 1; a power of two in size
  bool holds_empty_ = false;
};

}  // namespace

// One replay: the markings before and after the current event, and the
// scratch space a move is built in.
class ReplaySearch {
 public:
  using Place = Replayer::Place;

  explicit ReplaySearch(const Replayer& replayer) : r_(replayer) {}

  ReplayResult run(std::span<const std::size_t> sequence) {
    MarkingSet* current = &a_;
    MarkingSet* next = &b_;
    const Place start[] = {r_.start_};
    current->insert(start);
    if (!close_over_silent_steps(*current)) return deviates(0, true);
    for (std::size_t k = 0; k < sequence.size(); ++k) {
      if (sequence[k] >= r_.step_count_) return deviates(k, false);
      const Place event = static_cast<Place>(sequence[k]);
      next->clear();
      for (std::size_t m = 0; m < current->size(); ++m) {
        const std::span<const Place> marking = (*current)[m];
        if (!std::ranges::binary_search(marking, event)) continue;
        if (!fire(marking, event, *next)) return deviates(k, true);
      }
      if (next->size() == 0) return deviates(k, false);
      if (!close_over_silent_steps(*next)) return deviates(k, true);
      std::swap(current, next);
    }
    return {current->holds_empty() ? ReplayOutcome::fits : ReplayOutcome::open, std::nullopt, false};
  }

 private:
  // The case leaves the model at event k: it replayed up to k - 1.
  static ReplayResult deviates(std::size_t k, bool state_limit_reached) {
    return {ReplayOutcome::deviates, k == 0 ? std::nullopt : std::optional<std::size_t>(k - 1), state_limit_reached};
  }

  // Adds to `markings` every marking its markings reach by silent steps.
  // Breadth first over the growing set: a marking met again is not added,
  // so a loop of silent steps ends. False when the set outgrows the limit.
  bool close_over_silent_steps(MarkingSet& markings) {
    for (std::size_t m = 0; m < markings.size(); ++m) {
      // A copy: adding markings may move the set's storage.
      const std::span<const Place> stored = markings[m];
      marking_.assign(stored.begin(), stored.end());
      for (std::size_t k = 0; k < marking_.size(); ++k) {
        const Place place = marking_[k];
        if (place >= r_.step_count_) break;  // sorted: the places waiting at joins come last
        if ((k > 0 && marking_[k - 1] == place) || !r_.silent_[place]) continue;
        if (!fire(marking_, place, markings)) return false;
      }
    }
    return true;
  }

  // Adds to `out` each marking that follows when one token of `marking` does
  // `step`. False when `out` outgrows the limit.
  bool fire(std::span<const Place> marking, Place step, MarkingSet& out) {
    const std::uint32_t first = r_.handovers_begin_[step], last = r_.handovers_begin_[step + 1];
    for (std::uint32_t h = first; h < last; ++h) {
      const Replayer::Handover handover = r_.handovers_[h];
      successor_.clear();
      bool taken = false;
      for (Place p : marking) {
        if (p == step && !taken) taken = true;
        else successor_.push_back(p);
      }
      successor_.insert(successor_.end(), r_.places_.begin() + handover.first, r_.places_.begin() + handover.last);
      join_arrived_branches();
      out.insert(successor_);
      if (out.size() > Replayer::max_states_per_event) return false;
    }
    return true;
  }

  // Sorts successor_ and starts each join whose branches have all arrived:
  // their waiting places make way for a token at the join step. The join
  // step is never itself a waiting place, so one pass does it. A block
  // entered twice before its join (possible only where branches meet before
  // their join and pass a nested block together) has one count for both
  // entries, and its join starts at every full set of arrivals.
  void join_arrived_branches() {
    std::ranges::sort(successor_);
    auto waiting = std::ranges::lower_bound(successor_, static_cast<Place>(r_.step_count_));
    if (waiting == successor_.end()) return;
    joined_.clear();
    auto kept = waiting;
    for (auto run = waiting; run != successor_.end();) {
      const Place place = *run;
      auto run_end = std::find_if(run, successor_.end(), [place](Place p) { return p != place; });
      const Replayer::Block& block = r_.blocks_[place - r_.step_count_];
      const std::size_t arrived = static_cast<std::size_t>(run_end - run);
      joined_.insert(joined_.end(), arrived / block.branches, block.join);
      kept = std::fill_n(kept, arrived % block.branches, place);
      run = run_end;
    }
    if (joined_.empty()) return;
    successor_.erase(kept, successor_.end());
    successor_.insert(successor_.end(), joined_.begin(), joined_.end());
    std::ranges::sort(successor_);
  }

  const Replayer& r_;
  MarkingSet a_, b_;
  std::vector<Place> marking_, successor_, joined_;
};

ReplayResult Replayer::replay(std::span<const std::size_t> sequence) const {
  ReplaySearch search(*this);
  return search.run(sequence);
}

}  // namespace paperflow
