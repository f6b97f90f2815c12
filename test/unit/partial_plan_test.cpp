// Unit tests of planning part of a queue: the tail of new lines, and the
// head a receipt reaches, against plan() of the whole queue.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "core/plan.hpp"
#include "support.hpp"

namespace backorder::test {
namespace {

using core::Event;
using core::LedgerEntry;
using core::LineStatus;
using core::LineUpdate;
using core::OpenLine;
using core::OpenSupply;
using core::Plan;
using core::PlanInput;
using core::Rule;
using core::StockReceipt;
using core::SupplyReceipt;

const Day kToday = D("2024-03-01");

bool same_events(const std::vector<Event> &a, const std::vector<Event> &b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Event &x, const Event &y) {
        return x.kind == y.kind && x.line_id == y.line_id && x.qty == y.qty &&
               x.receipt_id == y.receipt_id && x.old_date == y.old_date && x.new_date == y.new_date;
    });
}

bool same_ledger(const std::vector<LedgerEntry> &a, const std::vector<LedgerEntry> &b)
{
    return std::equal(
        a.begin(), a.end(), b.begin(), b.end(), [](const LedgerEntry &x, const LedgerEntry &y) {
            return x.line_id == y.line_id && x.qty == y.qty && x.receipt_id == y.receipt_id;
        });
}

bool same_updates(const std::vector<LineUpdate> &a, const std::vector<LineUpdate> &b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const LineUpdate &x, const LineUpdate &y) {
                          return x.line_id == y.line_id && x.allocated == y.allocated &&
                                 x.status == y.status && x.promised_date == y.promised_date;
                      });
}

Quantity waiting_of(const OpenLine &line) { return line.qty - line.shipped - line.allocated; }

bool is_waiting(const OpenLine &line)
{
    return line.status == LineStatus::Partial || line.status == LineStatus::Backordered;
}

// A stored queue: the lines, stock and supply of one sku as plan() left them.
struct Queue {
    PlanInput input;
    std::int64_t next_id = 1;

    Quantity reserved() const
    {
        Quantity sum = 0;
        for (const OpenLine &line : input.lines) sum += line.allocated;
        return sum;
    }
    Quantity waiting() const
    {
        Quantity sum = 0;
        for (const OpenLine &line : input.lines)
            if (is_waiting(line)) sum += waiting_of(line);
        return sum;
    }
    // Store what a plan decided, as the glue does; closed lines leave the queue.
    void apply(const Plan &plan)
    {
        for (const LineUpdate &u : plan.updates) {
            for (OpenLine &line : input.lines) {
                if (line.rank.line_id != u.line_id) continue;
                line.allocated = u.allocated;
                line.status = u.status;
                line.promised_date = u.promised_date;
                line.is_new = false;
            }
        }
        input.lines.erase(
            std::remove_if(input.lines.begin(), input.lines.end(),
                           [](const OpenLine &line) { return !core::is_open(*line.status); }),
            input.lines.end());
        input.receipts.clear();
    }
};

class PartialPlanTest : public ::testing::TestWithParam<int> {
protected:
    std::mt19937 random{static_cast<unsigned>(GetParam())};

    int pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random); }

    OpenLine make_line(Queue &queue, int min_priority, int max_priority)
    {
        OpenLine line;
        line.rank.line_id = queue.next_id++;
        line.rank.priority = pick(min_priority, max_priority);
        line.rank.requested_date = kToday + pick(0, 20);
        if (pick(0, 2) == 0) line.rank.cancel_after = line.rank.requested_date + pick(0, 30);
        line.rank.created_at = line.rank.line_id * 1000;
        line.qty = pick(1, 6) * core::kUnit / (pick(0, 3) == 0 ? 4 : 1);
        line.ship_complete = pick(0, 4) == 0;
        line.status = LineStatus::Backordered;
        line.is_new = true;
        return line;
    }

    // A queue built as order entry builds it: one statement per line.
    Queue make_queue()
    {
        Queue queue;
        PlanInput &in = queue.input;
        in.today = kToday;
        in.item.rule = static_cast<Rule>(pick(0, 2));
        in.item.lead_time_days = pick(0, 40);
        in.on_hand = pick(0, 12) * core::kUnit;
        for (int i = pick(0, 5); i > 0; --i)
            in.supplies.push_back(
                OpenSupply{i, kToday + pick(-5, 30), pick(1, 10) * core::kUnit / (pick(0, 1) + 1)});
        for (int n = pick(1, 25); n > 0; --n) {
            in.lines.push_back(make_line(queue, 1, 3));
            queue.apply(core::plan(in));
        }
        return queue;
    }
};

// A stored queue planned again the same day changes nothing.
TEST_P(PartialPlanTest, StoredQueueIsItsOwnPlan)
{
    Queue queue = make_queue();
    Plan again = core::plan(queue.input);
    EXPECT_TRUE(again.updates.empty());
    EXPECT_TRUE(again.events.empty());
    EXPECT_TRUE(again.ledger.empty());
}

// Lines entered behind every waiting line: planned alone, behind the stored
// waiting quantity, they get what the plan of the whole queue gives them.
TEST_P(PartialPlanTest, TailOfNewLinesMatchesTheWholeQueue)
{
    Queue queue = make_queue();
    const Rule rule = queue.input.item.rule;
    std::vector<OpenLine> entered;
    for (int n = pick(1, 4); n > 0; --n) entered.push_back(make_line(queue, 3, 4));

    // Where a new line would rank ahead of a waiting one, a larger priority
    // puts it behind them all.
    std::int32_t lowest = 0;
    for (const OpenLine &line : queue.input.lines) lowest = std::max(lowest, line.rank.priority);
    for (OpenLine &added : entered) {
        for (const OpenLine &line : queue.input.lines)
            if (is_waiting(line) && core::ranks_before(rule, added.rank, line.rank))
                added.rank.priority = lowest + 1;
    }

    PlanInput whole = queue.input;
    whole.lines.insert(whole.lines.end(), entered.begin(), entered.end());
    Plan expected = core::plan(whole);

    PlanInput tail = queue.input;
    tail.lines = entered;
    tail.on_hand = queue.input.on_hand - queue.reserved();
    tail.waiting_ahead = queue.waiting();
    Plan got = core::plan(tail);

    EXPECT_TRUE(same_updates(got.updates, expected.updates));
    EXPECT_TRUE(same_events(got.events, expected.events));
    EXPECT_TRUE(same_ledger(got.ledger, expected.ledger));
    EXPECT_EQ(queue.reserved() + got.allocated, expected.allocated);
    EXPECT_EQ(queue.waiting() + got.backordered, expected.backordered);
}

// Lines entered anywhere in the queue: planned with the waiting lines that
// rank behind the first of them, on what every other line leaves and behind
// what the waiting lines ahead claim, they and those lines get what the plan
// of the whole queue gives them, and no other line changes.
TEST_P(PartialPlanTest, NewLinesAheadOfWaitingMatchTheWholeQueue)
{
    Queue queue = make_queue();
    const Rule rule = queue.input.item.rule;
    std::vector<OpenLine> entered;
    for (int n = pick(1, 4); n > 0; --n) entered.push_back(make_line(queue, 1, 3));
    const OpenLine &first = *std::min_element(entered.begin(), entered.end(),
                                              [rule](const OpenLine &a, const OpenLine &b) {
                                                  return core::ranks_before(rule, a.rank, b.rank);
                                              });

    PlanInput whole = queue.input;
    whole.lines.insert(whole.lines.end(), entered.begin(), entered.end());
    Plan expected = core::plan(whole);

    PlanInput part = queue.input;
    part.lines = entered;
    Quantity held_behind = 0, waiting_behind = 0;
    for (const OpenLine &line : queue.input.lines) {
        if (!is_waiting(line) || !core::ranks_before(rule, first.rank, line.rank)) continue;
        part.lines.push_back(line);
        held_behind += line.allocated;
        waiting_behind += waiting_of(line);
    }
    part.on_hand = queue.input.on_hand - (queue.reserved() - held_behind);
    part.waiting_ahead = queue.waiting() - waiting_behind;
    Plan got = core::plan(part);

    EXPECT_TRUE(same_updates(got.updates, expected.updates));
    EXPECT_TRUE(same_events(got.events, expected.events));
    EXPECT_TRUE(same_ledger(got.ledger, expected.ledger));
    EXPECT_EQ(queue.reserved() - held_behind + got.allocated, expected.allocated);
    EXPECT_EQ(queue.waiting() - waiting_behind + got.backordered, expected.backordered);
}

// Receipts that take the front of the supply timeline: the waiting lines the
// stock reaches, planned alone, get what the plan of the whole queue gives
// them, and it changes no other line.
TEST_P(PartialPlanTest, HeadReachedByReceiptsMatchesTheWholeQueue)
{
    Queue queue = make_queue();
    PlanInput &in = queue.input;
    std::vector<OpenSupply> timeline = in.supplies;
    std::sort(timeline.begin(), timeline.end(), [](const OpenSupply &a, const OpenSupply &b) {
        return std::make_pair(std::max(a.expected_date, kToday), a.supply_id) <
               std::make_pair(std::max(b.expected_date, kToday), b.supply_id);
    });
    if (timeline.empty()) {
        EXPECT_FALSE(core::receipts_take_timeline_front(in.supplies, {{1, Q("1")}}, kToday));
        return;
    }

    // Receive whole supply lines from the front, then part of one, in one or two receipts.
    std::vector<SupplyReceipt> received;
    std::size_t whole_lines = static_cast<std::size_t>(pick(0, static_cast<int>(timeline.size())));
    for (std::size_t i = 0; i < whole_lines; ++i)
        received.push_back(SupplyReceipt{timeline[i].supply_id, timeline[i].open_qty});
    if (whole_lines < timeline.size()) {
        Quantity part = timeline[whole_lines].open_qty * pick(1, 3) / 4;
        received.push_back(SupplyReceipt{timeline[whole_lines].supply_id, part});
    }
    ASSERT_TRUE(core::receipts_take_timeline_front(in.supplies, received, kToday));

    std::vector<StockReceipt> receipts;
    std::vector<OpenSupply> after = in.supplies;
    Quantity total = 0;
    for (std::size_t i = 0; i < received.size(); ++i) {
        receipts.push_back(StockReceipt{static_cast<std::int64_t>(100 + i), received[i].qty});
        total += received[i].qty;
        for (OpenSupply &supply : after)
            if (supply.supply_id == *received[i].supply_id) supply.open_qty -= received[i].qty;
    }

    PlanInput whole = in;
    whole.on_hand = in.on_hand + total;
    whole.receipts = receipts;
    whole.supplies = after;
    Plan expected = core::plan(whole);

    // The head: waiting lines in rank order until their waiting quantity
    // reaches past the available stock.
    std::vector<OpenLine> waiting;
    for (const OpenLine &line : in.lines)
        if (is_waiting(line)) waiting.push_back(line);
    std::sort(waiting.begin(), waiting.end(), [&](const OpenLine &a, const OpenLine &b) {
        return core::ranks_before(in.item.rule, a.rank, b.rank);
    });
    Quantity available = whole.on_hand - queue.reserved();
    Quantity head_reserved = 0, head_waiting = 0;
    PlanInput head = whole;
    head.lines.clear();
    for (const OpenLine &line : waiting) {
        if (head_waiting >= available) break;
        head.lines.push_back(line);
        head_reserved += line.allocated;
        head_waiting += waiting_of(line);
    }
    head.on_hand = whole.on_hand - (queue.reserved() - head_reserved);
    Plan got = core::plan(head);

    EXPECT_TRUE(same_updates(got.updates, expected.updates));
    EXPECT_TRUE(same_events(got.events, expected.events));
    EXPECT_TRUE(same_ledger(got.ledger, expected.ledger));
    EXPECT_EQ(queue.reserved() - head_reserved + got.allocated, expected.allocated);
    EXPECT_EQ(queue.waiting() - head_waiting + got.backordered, expected.backordered);
}

// Any receipts: the waiting lines planned alone, with on_hand less what the
// reserved lines hold, get what the plan of the whole queue gives them; the
// reserved lines neither take stock nor change.
TEST_P(PartialPlanTest, WaitingLinesMatchTheWholeQueueOnAnyReceipt)
{
    Queue queue = make_queue();
    PlanInput &in = queue.input;
    std::vector<StockReceipt> receipts;
    Quantity total = 0;
    for (int n = pick(1, 3); n > 0; --n) {
        receipts.push_back(StockReceipt{100 + n, pick(1, 8) * core::kUnit / (pick(0, 1) + 1)});
        total += receipts.back().qty;
    }
    PlanInput whole = in;
    whole.on_hand = in.on_hand + total;
    whole.receipts = receipts;
    for (OpenSupply &supply : whole.supplies)
        if (pick(0, 2) == 0) supply.open_qty -= supply.open_qty / 2;
    Plan expected = core::plan(whole);

    PlanInput waiting = whole;
    waiting.lines.clear();
    Quantity held_elsewhere = 0, waiting_before = 0;
    for (const OpenLine &line : in.lines) {
        if (is_waiting(line)) {
            waiting.lines.push_back(line);
            waiting_before += waiting_of(line);
        } else {
            held_elsewhere += line.allocated;
        }
    }
    waiting.on_hand = whole.on_hand - held_elsewhere;
    Plan got = core::plan(waiting);

    EXPECT_TRUE(same_updates(got.updates, expected.updates));
    EXPECT_TRUE(same_events(got.events, expected.events));
    EXPECT_TRUE(same_ledger(got.ledger, expected.ledger));
    EXPECT_EQ(held_elsewhere + got.allocated, expected.allocated);
    EXPECT_EQ(queue.waiting() - waiting_before + got.backordered, expected.backordered);
}

// Stock without supply while every waiting unit is covered on one day: the
// head it reaches, planned alone, matches the plan of the whole queue.
TEST_P(PartialPlanTest, HeadReachedByExtraStockMatchesTheWholeQueue)
{
    Queue queue = make_queue();
    PlanInput &in = queue.input;
    std::vector<StockReceipt> receipts{{100, pick(1, 12) * core::kUnit / (pick(0, 1) + 1)}};
    if (!core::extra_stock_keeps_promises(in.supplies, queue.waiting(), kToday)) {
        // A promise may move: the whole queue's plan says so for some line,
        // or the queue happens to keep them all; either way nothing to check.
        EXPECT_GT(queue.waiting(), 0);
        return;
    }
    PlanInput whole = in;
    whole.on_hand = in.on_hand + receipts[0].qty;
    whole.receipts = receipts;
    Plan expected = core::plan(whole);

    std::vector<OpenLine> waiting;
    for (const OpenLine &line : in.lines)
        if (is_waiting(line)) waiting.push_back(line);
    std::sort(waiting.begin(), waiting.end(), [&](const OpenLine &a, const OpenLine &b) {
        return core::ranks_before(in.item.rule, a.rank, b.rank);
    });
    Quantity available = whole.on_hand - queue.reserved();
    Quantity head_reserved = 0, head_waiting = 0;
    PlanInput head = whole;
    head.lines.clear();
    for (const OpenLine &line : waiting) {
        if (head_waiting >= available) break;
        head.lines.push_back(line);
        head_reserved += line.allocated;
        head_waiting += waiting_of(line);
    }
    head.on_hand = whole.on_hand - (queue.reserved() - head_reserved);
    Plan got = core::plan(head);

    EXPECT_TRUE(same_updates(got.updates, expected.updates));
    EXPECT_TRUE(same_events(got.events, expected.events));
    EXPECT_TRUE(same_ledger(got.ledger, expected.ledger));
    EXPECT_EQ(queue.reserved() - head_reserved + got.allocated, expected.allocated);
    EXPECT_EQ(queue.waiting() - head_waiting + got.backordered, expected.backordered);
}

INSTANTIATE_TEST_SUITE_P(RandomQueues, PartialPlanTest, ::testing::Range(1, 301));

TEST(ExtraStockKeepsPromises, NeedsEveryWaitingUnitCoveredOnOneDay)
{
    std::vector<OpenSupply> supplies{{1, kToday + 10, Q("5")},
                                     {2, kToday + 3, Q("4")},
                                     {3, kToday + 3, Q("2")},
                                     {4, kToday - 2, Q("0")}};
    EXPECT_TRUE(core::extra_stock_keeps_promises(supplies, Q("6"), kToday));
    EXPECT_FALSE(core::extra_stock_keeps_promises(supplies, Q("6.5"), kToday));
    EXPECT_TRUE(core::extra_stock_keeps_promises({}, Q("100"), kToday));
    // Overdue supply counts as arriving today, with today's supply.
    EXPECT_TRUE(core::extra_stock_keeps_promises({{1, kToday - 4, Q("2")}, {2, kToday, Q("1")}},
                                                 Q("3"), kToday));
}

TEST(ReceiptsTakeTimelineFront, AcceptsWholeLinesThenPartOfOne)
{
    std::vector<OpenSupply> supplies{
        {1, kToday + 10, Q("5")}, {2, kToday + 3, Q("4")}, {3, kToday - 2, Q("2")}};
    // Timeline order: 3 (overdue, so today), 2, 1.
    EXPECT_TRUE(core::receipts_take_timeline_front(supplies, {{3, Q("1")}}, kToday));
    EXPECT_TRUE(core::receipts_take_timeline_front(supplies, {{3, Q("2")}, {2, Q("1.5")}}, kToday));
    EXPECT_TRUE(core::receipts_take_timeline_front(
        supplies, {{3, Q("1")}, {3, Q("1")}, {2, Q("4")}, {1, Q("5")}}, kToday));
}

TEST(ReceiptsTakeTimelineFront, RefusesAnythingElse)
{
    std::vector<OpenSupply> supplies{{1, kToday + 10, Q("5")}, {2, kToday + 3, Q("4")}};
    // Not the front, beyond the open quantity, a gap, no supply, unknown supply.
    EXPECT_FALSE(core::receipts_take_timeline_front(supplies, {{1, Q("1")}}, kToday));
    EXPECT_FALSE(core::receipts_take_timeline_front(supplies, {{2, Q("5")}}, kToday));
    EXPECT_FALSE(core::receipts_take_timeline_front(supplies, {{2, Q("3")}, {1, Q("1")}}, kToday));
    EXPECT_FALSE(core::receipts_take_timeline_front(supplies, {{std::nullopt, Q("1")}}, kToday));
    EXPECT_FALSE(core::receipts_take_timeline_front(supplies, {{9, Q("1")}}, kToday));
    EXPECT_FALSE(core::receipts_take_timeline_front({}, {{1, Q("1")}}, kToday));
}

TEST(PartialPlan, RefusesNegativeWaitingAhead)
{
    PlanInput input;
    input.waiting_ahead = -1;
    EXPECT_TRUE(Raises([&] { core::plan(input); }, ErrorKind::InvalidArgument,
                       "waiting quantity ahead \"-0.000001\" is negative"));
}

}  // namespace
}  // namespace backorder::test
