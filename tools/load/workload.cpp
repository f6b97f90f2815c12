// The load itself: client threads that each run their share of operations.
//
// Every operation is one transaction: its statements, then a commit record
// (a row of backorder_load.op naming the rows it created), then COMMIT. What
// a client does next is drawn from its own random stream before it looks at
// the database, so a seed always produces the same sequence of attempts.
#include "load/workload.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <vector>

#include "core/quantity.hpp"

namespace backorder::load {

using client::Connection;
using client::Params;
using client::PgError;
using client::Result;
using Clock = std::chrono::steady_clock;

namespace {

const char *const kSchemaSql = R"sql(
CREATE SCHEMA IF NOT EXISTS backorder_load;
COMMENT ON SCHEMA backorder_load IS 'Runs of the pg_backorder load driver';
CREATE TABLE IF NOT EXISTS backorder_load.run (
    run_id serial PRIMARY KEY,
    seed bigint NOT NULL,
    clients integer NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS backorder_load.op (
    run_id integer NOT NULL,
    client integer NOT NULL,
    seq bigint NOT NULL,
    kind text NOT NULL,
    ids bigint[] NOT NULL,
    skus text[] NOT NULL,
    qtys bigint[] NOT NULL,
    refs bigint[] NOT NULL,
    PRIMARY KEY (run_id, client, seq)
);
COMMENT ON TABLE backorder_load.op IS
    'Commit record of each operation, written in its own transaction';
)sql";

// Items: every tenth one is not backorderable; rules and lead times vary.
const char *const kItemsSql =
    "INSERT INTO backorder.item (sku, backorderable, lead_time_days, allocation_rule)"
    " SELECT 'LOAD-' || lpad(i::text, 5, '0'), i % 10 <> 0, 7 + i % 21,"
    "        (ARRAY['fifo', 'due_date', 'window'])[1 + i % 3]"
    "   FROM generate_series(1, $1::int) AS i"
    " ON CONFLICT (sku) DO NOTHING";

const char *const kRecordSql =
    "INSERT INTO backorder_load.op (run_id, client, seq, kind, ids, skus, qtys, refs)"
    " VALUES ($1, $2, $3, $4, $5::int8[], $6::text[], $7::int8[], $8::int8[])";

const char *const kReceiveSql =
    "INSERT INTO backorder.receipt (sku, qty, supply_id)"
    " SELECT r.sku, r.qty,"
    "        CASE WHEN r.against_supply THEN"
    "            (SELECT s.supply_id FROM backorder.supply s"
    "              WHERE s.sku = r.sku AND s.location = 'main' AND s.qty > s.qty_received"
    "              ORDER BY s.expected_date, s.supply_id LIMIT 1) END"
    "   FROM unnest($1::text[], $2::numeric[], $3::bool[]) WITH ORDINALITY"
    "        AS r(sku, qty, against_supply, n)"
    "  ORDER BY r.n"
    " RETURNING receipt_id, sku, (qty * 1000000)::int8, coalesce(supply_id, 0)";

const char *const kShipCandidatesSql =
    "SELECT line_id, (qty_allocated * 1000000)::int8, ship_complete"
    "  FROM backorder.order_line"
    " WHERE sku = $1 AND location = 'main' AND status IN ('allocated', 'partial')"
    "   AND qty_allocated > 0 AND (NOT ship_complete OR qty_allocated + qty_shipped = qty)"
    " ORDER BY line_id LIMIT 12";

const char *const kShipSql =
    "SELECT sku, currval(pg_get_serial_sequence('backorder.shipment', 'shipment_id'))"
    "  FROM backorder.ship($1, $2::numeric)";

const char *const kCancelCandidatesSql =
    "SELECT line_id FROM backorder.order_line"
    " WHERE sku = $1 AND location = 'main' AND status IN ('allocated', 'partial', 'backordered')"
    " ORDER BY line_id DESC LIMIT 3";

const char *const kCancelSql = "SELECT sku FROM backorder.cancel($1)";

const char *const kOnHandSql =
    "SELECT (on_hand * 1000000)::int8 FROM backorder.stock WHERE sku = $1 AND location = 'main'";

const char *const kAdjustSql =
    "SELECT backorder.adjust($1, 'main', $2::numeric, $3),"
    "       currval(pg_get_serial_sequence('backorder.adjustment', 'adjustment_id'))";

const char *const kAddSupplySql =
    "INSERT INTO backorder.supply (sku, qty, expected_date, supplier, reference)"
    " VALUES ($1, $2::numeric, current_date + $3::int, 'load driver', $4)"
    " RETURNING supply_id, sku, (qty * 1000000)::int8, expected_date - date '2000-01-01'";

const char *const kMoveSupplySql =
    "UPDATE backorder.supply SET expected_date = current_date + $2::int"
    " WHERE supply_id = $1"
    " RETURNING supply_id, sku, expected_date - date '2000-01-01'";

// A refusal the engine is entitled to under concurrency: the line was
// shipped or cancelled meanwhile (55000), or less is reserved or on hand than
// the client read a moment before (23514).
bool is_expected_refusal(const std::string &sqlstate)
{
    return sqlstate == "55000" || sqlstate == "23514";
}

// A quantity in millionths: mostly whole units, now and then a fraction.
std::int64_t draw_quantity(std::mt19937_64 &rng, int min_units, int max_units)
{
    std::int64_t units = min_units + static_cast<std::int64_t>(rng() % (max_units - min_units + 1));
    std::int64_t qty = units * core::kUnit;
    switch (rng() % 10) {
        case 0:
            return qty + core::kUnit / 2;
        case 1:
            return qty + core::kUnit / 4;
        default:
            return qty;
    }
}

// An order line as entered.
struct LinePlan {
    std::string sku;
    std::int64_t qty = 0;
    int priority = 100;
    int requested_in_days = 0;
    std::optional<int> cancel_after_in_days;
    bool ship_complete = false;
};

// A receipt row as entered.
struct ReceiptPlan {
    std::string sku;
    std::int64_t qty = 0;
    bool against_supply = false;
};

// Everything an operation will do, drawn before it runs.
struct OpPlan {
    OpKind kind = OpKind::Enter;
    std::string sku;
    std::vector<LinePlan> lines;
    std::vector<ReceiptPlan> receipts;
    std::int64_t qty = 0;        // adjust delta, supply qty
    int days = 0;                // supply expected in days from today
    std::uint64_t pick = 0;      // which candidate to take, from those found
    std::int64_t supply_id = 0;  // the supply to move; 0 when the client has none
    bool partial = false;        // ship half of what is reserved
    bool touches_hot = false;    // a hot sku is among those it names
    bool isolation_rr = false;
};

// The connection broke while COMMIT was on its way.
struct CommitInDoubt {};

// The operation found nothing to act on.
struct NothingToDo {};

class Client {
public:
    Client(const Options &options, std::int64_t run_id, int index, std::int64_t ops,
           Clock::time_point deadline, OpLog &log, std::atomic<std::uint64_t> &progress)
        : options_(options),
          run_id_(run_id),
          index_(index),
          ops_(ops),
          deadline_(deadline),
          log_(log),
          progress_(progress),
          rng_(options.seed * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(index) + 1)
    {
    }

    void run();
    RunStats stats;

private:
    std::string pick_sku(OpPlan &plan);
    OpPlan draw();
    bool ensure_connected();
    std::vector<OpRow> attempt(const OpPlan &plan, const OpId &id);
    std::vector<OpRow> enter(const OpPlan &plan, const OpId &id);
    std::vector<OpRow> receive(const OpPlan &plan);
    std::vector<OpRow> ship(const OpPlan &plan);
    std::vector<OpRow> cancel(const OpPlan &plan);
    std::vector<OpRow> adjust(const OpPlan &plan, const OpId &id);
    std::vector<OpRow> add_supply(const OpPlan &plan, const OpId &id);
    std::vector<OpRow> move_supply(const OpPlan &plan);
    void write_record(const OpId &id, OpKind kind, const std::vector<OpRow> &rows);

    const Options &options_;
    std::int64_t run_id_;
    int index_;
    std::int64_t ops_;
    Clock::time_point deadline_;
    OpLog &log_;
    std::atomic<std::uint64_t> &progress_;
    std::mt19937_64 rng_;
    std::optional<Connection> conn_;
    client::RetryCounts retries_;
    // Acknowledged supply this client may move, and whether its sku is hot.
    std::vector<std::pair<std::int64_t, bool>> my_supplies_;
};

std::string Client::pick_sku(OpPlan &plan)
{
    // Half of all operations go to the hot skus, when there are any.
    int index = options_.hot_skus > 0 && rng_() % 2 == 0
                    ? static_cast<int>(rng_() % options_.hot_skus)
                    : static_cast<int>(rng_() % options_.skus);
    if (index < options_.hot_skus) plan.touches_hot = true;
    return sku_name(index);
}

OpPlan Client::draw()
{
    OpPlan plan;
    // Out of 100: enter 30, receive 20, ship 20, cancel 8, adjust 8, add supply 7,
    // move supply 7. Demand and supply roughly balance, and shipping keeps up
    // with what gets reserved, so queues wander rather than grow.
    int roll = static_cast<int>(rng_() % 100);
    plan.kind = roll < 30   ? OpKind::Enter
                : roll < 50 ? OpKind::Receive
                : roll < 70 ? OpKind::Ship
                : roll < 78 ? OpKind::Cancel
                : roll < 86 ? OpKind::Adjust
                : roll < 93 ? OpKind::AddSupply
                            : OpKind::MoveSupply;
    bool repeatable_read = rng_() % 4 == 0;
    plan.sku = pick_sku(plan);
    plan.pick = rng_();
    plan.partial = rng_() % 3 == 0;
    plan.days = static_cast<int>(rng_() % 30);
    switch (plan.kind) {
        case OpKind::Enter: {
            int count = rng_() % 2 == 0 ? 1 : 2 + static_cast<int>(rng_() % 3);
            static const int kPriorities[] = {10, 50, 100, 100, 100};
            for (int i = 0; i < count; ++i) {
                LinePlan line;
                line.sku = i == 0 ? plan.sku : pick_sku(plan);
                line.qty = draw_quantity(rng_, 1, 10);
                line.priority = kPriorities[rng_() % 5];
                line.requested_in_days = static_cast<int>(rng_() % 15);
                if (rng_() % 10 < 3) {
                    line.cancel_after_in_days =
                        line.requested_in_days + 30 + static_cast<int>(rng_() % 31);
                }
                line.ship_complete = rng_() % 100 < 15;
                plan.lines.push_back(line);
            }
            break;
        }
        case OpKind::Receive: {
            int count = rng_() % 2 == 0 ? 1 : 2 + static_cast<int>(rng_() % 2);
            for (int i = 0; i < count; ++i) {
                ReceiptPlan receipt;
                receipt.sku = i == 0 ? plan.sku : pick_sku(plan);
                receipt.qty = draw_quantity(rng_, 1, 16);
                receipt.against_supply = rng_() % 10 < 6;
                plan.receipts.push_back(receipt);
            }
            break;
        }
        case OpKind::Adjust:
            plan.qty = rng_() % 5 < 3 ? draw_quantity(rng_, 1, 5) : -draw_quantity(rng_, 1, 3);
            break;
        case OpKind::AddSupply:
            plan.qty = draw_quantity(rng_, 5, 25);
            break;
        case OpKind::MoveSupply:
            // Its own supply, whose sku decides whether it is hot.
            if (!my_supplies_.empty()) {
                const auto &[supply_id, hot] = my_supplies_[plan.pick % my_supplies_.size()];
                plan.supply_id = supply_id;
                plan.touches_hot = hot;
            }
            break;
        default:
            break;
    }
    switch (options_.isolation) {
        case Isolation::ReadCommitted:
            plan.isolation_rr = false;
            break;
        case Isolation::RepeatableRead:
            plan.isolation_rr = true;
            break;
        case Isolation::Mixed:
            // A hot sku's stock row is locked nearly all the time, so a
            // REPEATABLE READ transaction on it fails again and again; only
            // operations on the other skus run at that level.
            plan.isolation_rr = repeatable_read && !plan.touches_hot;
            break;
    }
    return plan;
}

// Connect or reconnect, waiting for a restarting server up to the limit.
bool Client::ensure_connected()
{
    if (conn_ && conn_->ok()) return true;
    bool again = conn_.has_value();
    conn_.reset();
    auto give_up = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(options_.reconnect_seconds));
    for (int tries = 0;; ++tries) {
        try {
            conn_.emplace(options_.conninfo, "pg_backorder_load");
            if (again) ++stats.reconnects;
            return true;
        } catch (const PgError &e) {
            if (Clock::now() > give_up) {
                std::fprintf(stderr, "client %d: cannot reconnect: %s\n", index_, e.what());
                return false;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(std::min(50 * (tries + 1), 500)));
        }
    }
}

void Client::write_record(const OpId &id, OpKind kind, const std::vector<OpRow> &rows)
{
    std::vector<std::int64_t> ids, qtys, refs;
    std::vector<std::string> skus;
    for (const OpRow &row : rows) {
        ids.push_back(row.id);
        skus.push_back(row.sku);
        qtys.push_back(row.qty);
        refs.push_back(row.ref);
    }
    Params params;
    params.add(id.run).add(id.client).add(id.seq).add(kind_name(kind));
    params.array(ids).array(skus).array(qtys).array(refs);
    conn_->exec(kRecordSql, params);
}

std::vector<OpRow> Client::enter(const OpPlan &plan, const OpId &id)
{
    std::string sql =
        "INSERT INTO backorder.order_line (order_ref, sku, qty, priority, requested_date,"
        " cancel_after, ship_complete) VALUES ";
    Params params;
    int n = 0;
    for (std::size_t i = 0; i < plan.lines.size(); ++i) {
        const LinePlan &line = plan.lines[i];
        if (i > 0) sql += ", ";
        // Placeholders numbered in order: order_ref, sku, qty, priority,
        // requested and cancel_after in days from today, ship_complete.
        static const char *const kCasts[] = {"",      "",      "::numeric", "::int",
                                             "::int", "::int", "::bool"};
        sql += "(";
        for (int k = 0; k < 7; ++k) {
            if (k > 0) sql += ", ";
            if (k == 4 || k == 5) sql += "current_date + ";
            sql += "$" + std::to_string(++n) + kCasts[k];
        }
        sql += ")";
        params.add(id.tag()).add(line.sku).add(core::format_quantity(line.qty));
        params.add(line.priority).add(line.requested_in_days);
        if (line.cancel_after_in_days) {
            params.add(*line.cancel_after_in_days);
        } else {
            params.null();
        }
        params.add(line.ship_complete);
    }
    sql += " RETURNING line_id, sku, (qty * 1000000)::int8";
    Result result = conn_->exec(sql, params);
    std::vector<OpRow> rows;
    for (int r = 0; r < result.rows(); ++r) {
        rows.push_back(OpRow{result.int64(r, 0), result.text(r, 1), result.int64(r, 2), 0});
    }
    return rows;
}

std::vector<OpRow> Client::receive(const OpPlan &plan)
{
    std::vector<std::string> skus, qtys, against;
    for (const ReceiptPlan &receipt : plan.receipts) {
        skus.push_back(receipt.sku);
        qtys.push_back(core::format_quantity(receipt.qty));
        against.push_back(receipt.against_supply ? "t" : "f");
    }
    Result result = conn_->exec(kReceiveSql, Params().array(skus).array(qtys).array(against));
    std::vector<OpRow> rows;
    for (int r = 0; r < result.rows(); ++r) {
        rows.push_back(
            OpRow{result.int64(r, 0), result.text(r, 1), result.int64(r, 2), result.int64(r, 3)});
    }
    return rows;
}

// A warehouse wave: ship one to six of the twelve oldest lines with stock
// reserved, taken from a random point on so that concurrent waves collide
// less, the first one only in part now and then. A line that another client
// shipped, cancelled or had its reservation cut since it was read is skipped
// by rolling back to a savepoint, as a wave would.
std::vector<OpRow> Client::ship(const OpPlan &plan)
{
    Result candidates = conn_->exec(kShipCandidatesSql, Params().add(plan.sku));
    if (candidates.rows() == 0) throw NothingToDo{};
    int count = std::min(candidates.rows(), 1 + static_cast<int>(plan.pick % 6));
    int start = static_cast<int>((plan.pick / 6) % candidates.rows());
    std::vector<OpRow> rows;
    for (int k = 0; k < count; ++k) {
        int r = (start + k) % candidates.rows();
        std::int64_t line_id = candidates.int64(r, 0);
        std::int64_t reserved = candidates.int64(r, 1);
        bool ship_complete = candidates.text(r, 2) == "t";
        std::int64_t qty = k == 0 && plan.partial && !ship_complete ? (reserved + 1) / 2 : reserved;
        conn_->exec("SAVEPOINT wave_line");
        try {
            Result shipped =
                conn_->exec(kShipSql, Params().add(line_id).add(core::format_quantity(qty)));
            rows.push_back(OpRow{shipped.int64(0, 1), shipped.text(0, 0), qty, line_id});
            conn_->exec("RELEASE SAVEPOINT wave_line");
        } catch (const PgError &e) {
            if (!is_expected_refusal(e.sqlstate())) throw;
            conn_->exec("ROLLBACK TO SAVEPOINT wave_line");
            ++stats.wave_lines_skipped;
        }
    }
    if (rows.empty()) throw NothingToDo{};
    return rows;
}

std::vector<OpRow> Client::cancel(const OpPlan &plan)
{
    Result candidates = conn_->exec(kCancelCandidatesSql, Params().add(plan.sku));
    if (candidates.rows() == 0) throw NothingToDo{};
    std::int64_t line_id = candidates.int64(static_cast<int>(plan.pick % candidates.rows()), 0);
    Result cancelled = conn_->exec(kCancelSql, Params().add(line_id));
    return {OpRow{line_id, cancelled.text(0, 0), 0, 0}};
}

std::vector<OpRow> Client::adjust(const OpPlan &plan, const OpId &id)
{
    std::int64_t delta = plan.qty;
    if (delta < 0) {
        // Count down no further than what is on hand; with nothing, count up.
        Result stock = conn_->exec(kOnHandSql, Params().add(plan.sku));
        std::int64_t on_hand = stock.rows() > 0 ? stock.int64(0, 0) : 0;
        if (on_hand == 0)
            delta = -delta;
        else if (-delta > on_hand)
            delta = -on_hand;
    }
    Result adjusted = conn_->exec(
        kAdjustSql, Params().add(plan.sku).add(core::format_quantity(delta)).add(id.tag()));
    return {OpRow{adjusted.int64(0, 1), plan.sku, delta, 0}};
}

std::vector<OpRow> Client::add_supply(const OpPlan &plan, const OpId &id)
{
    Result result = conn_->exec(
        kAddSupplySql,
        Params().add(plan.sku).add(core::format_quantity(plan.qty)).add(plan.days).add(id.tag()));
    return {OpRow{result.int64(0, 0), result.text(0, 1), result.int64(0, 2), result.int64(0, 3)}};
}

std::vector<OpRow> Client::move_supply(const OpPlan &plan)
{
    if (plan.supply_id == 0) throw NothingToDo{};
    Result result = conn_->exec(kMoveSupplySql, Params().add(plan.supply_id).add(plan.days));
    if (result.rows() == 0) throw NothingToDo{};
    return {OpRow{result.int64(0, 0), result.text(0, 1), 0, result.int64(0, 2)}};
}

// One try of an operation as one transaction, with its commit record.
std::vector<OpRow> Client::attempt(const OpPlan &plan, const OpId &id)
{
    conn_->exec(plan.isolation_rr ? "BEGIN ISOLATION LEVEL REPEATABLE READ"
                                  : "BEGIN ISOLATION LEVEL READ COMMITTED");
    std::vector<OpRow> rows;
    switch (plan.kind) {
        case OpKind::Enter:
            rows = enter(plan, id);
            break;
        case OpKind::Receive:
            rows = receive(plan);
            break;
        case OpKind::Ship:
            rows = ship(plan);
            break;
        case OpKind::Cancel:
            rows = cancel(plan);
            break;
        case OpKind::Adjust:
            rows = adjust(plan, id);
            break;
        case OpKind::AddSupply:
            rows = add_supply(plan, id);
            break;
        case OpKind::MoveSupply:
            rows = move_supply(plan);
            break;
    }
    write_record(id, plan.kind, rows);
    try {
        conn_->exec("COMMIT");
    } catch (const PgError &e) {
        if (e.connection_lost()) throw CommitInDoubt{};
        throw;
    }
    return rows;
}

void Client::run()
{
    for (std::int64_t seq = 1; seq <= ops_; ++seq) {
        if (Clock::now() >= deadline_) {
            stats.unfinished += static_cast<std::uint64_t>(ops_ - seq + 1);
            break;
        }
        OpPlan plan = draw();
        if (!ensure_connected()) {
            stats.unfinished += static_cast<std::uint64_t>(ops_ - seq + 1);
            stats.clients_gave_up = 1;
            break;
        }
        OpRecord record;
        record.id = OpId{run_id_, index_, seq};
        record.kind = plan.kind;
        try {
            record.rows = client::with_retry(
                *conn_, [&] { return attempt(plan, record.id); }, retries_, 100, deadline_);
            record.outcome = Outcome::Acknowledged;
            ++stats.acknowledged[static_cast<int>(plan.kind)];
            if (plan.kind == OpKind::AddSupply) {
                my_supplies_.emplace_back(record.rows[0].id, plan.touches_hot);
            }
            ++progress_;
        } catch (const NothingToDo &) {
            conn_->rollback_quietly();
            ++stats.skipped[static_cast<int>(plan.kind)];
            continue;
        } catch (const CommitInDoubt &) {
            record.outcome = Outcome::InDoubt;
            ++stats.in_doubt;
        } catch (const PgError &e) {
            record.outcome = Outcome::RolledBack;
            if (e.connection_lost()) {
                ++stats.lost;
            } else if (e.retryable() && Clock::now() >= deadline_) {
                // Still retrying when the time cap came: not run, not refused.
                ++stats.unfinished;
                conn_->rollback_quietly();
            } else {
                // A refusal: 55000 and 23514 are the engine's right under
                // concurrency; the run's checks fail on any other.
                ++stats.refused[e.sqlstate()];
                if (!options_.quiet && stats.refused[e.sqlstate()] == 1) {
                    std::fprintf(stderr, "client %d: %s refused (%s): %s\n", index_,
                                 kind_name(plan.kind), e.sqlstate().c_str(), e.what());
                }
                conn_->rollback_quietly();
            }
        }
        log_.record(record);
    }
    stats.serialization_retries = retries_.serialization;
    stats.deadlock_retries = retries_.deadlock;
}

}  // namespace

std::string sku_name(int index)
{
    char name[32];
    std::snprintf(name, sizeof name, "LOAD-%05d", index + 1);
    return name;
}

std::uint64_t RunStats::total_acknowledged() const
{
    std::uint64_t total = 0;
    for (std::uint64_t n : acknowledged) total += n;
    return total;
}

void RunStats::add(const RunStats &other)
{
    for (int i = 0; i < kOpKinds; ++i) {
        acknowledged[i] += other.acknowledged[i];
        skipped[i] += other.skipped[i];
    }
    for (const auto &[state, n] : other.refused) refused[state] += n;
    wave_lines_skipped += other.wave_lines_skipped;
    lost += other.lost;
    in_doubt += other.in_doubt;
    reconnects += other.reconnects;
    serialization_retries += other.serialization_retries;
    deadlock_retries += other.deadlock_retries;
    unfinished += other.unfinished;
    clients_gave_up += other.clients_gave_up;
}

std::int64_t prepare(Connection &conn, const Options &options)
{
    conn.exec(kSchemaSql);
    conn.exec(kItemsSql, Params().add(options.skus));
    Result run =
        conn.exec("INSERT INTO backorder_load.run (seed, clients) VALUES ($1, $2) RETURNING run_id",
                  Params().add(static_cast<std::int64_t>(options.seed)).add(options.clients));
    return run.int64(0, 0);
}

RunStats run_load(const Options &options, std::int64_t run_id, OpLog &log)
{
    auto start = Clock::now();
    auto deadline = start + std::chrono::duration_cast<Clock::duration>(
                                std::chrono::duration<double>(options.seconds));
    std::atomic<std::uint64_t> progress{0};
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < options.clients; ++i) {
        std::int64_t share = options.ops / options.clients + (i < options.ops % options.clients);
        clients.push_back(
            std::make_unique<Client>(options, run_id, i + 1, share, deadline, log, progress));
    }
    std::vector<std::thread> threads;
    for (auto &c : clients) {
        threads.emplace_back([&c] {
            try {
                c->run();
            } catch (const std::exception &e) {
                std::fprintf(stderr, "client stopped: %s\n", e.what());
                c->stats.clients_gave_up = 1;
            }
        });
    }

    // Report progress every few seconds until every client is done.
    std::atomic<bool> done{false};
    std::thread reporter([&] {
        auto next = Clock::now() + std::chrono::seconds(5);
        while (!done) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            if (!options.quiet && Clock::now() >= next) {
                double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
                std::printf("  ... %.0f s: %llu operations acknowledged\n", elapsed,
                            static_cast<unsigned long long>(progress.load()));
                std::fflush(stdout);
                next += std::chrono::seconds(5);
            }
        }
    });
    for (auto &t : threads) t.join();
    done = true;
    reporter.join();

    RunStats total;
    for (auto &c : clients) total.add(c->stats);
    total.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return total;
}

}  // namespace backorder::load
