// SQL functions: available-to-promise, quotes, and the warehouse's actions.
#include <algorithm>

#include "core/error.hpp"
#include "core/line.hpp"
#include "core/supply.hpp"
#include "pg/boundary.hpp"
#include "pg/engine.hpp"
#include "pg/spi.hpp"
#include "pg/values.hpp"

namespace backorder::pg {
namespace {

using core::Error;
using core::ErrorKind;

// A materialized result for a set-returning function.
struct ResultSet {
    Tuplestorestate *store = nullptr;
    TupleDesc desc = nullptr;
};

// Prepare a materialized result in the query's memory.
ResultSet begin_result_set(FunctionCallInfo fcinfo)
{
    auto *info = reinterpret_cast<ReturnSetInfo *>(fcinfo->resultinfo);
    if (info == nullptr || !IsA(info, ReturnSetInfo) ||
        (info->allowedModes & SFRM_Materialize) == 0) {
        throw Error(ErrorKind::WrongState,
                    "set-valued function called in context that cannot accept a set");
    }
    ResultSet result;
    pg_call([&]() noexcept {
        TupleDesc desc;
        if (get_call_result_type(fcinfo, nullptr, &desc) != TYPEFUNC_COMPOSITE)
            elog(ERROR, "return type must be a row type");
        MemoryContext old = MemoryContextSwitchTo(info->econtext->ecxt_per_query_memory);
        result.desc = CreateTupleDescCopy(desc);
        result.store = tuplestore_begin_heap(true, false, work_mem);
        MemoryContextSwitchTo(old);
        info->returnMode = SFRM_Materialize;
        info->setResult = result.store;
        info->setDesc = result.desc;
    });
    return result;
}

void put_row(const ResultSet &result, Datum *values, bool *nulls)
{
    pg_call([&]() noexcept { tuplestore_putvalues(result.store, result.desc, values, nulls); });
}

SkuLocation key_args(FunctionCallInfo fcinfo, int sku_arg, int location_arg)
{
    return SkuLocation{key_from_text(required_arg(fcinfo, sku_arg, "sku"), "sku"),
                       key_from_text(required_arg(fcinfo, location_arg, "location"), "location")};
}

// A date argument; null means today.
core::Day optional_date_arg(FunctionCallInfo fcinfo, int index, const char *name)
{
    return PG_ARGISNULL(index) ? today() : calendar_date(PG_GETARG_DATUM(index), name);
}

// What the engine knows of a sku and location without locking it.
struct Position {
    core::ItemPolicy item;
    StockRow stock;
    std::vector<core::OpenSupply> supplies;
};

Position read_position(const SkuLocation &key)
{
    Position position;
    position.item = load_item(key.sku);
    position.stock = read_stock(key);
    position.supplies = load_supplies(key);
    return position;
}

// The waiting lines that may rank behind a quote of priority $3 requested for
// $4, which is entered now and so loses every tie: lines of a smaller
// priority are ahead under every rule, and under fifo so are those of the
// same priority. Under fifo the lines read are those behind, found through
// order_line_queue_idx; the other rules read every line of the same priority.
#define WAITING_CLAIMS                                                         \
    "SELECT priority, requested_date, cancel_after,"                          \
    "       ((qty - qty_shipped - qty_allocated) * 1000000)::int8"            \
    "  FROM backorder.order_line"                                             \
    " WHERE sku = $1 AND location = $2 AND status IN ('partial', 'backordered')"

Statement &candidates_sql(core::Rule rule)
{
    static const std::vector<Oid> types{TEXTOID, TEXTOID, INT4OID, DATEOID};
    // The order steers the plan to order_line_queue_idx whatever the statistics.
    static Statement fifo(
        WAITING_CLAIMS " AND priority > $3 ORDER BY priority, created_at, line_id", types);
    static Statement due_date(
        WAITING_CLAIMS " AND priority >= $3 AND (priority > $3 OR requested_date > $4)", types);
    static Statement window(
        WAITING_CLAIMS " AND priority >= $3"
                       " AND (priority > $3 OR (cancel_after IS NULL AND requested_date > $4))",
        types);
    switch (rule) {
        case core::Rule::Fifo:
            return fifo;
        case core::Rule::DueDate:
            return due_date;
        case core::Rule::Window:
            return window;
    }
    throw Error(ErrorKind::Internal, "unknown allocation rule");
}

// An order line as ship() and cancel() need it.
struct LineState {
    SkuLocation key;
    core::ShipRequest line;
};

LineState load_line(std::int64_t line_id)
{
    static Statement sql(
        "SELECT sku, location, status, (qty * 1000000)::int8, (qty_allocated * 1000000)::int8,"
        "       (qty_shipped * 1000000)::int8, ship_complete"
        "  FROM backorder.order_line WHERE line_id = $1",
        {INT8OID});
    if (execute(sql, Args().int8(line_id), Access::Read) == 0) {
        throw Error(ErrorKind::NotFound,
                    "order line " + std::to_string(line_id) + " does not exist");
    }
    Row row(0);
    LineState state;
    state.key = SkuLocation{row.text(1), row.text(2)};
    state.line.line_id = line_id;
    state.line.status = core::parse_status(row.text(3));
    state.line.qty = row.int8(4);
    state.line.allocated = row.int8(5);
    state.line.shipped = row.int8(6);
    state.line.ship_complete = row.boolean(7);
    return state;
}

// Lock the line's sku and location, then read the line as it is now.
LineState lock_line(std::int64_t line_id, StockRow *stock)
{
    SkuLocation key = load_line(line_id).key;
    *stock = lock_stock(key);
    return load_line(line_id);
}

// The line as a composite value in the caller's memory; call before spi_finish().
Datum line_datum(std::int64_t line_id)
{
    static Statement sql("SELECT * FROM backorder.order_line WHERE line_id = $1", {INT8OID});
    execute(sql, Args().int8(line_id), Access::Read);
    return pg_call([]() noexcept {
        return PointerGetDatum(SPI_returntuple(SPI_tuptable->vals[0], SPI_tuptable->tupdesc));
    });
}

void record_shipment(const LineState &state, const core::ShipResult &result)
{
    static Statement update_sql(
        "UPDATE backorder.order_line"
        "   SET qty_allocated = trim_scale($2::numeric / 1000000),"
        "       qty_shipped = trim_scale($3::numeric / 1000000), status = $4"
        " WHERE line_id = $1",
        {INT8OID, INT8OID, INT8OID, TEXTOID});
    static Statement shipment_sql(
        "INSERT INTO backorder.shipment (line_id, sku, location, qty)"
        " VALUES ($1, $2, $3, trim_scale($4::numeric / 1000000))",
        {INT8OID, TEXTOID, TEXTOID, INT8OID});
    std::int64_t line_id = state.line.line_id;
    Args update;
    update.int8(line_id).int8(result.allocated).int8(result.shipped);
    update.text(std::string(core::status_name(result.status)));
    execute(update_sql, update, Access::EngineWrite);
    Args shipment;
    shipment.int8(line_id).text(state.key.sku).text(state.key.location).int8(result.shipped_now);
    execute(shipment_sql, shipment, Access::EngineWrite);
    write_ledger(state.key, {LedgerRow{line_id, -result.shipped_now, "shipped", {}}});
    write_events(state.key, {EventRow{"shipped", line_id, result.shipped_now, {}, {}, {}}});
}

}  // namespace

// backorder.atp(sku, location, on_date)
BACKORDER_ENTRY(backorder_atp)
{
    SkuLocation key = key_args(fcinfo, 0, 1);
    core::Day on_date = optional_date_arg(fcinfo, 2, "on_date");
    spi_connect();
    Position p = read_position(key);
    core::Quantity atp = core::atp(p.stock.on_hand - p.stock.allocated, p.stock.backordered,
                                   p.supplies, today(), on_date);
    spi_finish();
    return numeric_from_quantity(atp);
}

// backorder.atp_profile(sku, location, horizon_days)
BACKORDER_ENTRY(backorder_atp_profile)
{
    SkuLocation key = key_args(fcinfo, 0, 1);
    std::int32_t horizon = DatumGetInt32(required_arg(fcinfo, 2, "horizon_days"));
    ResultSet result = begin_result_set(fcinfo);
    spi_connect();
    Position p = read_position(key);
    std::vector<core::ProfileBucket> buckets =
        core::atp_profile(p.stock.on_hand - p.stock.allocated, p.stock.backordered, p.supplies,
                          today(), horizon);
    for (const core::ProfileBucket &b : buckets) {
        Datum values[5] = {DateADTGetDatum(b.bucket), numeric_from_quantity(b.supply),
                           numeric_from_quantity(b.committed), numeric_from_quantity(b.atp),
                           numeric_from_quantity(b.cumulative_atp)};
        bool nulls[5] = {false, false, false, false, false};
        put_row(result, values, nulls);
    }
    spi_finish();
    return Datum(0);
}

// backorder.promise(sku, qty, location, requested_date, priority)
BACKORDER_ENTRY(backorder_promise)
{
    SkuLocation key = key_args(fcinfo, 0, 2);
    core::Quantity qty = positive_quantity(required_arg(fcinfo, 1, "qty"), "qty");
    core::Day day = today();
    core::Day requested = optional_date_arg(fcinfo, 3, "requested_date");
    std::int32_t priority = DatumGetInt32(required_arg(fcinfo, 4, "priority"));
    ResultSet result = begin_result_set(fcinfo);
    spi_connect();
    Position p = read_position(key);
    Args args;
    args.text(key.sku).text(key.location).int4(priority).date(requested);
    std::uint64_t count = execute(candidates_sql(p.item.rule), args, Access::Read);
    std::vector<core::WaitingClaim> candidates;
    for (std::uint64_t i = 0; i < count; ++i) {
        Row row(i);
        candidates.push_back(
            core::WaitingClaim{row.int4(1), row.date(2), row.optional_date(3), row.int8(4)});
    }
    core::Quantity ahead = core::waiting_ahead(p.item.rule, priority, requested,
                                               p.stock.backordered, candidates);
    std::vector<core::Coverage> schedule =
        core::promise_schedule(p.item, p.stock.on_hand - p.stock.allocated, ahead, p.supplies,
                               day, requested, qty);
    for (const core::Coverage &c : schedule) {
        bool stockout = c.basis == core::SupplyBasis::Stockout;
        std::string basis(core::basis_name(c.basis));
        Datum values[4] = {DateADTGetDatum(c.date), numeric_from_quantity(c.qty),
                           pg_call([&]() noexcept { return CStringGetTextDatum(basis.c_str()); }),
                           Int64GetDatum(c.supply_id.value_or(0))};
        bool nulls[4] = {stockout, false, false, !c.supply_id.has_value()};
        put_row(result, values, nulls);
    }
    spi_finish();
    return Datum(0);
}

// backorder.ship(line_id, qty): ship reserved stock; returns the line.
BACKORDER_ENTRY(backorder_ship)
{
    std::int64_t line_id = DatumGetInt64(required_arg(fcinfo, 0, "line_id"));
    std::optional<core::Quantity> qty;
    if (!PG_ARGISNULL(1)) qty = quantity_from_numeric(PG_GETARG_DATUM(1), "qty");
    spi_connect();
    StockRow stock;
    LineState state = lock_line(line_id, &stock);
    state.line.requested = qty;
    core::ShipResult result = core::plan_shipment(state.line);
    record_shipment(state, result);
    stock.on_hand -= result.shipped_now;
    stock.allocated -= result.shipped_now;
    write_stock(state.key, stock);
    Datum line = line_datum(line_id);
    spi_finish();
    return line;
}

// backorder.cancel(line_id): release the line's reservation; returns the line.
BACKORDER_ENTRY(backorder_cancel)
{
    std::int64_t line_id = DatumGetInt64(required_arg(fcinfo, 0, "line_id"));
    spi_connect();
    StockRow stock;
    LineState state = lock_line(line_id, &stock);
    core::require_open(line_id, state.line.status, "cancel");
    close_lines(state.key, {line_id}, "cancelled");
    reconcile(state.key, stock.on_hand);
    Datum line = line_datum(line_id);
    spi_finish();
    return line;
}

// backorder.adjust(sku, location, delta, reason): correct the count.
BACKORDER_ENTRY(backorder_adjust)
{
    SkuLocation key = key_args(fcinfo, 0, 1);
    core::Quantity delta = quantity_from_numeric(required_arg(fcinfo, 2, "delta"), "delta");
    if (delta == 0) throw Error(ErrorKind::InvalidArgument, "delta must not be zero");
    spi_connect();
    load_item(key.sku);
    StockRow stock = lock_stock(key);
    core::Quantity on_hand = core::add_checked(stock.on_hand, delta);
    if (on_hand < 0) {
        throw Error(ErrorKind::RuleViolated, "adjustment would make on hand negative",
                    "On hand is " + core::format_quantity(stock.on_hand) +
                        "; the adjustment is " + core::format_quantity(delta) + ".");
    }
    static Statement adjustment_sql(
        "INSERT INTO backorder.adjustment (sku, location, delta, reason)"
        " VALUES ($1, $2, trim_scale($3::numeric / 1000000), $4)",
        {TEXTOID, TEXTOID, INT8OID, TEXTOID});
    Args args;
    args.text(key.sku).text(key.location).int8(delta);
    if (PG_ARGISNULL(3)) {
        args.null();
    } else {
        args.add(PG_GETARG_DATUM(3));
    }
    execute(adjustment_sql, args, Access::EngineWrite);
    reconcile(key, on_hand);
    spi_finish();
    return numeric_from_quantity(on_hand);
}

// backorder.expire(as_of): cancel open lines whose delivery window has ended.
//
// Finding the expired lines is the one query that spans skus; each sku and
// location is then handled on its own, in lock order.
BACKORDER_ENTRY(backorder_expire)
{
    core::Day as_of = optional_date_arg(fcinfo, 0, "as_of");
    spi_connect();
    static Statement keys_sql(
        "SELECT DISTINCT sku, location FROM backorder.order_line"
        " WHERE status IN ('allocated', 'partial', 'backordered') AND cancel_after < $1",
        {DATEOID});
    static Statement lines_sql(
        "SELECT line_id FROM backorder.order_line"
        " WHERE sku = $1 AND location = $2 AND status IN ('allocated', 'partial', 'backordered')"
        "   AND cancel_after < $3 ORDER BY line_id",
        {TEXTOID, TEXTOID, DATEOID});
    std::uint64_t count = execute(keys_sql, Args().date(as_of), Access::Read);
    std::vector<SkuLocation> keys;
    for (std::uint64_t i = 0; i < count; ++i) {
        Row row(i);
        keys.push_back(SkuLocation{row.text(1), row.text(2)});
    }
    std::sort(keys.begin(), keys.end());
    std::int64_t expired = 0;
    for (const SkuLocation &key : keys) {
        StockRow stock = lock_stock(key);
        std::uint64_t n =
            execute(lines_sql, Args().text(key.sku).text(key.location).date(as_of), Access::Read);
        std::vector<std::int64_t> ids;
        for (std::uint64_t i = 0; i < n; ++i) ids.push_back(Row(i).int8(1));
        expired += static_cast<std::int64_t>(close_lines(key, ids, "expired"));
        reconcile(key, stock.on_hand);
    }
    spi_finish();
    return Int64GetDatum(expired);
}

}  // namespace backorder::pg
