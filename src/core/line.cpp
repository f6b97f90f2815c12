// Order lines: status names, queue order and the rules of a shipment.
#include "core/line.hpp"

#include <string>
#include <tuple>

#include "core/error.hpp"
#include "core/message.hpp"
#include "core/pure.hpp"

namespace backorder::core {

namespace {

constexpr std::string_view kStatusNames[] = {
    "allocated", "partial", "backordered", "shipped", "cancelled", "stockout",
};

constexpr LineStatus kStatuses[] = {
    LineStatus::Allocated, LineStatus::Partial,   LineStatus::Backordered,
    LineStatus::Shipped,   LineStatus::Cancelled, LineStatus::Stockout,
};

std::string line_name(std::int64_t line_id) { return "line " + std::to_string(line_id); }

}  // namespace

Rule parse_rule(std::string_view text)
{
    if (text == "fifo") return Rule::Fifo;
    if (text == "due_date") return Rule::DueDate;
    if (text == "window") return Rule::Window;
    throw Error(ErrorKind::InvalidArgument, "invalid allocation rule " + quoted(text), {},
                "Use \"fifo\", \"due_date\" or \"window\".");
}

std::string_view status_name(LineStatus status) { return kStatusNames[static_cast<int>(status)]; }

LineStatus parse_status(std::string_view text)
{
    for (LineStatus status : kStatuses)
        if (status_name(status) == text) return status;
    throw Error(ErrorKind::InvalidArgument, "invalid line status " + quoted(text), {},
                "Use \"allocated\", \"partial\", \"backordered\", \"shipped\", \"cancelled\" or "
                "\"stockout\".");
}

bool is_open(LineStatus status)
{
    return status == LineStatus::Allocated || status == LineStatus::Partial ||
           status == LineStatus::Backordered;
}

LineStatus status_of(Quantity qty, Quantity allocated, Quantity shipped)
{
    if (shipped == qty) return LineStatus::Shipped;
    if (allocated + shipped == qty) return LineStatus::Allocated;
    return allocated > 0 ? LineStatus::Partial : LineStatus::Backordered;
}

// Compare keys field by field; an absent cancel_after sorts after every date.
bool ranks_before(Rule rule, const RankKey &a, const RankKey &b)
{
    switch (rule) {
        case Rule::Fifo:
            return std::tie(a.priority, a.created_at, a.line_id) <
                   std::tie(b.priority, b.created_at, b.line_id);
        case Rule::DueDate:
            return std::tie(a.priority, a.requested_date, a.created_at, a.line_id) <
                   std::tie(b.priority, b.requested_date, b.created_at, b.line_id);
        case Rule::Window: {
            bool a_open_ended = !a.cancel_after.has_value();
            bool b_open_ended = !b.cancel_after.has_value();
            Day a_cancel = a.cancel_after.value_or(0);
            Day b_cancel = b.cancel_after.value_or(0);
            return std::tie(a.priority, a_open_ended, a_cancel, a.requested_date, a.created_at,
                            a.line_id) < std::tie(b.priority, b_open_ended, b_cancel,
                                                  b.requested_date, b.created_at, b.line_id);
        }
    }
    throw Error(ErrorKind::Internal,
                "unknown allocation rule " + std::to_string(static_cast<int>(rule)));
}

ShipResult plan_shipment(const ShipRequest &request)
{
    const std::string line = line_name(request.line_id);
    require_open(request.line_id, request.status, "ship");

    if (request.requested && *request.requested <= 0)
        throw Error(ErrorKind::InvalidArgument, "shipment quantity " +
                                                    quoted_qty(*request.requested) + " for " +
                                                    line + " is not positive");
    if (request.allocated <= 0)
        throw Error(ErrorKind::WrongState, line + " has nothing reserved to ship", {},
                    "Ship the line once stock has been allocated to it.");

    Quantity shipping = request.requested.value_or(request.allocated);
    if (shipping > request.allocated)
        throw Error(ErrorKind::RuleViolated, "cannot ship " + quoted_qty(shipping) + " of " + line,
                    "Only " + quoted_qty(request.allocated) + " is reserved for the line.");

    if (request.ship_complete) {
        Quantity to_ship = request.qty - request.shipped;
        if (request.allocated < to_ship)
            throw Error(ErrorKind::WrongState, line + " must ship complete",
                        "Only " + quoted_qty(request.allocated) + " of the " + quoted_qty(to_ship) +
                            " to ship is reserved.");
        if (shipping < to_ship)
            throw Error(
                ErrorKind::WrongState, line + " must ship complete",
                "It ships " + quoted_qty(to_ship) + " at once, not " + quoted_qty(shipping) + ".");
    }

    ShipResult result;
    result.shipped_now = shipping;
    result.allocated = request.allocated - shipping;
    result.shipped = add_checked(request.shipped, shipping);
    result.status = status_of(request.qty, result.allocated, result.shipped);
    return result;
}

void require_open(std::int64_t line_id, LineStatus status, std::string_view action)
{
    if (!is_open(status))
        throw Error(ErrorKind::WrongState,
                    "cannot " + std::string(action) + " " + line_name(line_id) + " with status " +
                        quoted(status_name(status)),
                    "Only allocated, partial and backordered lines are open.");
}

}  // namespace backorder::core
