// Command-line options of the load driver.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace backorder::load {

enum class Isolation { ReadCommitted, RepeatableRead, Mixed };

struct Options {
    int clients = 4;
    std::int64_t ops = 2000;  // in total, shared evenly by the clients
    int skus = 200;
    int hot_skus = 3;
    std::uint64_t seed = 1;
    double seconds = 60;            // time cap of the run
    double reconnect_seconds = 60;  // how long a client waits for the server to come back
    Isolation isolation = Isolation::Mixed;
    std::string conninfo;          // libpq connection string; "" uses PG* variables
    std::string log_path;          // --log FILE
    std::string verify_only_path;  // --verify-only FILE
    bool verify = true;            // --no-verify skips the checks after the run
    bool quiet = false;
};

// Parse argv; prints usage and exits on --help or a bad option.
Options parse_options(int argc, char **argv);

}  // namespace backorder::load
