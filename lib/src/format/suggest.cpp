#include "suggest.h"

#include <algorithm>

namespace paperflow {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rows suffice for the optimal-string-alignment recurrence.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string_view>& candidates,
                                         HintBudget* budget) {
  if (word.size() > max_hinted_word) return std::nullopt;
  const std::size_t allowed = std::max<std::size_t>(1, word.size() / 3);
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1;
  for (std::string_view candidate : candidates) {
    // A prefix typed in full ("avail" for "availability") is a plausible
    // slip too, at the largest distance allowed.
    const bool prefix = word.size() >= 3 && candidate.substr(0, word.size()) == word;
    const std::size_t gap = std::max(word.size(), candidate.size()) - std::min(word.size(), candidate.size());
    if (!prefix && gap > allowed) continue;  // the distance is at least the gap
    std::size_t distance = allowed;
    if (!prefix || candidate.size() <= word.size() + allowed) {
      if (budget) {
        const std::size_t cells = (word.size() + 1) * (candidate.size() + 1);
        if (cells > budget->cells) {
          budget->cells = 0;
          return std::nullopt;
        }
        budget->cells -= cells;
      }
      distance = edit_distance(word, candidate);
      if (prefix) distance = std::min(distance, allowed);
    }
    if (distance < best_distance) {
      best_distance = distance;
      best = std::string(candidate);
    }
  }
  return best;
}

}  // namespace paperflow
