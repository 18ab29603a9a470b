// Random numbers for the simulation: xoshiro256** and the transformations it needs.
// Private to the simulation (not API); a header so that its small functions
// inline into the event loop, and so that it is tested on its own.
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>

namespace paperflow::sim {

// Our own generator and transformations rather than <random>'s
// distributions, whose algorithms differ between standard libraries: the
// same seed must give the same figures everywhere.

inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// xoshiro256** (Blackman and Vigna), seeded through splitmix64.
class Random {
 public:
  Random(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t state = seed ^ (0xD1B54A32D192ED03ull * (stream + 1));
    for (auto& word : s_) word = splitmix64(state);
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  /// Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // 1 − u is exact and in (0, 1]; log is cheaper than log1p(−u).
  double exponential(double mean) { return -mean * std::log(1.0 - uniform()); }
  double normal() {
    // Box–Muller; 1 - u keeps the logarithm's argument in (0, 1].
    const double u = 1.0 - uniform(), v = uniform();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * std::numbers::pi * v);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

}  // namespace paperflow::sim
