// What the season amounted to: the figures the report tells and the charts draw.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "season.hpp"

namespace backorder::simulate {

struct SkuOutcome {
    int sku = 0;
    std::int64_t units_ordered = 0;
    std::int64_t units_backordered = 0;  // not reservable at entry, and waited
    std::int64_t units_lost = 0;         // stockouts of items that cannot wait
    std::int64_t units_due = 0;
    std::int64_t units_on_time = 0;
    int late_orders = 0;    // purchase orders a week or more late
    double late_days = 0;   // their average lateness
    double promo_lift = 0;  // demand in the promotion against before it
    std::string cause;
};

struct Metrics {
    // Season totals, by channel (0 web, 1 wholesale) and overall (2).
    int lines[3] = {};
    std::int64_t units[3] = {};
    int backordered[3] = {};
    int stockouts[3] = {};
    std::int64_t units_lost = 0;
    std::int64_t units_due[3] = {};
    std::int64_t units_on_time[3] = {};
    double wait_days[3] = {};  // average wait past the requested day of back-ordered lines
    int waited_lines[3] = {};
    int expired_lines = 0;
    std::int64_t expired_units = 0;
    int promise_changes = 0;
    int purchase_orders = 0;
    std::int64_t units_purchased = 0;
    // The supplier that turned unreliable: its orders due after the change.
    int troubled_orders = 0;
    int troubled_late = 0;
    double troubled_late_days = 0;
    double promo_lift = 0;
    int promo_skus = 0;
    // Per day.
    std::vector<std::optional<double>> backorder_rate[3];  // 2: trailing 7 days
    std::vector<std::optional<double>> fill_rate[3];       // trailing 7 days by due day
    // Per sku, worst first.
    std::vector<SkuOutcome> worst;
    int promise_sku = -1;  // the sku whose promises the chart follows
};

Metrics measure_season(const Season &season, std::size_t worst_count = 5);

}  // namespace backorder::simulate
