// Days of the season as dates: day 0 is the first day.
#pragma once

#include <string>

namespace backorder::simulate {

// A civil date counted in days since 1970-01-01.
int days_from_civil(int year, int month, int day);
// "YYYY-MM-DD" of a day count since 1970-01-01.
std::string iso_date(int epoch_day);
// "Mar 2" of a day count since 1970-01-01.
std::string short_date(int epoch_day);
// Parse "YYYY-MM-DD" (as PostgreSQL prints dates in ISO style) to days since 1970-01-01.
int parse_iso_date(const std::string &text);
// 0 for Monday ... 6 for Sunday.
int weekday(int epoch_day);

}  // namespace backorder::simulate
