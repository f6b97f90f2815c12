// What the season amounted to.
#include "metrics.hpp"

#include <algorithm>
#include <cstdio>

namespace backorder::simulate {
namespace {

std::string fixed(double value, int decimals)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

// Ratio over the trailing seven days, or nothing when nothing was counted.
std::vector<std::optional<double>> trailing(const std::vector<double> &hits,
                                            const std::vector<double> &counts)
{
    std::vector<std::optional<double>> out(hits.size());
    for (std::size_t d = 0; d < hits.size(); ++d) {
        double h = 0, c = 0;
        for (std::size_t k = d >= 6 ? d - 6 : 0; k <= d; ++k) {
            h += hits[k];
            c += counts[k];
        }
        if (c > 0) out[d] = h / c;
    }
    return out;
}

}  // namespace

Metrics measure_season(const Season &season, std::size_t worst_count)
{
    const World &world = season.world();
    const auto &days = season.days();
    const std::size_t n = days.size();
    Metrics m;

    std::vector<double> bo[3], entered[3], due[3], on_time[3];
    for (int c = 0; c < 3; ++c) {
        bo[c].assign(n, 0);
        entered[c].assign(n, 0);
        due[c].assign(n, 0);
        on_time[c].assign(n, 0);
        m.backorder_rate[c].assign(n, std::nullopt);
    }
    for (std::size_t d = 0; d < n; ++d) {
        for (int c = 0; c < 2; ++c) {
            bo[c][d] = days[d].backordered[c];
            entered[c][d] = days[d].lines[c];
            bo[2][d] += days[d].backordered[c];
            entered[2][d] += days[d].lines[c];
            if (days[d].lines[c] > 0) {
                m.backorder_rate[c][d] = 1.0 * days[d].backordered[c] / days[d].lines[c];
            }
        }
        m.promise_changes += days[d].promise_changes;
    }
    m.backorder_rate[2] = trailing(bo[2], entered[2]);

    std::vector<SkuOutcome> outcomes(world.skus.size());
    for (std::size_t i = 0; i < outcomes.size(); ++i) outcomes[i].sku = static_cast<int>(i);
    double wait_sum[3] = {};
    for (const LineRecord &line : season.lines()) {
        int c = line.channel;
        SkuOutcome &o = outcomes[static_cast<std::size_t>(line.sku)];
        for (int k : {c, 2}) {
            m.lines[k] += 1;
            m.units[k] += line.qty;
            if (line.backordered()) m.backordered[k] += 1;
            if (line.stockout) m.stockouts[k] += 1;
        }
        o.units_ordered += line.qty;
        if (line.stockout) {
            m.units_lost += line.qty - line.reserved_at_entry;
            o.units_lost += line.qty - line.reserved_at_entry;
        }
        if (line.backordered()) o.units_backordered += line.qty - line.reserved_at_entry;
        if (line.requested_day < static_cast<int>(n)) {
            auto d = static_cast<std::size_t>(line.requested_day);
            for (int k : {c, 2}) {
                due[k][d] += static_cast<double>(line.qty);
                on_time[k][d] += static_cast<double>(line.shipped_on_time);
                m.units_due[k] += line.qty;
                m.units_on_time[k] += line.shipped_on_time;
            }
            o.units_due += line.qty;
            o.units_on_time += line.shipped_on_time;
        }
        if (line.backordered() && line.shipped == line.qty) {
            int wait = std::max(0, line.last_ship_day - line.requested_day);
            for (int k : {c, 2}) {
                wait_sum[k] += wait;
                m.waited_lines[k] += 1;
            }
        }
        if (line.final_status == "cancelled") {
            m.expired_lines += 1;
            m.expired_units += line.qty - line.shipped;
        }
    }
    for (int k = 0; k < 3; ++k) {
        m.wait_days[k] = m.waited_lines[k] > 0 ? wait_sum[k] / m.waited_lines[k] : 0;
        m.fill_rate[k] = trailing(on_time[k], due[k]);
    }

    // Purchase orders, and how late the troubled supplier's were.
    std::vector<int> late_count(world.skus.size());
    std::vector<double> late_sum(world.skus.size());
    for (const PurchaseOrder &po : season.purchase_orders()) {
        if (po.placed_day >= 0) {
            m.purchase_orders += 1;
            m.units_purchased += po.qty;
        }
        if (po.expected_day >= static_cast<int>(n)) continue;
        int lateness = po.arrival_day - po.expected_day;
        const Sku &sku = world.skus[static_cast<std::size_t>(po.sku)];
        if (sku.supplier == world.unreliable_supplier && po.expected_day >= world.unreliable_day) {
            m.troubled_orders += 1;
            if (lateness >= 7) {
                m.troubled_late += 1;
                m.troubled_late_days += lateness;
            }
        }
        if (lateness >= 7) {
            late_count[static_cast<std::size_t>(po.sku)] += 1;
            late_sum[static_cast<std::size_t>(po.sku)] += lateness;
        }
    }
    if (m.troubled_late > 0) m.troubled_late_days /= m.troubled_late;

    // The promotion: demand per day during it against the two weeks before.
    const auto &demand = season.demand();
    double during_all = 0, before_all = 0;
    int window = world.promo_end - world.promo_start;
    int before_start = std::max(0, world.promo_start - 14);
    int before_days = world.promo_start - before_start;
    for (std::size_t i = 0; i < world.skus.size(); ++i) {
        double during = 0, before = 0;
        for (int d = world.promo_start; d < world.promo_end && d < static_cast<int>(n); ++d) {
            during += static_cast<double>(demand[i][static_cast<std::size_t>(d)]);
        }
        for (int d = before_start; d < world.promo_start; ++d) {
            before += static_cast<double>(demand[i][static_cast<std::size_t>(d)]);
        }
        if (window > 0 && before_days > 0 && before > 0) {
            outcomes[i].promo_lift = (during / window) / (before / before_days);
        }
        if (world.skus[i].promoted) {
            m.promo_skus += 1;
            during_all += during;
            before_all += before;
        }
    }
    if (window > 0 && before_days > 0 && before_all > 0) {
        m.promo_lift = (during_all / window) / (before_all / before_days);
    }

    // The worst skus and the likeliest cause of each.
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        SkuOutcome &o = outcomes[i];
        const Sku &sku = world.skus[i];
        o.late_orders = late_count[i];
        o.late_days = late_count[i] > 0 ? late_sum[i] / late_count[i] : 0;
        std::vector<std::string> causes;
        if (o.late_orders > 0) {
            causes.push_back("late supply from " +
                             world.suppliers[static_cast<std::size_t>(sku.supplier)].name + " (" +
                             std::to_string(o.late_orders) + " purchase order" +
                             (o.late_orders > 1 ? "s" : "") + ", " + fixed(o.late_days, 0) +
                             " days late on average)");
        }
        if (sku.promoted && o.promo_lift >= 1.3) {
            causes.push_back(
                "the " + world.retailers[static_cast<std::size_t>(world.promo_retailer)].name +
                " promotion (demand " + fixed(o.promo_lift, 1) + "x the weeks before)");
        }
        if (!sku.backorderable && o.units_lost > 0) {
            causes.push_back("not backorderable: " + std::to_string(o.units_lost) +
                             " units of demand lost");
        }
        if (causes.empty()) {
            double planned = (sku.dtc_rate + sku.wholesale_rate) * static_cast<double>(n);
            double ratio = planned > 0 ? static_cast<double>(o.units_ordered) / planned : 0;
            if (ratio > 1.15) {
                causes.push_back("demand " + fixed(ratio, 1) + "x the plan");
            } else {
                causes.push_back("lumpy wholesale orders against a " +
                                 std::to_string(sku.lead_days) + "-day lead time");
            }
        }
        o.cause = causes[0];
        for (std::size_t k = 1; k < causes.size() && k < 2; ++k) o.cause += "; " + causes[k];
    }
    std::vector<SkuOutcome> ranked = outcomes;
    std::stable_sort(ranked.begin(), ranked.end(), [](const SkuOutcome &a, const SkuOutcome &b) {
        return a.units_backordered + a.units_lost > b.units_backordered + b.units_lost;
    });
    // The promise chart follows the sku with the most back-ordered units,
    // from the troubled supplier if one of its skus had any.
    std::vector<SkuOutcome> waited = outcomes;
    std::stable_sort(waited.begin(), waited.end(), [](const SkuOutcome &a, const SkuOutcome &b) {
        return a.units_backordered > b.units_backordered;
    });
    for (const SkuOutcome &o : waited) {
        if (o.units_backordered == 0) break;
        if (world.skus[static_cast<std::size_t>(o.sku)].supplier == world.unreliable_supplier) {
            m.promise_sku = o.sku;
            break;
        }
    }
    if (m.promise_sku < 0 && !waited.empty()) m.promise_sku = waited.front().sku;
    ranked.resize(std::min(ranked.size(), worst_count));
    m.worst = ranked;
    return m;
}

}  // namespace backorder::simulate
