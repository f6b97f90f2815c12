// Order lines: their status, their rank in the queue, and shipping rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/quantity.hpp"

namespace backorder::core {

// How a sku's queue is ordered (backorder.item.allocation_rule).
enum class Rule {
    Fifo,     // priority, created_at, line_id
    DueDate,  // priority, requested_date, created_at, line_id
    Window,   // priority, cancel_after nulls last, requested_date, created_at, line_id
};

// Parse "fifo", "due_date" or "window"; anything else is InvalidArgument.
Rule parse_rule(std::string_view text);

enum class LineStatus {
    Allocated,    // everything not shipped is reserved
    Partial,      // some reserved, the rest waiting
    Backordered,  // nothing reserved, waiting
    Shipped,
    Cancelled,
    Stockout,     // not backorderable and not reservable in full at entry
};

// The SQL spelling of a status ("allocated", "partial", ...).
std::string_view status_name(LineStatus status);

// Parse the SQL spelling; anything else is InvalidArgument.
LineStatus parse_status(std::string_view text);

// True for the statuses of a line that still holds or awaits stock.
bool is_open(LineStatus status);

// The status of an open line from its quantities: Shipped when
// shipped == qty, else Allocated, Partial or Backordered by what is reserved.
LineStatus status_of(Quantity qty, Quantity allocated, Quantity shipped);

// What decides a line's place in its sku's queue. Smaller ranks first.
struct RankKey {
    std::int32_t priority = 100;
    Day requested_date = 0;
    std::optional<Day> cancel_after;
    std::int64_t created_at = 0;  // microseconds, as PostgreSQL's timestamptz
    std::int64_t line_id = 0;
};

// True when a is served before b under the rule. A strict weak order: ties
// are impossible between distinct line ids.
bool ranks_before(Rule rule, const RankKey &a, const RankKey &b);

// What a line looks like to backorder.ship().
struct ShipRequest {
    std::int64_t line_id = 0;
    LineStatus status = LineStatus::Backordered;
    Quantity qty = 0;
    Quantity allocated = 0;
    Quantity shipped = 0;
    bool ship_complete = false;
    std::optional<Quantity> requested;  // nullopt: ship everything reserved
};

struct ShipResult {
    Quantity shipped_now = 0;
    Quantity allocated = 0;  // reserved after shipping
    Quantity shipped = 0;    // shipped in total after shipping
    LineStatus status = LineStatus::Shipped;
};

// Validate and apply a shipment. Errors: the line is not open (WrongState);
// requested quantity not positive (InvalidArgument); nothing reserved
// (WrongState); more than reserved (RuleViolated); a ship-complete line that is
// not complete, or shipped in part (WrongState).
ShipResult plan_shipment(const ShipRequest &request);

// Raise WrongState unless the line is open, naming the action refused
// ("cancel", "ship", "change").
void require_open(std::int64_t line_id, LineStatus status, std::string_view action);

}  // namespace backorder::core
