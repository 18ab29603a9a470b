// The simulation's event list: items leave earliest first, whether they
// were near (in the wheel) or far (in the heap), interleaved pushes and
// pops never go back in time, and of equal times the last pushed leaves
// first, the same way every run.
#include "event_queue.h"

#include <algorithm>
#include <vector>

#include <doctest/doctest.h>

#include "random.h"

using paperflow::sim::EventQueue;
using paperflow::sim::Random;

TEST_CASE("items near and far leave in the order of their times") {
  // 4 slots an hour: the wheel reaches 16,384 hours; the times go to 10^6.
  EventQueue queue(4);
  Random random(5, 0);
  std::vector<double> times;
  for (std::uint32_t i = 0; i < 20000; ++i) {
    const double t = random.uniform() < 0.9 ? random.uniform() * 100 : random.uniform() * 1e6;
    times.push_back(t);
    queue.push(t, i, 0);
  }
  std::sort(times.begin(), times.end());
  for (double expected : times) {
    REQUIRE_FALSE(queue.empty());
    REQUIRE(queue.pop().time == expected);
  }
  CHECK(queue.empty());
}

TEST_CASE("pushes after pops, never before the present, keep the order") {
  EventQueue queue(2);
  Random random(8, 1);
  double now = 0;
  std::size_t pending = 0;
  for (std::uint32_t i = 0; i < 50; ++i, ++pending) queue.push(random.exponential(3), i, 0);
  for (int round = 0; round < 100000 && pending > 0; ++round) {
    const EventQueue::Item item = queue.pop();
    --pending;
    REQUIRE(item.time >= now);
    now = item.time;
    if (round < 90000) {
      // A case's next event: soon, or after a long delay beyond the wheel.
      const double later = random.uniform() < 0.01 ? 40000 + random.uniform() * 1000 : random.exponential(3);
      queue.push(now + later, item.payload, item.tag + 1);
      ++pending;
    }
  }
  CHECK(pending == 0);
  CHECK(queue.empty());
}

TEST_CASE("of equal times the item pushed last leaves first, with its payload and tag") {
  EventQueue queue(1);
  queue.push(5, 1, 10);
  queue.push(5, 2, 20);
  queue.push(3, 3, 30);
  queue.push(5, 4, 40);
  const EventQueue::Item first = queue.pop();
  CHECK(first.time == 3);
  CHECK(first.payload == 3);
  CHECK(first.tag == 30);
  CHECK(queue.pop().payload == 4);
  CHECK(queue.pop().payload == 2);
  CHECK(queue.pop().payload == 1);
  CHECK(queue.empty());
}
