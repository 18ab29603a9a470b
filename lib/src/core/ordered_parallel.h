// Runs many independent jobs on a few threads and hands their results to
// one consumer in job order, as each becomes the next in line. At most
// `window` finished results wait for the consumer, so memory stays bounded
// however many jobs there are (validate streams thousands of files so).
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace paperflow {

/// Calls `produce(i)` for i in [0, count) on `threads` threads and
/// `consume(i, result)` on the calling thread in increasing i. `produce`
/// must be safe to call concurrently; `consume` is never called concurrently.
/// An exception thrown by `produce` or `consume` is rethrown here after the
/// threads end.
template <typename Produce, typename Consume>
void for_each_ordered(std::size_t count, std::size_t threads, Produce produce, Consume consume) {
  using Result = decltype(produce(std::size_t{0}));
  threads = std::max<std::size_t>(1, std::min(threads, count));
  const std::size_t window = 4 * threads;
  std::mutex mutex;
  std::condition_variable changed;
  std::map<std::size_t, Result> ready;
  std::size_t next_job = 0;      // next index a worker takes
  std::size_t next_consume = 0;  // next index the consumer wants
  std::exception_ptr failure;

  auto work = [&] {
    for (;;) {
      std::size_t job;
      {
        std::unique_lock lock(mutex);
        // Do not run more than `window` jobs ahead of the consumer.
        changed.wait(lock, [&] { return failure || next_job >= count || next_job < next_consume + window; });
        if (failure || next_job >= count) return;
        job = next_job++;
      }
      try {
        Result result = produce(job);
        std::lock_guard lock(mutex);
        ready.emplace(job, std::move(result));
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::current_exception();
      }
      changed.notify_all();
    }
  };

  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(work);
  while (next_consume < count) {
    std::optional<Result> result;
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return failure || ready.count(next_consume) > 0; });
      if (failure) break;
      auto it = ready.find(next_consume);
      result.emplace(std::move(it->second));
      ready.erase(it);
    }
    try {
      consume(next_consume, std::move(*result));
    } catch (...) {
      std::lock_guard lock(mutex);
      failure = std::current_exception();
    }
    {
      std::lock_guard lock(mutex);
      ++next_consume;
    }
    changed.notify_all();
    if (failure) break;
  }
  for (std::thread& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace paperflow
