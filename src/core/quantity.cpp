// Exact quantities in millionths and calendar days counted from 2000-01-01.
#include "core/quantity.hpp"

#include <cstdlib>
#include <string>

#include "core/error.hpp"
#include "core/message.hpp"
#include "core/pure.hpp"

namespace backorder::core {

namespace {

constexpr std::int64_t kMaxUnits = kMaxQuantity / kUnit;

// Compare ASCII text to a lower-case word, ignoring case.
bool equals_folded(std::string_view text, std::string_view lower)
{
    if (text.size() != lower.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != lower[i]) return false;
    }
    return true;
}

// True for the spellings of NaN and infinity that PostgreSQL's numeric accepts.
bool names_non_finite(std::string_view text)
{
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
    return equals_folded(text, "nan") || equals_folded(text, "inf") ||
           equals_folded(text, "infinity");
}

[[noreturn]] void reject_quantity(std::string_view text, std::string detail)
{
    throw Error(ErrorKind::InvalidArgument, "invalid quantity " + quoted(text), std::move(detail));
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Round toward negative infinity, unlike C++ division.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b)
{
    std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

constexpr bool is_leap_year(std::int64_t year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(std::int64_t year, int month)
{
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

// Count days from 0000-03-01 of the proleptic Gregorian calendar. Starting the
// year in March puts the leap day last, so a month's offset is a linear formula.
constexpr std::int64_t days_from_march_epoch(std::int64_t year, int month, int day)
{
    if (month <= 2) {
        year -= 1;
        month += 12;
    }
    std::int64_t day_of_year = (153 * (month - 3) + 2) / 5 + day - 1;
    return 365 * year + floor_div(year, 4) - floor_div(year, 100) + floor_div(year, 400) +
           day_of_year;
}

constexpr std::int64_t kEpoch2000 = days_from_march_epoch(2000, 1, 1);

}  // namespace

// Digits are read by hand rather than with strtod or from_chars so that no
// binary rounding can creep in: every accepted text maps to exact millionths.
// Accepted: an optional sign, then digits with an optional '.' (".5" and "5."
// included); no spaces, no exponent. Digits beyond the sixth decimal are
// accepted only when they are zeros ("1.0000000"), since the value is exact.
Quantity parse_quantity(std::string_view text)
{
    if (names_non_finite(text)) reject_quantity(text, "A quantity must be a finite number.");

    std::size_t pos = 0;
    bool negative = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        negative = text[pos] == '-';
        ++pos;
    }

    bool out_of_range = false;
    bool seen_digit = false;
    std::int64_t units = 0;
    while (pos < text.size() && is_digit(text[pos])) {
        seen_digit = true;
        units = units * 10 + (text[pos] - '0');
        if (units > kMaxUnits) {
            out_of_range = true;
            units = kMaxUnits;  // keep scanning for syntax errors without overflow
        }
        ++pos;
    }

    std::int64_t fraction = 0;
    bool excess_decimals = false;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        int decimals = 0;
        while (pos < text.size() && is_digit(text[pos])) {
            seen_digit = true;
            if (decimals < kQuantityScale)
                fraction = fraction * 10 + (text[pos] - '0');
            else if (text[pos] != '0')
                excess_decimals = true;
            ++decimals;
            ++pos;
        }
        for (; decimals < kQuantityScale; ++decimals) fraction *= 10;
    }

    if (!seen_digit || pos != text.size()) reject_quantity(text, {});
    if (excess_decimals) reject_quantity(text, "A quantity has at most 6 decimal places.");

    Quantity magnitude = units * kUnit + fraction;
    if (out_of_range || magnitude > kMaxQuantity)
        throw Error(ErrorKind::OutOfRange, "quantity " + quoted(text) + " is out of range",
                    "A quantity is at most 1000000000000 units in magnitude.");
    return negative ? -magnitude : magnitude;
}

// Work on the unsigned magnitude so that the most negative value formats too.
std::string format_quantity(Quantity qty)
{
    std::uint64_t magnitude =
        qty < 0 ? 0 - static_cast<std::uint64_t>(qty) : static_cast<std::uint64_t>(qty);
    std::uint64_t units = magnitude / kUnit;
    std::uint64_t fraction = magnitude % kUnit;

    std::string out = qty < 0 ? "-" : "";
    out += std::to_string(units);
    if (fraction != 0) {
        std::string digits = std::to_string(fraction);
        digits.insert(0, kQuantityScale - digits.size(), '0');
        digits.erase(digits.find_last_not_of('0') + 1);
        out += '.';
        out += digits;
    }
    return out;
}

Quantity add_checked(Quantity a, Quantity b)
{
    Quantity sum;
    if (__builtin_add_overflow(a, b, &sum))
        throw Error(
            ErrorKind::OutOfRange, "quantity total is out of range",
            "The sum of " + quoted_qty(a) + " and " + quoted_qty(b) + " does not fit in 64 bits.");
    return sum;
}

Day parse_iso_date(std::string_view text)
{
    bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
    for (std::size_t i = 0; shaped && i < text.size(); ++i)
        if (i != 4 && i != 7 && !is_digit(text[i])) shaped = false;
    if (!shaped)
        throw Error(ErrorKind::InvalidArgument, "invalid date " + quoted(text),
                    "A date is written YYYY-MM-DD.");

    auto number = [&](std::size_t from, std::size_t count) {
        int value = 0;
        for (std::size_t i = from; i < from + count; ++i) value = value * 10 + (text[i] - '0');
        return value;
    };
    int year = number(0, 4);
    int month = number(5, 2);
    int day = number(8, 2);
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
        throw Error(ErrorKind::InvalidArgument, "invalid date " + quoted(text),
                    "No such day exists in the calendar.");
    return static_cast<Day>(days_from_march_epoch(year, month, day) - kEpoch2000);
}

// Years outside 1 to 9999 print with more digits or a minus sign (astronomical
// numbering), so that every Day formats to something that sorts sensibly.
std::string format_iso_date(Day day)
{
    std::int64_t count = kEpoch2000 + day;

    // Estimate the March-based year from the mean Gregorian year, then correct it.
    std::int64_t year = floor_div(count * 400, 146097);
    while (days_from_march_epoch(year + 1, 3, 1) <= count) ++year;
    while (days_from_march_epoch(year, 3, 1) > count) --year;

    int day_of_year = static_cast<int>(count - days_from_march_epoch(year, 3, 1));
    int month = (5 * day_of_year + 2) / 153 + 3;  // 3 (March) to 14 (February)
    int day_of_month = day_of_year - (153 * (month - 3) + 2) / 5 + 1;
    if (month > 12) {
        month -= 12;
        year += 1;
    }

    std::string digits = std::to_string(year < 0 ? -year : year);
    if (digits.size() < 4) digits.insert(0, 4 - digits.size(), '0');
    std::string out = year < 0 ? "-" + digits : digits;
    out += month < 10 ? "-0" : "-";
    out += std::to_string(month);
    out += day_of_month < 10 ? "-0" : "-";
    out += std::to_string(day_of_month);
    return out;
}

}  // namespace backorder::core
