// Conversions between SQL values and the core's quantities and days.
#include "pg/values.hpp"

#include "core/error.hpp"
#include "pg/boundary.hpp"

namespace backorder::pg {

core::Quantity quantity_from_numeric(Datum numeric, const char *what)
{
    const char *text = pg_call([&]() noexcept {
        return DatumGetCString(DirectFunctionCall1(numeric_out, numeric));
    });
    try {
        return core::parse_quantity(text);
    } catch (const core::Error &e) {
        throw core::Error(e.kind(), std::string("invalid ") + what + " \"" + text + "\"",
                          e.detail().empty() ? "It is not a decimal number." : e.detail());
    }
}

core::Quantity positive_quantity(Datum numeric, const char *what)
{
    core::Quantity qty = quantity_from_numeric(numeric, what);
    if (qty <= 0) {
        throw core::Error(core::ErrorKind::InvalidArgument,
                          std::string(what) + " must be positive",
                          "The value given was " + core::format_quantity(qty) + ".");
    }
    return qty;
}

Datum numeric_from_quantity(core::Quantity qty)
{
    std::string text = core::format_quantity(qty);
    const char *chars = text.c_str();
    return pg_call([&]() noexcept {
        return DirectFunctionCall3(numeric_in, CStringGetDatum(chars),
                                   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
    });
}

std::string string_from_text(Datum value)
{
    const char *chars = pg_call([&]() noexcept { return TextDatumGetCString(value); });
    return std::string(chars);
}

std::string key_from_text(Datum value, const char *what)
{
    std::string key = string_from_text(value);
    const char *chars = key.c_str();
    int bytes = static_cast<int>(key.size());
    int length = pg_call([&]() noexcept { return pg_mbstrlen_with_len(chars, bytes); });
    auto is_space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    if (key.empty()) {
        throw core::Error(core::ErrorKind::InvalidArgument,
                          std::string(what) + " must not be empty");
    }
    if (is_space(key.front()) || is_space(key.back())) {
        throw core::Error(
            core::ErrorKind::InvalidArgument,
            std::string(what) + " \"" + key + "\" has leading or trailing white space", {},
            "Trim the value; \"main\" and \"main \" would be two places.");
    }
    if (length > kMaxKeyLength) {
        pg_call([&]() noexcept {
            ereport(ERROR, (errcode(ERRCODE_STRING_DATA_RIGHT_TRUNCATION),
                            errmsg("%s is too long", what),
                            errdetail("It has %d characters; at most %d are accepted.", length,
                                      kMaxKeyLength)));
        });
    }
    return key;
}

core::Day calendar_date(Datum value, const char *what)
{
    DateADT day = DatumGetDateADT(value);
    if (!DATE_NOT_FINITE(day) && in_calendar(day)) return day;
    std::string text = DATE_IS_NOBEGIN(day) ? "-infinity"
                       : DATE_IS_NOEND(day) ? "infinity"
                                            : core::format_iso_date(day);
    const char *chars = text.c_str();
    pg_call([&]() noexcept {
        ereport(ERROR, (errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
                        errmsg("%s \"%s\" is out of range", what, chars),
                        errdetail("Dates from 2000-01-01 to 9999-12-31 are accepted.")));
    });
    return day;
}

Datum required_arg(FunctionCallInfo fcinfo, int index, const char *name)
{
    if (PG_ARGISNULL(index)) {
        pg_call([&]() noexcept {
            ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                            errmsg("%s must not be null", name)));
        });
    }
    return PG_GETARG_DATUM(index);
}

}  // namespace backorder::pg
