// Unit tests for the normal-distribution statistics in core/stats.
#include "core/stats.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace backorder::core {
namespace {

constexpr double kTolerance = 1e-9;

// Run fn and check that it throws an Error with this kind, message, detail and hint.
template <typename Fn>
void expect_error(Fn fn, ErrorKind kind, const std::string &message, const std::string &detail,
                  const std::string &hint = {})
{
    try {
        fn();
    } catch (const Error &error) {
        EXPECT_EQ(error.kind(), kind) << message;
        EXPECT_EQ(std::string(error.what()), message);
        EXPECT_EQ(error.detail(), detail);
        EXPECT_EQ(error.hint(), hint);
        return;
    }
    ADD_FAILURE() << "expected error: " << message;
}

// Quantiles from the standard normal table, to 16 or 17 significant digits.
TEST(InverseNormal, MatchesTableValues)
{
    EXPECT_NEAR(inverse_normal(0.95), 1.6448536269514722, kTolerance);
    EXPECT_NEAR(inverse_normal(0.975), 1.9599639845400538, kTolerance);
    EXPECT_NEAR(inverse_normal(0.99), 2.3263478740408408, kTolerance);
    EXPECT_NEAR(inverse_normal(0.999), 3.090232306167813, kTolerance);
    EXPECT_NEAR(inverse_normal(0.3), -0.52440051270804082, kTolerance);
    EXPECT_EQ(inverse_normal(0.5), 0.0);
}

TEST(InverseNormal, MatchesFarTail)
{
    EXPECT_NEAR(inverse_normal(1e-10), -6.361340902404056, kTolerance);
    EXPECT_NEAR(inverse_normal(1e-12), -7.0344838253011319, kTolerance);
    EXPECT_NEAR(inverse_normal(1.0 - 1e-10), 6.3613408896974219, kTolerance);
}

// The tails mirror each other exactly. 1 - p is exact for p in [1/4, 1/2]; for smaller p,
// 1 - p rounds, so compare against the exact complement 1 - (1 - p) instead of p.
TEST(InverseNormal, IsSymmetric)
{
    for (double p = 0.25; p < 0.5; p += 0.0123)
        EXPECT_EQ(inverse_normal(1.0 - p), -inverse_normal(p)) << p;
    for (double p : {1e-12, 1e-6, 0.01, 0.1}) {
        const double upper = 1.0 - p;
        EXPECT_EQ(inverse_normal(upper), -inverse_normal(1.0 - upper)) << p;
    }
}

// Phi(inverse_normal(p)) = p, with Phi from erfc.
TEST(InverseNormal, InvertsTheDistributionFunction)
{
    for (double p = 1e-12; p < 1.0; p *= 3.7) {
        const double z = inverse_normal(p);
        const double cdf = 0.5 * std::erfc(-z / std::sqrt(2.0));
        EXPECT_NEAR(cdf / p, 1.0, 1e-13) << p;
    }
}

TEST(InverseNormal, RejectsProbabilitiesOutsideTheOpenInterval)
{
    const std::string message = "service level must be between 0 and 1";
    expect_error([] { inverse_normal(0.0); }, ErrorKind::InvalidArgument, message,
                 "The value given was \"0\".");
    expect_error([] { inverse_normal(1.0); }, ErrorKind::InvalidArgument, message,
                 "The value given was \"1\".");
    expect_error([] { inverse_normal(-0.25); }, ErrorKind::InvalidArgument, message,
                 "The value given was \"-0.25\".");
    expect_error([] { inverse_normal(std::nan("")); }, ErrorKind::InvalidArgument, message,
                 "The value given was \"NaN\".");
    expect_error([] { inverse_normal(95.0); }, ErrorKind::InvalidArgument, message,
                 "The value given was \"95\".",
                 "Give the service level as a fraction, such as 0.95 for 95 percent.");
}

TEST(NormalLoss, MatchesTableValues)
{
    EXPECT_NEAR(normal_loss(0.0), 0.3989422804014327, 1e-15);
    EXPECT_NEAR(normal_loss(1.0), 0.08331547058768, 1e-14);
    EXPECT_NEAR(normal_loss(2.5), 0.0020041371791281994, 1e-17);
    EXPECT_NEAR(normal_loss(-2.5), 2.5020041371791282, 1e-15);
}

// Far in the tail G is tiny, so compare relative error.
TEST(NormalLoss, KeepsRelativePrecisionInTheTail)
{
    EXPECT_NEAR(normal_loss(10.0) / 7.4745602545893280e-25, 1.0, 1e-13);
    EXPECT_NEAR(normal_loss(30.0) / 1.6319567340914012e-199, 1.0, 1e-13);
    EXPECT_EQ(normal_loss(std::numeric_limits<double>::infinity()), 0.0);
}

// G(-z) = G(z) + z, since max(x + z, 0) - max(-x - z, 0) = x + z and E[X] = 0.
TEST(NormalLoss, SatisfiesReflection)
{
    for (double z = 0.0; z < 8.0; z += 0.37)
        EXPECT_NEAR(normal_loss(-z), normal_loss(z) + z, 1e-14) << z;
}

TEST(InverseNormalLoss, MatchesReferenceValues)
{
    EXPECT_NEAR(inverse_normal_loss(0.1), 0.90234634751003452, kTolerance);
    EXPECT_NEAR(inverse_normal_loss(1e-30), 11.251185889347143, kTolerance);
    EXPECT_NEAR(inverse_normal_loss(1e-12), 6.7571594604253289, kTolerance);
    EXPECT_NEAR(inverse_normal_loss(0.001), 2.7178055152317572, kTolerance);
    EXPECT_NEAR(inverse_normal_loss(0.5), -0.18804925998809870, kTolerance);
    EXPECT_NEAR(inverse_normal_loss(1.0), -0.89947156125374355, kTolerance);
    EXPECT_NEAR(inverse_normal_loss(0.3989422804014327), 0.0, kTolerance);
    EXPECT_NEAR(inverse_normal_loss(0.08331547058768), 1.0, kTolerance);
    EXPECT_EQ(inverse_normal_loss(1e6), -1e6);
}

TEST(InverseNormalLoss, RoundTrips)
{
    for (double z = -12.0; z <= 12.0; z += 0.25)
        EXPECT_NEAR(inverse_normal_loss(normal_loss(z)), z, kTolerance) << z;
    for (double g = 1e-300; g < 1e300; g *= 1e7)
        EXPECT_NEAR(normal_loss(inverse_normal_loss(g)) / g, 1.0, 1e-11) << g;
}

TEST(InverseNormalLoss, RejectsNonPositiveLoss)
{
    expect_error([] { inverse_normal_loss(0.0); }, ErrorKind::InvalidArgument,
                 "normal loss must be positive", "The value given was \"0\".");
    expect_error([] { inverse_normal_loss(-0.5); }, ErrorKind::InvalidArgument,
                 "normal loss must be positive", "The value given was \"-0.5\".");
    expect_error([] { inverse_normal_loss(std::numeric_limits<double>::infinity()); },
                 ErrorKind::InvalidArgument, "normal loss must be finite",
                 "The value given was \"Infinity\".");
}

// Demand 5 a day (sd 4), lead time 9 days (sd 1):
// variance = L sd_d^2 + d^2 sd_L^2 = 9 * 16 + 25 * 1 = 169, sigma = 13;
// at 95 percent z = 1.6448536269514722, so SS = 13 z = 21.383097150369139
// and ROP = d L + SS = 45 + 21.383097150369139 = 66.383097150369139.
TEST(SafetyStock, CombinesDemandAndLeadTimeVariation)
{
    EXPECT_NEAR(safety_stock(0.95, 5.0, 4.0, 9.0, 1.0), 21.383097150369139, kTolerance);
    EXPECT_NEAR(reorder_point(0.95, 5.0, 4.0, 9.0, 1.0), 66.383097150369139, kTolerance);
}

// Demand 10 a day (sd 3) over a fixed 4-day lead time: sigma = sqrt(4 * 9) = 6;
// at 99 percent SS = 6 * 2.3263478740408408 = 13.958087244245045, ROP = 40 + SS.
TEST(SafetyStock, HandlesAFixedLeadTime)
{
    EXPECT_NEAR(safety_stock(0.99, 10.0, 3.0, 4.0, 0.0), 13.958087244245045, kTolerance);
    EXPECT_NEAR(reorder_point(0.99, 10.0, 3.0, 4.0, 0.0), 53.958087244245045, kTolerance);
}

// A service level below one half asks for less than the mean: negative safety stock.
TEST(SafetyStock, IsZeroWithoutVariationAndNegativeBelowHalf)
{
    EXPECT_EQ(safety_stock(0.99, 10.0, 0.0, 4.0, 0.0), 0.0);
    EXPECT_EQ(reorder_point(0.99, 10.0, 0.0, 4.0, 0.0), 40.0);
    EXPECT_NEAR(safety_stock(0.05, 10.0, 3.0, 4.0, 0.0), -6.0 * 1.6448536269514722, kTolerance);
}

TEST(SafetyStock, RejectsInvalidArguments)
{
    const ErrorKind invalid = ErrorKind::InvalidArgument;
    expect_error([] { safety_stock(1.0, 5.0, 4.0, 9.0, 1.0); }, invalid,
                 "service level must be between 0 and 1", "The value given was \"1\".");
    expect_error([] { safety_stock(0.95, -5.0, 4.0, 9.0, 1.0); }, invalid,
                 "demand mean must not be negative", "The value given was \"-5\".");
    expect_error([] { safety_stock(0.95, 5.0, -4.0, 9.0, 1.0); }, invalid,
                 "demand standard deviation must not be negative", "The value given was \"-4\".");
    expect_error([] { safety_stock(0.95, 5.0, 4.0, -9.0, 1.0); }, invalid,
                 "lead time mean must not be negative", "The value given was \"-9\".");
    expect_error([] { safety_stock(0.95, 5.0, 4.0, 9.0, -0.5); }, invalid,
                 "lead time standard deviation must not be negative",
                 "The value given was \"-0.5\".");
    expect_error([] { reorder_point(0.95, std::nan(""), 4.0, 9.0, 1.0); }, invalid,
                 "demand mean must be finite", "The value given was \"NaN\".");
    expect_error([] { reorder_point(0.95, 5.0, 4.0, 9.0, -1.0); }, invalid,
                 "lead time standard deviation must not be negative",
                 "The value given was \"-1\".");
}

TEST(SafetyStock, RejectsResultsBeyondDoubleRange)
{
    const std::string detail = "The result does not fit in double precision.";
    expect_error([] { safety_stock(0.95, 1e200, 0.0, 1.0, 1e200); }, ErrorKind::OutOfRange,
                 "safety stock is out of range", detail);
    expect_error([] { reorder_point(0.95, 1e200, 0.0, 1e200, 0.0); }, ErrorKind::OutOfRange,
                 "reorder point is out of range", detail);
}

// Demand 10 a day (sd 3) over a fixed 4-day lead time, so sigma = 6.
// A 98 percent fill rate on orders of 100 allows (1 - 0.98) * 100 = 2 units short per
// cycle: G(z) = 2 / 6 = 1/3 gives z = 0.13890272096490749 and SS = 6 z = 0.83341632578944496.
TEST(FillRateSafetyStock, MatchesTheLossFunction)
{
    EXPECT_NEAR(fill_rate_safety_stock(0.98, 100.0, 10.0, 3.0, 4.0, 0.0), 0.83341632578944496,
                kTolerance);
    // sigma = 13 as in the safety stock case; (1 - 0.99) * 130 = 1.3 short, G(z) = 0.1.
    EXPECT_NEAR(fill_rate_safety_stock(0.99, 130.0, 5.0, 4.0, 9.0, 1.0), 11.730502517630442,
                kTolerance);
}

// Allowing 10 short against sigma = 6 is more than needed: G(z) = 5/3, z < 0.
TEST(FillRateSafetyStock, GoesNegativeForLargeOrders)
{
    EXPECT_NEAR(fill_rate_safety_stock(0.9, 100.0, 10.0, 3.0, 4.0, 0.0), -9.8749324923236159,
                kTolerance);
    EXPECT_EQ(fill_rate_safety_stock(0.9, 100.0, 10.0, 0.0, 4.0, 0.0), 0.0);
}

TEST(FillRateSafetyStock, RejectsInvalidArguments)
{
    const ErrorKind invalid = ErrorKind::InvalidArgument;
    expect_error([] { fill_rate_safety_stock(1.0, 100.0, 10.0, 3.0, 4.0, 0.0); }, invalid,
                 "fill rate must be between 0 and 1", "The value given was \"1\".");
    expect_error([] { fill_rate_safety_stock(98.0, 100.0, 10.0, 3.0, 4.0, 0.0); }, invalid,
                 "fill rate must be between 0 and 1", "The value given was \"98\".",
                 "Give the fill rate as a fraction, such as 0.95 for 95 percent.");
    expect_error([] { fill_rate_safety_stock(0.98, 0.0, 10.0, 3.0, 4.0, 0.0); }, invalid,
                 "order quantity must be positive", "The value given was \"0\".");
    expect_error([] { fill_rate_safety_stock(0.98, -100.0, 10.0, 3.0, 4.0, 0.0); }, invalid,
                 "order quantity must be positive", "The value given was \"-100\".");
    expect_error([] { fill_rate_safety_stock(0.98, 100.0, 10.0, -3.0, 4.0, 0.0); }, invalid,
                 "demand standard deviation must not be negative", "The value given was \"-3\".");
}

// {1, 2, 3, 4, 10}: mean 20 / 5 = 4; squared deviations 9 + 4 + 1 + 0 + 36 = 50, so
// sd = sqrt(50 / 4) = sqrt(12.5); median at rank 0.5 * 4 = 2 is 3; p90 at rank
// 0.9 * 4 = 3.6 is 4 + 0.6 * (10 - 4) = 7.6.
TEST(Summarize, MatchesHandComputedOddSample)
{
    const Summary s = summarize({10.0, 3.0, 1.0, 4.0, 2.0});
    EXPECT_EQ(s.n, 5u);
    EXPECT_NEAR(s.mean, 4.0, kTolerance);
    EXPECT_NEAR(s.stddev, std::sqrt(12.5), kTolerance);
    EXPECT_NEAR(s.median, 3.0, kTolerance);
    EXPECT_NEAR(s.p90, 7.6, kTolerance);
}

// {1, 2, 3, 4}: mean 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5, sd = sqrt(5 / 3);
// median at rank 1.5 is 2.5; p90 at rank 2.7 is 3 + 0.7 * (4 - 3) = 3.7.
TEST(Summarize, InterpolatesEvenSample)
{
    const Summary s = summarize({4.0, 1.0, 3.0, 2.0});
    EXPECT_EQ(s.n, 4u);
    EXPECT_NEAR(s.mean, 2.5, kTolerance);
    EXPECT_NEAR(s.stddev, std::sqrt(5.0 / 3.0), kTolerance);
    EXPECT_NEAR(s.median, 2.5, kTolerance);
    EXPECT_NEAR(s.p90, 3.7, kTolerance);
}

TEST(Summarize, HandlesSingleValue)
{
    const Summary s = summarize({7.0});
    EXPECT_EQ(s.n, 1u);
    EXPECT_EQ(s.mean, 7.0);
    EXPECT_EQ(s.stddev, 0.0);
    EXPECT_EQ(s.median, 7.0);
    EXPECT_EQ(s.p90, 7.0);
}

TEST(Summarize, ReturnsNaNForEmptySample)
{
    const Summary s = summarize({});
    EXPECT_EQ(s.n, 0u);
    EXPECT_TRUE(std::isnan(s.mean));
    EXPECT_TRUE(std::isnan(s.stddev));
    EXPECT_TRUE(std::isnan(s.median));
    EXPECT_TRUE(std::isnan(s.p90));
}

// Large offsets must not cost the deviation its precision.
TEST(Summarize, KeepsPrecisionWithLargeOffset)
{
    const Summary s = summarize({1e9 + 1.0, 1e9 + 2.0, 1e9 + 3.0, 1e9 + 4.0, 1e9 + 10.0});
    EXPECT_NEAR(s.mean, 1e9 + 4.0, 1e-6);
    EXPECT_NEAR(s.stddev, std::sqrt(12.5), kTolerance);
}

// PostgreSQL sorts NaN above every number; the median of {NaN, 1, 2} is 2.
TEST(Summarize, SortsNaNLast)
{
    const Summary s = summarize({std::nan(""), 1.0, 2.0});
    EXPECT_EQ(s.n, 3u);
    EXPECT_EQ(s.median, 2.0);
    EXPECT_TRUE(std::isnan(s.mean));
}

}  // namespace
}  // namespace backorder::core
