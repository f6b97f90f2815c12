// Unit tests of plan(): reservations, promises, events and the ledger.
#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "core/plan.hpp"
#include "support.hpp"

namespace backorder::core {

void PrintTo(const Event &e, std::ostream *out)
{
    auto date = [](const std::optional<Day> &day) {
        return day ? format_iso_date(*day) : std::string("null");
    };
    *out << "{" << event_name(e.kind) << ", line " << e.line_id << ", " << format_quantity(e.qty)
         << ", receipt " << (e.receipt_id ? std::to_string(*e.receipt_id) : "null") << ", "
         << date(e.old_date) << " -> " << date(e.new_date) << "}";
}

bool operator==(const Event &a, const Event &b)
{
    return a.kind == b.kind && a.line_id == b.line_id && a.qty == b.qty &&
           a.receipt_id == b.receipt_id && a.old_date == b.old_date && a.new_date == b.new_date;
}

void PrintTo(const LedgerEntry &e, std::ostream *out)
{
    *out << "{line " << e.line_id << ", " << format_quantity(e.qty) << ", receipt "
         << (e.receipt_id ? std::to_string(*e.receipt_id) : "null") << "}";
}

bool operator==(const LedgerEntry &a, const LedgerEntry &b)
{
    return a.line_id == b.line_id && a.qty == b.qty && a.receipt_id == b.receipt_id;
}

void PrintTo(const LineUpdate &u, std::ostream *out)
{
    *out << "{line " << u.line_id << ", " << format_quantity(u.allocated) << ", "
         << status_name(u.status) << ", "
         << (u.promised_date ? format_iso_date(*u.promised_date) : "null") << "}";
}

bool operator==(const LineUpdate &a, const LineUpdate &b)
{
    return a.line_id == b.line_id && a.allocated == b.allocated && a.status == b.status &&
           a.promised_date == b.promised_date;
}

}  // namespace backorder::core

namespace backorder::test {
namespace {

using core::Event;
using core::event_name;
using core::EventKind;
using core::LedgerEntry;
using core::LineStatus;
using core::LineUpdate;
using core::OpenLine;
using core::OpenSupply;
using core::Plan;
using core::PlanInput;
using core::Rule;
using core::StockReceipt;
using Events = std::vector<Event>;
using Ledger = std::vector<LedgerEntry>;
using Updates = std::vector<LineUpdate>;

const std::optional<std::int64_t> kNoReceipt;

Event event(EventKind kind, std::int64_t line_id, Quantity qty,
            std::optional<std::int64_t> receipt_id = std::nullopt)
{
    Event e;
    e.kind = kind;
    e.line_id = line_id;
    e.qty = qty;
    e.receipt_id = receipt_id;
    return e;
}

Event backordered(std::int64_t line_id, Quantity qty, Day promise)
{
    Event e = event(EventKind::Backordered, line_id, qty);
    e.new_date = promise;
    return e;
}

Event promise_changed(std::int64_t line_id, std::optional<Day> from, Day to)
{
    Event e = event(EventKind::PromiseChanged, line_id, 0);
    e.old_date = from;
    e.new_date = to;
    return e;
}

LineUpdate update(std::int64_t line_id, Quantity allocated, LineStatus status,
                  std::optional<Day> promised)
{
    return LineUpdate{line_id, allocated, status, promised};
}

class PlanTest : public ::testing::Test {
protected:
    const Day t = D("2024-03-01");
    PlanInput input;

    PlanTest()
    {
        input.today = t;
        input.item.lead_time_days = 14;
    }

    // Add an existing line entered in id order, requested today.
    OpenLine &line(std::int64_t id, std::string_view qty, std::string_view allocated = "0",
                   std::optional<Day> promised = std::nullopt)
    {
        OpenLine &l = input.lines.emplace_back();
        l.rank.line_id = id;
        l.rank.requested_date = t;
        l.rank.created_at = id * 1000;
        l.qty = Q(qty);
        l.allocated = Q(allocated);
        l.promised_date = promised;
        return l;
    }

    // Add a line entered by the statement being planned.
    OpenLine &new_line(std::int64_t id, std::string_view qty)
    {
        OpenLine &l = line(id, qty);
        l.is_new = true;
        return l;
    }
};

TEST_F(PlanTest, AttributesAllocationsAcrossTwoReceipts)
{
    input.on_hand = Q("10");
    input.receipts = {{101, Q("4")}, {102, Q("6")}};
    line(3, "4", "0", t + 14);
    line(1, "3", "0", t + 14);
    line(2, "5", "0", t + 14);

    Plan p = core::plan(input);
    EXPECT_EQ(p.events, (Events{
                            event(EventKind::Allocated, 1, Q("3"), 101),
                            event(EventKind::Ready, 1, Q("3")),
                            promise_changed(1, t + 14, t),
                            event(EventKind::Allocated, 2, Q("1"), 101),
                            event(EventKind::Allocated, 2, Q("4"), 102),
                            event(EventKind::Ready, 2, Q("5")),
                            promise_changed(2, t + 14, t),
                            event(EventKind::Allocated, 3, Q("2"), 102),
                            event(EventKind::Ready, 3, Q("2")),
                        }));
    EXPECT_EQ(p.ledger,
              (Ledger{{1, Q("3"), 101}, {2, Q("1"), 101}, {2, Q("4"), 102}, {3, Q("2"), 102}}));
    EXPECT_EQ(p.updates, (Updates{update(1, Q("3"), LineStatus::Allocated, t),
                                  update(2, Q("5"), LineStatus::Allocated, t),
                                  update(3, Q("2"), LineStatus::Partial, t + 14)}));
    EXPECT_EQ(p.allocated, Q("10"));
    EXPECT_EQ(p.backordered, Q("2"));
}

TEST_F(PlanTest, TakesStockThatPredatesTheReceiptsFirst)
{
    // 12 on hand: 7 from before (3 of it reserved), then receipt 55 of 5.
    input.on_hand = Q("12");
    input.receipts = {{55, Q("5")}};
    line(1, "3", "3", t);
    line(2, "6", "0", t + 14);

    Plan p = core::plan(input);
    EXPECT_EQ(p.ledger, (Ledger{{2, Q("4"), kNoReceipt}, {2, Q("2"), 55}}));
    EXPECT_EQ(p.updates, (Updates{update(2, Q("6"), LineStatus::Allocated, t)}));
    EXPECT_EQ(p.allocated, Q("9"));
    EXPECT_EQ(p.backordered, 0);
}

TEST_F(PlanTest, AttributesToReceiptsWhenOlderStockIsGone)
{
    // Receipts of 4 and 3 but only 5 on hand: 2 units left in the same statement,
    // so the 1 reserved and the 4 available all lie within the receipts.
    input.on_hand = Q("5");
    input.receipts = {{1, Q("4")}, {2, Q("3")}};
    line(1, "1", "1", t);
    line(2, "9", "0", t + 14);

    Plan p = core::plan(input);
    EXPECT_EQ(p.ledger, (Ledger{{2, Q("1"), 1}, {2, Q("3"), 2}}));
}

TEST_F(PlanTest, AllocatesFractionalQuantities)
{
    input.on_hand = Q("0.75");
    line(1, "0.25", "0", t + 14);
    line(2, "0.5", "0", t + 14);
    line(3, "0.3", "0", t + 14);

    Plan p = core::plan(input);
    EXPECT_EQ(p.ledger, (Ledger{{1, Q("0.25"), kNoReceipt}, {2, Q("0.5"), kNoReceipt}}));
    EXPECT_EQ(p.updates, (Updates{update(1, Q("0.25"), LineStatus::Allocated, t),
                                  update(2, Q("0.5"), LineStatus::Allocated, t)}));
    EXPECT_EQ(p.allocated, 750'000);
    EXPECT_EQ(p.backordered, 300'000);
}

TEST_F(PlanTest, ShipCompleteLineIsReadyOnceWhenComplete)
{
    input.on_hand = Q("5");
    line(1, "8", "0", t + 14).ship_complete = true;
    line(2, "2", "0", t + 14);

    Plan first = core::plan(input);
    EXPECT_EQ(first.events, (Events{event(EventKind::Allocated, 1, Q("5"))}));
    EXPECT_EQ(first.updates, (Updates{update(1, Q("5"), LineStatus::Partial, t + 14)}));

    input.lines[0].allocated = Q("5");
    input.on_hand = Q("8");
    input.receipts = {{200, Q("3")}};
    Plan second = core::plan(input);
    EXPECT_EQ(second.events,
              (Events{event(EventKind::Allocated, 1, Q("3"), 200),
                      event(EventKind::Ready, 1, Q("8")), promise_changed(1, t + 14, t)}));
    EXPECT_EQ(second.updates, (Updates{update(1, Q("8"), LineStatus::Allocated, t)}));
}

TEST_F(PlanTest, ShipCompleteLineServedAtOnceIsReadyWhole)
{
    input.on_hand = Q("4");
    new_line(1, "4").ship_complete = true;

    Plan p = core::plan(input);
    EXPECT_EQ(p.events,
              (Events{event(EventKind::Allocated, 1, Q("4")), event(EventKind::Ready, 1, Q("4"))}));
    EXPECT_EQ(p.updates, (Updates{update(1, Q("4"), LineStatus::Allocated, t)}));
}

TEST_F(PlanTest, DueDateRuleServesEarliestRequestFirst)
{
    input.item.rule = Rule::DueDate;
    input.on_hand = Q("3");
    line(1, "2").rank.requested_date = t + 9;
    line(2, "2").rank.requested_date = t + 2;
    line(3, "2").rank.requested_date = t + 5;

    Plan p = core::plan(input);
    EXPECT_EQ(p.updates, (Updates{update(2, Q("2"), LineStatus::Allocated, t + 2),
                                  update(3, Q("1"), LineStatus::Partial, t + 14),
                                  update(1, 0, LineStatus::Backordered, t + 14)}));
}

TEST_F(PlanTest, WindowRuleServesLinesWithoutCancelAfterLast)
{
    input.item.rule = Rule::Window;
    input.on_hand = Q("2");
    line(1, "1").rank.cancel_after = t + 20;
    line(2, "1").rank.requested_date = t - 1;
    line(3, "1").rank.cancel_after = t + 10;

    Plan p = core::plan(input);
    EXPECT_EQ(p.ledger, (Ledger{{3, Q("1"), kNoReceipt}, {1, Q("1"), kNoReceipt}}));
    EXPECT_EQ(p.updates, (Updates{update(3, Q("1"), LineStatus::Allocated, t),
                                  update(1, Q("1"), LineStatus::Allocated, t),
                                  update(2, 0, LineStatus::Backordered, t + 14)}));
}

TEST_F(PlanTest, ReleasesLowestRankedReservationsWhenStockFalls)
{
    input.on_hand = Q("4");
    input.supplies = {{9, t + 5, Q("10")}};
    line(1, "3", "3", t);
    line(2, "2", "2", t);
    line(3, "2", "2", t);

    Plan p = core::plan(input);
    EXPECT_EQ(p.events, (Events{event(EventKind::Deallocated, 3, Q("2")),
                                event(EventKind::Deallocated, 2, Q("1")),
                                promise_changed(2, t, t + 5), promise_changed(3, t, t + 5)}));
    EXPECT_EQ(p.ledger, (Ledger{{3, Q("-2"), kNoReceipt}, {2, Q("-1"), kNoReceipt}}));
    EXPECT_EQ(p.updates, (Updates{update(2, Q("1"), LineStatus::Partial, t + 5),
                                  update(3, 0, LineStatus::Backordered, t + 5)}));
    EXPECT_EQ(p.allocated, Q("4"));
    EXPECT_EQ(p.backordered, Q("3"));
}

TEST_F(PlanTest, ReleasesTheExcessOfALoweredQuantity)
{
    input.on_hand = Q("8");
    line(1, "5", "8", t - 2).rank.requested_date = t - 2;
    line(2, "3", "0", t + 14);

    Plan p = core::plan(input);
    EXPECT_EQ(
        p.events,
        (Events{event(EventKind::Deallocated, 1, Q("3")), event(EventKind::Allocated, 2, Q("3")),
                event(EventKind::Ready, 2, Q("3")), promise_changed(2, t + 14, t)}));
    EXPECT_EQ(p.ledger, (Ledger{{1, Q("-3"), kNoReceipt}, {2, Q("3"), kNoReceipt}}));
    EXPECT_EQ(p.updates, (Updates{update(1, Q("5"), LineStatus::Allocated, t - 2),
                                  update(2, Q("3"), LineStatus::Allocated, t)}));
}

TEST_F(PlanTest, ShipsALineLoweredToWhatHasShipped)
{
    input.on_hand = Q("2");
    OpenLine &l = line(1, "4", "2", t);
    l.shipped = Q("4");

    Plan p = core::plan(input);
    EXPECT_EQ(p.events, (Events{event(EventKind::Deallocated, 1, Q("2"))}));
    EXPECT_EQ(p.updates, (Updates{update(1, 0, LineStatus::Shipped, t)}));
    EXPECT_EQ(p.allocated, 0);
    EXPECT_EQ(p.backordered, 0);
}

TEST_F(PlanTest, RenewsTheLatePromiseOfALineLoweredOntoItsReservation)
{
    input.on_hand = Q("6");
    line(1, "6", "6", t + 30);  // was 10, promised when supply arrives

    Plan p = core::plan(input);
    EXPECT_EQ(p.events, (Events{promise_changed(1, t + 30, t)}));
    EXPECT_EQ(p.updates, (Updates{update(1, Q("6"), LineStatus::Allocated, t)}));
}

TEST_F(PlanTest, LineReservedNowIsPromisedTodayEvenAfterAnEarlierPromise)
{
    // Promised for overdue supply that has now arrived as stock.
    input.on_hand = Q("4");
    line(1, "4", "0", t - 3).rank.requested_date = t - 5;

    Plan p = core::plan(input);
    EXPECT_EQ(p.events, (Events{event(EventKind::Allocated, 1, Q("4")),
                                event(EventKind::Ready, 1, Q("4")), promise_changed(1, t - 3, t)}));
    EXPECT_EQ(p.updates, (Updates{update(1, Q("4"), LineStatus::Allocated, t)}));
}

TEST_F(PlanTest, StoredStatusCatchesAQuantityChangeAlone)
{
    // qty raised from 5 to 8 on a reserved line whose promise is its requested date.
    input.on_hand = Q("8");
    OpenLine &raised = line(1, "8", "5", t + 30);
    raised.rank.requested_date = t + 30;
    raised.status = LineStatus::Allocated;
    // qty lowered from 9 onto the 3 reserved, the promise again the requested date.
    OpenLine &lowered = line(2, "3", "3", t + 40);
    lowered.rank.requested_date = t + 40;
    lowered.status = LineStatus::Partial;

    Plan p = core::plan(input);
    EXPECT_TRUE(p.events.empty());
    EXPECT_EQ(p.updates, (Updates{update(1, Q("5"), LineStatus::Partial, t + 30),
                                  update(2, Q("3"), LineStatus::Allocated, t + 40)}));

    // Without the stored status the change cannot be seen.
    input.lines[0].status.reset();
    input.lines[1].status.reset();
    EXPECT_TRUE(core::plan(input).updates.empty());
}

TEST_F(PlanTest, ReservedLineKeepsItsPromiseUnlessRequestedLater)
{
    input.on_hand = Q("4");
    line(1, "2", "2", t - 5).rank.requested_date = t - 5;
    line(2, "2", "2", t).rank.requested_date = t + 3;

    Plan p = core::plan(input);
    EXPECT_EQ(p.events, (Events{promise_changed(2, t, t + 3)}));
    EXPECT_EQ(p.updates, (Updates{update(2, Q("2"), LineStatus::Allocated, t + 3)}));
}

TEST_F(PlanTest, UnchangedLinesProduceNothing)
{
    input.on_hand = Q("5");
    input.supplies = {{4, t + 7, Q("10")}};
    line(1, "2", "2", t);
    line(2, "6", "3", t + 7);
    line(3, "1", "0", t + 7);

    Plan p = core::plan(input);
    EXPECT_TRUE(p.events.empty());
    EXPECT_TRUE(p.ledger.empty());
    EXPECT_TRUE(p.updates.empty());
    EXPECT_EQ(p.allocated, Q("5"));
    EXPECT_EQ(p.backordered, Q("4"));
}

TEST_F(PlanTest, NonBackorderableNewLinesStockOutUnlessServedInFull)
{
    input.item.backorderable = false;
    input.on_hand = Q("5");
    line(1, "3", "0", t + 14);
    new_line(2, "4");
    new_line(3, "2");

    Plan p = core::plan(input);
    EXPECT_EQ(p.events,
              (Events{event(EventKind::Allocated, 1, Q("3")), event(EventKind::Ready, 1, Q("3")),
                      promise_changed(1, t + 14, t), event(EventKind::Stockout, 2, Q("4")),
                      event(EventKind::Allocated, 3, Q("2")), event(EventKind::Ready, 3, Q("2"))}));
    EXPECT_EQ(p.updates, (Updates{update(1, Q("3"), LineStatus::Allocated, t),
                                  update(2, 0, LineStatus::Stockout, std::nullopt),
                                  update(3, Q("2"), LineStatus::Allocated, t)}));
    EXPECT_EQ(p.allocated, Q("5"));
    EXPECT_EQ(p.backordered, 0);
}

TEST_F(PlanTest, NonBackorderableExistingLinesWaitLikeOthers)
{
    input.item.backorderable = false;
    input.on_hand = Q("1");
    input.supplies = {{6, t + 3, Q("5")}};
    line(1, "3", "3", t);

    Plan p = core::plan(input);
    EXPECT_EQ(p.events,
              (Events{event(EventKind::Deallocated, 1, Q("2")), promise_changed(1, t, t + 3)}));
    EXPECT_EQ(p.updates, (Updates{update(1, Q("1"), LineStatus::Partial, t + 3)}));
    EXPECT_EQ(p.backordered, Q("2"));
}

TEST_F(PlanTest, NewLineOfHigherPriorityMovesPromisesBack)
{
    input.supplies = {{20, t + 20, Q("10")}, {10, t + 5, Q("10")}};
    line(1, "6", "0", t + 5);
    line(2, "6", "0", t + 20);
    OpenLine &urgent = new_line(3, "5");
    urgent.rank.priority = 1;

    Plan p = core::plan(input);
    EXPECT_EQ(p.events, (Events{backordered(3, Q("5"), t + 5), promise_changed(1, t + 5, t + 20)}));
    EXPECT_EQ(p.updates, (Updates{update(3, 0, LineStatus::Backordered, t + 5),
                                  update(1, 0, LineStatus::Backordered, t + 20)}));
    EXPECT_EQ(p.backordered, Q("17"));
}

TEST_F(PlanTest, NewLinePartlyServedIsBackorderedForTheRest)
{
    input.on_hand = Q("1.5");
    new_line(1, "4").rank.requested_date = t + 30;

    Plan p = core::plan(input);
    EXPECT_EQ(p.events,
              (Events{event(EventKind::Allocated, 1, Q("1.5")),
                      event(EventKind::Ready, 1, Q("1.5")), backordered(1, Q("2.5"), t + 30)}));
    EXPECT_EQ(p.updates, (Updates{update(1, Q("1.5"), LineStatus::Partial, t + 30)}));
}

TEST_F(PlanTest, CountsOverdueSupplyAsArrivingToday)
{
    input.supplies = {{5, t - 3, Q("5")}};
    new_line(1, "2").rank.requested_date = t - 10;

    Plan p = core::plan(input);
    EXPECT_EQ(p.events, (Events{backordered(1, Q("2"), t)}));
    EXPECT_EQ(p.updates, (Updates{update(1, 0, LineStatus::Backordered, t)}));
}

TEST_F(PlanTest, PollsEvery4096Lines)
{
    for (std::int64_t id = 1; id <= 8191; ++id) line(id, "1", "0", t + 14);
    int polls = 0;
    Plan p = core::plan(input, [&] { ++polls; });
    EXPECT_EQ(polls, 1);
    EXPECT_EQ(p.backordered, Q("8191"));
    EXPECT_TRUE(p.updates.empty());

    line(8192, "1", "0", t + 14);
    polls = 0;
    core::plan(input, [&] { ++polls; });
    EXPECT_EQ(polls, 2);
}

TEST_F(PlanTest, PollMayCancel)
{
    for (std::int64_t id = 1; id <= 5000; ++id) line(id, "1");
    EXPECT_THROW(core::plan(input, [] { throw std::runtime_error("canceling statement"); }),
                 std::runtime_error);
}

TEST_F(PlanTest, RejectsNegativeStock)
{
    input.on_hand = Q("-1");
    EXPECT_TRUE(Raises([&] { core::plan(input); }, ErrorKind::RuleViolated,
                       "on hand cannot fall below zero", "On hand would be \"-1\"."));
}

TEST_F(PlanTest, RejectsImpossibleLines)
{
    line(7, "0");
    EXPECT_TRUE(Raises([&] { core::plan(input); }, ErrorKind::InvalidArgument,
                       "quantity \"0\" of line 7 is not positive"));

    input.lines[0].qty = Q("2");
    input.lines[0].shipped = Q("-1");
    EXPECT_TRUE(Raises([&] { core::plan(input); }, ErrorKind::InvalidArgument,
                       "shipped quantity \"-1\" of line 7 is negative"));

    input.lines[0].shipped = 0;
    input.lines[0].allocated = Q("-0.5");
    EXPECT_TRUE(Raises([&] { core::plan(input); }, ErrorKind::InvalidArgument,
                       "reservation \"-0.5\" of line 7 is negative"));

    input.lines[0].allocated = 0;
    input.lines[0].shipped = Q("2.5");
    EXPECT_TRUE(Raises([&] { core::plan(input); }, ErrorKind::RuleViolated,
                       "quantity \"2\" of line 7 is below its shipped quantity \"2.5\"",
                       "A line's quantity cannot be lowered below what has shipped."));
}

TEST_F(PlanTest, RejectsEmptyReceipts)
{
    input.receipts = {{31, 0}};
    EXPECT_TRUE(Raises([&] { core::plan(input); }, ErrorKind::InvalidArgument,
                       "quantity \"0\" of receipt 31 is not positive"));
}

TEST(EventName, SpellsEachKind)
{
    EXPECT_EQ(event_name(EventKind::Allocated), "allocated");
    EXPECT_EQ(event_name(EventKind::Ready), "ready");
    EXPECT_EQ(event_name(EventKind::Backordered), "backordered");
    EXPECT_EQ(event_name(EventKind::PromiseChanged), "promise_changed");
    EXPECT_EQ(event_name(EventKind::Stockout), "stockout");
    EXPECT_EQ(event_name(EventKind::Deallocated), "deallocated");
}

}  // namespace
}  // namespace backorder::test
