// Conversions between SQL values and the core's quantities and days.
#pragma once

#include <optional>
#include <string>

#include "core/quantity.hpp"
#include "pg/postgres.hpp"

namespace backorder::pg {

// Read a numeric as an exact quantity; NaN, infinities, more than six
// decimals or a huge magnitude are errors naming `what`.
core::Quantity quantity_from_numeric(Datum numeric, const char *what);

// Like quantity_from_numeric, and require it to be positive.
core::Quantity positive_quantity(Datum numeric, const char *what);

// Make a numeric Datum in the current memory context.
Datum numeric_from_quantity(core::Quantity qty);

// Copy a text Datum into a std::string.
std::string string_from_text(Datum text);

// The longest sku or location accepted, in characters: two of them fit in one
// index entry whatever the characters.
inline constexpr int kMaxKeyLength = 200;

// Read a sku or location named `what`: not empty, no surrounding white
// space, at most kMaxKeyLength characters; raises 22023 or 22001.
std::string key_from_text(Datum text, const char *what);

// The dates the engine accepts: from 2000-01-01 (the core's day zero) to
// 9999-12-31. Infinite dates and absurd years are input errors.
inline constexpr core::Day kFirstDay = 0;
inline constexpr core::Day kLastDay = 2921939;  // 9999-12-31

// Read a date named `what` within kFirstDay..kLastDay; raises 22008 otherwise.
core::Day calendar_date(Datum date, const char *what);

// Whether a day lies within kFirstDay..kLastDay.
inline bool in_calendar(core::Day day) { return day >= kFirstDay && day <= kLastDay; }

// The engine's today: backorder.today if set, else current_date.
core::Day today();

// An argument that must not be null; raises 22004 naming it.
Datum required_arg(FunctionCallInfo fcinfo, int index, const char *name);

// Whether backorder.notify is on.
bool notify_enabled();

// Queue NOTIFY backorder_event for the end of the transaction (deduplicated there).
void notify_event_listeners();

}  // namespace backorder::pg
