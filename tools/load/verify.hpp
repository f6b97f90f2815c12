// Checks after a run: every acknowledged operation is in the database, no
// row lacks a committed operation, the books balance, the invariants hold.
#pragma once

#include <string>
#include <vector>

#include "common/pgconn.hpp"
#include "load/oplog.hpp"

namespace backorder::load {

// Tallies named checks and prints each as it is decided.
class Checks {
public:
    explicit Checks(bool quiet) : quiet_(quiet) {}
    // Record a check; failures print up to five examples.
    void add(const std::string &name, bool ok, const std::string &figures = {},
             const std::vector<std::string> &examples = {});
    int passed() const { return passed_; }
    int failed() const { return failed_; }

private:
    bool quiet_;
    int passed_ = 0;
    int failed_ = 0;
};

// Figures the verification found, for the caller's summary.
struct VerifyFigures {
    std::size_t acknowledged = 0;        // acknowledged operations verified
    std::size_t in_doubt_committed = 0;  // in doubt, and their commit record is there
    std::size_t in_doubt_rolled_back = 0;
};

// Verify the operations of records (one or more runs) against the database.
VerifyFigures verify(client::Connection &conn, const std::vector<OpRecord> &records,
                     Checks &checks);

// Run the extension's invariant check, backorder.check(); one line per
// violated invariant.
std::vector<std::string> invariant_violations(client::Connection &conn);

}  // namespace backorder::load
