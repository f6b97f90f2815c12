// The engine's work on one sku at one location: lock, load, plan, write.
//
// Quantities cross SPI as int8 millionths: read as (x * 1000000)::int8 and
// written as trim_scale($n::numeric / 1000000), so no rounding ever happens
// and the stored values look like what users typed.
#include "pg/engine.hpp"

#include "core/error.hpp"
#include "pg/boundary.hpp"
#include "pg/spi.hpp"
#include "pg/values.hpp"

namespace backorder::pg {
namespace {

Statement load_item_sql(
    "SELECT backorderable, lead_time_days, allocation_rule FROM backorder.item WHERE sku = $1",
    {TEXTOID});

Statement lock_stock_sql(
    "SELECT (on_hand * 1000000)::int8, (allocated * 1000000)::int8,"
    "       (backordered * 1000000)::int8"
    "  FROM backorder.stock WHERE sku = $1 AND location = $2 FOR UPDATE",
    {TEXTOID, TEXTOID});

Statement read_stock_sql(
    "SELECT (on_hand * 1000000)::int8, (allocated * 1000000)::int8,"
    "       (backordered * 1000000)::int8"
    "  FROM backorder.stock WHERE sku = $1 AND location = $2",
    {TEXTOID, TEXTOID});

Statement create_stock_sql(
    "INSERT INTO backorder.stock (sku, location) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    {TEXTOID, TEXTOID});

Statement write_stock_sql(
    "UPDATE backorder.stock"
    "   SET on_hand = trim_scale($3::numeric / 1000000),"
    "       allocated = trim_scale($4::numeric / 1000000),"
    "       backordered = trim_scale($5::numeric / 1000000)"
    " WHERE sku = $1 AND location = $2",
    {TEXTOID, TEXTOID, INT8OID, INT8OID, INT8OID});

Statement load_supplies_sql(
    "SELECT supply_id, expected_date, ((qty - qty_received) * 1000000)::int8"
    "  FROM backorder.supply"
    " WHERE sku = $1 AND location = $2 AND qty > qty_received",
    {TEXTOID, TEXTOID});

Statement load_lines_sql(
    "SELECT line_id, priority, requested_date, cancel_after, created_at,"
    "       (qty * 1000000)::int8, (qty_allocated * 1000000)::int8,"
    "       (qty_shipped * 1000000)::int8, ship_complete, promised_date, status"
    "  FROM backorder.order_line"
    " WHERE sku = $1 AND location = $2 AND status IN ('allocated', 'partial', 'backordered')",
    {TEXTOID, TEXTOID});

Statement update_lines_sql(
    "UPDATE backorder.order_line l"
    "   SET qty_allocated = trim_scale(u.allocated::numeric / 1000000),"
    "       status = u.status, promised_date = u.promised_date,"
    "       qty_allocated_at_entry = coalesce(l.qty_allocated_at_entry,"
    "                                         trim_scale(u.allocated::numeric / 1000000)),"
    "       qty_at_entry = coalesce(l.qty_at_entry, l.qty),"
    "       promised_date_at_entry = CASE WHEN l.qty_allocated_at_entry IS NULL"
    "                                     THEN u.promised_date"
    "                                     ELSE l.promised_date_at_entry END"
    "  FROM unnest($3::int8[], $4::int8[], $5::text[], $6::date[])"
    "       AS u(line_id, allocated, status, promised_date)"
    " WHERE l.line_id = u.line_id AND l.sku = $1 AND l.location = $2",
    {TEXTOID, TEXTOID, INT8ARRAYOID, INT8ARRAYOID, TEXTARRAYOID, DATEARRAYOID});

Statement insert_ledger_sql(
    "INSERT INTO backorder.allocation (line_id, sku, location, qty, reason, receipt_id)"
    "SELECT e.line_id, $1, $2, trim_scale(e.qty::numeric / 1000000), e.reason, e.receipt_id"
    "  FROM unnest($3::int8[], $4::int8[], $5::text[], $6::int8[]) WITH ORDINALITY"
    "       AS e(line_id, qty, reason, receipt_id, n)"
    " ORDER BY e.n",
    {TEXTOID, TEXTOID, INT8ARRAYOID, INT8ARRAYOID, TEXTARRAYOID, INT8ARRAYOID});

Statement insert_events_sql(
    "INSERT INTO backorder.event"
    "       (kind, line_id, sku, location, qty, receipt_id, old_date, new_date)"
    "SELECT e.kind, e.line_id, $1, $2, trim_scale(e.qty::numeric / 1000000), e.receipt_id,"
    "       e.old_date, e.new_date"
    "  FROM unnest($3::text[], $4::int8[], $5::int8[], $6::int8[], $7::date[], $8::date[])"
    "       WITH ORDINALITY AS e(kind, line_id, qty, receipt_id, old_date, new_date, n)"
    " ORDER BY e.n",
    {TEXTOID, TEXTOID, TEXTARRAYOID, INT8ARRAYOID, INT8ARRAYOID, INT8ARRAYOID, DATEARRAYOID,
     DATEARRAYOID});

Statement close_lines_sql(
    "WITH closing AS ("
    "    SELECT line_id, qty_allocated AS released, qty - qty_shipped AS open_qty"
    "      FROM backorder.order_line"
    "     WHERE line_id = ANY($3) AND sku = $1 AND location = $2"
    "       AND status IN ('allocated', 'partial', 'backordered'))"
    "UPDATE backorder.order_line l SET status = 'cancelled', qty_allocated = 0"
    "  FROM closing c WHERE l.line_id = c.line_id"
    " RETURNING l.line_id, (c.released * 1000000)::int8, (c.open_qty * 1000000)::int8",
    {TEXTOID, TEXTOID, INT8ARRAYOID});

StockRow stock_from_row(const Row &row)
{
    return StockRow{row.int8(1), row.int8(2), row.int8(3)};
}

core::OpenLine line_from_row(const Row &row)
{
    core::OpenLine line;
    line.rank.line_id = row.int8(1);
    line.rank.priority = row.int4(2);
    line.rank.requested_date = row.date(3);
    line.rank.cancel_after = row.optional_date(4);
    line.rank.created_at = row.int8(5);
    line.qty = row.int8(6);
    line.allocated = row.int8(7);
    line.shipped = row.int8(8);
    line.ship_complete = row.boolean(9);
    line.promised_date = row.optional_date(10);
    line.status = core::parse_status(row.text(11));
    // Only lines entered by the statement being planned lack a promise.
    line.is_new = !line.promised_date.has_value();
    return line;
}

std::vector<core::OpenLine> load_open_lines(const SkuLocation &key)
{
    std::uint64_t count =
        execute(load_lines_sql, Args().text(key.sku).text(key.location), Access::Read);
    std::vector<core::OpenLine> lines;
    lines.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) lines.push_back(line_from_row(Row(i)));
    return lines;
}

void write_line_updates(const SkuLocation &key, const std::vector<core::LineUpdate> &updates)
{
    if (updates.empty()) return;
    std::vector<std::int64_t> ids, allocated;
    std::vector<std::string> statuses;
    std::vector<std::optional<core::Day>> promised;
    for (const core::LineUpdate &u : updates) {
        ids.push_back(u.line_id);
        allocated.push_back(u.allocated);
        statuses.emplace_back(core::status_name(u.status));
        promised.push_back(u.promised_date);
    }
    Args args;
    args.text(key.sku).text(key.location).int8_array(ids).int8_array(allocated);
    args.text_array(statuses).date_array(promised);
    execute(update_lines_sql, args, Access::EngineWrite);
}

std::vector<EventRow> events_from_plan(const core::Plan &plan)
{
    std::vector<EventRow> rows;
    rows.reserve(plan.events.size());
    for (const core::Event &e : plan.events) {
        // A changed promise moves dates, not quantities.
        std::optional<core::Quantity> qty;
        if (e.kind != core::EventKind::PromiseChanged) qty = e.qty;
        rows.push_back(EventRow{std::string(core::event_name(e.kind)), e.line_id, qty,
                                e.receipt_id, e.old_date, e.new_date});
    }
    return rows;
}

std::vector<LedgerRow> ledger_from_plan(const core::Plan &plan)
{
    std::vector<LedgerRow> rows;
    rows.reserve(plan.ledger.size());
    for (const core::LedgerEntry &e : plan.ledger) {
        rows.push_back(LedgerRow{e.line_id, e.qty, e.qty > 0 ? "allocated" : "deallocated",
                                 e.receipt_id});
    }
    return rows;
}

}  // namespace

core::ItemPolicy load_item(const std::string &sku)
{
    if (execute(load_item_sql, Args().text(sku), Access::Read) == 0) {
        throw core::Error(core::ErrorKind::NotFound, "unknown sku \"" + sku + "\"", {},
                          "Add the item to backorder.item first.");
    }
    Row row(0);
    core::ItemPolicy item;
    item.backorderable = row.boolean(1);
    item.lead_time_days = row.int4(2);
    item.rule = core::parse_rule(row.text(3));
    return item;
}

StockRow lock_stock(const SkuLocation &key)
{
    Args args;
    args.text(key.sku).text(key.location);
    if (execute(lock_stock_sql, args, Access::Write) == 0) {
        execute(create_stock_sql, args, Access::EngineWrite);
        if (execute(lock_stock_sql, args, Access::Write) == 0) {
            throw core::Error(core::ErrorKind::Internal, "could not lock stock of sku \"" +
                                                             key.sku + "\"");
        }
    }
    return stock_from_row(Row(0));
}

StockRow read_stock(const SkuLocation &key)
{
    if (execute(read_stock_sql, Args().text(key.sku).text(key.location), Access::Read) == 0) {
        return StockRow{};
    }
    return stock_from_row(Row(0));
}

std::vector<core::OpenSupply> load_supplies(const SkuLocation &key)
{
    std::uint64_t count =
        execute(load_supplies_sql, Args().text(key.sku).text(key.location), Access::Read);
    std::vector<core::OpenSupply> supplies;
    supplies.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) {
        Row row(i);
        supplies.push_back(core::OpenSupply{row.int8(1), row.date(2), row.int8(3)});
    }
    return supplies;
}

void reconcile(const SkuLocation &key, core::Quantity on_hand,
               const std::vector<core::StockReceipt> &receipts)
{
    core::PlanInput input;
    input.item = load_item(key.sku);
    input.today = today();
    input.on_hand = on_hand;
    input.supplies = load_supplies(key);
    input.lines = load_open_lines(key);
    input.receipts = receipts;

    core::Plan plan = core::plan(input, check_for_interrupts);

    write_line_updates(key, plan.updates);
    write_ledger(key, ledger_from_plan(plan));
    write_events(key, events_from_plan(plan));
    write_stock(key, StockRow{on_hand, plan.allocated, plan.backordered});
}

std::size_t close_lines(const SkuLocation &key, const std::vector<std::int64_t> &line_ids,
                        const char *event_kind)
{
    Args args;
    args.text(key.sku).text(key.location).int8_array(line_ids);
    std::uint64_t count = execute(close_lines_sql, args, Access::EngineWrite);
    std::vector<EventRow> events;
    std::vector<LedgerRow> ledger;
    for (std::uint64_t i = 0; i < count; ++i) {
        Row row(i);
        std::int64_t line_id = row.int8(1);
        core::Quantity released = row.int8(2);
        if (released > 0) ledger.push_back(LedgerRow{line_id, -released, "cancelled", {}});
        events.push_back(EventRow{event_kind, line_id, row.int8(3), {}, {}, {}});
    }
    write_ledger(key, ledger);
    write_events(key, events);
    return count;
}

void write_events(const SkuLocation &key, const std::vector<EventRow> &events)
{
    if (events.empty()) return;
    std::vector<std::string> kinds;
    std::vector<std::int64_t> line_ids;
    std::vector<std::optional<std::int64_t>> quantities, receipts;
    std::vector<std::optional<core::Day>> old_dates, new_dates;
    for (const EventRow &e : events) {
        kinds.push_back(e.kind);
        line_ids.push_back(e.line_id);
        quantities.push_back(e.qty);
        receipts.push_back(e.receipt_id);
        old_dates.push_back(e.old_date);
        new_dates.push_back(e.new_date);
    }
    Args args;
    args.text(key.sku).text(key.location).text_array(kinds).int8_array(line_ids);
    args.int8_array(quantities).int8_array(receipts).date_array(old_dates);
    args.date_array(new_dates);
    execute(insert_events_sql, args, Access::EngineWrite);
    if (notify_enabled()) notify_event_listeners();
}

void write_ledger(const SkuLocation &key, const std::vector<LedgerRow> &rows)
{
    if (rows.empty()) return;
    std::vector<std::int64_t> line_ids, quantities;
    std::vector<std::string> reasons;
    std::vector<std::optional<std::int64_t>> receipts;
    for (const LedgerRow &r : rows) {
        line_ids.push_back(r.line_id);
        quantities.push_back(r.qty);
        reasons.emplace_back(r.reason);
        receipts.push_back(r.receipt_id);
    }
    Args args;
    args.text(key.sku).text(key.location).int8_array(line_ids).int8_array(quantities);
    args.text_array(reasons).int8_array(receipts);
    execute(insert_ledger_sql, args, Access::EngineWrite);
}

void write_stock(const SkuLocation &key, const StockRow &stock)
{
    Args args;
    args.text(key.sku).text(key.location).int8(stock.on_hand).int8(stock.allocated);
    args.int8(stock.backordered);
    execute(write_stock_sql, args, Access::EngineWrite);
}

}  // namespace backorder::pg
