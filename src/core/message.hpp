// Building blocks of the core's error messages (internal to src/core).
#pragma once

#include <string>
#include <string_view>

#include "core/quantity.hpp"

namespace backorder::core {

// Wrap a value in double quotes, as messages quote values.
inline std::string quoted(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    out += text;
    out += '"';
    return out;
}

// Quote a quantity as SQL would print it.
inline std::string quoted_qty(Quantity qty) { return quoted(format_quantity(qty)); }

// Quote a day as an ISO date.
inline std::string quoted_date(Day day) { return quoted(format_iso_date(day)); }

}  // namespace backorder::core
