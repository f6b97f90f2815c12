// The engine's work on one sku at one location: lock, load, plan, write.
//
// Quantities cross SPI as int8 millionths: read as (x * 1000000)::int8 and
// written as trim_scale($n::numeric / 1000000), so no rounding ever happens
// and the stored values look like what users typed.
#include "pg/engine.hpp"

#include <algorithm>
#include <map>

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
    "       (backordered * 1000000)::int8, planned_on"
    "  FROM backorder.stock WHERE sku = $1 AND location = $2 FOR UPDATE",
    {TEXTOID, TEXTOID});

Statement read_stock_sql(
    "SELECT (on_hand * 1000000)::int8, (allocated * 1000000)::int8,"
    "       (backordered * 1000000)::int8, planned_on"
    "  FROM backorder.stock WHERE sku = $1 AND location = $2",
    {TEXTOID, TEXTOID});

Statement create_stock_sql(
    "INSERT INTO backorder.stock (sku, location) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    {TEXTOID, TEXTOID});

Statement write_stock_sql(
    "UPDATE backorder.stock"
    "   SET on_hand = trim_scale($3::numeric / 1000000),"
    "       allocated = trim_scale($4::numeric / 1000000),"
    "       backordered = trim_scale($5::numeric / 1000000), planned_on = $6"
    " WHERE sku = $1 AND location = $2",
    {TEXTOID, TEXTOID, INT8OID, INT8OID, INT8OID, DATEOID});

Statement load_supplies_sql(
    "SELECT supply_id, expected_date, ((qty - qty_received) * 1000000)::int8"
    "  FROM backorder.supply"
    " WHERE sku = $1 AND location = $2 AND qty > qty_received",
    {TEXTOID, TEXTOID});

#define LINE_COLUMNS                                                             \
    "SELECT line_id, priority, requested_date, cancel_after, created_at,"        \
    "       (qty * 1000000)::int8, (qty_allocated * 1000000)::int8,"             \
    "       (qty_shipped * 1000000)::int8, ship_complete, promised_date, status" \
    "  FROM backorder.order_line"

Statement load_lines_sql(
    LINE_COLUMNS
    " WHERE sku = $1 AND location = $2 AND status IN ('allocated', 'partial', 'backordered')",
    {TEXTOID, TEXTOID});

// The waiting lines in rank order, one statement per rule; fifo reads
// order_line_queue_idx in order, the others sort the waiting lines.
#define WAITING_LINES \
    LINE_COLUMNS " WHERE sku = $1 AND location = $2 AND status IN ('partial', 'backordered')"

Statement fifo_queue_sql(WAITING_LINES " ORDER BY priority, created_at, line_id",
                         {TEXTOID, TEXTOID}, Reading::InBatches);
Statement due_date_queue_sql(WAITING_LINES
                             " ORDER BY priority, requested_date, created_at, line_id",
                             {TEXTOID, TEXTOID}, Reading::InBatches);
Statement window_queue_sql(
    WAITING_LINES
    " ORDER BY priority, cancel_after NULLS LAST, requested_date, created_at, line_id",
    {TEXTOID, TEXTOID}, Reading::InBatches);

// Waiting lines planned before this statement that rank after the rank key
// ($3 priority, $4 created_at, $5 line_id, $6 requested_date, $7
// cancel_after), one condition per rule. Lines of this statement have no
// promise yet.
#define WAITING_BEHIND(select)                                                       \
    select                                                                           \
        " WHERE sku = $1 AND location = $2 AND status IN ('partial', 'backordered')" \
        "   AND promised_date IS NOT NULL AND "
#define FIFO_AFTER "(priority, created_at, line_id) > ($3, $4, $5)"
#define DUE_DATE_AFTER "(priority, requested_date, created_at, line_id) > ($3, $6, $4, $5)"
#define WINDOW_AFTER                                                              \
    "(priority, cancel_after IS NULL, coalesce(cancel_after, '-infinity'::date)," \
    " requested_date, created_at, line_id)"                                       \
    " > ($3, $7 IS NULL, coalesce($7, '-infinity'::date), $6, $4, $5)"
#define FIFO_ORDER " ORDER BY priority, created_at, line_id"
const std::vector<Oid> kRankArgs{TEXTOID, TEXTOID, INT4OID, TIMESTAMPTZOID,
                                 INT8OID, DATEOID, DATEOID};

// Whether any such line exists. The order steers the plan to
// order_line_queue_idx whatever the statistics.
#define ANY_WAITING_BEHIND WAITING_BEHIND("SELECT 1 FROM backorder.order_line")
Statement fifo_behind_sql(ANY_WAITING_BEHIND FIFO_AFTER FIFO_ORDER " LIMIT 1", kRankArgs);
Statement due_date_behind_sql(ANY_WAITING_BEHIND DUE_DATE_AFTER " LIMIT 1", kRankArgs);
Statement window_behind_sql(ANY_WAITING_BEHIND WINDOW_AFTER " LIMIT 1", kRankArgs);

// The lines themselves.
Statement fifo_behind_lines_sql(WAITING_BEHIND(LINE_COLUMNS) FIFO_AFTER FIFO_ORDER, kRankArgs);
Statement due_date_behind_lines_sql(WAITING_BEHIND(LINE_COLUMNS) DUE_DATE_AFTER, kRankArgs);
Statement window_behind_lines_sql(WAITING_BEHIND(LINE_COLUMNS) WINDOW_AFTER, kRankArgs);

// The writes of a plan, as pieces of SQL with their array parameters named,
// so that one statement can write them all.
#define UPDATE_LINES(ids, allocated, statuses, promised)                                    \
    "UPDATE backorder.order_line l"                                                        \
    "   SET qty_allocated = trim_scale(u.allocated::numeric / 1000000),"                   \
    "       status = u.status, promised_date = u.promised_date,"                           \
    "       qty_allocated_at_entry = coalesce(l.qty_allocated_at_entry,"                   \
    "                                         trim_scale(u.allocated::numeric / 1000000)),"\
    "       qty_at_entry = coalesce(l.qty_at_entry, l.qty),"                               \
    "       promised_date_at_entry = CASE WHEN l.qty_allocated_at_entry IS NULL"           \
    "                                     THEN u.promised_date"                            \
    "                                     ELSE l.promised_date_at_entry END"               \
    "  FROM unnest(" ids "::int8[], " allocated "::int8[], " statuses "::text[], "         \
    promised "::date[]) AS u(line_id, allocated, status, promised_date)"                   \
    " WHERE l.line_id = u.line_id AND l.sku = $1 AND l.location = $2"

// also_from joins more relations: a row of theirs must exist for rows to be written.
#define INSERT_LEDGER(line_ids, quantities, reasons, receipts, also_from)                   \
    "INSERT INTO backorder.allocation (line_id, sku, location, qty, reason, receipt_id)"    \
    "SELECT e.line_id, $1, $2, trim_scale(e.qty::numeric / 1000000), e.reason, e.receipt_id"\
    "  FROM unnest(" line_ids "::int8[], " quantities "::int8[], " reasons "::text[], "     \
    receipts "::int8[]) WITH ORDINALITY AS e(line_id, qty, reason, receipt_id, n)"         \
    also_from " ORDER BY e.n"

#define INSERT_EVENTS(kinds, line_ids, quantities, receipts, old_dates, new_dates, also_from)\
    "INSERT INTO backorder.event"                                                          \
    "       (kind, line_id, sku, location, qty, receipt_id, old_date, new_date)"           \
    "SELECT e.kind, e.line_id, $1, $2, trim_scale(e.qty::numeric / 1000000), e.receipt_id,"\
    "       e.old_date, e.new_date"                                                        \
    "  FROM unnest(" kinds "::text[], " line_ids "::int8[], " quantities "::int8[], "      \
    receipts "::int8[], " old_dates "::date[], " new_dates "::date[])"                     \
    "       WITH ORDINALITY AS e(kind, line_id, qty, receipt_id, old_date, new_date, n)"   \
    also_from " ORDER BY e.n"

Statement insert_ledger_sql(INSERT_LEDGER("$3", "$4", "$5", "$6", ""),
                            {TEXTOID, TEXTOID, INT8ARRAYOID, INT8ARRAYOID, TEXTARRAYOID,
                             INT8ARRAYOID});

Statement insert_events_sql(INSERT_EVENTS("$3", "$4", "$5", "$6", "$7", "$8", ""),
                            {TEXTOID, TEXTOID, TEXTARRAYOID, INT8ARRAYOID, INT8ARRAYOID,
                             INT8ARRAYOID, DATEARRAYOID, DATEARRAYOID});

// A plan's outcome in one statement: line states, ledger, events and the
// stock row. Each statement the engine runs costs a start and an end of the
// executor on top of its rows, and order entry writes one of each.
Statement write_outcome_sql(
    "WITH lines AS (" UPDATE_LINES("$3", "$4", "$5", "$6") "),"
    " ledger AS (" INSERT_LEDGER("$7", "$8", "$9", "$10", "") "),"
    " events AS (" INSERT_EVENTS("$11", "$12", "$13", "$14", "$15", "$16", "") ")"
    "UPDATE backorder.stock"
    "   SET on_hand = trim_scale($17::numeric / 1000000),"
    "       allocated = trim_scale($18::numeric / 1000000),"
    "       backordered = trim_scale($19::numeric / 1000000), planned_on = $20"
    " WHERE sku = $1 AND location = $2",
    {TEXTOID, TEXTOID, INT8ARRAYOID, INT8ARRAYOID, TEXTARRAYOID, DATEARRAYOID, INT8ARRAYOID,
     INT8ARRAYOID, TEXTARRAYOID, INT8ARRAYOID, TEXTARRAYOID, INT8ARRAYOID, INT8ARRAYOID,
     INT8ARRAYOID, DATEARRAYOID, DATEARRAYOID, INT8OID, INT8OID, INT8OID, DATEOID});

// The rest of an entry planned while its row was inserted: ledger, events
// and the stock row (the line was stored as planned), written only if the
// stock row, once locked, is still the version planned against ($17): every
// change to the sku writes a new version of it. Updates 1 row or none.
Statement write_entry_sql(
    "WITH locked AS (SELECT ctid::text AS version FROM backorder.stock"
    "                 WHERE sku = $1 AND location = $2 FOR UPDATE),"
    " unchanged AS (SELECT FROM locked WHERE version = $17),"
    " ledger AS (" INSERT_LEDGER("$3", "$4", "$5", "$6", ", unchanged") "),"
    " events AS (" INSERT_EVENTS("$7", "$8", "$9", "$10", "$11", "$12", ", unchanged") ")"
    "UPDATE backorder.stock"
    "   SET on_hand = trim_scale($13::numeric / 1000000),"
    "       allocated = trim_scale($14::numeric / 1000000),"
    "       backordered = trim_scale($15::numeric / 1000000), planned_on = $16"
    "  FROM unchanged WHERE sku = $1 AND location = $2",
    {TEXTOID, TEXTOID, INT8ARRAYOID, INT8ARRAYOID, TEXTARRAYOID, INT8ARRAYOID, TEXTARRAYOID,
     INT8ARRAYOID, INT8ARRAYOID, INT8ARRAYOID, DATEARRAYOID, DATEARRAYOID, INT8OID, INT8OID,
     INT8OID, DATEOID, TEXTOID});

// An entry planned at row time reads its item and stock row in one
// statement. The stock row's ctid names the version planned against: every
// change to the sku writes a new version of that row. Its xmax names the
// last transaction to lock it (the engine's own, or one that replaces it).
Statement item_and_stock_sql(
    "SELECT i.backorderable, i.lead_time_days, i.allocation_rule,"
    "       (s.on_hand * 1000000)::int8, (s.allocated * 1000000)::int8,"
    "       (s.backordered * 1000000)::int8, s.planned_on, s.ctid::text,"
    "       s.xmax::text::int8"
    "  FROM backorder.item i JOIN backorder.stock s ON s.sku = i.sku AND s.location = $2"
    " WHERE i.sku = $1",
    {TEXTOID, TEXTOID});

// Lines of a statement that has not ended: their ranking columns and key,
// and whether they were planned at row time.
Statement stored_lines_sql(
    "SELECT line_id, priority, requested_date, cancel_after, created_at,"
    "       (qty * 1000000)::int8, ship_complete, sku, location,"
    "       qty_allocated_at_entry IS NOT NULL"
    "  FROM backorder.order_line WHERE line_id = ANY($1) ORDER BY line_id",
    {INT8ARRAYOID});

// Entered lines back to the state they were inserted in.
Statement reset_entered_sql(
    "UPDATE backorder.order_line"
    "   SET qty_allocated = 0, status = 'backordered', promised_date = NULL,"
    "       qty_allocated_at_entry = NULL, qty_at_entry = NULL, promised_date_at_entry = NULL"
    " WHERE line_id = ANY($1)",
    {INT8ARRAYOID});

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

// A stock row read from columns first .. first + 3.
StockRow stock_from_row(const Row &row, int first = 1)
{
    return StockRow{row.int8(first), row.int8(first + 1), row.int8(first + 2),
                    row.optional_date(first + 3)};
}

// An item's policy read from columns 1 .. 3.
core::ItemPolicy item_from_row(const Row &row)
{
    core::ItemPolicy item;
    item.backorderable = row.boolean(1);
    item.lead_time_days = row.int4(2);
    item.rule = core::parse_rule(row.text(3));
    return item;
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

// Append the line updates as the arrays of UPDATE_LINES.
void add_line_updates(Args &args, const std::vector<core::LineUpdate> &updates)
{
    std::vector<std::int64_t> ids, allocated;
    std::vector<std::string> statuses;
    std::vector<std::optional<core::Day>> promised;
    for (const core::LineUpdate &u : updates) {
        ids.push_back(u.line_id);
        allocated.push_back(u.allocated);
        statuses.emplace_back(core::status_name(u.status));
        promised.push_back(u.promised_date);
    }
    args.int8_array(ids).int8_array(allocated).text_array(statuses).date_array(promised);
}

// Append ledger rows as the arrays of INSERT_LEDGER.
void add_ledger(Args &args, const std::vector<LedgerRow> &rows)
{
    std::vector<std::int64_t> line_ids, quantities;
    std::vector<std::string> reasons;
    std::vector<std::optional<std::int64_t>> receipts;
    for (const LedgerRow &r : rows) {
        line_ids.push_back(r.line_id);
        quantities.push_back(r.qty);
        reasons.emplace_back(r.reason);
        receipts.push_back(r.receipt_id);
    }
    args.int8_array(line_ids).int8_array(quantities).text_array(reasons).int8_array(receipts);
}

// Append events as the arrays of INSERT_EVENTS.
void add_events(Args &args, const std::vector<EventRow> &events)
{
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
    args.text_array(kinds).int8_array(line_ids).int8_array(quantities).int8_array(receipts);
    args.date_array(old_dates).date_array(new_dates);
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

Statement &queue_sql(core::Rule rule)
{
    switch (rule) {
        case core::Rule::Fifo:
            return fifo_queue_sql;
        case core::Rule::DueDate:
            return due_date_queue_sql;
        case core::Rule::Window:
            return window_queue_sql;
    }
    throw core::Error(core::ErrorKind::Internal, "unknown allocation rule");
}

// The statement asking whether waiting lines rank behind a rank key, or
// (lines) reading them.
Statement &behind_sql(core::Rule rule, bool lines = false)
{
    switch (rule) {
        case core::Rule::Fifo:
            return lines ? fifo_behind_lines_sql : fifo_behind_sql;
        case core::Rule::DueDate:
            return lines ? due_date_behind_lines_sql : due_date_behind_sql;
        case core::Rule::Window:
            return lines ? window_behind_lines_sql : window_behind_sql;
    }
    throw core::Error(core::ErrorKind::Internal, "unknown allocation rule");
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

// Note at DEBUG1 how much of a key's queue was planned.
void log_decision(const SkuLocation &key, const char *how, std::size_t lines)
{
    if (!message_level_is_interesting(DEBUG1)) return;
    std::string message = std::string("pg_backorder: planned ") + how + " of sku \"" + key.sku +
                          "\" at \"" + key.location + "\" (" + std::to_string(lines) + " lines)";
    const char *text = message.c_str();
    pg_call([&]() noexcept { elog(DEBUG1, "%s", text); });
}

// Write what a plan changed (line states, ledger, events) and the stock row.
void write_outcome(const SkuLocation &key, const core::Plan &plan, const StockRow &stock)
{
    // Every event and ledger row comes with a change of its line.
    if (plan.updates.empty()) {
        write_stock(key, stock);
        return;
    }
    Args args;
    args.text(key.sku).text(key.location);
    add_line_updates(args, plan.updates);
    add_ledger(args, ledger_from_plan(plan));
    add_events(args, events_from_plan(plan));
    args.int8(stock.on_hand).int8(stock.allocated).int8(stock.backordered);
    args.date(stock.planned_on);
    execute(write_outcome_sql, args, Access::EngineWrite);
    if (!plan.events.empty() && notify_enabled()) notify_event_listeners();
}

// The parameters of the behind statements: the key and the rank of the
// first of the entered lines.
Args behind_args(const SkuLocation &key, core::Rule rule,
                 const std::vector<core::OpenLine> &entered)
{
    const core::OpenLine &first = *std::min_element(
        entered.begin(), entered.end(), [&](const core::OpenLine &a, const core::OpenLine &b) {
            return core::ranks_before(rule, a.rank, b.rank);
        });
    Args args;
    args.text(key.sku).text(key.location).int4(first.rank.priority);
    args.timestamptz(first.rank.created_at).int8(first.rank.line_id);
    args.date(first.rank.requested_date).date(first.rank.cancel_after);
    return args;
}

// Whether a waiting line planned before this statement ranks behind the
// first of the entered lines; with nothing waiting, none does.
bool enters_ahead_of_waiting(const SkuLocation &key, const StockRow &stock, core::Rule rule,
                             const std::vector<core::OpenLine> &entered)
{
    if (stock.backordered <= 0) return false;
    return execute(behind_sql(rule), behind_args(key, rule, entered), Access::Read) > 0;
}

// The waiting lines planned before this statement that rank behind the first
// of the entered lines: the only lines besides them that entering them can
// change, since reservations are never taken from a line.
std::vector<core::OpenLine> load_waiting_behind(const SkuLocation &key, const StockRow &stock,
                                                core::Rule rule,
                                                const std::vector<core::OpenLine> &entered)
{
    if (stock.backordered <= 0) return {};
    std::uint64_t count =
        execute(behind_sql(rule, true), behind_args(key, rule, entered), Access::Read);
    std::vector<core::OpenLine> lines;
    lines.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) lines.push_back(line_from_row(Row(i)));
    return lines;
}

// Plan entered lines in a queue planned today together with the waiting
// lines that rank behind the first of them (none when they enter behind the
// whole queue), on the stock every other line leaves and behind what the
// waiting lines ahead claim; write the outcome.
void plan_entered(const SkuLocation &key, const StockRow &stock, const core::ItemPolicy &item,
                  const std::vector<core::OpenLine> &entered,
                  const std::vector<core::OpenLine> &behind, core::Day day)
{
    core::Quantity held_behind = 0, waiting_behind = 0;
    for (const core::OpenLine &line : behind) {
        held_behind = core::add_checked(held_behind, line.allocated);
        waiting_behind =
            core::add_checked(waiting_behind, line.qty - line.shipped - line.allocated);
    }
    core::Quantity available = stock.on_hand - stock.allocated;
    core::PlanInput input;
    input.item = item;
    input.today = day;
    input.on_hand = available + held_behind;
    input.waiting_ahead = stock.backordered - waiting_behind;
    input.lines = entered;
    input.lines.insert(input.lines.end(), behind.begin(), behind.end());
    // Supply matters only when lines will wait.
    core::Quantity wanted = waiting_behind;
    for (const core::OpenLine &line : entered) wanted = core::add_checked(wanted, line.qty);
    if (wanted > available) input.supplies = load_supplies(key);

    core::Plan plan = core::plan(input, check_for_interrupts);
    log_decision(key,
                 behind.empty() ? "new lines behind the queue"
                                : "new lines and the waiting lines behind them",
                 input.lines.size());
    write_outcome(key, plan,
                  StockRow{stock.on_hand, stock.allocated - held_behind + plan.allocated,
                           stock.backordered - waiting_behind + plan.backordered, day});
}

// The lines a statement entered on one sku and planned at row time (see
// "Order entry planned while rows are inserted" in engine.hpp).
struct SkuInFlight {
    const void *statement = nullptr;  // the entering statement
    bool refused = false;             // its later lines of the sku are planned at its end
    core::ItemPolicy item;
    StockRow stock;                   // as read, before the planned lines
    std::string stock_version;        // its ctid: every change to the sku writes a new version
    std::optional<std::vector<core::OpenSupply>> supplies;
    core::Quantity allocated = 0;       // reserved by the planned lines
    core::Quantity backordered = 0;     // still waiting in them
    std::vector<core::OpenLine> lines;  // planned, in the order inserted, which is rank order
    std::vector<LedgerRow> ledger;
    std::vector<EventRow> events;
    std::vector<SubTransactionId> planned_in;    // where its lines were planned
    std::optional<SubTransactionId> written_in;  // written before the statement's end
};

std::map<SkuLocation, SkuInFlight> in_flight;
std::size_t lines_in_flight = 0;

// Planned lines wait in memory for their statement's end; past this many, a
// statement's further lines are planned at its end.
constexpr std::size_t kMaxLinesInFlight = 100000;

SubTransactionId current_subtransaction()
{
    return pg_call([]() noexcept { return GetCurrentSubTransactionId(); });
}

bool same_entered_line(const core::OpenLine &a, const core::OpenLine &b)
{
    return a.rank.line_id == b.rank.line_id && a.rank.priority == b.rank.priority &&
           a.rank.requested_date == b.rank.requested_date &&
           a.rank.cancel_after == b.rank.cancel_after && a.rank.created_at == b.rank.created_at &&
           a.qty == b.qty && a.ship_complete == b.ship_complete;
}

// Whether a sku's stored lines are exactly its planned lines, stored as planned.
bool stored_as_planned(const SkuInFlight &sku, const std::vector<EnteredLine> &stored)
{
    if (stored.size() != sku.lines.size()) return false;
    for (std::size_t i = 0; i < stored.size(); ++i) {
        if (!stored[i].planned_at_row_time || !same_entered_line(sku.lines[i], stored[i].line))
            return false;
    }
    return true;
}

// Whether a row's xmax is a transaction other than ours that has not ended.
bool held_by_another_transaction(TransactionId xmax)
{
    return pg_call([xmax]() noexcept {
        return TransactionIdIsValid(xmax) && !TransactionIdIsCurrentTransactionId(xmax) &&
               TransactionIdIsInProgress(xmax);
    });
}

// Read the sku's item and stock row for its first line; false when the line
// is better planned at the statement's end: no item or stock row yet, a
// queue not planned today, waiting lines that rank behind it, or a stock row
// another transaction holds, which would change it first and turn the plan
// into wasted work.
bool start_sku(const SkuLocation &key, const core::OpenLine &line, SkuInFlight &sku)
{
    if (execute(item_and_stock_sql, Args().text(key.sku).text(key.location), Access::Read) == 0)
        return false;
    Row row(0);
    if (held_by_another_transaction(static_cast<TransactionId>(row.int8(9)))) return false;
    sku.item = item_from_row(row);
    sku.stock = stock_from_row(row, 4);
    sku.stock_version = row.text(8);
    return sku.stock.planned_on == today() && sku.stock.on_hand >= sku.stock.allocated &&
           !enters_ahead_of_waiting(key, sku.stock, sku.item.rule, {line});
}

// Lock the stock row and write the ledger, events and stock row of a sku's
// planned lines; false, having written nothing, when the stock row is no
// longer the version they were planned against.
bool write_planned(const SkuLocation &key, const SkuInFlight &sku)
{
    Args args;
    args.text(key.sku).text(key.location);
    add_ledger(args, sku.ledger);
    add_events(args, sku.events);
    args.int8(sku.stock.on_hand).int8(sku.stock.allocated + sku.allocated);
    args.int8(sku.stock.backordered + sku.backordered).date(sku.stock.planned_on);
    args.text(sku.stock_version);
    if (execute(write_entry_sql, args, Access::EngineWrite) == 0) return false;
    if (!sku.events.empty() && notify_enabled()) notify_event_listeners();
    return true;
}

// Before anything else locks a sku with lines in flight, write them if they
// are all stored as planned, so that the stock row counts every stored line;
// the statement's later lines of the sku are planned at its end.
void write_entry_early(const SkuLocation &key)
{
    auto it = in_flight.find(key);
    if (it == in_flight.end()) return;
    SkuInFlight &sku = it->second;
    if (sku.written_in || sku.lines.empty()) return;
    std::vector<std::int64_t> ids;
    for (const core::OpenLine &line : sku.lines) ids.push_back(line.rank.line_id);
    std::uint64_t count = execute(stored_lines_sql, Args().int8_array(ids), Access::Read);
    std::vector<EnteredLine> stored;
    for (std::uint64_t i = 0; i < count; ++i) {
        Row row(i);
        EnteredLine line{SkuLocation{row.text(8), row.text(9)}, {}, row.boolean(10)};
        line.line.rank.line_id = row.int8(1);
        line.line.rank.priority = row.int4(2);
        line.line.rank.requested_date = row.date(3);
        line.line.rank.cancel_after = row.optional_date(4);
        line.line.rank.created_at = row.int8(5);
        line.line.qty = row.int8(6);
        line.line.ship_complete = row.boolean(7);
        if (!(line.key == key)) return;
        stored.push_back(line);
    }
    if (!stored_as_planned(sku, stored) || !write_planned(key, sku)) return;
    sku.written_in = current_subtransaction();
    sku.refused = true;
}

// Run SQL from a BEFORE ROW trigger, which connects to SPI only when it must.
template <typename F>
auto with_spi(F &&work)
{
    spi_connect();
    auto result = work();
    spi_finish();
    return result;
}

// Remove a sku's lines from memory, returning them.
SkuInFlight take_in_flight(std::map<SkuLocation, SkuInFlight>::iterator it)
{
    SkuInFlight sku = std::move(it->second);
    in_flight.erase(it);
    lines_in_flight -= std::min(lines_in_flight, sku.lines.size());
    return sku;
}

}  // namespace

core::ItemPolicy load_item(const std::string &sku)
{
    if (execute(load_item_sql, Args().text(sku), Access::Read) == 0) {
        throw core::Error(core::ErrorKind::NotFound, "unknown sku \"" + sku + "\"", {},
                          "Add the item to backorder.item first.");
    }
    return item_from_row(Row(0));
}

StockRow lock_stock(const SkuLocation &key)
{
    write_entry_early(key);
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
    log_decision(key, "the whole queue", input.lines.size());

    write_outcome(key, plan, StockRow{on_hand, plan.allocated, plan.backordered, input.today});
}

void reconcile_entered(const SkuLocation &key, const StockRow &stock,
                       const std::vector<core::OpenLine> &entered)
{
    core::Day day = today();
    if (stock.planned_on != day || stock.on_hand < stock.allocated || entered.empty()) {
        reconcile(key, stock.on_hand);
        return;
    }
    core::ItemPolicy item = load_item(key.sku);
    plan_entered(key, stock, item, entered, load_waiting_behind(key, stock, item.rule, entered),
                 day);
}

std::optional<core::LineUpdate> plan_entry(const SkuLocation &key, const core::OpenLine &line,
                                           const void *statement)
{
    auto it = in_flight.find(key);
    if (it == in_flight.end()) {
        if (lines_in_flight >= kMaxLinesInFlight) return std::nullopt;
        it = in_flight.emplace(key, SkuInFlight{}).first;
        it->second.statement = statement;
        if (!with_spi([&] { return start_sku(key, line, it->second); })) {
            it->second.refused = true;
            return std::nullopt;
        }
    }
    SkuInFlight &sku = it->second;
    if (sku.statement != statement || sku.refused) return std::nullopt;
    core::Day day = today();
    if (!sku.lines.empty() &&
        (!core::ranks_before(sku.item.rule, sku.lines.back().rank, line.rank) ||
         lines_in_flight >= kMaxLinesInFlight || sku.stock.planned_on != day)) {
        sku.refused = true;
        return std::nullopt;
    }
    core::PlanInput input;
    input.item = sku.item;
    input.today = day;
    input.on_hand = sku.stock.on_hand - sku.stock.allocated - sku.allocated;
    input.waiting_ahead = sku.stock.backordered + sku.backordered;
    input.lines = {line};
    // Supply matters only to lines that will wait.
    if (line.qty > input.on_hand) {
        if (!sku.supplies) sku.supplies = with_spi([&] { return load_supplies(key); });
        input.supplies = *sku.supplies;
    }
    core::Plan plan = core::plan(input, check_for_interrupts);
    if (plan.updates.size() != 1 || plan.updates[0].line_id != line.rank.line_id) {
        sku.refused = true;
        return std::nullopt;
    }
    sku.allocated += plan.allocated;
    sku.backordered += plan.backordered;
    std::vector<LedgerRow> ledger = ledger_from_plan(plan);
    sku.ledger.insert(sku.ledger.end(), ledger.begin(), ledger.end());
    std::vector<EventRow> events = events_from_plan(plan);
    sku.events.insert(sku.events.end(), events.begin(), events.end());
    sku.lines.push_back(line);
    ++lines_in_flight;
    SubTransactionId here = current_subtransaction();
    if (sku.planned_in.empty() || sku.planned_in.back() != here) sku.planned_in.push_back(here);
    return plan.updates[0];
}

void enter_lines(const SkuLocation &key, std::vector<EnteredLine> &stored)
{
    // The sku's lines in memory belong to this statement if its first is
    // among the stored lines; none planned, they hold nothing worth keeping.
    std::optional<SkuInFlight> sku;
    auto it = in_flight.find(key);
    if (it != in_flight.end()) {
        const std::vector<core::OpenLine> &planned = it->second.lines;
        if (planned.empty() ||
            std::any_of(stored.begin(), stored.end(), [&](const EnteredLine &l) {
                return l.line.rank.line_id == planned.front().rank.line_id;
            }))
            sku = take_in_flight(it);
    }
    if (sku && sku->written_in) {
        // Written before the statement's end: entered like any earlier line.
        std::vector<std::int64_t> written;
        for (const core::OpenLine &line : sku->lines) written.push_back(line.rank.line_id);
        stored.erase(std::remove_if(stored.begin(), stored.end(),
                                    [&](const EnteredLine &l) {
                                        return std::find(written.begin(), written.end(),
                                                         l.line.rank.line_id) != written.end();
                                    }),
                     stored.end());
    } else if (sku && !sku->refused && !sku->lines.empty() && stored_as_planned(*sku, stored) &&
               write_planned(key, *sku)) {
        return;
    }
    std::vector<std::int64_t> planned;
    std::vector<core::OpenLine> lines;
    for (const EnteredLine &l : stored) {
        if (l.planned_at_row_time) planned.push_back(l.line.rank.line_id);
        lines.push_back(l.line);
    }
    if (!planned.empty())
        execute(reset_entered_sql, Args().int8_array(planned), Access::EngineWrite);
    if (!lines.empty()) reconcile_entered(key, lock_stock(key), lines);
}

void entry_subtransaction_ended(bool committed, SubTransactionId ended,
                                SubTransactionId parent) noexcept
{
    for (auto &[key, sku] : in_flight) {
        if (committed) {
            std::replace(sku.planned_in.begin(), sku.planned_in.end(), ended, parent);
            if (sku.written_in == ended) sku.written_in = parent;
            continue;
        }
        // Rolled back: what it wrote is undone, and lines it planned are gone.
        if (sku.written_in == ended) sku.written_in.reset();
        if (std::find(sku.planned_in.begin(), sku.planned_in.end(), ended) !=
            sku.planned_in.end())
            sku.refused = true;
    }
}

void forget_entries() noexcept
{
    in_flight.clear();
    lines_in_flight = 0;
}

ArrivalScope arrival_scope(const SkuLocation &key, const StockRow &stock,
                           const std::vector<Arrival> &arrivals)
{
    core::Day day = today();
    if (stock.planned_on != day || stock.on_hand < stock.allocated) return ArrivalScope::Whole;
    std::vector<core::SupplyReceipt> received;
    bool names_supply = false;
    for (const Arrival &a : arrivals) {
        received.push_back({a.supply_id, a.receipt.qty});
        names_supply = names_supply || a.supply_id.has_value();
    }
    std::vector<core::OpenSupply> supplies = load_supplies(key);
    if (names_supply ? core::receipts_take_timeline_front(supplies, received, day)
                     : core::extra_stock_keeps_promises(supplies, stock.backordered, day))
        return ArrivalScope::Head;
    return ArrivalScope::Waiting;
}

void reconcile_arrived(const SkuLocation &key, const StockRow &stock, core::Quantity on_hand,
                       const std::vector<Arrival> &arrivals, ArrivalScope scope)
{
    std::vector<core::StockReceipt> receipts;
    for (const Arrival &a : arrivals) receipts.push_back(a.receipt);
    if (scope == ArrivalScope::Whole) {
        reconcile(key, on_hand, receipts);
        return;
    }
    core::PlanInput input;
    input.item = load_item(key.sku);
    input.today = today();
    input.supplies = load_supplies(key);
    input.receipts = receipts;

    // The waiting lines in rank order, fetched in growing batches: for the
    // head only until their waiting quantity reaches past the available stock.
    core::Quantity available = on_hand - stock.allocated;
    core::Quantity loaded_allocated = 0, loaded_waiting = 0;
    auto wanted = [&] { return scope == ArrivalScope::Waiting || loaded_waiting < available; };
    if (stock.backordered > 0 && (scope == ArrivalScope::Waiting || available > 0)) {
        Cursor cursor(queue_sql(input.item.rule), Args().text(key.sku).text(key.location));
        // The head is often a line or two: a receipt of a few units.
        long batch = scope == ArrivalScope::Head ? 8 : 64;
        while (wanted()) {
            std::uint64_t count = cursor.fetch(batch);
            if (count == 0) break;
            for (std::uint64_t i = 0; i < count && wanted(); ++i) {
                core::OpenLine line = line_from_row(Row(i));
                loaded_allocated += line.allocated;
                loaded_waiting += line.qty - line.shipped - line.allocated;
                input.lines.push_back(line);
            }
            batch = std::min(batch * 2, 4096L);
        }
        cursor.close();
    }
    core::Quantity held_elsewhere = stock.allocated - loaded_allocated;
    input.on_hand = on_hand - held_elsewhere;

    core::Plan plan = core::plan(input, check_for_interrupts);
    log_decision(key,
                 scope == ArrivalScope::Head ? "the head of the queue a receipt reaches"
                                             : "the waiting lines",
                 input.lines.size());

    write_outcome(key, plan,
                  StockRow{on_hand, held_elsewhere + plan.allocated,
                           stock.backordered - loaded_waiting + plan.backordered, input.today});
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
    Args args;
    args.text(key.sku).text(key.location);
    add_events(args, events);
    execute(insert_events_sql, args, Access::EngineWrite);
    if (notify_enabled()) notify_event_listeners();
}

void write_ledger(const SkuLocation &key, const std::vector<LedgerRow> &rows)
{
    if (rows.empty()) return;
    Args args;
    args.text(key.sku).text(key.location);
    add_ledger(args, rows);
    execute(insert_ledger_sql, args, Access::EngineWrite);
}

void write_stock(const SkuLocation &key, const StockRow &stock)
{
    Args args;
    args.text(key.sku).text(key.location).int8(stock.on_hand).int8(stock.allocated);
    args.int8(stock.backordered).date(stock.planned_on);
    execute(write_stock_sql, args, Access::EngineWrite);
}

}  // namespace backorder::pg
