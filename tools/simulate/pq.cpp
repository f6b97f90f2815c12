// A small libpq client for the simulation.
#include "pq.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace backorder::simulate {
namespace {

// Quote one array element: "..." with backslash escapes.
std::string array_element(const std::string &value)
{
    std::string out = "\"";
    for (char c : value) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

// Pass warnings on to stderr; notices (CREATE EXTENSION ...) stay quiet.
void report_warnings(void *, const PGresult *result)
{
    const char *severity = PQresultErrorField(result, PG_DIAG_SEVERITY_NONLOCALIZED);
    if (severity != nullptr && std::strcmp(severity, "WARNING") == 0) {
        std::fprintf(stderr, "%s", PQresultErrorMessage(result));
    }
}

}  // namespace

Params &Params::add(std::string value)
{
    values_.emplace_back(std::move(value));
    return *this;
}

Params &Params::add(double value)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.6f", value);
    return add(std::string(buffer));
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
        literal += array_element(values[i]);
    }
    return add(literal + "}");
}

Params &Params::array(const std::vector<std::optional<std::string>> &values)
{
    std::string literal = "{";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) literal += ',';
        literal += values[i] ? array_element(*values[i]) : "NULL";
    }
    return add(literal + "}");
}

Params &Params::array(const std::vector<bool> &values)
{
    std::string literal = "{";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) literal += ',';
        literal += values[i] ? "t" : "f";
    }
    return add(literal + "}");
}

std::vector<const char *> Params::pointers() const
{
    std::vector<const char *> out;
    out.reserve(values_.size());
    for (const auto &value : values_) out.push_back(value ? value->c_str() : nullptr);
    return out;
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
    return std::string(PQgetvalue(result_, row, column));
}

std::int64_t Result::int64(int row, int column) const
{
    return std::strtoll(PQgetvalue(result_, row, column), nullptr, 10);
}

std::int64_t Result::units(int row, int column) const { return std::llround(number(row, column)); }

double Result::number(int row, int column) const
{
    return std::strtod(PQgetvalue(result_, row, column), nullptr);
}

Connection::Connection(const std::string &conninfo)
{
    conn_ = PQconnectdb(conninfo.c_str());
    check_connected();
}

Connection::Connection(const std::string &conninfo, const std::string &dbname)
{
    // With expand_dbname, the first dbname is read as a whole connection
    // string and later keywords override what it says.
    const char *keywords[] = {"dbname", "dbname", nullptr};
    const char *values[] = {conninfo.c_str(), dbname.c_str(), nullptr};
    conn_ = PQconnectdbParams(keywords, values, 1);
    check_connected();
}

void Connection::check_connected()
{
    if (PQstatus(conn_) != CONNECTION_OK) {
        std::string message = PQerrorMessage(conn_);
        while (!message.empty() && message.back() == '\n') message.pop_back();
        PQfinish(conn_);
        conn_ = nullptr;
        throw PgError("could not connect: " + message, "");
    }
    PQsetNoticeReceiver(conn_, report_warnings, nullptr);
}

Result Connection::check(PGresult *raw, const std::string &sql)
{
    Result result(raw);
    ExecStatusType status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
    std::string message = raw ? PQresultErrorMessage(raw) : PQerrorMessage(conn_);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    const char *sqlstate = raw ? PQresultErrorField(raw, PG_DIAG_SQLSTATE) : nullptr;
    std::string first_line = sql.substr(0, sql.find('\n'));
    throw PgError(message + "\n  in: " + first_line.substr(0, 120), sqlstate ? sqlstate : "");
}

Result Connection::exec(const std::string &sql) { return check(PQexec(conn_, sql.c_str()), sql); }

Result Connection::exec(const std::string &sql, const Params &params)
{
    std::vector<const char *> values = params.pointers();
    return check(PQexecParams(conn_, sql.c_str(), params.size(), nullptr, values.data(), nullptr,
                              nullptr, 0),
                 sql);
}

std::string Connection::setting(const std::string &name)
{
    return exec("SELECT current_setting($1)", Params().add(name)).text(0, 0);
}

std::string quote_literal(const std::string &value)
{
    std::string out = "'";
    for (char c : value) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}

std::string quote_identifier(const std::string &name)
{
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace backorder::simulate
