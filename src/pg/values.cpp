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
                          e.what() + std::string("."),
                          "Quantities are finite numbers with at most 6 decimal places.");
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
