#include "ordered_parallel.h"

#include <atomic>
#include <chrono>
#include <stdexcept>

#include <doctest/doctest.h>

using namespace paperflow;

TEST_CASE("results reach the consumer in job order whatever order they finish in") {
  std::vector<std::size_t> seen;
  for_each_ordered(
      200, 4,
      [](std::size_t i) {
        if (i % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
        return i * 2;
      },
      [&](std::size_t i, std::size_t value) {
        CHECK(value == i * 2);
        seen.push_back(i);
      });
  REQUIRE(seen.size() == 200);
  for (std::size_t i = 0; i < seen.size(); ++i) CHECK(seen[i] == i);
}

TEST_CASE("workers stay within a window of the consumer") {
  std::atomic<std::size_t> started{0};
  std::size_t most_ahead = 0;
  for_each_ordered(
      100, 2, [&](std::size_t i) { started.fetch_add(1); return i; },
      [&](std::size_t i, std::size_t) {
        std::this_thread::sleep_for(std::chrono::microseconds(100));
        most_ahead = std::max(most_ahead, started.load() - i);
      });
  CHECK(most_ahead <= 4 * 2 + 1);
}

TEST_CASE("an exception in a job reaches the caller and no thread is left behind") {
  CHECK_THROWS_AS(for_each_ordered(
                      50, 3,
                      [](std::size_t i) {
                        if (i == 17) throw std::runtime_error("boom");
                        return i;
                      },
                      [](std::size_t, std::size_t) {}),
                  std::runtime_error);
  CHECK_THROWS_AS(for_each_ordered(
                      50, 3, [](std::size_t i) { return i; },
                      [](std::size_t i, std::size_t) {
                        if (i == 5) throw std::runtime_error("consumer");
                      }),
                  std::runtime_error);
}

TEST_CASE("zero jobs is fine") {
  int calls = 0;
  for_each_ordered(0, 4, [](std::size_t i) { return i; }, [&](std::size_t, std::size_t) { ++calls; });
  CHECK(calls == 0);
}
