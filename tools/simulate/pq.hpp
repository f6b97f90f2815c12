// A small libpq client for the simulation: a connection, text parameters, results.
//
// It mirrors the shape of a general client library (Params, Result,
// Connection) so that the simulation can move onto a shared one unchanged.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace backorder::simulate {

// An error reported by the server or by libpq, with its SQLSTATE when known.
class PgError : public std::runtime_error {
public:
    PgError(const std::string &message, std::string sqlstate)
        : std::runtime_error(message), sqlstate_(std::move(sqlstate))
    {
    }
    const std::string &sqlstate() const noexcept { return sqlstate_; }

private:
    std::string sqlstate_;
};

// Text parameters of a statement, in order; null() is SQL null.
class Params {
public:
    Params &add(std::string value);
    Params &add(std::int64_t value) { return add(std::to_string(value)); }
    Params &add(int value) { return add(std::to_string(value)); }
    Params &add(double value);
    Params &add(const char *value) { return add(std::string(value)); }
    Params &null();
    // One-dimensional array literals; strings are quoted, nullopt is NULL.
    Params &array(const std::vector<std::int64_t> &values);
    Params &array(const std::vector<std::string> &values);
    Params &array(const std::vector<std::optional<std::string>> &values);
    Params &array(const std::vector<bool> &values);

    int size() const { return static_cast<int>(values_.size()); }
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
    bool is_null(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }
    std::string text(int row, int column) const;
    std::int64_t int64(int row, int column) const;
    // A numeric column as a whole number of units (quantities here are whole).
    std::int64_t units(int row, int column) const;
    double number(int row, int column) const;

private:
    PGresult *result_;
};

// One server session.
class Connection {
public:
    explicit Connection(const std::string &conninfo);
    // Connect as conninfo says (a key=value string or a URI), but to another database.
    Connection(const std::string &conninfo, const std::string &dbname);
    ~Connection() { PQfinish(conn_); }
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    // Run one or more statements without parameters; the last result is returned.
    Result exec(const std::string &sql);
    // Run one statement with text parameters.
    Result exec(const std::string &sql, const Params &params);
    // The value of a server setting (server_version_num, ...).
    std::string setting(const std::string &name);

private:
    void check_connected();
    Result check(PGresult *result, const std::string &sql);
    PGconn *conn_;
};

// Quote a string as an SQL literal ('it''s').
std::string quote_literal(const std::string &value);
// Quote a name as an SQL identifier ("My Table").
std::string quote_identifier(const std::string &name);

}  // namespace backorder::simulate
