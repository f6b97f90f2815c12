// The load itself: client threads that each run their share of operations.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <string>

#include "common/pgconn.hpp"
#include "load/oplog.hpp"
#include "load/options.hpp"

namespace backorder::load {

// What the clients did, summed over all of them.
struct RunStats {
    std::array<std::uint64_t, kOpKinds> acknowledged{};
    std::array<std::uint64_t, kOpKinds> skipped{};  // nothing to do (no line to ship, ...)
    std::map<std::string, std::uint64_t> refused;   // SQLSTATE -> count of expected refusals
    std::uint64_t wave_lines_skipped = 0;           // lines a ship wave found taken (55000, 23514)
    std::uint64_t lost = 0;                         // rolled back because the connection broke
    std::uint64_t in_doubt = 0;                     // the connection broke during COMMIT
    std::uint64_t reconnects = 0;
    std::uint64_t serialization_retries = 0;
    std::uint64_t deadlock_retries = 0;
    std::uint64_t unfinished = 0;  // operations left when the time cap or a lost server ended
    int clients_gave_up = 0;       // clients that could not reconnect in time, or failed
    double seconds = 0;

    std::uint64_t total_acknowledged() const;
    void add(const RunStats &other);
};

// Prepare the database: the driver's own schema (backorder_load: runs and
// the commit record of every operation) and the items. Returns the new run's
// number. The extension must be installed.
std::int64_t prepare(client::Connection &conn, const Options &options);

// Run the clients to the end of their operations or the time cap.
RunStats run_load(const Options &options, std::int64_t run_id, OpLog &log);

// The sku name of the index'th sku ("LOAD-00001" for 0).
std::string sku_name(int index);

}  // namespace backorder::load
