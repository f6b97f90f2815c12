// Deterministic random numbers: the same seed plays the same season.
//
// Draws come from SplitMix64 streams keyed by what they decide (a sku's
// demand on a day, a purchase order's transit time, ...), so that a change
// in one part of the season does not reshuffle the others.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace backorder::simulate {

class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}

    // A stream for one decision, named by up to three numbers.
    static Random keyed(std::uint64_t seed, std::uint64_t what, std::uint64_t a = 0,
                        std::uint64_t b = 0)
    {
        Random mix(seed ^ 0x9e3779b97f4a7c15ULL);
        std::uint64_t state = mix.next() ^ (what * 0xbf58476d1ce4e5b9ULL);
        state = Random(state).next() ^ (a * 0x94d049bb133111ebULL);
        state = Random(state).next() ^ (b * 0x2545f4914f6cdd1dULL);
        return Random(state);
    }

    std::uint64_t next()
    {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    // Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    // Uniform integer in [low, high].
    int range(int low, int high)
    {
        return low + static_cast<int>(next() % static_cast<std::uint64_t>(high - low + 1));
    }
    bool chance(double p) { return uniform() < p; }

    double normal(double mean, double sd)
    {
        double u1 = 1.0 - uniform();
        double u2 = uniform();
        return mean + sd * std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

    // Poisson counts: by multiplication for small means, else a rounded normal.
    int poisson(double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 30) {
            double x = std::round(normal(mean, std::sqrt(mean)));
            return x < 0 ? 0 : static_cast<int>(x);
        }
        double limit = std::exp(-mean), product = uniform();
        int count = 0;
        while (product > limit) {
            ++count;
            product *= uniform();
        }
        return count;
    }

    // Shuffle in place (Fisher-Yates).
    template <typename T>
    void shuffle(std::vector<T> &items)
    {
        for (std::size_t i = items.size(); i > 1; --i) {
            std::size_t j = next() % i;
            std::swap(items[i - 1], items[j]);
        }
    }

private:
    std::uint64_t state_;
};

}  // namespace backorder::simulate
