// The C++/PostgreSQL boundary: turning errors of one side into the other's.
#include "pg/boundary.hpp"

#include <cstdio>
#include <new>

#include "core/error.hpp"

namespace backorder::pg {
namespace {

// An error from C++ copied into fixed buffers, so raising it allocates
// nothing while a C++ exception is still alive.
struct ErrorReport {
    int sqlstate = ERRCODE_INTERNAL_ERROR;
    char message[1024] = "";
    char detail[1024] = "";
    char hint[512] = "";
};

void copy_text(char *target, std::size_t size, const char *text)
{
    std::snprintf(target, size, "%s", text);
}

int sqlstate_of(core::ErrorKind kind)
{
    switch (kind) {
        case core::ErrorKind::InvalidArgument:
            return ERRCODE_INVALID_PARAMETER_VALUE;
        case core::ErrorKind::OutOfRange:
            return ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
        case core::ErrorKind::RuleViolated:
            return ERRCODE_CHECK_VIOLATION;
        case core::ErrorKind::WrongState:
            return ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE;
        case core::ErrorKind::NotFound:
            return ERRCODE_NO_DATA_FOUND;
        case core::ErrorKind::Internal:
            break;
    }
    return ERRCODE_INTERNAL_ERROR;
}

// Raise a report as a PostgreSQL error; does not return.
pg_attribute_noreturn() void raise(const ErrorReport &report)
{
    ereport(ERROR, (errcode(report.sqlstate), errmsg_internal("%s", report.message),
                    report.detail[0] ? errdetail_internal("%s", report.detail) : 0,
                    report.hint[0] ? errhint("%s", report.hint) : 0));
    pg_unreachable();
}

}  // namespace

ErrorData *take_error(MemoryContext context)
{
    MemoryContextSwitchTo(context);
    ErrorData *data = CopyErrorData();
    FlushErrorState();
    return data;
}

Datum run_entry(EntryBody body, FunctionCallInfo fcinfo)
{
    ErrorData *pg_error = nullptr;
    ErrorReport report;
    try {
        return body(fcinfo);
    } catch (const PgError &e) {
        pg_error = e.data();
    } catch (const core::Error &e) {
        report.sqlstate = sqlstate_of(e.kind());
        copy_text(report.message, sizeof report.message, e.what());
        copy_text(report.detail, sizeof report.detail, e.detail().c_str());
        copy_text(report.hint, sizeof report.hint, e.hint().c_str());
    } catch (const std::bad_alloc &) {
        report.sqlstate = ERRCODE_OUT_OF_MEMORY;
        copy_text(report.message, sizeof report.message, "out of memory");
    } catch (const std::exception &e) {
        copy_text(report.message, sizeof report.message, "unexpected error in pg_backorder");
        copy_text(report.detail, sizeof report.detail, e.what());
    } catch (...) {
        copy_text(report.message, sizeof report.message, "unexpected error in pg_backorder");
    }
    // Every C++ exception is gone here; PostgreSQL may longjmp freely.
    if (pg_error != nullptr) ReThrowError(pg_error);
    raise(report);
}

void check_for_interrupts()
{
    pg_call([]() noexcept { CHECK_FOR_INTERRUPTS(); });
}

}  // namespace backorder::pg
