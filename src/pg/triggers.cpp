// Triggers: row checks that keep bad rows out, statement triggers that hand
// each changed (sku, location) to the engine in the same statement.
#include <algorithm>
#include <map>

#include "core/error.hpp"
#include "core/line.hpp"
#include "pg/boundary.hpp"
#include "pg/engine.hpp"
#include "pg/spi.hpp"
#include "pg/values.hpp"

namespace backorder::pg {
namespace {

using core::Error;
using core::ErrorKind;

// The trigger context, or an error when called as a plain function.
TriggerData *trigger_data(FunctionCallInfo fcinfo)
{
    if (!CALLED_AS_TRIGGER(fcinfo)) {
        throw Error(ErrorKind::WrongState, "function can only be called as a trigger");
    }
    return reinterpret_cast<TriggerData *>(fcinfo->context);
}

const char *relation_name(TriggerData *trigger)
{
    return RelationGetRelationName(trigger->tg_relation);
}

// Raise an error with an explicit SQLSTATE from C++ frames.
[[noreturn]] void raise_sqlstate(int sqlstate, const std::string &message,
                                 const std::string &detail, const std::string &hint)
{
    const char *m = message.c_str();
    const char *d = detail.c_str();
    const char *h = hint.c_str();
    pg_call([&]() noexcept {
        ereport(ERROR, (errcode(sqlstate), errmsg_internal("%s", m),
                        d[0] ? errdetail_internal("%s", d) : 0, h[0] ? errhint("%s", h) : 0));
    });
    throw Error(ErrorKind::Internal, "unreachable");
}

// Column values of one row by name.
class TupleReader {
public:
    TupleReader(HeapTuple tuple, TupleDesc desc) : tuple_(tuple), desc_(desc) {}

    Datum get(const char *column, bool *is_null) const
    {
        HeapTuple tuple = tuple_;
        TupleDesc desc = desc_;
        return pg_call([&]() noexcept {
            int attnum = SPI_fnumber(desc, column);
            if (attnum <= 0) elog(ERROR, "column \"%s\" not found", column);
            return heap_getattr(tuple, attnum, desc, is_null);
        });
    }
    bool is_null(const char *column) const
    {
        bool null;
        get(column, &null);
        return null;
    }
    Datum required(const char *column) const
    {
        bool null;
        Datum value = get(column, &null);
        if (null) {
            raise_sqlstate(ERRCODE_NOT_NULL_VIOLATION, std::string(column) + " must not be null",
                           {}, {});
        }
        return value;
    }
    core::Quantity quantity(const char *column) const
    {
        return quantity_from_numeric(required(column), column);
    }
    core::Quantity positive(const char *column) const
    {
        return positive_quantity(required(column), column);
    }
    std::string text(const char *column) const
    {
        bool null;
        Datum value = get(column, &null);
        return null ? std::string() : string_from_text(value);
    }
    std::string key(const char *column) const
    {
        return key_from_text(required(column), column);
    }
    // A date that, when present, lies in the engine's calendar.
    std::optional<core::Day> calendar(const char *column) const
    {
        bool null;
        Datum value = get(column, &null);
        if (null) return std::nullopt;
        return calendar_date(value, column);
    }
    std::optional<core::Day> date(const char *column) const
    {
        bool null;
        Datum value = get(column, &null);
        if (null) return std::nullopt;
        return DatumGetDateADT(value);
    }
    std::optional<std::int64_t> int8(const char *column) const
    {
        bool null;
        Datum value = get(column, &null);
        if (null) return std::nullopt;
        return DatumGetInt64(value);
    }
    std::optional<std::int32_t> int4(const char *column) const
    {
        bool null;
        Datum value = get(column, &null);
        if (null) return std::nullopt;
        return DatumGetInt32(value);
    }
    std::optional<bool> boolean(const char *column) const
    {
        bool null;
        Datum value = get(column, &null);
        if (null) return std::nullopt;
        return DatumGetBool(value);
    }

private:
    HeapTuple tuple_;
    TupleDesc desc_;
};

TupleReader new_row(TriggerData *trigger)
{
    HeapTuple tuple =
        TRIGGER_FIRED_BY_UPDATE(trigger->tg_event) ? trigger->tg_newtuple : trigger->tg_trigtuple;
    return TupleReader(tuple, trigger->tg_relation->rd_att);
}

TupleReader old_row(TriggerData *trigger)
{
    return TupleReader(trigger->tg_trigtuple, trigger->tg_relation->rd_att);
}

// The tuple a BEFORE ROW trigger hands back unchanged.
Datum row_unchanged(TriggerData *trigger)
{
    if (TRIGGER_FIRED_BY_UPDATE(trigger->tg_event)) return PointerGetDatum(trigger->tg_newtuple);
    return PointerGetDatum(trigger->tg_trigtuple);
}

// Refuse a value the engine maintains.
[[noreturn]] void refuse_maintained(const char *column, const char *relation, const char *hint)
{
    raise_sqlstate(ERRCODE_GENERATED_ALWAYS,
                   std::string("column \"") + column + "\" of relation \"" + relation +
                       "\" is maintained by pg_backorder",
                   {}, hint);
}

// Refuse a change of a column that identifies the row.
[[noreturn]] void refuse_identity_change(const char *column, const char *relation,
                                         const char *hint)
{
    raise_sqlstate(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
                   std::string("cannot change column \"") + column + "\" of relation \"" +
                       relation + "\"",
                   {}, hint);
}

// Run the statement-level work with SPI and the transition tables registered.
template <typename F>
Datum with_transition_tables(TriggerData *trigger, F &&work)
{
    spi_connect();
    pg_call([&]() noexcept { SPI_register_trigger_data(trigger); });
    work();
    spi_finish();
    return PointerGetDatum(nullptr);
}

// Visit each row of a transition table, read in place: no SQL to parse and
// plan for every statement.
template <typename F>
void for_each_row(TriggerData *trigger, Tuplestorestate *table, F &&visit)
{
    TupleDesc desc = trigger->tg_relation->rd_att;
    TupleTableSlot *slot = pg_call([&]() noexcept {
        int pointer = tuplestore_alloc_read_pointer(table, EXEC_FLAG_REWIND);
        tuplestore_select_read_pointer(table, pointer);
        tuplestore_rescan(table);
        return MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
    });
    while (pg_call([&]() noexcept { return tuplestore_gettupleslot(table, true, false, slot); })) {
        HeapTuple tuple =
            pg_call([&]() noexcept { return ExecFetchSlotHeapTuple(slot, false, nullptr); });
        visit(TupleReader(tuple, desc));
    }
    pg_call([&]() noexcept { ExecDropSingleTupleTableSlot(slot); });
}

// Distinct (sku, location) pairs from a query, in lock order.
std::vector<SkuLocation> keys_from(const char *sql)
{
    std::uint64_t count = execute_sql(sql, Access::Read);
    std::vector<SkuLocation> keys;
    for (std::uint64_t i = 0; i < count; ++i) {
        Row row(i);
        keys.push_back(SkuLocation{row.text(1), row.text(2)});
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

void lock_and_reconcile(const std::vector<SkuLocation> &keys)
{
    for (const SkuLocation &key : keys) {
        StockRow stock = lock_stock(key);
        reconcile(key, stock.on_hand);
    }
}

// A line as its INSERT entered it.
core::OpenLine entered_line(const TupleReader &row)
{
    core::OpenLine line;
    line.rank.line_id = *row.int8("line_id");
    line.rank.priority = *row.int4("priority");
    line.rank.requested_date = *row.date("requested_date");
    line.rank.cancel_after = row.date("cancel_after");
    line.rank.created_at = *row.int8("created_at");
    line.qty = row.quantity("qty");
    line.ship_complete = row.boolean("ship_complete").value_or(false);
    line.status = core::LineStatus::Backordered;
    line.is_new = true;
    return line;
}

// Whether the engine could plan this row before it is stored: its ranking
// columns are present (NOT NULL is checked after BEFORE triggers).
bool can_plan_at_row_time(const TupleReader &row)
{
    for (const char *column : {"line_id", "sku", "location", "priority", "requested_date",
                               "created_at", "ship_complete"}) {
        if (row.is_null(column)) return false;
    }
    return true;
}

// Plan the inserted line and return the row as planned, or the row
// unchanged when it is left to the statement's end. The trigger's call
// information is allocated per statement, so it names the statement.
Datum plan_at_row_time(TriggerData *trigger, const void *statement)
{
    TupleReader row = new_row(trigger);
    if (!can_plan_at_row_time(row)) return row_unchanged(trigger);
    core::OpenLine line = entered_line(row);
    SkuLocation key{row.text("sku"), row.text("location")};
    std::optional<core::LineUpdate> update = plan_entry(key, line, statement);
    if (!update) return row_unchanged(trigger);

    bool qty_null;
    Datum qty = row.get("qty", &qty_null);
    Datum allocated = numeric_from_quantity(update->allocated);
    std::string status(core::status_name(update->status));
    const char *status_text = status.c_str();
    HeapTuple planned = pg_call([&]() noexcept {
        TupleDesc desc = trigger->tg_relation->rd_att;
        Datum promised = update->promised_date ? DateADTGetDatum(*update->promised_date) : 0;
        bool no_promise = !update->promised_date;
        const char *names[] = {"qty_allocated",          "status",       "promised_date",
                               "qty_allocated_at_entry", "qty_at_entry", "promised_date_at_entry"};
        Datum values[] = {allocated, CStringGetTextDatum(status_text), promised,
                          allocated, qty,                              promised};
        bool nulls[] = {false, false, no_promise, false, false, no_promise};
        int columns[6];
        for (int i = 0; i < 6; ++i) columns[i] = SPI_fnumber(desc, names[i]);
        return heap_modify_tuple_by_cols(trigger->tg_trigtuple, desc, 6, columns, values, nulls);
    });
    return PointerGetDatum(planned);
}

// The columns that record a line's entry; the engine sets them in the entering statement.
const char *const kEntryColumns[] = {"qty_allocated_at_entry", "qty_at_entry",
                                     "promised_date_at_entry"};

void check_line_insert(TriggerData *trigger)
{
    TupleReader row = new_row(trigger);
    const char *rel = relation_name(trigger);
    const char *hint = "Leave it out of the INSERT; the engine sets it.";
    row.key("location");
    row.positive("qty");
    if (row.quantity("qty_allocated") != 0) refuse_maintained("qty_allocated", rel, hint);
    if (row.quantity("qty_shipped") != 0) refuse_maintained("qty_shipped", rel, hint);
    if (row.text("status") != "backordered") refuse_maintained("status", rel, hint);
    if (!row.is_null("promised_date")) refuse_maintained("promised_date", rel, hint);
    for (const char *column : kEntryColumns) {
        if (!row.is_null(column)) refuse_maintained(column, rel, hint);
    }
    // History is kept by business day: a line is entered on the engine's today.
    if (row.date("entered_on") != std::optional<core::Day>(today()))
        refuse_maintained("entered_on", rel, hint);
}

// Whether a numeric column holds the same value (or null) before and after an update.
bool same_numeric(const TupleReader &before, const TupleReader &after, const char *column)
{
    bool before_null;
    bool after_null;
    Datum old_value = before.get(column, &before_null);
    Datum new_value = after.get(column, &after_null);
    if (before_null || after_null) return before_null == after_null;
    return pg_call([&]() noexcept {
        return DatumGetBool(DirectFunctionCall2(numeric_eq, old_value, new_value));
    });
}

void check_delivery_window(const TupleReader &row)
{
    auto requested = row.calendar("requested_date");
    auto cancel_after = row.calendar("cancel_after");
    if (requested && cancel_after && *cancel_after < *requested) {
        raise_sqlstate(ERRCODE_CHECK_VIOLATION, "cancel_after must not be before requested_date",
                       "The delivery window ends on " + core::format_iso_date(*cancel_after) +
                           " but the line is requested for " +
                           core::format_iso_date(*requested) + ".",
                       {});
    }
}

void check_line_update(TriggerData *trigger)
{
    TupleReader before = old_row(trigger);
    TupleReader after = new_row(trigger);
    const char *rel = relation_name(trigger);
    const char *hint = "Use backorder.ship() or backorder.cancel(), or change qty.";
    if (before.quantity("qty_allocated") != after.quantity("qty_allocated"))
        refuse_maintained("qty_allocated", rel, hint);
    if (before.quantity("qty_shipped") != after.quantity("qty_shipped"))
        refuse_maintained("qty_shipped", rel, hint);
    if (before.text("status") != after.text("status")) refuse_maintained("status", rel, hint);
    if (before.date("promised_date") != after.date("promised_date"))
        refuse_maintained("promised_date", rel, hint);
    const char *entry_hint = "It records the line's entry, which history is computed from.";
    if (!same_numeric(before, after, "qty_allocated_at_entry"))
        refuse_maintained("qty_allocated_at_entry", rel, entry_hint);
    if (!same_numeric(before, after, "qty_at_entry"))
        refuse_maintained("qty_at_entry", rel, entry_hint);
    if (before.date("promised_date_at_entry") != after.date("promised_date_at_entry"))
        refuse_maintained("promised_date_at_entry", rel, entry_hint);
    if (before.date("entered_on") != after.date("entered_on"))
        refuse_maintained("entered_on", rel, entry_hint);

    const char *move_hint = "Cancel the line and enter a new one.";
    if (before.int8("line_id") != after.int8("line_id"))
        refuse_identity_change("line_id", rel, move_hint);
    if (before.text("sku") != after.text("sku")) refuse_identity_change("sku", rel, move_hint);
    if (before.text("location") != after.text("location"))
        refuse_identity_change("location", rel, move_hint);
    if (before.int8("created_at") != after.int8("created_at"))
        refuse_identity_change("created_at", rel, move_hint);

    bool plan_changed = before.quantity("qty") != after.quantity("qty") ||
                        before.int4("priority") != after.int4("priority") ||
                        before.date("requested_date") != after.date("requested_date") ||
                        before.date("cancel_after") != after.date("cancel_after") ||
                        before.boolean("ship_complete") != after.boolean("ship_complete");
    if (!plan_changed) return;
    std::int64_t line_id = *after.int8("line_id");
    core::require_open(line_id, core::parse_status(before.text("status")), "change");
    core::Quantity qty = after.positive("qty");
    core::Quantity shipped = after.quantity("qty_shipped");
    if (qty < shipped) {
        raise_sqlstate(ERRCODE_CHECK_VIOLATION, "qty cannot be less than what has shipped",
                       "Order line " + std::to_string(line_id) + " has shipped " +
                           core::format_quantity(shipped) + ".",
                       {});
    }
}

}  // namespace

// An entered line: check it, and plan it when it ranks last (see plan_entry).
BACKORDER_ENTRY(backorder_line_check)
{
    TriggerData *trigger = trigger_data(fcinfo);
    if (engine_is_writing()) return row_unchanged(trigger);
    if (!TRIGGER_FIRED_BY_INSERT(trigger->tg_event))
        throw Error(ErrorKind::WrongState, "function can only be called as an insert trigger");
    check_line_insert(trigger);
    check_delivery_window(new_row(trigger));
    return plan_at_row_time(trigger, fcinfo->flinfo);
}

// A changed line: the engine's own updates pass at once.
BACKORDER_ENTRY(backorder_line_change_check)
{
    TriggerData *trigger = trigger_data(fcinfo);
    if (engine_is_writing()) return row_unchanged(trigger);
    if (!TRIGGER_FIRED_BY_UPDATE(trigger->tg_event))
        throw Error(ErrorKind::WrongState, "function can only be called as an update trigger");
    check_line_update(trigger);
    check_delivery_window(new_row(trigger));
    return row_unchanged(trigger);
}

// Order entry: reserve what is available, queue the rest. Lines planned at
// row time (see plan_entry) may leave only their ledger, events and stock row.
BACKORDER_ENTRY(backorder_lines_entered)
{
    TriggerData *trigger = trigger_data(fcinfo);
    return with_transition_tables(trigger, [trigger] {
        std::map<SkuLocation, std::vector<EnteredLine>> by_key;
        for_each_row(trigger, trigger->tg_newtable, [&](const TupleReader &row) {
            SkuLocation key{row.text("sku"), row.text("location")};
            by_key[key].push_back(
                EnteredLine{key, entered_line(row), !row.is_null("qty_allocated_at_entry")});
        });
        for (auto &[key, stored] : by_key) enter_lines(key, stored);
    });
}

// A change of qty, priority, dates or ship_complete re-ranks and re-promises.
BACKORDER_ENTRY(backorder_lines_changed)
{
    TriggerData *trigger = trigger_data(fcinfo);
    if (engine_is_writing()) return PointerGetDatum(nullptr);
    return with_transition_tables(trigger, [] {
        lock_and_reconcile(keys_from(
            "SELECT DISTINCT n.sku, n.location FROM new_rows n JOIN old_rows o USING (line_id)"
            " WHERE (n.qty, n.priority, n.requested_date, n.cancel_after, n.ship_complete)"
            "       IS DISTINCT FROM"
            "       (o.qty, o.priority, o.requested_date, o.cancel_after, o.ship_complete)"));
    });
}

// Deleted open lines release their reservations to the queue.
BACKORDER_ENTRY(backorder_lines_deleted)
{
    TriggerData *trigger = trigger_data(fcinfo);
    return with_transition_tables(trigger, [] {
        std::uint64_t count = execute_sql(
            "SELECT sku, location, line_id, (qty_allocated * 1000000)::int8,"
            "       ((qty - qty_shipped) * 1000000)::int8"
            "  FROM old_rows WHERE status IN ('allocated', 'partial', 'backordered')"
            " ORDER BY line_id",
            Access::Read);
        std::map<SkuLocation, std::vector<std::pair<LedgerRow, EventRow>>> by_key;
        for (std::uint64_t i = 0; i < count; ++i) {
            Row row(i);
            std::int64_t line_id = row.int8(3);
            by_key[SkuLocation{row.text(1), row.text(2)}].emplace_back(
                LedgerRow{line_id, -row.int8(4), "cancelled", {}},
                EventRow{"cancelled", line_id, row.int8(5), {}, {}, {}});
        }
        for (const auto &[key, closed] : by_key) {
            StockRow stock = lock_stock(key);
            std::vector<LedgerRow> ledger;
            std::vector<EventRow> events;
            for (const auto &[entry, event] : closed) {
                if (entry.qty != 0) ledger.push_back(entry);
                events.push_back(event);
            }
            write_ledger(key, ledger);
            write_events(key, events);
            reconcile(key, stock.on_hand);
        }
    });
}

namespace {

// Record the terms first ordered: qty_at_order and expected_date_at_order default to qty and
// expected_date, so supplier performance is measured against them after the supply moves.
// A missing qty or expected_date is left for the NOT NULL constraints to report.
Datum with_order_terms(TriggerData *trigger, const TupleReader &row)
{
    bool qty_null;
    bool expected_null;
    Datum qty = row.get("qty", &qty_null);
    Datum expected = row.get("expected_date", &expected_null);
    bool fill_qty = row.is_null("qty_at_order") && !qty_null;
    bool fill_date = row.is_null("expected_date_at_order") && !expected_null;
    if (!row.is_null("qty_at_order")) row.positive("qty_at_order");
    if (!fill_qty && !fill_date) return row_unchanged(trigger);
    return pg_call([&]() noexcept {
        TupleDesc desc = trigger->tg_relation->rd_att;
        int columns[2];
        Datum values[2];
        bool nulls[2] = {false, false};
        int count = 0;
        if (fill_qty) {
            columns[count] = SPI_fnumber(desc, "qty_at_order");
            values[count++] = qty;
        }
        if (fill_date) {
            columns[count] = SPI_fnumber(desc, "expected_date_at_order");
            values[count++] = expected;
        }
        return PointerGetDatum(
            heap_modify_tuple_by_cols(trigger->tg_trigtuple, desc, count, columns, values, nulls));
    });
}

}  // namespace

BACKORDER_ENTRY(backorder_supply_check)
{
    TriggerData *trigger = trigger_data(fcinfo);
    if (engine_is_writing()) return row_unchanged(trigger);
    TupleReader row = new_row(trigger);
    const char *rel = relation_name(trigger);
    core::Quantity qty = row.positive("qty");
    row.calendar("expected_date");
    if (TRIGGER_FIRED_BY_INSERT(trigger->tg_event)) {
        row.key("location");
        if (row.quantity("qty_received") != 0)
            refuse_maintained("qty_received", rel, "Record arrivals in backorder.receipt.");
        row.calendar("ordered_on");
        row.calendar("expected_date_at_order");
        return with_order_terms(trigger, row);
    }
    TupleReader before = old_row(trigger);
    const char *terms_hint = "It records what was first ordered; change qty or expected_date.";
    if (!same_numeric(before, row, "qty_at_order"))
        refuse_identity_change("qty_at_order", rel, terms_hint);
    if (before.date("expected_date_at_order") != row.date("expected_date_at_order"))
        refuse_identity_change("expected_date_at_order", rel, terms_hint);
    core::Quantity received = before.quantity("qty_received");
    if (row.quantity("qty_received") != received)
        refuse_maintained("qty_received", rel, "Record arrivals in backorder.receipt.");
    const char *hint = "Cut this supply to what it received and add a new one.";
    if (before.int8("supply_id") != row.int8("supply_id"))
        refuse_identity_change("supply_id", rel, hint);
    if (before.text("sku") != row.text("sku")) refuse_identity_change("sku", rel, hint);
    if (before.text("location") != row.text("location"))
        refuse_identity_change("location", rel, hint);
    if (qty < received) {
        raise_sqlstate(ERRCODE_CHECK_VIOLATION, "supply qty cannot be less than what was received",
                       "Supply " + std::to_string(*row.int8("supply_id")) + " has received " +
                           core::format_quantity(received) + ".",
                       {});
    }
    return row_unchanged(trigger);
}

// New, moved, cut or removed supply changes what waiting lines are promised.
BACKORDER_ENTRY(backorder_supply_changed)
{
    TriggerData *trigger = trigger_data(fcinfo);
    if (engine_is_writing()) return PointerGetDatum(nullptr);
    return with_transition_tables(trigger, [] {
        lock_and_reconcile(keys_from("SELECT DISTINCT sku, location FROM changed_rows"));
    });
}

BACKORDER_ENTRY(backorder_receipt_check)
{
    TriggerData *trigger = trigger_data(fcinfo);
    if (!TRIGGER_FIRED_BY_INSERT(trigger->tg_event)) {
        const char *action = TRIGGER_FIRED_BY_UPDATE(trigger->tg_event) ? "update" : "delete";
        raise_sqlstate(ERRCODE_FEATURE_NOT_SUPPORTED,
                       std::string("cannot ") + action + " a receipt",
                       "Receipts are append-only.",
                       "Record a stock correction with backorder.adjust().");
    }
    TupleReader row = new_row(trigger);
    row.key("location");
    row.positive("qty");
    std::optional<core::Day> received_on = row.calendar("received_on");
    core::Day day = today();
    if (received_on && *received_on > day) {
        raise_sqlstate(ERRCODE_CHECK_VIOLATION, "received_on must not be after today",
                       "The receipt is dated " + core::format_iso_date(*received_on) +
                           " and today is " + core::format_iso_date(day) + ".",
                       "Record goods when they arrive.");
    }
    return row_unchanged(trigger);
}

namespace {

// Raise qty_received of the referenced supply, refusing supply of another key.
void receive_supply(const SkuLocation &key, const std::vector<Arrival> &arrivals)
{
    std::map<std::int64_t, core::Quantity> by_supply;
    for (const Arrival &a : arrivals) {
        if (a.supply_id) by_supply[*a.supply_id] += a.receipt.qty;
    }
    if (by_supply.empty()) return;
    // NO KEY UPDATE, not UPDATE: every concurrent receipt against the same
    // supply already holds KEY SHARE on it from its foreign key, and an
    // UPDATE lock would wait for that receipt while it waits for our stock row.
    static Statement check_sql(
        "SELECT supply_id, sku, location FROM backorder.supply"
        " WHERE supply_id = ANY($1) ORDER BY supply_id FOR NO KEY UPDATE",
        {INT8ARRAYOID});
    static Statement receive_sql(
        "UPDATE backorder.supply s"
        "   SET qty_received = least(s.qty, s.qty_received + trim_scale(u.qty::numeric / 1000000))"
        "  FROM unnest($3::int8[], $4::int8[]) AS u(supply_id, qty)"
        " WHERE s.supply_id = u.supply_id AND s.sku = $1 AND s.location = $2",
        {TEXTOID, TEXTOID, INT8ARRAYOID, INT8ARRAYOID});
    std::vector<std::int64_t> ids, quantities;
    for (const auto &[id, qty] : by_supply) {
        ids.push_back(id);
        quantities.push_back(qty);
    }
    std::uint64_t count = execute(check_sql, Args().int8_array(ids), Access::Write);
    for (std::uint64_t i = 0; i < count; ++i) {
        Row row(i);
        SkuLocation supply_key{row.text(2), row.text(3)};
        if (!(supply_key == key)) {
            throw Error(ErrorKind::RuleViolated,
                        "receipt for sku \"" + key.sku + "\" at \"" + key.location +
                            "\" references supply " + std::to_string(row.int8(1)) + " of sku \"" +
                            supply_key.sku + "\" at \"" + supply_key.location + "\"",
                        {}, "Receive goods against supply of the same sku and location.");
        }
    }
    Args args;
    args.text(key.sku).text(key.location).int8_array(ids).int8_array(quantities);
    execute(receive_sql, args, Access::EngineWrite);
}

}  // namespace

// Goods arrived: raise on-hand, close supply, fill the queue in rank order.
BACKORDER_ENTRY(backorder_receipts_arrived)
{
    TriggerData *trigger = trigger_data(fcinfo);
    return with_transition_tables(trigger, [trigger] {
        std::map<SkuLocation, std::vector<Arrival>> by_key;
        for_each_row(trigger, trigger->tg_newtable, [&](const TupleReader &row) {
            by_key[SkuLocation{row.text("sku"), row.text("location")}].push_back(
                Arrival{core::StockReceipt{*row.int8("receipt_id"), row.quantity("qty")},
                        row.int8("supply_id")});
        });
        for (auto &[key, arrivals] : by_key) {
            std::sort(arrivals.begin(), arrivals.end(), [](const Arrival &a, const Arrival &b) {
                return a.receipt.receipt_id < b.receipt.receipt_id;
            });
        }
        for (const auto &[key, arrivals] : by_key) {
            StockRow stock = lock_stock(key);
            ArrivalScope scope = arrival_scope(key, stock, arrivals);
            receive_supply(key, arrivals);
            core::Quantity on_hand = stock.on_hand;
            for (const Arrival &a : arrivals) on_hand = core::add_checked(on_hand, a.receipt.qty);
            reconcile_arrived(key, stock, on_hand, arrivals, scope);
        }
    });
}

BACKORDER_ENTRY(backorder_item_check)
{
    TriggerData *trigger = trigger_data(fcinfo);
    TupleReader row = new_row(trigger);
    row.key("sku");
    std::string rule = string_from_text(row.required("allocation_rule"));
    try {
        core::parse_rule(rule);
    } catch (const Error &) {
        throw Error(ErrorKind::InvalidArgument, "invalid allocation rule \"" + rule + "\"", {},
                    "Use fifo, due_date or window.");
    }
    return row_unchanged(trigger);
}

// A new rule, lead time or backorderable flag re-plans every location of the sku.
BACKORDER_ENTRY(backorder_item_changed)
{
    TriggerData *trigger = trigger_data(fcinfo);
    return with_transition_tables(trigger, [] {
        std::vector<SkuLocation> keys = keys_from(
            "SELECT s.sku, s.location FROM new_rows n JOIN old_rows o USING (sku)"
            "  JOIN backorder.stock s ON s.sku = n.sku"
            " WHERE (n.backorderable, n.lead_time_days, n.allocation_rule)"
            "       IS DISTINCT FROM (o.backorderable, o.lead_time_days, o.allocation_rule)");
        lock_and_reconcile(keys);
    });
}

// Guard the tables only the engine writes: a statement-level trigger.
BACKORDER_ENTRY(backorder_engine_only)
{
    TriggerData *trigger = trigger_data(fcinfo);
    if (engine_is_writing()) return PointerGetDatum(nullptr);
    const char *action = TRIGGER_FIRED_BY_TRUNCATE(trigger->tg_event) ? "truncate"
                         : TRIGGER_FIRED_BY_INSERT(trigger->tg_event) ? "insert into"
                         : TRIGGER_FIRED_BY_UPDATE(trigger->tg_event) ? "update"
                                                                       : "delete from";
    raise_sqlstate(ERRCODE_FEATURE_NOT_SUPPORTED,
                   std::string("cannot ") + action + " relation \"" + relation_name(trigger) +
                       "\"",
                   "Its rows are maintained by pg_backorder.",
                   "Use the backorder functions, or insert order lines, supply and receipts.");
}

}  // namespace backorder::pg
