// Planning one sku at one location: who holds stock, who waits, and until when.
#include "core/plan.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "core/error.hpp"
#include "core/message.hpp"
#include "core/pure.hpp"

namespace backorder::core {

namespace {

constexpr std::size_t kPollInterval = 4096;

// A line while it is planned: the stored row and what it becomes.
struct Work {
    const OpenLine *line;
    Quantity allocated;
    LineStatus status;
    std::optional<Day> promised;
};

// The available stock (on_hand - reserved) split by where it came from: the
// stock that predates this statement's receipts, then each receipt. Reserved
// units sit at the bottom of on_hand and receipts at the top, so each part is
// the overlap of its slice of on_hand with the unreserved slice.
class StockLayers {
public:
    StockLayers(Quantity on_hand, Quantity reserved, const std::vector<StockReceipt> &receipts)
    {
        Quantity received = 0;
        for (const StockReceipt &receipt : receipts) received = add_checked(received, receipt.qty);

        // Stock from before the receipts; below zero if some left in the same statement.
        Quantity bottom = on_hand - received;
        layers_.push_back(Layer{std::nullopt, std::max<Quantity>(0, bottom - reserved)});
        for (const StockReceipt &receipt : receipts) {
            Quantity top = bottom + receipt.qty;
            layers_.push_back(Layer{receipt.receipt_id, top - std::clamp(reserved, bottom, top)});
            bottom = top;
        }
        for (const Layer &layer : layers_) left_ += layer.qty;
    }

    Quantity left() const { return left_; }

    // Take up to wanted, oldest layer first, reporting each piece taken.
    template <typename Take>
    Quantity take(Quantity wanted, Take &&on_piece)
    {
        Quantity taken = 0;
        while (taken < wanted && next_ < layers_.size()) {
            Layer &layer = layers_[next_];
            Quantity piece = std::min(wanted - taken, layer.qty);
            if (piece > 0) on_piece(piece, layer.receipt_id);
            layer.qty -= piece;
            taken += piece;
            if (layer.qty == 0) ++next_;
        }
        left_ -= taken;
        return taken;
    }

private:
    struct Layer {
        std::optional<std::int64_t> receipt_id;
        Quantity qty;
    };

    std::vector<Layer> layers_;
    std::size_t next_ = 0;
    Quantity left_ = 0;
};

std::string line_name(std::int64_t line_id) { return "line " + std::to_string(line_id); }

// Reject input that no stored state can produce, or that a statement may not cause.
void check_input(const PlanInput &input)
{
    if (input.on_hand < 0)
        throw Error(ErrorKind::RuleViolated, "on hand cannot fall below zero",
                    "On hand would be " + quoted_qty(input.on_hand) + ".");
    for (const OpenLine &line : input.lines) {
        std::string name = line_name(line.rank.line_id);
        if (line.qty <= 0)
            throw Error(ErrorKind::InvalidArgument,
                        "quantity " + quoted_qty(line.qty) + " of " + name + " is not positive");
        if (line.shipped < 0)
            throw Error(ErrorKind::InvalidArgument, "shipped quantity " + quoted_qty(line.shipped) +
                                                        " of " + name + " is negative");
        if (line.allocated < 0)
            throw Error(ErrorKind::InvalidArgument, "reservation " + quoted_qty(line.allocated) +
                                                        " of " + name + " is negative");
        if (line.shipped > line.qty)
            throw Error(ErrorKind::RuleViolated,
                        "quantity " + quoted_qty(line.qty) + " of " + name +
                            " is below its shipped quantity " + quoted_qty(line.shipped),
                        "A line's quantity cannot be lowered below what has shipped.");
    }
    if (input.waiting_ahead < 0)
        throw Error(ErrorKind::InvalidArgument,
                    "waiting quantity ahead " + quoted_qty(input.waiting_ahead) + " is negative");
    for (const StockReceipt &receipt : input.receipts)
        if (receipt.qty <= 0)
            throw Error(ErrorKind::InvalidArgument,
                        "quantity " + quoted_qty(receipt.qty) + " of receipt " +
                            std::to_string(receipt.receipt_id) + " is not positive");
}

// Append an event; the caller sets the fields that only some kinds carry.
Event &add_event(Plan &plan, EventKind kind, std::int64_t line_id, Quantity qty)
{
    Event &event = plan.events.emplace_back();
    event.kind = kind;
    event.line_id = line_id;
    event.qty = qty;
    return event;
}

// Release part of a line's reservation, with its event and ledger entry.
void release(Plan &plan, Work &work, Quantity qty)
{
    std::int64_t line_id = work.line->rank.line_id;
    work.allocated -= qty;
    add_event(plan, EventKind::Deallocated, line_id, qty);
    plan.ledger.push_back(LedgerEntry{line_id, -qty, std::nullopt});
}

// The promise of a line that is fully reserved after this plan. One that was
// reserved before keeps its promise, moved to a later requested date; a promise
// later than what it gets when newly reserved cannot come from an earlier
// reservation (its qty was lowered onto what it holds), so it is renewed.
Day reserved_promise(const OpenLine &line, bool reserved_now, Day today)
{
    Day fresh = std::max(line.rank.requested_date, today);
    if (reserved_now || !line.promised_date || *line.promised_date > fresh) return fresh;
    return std::max(*line.promised_date, line.rank.requested_date);
}

}  // namespace

std::string_view event_name(EventKind kind)
{
    switch (kind) {
        case EventKind::Allocated:
            return "allocated";
        case EventKind::Ready:
            return "ready";
        case EventKind::Backordered:
            return "backordered";
        case EventKind::PromiseChanged:
            return "promise_changed";
        case EventKind::Stockout:
            return "stockout";
        case EventKind::Deallocated:
            return "deallocated";
    }
    throw Error(ErrorKind::Internal,
                "unknown event kind " + std::to_string(static_cast<int>(kind)));
}

Plan plan(const PlanInput &input, const std::function<void()> &poll)
{
    check_input(input);
    const Rule rule = input.item.rule;

    std::vector<Work> queue;
    queue.reserve(input.lines.size());
    for (const OpenLine &line : input.lines)
        queue.push_back(Work{&line, line.allocated, LineStatus::Backordered, line.promised_date});
    std::sort(queue.begin(), queue.end(), [rule](const Work &a, const Work &b) {
        return ranks_before(rule, a.line->rank, b.line->rank);
    });

    Plan plan;

    // Step 1: release what a lowered qty no longer needs.
    for (Work &work : queue) {
        Quantity open = work.line->qty - work.line->shipped;
        if (work.allocated > open) release(plan, work, work.allocated - open);
    }

    // Step 2: give back stock that is no longer on hand, lowest rank first.
    Quantity reserved = 0;
    for (const Work &work : queue) reserved = add_checked(reserved, work.allocated);
    for (auto it = queue.rbegin(); reserved > input.on_hand && it != queue.rend(); ++it) {
        Quantity give_back = std::min(it->allocated, reserved - input.on_hand);
        if (give_back > 0) {
            release(plan, *it, give_back);
            reserved -= give_back;
        }
    }

    // Step 3: serve the queue from stock, then from the supply timeline.
    StockLayers stock(input.on_hand, reserved, input.receipts);
    SupplyTimeline timeline(0, input.supplies, input.today, input.item.lead_time_days);
    timeline.consume_until(input.waiting_ahead);
    std::size_t walked = 0;
    for (Work &work : queue) {
        if (poll && ++walked % kPollInterval == 0) poll();

        const OpenLine &line = *work.line;
        std::int64_t line_id = line.rank.line_id;
        Quantity waiting = line.qty - line.shipped - work.allocated;
        bool stockout = line.is_new && !input.item.backorderable && waiting > stock.left();

        Quantity took = 0;
        if (waiting > 0 && !stockout) {
            took = stock.take(waiting, [&](Quantity piece, std::optional<std::int64_t> receipt) {
                add_event(plan, EventKind::Allocated, line_id, piece).receipt_id = receipt;
                plan.ledger.push_back(LedgerEntry{line_id, piece, receipt});
            });
            work.allocated += took;
            waiting -= took;
        }

        if (took > 0 && !line.ship_complete)
            add_event(plan, EventKind::Ready, line_id, took);
        else if (took > 0 && waiting == 0)
            add_event(plan, EventKind::Ready, line_id, work.allocated);

        if (stockout) {
            work.status = LineStatus::Stockout;
            work.promised.reset();
            add_event(plan, EventKind::Stockout, line_id, waiting);
        } else if (line.shipped == line.qty) {
            work.status = LineStatus::Shipped;
        } else {
            work.status = status_of(line.qty, work.allocated, line.shipped);
            if (waiting > 0)
                work.promised = std::max(timeline.consume_until(waiting), line.rank.requested_date);
            else
                work.promised = reserved_promise(line, took > 0, input.today);

            if (line.is_new && waiting > 0) {
                add_event(plan, EventKind::Backordered, line_id, waiting).new_date = work.promised;
            } else if (!line.is_new && work.promised != line.promised_date) {
                Event &event = add_event(plan, EventKind::PromiseChanged, line_id, 0);
                event.old_date = line.promised_date;
                event.new_date = work.promised;
            }
            plan.allocated = add_checked(plan.allocated, work.allocated);
            plan.backordered = add_checked(plan.backordered, waiting);
        }

        // Stored lines are open, so a line leaving the open statuses always changes.
        LineStatus stored = line.status.value_or(status_of(line.qty, line.allocated, line.shipped));
        bool status_changed = !is_open(work.status) || work.status != stored;
        if (line.is_new || status_changed || work.allocated != line.allocated ||
            work.promised != line.promised_date)
            plan.updates.push_back(LineUpdate{line_id, work.allocated, work.status, work.promised});
    }
    return plan;
}

}  // namespace backorder::core

namespace backorder::core {

bool receipts_take_timeline_front(const std::vector<OpenSupply> &supplies,
                                  const std::vector<SupplyReceipt> &receipts, Day today)
{
    std::map<std::int64_t, Quantity> received;
    for (const SupplyReceipt &receipt : receipts) {
        if (!receipt.supply_id) return false;
        received[*receipt.supply_id] = add_checked(received[*receipt.supply_id], receipt.qty);
    }
    std::vector<const OpenSupply *> timeline;
    for (const OpenSupply &supply : supplies)
        if (supply.open_qty > 0) timeline.push_back(&supply);
    std::sort(timeline.begin(), timeline.end(), [today](const OpenSupply *a, const OpenSupply *b) {
        return std::make_pair(std::max(a->expected_date, today), a->supply_id) <
               std::make_pair(std::max(b->expected_date, today), b->supply_id);
    });
    // Whole supply lines from the front, then at most part of one, then none.
    bool partial_seen = false;
    std::size_t matched = 0;
    for (const OpenSupply *supply : timeline) {
        auto it = received.find(supply->supply_id);
        Quantity qty = it == received.end() ? 0 : it->second;
        if (qty > supply->open_qty) return false;
        if (qty > 0 && partial_seen) return false;
        if (qty < supply->open_qty) partial_seen = true;
        if (qty > 0) ++matched;
    }
    // A receipt against supply that is not open (or of another key) counts as extra stock.
    return matched == received.size();
}

bool extra_stock_keeps_promises(const std::vector<OpenSupply> &supplies, Quantity waiting,
                                Day today)
{
    std::optional<Day> first;
    for (const OpenSupply &supply : supplies)
        if (supply.open_qty > 0) {
            Day day = std::max(supply.expected_date, today);
            if (!first || day < *first) first = day;
        }
    if (!first) return true;
    Quantity covered = 0;
    for (const OpenSupply &supply : supplies)
        if (supply.open_qty > 0 && std::max(supply.expected_date, today) == *first)
            covered = add_checked(covered, supply.open_qty);
    return covered >= waiting;
}

}  // namespace backorder::core
