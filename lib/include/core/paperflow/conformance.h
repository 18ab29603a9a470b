// Conformance: whether a recorded case (its activities in time order) is a
// path through the process's routing. paperflow-calibrate replays every
// case of an event log with it and reports the share that fits (issue 16).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "paperflow/model.h"

namespace paperflow {

/// How a case's sequence of activities replays on the routing.
enum class ReplayOutcome {
  fits,      // the whole sequence replays, and then an end is reached by silent steps alone
  open,      // the whole sequence replays, but no end follows by silent steps: the case is still running
  deviates,  // some event cannot be replayed (or the replay gave up, see Replayer::max_states_per_event)
};

struct ReplayResult {
  ReplayOutcome outcome = ReplayOutcome::fits;
  /// deviates: the index in the sequence of the last event that could still
  /// be replayed, so the case leaves the model right after it; nullopt when
  /// the first event already fails. Always nullopt for fits and open.
  std::optional<std::size_t> leaves_after;
  /// deviates: the replay stopped at the event after leaves_after because
  /// it had more than Replayer::max_states_per_event states, not because
  /// the event is impossible. The case counts as deviating all the same.
  bool state_limit_reached = false;
};

/// Replays sequences of step indices on one process's routing, per the
/// semantics of docs/format.md: choices may take any branch of p > 0,
/// rework loops may repeat, the branches of a parallel block interleave
/// freely and its join starts once every branch has arrived.
///
/// Silent steps, which a log may leave out, are the steps of external units,
/// steps without work, and end steps: the replay passes over them without an
/// event; when the sequence names one, it consumes that event as any step.
/// A case fits when its whole sequence is a path from the start step to an
/// end step with only silent steps left out. An empty sequence therefore
/// fits when the start reaches an end through silent steps alone, and is
/// open otherwise.
///
/// The replay is a breadth-first search over markings (the steps holding a
/// token, and per parallel block the branches that have reached its join),
/// taking the silent steps between two events as closure and keeping each
/// marking once per event, so loops of silent steps end. Built once per
/// process; replay() is const and may run on several threads at once.
/// Never prints, never throws for a valid process.
class Replayer {
 public:
  /// The most markings kept after one event (silent closure included). A
  /// case that needs more, which takes many parallel branches of silent
  /// steps, is reported as deviating at that event with
  /// state_limit_reached, so that a million cases take bounded time.
  static constexpr std::size_t max_states_per_event = 10'000;

  /// `process` must be valid (validate_process reports no error): every
  /// reference resolves and every parallel block is well formed. The
  /// replayer keeps no reference to it.
  explicit Replayer(const Process& process);

  /// Replays `sequence`, step indices of the process in time order. An
  /// index that names no step cannot be replayed: the case deviates there.
  ReplayResult replay(std::span<const std::size_t> sequence) const;

  /// Whether the log may leave the step out (see above).
  bool is_silent(std::size_t step) const { return step < step_count_ && silent_[step]; }

 private:
  // A place of the marking: a step index below step_count_ (a token ready to
  // do that step), or step_count_ + b (a branch of parallel block b that has
  // reached the block's join and waits for its siblings).
  using Place = std::uint32_t;
  // One way a step can hand a token on: the places it then holds.
  struct Handover {
    std::uint32_t first = 0, last = 0;  // into places_
  };
  struct Block {
    Place join = 0;
    std::uint32_t branches = 0;
  };
  friend class ReplaySearch;

  std::size_t step_count_ = 0;
  Place start_ = 0;
  std::vector<std::uint8_t> silent_;            // per step
  std::vector<std::uint32_t> handovers_begin_;  // per step, and one past the last: into handovers_
  // Per step: next, one handover of one place; choice, one per branch of
  // p > 0; parallel, one of all branches; end, one of no place.
  std::vector<Handover> handovers_;
  std::vector<Place> places_;
  std::vector<Block> blocks_;  // by block number, from step_count_ in a place
};

}  // namespace paperflow
