// The season, day by day, through the extension's SQL interface only.
#include "season.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "calendar.hpp"
#include "random.hpp"

namespace backorder::simulate {
namespace {

// Streams of random draws, one per kind of decision (see random.hpp).
enum Stream : std::uint64_t {
    WebStream = 101,
    WholesaleStream,
    RushStream,
    OpeningStream,
    TransitStream,
    EtaStream,
};

// Service level and review cycle of the brand's replenishment.
constexpr double service_level = 0.95;
constexpr double service_z = 1.645;  // the standard normal quantile of service_level
constexpr int cycle_days = 14;       // each purchase order covers about two weeks
constexpr int history_days = 28;     // demand history the planners look at

const char *channel_name(Channel channel) { return channel == Web ? "dtc" : "wholesale"; }

}  // namespace

std::int64_t round_to_pack(double units, int pack)
{
    auto packs = static_cast<std::int64_t>(std::ceil(units / pack - 1e-9));
    return std::max<std::int64_t>(1, packs) * pack;
}

Season::Season(const World &world, Connection &db)
    : world_(world),
      db_(db),
      days_(static_cast<std::size_t>(world.days)),
      demand_(world.skus.size(), std::vector<std::int64_t>(static_cast<std::size_t>(world.days)))
{
    for (std::size_t i = 0; i < world.skus.size(); ++i) {
        sku_index_[world.skus[i].code] = static_cast<int>(i);
    }
}

std::string Season::date(int day) const { return iso_date(world_.start + day); }

void Season::open()
{
    Result found = db_.exec(
        "SELECT to_regprocedure('backorder.replenishment_advice(numeric,integer,date)')"
        "         IS NOT NULL,"
        "       to_regprocedure('backorder.snapshot(date)') IS NOT NULL,"
        "       EXISTS (SELECT 1 FROM pg_attribute"
        "                WHERE attrelid = 'backorder.supply'::regclass"
        "                  AND attname = 'ordered_on' AND NOT attisdropped)");
    has_advice_ = found.text(0, 0) == "t";
    has_snapshot_ = found.text(0, 1) == "t";
    has_ordered_on_ = found.text(0, 2) == "t";
    policy_ = has_advice_ ? "backorder.replenishment_advice()" : "a reorder point of its own";

    db_.exec("BEGIN");
    db_.exec("SET backorder.today = " + quote_literal(date(0)));
    db_.exec("SET backorder.notify = off");

    std::vector<std::string> codes, descriptions, rules;
    std::vector<std::int64_t> leads;
    std::vector<bool> backorderable;
    for (const Sku &sku : world_.skus) {
        codes.push_back(sku.code);
        descriptions.push_back(sku.description);
        rules.push_back(sku.allocation_rule);
        leads.push_back(sku.lead_days);
        backorderable.push_back(sku.backorderable);
    }
    db_.exec(
        "INSERT INTO backorder.item"
        "       (sku, description, lead_time_days, backorderable, allocation_rule)"
        " SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::bool[], $5::text[])",
        Params().array(codes).array(descriptions).array(leads).array(backorderable).array(rules));

    // Opening stock: three to five weeks of expected sales.
    Random opening = Random::keyed(world_.seed, OpeningStream);
    std::vector<std::int64_t> stock;
    for (const Sku &sku : world_.skus) {
        double rate = sku.dtc_rate + sku.wholesale_rate;
        stock.push_back(round_to_pack(rate * opening.uniform(20, 35), sku.pack));
    }
    db_.exec(
        "INSERT INTO backorder.receipt (sku, qty)"
        " SELECT * FROM unnest($1::text[], $2::numeric[])",
        Params().array(codes).array(stock));

    // One purchase order per sku already on its way, due within its lead time.
    std::vector<std::pair<int, std::int64_t>> pipeline;
    std::vector<int> due;
    for (std::size_t i = 0; i < world_.skus.size(); ++i) {
        const Sku &sku = world_.skus[i];
        double rate = sku.dtc_rate + sku.wholesale_rate;
        pipeline.emplace_back(static_cast<int>(i), round_to_pack(rate * 21, sku.pack));
        due.push_back(opening.range(3, std::max(4, sku.lead_days)));
    }
    std::vector<std::string> suppliers, references, expected, ordered_on;
    std::vector<std::int64_t> quantities;
    std::vector<std::string> sku_codes;
    for (std::size_t i = 0; i < pipeline.size(); ++i) {
        const Sku &sku = world_.skus[static_cast<std::size_t>(pipeline[i].first)];
        PurchaseOrder po;
        po.sku = pipeline[i].first;
        po.qty = pipeline[i].second;
        po.expected_day = po.eta = due[i];
        po.placed_day = due[i] - sku.lead_days;
        po.arrival_day = arrival_for(orders_.size(), po.sku, po.expected_day, po.placed_day);
        orders_.push_back(po);
        sku_codes.push_back(sku.code);
        quantities.push_back(po.qty);
        expected.push_back(date(po.expected_day));
        ordered_on.push_back(date(po.placed_day));
        suppliers.push_back(world_.suppliers[static_cast<std::size_t>(sku.supplier)].name);
        references.push_back("PO-" + std::to_string(10000 + orders_.size()));
    }
    // Where the engine records order dates, give the real ones, so that
    // measured lead times are true from the start.
    std::string sql =
        has_ordered_on_
            ? "INSERT INTO backorder.supply"
              "       (sku, qty, expected_date, supplier, reference, ordered_on)"
              " SELECT * FROM unnest($1::text[], $2::numeric[], $3::date[], $4::text[],"
              "                      $5::text[], $6::date[])"
              " RETURNING supply_id"
            : "INSERT INTO backorder.supply (sku, qty, expected_date, supplier, reference)"
              " SELECT * FROM unnest($1::text[], $2::numeric[], $3::date[], $4::text[],"
              "                      $5::text[])"
              " RETURNING supply_id";
    Params params;
    params.array(sku_codes).array(quantities).array(expected).array(suppliers).array(references);
    if (has_ordered_on_) params.array(ordered_on);
    Result ids = db_.exec(sql, params);
    for (int row = 0; row < ids.rows(); ++row) {
        orders_[static_cast<std::size_t>(row)].supply_id = ids.int64(row, 0);
    }
    db_.exec("COMMIT");
}

// When a purchase order really arrives: around its date for a reliable
// supplier; one or more weeks late, more often than not, for a supplier
// that has turned unreliable by the time the goods should ship.
int Season::arrival_for(std::size_t order_index, int sku_index, int expected_day,
                        int placed_day) const
{
    const Sku &sku = world_.skus[static_cast<std::size_t>(sku_index)];
    const Supplier &supplier = world_.suppliers[static_cast<std::size_t>(sku.supplier)];
    Random transit = Random::keyed(world_.seed, TransitStream, order_index);
    int noise = static_cast<int>(std::lround(transit.normal(0.3, supplier.transit_sd)));
    int arrival = expected_day + std::clamp(noise, -3, 6);
    bool troubled =
        sku.supplier == world_.unreliable_supplier && expected_day - 7 >= world_.unreliable_day;
    if (troubled && transit.chance(0.7)) arrival = expected_day + transit.range(7, 24);
    return std::max(arrival, placed_day + 1);
}

void Season::play_day(int day)
{
    db_.exec("BEGIN");
    db_.exec("SET backorder.today = " + quote_literal(date(day)));
    expire(day);
    receive(day);
    send_new_etas(day);
    enter(day, orders(day));
    ship(day);
    replenish(day);
    if (has_snapshot_) {
        db_.exec("SELECT backorder.snapshot($1::date)", Params().add(date(day)));
    }
    measure(day);
    db_.exec("COMMIT");
    // Keep the planner's statistics current while the tables grow from
    // nothing, as autovacuum would on a server that runs longer than this:
    // the engine keeps its query plans for the session, and a plan chosen
    // for a nearly empty table reads the whole table once it is not.
    if (day == 1 || day == 3 || day % 7 == 6) {
        db_.exec("ANALYZE backorder.order_line, backorder.supply");
    }
}

// Delivery windows that ended yesterday are cancelled (counted from the events).
void Season::expire(int day)
{
    db_.exec("SELECT backorder.expire($1::date)", Params().add(date(day)));
}

void Season::receive(int day)
{
    std::vector<std::string> skus;
    std::vector<std::int64_t> quantities, supply_ids;
    for (PurchaseOrder &po : orders_) {
        if (po.arrived || po.arrival_day != day) continue;
        po.arrived = true;
        skus.push_back(world_.skus[static_cast<std::size_t>(po.sku)].code);
        quantities.push_back(po.qty);
        supply_ids.push_back(po.supply_id);
    }
    if (skus.empty()) return;
    db_.exec(
        "INSERT INTO backorder.receipt (sku, qty, supply_id)"
        " SELECT * FROM unnest($1::text[], $2::numeric[], $3::bigint[])",
        Params().array(skus).array(quantities).array(supply_ids));
    days_[static_cast<std::size_t>(day)].receipts = static_cast<int>(skus.size());
}

// A purchase order past its date and not here: the supplier names a new
// date, often still too early, and the engine re-promises the queue.
void Season::send_new_etas(int day)
{
    std::vector<std::int64_t> ids;
    std::vector<std::string> dates;
    for (std::size_t i = 0; i < orders_.size(); ++i) {
        PurchaseOrder &po = orders_[i];
        if (po.arrived || po.eta >= day) continue;
        Random eta = Random::keyed(world_.seed, EtaStream, i, static_cast<std::uint64_t>(day));
        int remaining = po.arrival_day - day;
        po.eta = day + std::max(1, static_cast<int>(std::ceil(remaining * eta.uniform(0.4, 1.0))));
        po.eta = std::min(po.eta, std::max(po.arrival_day, day + 1));
        ids.push_back(po.supply_id);
        dates.push_back(date(po.eta));
    }
    if (ids.empty()) return;
    db_.exec(
        "UPDATE backorder.supply s SET expected_date = u.eta"
        "  FROM unnest($1::bigint[], $2::date[]) AS u(supply_id, eta)"
        " WHERE s.supply_id = u.supply_id",
        Params().array(ids).array(dates));
    days_[static_cast<std::size_t>(day)].new_etas = static_cast<int>(ids.size());
}

// The day's orders, entered as one batch.
std::vector<Season::NewLine> Season::orders(int day)
{
    std::vector<NewLine> out = web_orders(day);
    std::vector<NewLine> wholesale = wholesale_orders(day);
    out.insert(out.end(), wholesale.begin(), wholesale.end());
    return out;
}

// Web-shop orders: small, for today, default priority.
std::vector<Season::NewLine> Season::web_orders(int day)
{
    std::vector<NewLine> out;
    for (std::size_t i = 0; i < world_.skus.size(); ++i) {
        const Sku &sku = world_.skus[i];
        Random r = Random::keyed(world_.seed, WebStream, static_cast<std::uint64_t>(day), i);
        int count = r.poisson(dtc_expected(world_, sku, day) / 1.3);
        for (int n = 0; n < count; ++n) {
            double size = r.uniform();
            NewLine line;
            line.record.sku = static_cast<int>(i);
            line.record.channel = Web;
            line.record.qty = size < 0.75 ? 1 : size < 0.95 ? 2 : 3;
            line.record.requested_day = day;
            line.order_ref = "WEB-" + std::to_string(100000 + ++web_sequence_);
            out.push_back(line);
        }
    }
    return out;
}

// Wholesale orders: large, weeks ahead, with a delivery window and high
// priority; some accounts take only complete lines. During its promotion
// Bluebird Stores sends rush orders for the promoted skus every few days.
std::vector<Season::NewLine> Season::wholesale_orders(int day)
{
    std::vector<NewLine> out;
    for (std::size_t a = 0; a < world_.retailers.size(); ++a) {
        const Retailer &retailer = world_.retailers[a];
        Random r = Random::keyed(world_.seed, WholesaleStream, static_cast<std::uint64_t>(day), a);
        int since = day - retailer.first_day;
        bool regular = since >= 0 && since % retailer.cycle_days == 0;
        bool rush = static_cast<int>(a) == world_.promo_retailer && day >= world_.promo_start - 3 &&
                    day < world_.promo_end - 2 && (day - (world_.promo_start - 3)) % 4 == 0;
        if (!regular && !rush) continue;
        int lead = regular ? r.range(14, 35) : r.range(2, 5);
        int window = regular ? r.range(7, 21) : 7;
        std::string ref = "WH-" + std::to_string(5000 + ++wholesale_sequence_);
        for (int i : retailer.assortment) {
            const Sku &sku = world_.skus[static_cast<std::size_t>(i)];
            double units;
            if (rush) {
                if (!sku.promoted) continue;
                units = sku.dtc_rate * 6 * r.uniform(2.0, 3.5);
            } else {
                if (!r.chance(0.55)) continue;
                units = sku.dtc_rate * retailer.scale * retailer.cycle_days * r.uniform(0.6, 1.4);
            }
            NewLine line;
            line.record.sku = i;
            line.record.channel = Wholesale;
            line.record.retailer = static_cast<int>(a);
            line.record.qty = round_to_pack(units, sku.pack);
            line.record.requested_day = day + lead;
            line.record.cancel_after = day + lead + window;
            line.order_ref = ref;
            line.customer = retailer.name;
            line.ship_complete = retailer.ship_complete;
            line.priority = rush ? 10 : retailer.priority;
            out.push_back(line);
        }
    }
    return out;
}

void Season::enter(int day, std::vector<NewLine> lines)
{
    if (lines.empty()) return;
    std::vector<std::string> refs, skus, requested, channels;
    std::vector<std::optional<std::string>> cancel_after, customers;
    std::vector<std::int64_t> quantities, priorities;
    std::vector<bool> ship_complete;
    for (const NewLine &line : lines) {
        const LineRecord &r = line.record;
        refs.push_back(line.order_ref);
        skus.push_back(world_.skus[static_cast<std::size_t>(r.sku)].code);
        quantities.push_back(r.qty);
        requested.push_back(date(r.requested_day));
        priorities.push_back(line.priority);
        cancel_after.push_back(r.cancel_after < 0 ? std::nullopt
                                                  : std::optional(date(r.cancel_after)));
        ship_complete.push_back(line.ship_complete);
        channels.push_back(channel_name(r.channel));
        customers.push_back(line.customer.empty() ? std::nullopt : std::optional(line.customer));
    }
    Result ids = db_.exec(
        "INSERT INTO backorder.order_line"
        "       (order_ref, sku, qty, requested_date, priority, cancel_after, ship_complete,"
        "        channel, customer)"
        " SELECT * FROM unnest($1::text[], $2::text[], $3::numeric[], $4::date[], $5::int[],"
        "                      $6::date[], $7::bool[], $8::text[], $9::text[])"
        " RETURNING line_id",
        Params()
            .array(refs)
            .array(skus)
            .array(quantities)
            .array(requested)
            .array(priorities)
            .array(cancel_after)
            .array(ship_complete)
            .array(channels)
            .array(customers));
    // The engine planned the lines when the INSERT ended: read what it decided.
    std::vector<std::int64_t> line_ids;
    for (int row = 0; row < ids.rows(); ++row) line_ids.push_back(ids.int64(row, 0));
    Result entered = db_.exec(
        "SELECT line_id, qty_allocated, status, promised_date - $2::date"
        "  FROM backorder.order_line WHERE line_id = ANY($1::bigint[]) ORDER BY line_id",
        Params().array(line_ids).add(iso_date(world_.start)));
    std::unordered_map<std::int64_t, int> row_of;
    for (int row = 0; row < entered.rows(); ++row) row_of[entered.int64(row, 0)] = row;
    DayStats &stats = days_[static_cast<std::size_t>(day)];
    for (std::size_t i = 0; i < lines.size(); ++i) {
        LineRecord record = lines[i].record;
        record.line_id = line_ids[i];
        record.entry_day = day;
        int row = row_of.at(record.line_id);
        record.reserved_at_entry = entered.units(row, 1);
        record.stockout = entered.text(row, 2) == "stockout";
        record.promised_at_entry =
            entered.is_null(row, 3) ? -1 : static_cast<int>(entered.int64(row, 3));
        int c = record.channel;
        stats.lines[c] += 1;
        stats.units[c] += record.qty;
        if (record.stockout) stats.stockouts[c] += 1;
        if (record.backordered()) stats.backordered[c] += 1;
        demand_[static_cast<std::size_t>(record.sku)][static_cast<std::size_t>(day)] += record.qty;
        line_index_[record.line_id] = lines_.size();
        lines_.push_back(record);
    }
}

// The warehouse ships every line that is due and reserved; ship-complete
// lines only when whole.
void Season::ship(int day)
{
    Result ready = db_.exec(
        "SELECT line_id FROM backorder.order_line"
        " WHERE status IN ('allocated', 'partial') AND qty_allocated > 0"
        "   AND requested_date <= $1::date AND (status = 'allocated' OR NOT ship_complete)"
        " ORDER BY line_id",
        Params().add(date(day)));
    if (ready.rows() == 0) return;
    std::vector<std::int64_t> ids;
    for (int row = 0; row < ready.rows(); ++row) ids.push_back(ready.int64(row, 0));
    Result shipped = db_.exec(
        "SELECT u.line_id, s.qty_shipped"
        "  FROM unnest($1::bigint[]) WITH ORDINALITY AS u(line_id, n)"
        " CROSS JOIN LATERAL backorder.ship(u.line_id) s"
        " ORDER BY u.n",
        Params().array(ids));
    DayStats &stats = days_[static_cast<std::size_t>(day)];
    for (int row = 0; row < shipped.rows(); ++row) {
        LineRecord &line = lines_[line_index_.at(shipped.int64(row, 0))];
        std::int64_t now = shipped.units(row, 1) - line.shipped;
        line.shipped += now;
        if (day <= line.requested_day) line.shipped_on_time += now;
        line.last_ship_day = day;
        stats.units_shipped += now;
    }
}

// Place purchase orders for every sku whose inventory position fell below
// its reorder point: with the extension's advice where it offers it (and
// once there is a week of history), else with the brand's own reorder point
// from the demand it has seen, the plan for the season filling in the
// weeks not yet seen.
void Season::replenish(int day)
{
    std::vector<std::pair<int, std::int64_t>> to_order;
    if (has_advice_ && day >= 7) {
        db_.exec("SAVEPOINT advice");
        try {
            Result advice = db_.exec(
                "SELECT sku, reorder_point, inventory_position, demand_mean"
                "  FROM backorder.replenishment_advice($1::numeric, $2::int, $3::date)"
                " WHERE location = 'main' ORDER BY sku",
                Params().add(service_level).add(std::min(history_days, day)).add(date(day)));
            db_.exec("RELEASE SAVEPOINT advice");
            for (int row = 0; row < advice.rows(); ++row) {
                auto found = sku_index_.find(advice.text(row, 0));
                if (found == sku_index_.end()) continue;
                double reorder_point = advice.number(row, 1);
                double position = advice.number(row, 2);
                double mean = advice.number(row, 3);
                if (position >= reorder_point || mean <= 0) continue;
                const Sku &sku = world_.skus[static_cast<std::size_t>(found->second)];
                double up_to = reorder_point + mean * cycle_days;
                to_order.emplace_back(found->second, round_to_pack(up_to - position, sku.pack));
            }
            place(day, to_order);
            return;
        } catch (const PgError &e) {
            db_.exec("ROLLBACK TO SAVEPOINT advice");
            has_advice_ = false;
            policy_ = "a reorder point of its own";
            notes_.push_back("backorder.replenishment_advice() failed on " + date(day) +
                             " and the season went on with its own reorder point: " +
                             std::string(e.what()).substr(0, 200));
        }
    }

    Result positions = db_.exec(
        "SELECT s.sku, s.on_hand - s.allocated - s.backordered + coalesce(o.open, 0)"
        "  FROM backorder.stock s"
        "  LEFT JOIN (SELECT sku, location, sum(qty - qty_received) AS open"
        "               FROM backorder.supply WHERE qty > qty_received"
        "              GROUP BY sku, location) o USING (sku, location)"
        " WHERE s.location = 'main' ORDER BY s.sku");
    for (int row = 0; row < positions.rows(); ++row) {
        auto found = sku_index_.find(positions.text(row, 0));
        if (found == sku_index_.end()) continue;
        const Sku &sku = world_.skus[static_cast<std::size_t>(found->second)];
        const std::vector<std::int64_t> &seen = demand_[static_cast<std::size_t>(found->second)];
        int observed = std::min(history_days, day + 1);
        double planned = sku.dtc_rate + sku.wholesale_rate;
        double sum = 0, squares = 0;
        for (int d = day + 1 - observed; d <= day; ++d) {
            double units = static_cast<double>(seen[static_cast<std::size_t>(d)]);
            sum += units;
            squares += units * units;
        }
        double mean = (sum + planned * (history_days - observed)) / history_days;
        double variance = observed > 1 ? (squares - sum * sum / observed) / (observed - 1) : 0;
        double sd = std::max(std::sqrt(std::max(variance, 0.0)), std::sqrt(mean));
        double lead = sku.lead_days;
        double reorder_point = mean * lead + service_z * sd * std::sqrt(lead);
        double position = positions.number(row, 1);
        if (position >= reorder_point) continue;
        double up_to = reorder_point + mean * cycle_days;
        to_order.emplace_back(found->second, round_to_pack(up_to - position, sku.pack));
    }
    place(day, to_order);
}

void Season::place(int day, const std::vector<std::pair<int, std::int64_t>> &quantities)
{
    if (quantities.empty()) return;
    std::vector<std::string> skus, expected, suppliers, references;
    std::vector<std::int64_t> units;
    std::size_t first = orders_.size();
    for (const auto &[sku_index, qty] : quantities) {
        const Sku &sku = world_.skus[static_cast<std::size_t>(sku_index)];
        PurchaseOrder po;
        po.sku = sku_index;
        po.qty = qty;
        po.placed_day = day;
        po.expected_day = po.eta = day + sku.lead_days;
        po.arrival_day = arrival_for(orders_.size(), sku_index, po.expected_day, day);
        orders_.push_back(po);
        skus.push_back(sku.code);
        units.push_back(qty);
        expected.push_back(date(po.expected_day));
        suppliers.push_back(world_.suppliers[static_cast<std::size_t>(sku.supplier)].name);
        references.push_back("PO-" + std::to_string(10000 + orders_.size()));
    }
    Result ids = db_.exec(
        "INSERT INTO backorder.supply (sku, qty, expected_date, supplier, reference)"
        " SELECT * FROM unnest($1::text[], $2::numeric[], $3::date[], $4::text[], $5::text[])"
        " RETURNING supply_id",
        Params().array(skus).array(units).array(expected).array(suppliers).array(references));
    for (int row = 0; row < ids.rows(); ++row) {
        orders_[first + static_cast<std::size_t>(row)].supply_id = ids.int64(row, 0);
    }
    days_[static_cast<std::size_t>(day)].purchase_orders = static_cast<int>(quantities.size());
}

// The queue at the end of the day, and what the event outbox recorded.
void Season::measure(int day)
{
    DayStats &stats = days_[static_cast<std::size_t>(day)];
    Result queue = db_.exec(
        "SELECT count(*) FILTER (WHERE requested_date >= $1::date),"
        "       count(*) FILTER (WHERE $1::date - requested_date BETWEEN 1 AND 7),"
        "       count(*) FILTER (WHERE $1::date - requested_date BETWEEN 8 AND 21),"
        "       count(*) FILTER (WHERE $1::date - requested_date > 21),"
        "       coalesce(sum(qty - qty_shipped - qty_allocated), 0),"
        "       count(*) FILTER (WHERE promised_date > cancel_after)"
        "  FROM backorder.order_line WHERE status IN ('partial', 'backordered')",
        Params().add(date(day)));
    stats.waiting_not_late = static_cast<int>(queue.int64(0, 0));
    stats.waiting_late_week = static_cast<int>(queue.int64(0, 1));
    stats.waiting_late_3_weeks = static_cast<int>(queue.int64(0, 2));
    stats.waiting_late_more = static_cast<int>(queue.int64(0, 3));
    stats.units_waiting = queue.units(0, 4);
    stats.at_risk = static_cast<int>(queue.int64(0, 5));

    Result events = db_.exec(
        "SELECT kind, count(*), max(event_id) FROM backorder.event"
        " WHERE event_id > $1 GROUP BY kind ORDER BY kind",
        Params().add(event_cursor_));
    for (int row = 0; row < events.rows(); ++row) {
        std::string kind = events.text(row, 0);
        int count = static_cast<int>(events.int64(row, 1));
        event_cursor_ = std::max(event_cursor_, events.int64(row, 2));
        if (kind == "promise_changed") stats.promise_changes += count;
        if (kind == "expired") stats.expired += count;
    }
}

void Season::close()
{
    Result final_state =
        db_.exec("SELECT line_id, status, promised_date - $1::date FROM backorder.order_line",
                 Params().add(iso_date(world_.start)));
    for (int row = 0; row < final_state.rows(); ++row) {
        auto found = line_index_.find(final_state.int64(row, 0));
        if (found == line_index_.end()) continue;
        LineRecord &line = lines_[found->second];
        line.final_status = final_state.text(row, 1);
        if (!final_state.is_null(row, 2)) {
            line.final_promise = static_cast<int>(final_state.int64(row, 2));
        }
    }
    Result changes = db_.exec(
        "SELECT line_id, count(*) FROM backorder.event"
        " WHERE kind = 'promise_changed' AND line_id IS NOT NULL GROUP BY line_id");
    for (int row = 0; row < changes.rows(); ++row) {
        auto found = line_index_.find(changes.int64(row, 0));
        if (found != line_index_.end()) {
            lines_[found->second].promise_changes = static_cast<int>(changes.int64(row, 1));
        }
    }
}

}  // namespace backorder::simulate
