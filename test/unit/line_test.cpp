// Unit tests of line statuses, queue order and shipments.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "core/line.hpp"
#include "support.hpp"

namespace backorder::test {
namespace {

using core::is_open;
using core::LineStatus;
using core::parse_rule;
using core::parse_status;
using core::plan_shipment;
using core::RankKey;
using core::ranks_before;
using core::require_open;
using core::Rule;
using core::ShipRequest;
using core::ShipResult;
using core::status_name;
using core::status_of;

TEST(Rule, ParsesTheThreeSpellings)
{
    EXPECT_EQ(parse_rule("fifo"), Rule::Fifo);
    EXPECT_EQ(parse_rule("due_date"), Rule::DueDate);
    EXPECT_EQ(parse_rule("window"), Rule::Window);
    for (const char *text : {"FIFO", "", "due-date", "lifo"})
        EXPECT_TRUE(Raises([&] { parse_rule(text); }, ErrorKind::InvalidArgument,
                           std::string("invalid allocation rule \"") + text + "\"", "",
                           "Use \"fifo\", \"due_date\" or \"window\"."))
            << text;
}

TEST(Status, NamesRoundTrip)
{
    const std::vector<std::pair<LineStatus, std::string>> names = {
        {LineStatus::Allocated, "allocated"},     {LineStatus::Partial, "partial"},
        {LineStatus::Backordered, "backordered"}, {LineStatus::Shipped, "shipped"},
        {LineStatus::Cancelled, "cancelled"},     {LineStatus::Stockout, "stockout"},
    };
    for (const auto &[status, name] : names) {
        EXPECT_EQ(status_name(status), name);
        EXPECT_EQ(parse_status(name), status);
    }
    EXPECT_TRUE(Raises([] { parse_status("open"); }, ErrorKind::InvalidArgument,
                       "invalid line status \"open\"", "",
                       "Use \"allocated\", \"partial\", \"backordered\", \"shipped\", "
                       "\"cancelled\" or \"stockout\"."));
}

TEST(Status, OpenStatusesAreThoseHoldingOrAwaitingStock)
{
    EXPECT_TRUE(is_open(LineStatus::Allocated));
    EXPECT_TRUE(is_open(LineStatus::Partial));
    EXPECT_TRUE(is_open(LineStatus::Backordered));
    EXPECT_FALSE(is_open(LineStatus::Shipped));
    EXPECT_FALSE(is_open(LineStatus::Cancelled));
    EXPECT_FALSE(is_open(LineStatus::Stockout));
}

TEST(Status, FollowsFromQuantities)
{
    EXPECT_EQ(status_of(Q("5"), Q("0"), Q("5")), LineStatus::Shipped);
    EXPECT_EQ(status_of(Q("5"), Q("5"), Q("0")), LineStatus::Allocated);
    EXPECT_EQ(status_of(Q("5"), Q("2"), Q("3")), LineStatus::Allocated);
    EXPECT_EQ(status_of(Q("5"), Q("1"), Q("3")), LineStatus::Partial);
    EXPECT_EQ(status_of(Q("0.5"), Q("0.25"), Q("0")), LineStatus::Partial);
    EXPECT_EQ(status_of(Q("5"), Q("0"), Q("3")), LineStatus::Backordered);
    EXPECT_EQ(status_of(Q("5"), Q("0"), Q("0")), LineStatus::Backordered);
}

RankKey key(std::int64_t line_id, std::int32_t priority, Day requested, std::int64_t created,
            std::optional<Day> cancel_after = std::nullopt)
{
    RankKey rank;
    rank.line_id = line_id;
    rank.priority = priority;
    rank.requested_date = requested;
    rank.created_at = created;
    rank.cancel_after = cancel_after;
    return rank;
}

// Sort keys under a rule and return the line ids in queue order.
std::vector<std::int64_t> queue_order(Rule rule, std::vector<RankKey> keys)
{
    std::sort(keys.begin(), keys.end(),
              [rule](const RankKey &a, const RankKey &b) { return ranks_before(rule, a, b); });
    std::vector<std::int64_t> ids;
    for (const RankKey &rank : keys) ids.push_back(rank.line_id);
    return ids;
}

class RankOrder : public ::testing::Test {
protected:
    const Day t = D("2024-03-01");
    // Priority, then dates and entry times that disagree with each other.
    const std::vector<RankKey> keys = {
        key(1, 100, t + 9, 100, t + 20),       key(2, 100, t + 2, 300, std::nullopt),
        key(3, 50, t + 30, 900, std::nullopt), key(4, 100, t + 2, 200, t + 25),
        key(5, 100, t + 5, 100, t + 20),       key(6, 100, t + 1, 50, std::nullopt),
    };
};

TEST_F(RankOrder, FifoUsesPriorityThenEntryThenId)
{
    EXPECT_EQ(queue_order(Rule::Fifo, keys), (std::vector<std::int64_t>{3, 6, 1, 5, 4, 2}));
}

TEST_F(RankOrder, DueDateUsesPriorityThenRequestedDate)
{
    EXPECT_EQ(queue_order(Rule::DueDate, keys), (std::vector<std::int64_t>{3, 6, 4, 2, 5, 1}));
}

TEST_F(RankOrder, WindowPutsLinesWithoutCancelAfterLast)
{
    EXPECT_EQ(queue_order(Rule::Window, keys), (std::vector<std::int64_t>{3, 5, 1, 4, 6, 2}));
}

TEST(RanksBefore, IsStrictAndBreaksTiesByLineId)
{
    RankKey a = key(7, 100, 0, 10);
    RankKey b = key(8, 100, 0, 10);
    for (Rule rule : {Rule::Fifo, Rule::DueDate, Rule::Window}) {
        EXPECT_TRUE(ranks_before(rule, a, b));
        EXPECT_FALSE(ranks_before(rule, b, a));
        EXPECT_FALSE(ranks_before(rule, a, a));
    }
}

ShipRequest request(LineStatus status, Quantity qty, Quantity allocated, Quantity shipped,
                    bool ship_complete, std::optional<Quantity> requested)
{
    ShipRequest r;
    r.line_id = 42;
    r.status = status;
    r.qty = qty;
    r.allocated = allocated;
    r.shipped = shipped;
    r.ship_complete = ship_complete;
    r.requested = requested;
    return r;
}

TEST(PlanShipment, ShipsEverythingReservedByDefault)
{
    ShipResult result =
        plan_shipment(request(LineStatus::Partial, Q("10"), Q("4"), Q("1"), false, {}));
    EXPECT_EQ(result.shipped_now, Q("4"));
    EXPECT_EQ(result.allocated, 0);
    EXPECT_EQ(result.shipped, Q("5"));
    EXPECT_EQ(result.status, LineStatus::Backordered);
}

TEST(PlanShipment, ShipsPartOfTheReservation)
{
    ShipResult result =
        plan_shipment(request(LineStatus::Allocated, Q("2.5"), Q("2.5"), 0, false, Q("0.75")));
    EXPECT_EQ(result.shipped_now, Q("0.75"));
    EXPECT_EQ(result.allocated, Q("1.75"));
    EXPECT_EQ(result.shipped, Q("0.75"));
    EXPECT_EQ(result.status, LineStatus::Allocated);
}

TEST(PlanShipment, CompletesTheLine)
{
    ShipResult result =
        plan_shipment(request(LineStatus::Allocated, Q("6"), Q("2"), Q("4"), true, Q("2")));
    EXPECT_EQ(result.shipped_now, Q("2"));
    EXPECT_EQ(result.allocated, 0);
    EXPECT_EQ(result.shipped, Q("6"));
    EXPECT_EQ(result.status, LineStatus::Shipped);
}

TEST(PlanShipment, RefusesClosedLines)
{
    EXPECT_TRUE(
        Raises([] { plan_shipment(request(LineStatus::Shipped, Q("5"), 0, Q("5"), false, {})); },
               ErrorKind::WrongState, "cannot ship line 42 with status \"shipped\"",
               "Only allocated, partial and backordered lines are open."));
    EXPECT_TRUE(
        Raises([] { plan_shipment(request(LineStatus::Stockout, Q("5"), 0, 0, false, Q("1"))); },
               ErrorKind::WrongState, "cannot ship line 42 with status \"stockout\""));
}

TEST(PlanShipment, RefusesQuantitiesNotPositive)
{
    EXPECT_TRUE(
        Raises([] { plan_shipment(request(LineStatus::Allocated, Q("5"), Q("5"), 0, false, 0)); },
               ErrorKind::InvalidArgument, "shipment quantity \"0\" for line 42 is not positive"));
    EXPECT_TRUE(Raises(
        [] { plan_shipment(request(LineStatus::Allocated, Q("5"), Q("5"), 0, false, Q("-1.5"))); },
        ErrorKind::InvalidArgument, "shipment quantity \"-1.5\" for line 42 is not positive"));
}

TEST(PlanShipment, RefusesALineWithNothingReserved)
{
    EXPECT_TRUE(
        Raises([] { plan_shipment(request(LineStatus::Backordered, Q("5"), 0, 0, false, {})); },
               ErrorKind::WrongState, "line 42 has nothing reserved to ship", "",
               "Ship the line once stock has been allocated to it."));
}

TEST(PlanShipment, RefusesMoreThanReserved)
{
    EXPECT_TRUE(Raises(
        [] { plan_shipment(request(LineStatus::Partial, Q("5"), Q("3"), 0, false, Q("3.5"))); },
        ErrorKind::RuleViolated, "cannot ship \"3.5\" of line 42",
        "Only \"3\" is reserved for the line."));
}

TEST(PlanShipment, ShipsCompleteLinesOnlyWholeAndAtOnce)
{
    EXPECT_TRUE(
        Raises([] { plan_shipment(request(LineStatus::Partial, Q("5"), Q("3"), 0, true, {})); },
               ErrorKind::WrongState, "line 42 must ship complete",
               "Only \"3\" of the \"5\" to ship is reserved."));
    EXPECT_TRUE(Raises(
        [] { plan_shipment(request(LineStatus::Allocated, Q("5"), Q("5"), 0, true, Q("2"))); },
        ErrorKind::WrongState, "line 42 must ship complete", "It ships \"5\" at once, not \"2\"."));
}

TEST(RequireOpen, NamesTheActionRefused)
{
    EXPECT_NO_THROW(require_open(9, LineStatus::Partial, "cancel"));
    EXPECT_TRUE(Raises([] { require_open(9, LineStatus::Cancelled, "change"); },
                       ErrorKind::WrongState, "cannot change line 9 with status \"cancelled\"",
                       "Only allocated, partial and backordered lines are open."));
    EXPECT_TRUE(Raises([] { require_open(9, LineStatus::Shipped, "cancel"); },
                       ErrorKind::WrongState, "cannot cancel line 9 with status \"shipped\""));
}

}  // namespace
}  // namespace backorder::test
