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

/// The candidate closest to `word` if it is close enough to be a plausible
/// typo (at most a third of the word's length, at least one edit allowed),
/// else nothing. Ties go to the earlier candidate.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string_view>& candidates);

}  // namespace paperflow
