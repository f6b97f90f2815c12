// Command-line options of the load driver.
#include "load/options.hpp"

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>

namespace backorder::load {
namespace {

const char *const kUsage =
    "usage: pg_backorder_load [OPTION]... [CONNINFO]\n"
    "\n"
    "Drive concurrent order entry, receipts, shipments, cancels, adjustments and\n"
    "supply changes against a database with pg_backorder, then check that every\n"
    "acknowledged operation is there and the books balance.\n"
    "\n"
    "  --clients N            concurrent sessions (default 4)\n"
    "  --ops N                operations in total (default 2000)\n"
    "  --skus N               skus to spread them over (default 200)\n"
    "  --hot-skus N           skus that get half of all operations (default 3)\n"
    "  --seed N               the run's seed: each client's choices follow from it (default 1)\n"
    "  --seconds S            stop after S seconds even if operations remain (default 60)\n"
    "  --isolation LEVEL      read-committed, repeatable-read or mixed (default mixed)\n"
    "  --reconnect-seconds S  wait up to S seconds for a lost server (default 60)\n"
    "  --log FILE             also write every operation's outcome to FILE\n"
    "  --verify-only FILE     run nothing; check the operations logged in FILE\n"
    "  --no-verify            skip the checks after the run\n"
    "  --quiet                print only the summary\n"
    "\n"
    "CONNINFO is a libpq connection string or URI; by default the PG* environment\n"
    "variables are used. The output ends with \"N passed, N failed\" (checks).\n";

[[noreturn]] void usage_error(const std::string &message)
{
    std::fprintf(stderr, "pg_backorder_load: %s\n\n%s", message.c_str(), kUsage);
    std::exit(2);
}

std::int64_t parse_integer(const std::string &option, const std::string &text, std::int64_t min)
{
    char *end = nullptr;
    long long value = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || value < min) {
        usage_error("invalid value \"" + text + "\" for " + option);
    }
    return value;
}

double parse_seconds(const std::string &option, const std::string &text)
{
    char *end = nullptr;
    double value = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !(value > 0)) {
        usage_error("invalid value \"" + text + "\" for " + option);
    }
    return value;
}

}  // namespace

Options parse_options(int argc, char **argv)
{
    Options options;
    bool have_conninfo = false;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        // Accept both "--name value" and "--name=value".
        std::string name = arg;
        std::optional<std::string> inline_value;
        std::size_t eq = arg.find('=');
        if (arg.rfind("--", 0) == 0 && eq != std::string::npos) {
            name = arg.substr(0, eq);
            inline_value = arg.substr(eq + 1);
        }
        auto value = [&]() -> std::string {
            if (inline_value) return *inline_value;
            if (i + 1 >= argc) usage_error("missing value for " + name);
            return argv[++i];
        };
        if (name == "--help" || name == "-h") {
            std::fputs(kUsage, stdout);
            std::exit(0);
        } else if (name == "--clients") {
            options.clients = static_cast<int>(parse_integer(name, value(), 1));
        } else if (name == "--ops") {
            options.ops = parse_integer(name, value(), 0);
        } else if (name == "--skus") {
            options.skus = static_cast<int>(parse_integer(name, value(), 1));
        } else if (name == "--hot-skus") {
            options.hot_skus = static_cast<int>(parse_integer(name, value(), 0));
        } else if (name == "--seed") {
            options.seed = static_cast<std::uint64_t>(parse_integer(name, value(), 0));
        } else if (name == "--seconds") {
            options.seconds = parse_seconds(name, value());
        } else if (name == "--reconnect-seconds") {
            options.reconnect_seconds = parse_seconds(name, value());
        } else if (name == "--isolation") {
            std::string level = value();
            if (level == "read-committed") {
                options.isolation = Isolation::ReadCommitted;
            } else if (level == "repeatable-read") {
                options.isolation = Isolation::RepeatableRead;
            } else if (level == "mixed") {
                options.isolation = Isolation::Mixed;
            } else {
                usage_error("invalid value \"" + level + "\" for --isolation");
            }
        } else if (name == "--log") {
            options.log_path = value();
        } else if (name == "--verify-only") {
            options.verify_only_path = value();
        } else if (name == "--no-verify") {
            options.verify = false;
        } else if (name == "--quiet") {
            options.quiet = true;
        } else if (name.rfind("--", 0) == 0) {
            usage_error("unknown option \"" + name + "\"");
        } else if (!have_conninfo) {
            options.conninfo = arg;
            have_conninfo = true;
        } else {
            usage_error("unexpected argument \"" + arg + "\"");
        }
    }
    if (options.hot_skus > options.skus) usage_error("--hot-skus cannot exceed --skus");
    return options;
}

}  // namespace backorder::load
