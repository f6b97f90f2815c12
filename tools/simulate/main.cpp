// backorder-simulate: play a consumer-goods brand's season against pg_backorder.
//
// By default it starts a throwaway PostgreSQL cluster, installs the
// extension there, plays the season day by day through the extension's SQL
// interface, prints a narrated report and writes it with the charts into an
// output folder, then removes the cluster. --connect uses an existing server
// instead (in a database of its own, dropped afterwards).
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "calendar.hpp"
#include "charts.hpp"
#include "cluster.hpp"
#include "metrics.hpp"
#include "pq.hpp"
#include "report.hpp"
#include "season.hpp"
#include "world.hpp"

namespace backorder::simulate {
namespace {

// The database the simulation creates on an existing server, and the mark
// that says it may be dropped and created again.
const char *const simulation_database = "backorder_simulation";
const char *const simulation_mark = "created by backorder-simulate; dropped by its next run";

const char *const usage =
    "usage: backorder-simulate [options]\n"
    "\n"
    "Play a consumer-goods brand's season against pg_backorder and report how it went.\n"
    "\n"
    "  --days N          length of the season in days (default 90)\n"
    "  --skus N          number of skus (default 300)\n"
    "  --seed N          random seed; the same seed plays the same season (default 42)\n"
    "  --out DIR         folder for report.txt, daily.csv and the charts (default simulation)\n"
    "  --connect CONN    use an existing server (a libpq connection string) instead of a\n"
    "                    throwaway cluster; the season runs in a database of its own,\n"
    "                    \"backorder_simulation\", dropped afterwards unless --keep\n"
    "  --keep            keep the cluster (or database) afterwards and say how to reach it\n"
    "  --pg-bindir DIR   where initdb and pg_ctl are (default: PG_BINDIR, else pg_config)\n"
    "  --quiet           no progress indication\n"
    "  --help            this text\n";

struct Options {
    int days = 90;
    int skus = 300;
    std::uint64_t seed = 42;
    std::string out = "simulation";
    std::optional<std::string> connect;
    bool keep = false;
    bool quiet = false;
    std::string bindir;
};

volatile sig_atomic_t interrupted = 0;

void on_interrupt(int) { interrupted = 1; }

long parse_number(const std::string &option, const std::string &text, long low, long high)
{
    char *end = nullptr;
    long value = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || value < low || value > high) {
        throw std::invalid_argument(option + " must be a whole number from " + std::to_string(low) +
                                    " to " + std::to_string(high) + ", not \"" + text + "\"");
    }
    return value;
}

Options parse_options(int argc, char **argv)
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        std::string value;
        auto eq = arg.find('=');
        bool inline_value = arg.rfind("--", 0) == 0 && eq != std::string::npos;
        if (inline_value) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
        }
        auto next = [&]() -> std::string {
            if (inline_value) return value;
            if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--days") {
            options.days = static_cast<int>(parse_number(arg, next(), 7, 730));
        } else if (arg == "--skus") {
            options.skus = static_cast<int>(parse_number(arg, next(), 10, 5000));
        } else if (arg == "--seed") {
            options.seed = static_cast<std::uint64_t>(parse_number(arg, next(), 0, 2147483647));
        } else if (arg == "--out") {
            options.out = next();
        } else if (arg == "--connect") {
            options.connect = next();
        } else if (arg == "--keep") {
            options.keep = true;
        } else if (arg == "--quiet") {
            options.quiet = true;
        } else if (arg == "--pg-bindir") {
            options.bindir = next();
        } else if (arg == "--help" || arg == "-h") {
            std::cout << usage;
            std::exit(0);
        } else {
            throw std::invalid_argument("unknown option \"" + arg + "\"");
        }
    }
    return options;
}

// The progress of the season on stderr: a bar on a terminal, a line now and then otherwise.
class Progress {
public:
    Progress(int days, bool quiet) : days_(days), quiet_(quiet), tty_(isatty(STDERR_FILENO) != 0) {}
    void day_done(int day, const World &world, const DayStats &stats)
    {
        if (quiet_) return;
        int done = day + 1;
        int waiting = stats.waiting_not_late + stats.waiting_late_week +
                      stats.waiting_late_3_weeks + stats.waiting_late_more;
        if (tty_) {
            int filled = 30 * done / days_;
            std::fprintf(stderr, "\r  season [%s%s] day %d/%d %s, %d waiting   ",
                         std::string(static_cast<std::size_t>(filled), '#').c_str(),
                         std::string(static_cast<std::size_t>(30 - filled), '.').c_str(), done,
                         days_, short_date(world.start + day).c_str(), waiting);
            if (done == days_) std::fprintf(stderr, "\n");
        } else if (done == days_ || done % std::max(1, days_ / 10) == 0) {
            std::fprintf(stderr, "  season: day %d/%d (%s), %d waiting\n", done, days_,
                         iso_date(world.start + day).c_str(), waiting);
        }
        std::fflush(stderr);
    }
    void say(const std::string &what) const
    {
        if (!quiet_) std::fprintf(stderr, "  %s\n", what.c_str());
    }

private:
    int days_;
    bool quiet_;
    bool tty_;
};

// A database of its own on an existing server; one this program made before
// is dropped and made again, any other is left alone.
void create_simulation_database(const std::string &conninfo)
{
    Connection admin(conninfo);
    Result found = admin.exec(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1",
        Params().add(simulation_database));
    if (found.rows() > 0) {
        if (found.is_null(0, 0) || found.text(0, 0) != simulation_mark) {
            throw std::runtime_error(
                std::string("database \"") + simulation_database +
                "\" exists and was not created by backorder-simulate; drop or rename it");
        }
        admin.exec(std::string("DROP DATABASE ") + simulation_database);
    }
    admin.exec(std::string("CREATE DATABASE ") + simulation_database);
    admin.exec(std::string("COMMENT ON DATABASE ") + simulation_database + " IS " +
               quote_literal(simulation_mark));
}

void drop_simulation_database(const std::string &conninfo)
{
    Connection admin(conninfo);
    admin.exec(std::string("DROP DATABASE IF EXISTS ") + simulation_database);
}

void install_extension(Connection &db)
{
    try {
        db.exec("CREATE EXTENSION pg_backorder");
    } catch (const PgError &e) {
        throw std::runtime_error(std::string(e.what()) +
                                 "\n  Build and install the extension first: make && make install");
    }
}

void write_text(const std::filesystem::path &path, const std::string &text)
{
    std::ofstream file(path, std::ios::binary);
    file << text;
    if (!file) throw std::runtime_error("could not write \"" + path.string() + "\"");
}

int run(const Options &options)
{
    auto started = std::chrono::steady_clock::now();
    Progress progress(options.days, options.quiet);
    std::filesystem::path out = std::filesystem::absolute(options.out).lexically_normal();
    std::filesystem::create_directories(out);

    std::unique_ptr<Cluster> cluster;
    std::unique_ptr<Connection> db;
    if (options.connect) {
        progress.say("using the server at \"" + *options.connect + "\", database " +
                     simulation_database);
        create_simulation_database(*options.connect);
        db = std::make_unique<Connection>(*options.connect, simulation_database);
    } else {
        cluster = std::make_unique<Cluster>(options.bindir);
        progress.say("starting a throwaway PostgreSQL cluster");
        cluster->start();
        if (options.keep) cluster->keep();
        db = std::make_unique<Connection>(cluster->conninfo());
    }
    install_extension(*db);

    World world = build_world(options.seed, options.skus, options.days);
    Season season(world, *db);
    season.open();
    for (int day = 0; day < options.days; ++day) {
        if (interrupted) throw std::runtime_error("interrupted");
        season.play_day(day);
        progress.day_done(day, world, season.days()[static_cast<std::size_t>(day)]);
    }
    season.close();

    Metrics metrics = measure_season(season);
    std::vector<std::string> charts = write_charts(season, metrics, out.string());
    std::string report = narrate(season, metrics, charts);
    write_text(out / "report.txt", report);
    write_text(out / "daily.csv", daily_csv(season, metrics));
    write_text(out / "index.html", index_html(report, charts));

    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "\n" << report << "\n";
    std::printf("Simulated %d days in %.1f s. Report and charts: %s\n", options.days, seconds,
                out.c_str());
    db.reset();
    if (options.connect) {
        if (options.keep) {
            std::printf("The season is kept in database %s.\n", simulation_database);
        } else {
            drop_simulation_database(*options.connect);
        }
    } else if (options.keep) {
        std::printf("The cluster is kept. Reach it with:\n  %s\nStop and remove it with:\n  %s\n",
                    cluster->psql_command().c_str(), cluster->stop_command().c_str());
    }
    return 0;
}

}  // namespace
}  // namespace backorder::simulate

int main(int argc, char **argv)
{
    using namespace backorder::simulate;
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    try {
        return run(parse_options(argc, argv));
    } catch (const std::invalid_argument &e) {
        std::fprintf(stderr, "backorder-simulate: %s\n\n%s", e.what(), usage);
        return 2;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "\nbackorder-simulate: %s\n", e.what());
        return 1;
    }
}
