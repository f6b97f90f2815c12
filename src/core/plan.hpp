// Planning one sku at one location: reservations, promised dates, events.
//
// Every change to a sku's stock, supply or queue ends in one call to plan():
// the glue loads the open lines and supply of the (sku, location), the core
// decides what each line holds and is promised, and the glue writes back only
// what changed. Keeping the decision here keeps it testable without a server.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/line.hpp"
#include "core/quantity.hpp"
#include "core/supply.hpp"

namespace backorder::core {

// An open line (allocated, partial or backordered) as stored.
struct OpenLine {
    RankKey rank;
    Quantity qty = 0;
    Quantity allocated = 0;
    Quantity shipped = 0;
    bool ship_complete = false;
    std::optional<Day> promised_date;
    bool is_new = false;  // entered by the statement being planned
    // The status as stored, so that a qty change alone still updates it; when
    // unset, the status its quantities give (which misses such a change).
    std::optional<LineStatus> status;
};

// A receipt of the statement being planned; its quantity is the newest part
// of on_hand, so allocations from it are attributed to it.
struct StockReceipt {
    std::int64_t receipt_id = 0;
    Quantity qty = 0;
};

// What a receipt received against open supply, if it names one.
struct SupplyReceipt {
    std::optional<std::int64_t> supply_id;
    Quantity qty = 0;
};

struct PlanInput {
    ItemPolicy item;
    Day today = 0;
    Quantity on_hand = 0;                // after this statement's receipts and adjustments
    std::vector<OpenLine> lines;         // every open line of the sku and location, any order
    std::vector<OpenSupply> supplies;    // open supply, any order
    std::vector<StockReceipt> receipts;  // this statement's receipts, in receipt order
    // Waiting quantity of lines left out of `lines` that rank ahead of all of
    // them: it claims the supply timeline first (see "Planning part of a queue").
    Quantity waiting_ahead = 0;
};

enum class EventKind { Allocated, Ready, Backordered, PromiseChanged, Stockout, Deallocated };

// The SQL spelling of an event kind ("allocated", "promise_changed", ...).
std::string_view event_name(EventKind kind);

struct Event {
    EventKind kind = EventKind::Allocated;
    std::int64_t line_id = 0;
    Quantity qty = 0;
    std::optional<std::int64_t> receipt_id;
    std::optional<Day> old_date;
    std::optional<Day> new_date;
};

// A change of reservation: positive when reserved, negative when released.
struct LedgerEntry {
    std::int64_t line_id = 0;
    Quantity qty = 0;
    std::optional<std::int64_t> receipt_id;
};

// The new state of a line whose reservation, status or promise changed.
struct LineUpdate {
    std::int64_t line_id = 0;
    Quantity allocated = 0;
    LineStatus status = LineStatus::Backordered;
    std::optional<Day> promised_date;
};

struct Plan {
    std::vector<LineUpdate> updates;  // in rank order
    std::vector<Event> events;
    std::vector<LedgerEntry> ledger;
    Quantity allocated = 0;    // reserved for the sku and location afterwards
    Quantity backordered = 0;  // waiting (qty - shipped - allocated of open lines) afterwards
};

// Decide reservations and promises for one sku at one location.
//
// 1. A line whose reservation exceeds qty - shipped (its qty was lowered)
//    releases the excess; a line with shipped == qty becomes Shipped.
// 2. If on_hand is below what is reserved, reservations are released from the
//    lowest-ranked reserved lines upward until it is not (on_hand < 0 is
//    RuleViolated).
// 3. Lines are walked in rank order. Each takes what it waits for from the
//    available stock (on_hand - reserved): first the part that predates this
//    statement's receipts, then each receipt in order. A new line of an item
//    that is not backorderable and cannot take its whole qty becomes Stockout
//    and takes nothing. What still waits claims the SupplyTimeline (open
//    supply, then lead time); its promised date is the date its last unit is
//    covered, never before its requested date. A line that becomes fully
//    reserved is promised max(requested_date, today); a line that was fully
//    reserved before keeps its promise unless requested_date is later.
//
// Events, in order: Deallocated for each release (step 1 and 2); then per
// line in rank order: Allocated per piece taken (with its receipt),
// Ready (non-ship-complete: the quantity just reserved; ship-complete: the
// whole reservation, once, when it becomes complete), then Stockout or
// Backordered (new lines; qty still waiting, new_date the promise) or
// PromiseChanged (existing lines whose promise changed). The ledger mirrors
// Allocated (+) and Deallocated (-). `poll` is called now and then on long
// queues so the caller can honour a query cancel.
Plan plan(const PlanInput &input, const std::function<void()> &poll = {});

// Planning part of a queue.
//
// A stored queue is what plan() made of it on the day the stock row records
// as planned_on: planning it again that day, with nothing changed, changes
// nothing (available stock is zero while any line waits, and every promise
// stands). Some changes touch only part of such a queue, so the rest need
// not be loaded:
//
//  * Lines entered behind every waiting line are planned alone, with
//    on_hand = on hand - reserved and waiting_ahead = the stored waiting
//    quantity; the result is theirs in the plan of the whole queue.
//  * Lines entered anywhere change only themselves and the waiting lines
//    that rank behind the first of them, since no reservation is taken from
//    a line: planned together, with on_hand less what every other line
//    holds and waiting_ahead = the waiting quantity of the lines left out,
//    they get what the plan of the whole queue gives them.
//  * More stock (receipts, with or without supply received) changes only
//    waiting lines: planned alone, with on_hand less what the other lines
//    hold, they get what the plan of the whole queue gives them, and fully
//    reserved lines neither take stock nor change.
//  * Of those, receipts that replace the front of the supply timeline, and
//    receipts of stock without supply while every waiting unit is covered on
//    one day (both below), change only the waiting lines the new stock
//    reaches, in rank order, up to and including the first whose waiting
//    quantity reaches past it: every line behind them is covered on the same
//    day as before, so keeps its promise.

// Whether receipts take exactly the front of the supply timeline of
// `supplies` (the open supply before them): every receipt names one of them
// and stays within its open quantity, and together they close whole supply
// lines in timeline order (effective date, supply_id), then part of the next.
// Stock that replaces the supply the queue counted on moves no promise of a
// line the stock does not reach.
bool receipts_take_timeline_front(const std::vector<OpenSupply> &supplies,
                                  const std::vector<SupplyReceipt> &receipts, Day today);

// Whether stock that names no supply moves no promise of a waiting line it
// does not reach: the `waiting` units of the queue are all covered on one
// day, by the supply of the earliest effective date (or, without supply, all
// by lead time), so a line moved forward in the queue still waits for that
// day.
bool extra_stock_keeps_promises(const std::vector<OpenSupply> &supplies, Quantity waiting,
                                Day today);

}  // namespace backorder::core
