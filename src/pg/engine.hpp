// The engine's work on one sku at one location: lock, load, plan, write.
//
// Every statement here names one (sku, location) and nothing else, so the
// tables can later be distributed by sku. Callers that touch several keys
// lock them in ascending order (SkuLocation's operator<), so two statements
// that share keys never wait for each other in a cycle.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/plan.hpp"
#include "core/quantity.hpp"
#include "core/supply.hpp"
#include "pg/postgres.hpp"

namespace backorder::pg {

struct SkuLocation {
    std::string sku;
    std::string location;

    bool operator<(const SkuLocation &other) const
    {
        return sku != other.sku ? sku < other.sku : location < other.location;
    }
    bool operator==(const SkuLocation &other) const
    {
        return sku == other.sku && location == other.location;
    }
};

// The stock row of a sku and location.
struct StockRow {
    core::Quantity on_hand = 0;
    core::Quantity allocated = 0;
    core::Quantity backordered = 0;
    std::optional<core::Day> planned_on;  // the day the queue was planned for
};

// An event for the outbox; kind is its SQL spelling.
struct EventRow {
    std::string kind;
    std::int64_t line_id = 0;
    std::optional<core::Quantity> qty;
    std::optional<std::int64_t> receipt_id;
    std::optional<core::Day> old_date;
    std::optional<core::Day> new_date;
};

// A ledger row; reason is "allocated", "deallocated", "shipped" or "cancelled".
struct LedgerRow {
    std::int64_t line_id = 0;
    core::Quantity qty = 0;
    const char *reason = "allocated";
    std::optional<std::int64_t> receipt_id;
};

// The item's policy; an unknown sku is a NotFound error.
core::ItemPolicy load_item(const std::string &sku);

// Lock the stock row of a sku and location, creating it at zero, and return it.
StockRow lock_stock(const SkuLocation &key);

// Read the stock row without locking; zero when there is none.
StockRow read_stock(const SkuLocation &key);

// Open supply of a sku and location.
std::vector<core::OpenSupply> load_supplies(const SkuLocation &key);

// Plan the locked key's queue against on_hand and write the outcome: line
// states, ledger, events and the stock row. receipts are this statement's.
void reconcile(const SkuLocation &key, core::Quantity on_hand,
               const std::vector<core::StockReceipt> &receipts = {});

// Plan lines this statement entered on the locked key (stock as locked). In
// a queue planned today they are planned with the waiting lines that rank
// behind the first of them (none, usually); else with the whole queue.
void reconcile_entered(const SkuLocation &key, const StockRow &stock,
                       const std::vector<core::OpenLine> &entered);

// Order entry planned while rows are inserted.
//
// Lines that rank behind every waiting line of a queue planned today need
// nothing but their item, their stock row and the supply timeline, so
// line_check plans each line before its row is stored, behind the lines its
// statement entered before it, and stores the row as planned: reserved,
// queued or stocked out, with its promise. That saves rewriting every row at
// the statement's end, which then writes only the ledger, the events and the
// stock row of each sku. A sku falls back to planning at the statement's end
// (reconcile_entered, its planned rows reset first) when a line ranks ahead
// of one entered before it in the statement or of a waiting line, when its
// stored rows differ from the planned ones, or when its stock row changed
// in between. Nothing is locked at row time, so a statement still locks its
// skus in key order. Should anything else lock a sku after its rows are
// stored and before the statement ends (a trigger of the application, say),
// the planned lines are written first, so that the stock row always counts
// every stored line.

// Plan a new line before its row is stored, behind the lines `statement`
// (its entering statement's identity) planned before on the same sku;
// returns what the row is to be stored with, or none when the line is left
// to the statement's end.
std::optional<core::LineUpdate> plan_entry(const SkuLocation &key, const core::OpenLine &line,
                                           const void *statement);

// A line of the entering statement, as stored.
struct EnteredLine {
    SkuLocation key;
    core::OpenLine line;
    bool planned_at_row_time = false;  // stored with a plan by line_check
};

// At the entering statement's end, for each sku in key order with its
// stored lines in the order inserted: write what was planned at row time,
// or plan the lines now.
void enter_lines(const SkuLocation &key, std::vector<EnteredLine> &stored);

// Keep planned lines in step with subtransactions: forget what an aborted
// one did, hand what a committed one did to its parent.
void entry_subtransaction_ended(bool committed, SubTransactionId ended,
                                SubTransactionId parent) noexcept;

// Forget planned lines at the end of the transaction.
void forget_entries() noexcept;

// A receipt that raised the locked key's on hand, as far as supply goes.
struct Arrival {
    core::StockReceipt receipt;
    std::optional<std::int64_t> supply_id;
};

// How much of a queue a statement's arrivals can change (see "Planning part
// of a queue" in core/plan.hpp).
enum class ArrivalScope {
    Head,     // the waiting lines the new stock reaches
    Waiting,  // every waiting line
    Whole,    // every open line: the queue was not planned today
};

// The scope of this statement's arrivals on the locked key, judged on the
// supply before they are received.
ArrivalScope arrival_scope(const SkuLocation &key, const StockRow &stock,
                           const std::vector<Arrival> &arrivals);

// Plan the locked key after arrivals raised on hand to on_hand, loading only
// the lines in scope.
void reconcile_arrived(const SkuLocation &key, const StockRow &stock, core::Quantity on_hand,
                       const std::vector<Arrival> &arrivals, ArrivalScope scope);

// Cancel open lines of the locked key, releasing their reservations, with an
// event of the given kind ("cancelled" or "expired"). Returns how many
// closed. The caller reconciles afterwards.
std::size_t close_lines(const SkuLocation &key, const std::vector<std::int64_t> &line_ids,
                        const char *event_kind);

void write_events(const SkuLocation &key, const std::vector<EventRow> &events);
void write_ledger(const SkuLocation &key, const std::vector<LedgerRow> &rows);
void write_stock(const SkuLocation &key, const StockRow &stock);

}  // namespace backorder::pg
