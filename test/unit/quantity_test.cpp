// Unit tests of exact quantities and ISO dates.
#include <gtest/gtest.h>

#include <limits>

#include "core/quantity.hpp"
#include "support.hpp"

namespace backorder::test {
namespace {

using core::add_checked;
using core::format_iso_date;
using core::format_quantity;
using core::kMaxQuantity;
using core::kUnit;
using core::parse_iso_date;
using core::parse_quantity;

TEST(ParseQuantity, ReadsExactMillionths)
{
    EXPECT_EQ(parse_quantity("12"), 12'000'000);
    EXPECT_EQ(parse_quantity("-0.5"), -500'000);
    EXPECT_EQ(parse_quantity("3.250000"), 3'250'000);
    EXPECT_EQ(parse_quantity("+3"), 3'000'000);
    EXPECT_EQ(parse_quantity("0.25"), 250'000);
    EXPECT_EQ(parse_quantity(".5"), 500'000);
    EXPECT_EQ(parse_quantity("5."), 5'000'000);
    EXPECT_EQ(parse_quantity("0.000001"), 1);
    EXPECT_EQ(parse_quantity("-0.000001"), -1);
    EXPECT_EQ(parse_quantity("-0"), 0);
    EXPECT_EQ(parse_quantity("000000000000000000000007.1"), 7'100'000);
}

TEST(ParseQuantity, AcceptsZerosBeyondSixDecimals)
{
    EXPECT_EQ(parse_quantity("1.0000000"), kUnit);
    EXPECT_EQ(parse_quantity("0.12345600000000"), 123'456);
}

TEST(ParseQuantity, AcceptsTheLimitExactly)
{
    EXPECT_EQ(parse_quantity("1000000000000"), kMaxQuantity);
    EXPECT_EQ(parse_quantity("-1000000000000.000000"), -kMaxQuantity);
}

TEST(ParseQuantity, RejectsMoreThanSixDecimals)
{
    EXPECT_TRUE(Raises([] { parse_quantity("1.0000001"); }, ErrorKind::InvalidArgument,
                       "invalid quantity \"1.0000001\"",
                       "A quantity has at most 6 decimal places."));
    EXPECT_TRUE(Raises([] { parse_quantity("0.1234567"); }, ErrorKind::InvalidArgument,
                       "invalid quantity \"0.1234567\""));
}

TEST(ParseQuantity, RejectsNonFiniteValues)
{
    for (const char *text : {"NaN", "nan", "Infinity", "-Infinity", "+inf", "INF"})
        EXPECT_TRUE(Raises([&] { parse_quantity(text); }, ErrorKind::InvalidArgument,
                           std::string("invalid quantity \"") + text + "\"",
                           "A quantity must be a finite number."))
            << text;
}

TEST(ParseQuantity, RejectsGarbage)
{
    for (const char *text : {"", "abc", "-", "+", ".", "-.", "1e5", " 1", "1 ", "1.2.3", "--1",
                             "1,5", "0x10", "12abc"})
        EXPECT_TRUE(Raises([&] { parse_quantity(text); }, ErrorKind::InvalidArgument,
                           std::string("invalid quantity \"") + text + "\"", ""))
            << text;
}

TEST(ParseQuantity, RejectsMagnitudesAboveTheLimit)
{
    const std::string detail = "A quantity is at most 1000000000000 units in magnitude.";
    EXPECT_TRUE(Raises([] { parse_quantity("1000000000000.000001"); }, ErrorKind::OutOfRange,
                       "quantity \"1000000000000.000001\" is out of range", detail));
    EXPECT_TRUE(Raises([] { parse_quantity("-1000000000001"); }, ErrorKind::OutOfRange,
                       "quantity \"-1000000000001\" is out of range", detail));
    EXPECT_TRUE(Raises([] { parse_quantity("99999999999999999999999999"); }, ErrorKind::OutOfRange,
                       "quantity \"99999999999999999999999999\" is out of range", detail));
}

TEST(FormatQuantity, WritesTheShortestExactDecimal)
{
    EXPECT_EQ(format_quantity(12'500'000), "12.5");
    EXPECT_EQ(format_quantity(3'000'000), "3");
    EXPECT_EQ(format_quantity(-1), "-0.000001");
    EXPECT_EQ(format_quantity(0), "0");
    EXPECT_EQ(format_quantity(250'000), "0.25");
    EXPECT_EQ(format_quantity(-7'050'000), "-7.05");
    EXPECT_EQ(format_quantity(kMaxQuantity), "1000000000000");
    EXPECT_EQ(format_quantity(std::numeric_limits<Quantity>::min()), "-9223372036854.775808");
    EXPECT_EQ(format_quantity(std::numeric_limits<Quantity>::max()), "9223372036854.775807");
}

TEST(FormatQuantity, RoundTripsThroughParse)
{
    for (Quantity qty : {Quantity{1}, Quantity{-999'999}, Quantity{1'000'001},
                         Quantity{123'456'789'012}, -kMaxQuantity})
        EXPECT_EQ(parse_quantity(format_quantity(qty)), qty) << qty;
}

TEST(AddChecked, AddsOrRaisesOutOfRange)
{
    EXPECT_EQ(add_checked(Q("0.25"), Q("0.5")), Q("0.75"));
    EXPECT_EQ(add_checked(-5, 3), -2);
    const Quantity max = std::numeric_limits<Quantity>::max();
    EXPECT_TRUE(Raises([&] { add_checked(max, 1); }, ErrorKind::OutOfRange,
                       "quantity total is out of range",
                       "The sum of \"9223372036854.775807\" and \"0.000001\" does not fit in "
                       "64 bits."));
    EXPECT_TRUE(Raises([&] { add_checked(-max, -2); }, ErrorKind::OutOfRange,
                       "quantity total is out of range"));
}

TEST(ParseIsoDate, CountsDaysFrom2000)
{
    EXPECT_EQ(parse_iso_date("2000-01-01"), 0);
    EXPECT_EQ(parse_iso_date("1999-12-31"), -1);
    EXPECT_EQ(parse_iso_date("2000-03-01"), 60);  // 2000 is a leap year
    EXPECT_EQ(parse_iso_date("2001-01-01"), 366);
    EXPECT_EQ(parse_iso_date("2024-01-01"), 8766);
    EXPECT_EQ(parse_iso_date("2024-03-01"), 8826);
    EXPECT_EQ(parse_iso_date("1970-01-01"), -10957);
    EXPECT_EQ(parse_iso_date("1900-03-01"), -36465);
    EXPECT_EQ(parse_iso_date("0001-01-01"), -730119);
    EXPECT_EQ(parse_iso_date("9999-12-31"), 2921939);
}

TEST(ParseIsoDate, KnowsLeapYears)
{
    EXPECT_EQ(parse_iso_date("2024-02-29"), parse_iso_date("2024-03-01") - 1);
    EXPECT_EQ(parse_iso_date("2000-02-29"), 59);
    const std::string detail = "No such day exists in the calendar.";
    EXPECT_TRUE(Raises([] { parse_iso_date("2023-02-29"); }, ErrorKind::InvalidArgument,
                       "invalid date \"2023-02-29\"", detail));
    EXPECT_TRUE(Raises([] { parse_iso_date("1900-02-29"); }, ErrorKind::InvalidArgument,
                       "invalid date \"1900-02-29\"", detail));
}

TEST(ParseIsoDate, RejectsDaysOutsideTheCalendar)
{
    const std::string detail = "No such day exists in the calendar.";
    for (const char *text :
         {"2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00", "2024-01-32", "0000-01-01"})
        EXPECT_TRUE(Raises([&] { parse_iso_date(text); }, ErrorKind::InvalidArgument,
                           std::string("invalid date \"") + text + "\"", detail))
            << text;
}

TEST(ParseIsoDate, RejectsOtherShapes)
{
    const std::string detail = "A date is written YYYY-MM-DD.";
    for (const char *text : {"", "2024-1-01", "20240101", "2024-01-01x", " 2024-01-01",
                             "2024/01/01", "+024-01-01", "2024-01-1a", "12024-01-01"})
        EXPECT_TRUE(Raises([&] { parse_iso_date(text); }, ErrorKind::InvalidArgument,
                           std::string("invalid date \"") + text + "\"", detail))
            << text;
}

TEST(FormatIsoDate, WritesYearMonthDay)
{
    EXPECT_EQ(format_iso_date(0), "2000-01-01");
    EXPECT_EQ(format_iso_date(-1), "1999-12-31");
    EXPECT_EQ(format_iso_date(59), "2000-02-29");
    EXPECT_EQ(format_iso_date(8826), "2024-03-01");
    EXPECT_EQ(format_iso_date(-730119), "0001-01-01");
    EXPECT_EQ(format_iso_date(2921939), "9999-12-31");
    EXPECT_EQ(format_iso_date(-730120), "0000-12-31");
    EXPECT_EQ(format_iso_date(2921940), "10000-01-01");
}

TEST(FormatIsoDate, RoundTripsEveryDayOfFourCenturies)
{
    const Day first = parse_iso_date("1800-01-01");
    const Day last = parse_iso_date("2200-12-31");
    for (Day day = first; day <= last; ++day)
        ASSERT_EQ(parse_iso_date(format_iso_date(day)), day) << format_iso_date(day);
}

TEST(FormatIsoDate, HandlesTheExtremesOfDay)
{
    EXPECT_FALSE(format_iso_date(std::numeric_limits<Day>::min()).empty());
    EXPECT_FALSE(format_iso_date(std::numeric_limits<Day>::max()).empty());
}

}  // namespace
}  // namespace backorder::test
