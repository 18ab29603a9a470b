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
