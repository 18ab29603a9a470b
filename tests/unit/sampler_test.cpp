// The simulation's samplers: each kind of distribution draws within its
// range and with the mean and spread docs/format.md gives; degenerate
// parameters fall back to a constant; the specialised draw equals the
// general one.
#include "sampler.h"

#include <cmath>
#include <vector>

#include <doctest/doctest.h>

using paperflow::Distribution;
using paperflow::sim::Random;
using paperflow::sim::Sampler;

namespace {

struct Moments {
  double mean = 0, sd = 0, low = INFINITY, high = -INFINITY;
};

Moments sample(const Distribution& d, int n = 200000) {
  const Sampler sampler(d);
  Random random(11, 5);
  double sum = 0, sum2 = 0;
  Moments m;
  for (int i = 0; i < n; ++i) {
    const double x = sampler.draw(random);
    sum += x;
    sum2 += x * x;
    m.low = std::min(m.low, x);
    m.high = std::max(m.high, x);
  }
  m.mean = sum / n;
  m.sd = std::sqrt(sum2 / n - m.mean * m.mean);
  return m;
}

}  // namespace

TEST_CASE("each kind draws with the mean and standard deviation of the format's table") {
  const std::vector<Distribution> kinds{Distribution::triangular(1, 2, 6), Distribution::uniform(2, 4),
                                        Distribution::exponential(3), Distribution::lognormal(5, 2)};
  for (const Distribution& d : kinds) {
    CAPTURE(static_cast<int>(d.kind));
    const Moments m = sample(d);
    const double sd = std::sqrt(d.variance());
    CHECK(std::abs(m.mean - d.mean()) < 4 * sd / std::sqrt(200000.0));
    CHECK(m.sd == doctest::Approx(sd).epsilon(0.02));
    CHECK(m.low >= 0);
  }
  const Moments triangle = sample(Distribution::triangular(1, 2, 6));
  CHECK(triangle.low >= 1);
  CHECK(triangle.high <= 6);
  const Moments flat = sample(Distribution::uniform(2, 4));
  CHECK(flat.low >= 2);
  CHECK(flat.high < 4);
}

TEST_CASE("a fixed duration, a triangle of no width and a lognormal of no spread are constants") {
  Random random(1, 1);
  CHECK(Sampler(Distribution::fixed(1.5)).draw(random) == 1.5);
  CHECK(Sampler(Distribution::fixed(1.5)).known() == Sampler::Known::fixed);
  CHECK(Sampler(Distribution::triangular(2, 2, 2)).draw(random) == 2);
  CHECK(Sampler(Distribution::triangular(2, 2, 2)).known() == Sampler::Known::fixed);
  CHECK(Sampler(Distribution::lognormal(4, 0)).draw(random) == 4);
  CHECK(Sampler(Distribution::triangular(1, 2, 3)).known() == Sampler::Known::triangular);
  CHECK(Sampler(Distribution::exponential(1)).known() == Sampler::Known::any);
}

TEST_CASE("draw_as for the sampler's known kind draws exactly what draw does") {
  for (const Distribution& d : {Distribution::fixed(2), Distribution::triangular(1, 3, 4), Distribution::lognormal(2, 1)}) {
    const Sampler sampler(d);
    Random a(3, 9), b(3, 9);
    for (int i = 0; i < 1000; ++i) {
      const double general = sampler.draw(a);
      double known = 0;
      switch (sampler.known()) {
        case Sampler::Known::fixed: known = sampler.draw_as<Sampler::Known::fixed>(b); break;
        case Sampler::Known::triangular: known = sampler.draw_as<Sampler::Known::triangular>(b); break;
        case Sampler::Known::any: known = sampler.draw_as<Sampler::Known::any>(b); break;
      }
      REQUIRE(general == known);
    }
  }
}
