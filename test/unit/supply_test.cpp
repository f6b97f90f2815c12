// Unit tests of the supply timeline, ATP, the ATP profile and promise quotes.
#include <gtest/gtest.h>

#include <vector>

#include "core/supply.hpp"
#include "support.hpp"

namespace backorder::core {

// Print pieces readably when an assertion fails.
void PrintTo(const Coverage &piece, std::ostream *out)
{
    *out << "{" << format_iso_date(piece.date) << ", " << format_quantity(piece.qty) << ", "
         << basis_name(piece.basis) << ", "
         << (piece.supply_id ? std::to_string(*piece.supply_id) : "null") << "}";
}

bool operator==(const Coverage &a, const Coverage &b)
{
    return a.date == b.date && a.qty == b.qty && a.basis == b.basis && a.supply_id == b.supply_id;
}

void PrintTo(const ProfileBucket &bucket, std::ostream *out)
{
    *out << "{" << format_iso_date(bucket.bucket) << ", " << format_quantity(bucket.supply) << ", "
         << format_quantity(bucket.committed) << ", " << format_quantity(bucket.atp) << ", "
         << format_quantity(bucket.cumulative_atp) << "}";
}

bool operator==(const ProfileBucket &a, const ProfileBucket &b)
{
    return a.bucket == b.bucket && a.supply == b.supply && a.committed == b.committed &&
           a.atp == b.atp && a.cumulative_atp == b.cumulative_atp;
}

}  // namespace backorder::core

namespace backorder::test {
namespace {

using core::atp;
using core::atp_profile;
using core::basis_name;
using core::Coverage;
using core::ItemPolicy;
using core::OpenSupply;
using core::ProfileBucket;
using core::promise_schedule;
using core::Rule;
using core::SupplyBasis;
using core::SupplyTimeline;
using core::waiting_ahead;
using core::WaitingClaim;
using Pieces = std::vector<Coverage>;

Coverage stock(Day date, Quantity qty)
{
    return Coverage{date, qty, SupplyBasis::Stock, std::nullopt};
}

Coverage supply(Day date, Quantity qty, std::int64_t supply_id)
{
    return Coverage{date, qty, SupplyBasis::Supply, supply_id};
}

Coverage lead_time(Day date, Quantity qty)
{
    return Coverage{date, qty, SupplyBasis::LeadTime, std::nullopt};
}

ProfileBucket bucket(Day date, Quantity supplied, Quantity committed, Quantity atp,
                     Quantity cumulative)
{
    return ProfileBucket{date, supplied, committed, atp, cumulative};
}

// Open supply in no particular order: one overdue, two on the same day (ids out
// of order), one with nothing left to arrive, one far out.
class SupplyTest : public ::testing::Test {
protected:
    const Day t = D("2024-03-01");
    const std::vector<OpenSupply> supplies = {
        {7, t + 10, Q("40")}, {3, t - 5, Q("25")},   {5, t + 10, Q("10")},
        {9, t + 3, Q("0")},   {2, t + 40, Q("100")},
    };
};

TEST(BasisName, SpellsEachBasis)
{
    EXPECT_EQ(basis_name(SupplyBasis::Stock), "stock");
    EXPECT_EQ(basis_name(SupplyBasis::Supply), "supply");
    EXPECT_EQ(basis_name(SupplyBasis::LeadTime), "lead_time");
    EXPECT_EQ(basis_name(SupplyBasis::Stockout), "stockout");
}

TEST_F(SupplyTest, TimelineServesStockThenSupplyThenLeadTime)
{
    SupplyTimeline timeline(Q("30"), supplies, t, 14);
    EXPECT_EQ(timeline.consume(Q("50")), (Pieces{stock(t, Q("30")), supply(t, Q("20"), 3)}));
    EXPECT_EQ(timeline.consume(Q("20")), (Pieces{supply(t, Q("5"), 3), supply(t + 10, Q("10"), 5),
                                                 supply(t + 10, Q("5"), 7)}));
    EXPECT_EQ(timeline.consume(Q("35")), (Pieces{supply(t + 10, Q("35"), 7)}));
    EXPECT_EQ(timeline.consume(0), Pieces{});
    EXPECT_EQ(timeline.consume(Q("150")),
              (Pieces{supply(t + 40, Q("100"), 2), lead_time(t + 14, Q("50"))}));
    EXPECT_EQ(timeline.consume(Q("0.5")), (Pieces{lead_time(t + 14, Q("0.5"))}));
}

TEST_F(SupplyTest, TimelineWithoutStockStartsWithOverdueSupply)
{
    SupplyTimeline timeline(0, supplies, t, 0);
    EXPECT_EQ(timeline.consume(Q("1")), (Pieces{supply(t, Q("1"), 3)}));
}

TEST_F(SupplyTest, TimelineCountsAShortfallAgainstTheEarliestSupply)
{
    SupplyTimeline timeline(Q("-30"), supplies, t, 14);
    EXPECT_EQ(timeline.consume(Q("10")),
              (Pieces{supply(t + 10, Q("5"), 5), supply(t + 10, Q("5"), 7)}));
}

TEST_F(SupplyTest, ConsumeUntilGivesTheDateTheLastUnitIsCovered)
{
    SupplyTimeline timeline(Q("30"), supplies, t, 14);
    EXPECT_EQ(timeline.consume_until(0), t);
    EXPECT_EQ(timeline.consume_until(Q("30")), t);
    EXPECT_EQ(timeline.consume_until(Q("25")), t);
    EXPECT_EQ(timeline.consume_until(Q("0.000001")), t + 10);
    EXPECT_EQ(timeline.consume_until(Q("150")), t + 40);
    EXPECT_EQ(timeline.consume_until(Q("1")), t + 14);
    EXPECT_EQ(timeline.consume_until(0), t);
}

TEST_F(SupplyTest, ConsumeUntilWaitsForAllPiecesWhenLeadTimeIsShorter)
{
    // The last piece comes from lead time (t + 14), but supply 2 is due at t + 40.
    SupplyTimeline timeline(0, supplies, t, 14);
    EXPECT_EQ(timeline.consume_until(Q("176")), t + 40);
}

TEST_F(SupplyTest, TimelineRejectsBadInput)
{
    EXPECT_TRUE(Raises([&] { SupplyTimeline(0, supplies, t, -1); }, ErrorKind::InvalidArgument,
                       "invalid lead time \"-1\"", "A lead time is zero or more days."));
    EXPECT_TRUE(Raises(
        [&] {
            SupplyTimeline(0, {{4, t, Q("-5")}}, t, 1);
        },
        ErrorKind::InvalidArgument, "supply 4 has a negative open quantity \"-5\"",
        "Open supply is the quantity ordered less the quantity received."));
    SupplyTimeline timeline(0, supplies, t, 1);
    EXPECT_TRUE(Raises([&] { timeline.consume(-1); }, ErrorKind::InvalidArgument,
                       "cannot take a negative quantity \"-0.000001\" of supply"));
    EXPECT_TRUE(Raises([&] { timeline.consume_until(-1); }, ErrorKind::InvalidArgument,
                       "cannot take a negative quantity \"-0.000001\" of supply"));
}

TEST_F(SupplyTest, AtpNetsWaitingAgainstTheEarliestSupply)
{
    // Covered by date: 55 today (30 on hand, 25 overdue), 105 from t + 10, 205 from t + 40.
    EXPECT_EQ(atp(Q("30"), Q("60"), supplies, t, t), 0);
    EXPECT_EQ(atp(Q("30"), Q("60"), supplies, t, t + 9), 0);
    EXPECT_EQ(atp(Q("30"), Q("60"), supplies, t, t + 10), Q("45"));
    EXPECT_EQ(atp(Q("30"), Q("60"), supplies, t, t + 39), Q("45"));
    EXPECT_EQ(atp(Q("30"), Q("60"), supplies, t, t + 40), Q("145"));
    EXPECT_EQ(atp(Q("30"), Q("60"), supplies, t, t + 1000), Q("145"));
    EXPECT_EQ(atp(Q("30"), 0, supplies, t, t), Q("55"));
    EXPECT_EQ(atp(Q("-10"), 0, supplies, t, t), Q("15"));
    EXPECT_EQ(atp(Q("0.25"), Q("0.1"), {}, t, t), Q("0.15"));
}

TEST_F(SupplyTest, AtpRejectsBadInput)
{
    EXPECT_TRUE(Raises([&] { atp(0, 0, supplies, t, t - 1); }, ErrorKind::InvalidArgument,
                       "date \"2024-02-29\" is in the past",
                       "Available-to-promise starts today, 2024-03-01."));
    EXPECT_TRUE(Raises([&] { atp(0, Q("-2"), supplies, t, t); }, ErrorKind::InvalidArgument,
                       "waiting quantity \"-2\" is negative"));
    EXPECT_TRUE(Raises(
        [&] {
            atp(0, 0, {{4, t, Q("-5")}}, t, t);
        },
        ErrorKind::InvalidArgument, "supply 4 has a negative open quantity \"-5\""));
}

TEST_F(SupplyTest, ProfileHasTodayAndEachSupplyDateWithinTheHorizon)
{
    EXPECT_EQ(atp_profile(Q("30"), Q("60"), supplies, t, 30),
              (std::vector<ProfileBucket>{bucket(t, Q("55"), Q("55"), 0, 0),
                                          bucket(t + 10, Q("50"), Q("5"), Q("45"), Q("45"))}));
    EXPECT_EQ(atp_profile(Q("30"), Q("60"), supplies, t, 40),
              (std::vector<ProfileBucket>{bucket(t, Q("55"), Q("55"), 0, 0),
                                          bucket(t + 10, Q("50"), Q("5"), Q("45"), Q("45")),
                                          bucket(t + 40, Q("100"), 0, Q("100"), Q("145"))}));
    EXPECT_EQ(atp_profile(Q("30"), Q("60"), supplies, t, 0),
              (std::vector<ProfileBucket>{bucket(t, Q("55"), Q("55"), 0, 0)}));
}

TEST_F(SupplyTest, ProfileLetsWaitingLinesClaimBeyondTheHorizon)
{
    EXPECT_EQ(atp_profile(Q("30"), Q("200"), supplies, t, 30),
              (std::vector<ProfileBucket>{bucket(t, Q("55"), Q("55"), 0, 0),
                                          bucket(t + 10, Q("50"), Q("50"), 0, 0)}));
}

TEST_F(SupplyTest, ProfileCountsAShortfallAsCommitted)
{
    EXPECT_EQ(atp_profile(Q("-10"), 0, supplies, t, 10),
              (std::vector<ProfileBucket>{bucket(t, Q("25"), Q("10"), Q("15"), Q("15")),
                                          bucket(t + 10, Q("50"), 0, Q("50"), Q("65"))}));
}

TEST_F(SupplyTest, ProfileAgreesWithAtpOnEachBucket)
{
    for (const ProfileBucket &b : atp_profile(Q("12.5"), Q("70.25"), supplies, t, 3650))
        EXPECT_EQ(b.cumulative_atp, atp(Q("12.5"), Q("70.25"), supplies, t, b.bucket))
            << core::format_iso_date(b.bucket);
}

TEST_F(SupplyTest, ProfileAlwaysHasToday)
{
    EXPECT_EQ(atp_profile(0, Q("3"), {}, t, 10),
              (std::vector<ProfileBucket>{bucket(t, 0, 0, 0, 0)}));
}

TEST_F(SupplyTest, ProfileRejectsBadHorizons)
{
    EXPECT_NO_THROW(atp_profile(0, 0, supplies, t, 3650));
    for (std::int32_t horizon : {-1, 3651})
        EXPECT_TRUE(Raises([&] { atp_profile(0, 0, supplies, t, horizon); },
                           ErrorKind::InvalidArgument,
                           "invalid horizon \"" + std::to_string(horizon) + "\"",
                           "The horizon is between 0 and 3650 days."));
    EXPECT_TRUE(Raises([&] { atp_profile(0, Q("-1"), supplies, t, 10); },
                       ErrorKind::InvalidArgument, "waiting quantity \"-1\" is negative"));
}

class WaitingAheadTest : public ::testing::Test {
protected:
    const Day t = D("2024-03-01");
    // The new line has priority 5 and is requested at t + 10.
    const std::vector<WaitingClaim> candidates = {
        {5, t + 5, std::nullopt, Q("10")},  {5, t + 10, std::nullopt, Q("20")},
        {5, t + 20, std::nullopt, Q("30")}, {5, t + 30, t + 40, Q("40")},
        {7, t, std::nullopt, Q("50")},      {3, t + 50, std::nullopt, Q("60")},
    };
    // 70 more wait on lines of priority below 5 that are not candidates.
    const Quantity total = Q("280");
};

TEST_F(WaitingAheadTest, FifoPutsEveryLineOfEqualPriorityAhead)
{
    EXPECT_EQ(waiting_ahead(Rule::Fifo, 5, t + 10, total, candidates), Q("230"));
}

TEST_F(WaitingAheadTest, DueDatePutsEarlierOrEqualRequestsAhead)
{
    EXPECT_EQ(waiting_ahead(Rule::DueDate, 5, t + 10, total, candidates), Q("160"));
}

TEST_F(WaitingAheadTest, WindowPutsLinesWithCancelAfterAhead)
{
    EXPECT_EQ(waiting_ahead(Rule::Window, 5, t + 10, total, candidates), Q("200"));
}

TEST_F(WaitingAheadTest, RejectsCandidatesBeyondTheTotal)
{
    EXPECT_TRUE(Raises([&] { waiting_ahead(Rule::Fifo, 5, t, Q("10"), candidates); },
                       ErrorKind::InvalidArgument, "waiting lines exceed the waiting total \"10\"",
                       "Lines behind the new one wait for \"50\"."));
}

class PromiseTest : public SupplyTest {
protected:
    ItemPolicy item{Rule::Fifo, 14, true};
    ItemPolicy no_backorders{Rule::Fifo, 14, false};
};

TEST_F(PromiseTest, SkipsWhatLinesAheadClaim)
{
    // 40 ahead use the 30 on hand and 10 of overdue supply 3.
    EXPECT_EQ(promise_schedule(item, Q("30"), Q("40"), supplies, t, t + 2, Q("50")),
              (Pieces{supply(t + 2, Q("15"), 3), supply(t + 10, Q("10"), 5),
                      supply(t + 10, Q("25"), 7)}));
}

TEST_F(PromiseTest, ServesFromStockNoEarlierThanRequested)
{
    EXPECT_EQ(promise_schedule(item, Q("30"), 0, supplies, t, t - 3, Q("20")),
              (Pieces{stock(t, Q("20"))}));
    EXPECT_EQ(promise_schedule(item, Q("30"), 0, supplies, t, t + 5, Q("20")),
              (Pieces{stock(t + 5, Q("20"))}));
}

TEST_F(PromiseTest, FallsBackOnLeadTime)
{
    EXPECT_EQ(promise_schedule(item, Q("30"), Q("200"), supplies, t, t + 2, Q("10")),
              (Pieces{supply(t + 40, Q("5"), 2), lead_time(t + 14, Q("5"))}));
    EXPECT_EQ(promise_schedule(item, 0, 0, {}, t, t + 20, Q("0.25")),
              (Pieces{lead_time(t + 20, Q("0.25"))}));
}

TEST_F(PromiseTest, QuotesStockOrStockoutWhenNotBackorderable)
{
    EXPECT_EQ(promise_schedule(no_backorders, Q("30"), Q("10"), supplies, t, t + 1, Q("20")),
              (Pieces{stock(t + 1, Q("20"))}));
    EXPECT_EQ(promise_schedule(no_backorders, Q("30"), Q("10"), supplies, t, t + 1, Q("21")),
              (Pieces{Coverage{t, Q("21"), SupplyBasis::Stockout, std::nullopt}}));
    EXPECT_EQ(promise_schedule(no_backorders, Q("30"), Q("40"), supplies, t, t, Q("1")),
              (Pieces{Coverage{t, Q("1"), SupplyBasis::Stockout, std::nullopt}}));
}

TEST_F(PromiseTest, RejectsBadInput)
{
    EXPECT_TRUE(Raises([&] { promise_schedule(item, 0, 0, supplies, t, t, 0); },
                       ErrorKind::InvalidArgument, "quantity \"0\" is not positive"));
    EXPECT_TRUE(Raises([&] { promise_schedule(item, 0, Q("-1"), supplies, t, t, Q("1")); },
                       ErrorKind::InvalidArgument, "quantity ahead \"-1\" is negative"));
    ItemPolicy bad_lead_time{Rule::Fifo, -3, true};
    EXPECT_TRUE(Raises([&] { promise_schedule(bad_lead_time, 0, 0, supplies, t, t, Q("1")); },
                       ErrorKind::InvalidArgument, "invalid lead time \"-3\""));
}

}  // namespace
}  // namespace backorder::test
