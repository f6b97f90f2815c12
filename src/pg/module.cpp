// Module setup: settings, today, NOTIFY, and the end-of-transaction reset.
#include "core/error.hpp"
#include "core/quantity.hpp"
#include "pg/boundary.hpp"
#include "pg/engine.hpp"
#include "pg/spi.hpp"
#include "pg/values.hpp"

extern "C" {
PG_MODULE_MAGIC;
void _PG_init(void);
}

namespace backorder::pg {
namespace {

char *today_setting = nullptr;
bool notify_setting = true;

// Accept an empty setting or an ISO date (YYYY-MM-DD) in the engine's calendar.
bool check_today(char **new_value, void **extra, GucSource source)
{
    if (*new_value == nullptr || **new_value == '\0') return true;
    bool valid = true;
    try {
        valid = in_calendar(core::parse_iso_date(*new_value));
    } catch (...) {
        valid = false;
    }
    if (!valid) {
        GUC_check_errdetail(
            "backorder.today must be empty or a date from 2000-01-01 to 9999-12-31 as "
            "YYYY-MM-DD.");
    }
    return valid;
}

// After an abort, no engine statement is running any more; after any end, no
// entry planned at row time waits for its statement.
void reset_at_end(XactEvent event, void *arg)
{
    if (event == XACT_EVENT_ABORT || event == XACT_EVENT_PARALLEL_ABORT) reset_engine_writing();
    forget_entries();
}

void follow_subtransactions(SubXactEvent event, SubTransactionId ended, SubTransactionId parent,
                            void *arg)
{
    if (event == SUBXACT_EVENT_COMMIT_SUB || event == SUBXACT_EVENT_ABORT_SUB)
        entry_subtransaction_ended(event == SUBXACT_EVENT_COMMIT_SUB, ended, parent);
}

}  // namespace

core::Day today()
{
    if (today_setting != nullptr && today_setting[0] != '\0') {
        return core::parse_iso_date(today_setting);
    }
    return pg_call([]() noexcept { return GetSQLCurrentDate(); });
}

bool notify_enabled()
{
    return notify_setting;
}

void notify_event_listeners()
{
    pg_call([]() noexcept { Async_Notify("backorder_event", nullptr); });
}

}  // namespace backorder::pg

void _PG_init(void)
{
    using namespace backorder::pg;
    DefineCustomStringVariable("backorder.today", "Date the engine treats as today",
                               "Empty means current_date. Set it for simulations and tests.",
                               &today_setting, "", PGC_USERSET, 0, check_today, nullptr,
                               nullptr);
    DefineCustomBoolVariable("backorder.notify",
                             "Sends NOTIFY backorder_event after transactions that add events",
                             nullptr, &notify_setting, true, PGC_USERSET, 0, nullptr, nullptr,
                             nullptr);
#if PG_VERSION_NUM >= 150000
    MarkGUCPrefixReserved("backorder");
#else
    EmitWarningsOnPlaceholders("backorder");
#endif
    RegisterXactCallback(reset_at_end, nullptr);
    RegisterSubXactCallback(follow_subtransactions, nullptr);
}

BACKORDER_ENTRY(backorder_today)
{
    return DateADTGetDatum(backorder::pg::today());
}
