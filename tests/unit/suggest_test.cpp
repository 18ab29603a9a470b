#include "suggest.h"

#include <doctest/doctest.h>

using namespace paperflow;

TEST_CASE("edit distance counts a transposition as one edit") {
  CHECK(edit_distance("staff", "staff") == 0);
  CHECK(edit_distance("stafff", "staff") == 1);
  CHECK(edit_distance("satff", "staff") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("did you mean: the closest plausible word, or nothing") {
  std::vector<std::string_view> keys{"id", "name", "staff", "availability", "cost_per_hour", "external"};
  CHECK(closest_match("stafff", keys) == "staff");
  CHECK(closest_match("availabilty", keys) == "availability");
  CHECK(closest_match("cost_per_hr", keys) == "cost_per_hour");
  CHECK(closest_match("avail", keys) == "availability");
  CHECK_FALSE(closest_match("colour", keys).has_value());
  CHECK_FALSE(closest_match("x", keys).has_value());
}

TEST_CASE("did you mean: bounded work, no hint for a huge word or past the budget") {
  std::vector<std::string_view> keys{"staff", "availability"};
  const std::string huge(1 << 20, 'a');
  CHECK_FALSE(closest_match(huge, keys).has_value());  // no megabyte-by-megabyte table
  const std::string long_id(max_hinted_word, 'b');
  std::vector<std::string_view> ids{long_id};
  CHECK(closest_match(std::string(max_hinted_word - 1, 'b'), ids) == long_id);  // at the bound, still a hint

  // 2,000 unknown ids against 2,000 known: the budget stops the comparing,
  // and what it has found until then stays the same.
  std::vector<std::string> known;
  for (int i = 0; i < 2000; ++i) known.push_back("s" + std::to_string(10000 + i));
  std::vector<std::string_view> views(known.begin(), known.end());
  HintBudget budget{100'000};
  CHECK(closest_match("s1000x", views, &budget) == "s10000");
  std::size_t hints = 1, calls = 1;
  for (; calls < 2000 && budget.cells > 0; ++calls)
    if (closest_match("t" + std::to_string(10000 + calls), views, &budget)) ++hints;
  CHECK(budget.cells == 0);
  CHECK(calls < 10);
  CHECK_FALSE(closest_match("s1000x", views, &budget).has_value());
  // Candidates the length rules out cost nothing: a long list of long ids
  // spends no budget on a short word.
  HintBudget untouched{10};
  std::vector<std::string_view> lengthy{long_id, long_id, long_id};
  CHECK_FALSE(closest_match("abc", lengthy, &untouched).has_value());
  CHECK(untouched.cells == 10);
}
