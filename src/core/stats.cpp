// Normal quantile and loss functions by Newton's method, and the formulas built on them.
#include "core/stats.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "core/error.hpp"
#include "core/pure.hpp"

namespace backorder::core {

namespace {

constexpr double kPi = 3.141592653589793238462643383279502884;
constexpr double kLogSqrtTwoPi = 0.918938533204672741780329736405617640;  // ln sqrt(2 pi)
constexpr double kInvSqrtTwoPi = 0.398942280401432677939946059934381868;  // 1 / sqrt(2 pi)
constexpr double kSqrtHalf = 0.707106781186547524400844362104849039;

// Beyond this distance from the mean the tail ratios come from a continued fraction; nearer,
// phi(z) - z Q(z) loses no more than a few bits to cancellation.
constexpr double kFarTail = 2.0;
// Partial fractions evaluated; enough for full double precision from kFarTail on.
constexpr int kFractionTerms = 160;
// Newton stops once a step is this small relative to max(1, |z|); the error left is
// about the square of that, so far below the precision of a double.
constexpr double kStepTolerance = 1e-14;
// Each solver converges in under ten steps; the cap only guards against a NaN loop.
constexpr int kMaxSteps = 100;

// Format a value as PostgreSQL prints a float8: shortest exact digits, NaN, Infinity.
std::string format_value(double value)
{
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
    return std::string(buffer, result.ptr);
}

// Build the detail sentence that names a rejected value.
std::string value_detail(double value)
{
    return "The value given was \"" + format_value(value) + "\".";
}

// Reject a probability outside the open interval (0, 1).
void require_probability(double value, const std::string &what)
{
    if (value > 0.0 && value < 1.0) return;
    std::string hint;
    if (value > 1.0 && value <= 100.0)
        hint = "Give the " + what + " as a fraction, such as 0.95 for 95 percent.";
    throw Error(ErrorKind::InvalidArgument, what + " must be between 0 and 1", value_detail(value),
                hint);
}

// Reject NaN and infinities.
void require_finite(double value, const std::string &what)
{
    if (!std::isfinite(value))
        throw Error(ErrorKind::InvalidArgument, what + " must be finite", value_detail(value));
}

// Reject a value that is not finite or is below zero.
void require_non_negative(double value, const std::string &what)
{
    require_finite(value, what);
    if (value < 0.0)
        throw Error(ErrorKind::InvalidArgument, what + " must not be negative",
                    value_detail(value));
}

// Reject a value that is not finite or is not above zero.
void require_positive(double value, const std::string &what)
{
    require_finite(value, what);
    if (!(value > 0.0))
        throw Error(ErrorKind::InvalidArgument, what + " must be positive", value_detail(value));
}

// Return a result, or fail when it overflowed the range of a double.
double checked_result(double value, const std::string &what)
{
    if (!std::isfinite(value))
        throw Error(ErrorKind::OutOfRange, what + " is out of range",
                    "The result does not fit in double precision.");
    return value;
}

// Return ln phi(z), which stays finite where phi(z) underflows.
double log_density(double z) { return -0.5 * z * z - kLogSqrtTwoPi; }

// Return phi(z); the rounding error of z^2, recovered exactly by fma, would otherwise cost up
// to z^2 / 2 units in the last place far in the tail.
double density(double z)
{
    // phi(40) is below the smallest subnormal; z^2 may overflow beyond.
    if (std::fabs(z) > 40.0) return 0.0;
    const double square = z * z;
    const double square_error = std::fma(z, z, -square);
    return kInvSqrtTwoPi * std::exp(-0.5 * square) * std::exp(-0.5 * square_error);
}

// Upper tail Q(z) = 1 - Phi(z), without cancellation for large z.
double upper_tail(double z) { return 0.5 * std::erfc(z * kSqrtHalf); }

// Ratios to phi(x) of the upper tail and of the loss, for x >= kFarTail.
//
// Integrating by parts gives Laplace's continued fraction for the Mills ratio,
// Q(x) / phi(x) = 1 / (x + 1 / (x + 2 / (x + 3 / (x + ...)))). Writing it as 1 / (x + r)
// with r = 1 / (x + 2 / (x + 3 / ...)) makes G(x) / phi(x) = 1 - x Q(x) / phi(x) = r Q(x) /
// phi(x), which avoids subtracting two nearly equal numbers.
struct TailRatios {
    double tail;  // Q(x) / phi(x)
    double loss;  // G(x) / phi(x)
};

TailRatios far_tail_ratios(double x)
{
    double rest = 0.0;
    for (int k = kFractionTerms; k >= 2; --k) rest = k / (x + rest);
    const double r = 1.0 / (x + rest);
    const double tail = 1.0 / (x + r);
    return {tail, r * tail};
}

// Return ln Phi(z) and the hazard phi(z) / Phi(z), for z <= 0 or slightly above.
void log_lower_tail(double z, double &log_cdf, double &hazard)
{
    if (z >= -kFarTail) {
        const double cdf = upper_tail(-z);
        log_cdf = std::log(cdf);
        hazard = density(z) / cdf;
        return;
    }
    const TailRatios ratios = far_tail_ratios(-z);
    log_cdf = log_density(z) + std::log(ratios.tail);
    hazard = 1.0 / ratios.tail;
}

// Return ln G(z) and the ratio (1 - Phi(z)) / G(z), for z >= 0.
void log_upper_loss(double z, double &log_loss, double &slope)
{
    if (z <= kFarTail) {
        const double tail = upper_tail(z);
        const double loss = density(z) - z * tail;
        log_loss = std::log(loss);
        slope = tail / loss;
        return;
    }
    const TailRatios ratios = far_tail_ratios(z);
    log_loss = log_density(z) + std::log(ratios.loss);
    slope = ratios.tail / ratios.loss;
}

// Return z < 0 with Phi(z) = p, for 0 < p < 1/2.
//
// Newton's method on h(z) = ln Phi(z) - ln p. Phi is log-concave, so h is concave and
// increasing: started left of the root, every step stays left of it and moves right.
// A step from the right lands on the left, and from then on the same holds. Working
// with logarithms keeps the far tail free of underflow.
double lower_quantile(double p)
{
    const double log_p = std::log(p);
    double z;
    if (p < 0.05) {
        // Phi(z) ~ phi(z) / |z| in the tail; with t^2 = -2 ln p that gives
        // z^2 = t^2 - ln(2 pi z^2), taken once with z^2 = t^2.
        const double t2 = -2.0 * log_p;
        z = -std::sqrt(t2 - std::log(2.0 * kPi * t2));
    } else {
        // Phi(z) ~ 1/2 + z / sqrt(2 pi) near the mean.
        z = (p - 0.5) * std::sqrt(2.0 * kPi);
    }
    for (int i = 0; i < kMaxSteps; ++i) {
        double log_cdf;
        double hazard;
        log_lower_tail(z, log_cdf, hazard);
        const double step = (log_cdf - log_p) / hazard;
        z -= step;
        if (std::fabs(step) <= kStepTolerance * std::max(1.0, std::fabs(z))) break;
    }
    return z;
}

// Return z with G(z) = g, given g > 0 and its logarithm (each may be the precise one).
//
// G is decreasing and convex, G(z) > -z, and G(0) = phi(0).
// When g >= G(0) the root is at or below zero: Newton's method on G(z) - g from z = -g,
// which is left of the root as G(-g) = g + G(g) > g; convexity keeps every step left of
// the root. When g < G(0) the root is positive: G is log-concave, so Newton's method on
// ln G(z) - ln g converges from the right without overshooting, and phi(t) = g gives a
// start t on the right because G(z) < phi(z) for z > 0.
double solve_normal_loss(double g, double log_g)
{
    double z;
    if (log_g >= -kLogSqrtTwoPi) {
        z = -g;
        for (int i = 0; i < kMaxSteps; ++i) {
            const double tail = upper_tail(z);
            const double step = (density(z) - z * tail - g) / tail;
            z += step;
            if (std::fabs(step) <= kStepTolerance * std::max(1.0, std::fabs(z))) break;
        }
        return z;
    }
    z = std::sqrt(-2.0 * (log_g + kLogSqrtTwoPi));
    for (int i = 0; i < kMaxSteps; ++i) {
        double log_loss;
        double slope;
        log_upper_loss(z, log_loss, slope);
        const double step = (log_loss - log_g) / slope;
        z += step;
        if (std::fabs(step) <= kStepTolerance * std::max(1.0, z)) break;
    }
    return z;
}

// Validate the demand and lead-time parameters and return the deviation of lead-time
// demand, sqrt(L sd_d^2 + d^2 sd_L^2), computed with hypot to avoid premature overflow.
double lead_time_demand_sd(double demand_mean, double demand_sd, double lead_time_mean,
                           double lead_time_sd)
{
    require_non_negative(demand_mean, "demand mean");
    require_non_negative(demand_sd, "demand standard deviation");
    require_non_negative(lead_time_mean, "lead time mean");
    require_non_negative(lead_time_sd, "lead time standard deviation");
    return std::hypot(std::sqrt(lead_time_mean) * demand_sd, demand_mean * lead_time_sd);
}

// Return the value at fraction f of sorted values, interpolating as percentile_cont.
double percentile_cont(const std::vector<double> &sorted, double fraction)
{
    const double position = fraction * static_cast<double>(sorted.size() - 1);
    const double below = std::floor(position);
    const double above = std::ceil(position);
    const double low = sorted[static_cast<std::size_t>(below)];
    if (below == above) return low;
    const double high = sorted[static_cast<std::size_t>(above)];
    return low + (position - below) * (high - low);
}

}  // namespace

// Dispatch to the lower tail, using Q(z) = Phi(-z): 1 - p is exact for p >= 1/2.
double inverse_normal(double p)
{
    require_probability(p, "service level");
    if (p == 0.5) return 0.0;
    if (p < 0.5) return lower_quantile(p);
    return -lower_quantile(1.0 - p);
}

// Evaluate G directly, or through the continued fraction where the direct form cancels.
double normal_loss(double z)
{
    if (z > kFarTail) return density(z) * far_tail_ratios(z).loss;
    return density(z) - z * upper_tail(z);
}

// Validate g and solve G(z) = g.
double inverse_normal_loss(double g)
{
    require_positive(g, "normal loss");
    return solve_normal_loss(g, std::log(g));
}

// Scale the service-level quantile by the deviation of lead-time demand.
double safety_stock(double service_level, double demand_mean, double demand_sd,
                    double lead_time_mean, double lead_time_sd)
{
    require_probability(service_level, "service level");
    const double sigma = lead_time_demand_sd(demand_mean, demand_sd, lead_time_mean, lead_time_sd);
    return checked_result(inverse_normal(service_level) * sigma, "safety stock");
}

// Add the safety stock to the mean demand over the lead time.
double reorder_point(double service_level, double demand_mean, double demand_sd,
                     double lead_time_mean, double lead_time_sd)
{
    const double stock =
        safety_stock(service_level, demand_mean, demand_sd, lead_time_mean, lead_time_sd);
    return checked_result(demand_mean * lead_time_mean + stock, "reorder point");
}

// Find the safety factor whose expected shortage per cycle matches the fill rate.
double fill_rate_safety_stock(double fill_rate, double order_qty, double demand_mean,
                              double demand_sd, double lead_time_mean, double lead_time_sd)
{
    require_probability(fill_rate, "fill rate");
    require_positive(order_qty, "order quantity");
    const double sigma = lead_time_demand_sd(demand_mean, demand_sd, lead_time_mean, lead_time_sd);
    // Without variability the lead-time demand is certain and no safety stock is held. This is
    // a convention: as sigma tends to 0 the formula tends to -shortage instead.
    if (sigma == 0.0) return 0.0;
    checked_result(sigma, "safety stock");
    const double shortage = (1.0 - fill_rate) * order_qty;
    if (!(shortage > 0.0))
        throw Error(ErrorKind::OutOfRange, "safety stock is out of range",
                    "The allowed shortage per cycle is too small to represent.");
    const double g = shortage / sigma;
    // Beyond double range G(z) = -z exactly, so z sigma = -g sigma = -shortage.
    if (std::isinf(g)) return -shortage;
    const double z = solve_normal_loss(g, std::log(shortage) - std::log(sigma));
    return checked_result(z * sigma, "safety stock");
}

// Sort the sample (NaN last, as PostgreSQL orders it), then take moments and percentiles.
Summary summarize(std::vector<double> values)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    Summary summary{values.size(), nan, nan, nan, nan};
    if (values.empty()) return summary;

    std::sort(values.begin(), values.end(),
              [](double a, double b) { return a < b || (!std::isnan(a) && std::isnan(b)); });

    const double n = static_cast<double>(values.size());
    double sum = 0.0;
    for (double value : values) sum += value;
    const double mean = sum / n;

    // Second pass about the first mean; the sum of deviations corrects its rounding.
    double deviation_sum = 0.0;
    double square_sum = 0.0;
    for (double value : values) {
        const double deviation = value - mean;
        deviation_sum += deviation;
        square_sum += deviation * deviation;
    }
    summary.mean = mean + deviation_sum / n;
    if (values.size() < 2) {
        summary.stddev = 0.0;
    } else {
        const double squares = square_sum - deviation_sum * deviation_sum / n;
        summary.stddev = std::sqrt(std::max(0.0, squares) / (n - 1.0));
    }
    summary.median = percentile_cont(values, 0.5);
    summary.p90 = percentile_cont(values, 0.9);
    return summary;
}

}  // namespace backorder::core
