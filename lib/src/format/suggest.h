// "Did you mean": the closest of a set of known words to a misspelt one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace paperflow {

/// Optimal-string-alignment edit distance (a transposition counts as one
/// edit), on bytes.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// Words longer than this get no hint: nobody mistypes a 65-character id,
/// and the distance costs the product of the lengths.
inline constexpr std::size_t max_hinted_word = 64;

/// What the hints of one file may cost, in cells of the distance table:
/// a file with 20,000 unknown references to 20,000 ids must not compare
/// every pair. Once spent, the remaining problems come without a hint.
struct HintBudget {
  std::size_t cells = 50'000'000;
};

/// The candidate closest to `word` if it is close enough to be a plausible
/// typo (at most a third of the word's length, at least one edit allowed),
/// else nothing. Ties go to the earlier candidate. Candidates whose length
/// rules them out are skipped without a distance; with a budget, the search
/// stops (with no hint) when the budget is spent.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string_view>& candidates,
                                         HintBudget* budget = nullptr);

}  // namespace paperflow
