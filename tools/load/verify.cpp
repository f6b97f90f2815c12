// Checks after a run: every acknowledged operation is in the database, no
// row lacks a committed operation, the books balance, the invariants hold.
//
// The database is read once, in one REPEATABLE READ snapshot, into memory;
// the checks then compare it with the log and with the commit records.
#include "load/verify.hpp"

#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/quantity.hpp"

namespace backorder::load {

using client::Connection;
using client::Params;
using client::Result;

namespace {

struct LineRow {
    std::string sku;
    std::int64_t qty = 0, allocated = 0, shipped = 0;
    std::string status, order_ref;
};

struct ReceiptRow {
    std::string sku;
    std::int64_t qty = 0, supply_id = 0;  // 0: not against supply
};

struct ShipmentRow {
    std::int64_t line_id = 0;
    std::string sku;
    std::int64_t qty = 0;
};

struct AdjustmentRow {
    std::string sku;
    std::int64_t delta = 0;
    std::string reason;
};

struct SupplyRow {
    std::string sku;
    std::int64_t qty = 0, expected_day = 0;
    std::string reference;
};

struct StockRow {
    std::int64_t on_hand = 0, allocated = 0;
};

// A commit record as stored.
struct Marker {
    OpKind kind = OpKind::Enter;
    std::vector<OpRow> rows;
};

// What the database holds, read in one snapshot.
struct Database {
    std::unordered_map<std::int64_t, LineRow> lines;
    std::unordered_map<std::int64_t, ReceiptRow> receipts;
    std::unordered_map<std::int64_t, ShipmentRow> shipments;
    std::unordered_map<std::int64_t, AdjustmentRow> adjustments;
    std::unordered_map<std::int64_t, SupplyRow> supplies;
    std::map<std::string, StockRow> stock;                  // by sku, location 'main'
    std::unordered_map<std::int64_t, std::int64_t> ledger;  // sum of the ledger by line
    std::map<OpId, Marker> markers;                         // of every run
    std::set<std::string> other_locations;  // rows outside 'main', which the driver never writes
};

// Split a one-dimensional array's text ("{1,2,3}") into its elements; the
// driver's arrays hold integers and skus only, never quotes or commas.
std::vector<std::string> array_elements(const std::string &text)
{
    std::vector<std::string> elements;
    if (text.size() <= 2) return elements;
    std::string current;
    for (std::size_t i = 1; i + 1 < text.size(); ++i) {
        char c = text[i];
        if (c == ',') {
            elements.push_back(current);
            current.clear();
        } else if (c != '"') {
            current += c;
        }
    }
    elements.push_back(current);
    return elements;
}

Database read_database(Connection &conn)
{
    Database db;
    conn.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    Result r = conn.exec(
        "SELECT line_id, sku, (qty * 1000000)::int8, (qty_allocated * 1000000)::int8,"
        "       (qty_shipped * 1000000)::int8, status, coalesce(order_ref, ''), location"
        "  FROM backorder.order_line");
    for (int i = 0; i < r.rows(); ++i) {
        db.lines[r.int64(i, 0)] = LineRow{r.text(i, 1),  r.int64(i, 2), r.int64(i, 3),
                                          r.int64(i, 4), r.text(i, 5),  r.text(i, 6)};
        if (r.text(i, 7) != "main") db.other_locations.insert("order_line");
    }
    r = conn.exec(
        "SELECT receipt_id, sku, (qty * 1000000)::int8, coalesce(supply_id, 0), location"
        "  FROM backorder.receipt");
    for (int i = 0; i < r.rows(); ++i) {
        db.receipts[r.int64(i, 0)] = ReceiptRow{r.text(i, 1), r.int64(i, 2), r.int64(i, 3)};
        if (r.text(i, 4) != "main") db.other_locations.insert("receipt");
    }
    r = conn.exec(
        "SELECT shipment_id, line_id, sku, (qty * 1000000)::int8 FROM backorder.shipment");
    for (int i = 0; i < r.rows(); ++i) {
        db.shipments[r.int64(i, 0)] = ShipmentRow{r.int64(i, 1), r.text(i, 2), r.int64(i, 3)};
    }
    r = conn.exec(
        "SELECT adjustment_id, sku, (delta * 1000000)::int8, coalesce(reason, ''), location"
        "  FROM backorder.adjustment");
    for (int i = 0; i < r.rows(); ++i) {
        db.adjustments[r.int64(i, 0)] = AdjustmentRow{r.text(i, 1), r.int64(i, 2), r.text(i, 3)};
        if (r.text(i, 4) != "main") db.other_locations.insert("adjustment");
    }
    r = conn.exec(
        "SELECT supply_id, sku, (qty * 1000000)::int8, expected_date - date '2000-01-01',"
        "       coalesce(reference, '')"
        "  FROM backorder.supply");
    for (int i = 0; i < r.rows(); ++i) {
        db.supplies[r.int64(i, 0)] =
            SupplyRow{r.text(i, 1), r.int64(i, 2), r.int64(i, 3), r.text(i, 4)};
    }
    r = conn.exec(
        "SELECT sku, location, (on_hand * 1000000)::int8, (allocated * 1000000)::int8"
        "  FROM backorder.stock");
    for (int i = 0; i < r.rows(); ++i) {
        if (r.text(i, 1) != "main") {
            db.other_locations.insert("stock");
            continue;
        }
        db.stock[r.text(i, 0)] = StockRow{r.int64(i, 2), r.int64(i, 3)};
    }
    r = conn.exec(
        "SELECT line_id, (sum(qty) * 1000000)::int8 FROM backorder.allocation GROUP BY line_id");
    for (int i = 0; i < r.rows(); ++i) db.ledger[r.int64(i, 0)] = r.int64(i, 1);
    r = conn.exec("SELECT run_id, client, seq, kind, ids, skus, qtys, refs FROM backorder_load.op");
    for (int i = 0; i < r.rows(); ++i) {
        OpId id{r.int64(i, 0), static_cast<int>(r.int64(i, 1)), r.int64(i, 2)};
        Marker marker;
        marker.kind = kind_from_name(r.text(i, 3));
        std::vector<std::string> ids = array_elements(r.text(i, 4));
        std::vector<std::string> skus = array_elements(r.text(i, 5));
        std::vector<std::string> qtys = array_elements(r.text(i, 6));
        std::vector<std::string> refs = array_elements(r.text(i, 7));
        for (std::size_t k = 0;
             k < ids.size() && k < skus.size() && k < qtys.size() && k < refs.size(); ++k) {
            marker.rows.push_back(
                OpRow{std::stoll(ids[k]), skus[k], std::stoll(qtys[k]), std::stoll(refs[k])});
        }
        db.markers[id] = std::move(marker);
    }
    conn.exec("COMMIT");
    return db;
}

// Collects the failures of one check, keeping a few examples.
struct Problems {
    std::size_t count = 0;
    std::vector<std::string> examples;
    void add(const std::string &text)
    {
        if (++count <= 5) examples.push_back(text);
    }
};

std::string describe(const OpId &id, OpKind kind)
{
    return std::string(kind_name(kind)) + " " + id.tag();
}

std::string qty_text(std::int64_t qty) { return core::format_quantity(qty); }

}  // namespace

void Checks::add(const std::string &name, bool ok, const std::string &figures,
                 const std::vector<std::string> &examples)
{
    (ok ? passed_ : failed_)++;
    if (quiet_ && ok) return;
    std::printf("%s %s%s%s\n", ok ? "ok    " : "FAILED", name.c_str(), figures.empty() ? "" : ": ",
                figures.c_str());
    if (!ok) {
        for (const std::string &e : examples) std::printf("         %s\n", e.c_str());
    }
    std::fflush(stdout);
}

std::vector<std::string> invariant_violations(Connection &conn)
{
    Result has_check = conn.exec("SELECT to_regprocedure('backorder.check()') IS NOT NULL");
    if (has_check.text(0, 0) != "t") {
        throw client::PgError(
            "function backorder.check() does not exist; install a current "
            "pg_backorder",
            "42883");
    }
    Result r = conn.exec("SELECT * FROM backorder.check() ORDER BY 1, 2, 3, 4");
    std::vector<std::string> lines;
    for (int i = 0; i < r.rows(); ++i) {
        std::string line;
        for (int c = 0; c < r.columns(); ++c) {
            if (c > 0) line += " | ";
            line += r.is_null(i, c) ? "null" : r.text(i, c);
        }
        lines.push_back(line);
    }
    return lines;
}

VerifyFigures verify(Connection &conn, const std::vector<OpRecord> &records, Checks &checks)
{
    Database db = read_database(conn);
    VerifyFigures figures;

    // 1-2. The log against the commit records.
    Problems unrecorded, recorded_failure;
    std::map<OpId, Marker> committed;  // this log's committed operations
    for (const OpRecord &op : records) {
        auto found = db.markers.find(op.id);
        bool has = found != db.markers.end();
        switch (op.outcome) {
            case Outcome::Acknowledged:
                ++figures.acknowledged;
                if (!has) {
                    unrecorded.add(describe(op.id, op.kind) + " was acknowledged but is missing");
                } else if (found->second.kind != op.kind || !(found->second.rows == op.rows)) {
                    unrecorded.add(describe(op.id, op.kind) +
                                   " committed other rows than were acknowledged");
                }
                committed[op.id] = Marker{op.kind, op.rows};
                break;
            case Outcome::RolledBack:
                if (has) recorded_failure.add(describe(op.id, op.kind) + " failed but committed");
                break;
            case Outcome::InDoubt:
                if (has) {
                    ++figures.in_doubt_committed;
                    committed[op.id] = found->second;
                } else {
                    ++figures.in_doubt_rolled_back;
                }
                break;
        }
    }
    checks.add("acknowledged operations are committed as acknowledged", unrecorded.count == 0,
               std::to_string(figures.acknowledged) + " operations", unrecorded.examples);
    checks.add("operations that failed left no commit", recorded_failure.count == 0, "",
               recorded_failure.examples);

    // 3-8. The rows of every committed operation, as the operation left them.
    Problems lines, receipts, shipments, adjustments, supplies, cancels;
    std::size_t line_count = 0, receipt_count = 0, shipment_count = 0, adjustment_count = 0,
                supply_count = 0, cancel_count = 0;
    std::map<std::int64_t, std::int64_t> expected_day;  // supply -> last committed date
    for (const auto &[id, marker] : committed) {
        std::string tag = id.tag();
        for (const OpRow &row : marker.rows) {
            std::string what = describe(id, marker.kind) + " row " + std::to_string(row.id);
            switch (marker.kind) {
                case OpKind::Enter: {
                    ++line_count;
                    auto it = db.lines.find(row.id);
                    if (it == db.lines.end()) {
                        lines.add(what + ": order line missing");
                    } else if (it->second.sku != row.sku || it->second.qty != row.qty ||
                               it->second.order_ref != tag) {
                        lines.add(what + ": order line is " + it->second.sku + " qty " +
                                  qty_text(it->second.qty) + " ref " + it->second.order_ref);
                    }
                    break;
                }
                case OpKind::Receive: {
                    ++receipt_count;
                    auto it = db.receipts.find(row.id);
                    if (it == db.receipts.end()) {
                        receipts.add(what + ": receipt missing");
                    } else if (it->second.sku != row.sku || it->second.qty != row.qty ||
                               it->second.supply_id != row.ref) {
                        receipts.add(what + ": receipt is " + it->second.sku + " qty " +
                                     qty_text(it->second.qty));
                    }
                    break;
                }
                case OpKind::Ship: {
                    ++shipment_count;
                    auto it = db.shipments.find(row.id);
                    if (it == db.shipments.end()) {
                        shipments.add(what + ": shipment missing");
                    } else if (it->second.sku != row.sku || it->second.qty != row.qty ||
                               it->second.line_id != row.ref) {
                        shipments.add(what + ": shipment is line " +
                                      std::to_string(it->second.line_id) + " qty " +
                                      qty_text(it->second.qty));
                    }
                    break;
                }
                case OpKind::Cancel: {
                    ++cancel_count;
                    auto it = db.lines.find(row.id);
                    if (it == db.lines.end() || it->second.status != "cancelled") {
                        cancels.add(what + ": line is " +
                                    (it == db.lines.end() ? "missing" : it->second.status));
                    }
                    break;
                }
                case OpKind::Adjust: {
                    ++adjustment_count;
                    auto it = db.adjustments.find(row.id);
                    if (it == db.adjustments.end()) {
                        adjustments.add(what + ": adjustment missing");
                    } else if (it->second.sku != row.sku || it->second.delta != row.qty ||
                               it->second.reason != tag) {
                        adjustments.add(what + ": adjustment is " + it->second.sku + " delta " +
                                        qty_text(it->second.delta));
                    }
                    break;
                }
                case OpKind::AddSupply: {
                    ++supply_count;
                    auto it = db.supplies.find(row.id);
                    if (it == db.supplies.end()) {
                        supplies.add(what + ": supply missing");
                    } else if (it->second.sku != row.sku || it->second.qty != row.qty ||
                               it->second.reference != tag) {
                        supplies.add(what + ": supply is " + it->second.sku + " qty " +
                                     qty_text(it->second.qty));
                    }
                    expected_day[row.id] = row.ref;
                    break;
                }
                case OpKind::MoveSupply:
                    // A client moves only its own supply, one operation at a
                    // time, so the last committed move (in sequence) wins.
                    expected_day[row.id] = row.ref;
                    break;
            }
        }
    }
    Problems dates;
    for (const auto &[supply_id, day] : expected_day) {
        auto it = db.supplies.find(supply_id);
        if (it != db.supplies.end() && it->second.expected_day != day) {
            dates.add("supply " + std::to_string(supply_id) + " expected on day " +
                      std::to_string(it->second.expected_day) + ", last committed day " +
                      std::to_string(day));
        }
    }
    checks.add("order lines of committed operations are present", lines.count == 0,
               std::to_string(line_count) + " lines", lines.examples);
    checks.add("receipts of committed operations are present", receipts.count == 0,
               std::to_string(receipt_count) + " receipts", receipts.examples);
    checks.add("shipments of committed operations are present", shipments.count == 0,
               std::to_string(shipment_count) + " shipments", shipments.examples);
    checks.add("cancelled lines stay cancelled", cancels.count == 0,
               std::to_string(cancel_count) + " cancels", cancels.examples);
    checks.add("adjustments of committed operations are present", adjustments.count == 0,
               std::to_string(adjustment_count) + " adjustments", adjustments.examples);
    checks.add("supply of committed operations is present, with its last date",
               supplies.count == 0 && dates.count == 0,
               std::to_string(supply_count) + " supply lines, " +
                   std::to_string(expected_day.size()) + " dates",
               supplies.count ? supplies.examples : dates.examples);

    // 9. Nothing without a commit: every row was created by a committed
    // operation of some run (a half-applied operation would leave one).
    std::unordered_set<std::int64_t> made[kOpKinds];
    for (const auto &[id, marker] : db.markers) {
        for (const OpRow &row : marker.rows) made[static_cast<int>(marker.kind)].insert(row.id);
    }
    Problems orphans;
    auto orphan_scan = [&](const auto &table, OpKind kind, const char *name) {
        const auto &known = made[static_cast<int>(kind)];
        for (const auto &entry : table) {
            if (known.count(entry.first) == 0) {
                orphans.add(std::string(name) + " " + std::to_string(entry.first) +
                            " belongs to no committed operation");
            }
        }
    };
    orphan_scan(db.lines, OpKind::Enter, "order line");
    orphan_scan(db.receipts, OpKind::Receive, "receipt");
    orphan_scan(db.shipments, OpKind::Ship, "shipment");
    orphan_scan(db.adjustments, OpKind::Adjust, "adjustment");
    orphan_scan(db.supplies, OpKind::AddSupply, "supply");
    for (const std::string &table : db.other_locations) {
        orphans.add(table + " has rows outside location main");
    }
    checks.add("every row belongs to a committed operation", orphans.count == 0,
               std::to_string(db.markers.size()) + " commit records", orphans.examples);

    // 10-12. The books per sku and per line.
    std::map<std::string, std::int64_t> on_hand, reserved;
    for (const auto &[id, receipt] : db.receipts) on_hand[receipt.sku] += receipt.qty;
    for (const auto &[id, adjustment] : db.adjustments) on_hand[adjustment.sku] += adjustment.delta;
    std::unordered_map<std::int64_t, std::int64_t> shipped_by_line;
    for (const auto &[id, shipment] : db.shipments) {
        on_hand[shipment.sku] -= shipment.qty;
        shipped_by_line[shipment.line_id] += shipment.qty;
    }
    for (const auto &[id, line] : db.lines) reserved[line.sku] += line.allocated;
    Problems stock_problems, allocated_problems;
    std::set<std::string> skus;
    for (const auto &[sku, qty] : on_hand) skus.insert(sku);
    for (const auto &[sku, qty] : reserved) skus.insert(sku);
    for (const auto &[sku, row] : db.stock) skus.insert(sku);
    for (const std::string &sku : skus) {
        auto it = db.stock.find(sku);
        StockRow stock = it == db.stock.end() ? StockRow{} : it->second;
        if (stock.on_hand != on_hand[sku]) {
            stock_problems.add(sku + ": on hand " + qty_text(stock.on_hand) +
                               ", received + adjusted - shipped " + qty_text(on_hand[sku]));
        }
        if (stock.allocated != reserved[sku]) {
            allocated_problems.add(sku + ": allocated " + qty_text(stock.allocated) +
                                   ", reserved by lines " + qty_text(reserved[sku]));
        }
    }
    checks.add("on hand = received + adjusted - shipped, per sku", stock_problems.count == 0,
               std::to_string(skus.size()) + " skus", stock_problems.examples);
    checks.add("allocated = sum of the lines' reservations, per sku", allocated_problems.count == 0,
               std::to_string(skus.size()) + " skus", allocated_problems.examples);
    Problems ledger_problems;
    for (const auto &[id, line] : db.lines) {
        auto l = db.ledger.find(id);
        std::int64_t ledger = l == db.ledger.end() ? 0 : l->second;
        auto s = shipped_by_line.find(id);
        std::int64_t shipped = s == shipped_by_line.end() ? 0 : s->second;
        if (ledger != line.allocated || shipped != line.shipped) {
            ledger_problems.add("line " + std::to_string(id) + ": reserved " +
                                qty_text(line.allocated) + ", ledger " + qty_text(ledger) +
                                "; shipped " + qty_text(line.shipped) + ", shipments " +
                                qty_text(shipped));
        }
    }
    checks.add("ledger = reservation and shipments = shipped, per line", ledger_problems.count == 0,
               std::to_string(db.lines.size()) + " lines", ledger_problems.examples);

    // 13. The engine's own invariants.
    std::vector<std::string> violations = invariant_violations(conn);
    checks.add("invariant check is clean", violations.empty(),
               std::to_string(violations.size()) + " violations",
               std::vector<std::string>(
                   violations.begin(), violations.begin() + static_cast<long>(std::min<std::size_t>(
                                                                violations.size(), 5))));
    return figures;
}

}  // namespace backorder::load
