// SQL functions of the normal-distribution statistics: double precision in and out.
#include "core/stats.hpp"
#include "pg/boundary.hpp"

namespace backorder::pg {
namespace {

// Demand per period and lead time in periods: four arguments from position `first`.
struct Variability {
    double demand_mean;
    double demand_sd;
    double lead_time_mean;
    double lead_time_sd;
};

Variability variability_args(FunctionCallInfo fcinfo, int first)
{
    return Variability{PG_GETARG_FLOAT8(first), PG_GETARG_FLOAT8(first + 1),
                       PG_GETARG_FLOAT8(first + 2), PG_GETARG_FLOAT8(first + 3)};
}

}  // namespace

// backorder.inverse_normal(service_level)
BACKORDER_ENTRY(backorder_inverse_normal)
{
    return Float8GetDatum(core::inverse_normal(PG_GETARG_FLOAT8(0)));
}

// backorder.normal_loss(z)
BACKORDER_ENTRY(backorder_normal_loss)
{
    return Float8GetDatum(core::normal_loss(PG_GETARG_FLOAT8(0)));
}

// backorder.inverse_normal_loss(loss)
BACKORDER_ENTRY(backorder_inverse_normal_loss)
{
    return Float8GetDatum(core::inverse_normal_loss(PG_GETARG_FLOAT8(0)));
}

// backorder.safety_stock(service_level, demand_mean, demand_sd, lead_time_mean, lead_time_sd)
BACKORDER_ENTRY(backorder_safety_stock)
{
    Variability v = variability_args(fcinfo, 1);
    return Float8GetDatum(core::safety_stock(PG_GETARG_FLOAT8(0), v.demand_mean, v.demand_sd,
                                             v.lead_time_mean, v.lead_time_sd));
}

// backorder.reorder_point(service_level, demand_mean, demand_sd, lead_time_mean, lead_time_sd)
BACKORDER_ENTRY(backorder_reorder_point)
{
    Variability v = variability_args(fcinfo, 1);
    return Float8GetDatum(core::reorder_point(PG_GETARG_FLOAT8(0), v.demand_mean, v.demand_sd,
                                              v.lead_time_mean, v.lead_time_sd));
}

// backorder.fill_rate_safety_stock(fill_rate, order_qty, demand_mean, demand_sd,
//                                  lead_time_mean, lead_time_sd)
//
// The core returns a negative stock when the order quantity alone meets the fill rate; a plan
// never holds less than nothing in reserve, so SQL gets zero there.
BACKORDER_ENTRY(backorder_fill_rate_safety_stock)
{
    Variability v = variability_args(fcinfo, 2);
    double stock =
        core::fill_rate_safety_stock(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1), v.demand_mean,
                                     v.demand_sd, v.lead_time_mean, v.lead_time_sd);
    return Float8GetDatum(stock > 0.0 ? stock : 0.0);
}

}  // namespace backorder::pg
