// Guarded SPI: statements planned once per backend, run from C++ frames.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/quantity.hpp"
#include "pg/postgres.hpp"

namespace backorder::pg {

// How a statement's rows are read: all at once, or in batches through a
// Cursor that may stop early (planned for the first rows).
enum class Reading { All, InBatches };

// A statement prepared on first use and kept for the life of the backend.
// Every object it names is schema-qualified; functions pin search_path.
class Statement {
public:
    Statement(const char *sql, std::vector<Oid> arg_types, Reading reading = Reading::All)
        : sql_(sql), arg_types_(std::move(arg_types)), reading_(reading)
    {
    }
    const char *sql() const { return sql_; }
    SPIPlanPtr plan();

private:
    const char *sql_;
    std::vector<Oid> arg_types_;
    Reading reading_;
    SPIPlanPtr plan_ = nullptr;
};

// Positional arguments of a statement; append in order.
class Args {
public:
    Args &add(Datum value) { return add_value(value, false); }
    Args &null() { return add_value(0, true); }
    Args &text(const std::string &value);
    Args &int8(std::int64_t value) { return add(Int64GetDatum(value)); }
    Args &int4(std::int32_t value) { return add(Int32GetDatum(value)); }
    Args &timestamptz(std::int64_t microseconds) { return add(Int64GetDatum(microseconds)); }
    Args &date(std::optional<core::Day> value);
    Args &int8_array(const std::vector<std::int64_t> &values);
    Args &int8_array(const std::vector<std::optional<std::int64_t>> &values);
    Args &date_array(const std::vector<std::optional<core::Day>> &values);
    Args &text_array(const std::vector<std::string> &values);

    const Datum *values() const { return values_.data(); }
    const char *nulls() const { return nulls_.data(); }

private:
    Args &add_value(Datum value, bool is_null);
    std::vector<Datum> values_;
    std::vector<char> nulls_;  // SPI's convention: 'n' for null, ' ' otherwise
};

// Every statement runs with a fresh snapshot (SPI's read_only is never set),
// so that it sees the rows of the statement whose trigger runs it.
enum class Access { Read, Write, EngineWrite };

// Run a kept statement; returns the number of rows processed. EngineWrite
// marks the statement as the engine's own, so the guard triggers let it
// change maintained columns.
std::uint64_t execute(Statement &statement, const Args &args, Access access);

// Run one-off SQL (transition tables cannot be kept in a plan).
std::uint64_t execute_sql(const char *sql, Access access);

// A read of a kept Reading::InBatches statement; Row reads the last batch.
// Close it when done; an error closes it with the transaction.
class Cursor {
public:
    Cursor(Statement &statement, const Args &args);
    // Fetch up to count further rows; returns how many (0 at the end).
    std::uint64_t fetch(long count);
    void close();

private:
    Portal portal_ = nullptr;
};

// Reads column values of the last result; columns count from 1.
class Row {
public:
    explicit Row(std::uint64_t index) : index_(index) {}
    bool is_null(int column) const;
    std::int64_t int8(int column) const;
    std::int32_t int4(int column) const;
    bool boolean(int column) const;
    std::optional<std::int64_t> optional_int8(int column) const;
    core::Day date(int column) const;
    std::optional<core::Day> optional_date(int column) const;
    std::string text(int column) const;

private:
    Datum value(int column, bool *is_null) const;
    std::uint64_t index_;
};

// True while the engine's own statement runs (see Access::EngineWrite).
bool engine_is_writing();

// Forget engine-write state after an aborted transaction.
void reset_engine_writing();

// Connect to SPI; pair with spi_finish() on success (abort cleans up on error).
void spi_connect();
void spi_finish();

}  // namespace backorder::pg
