// Normal-distribution statistics for safety stock, reorder points and demand summaries.
#pragma once

#include <cstddef>
#include <vector>

namespace backorder::core {

// Return the standard normal quantile z with Phi(z) = p, for 0 < p < 1.
// Phi(z) = (1/2) erfc(-z / sqrt(2)); absolute error below 1e-14 for 1e-300 < p < 1.
double inverse_normal(double p);

// Return the standard normal loss G(z) = phi(z) - z (1 - Phi(z)) = E[max(X - z, 0)].
// phi(z) = exp(-z^2 / 2) / sqrt(2 pi); relative error below 1e-14 while G(z) is normalized.
double normal_loss(double z);

// Return z with G(z) = g, for g > 0; G falls from +inf to 0, with G'(z) = -(1 - Phi(z)).
double inverse_normal_loss(double g);

// Return the safety stock for a cycle service level (chance of no stockout per cycle).
// SS = z sqrt(L sd_d^2 + d^2 sd_L^2), z = inverse_normal(service_level), where d and sd_d
// describe demand per period and L and sd_L the lead time in periods.
double safety_stock(double service_level, double demand_mean, double demand_sd,
                    double lead_time_mean, double lead_time_sd);

// Return the reorder point for a cycle service level: ROP = d L + SS.
double reorder_point(double service_level, double demand_mean, double demand_sd,
                     double lead_time_mean, double lead_time_sd);

// Return the safety stock for a fill rate (share of demand met from stock, type-2 service).
// sigma = sqrt(L sd_d^2 + d^2 sd_L^2), z = G^-1((1 - fill_rate) order_qty / sigma),
// SS = z sigma; 0 when sigma = 0. SS is negative when the allowed shortage per cycle is large
// against sigma; it tends to -(1 - fill_rate) order_qty as sigma tends to 0.
double fill_rate_safety_stock(double fill_rate, double order_qty, double demand_mean,
                              double demand_sd, double lead_time_mean, double lead_time_sd);

// Summary statistics of a sample.
struct Summary {
    std::size_t n;
    double mean;
    double stddev;  // sample standard deviation (divisor n - 1); 0 when n < 2
    double median;
    double p90;  // 90th percentile
};

// Summarize a sample; percentiles interpolate as PostgreSQL's percentile_cont does:
// with the values sorted v[0..n-1] and h = f (n - 1), P(f) = v[floor h] +
// (h - floor h) (v[ceil h] - v[floor h]). An empty sample gives n = 0 and NaN elsewhere.
Summary summarize(std::vector<double> values);

}  // namespace backorder::core
