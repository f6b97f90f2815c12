// A small C++ layer over libpq for the load driver, benchmarks and simulations.
//
// Connection owns a PGconn, Result owns a PGresult; errors are thrown as
// PgError with the server's SQLSTATE, so callers can tell a serialization
// failure (run the transaction again) from a refusal or a lost connection.
#pragma once

#include <libpq-fe.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace backorder::client {

// An error reported by the server or by libpq, with its SQLSTATE ("" when
// the connection failed before the server could say anything).
class PgError : public std::runtime_error {
public:
    PgError(const std::string &message, std::string sqlstate)
        : std::runtime_error(message), sqlstate_(std::move(sqlstate))
    {
    }
    const std::string &sqlstate() const noexcept { return sqlstate_; }

    // A serialization failure (40001) or deadlock (40P01): the transaction
    // was rolled back and may simply run again.
    bool retryable() const noexcept;

    // The connection is gone or the server is shutting down or recovering:
    // reconnect before going on.
    bool connection_lost() const noexcept;

private:
    std::string sqlstate_;
};

// Text parameters of a statement, in order; null() is SQL null.
class Params {
public:
    Params &add(std::string value);
    Params &add(std::int64_t value) { return add(std::to_string(value)); }
    Params &add(int value) { return add(std::to_string(value)); }
    Params &add(bool value) { return add(std::string(value ? "true" : "false")); }
    Params &add(const char *value) { return add(std::string(value)); }
    Params &null();
    // A one-dimensional array literal of integers or of simple words.
    Params &array(const std::vector<std::int64_t> &values);
    Params &array(const std::vector<std::string> &values);

    int size() const { return static_cast<int>(values_.size()); }
    // Pointers for PQexecParams; valid while this object lives unchanged.
    std::vector<const char *> pointers() const;

private:
    std::vector<std::optional<std::string>> values_;
};

// A query result; rows and columns count from 0.
class Result {
public:
    explicit Result(PGresult *result = nullptr) : result_(result) {}
    ~Result() { PQclear(result_); }
    Result(Result &&other) noexcept : result_(other.result_) { other.result_ = nullptr; }
    Result &operator=(Result &&other) noexcept;
    Result(const Result &) = delete;
    Result &operator=(const Result &) = delete;

    int rows() const { return result_ ? PQntuples(result_) : 0; }
    int columns() const { return result_ ? PQnfields(result_) : 0; }
    bool is_null(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }
    std::string text(int row, int column) const;
    std::int64_t int64(int row, int column) const;
    std::optional<std::int64_t> optional_int64(int row, int column) const;
    // The rows affected, as in the command tag ("INSERT 0 3" gives 3).
    std::uint64_t affected() const;
    PGresult *get() const { return result_; }

private:
    PGresult *result_;
};

// One server session. Not shared between threads.
class Connection {
public:
    // Connect with a libpq connection string ("" takes everything from PG*
    // variables); application_name is used unless the string names one.
    explicit Connection(const std::string &conninfo,
                        const std::string &application_name = "pg_backorder");
    ~Connection() { PQfinish(conn_); }
    Connection(Connection &&other) noexcept : conn_(other.conn_) { other.conn_ = nullptr; }
    Connection &operator=(Connection &&other) noexcept;
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    // Run one or more statements without parameters; the last result is returned.
    Result exec(const std::string &sql);
    // Run one statement with text parameters.
    Result exec(const std::string &sql, const Params &params);
    // ROLLBACK, ignoring every error: for cleaning up after a failure.
    void rollback_quietly() noexcept;

    bool ok() const { return conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK; }
    int backend_pid() const { return PQbackendPID(conn_); }
    PGconn *get() const { return conn_; }

private:
    Result check(PGresult *result, const std::string &sql);
    PGconn *conn_;
};

// Counts of transactions run again, by cause.
struct RetryCounts {
    std::atomic<std::uint64_t> serialization{0};
    std::atomic<std::uint64_t> deadlock{0};
};

// Run attempt() until it does not end in a serialization failure or
// deadlock, at most max_attempts times and not past give_up, rolling back and
// pausing briefly (with growing random jitter) in between. The last error,
// and every other error, passes through.
template <typename F>
auto with_retry(Connection &conn, F &&attempt, RetryCounts &counts, int max_attempts = 100,
                std::chrono::steady_clock::time_point give_up =
                    std::chrono::steady_clock::time_point::max()) -> decltype(attempt())
{
    thread_local std::minstd_rand jitter(std::random_device{}());
    for (int tried = 1;; ++tried) {
        try {
            return attempt();
        } catch (const PgError &e) {
            if (!e.retryable() || tried >= max_attempts) throw;
            if (std::chrono::steady_clock::now() >= give_up) throw;
            (e.sqlstate() == "40P01" ? counts.deadlock : counts.serialization)++;
            conn.rollback_quietly();
            // Back off at random up to 1 ms, doubling to at most 64 ms, so
            // that a convoy behind a hot row thins out.
            unsigned cap_us = 1000u << std::min(tried - 1, 6);
            std::this_thread::sleep_for(std::chrono::microseconds(jitter() % cap_us));
        }
    }
}

}  // namespace backorder::client
