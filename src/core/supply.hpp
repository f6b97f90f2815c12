// Supply over time: available-to-promise, the ATP profile and promise quotes.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/line.hpp"
#include "core/quantity.hpp"

namespace backorder::core {

// An open purchase-order line: qty - qty_received still to arrive.
struct OpenSupply {
    std::int64_t supply_id = 0;
    Day expected_date = 0;
    Quantity open_qty = 0;
};

// What the core needs to know of an item.
struct ItemPolicy {
    Rule rule = Rule::Fifo;
    std::int32_t lead_time_days = 14;
    bool backorderable = true;
};

enum class SupplyBasis { Stock, Supply, LeadTime, Stockout };

// The SQL spelling of a basis ("stock", "supply", "lead_time", "stockout").
std::string_view basis_name(SupplyBasis basis);

// One stretch of covered quantity.
struct Coverage {
    Day date = 0;  // when this quantity can ship
    Quantity qty = 0;
    SupplyBasis basis = SupplyBasis::Stock;
    std::optional<std::int64_t> supply_id;  // set for SupplyBasis::Supply
};

// The order in which quantity becomes available to the queue: available
// stock today, then open supply by (expected_date, supply_id) with supply past
// its date counted as arriving today, then without limit at today + lead time.
class SupplyTimeline {
public:
    SupplyTimeline(Quantity available, std::vector<OpenSupply> supplies, Day today,
                   std::int32_t lead_time_days);

    // Take qty from the front of what is left; the pieces sum to qty.
    std::vector<Coverage> consume(Quantity qty);

    // Take qty and return only the date its last unit is covered
    // (today for qty == 0).
    Day consume_until(Quantity qty);

private:
    // Take up to wanted from the front: one piece of one source.
    Coverage take_front(Quantity wanted);

    std::vector<Coverage> pieces_;  // stock and supply left, in the order they are used
    std::size_t next_ = 0;          // first piece not used up
    Day today_ = 0;
    Day lead_time_date_ = 0;  // when any further quantity can ship
};

// Uncommitted quantity by on_date: available stock plus open supply expected
// by on_date, less what waiting lines claim (they claim the earliest first);
// never negative. on_date before today is InvalidArgument.
Quantity atp(Quantity available, Quantity waiting, const std::vector<OpenSupply> &supplies,
             Day today, Day on_date);

struct ProfileBucket {
    Day bucket = 0;
    Quantity supply = 0;     // what becomes available that day
    Quantity committed = 0;  // what waiting lines claim of it
    Quantity atp = 0;        // supply - committed
    Quantity cumulative_atp = 0;
};

// One bucket for today (available stock plus supply due by today) and one
// for each later expected_date up to today + horizon_days, in date order.
// Waiting lines claim the earliest supply first, also beyond the horizon.
// horizon_days outside 0..3650 is InvalidArgument.
std::vector<ProfileBucket> atp_profile(Quantity available, Quantity waiting,
                                       const std::vector<OpenSupply> &supplies, Day today,
                                       std::int32_t horizon_days);

// A waiting line as backorder.promise() needs to see it.
struct WaitingClaim {
    std::int32_t priority = 100;
    Day requested_date = 0;
    std::optional<Day> cancel_after;
    Quantity waiting = 0;
};

// How much waiting quantity ranks ahead of a new line with this priority and
// requested date (no cancel_after, entered now, so it loses every tie).
// waiting_total is the sku's total waiting quantity; candidates holds at
// least every waiting line that may rank behind the new one (the others are
// counted as ahead through waiting_total): under fifo those of a larger
// priority, under the other rules those of the same or a larger priority.
Quantity waiting_ahead(Rule rule, std::int32_t priority, Day requested_date,
                       Quantity waiting_total, const std::vector<WaitingClaim> &candidates);

// A non-binding quote for qty: rows summing to qty, each with the date it
// could ship (never before requested_date), its basis and supply. The first
// `ahead` units of the timeline belong to lines ranked ahead. An item that
// is not backorderable and cannot be served from available stock in full gets
// one Stockout row without a date. qty not positive is InvalidArgument.
std::vector<Coverage> promise_schedule(const ItemPolicy &item, Quantity available,
                                       Quantity ahead, const std::vector<OpenSupply> &supplies,
                                       Day today, Day requested_date, Quantity qty);

}  // namespace backorder::core
