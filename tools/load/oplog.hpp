// The driver's record of what it did: every operation and what became of it.
//
// An operation is acknowledged when its COMMIT returned OK, rolled back when
// the server answered with an error, and in doubt when the connection broke
// while COMMIT was on its way (it may or may not have committed). Each
// operation also writes a commit record (a row of backorder_load.op) inside
// its own transaction, so an operation in doubt is settled by looking for it.
#pragma once

#include <cstdint>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace backorder::load {

enum class OpKind { Enter, Receive, Ship, Cancel, Adjust, AddSupply, MoveSupply };
inline constexpr int kOpKinds = 7;

// The name used in logs, commit records and summaries ("enter", "receive", ...).
const char *kind_name(OpKind kind);
// The kind with that name; throws std::invalid_argument for an unknown name.
OpKind kind_from_name(const std::string &name);

enum class Outcome { Acknowledged, RolledBack, InDoubt };

// One row an operation created or touched. What the fields mean depends on
// the kind:
//   enter        id = line_id,        qty = ordered,   ref = 0
//   receive      id = receipt_id,     qty = received,  ref = supply_id or 0
//   ship         id = shipment_id,    qty = shipped,   ref = line_id
//   cancel       id = line_id,        qty = 0,         ref = 0
//   adjust       id = adjustment_id,  qty = delta,     ref = 0
//   add_supply   id = supply_id,      qty = ordered,   ref = expected date (days from 2000-01-01)
//   move_supply  id = supply_id,      qty = 0,         ref = new expected date (same days)
// Quantities are in millionths of a unit.
struct OpRow {
    std::int64_t id = 0;
    std::string sku;
    std::int64_t qty = 0;
    std::int64_t ref = 0;

    bool operator==(const OpRow &o) const
    {
        return std::tie(id, sku, qty, ref) == std::tie(o.id, o.sku, o.qty, o.ref);
    }
};

// Identifies an operation across runs: run number, client, sequence.
struct OpId {
    std::int64_t run = 0;
    int client = 0;
    std::int64_t seq = 0;

    bool operator<(const OpId &o) const
    {
        return std::tie(run, client, seq) < std::tie(o.run, o.client, o.seq);
    }
    // The tag stored in order_ref, reason or reference: "load:3:1:42".
    std::string tag() const;
};

struct OpRecord {
    OpId id;
    OpKind kind = OpKind::Enter;
    Outcome outcome = Outcome::Acknowledged;
    std::vector<OpRow> rows;  // empty unless acknowledged
};

// The operations of a run, kept in memory and, when a file is given,
// appended to it line by line (flushed at once, so it survives the driver).
class OpLog {
public:
    OpLog() = default;
    // Also append to path, creating or truncating it.
    void open(const std::string &path);
    void record(const OpRecord &op);
    // Read a file written by open()/record(); throws std::runtime_error.
    static std::vector<OpRecord> read(const std::string &path);
    std::vector<OpRecord> records() const;

private:
    mutable std::mutex mutex_;
    std::vector<OpRecord> records_;
    std::ofstream file_;
};

}  // namespace backorder::load
