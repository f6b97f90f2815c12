// A small C++ layer over libpq: connections, parameters, results, errors.
#include "common/pgconn.hpp"

#include <cstdlib>

namespace backorder::client {

bool PgError::retryable() const noexcept { return sqlstate_ == "40001" || sqlstate_ == "40P01"; }

bool PgError::connection_lost() const noexcept
{
    // No SQLSTATE: libpq lost the socket. Class 08: connection exceptions.
    // 57P01..57P03: admin or crash shutdown, cannot connect now (recovery).
    return sqlstate_.empty() || sqlstate_.compare(0, 2, "08") == 0 || sqlstate_ == "57P01" ||
           sqlstate_ == "57P02" || sqlstate_ == "57P03";
}

Params &Params::add(std::string value)
{
    values_.emplace_back(std::move(value));
    return *this;
}

Params &Params::null()
{
    values_.emplace_back(std::nullopt);
    return *this;
}

Params &Params::array(const std::vector<std::int64_t> &values)
{
    std::string literal = "{";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) literal += ',';
        literal += std::to_string(values[i]);
    }
    return add(literal + "}");
}

Params &Params::array(const std::vector<std::string> &values)
{
    std::string literal = "{";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) literal += ',';
        literal += '"';
        for (char c : values[i]) {
            if (c == '"' || c == '\\') literal += '\\';
            literal += c;
        }
        literal += '"';
    }
    return add(literal + "}");
}

std::vector<const char *> Params::pointers() const
{
    std::vector<const char *> result;
    result.reserve(values_.size());
    for (const auto &value : values_) result.push_back(value ? value->c_str() : nullptr);
    return result;
}

Result &Result::operator=(Result &&other) noexcept
{
    if (this != &other) {
        PQclear(result_);
        result_ = other.result_;
        other.result_ = nullptr;
    }
    return *this;
}

std::string Result::text(int row, int column) const
{
    return std::string(PQgetvalue(result_, row, column),
                       static_cast<std::size_t>(PQgetlength(result_, row, column)));
}

std::int64_t Result::int64(int row, int column) const
{
    if (is_null(row, column)) {
        throw PgError("unexpected null in column " + std::to_string(column + 1), "22004");
    }
    return std::strtoll(PQgetvalue(result_, row, column), nullptr, 10);
}

std::optional<std::int64_t> Result::optional_int64(int row, int column) const
{
    if (is_null(row, column)) return std::nullopt;
    return std::strtoll(PQgetvalue(result_, row, column), nullptr, 10);
}

std::uint64_t Result::affected() const
{
    const char *tuples = result_ ? PQcmdTuples(result_) : "";
    return tuples[0] ? std::strtoull(tuples, nullptr, 10) : 0;
}

Connection::Connection(const std::string &conninfo, const std::string &application_name)
{
    const char *keywords[] = {"dbname", "fallback_application_name", nullptr};
    const char *values[] = {conninfo.c_str(), application_name.c_str(), nullptr};
    // expand_dbname = 1: dbname may be a full connection string or URI.
    conn_ = PQconnectdbParams(keywords, values, 1);
    if (conn_ == nullptr) throw PgError("out of memory connecting", "");
    if (PQstatus(conn_) != CONNECTION_OK) {
        std::string message = PQerrorMessage(conn_);
        while (!message.empty() && message.back() == '\n') message.pop_back();
        PQfinish(conn_);
        conn_ = nullptr;
        throw PgError(message, "08006");
    }
}

Connection &Connection::operator=(Connection &&other) noexcept
{
    if (this != &other) {
        PQfinish(conn_);
        conn_ = other.conn_;
        other.conn_ = nullptr;
    }
    return *this;
}

Result Connection::check(PGresult *raw, const std::string &sql)
{
    Result result(raw);
    ExecStatusType status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
        return result;
    }
    const char *state = raw ? PQresultErrorField(raw, PG_DIAG_SQLSTATE) : nullptr;
    const char *primary = raw ? PQresultErrorField(raw, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string message = primary ? primary : PQerrorMessage(conn_);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    // A result without SQLSTATE after the socket closed is a lost connection.
    std::string sqlstate = state ? state : (PQstatus(conn_) == CONNECTION_BAD ? "" : "XX000");
    throw PgError(message + " (running: " + sql.substr(0, 60) + ")", sqlstate);
}

Result Connection::exec(const std::string &sql)
{
    if (conn_ == nullptr) throw PgError("not connected", "");
    return check(PQexec(conn_, sql.c_str()), sql);
}

Result Connection::exec(const std::string &sql, const Params &params)
{
    if (conn_ == nullptr) throw PgError("not connected", "");
    std::vector<const char *> values = params.pointers();
    return check(PQexecParams(conn_, sql.c_str(), params.size(), nullptr, values.data(), nullptr,
                              nullptr, 0),
                 sql);
}

void Connection::rollback_quietly() noexcept
{
    if (conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK) PQclear(PQexec(conn_, "ROLLBACK"));
}

}  // namespace backorder::client
