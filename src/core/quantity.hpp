// Exact quantities and calendar days as the core sees them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace backorder::core {

// A quantity in millionths of a unit: exact, so fractional units (kilograms)
// add up without rounding. SQL numeric values convert as (qty * 1000000)::int8.
using Quantity = std::int64_t;

inline constexpr Quantity kUnit = 1'000'000;
inline constexpr int kQuantityScale = 6;  // decimal places supported
// Largest quantity accepted on one row: 10^12 units, so that sums over
// millions of rows still fit in 64 bits.
inline constexpr Quantity kMaxQuantity = 1'000'000'000'000 * kUnit;

// A calendar day counted from 2000-01-01, the same numbering as PostgreSQL's
// date type, so values cross the boundary unchanged.
using Day = std::int32_t;

// Parse a decimal such as "12", "-0.5" or "3.250000" into millionths.
// Rejects NaN, infinities, more than six decimals and magnitudes above
// kMaxQuantity with an InvalidArgument or OutOfRange error.
Quantity parse_quantity(std::string_view text);

// Format millionths as the shortest exact decimal ("12.5", "3", "-0.000001").
std::string format_quantity(Quantity qty);

// Add with an OutOfRange error instead of signed overflow.
Quantity add_checked(Quantity a, Quantity b);

// Parse an ISO date "YYYY-MM-DD" (years 1 to 9999) into a Day.
Day parse_iso_date(std::string_view text);

// Format a Day as "YYYY-MM-DD".
std::string format_iso_date(Day day);

}  // namespace backorder::core
