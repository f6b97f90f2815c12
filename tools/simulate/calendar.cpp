// Days of the season as dates (proleptic Gregorian calendar).
#include "calendar.hpp"

#include <cstdio>
#include <stdexcept>

namespace backorder::simulate {
namespace {

struct Civil {
    int year, month, day;
};

Civil civil_from_days(int z)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp < 10 ? mp + 3 : mp - 9;
    return Civil{yoe + era * 400 + (m <= 2), m, d};
}

}  // namespace

int days_from_civil(int year, int month, int day)
{
    year -= month <= 2;
    int era = (year >= 0 ? year : year - 399) / 400;
    int yoe = year - era * 400;
    int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

std::string iso_date(int epoch_day)
{
    Civil c = civil_from_days(epoch_day);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", c.year, c.month, c.day);
    return buffer;
}

std::string short_date(int epoch_day)
{
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    Civil c = civil_from_days(epoch_day);
    return std::string(months[c.month - 1]) + " " + std::to_string(c.day);
}

int parse_iso_date(const std::string &text)
{
    int year = 0, month = 0, day = 0;
    if (std::sscanf(text.c_str(), "%d-%d-%d", &year, &month, &day) != 3) {
        throw std::runtime_error("not an ISO date: \"" + text + "\"");
    }
    return days_from_civil(year, month, day);
}

int weekday(int epoch_day)
{
    // 1970-01-01 was a Thursday.
    return ((epoch_day % 7) + 7 + 3) % 7;
}

}  // namespace backorder::simulate
