// A duration's distribution, prepared for fast draws in the simulation.
// Private to the simulation (not API); a header so that its small functions
// inline into the event loop, and so that it is tested on its own.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "paperflow/duration.h"
#include "random.h"

namespace paperflow::sim {

// A distribution turned once into the constants its draws need, so that a
// draw does no division, logarithm of a parameter or test of a degenerate
// case.
struct Sampler {
  enum class Kind : std::uint8_t { fixed, triangular, uniform, exponential, lognormal };
  Kind kind = Kind::fixed;
  // fixed: low = the value. triangular: low = min, rise = mode − min, fall
  // = max − mode. uniform: low = min, width = max − min. exponential: low =
  // the mean. lognormal: low = the normal's mean, width = its standard
  // deviation.
  double low = 0, width = 0, rise = 0, fall = 0;

  Sampler() = default;
  explicit Sampler(const Distribution& d) {
    switch (d.kind) {
      case Distribution::Kind::fixed: low = d.a; break;
      case Distribution::Kind::triangular:
        low = d.a;
        if (d.c <= d.a) break;  // degenerate: always the minimum
        kind = Kind::triangular;
        rise = d.b - d.a;
        fall = d.c - d.b;
        break;
      case Distribution::Kind::uniform:
        kind = Kind::uniform;
        low = d.a;
        width = d.c - d.a;
        break;
      case Distribution::Kind::exponential:
        kind = Kind::exponential;
        low = d.a;
        break;
      case Distribution::Kind::lognormal: {
        // The normal's parameters for a lognormal of mean m and sd s.
        const double m = d.a, s = d.b;
        low = m;
        if (s <= 0) break;  // no spread: always the mean
        kind = Kind::lognormal;
        const double sigma2 = std::log1p((s * s) / (m * m));
        low = std::log(m) - sigma2 / 2;
        width = std::sqrt(sigma2);
        break;
      }
    }
  }

  double draw(Random& random) const {
    switch (kind) {
      case Kind::fixed: return low;
      case Kind::triangular: {
        // MINMAX (Stein and Keblis 2009): with U, V uniform, (1 − c) min(U, V)
        // + c max(U, V) is triangular on [0, 1] with mode c. Two cheap draws
        // instead of the inverse distribution function's square root and its
        // branch on the side of the mode, the costliest lines of a run.
        const double u = random.uniform(), v = random.uniform();
        return low + fall * std::min(u, v) + rise * std::max(u, v);
      }
      case Kind::uniform: return low + width * random.uniform();
      case Kind::exponential: return random.exponential(low);
      case Kind::lognormal: return std::exp(low + width * random.normal());
    }
    return 0;
  }

  /// What a draw's code may assume of the kind: fixed, triangular, or any.
  enum class Known : std::uint8_t { fixed, triangular, any };
  static constexpr std::size_t known_count = 3;
  Known known() const {
    return kind == Kind::fixed ? Known::fixed : kind == Kind::triangular ? Known::triangular : Known::any;
  }

  /// draw(), for a sampler whose kind is known to be K: no switch.
  template <Known K>
  double draw_as(Random& random) const {
    if constexpr (K == Known::fixed) {
      return low;
    } else if constexpr (K == Known::triangular) {
      const double u = random.uniform(), v = random.uniform();
      return low + fall * std::min(u, v) + rise * std::max(u, v);
    } else {
      return draw(random);
    }
  }
};

}  // namespace paperflow::sim
