// Guarded SPI: statements planned once per backend, run from C++ frames.
#include "pg/spi.hpp"

#include <memory>

#include "core/error.hpp"
#include "pg/boundary.hpp"

namespace backorder::pg {
namespace {

int engine_write_depth = 0;

// Build a one-dimensional array; elements and flags stay owned by the caller.
Datum make_array(const std::vector<Datum> &elements, const std::vector<char> &null_flags,
                 Oid element_type, int16 length, bool by_value, char align)
{
    const Datum *data = elements.data();
    const bool *nulls = reinterpret_cast<const bool *>(null_flags.data());
    int count = static_cast<int>(elements.size());
    return pg_call([&]() noexcept {
        int dims[1] = {count};
        int lbs[1] = {1};
        return PointerGetDatum(construct_md_array(const_cast<Datum *>(data),
                                                  const_cast<bool *>(nulls), 1, dims, lbs,
                                                  element_type, length, by_value, align));
    });
}

void check_spi_result(int code, const char *sql)
{
    if (code < 0) {
        throw core::Error(core::ErrorKind::Internal, "SPI failed in pg_backorder",
                          std::string("SPI error ") + SPI_result_code_string(code) +
                              " running: " + sql);
    }
}

}  // namespace

// Every statement names one sku and location, so one generic plan serves
// all of them: planning anew for each sku's values (PostgreSQL's default for
// the first runs, and for good when a custom plan looks cheaper) costs more
// than running the statement.
//
// The first generic plan is built at once, with sequential scans and sorts
// ruled out: a backend often plans while the tables are new and small, where
// reading a whole table looks cheapest and every index of a sku costs the
// same, and keeps that plan until statistics change. Every statement here
// reads a few rows of a sku or a line by an index, and one that names an
// order reads it from the index that has it (order_line_queue_idx for the
// waiting lines), not from another index of the sku followed by a sort,
// which would read the whole queue. Plans built again later (after ANALYZE)
// are left to the planner's costs.
SPIPlanPtr Statement::plan()
{
    if (plan_ != nullptr) return plan_;
    const char *sql = sql_;
    int nargs = static_cast<int>(arg_types_.size());
    Oid *types = arg_types_.data();
    int options = CURSOR_OPT_GENERIC_PLAN;
    if (reading_ == Reading::InBatches) options |= CURSOR_OPT_FAST_PLAN;
    SPIPlanPtr prepared = pg_call([&]() noexcept {
        SPIPlanPtr p = SPI_prepare_cursor(sql, nargs, types, options);
        if (p == nullptr) return p;
        SPI_keepplan(p);
        int nest_level = NewGUCNestLevel();
        for (const char *setting : {"enable_seqscan", "enable_sort"}) {
            set_config_option(setting, "off", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true,
                              0, false);
        }
        CachedPlan *generic = SPI_plan_get_cached_plan(p);
        if (generic != nullptr) ReleaseCachedPlan(generic, CurrentResourceOwner);
        AtEOXact_GUC(true, nest_level);
        return p;
    });
    if (prepared == nullptr) check_spi_result(SPI_result, sql_);
    plan_ = prepared;
    return plan_;
}

Args &Args::add_value(Datum value, bool is_null)
{
    values_.push_back(value);
    nulls_.push_back(is_null ? 'n' : ' ');
    return *this;
}

Args &Args::text(const std::string &value)
{
    const char *data = value.data();
    int length = static_cast<int>(value.size());
    return add(pg_call([&]() noexcept {
        return PointerGetDatum(cstring_to_text_with_len(data, length));
    }));
}

Args &Args::date(std::optional<core::Day> value)
{
    return value ? add(DateADTGetDatum(*value)) : null();
}

Args &Args::int8_array(const std::vector<std::int64_t> &values)
{
    std::vector<Datum> elements(values.size());
    std::vector<char> nulls(values.size(), 0);
    for (std::size_t i = 0; i < values.size(); ++i) elements[i] = Int64GetDatum(values[i]);
    return add(make_array(elements, nulls, INT8OID, 8, true, TYPALIGN_DOUBLE));
}

Args &Args::int8_array(const std::vector<std::optional<std::int64_t>> &values)
{
    std::vector<Datum> elements(values.size());
    std::vector<char> nulls(values.size(), 0);
    for (std::size_t i = 0; i < values.size(); ++i) {
        elements[i] = values[i] ? Int64GetDatum(*values[i]) : 0;
        nulls[i] = values[i] ? 0 : 1;
    }
    return add(make_array(elements, nulls, INT8OID, 8, true, TYPALIGN_DOUBLE));
}

Args &Args::date_array(const std::vector<std::optional<core::Day>> &values)
{
    std::vector<Datum> elements(values.size());
    std::vector<char> nulls(values.size(), 0);
    for (std::size_t i = 0; i < values.size(); ++i) {
        elements[i] = values[i] ? DateADTGetDatum(*values[i]) : 0;
        nulls[i] = values[i] ? 0 : 1;
    }
    return add(make_array(elements, nulls, DATEOID, 4, true, TYPALIGN_INT));
}

Args &Args::text_array(const std::vector<std::string> &values)
{
    std::vector<Datum> elements(values.size());
    std::vector<char> nulls(values.size(), 0);
    for (std::size_t i = 0; i < values.size(); ++i) {
        const char *data = values[i].data();
        int length = static_cast<int>(values[i].size());
        elements[i] = pg_call([&]() noexcept {
            return PointerGetDatum(cstring_to_text_with_len(data, length));
        });
    }
    return add(make_array(elements, nulls, TEXTOID, -1, false, TYPALIGN_INT));
}

std::uint64_t execute(Statement &statement, const Args &args, Access access)
{
    SPIPlanPtr plan = statement.plan();
    const Datum *values = args.values();
    const char *nulls = args.nulls();
    // Never read-only: a read must see what the triggering statement wrote.
    bool read_only = false;
    bool engine = access == Access::EngineWrite;
    int code = pg_call([&]() noexcept {
        int result = 0;
        if (engine) ++engine_write_depth;
        PG_TRY();
        {
            result = SPI_execute_plan(plan, const_cast<Datum *>(values), nulls, read_only, 0);
        }
        PG_CATCH();
        {
            if (engine) --engine_write_depth;
            PG_RE_THROW();
        }
        PG_END_TRY();
        if (engine) --engine_write_depth;
        return result;
    });
    check_spi_result(code, statement.sql());
    return SPI_processed;
}

std::uint64_t execute_sql(const char *sql, Access access)
{
    int code = pg_call([&]() noexcept { return SPI_execute(sql, false, 0); });
    check_spi_result(code, sql);
    return SPI_processed;
}

Cursor::Cursor(Statement &statement, const Args &args)
{
    SPIPlanPtr plan = statement.plan();
    const Datum *values = args.values();
    const char *nulls = args.nulls();
    portal_ = pg_call([&]() noexcept {
        return SPI_cursor_open(nullptr, plan, const_cast<Datum *>(values), nulls, false);
    });
}

std::uint64_t Cursor::fetch(long count)
{
    Portal portal = portal_;
    pg_call([&]() noexcept { SPI_cursor_fetch(portal, true, count); });
    return SPI_processed;
}

void Cursor::close()
{
    Portal portal = portal_;
    portal_ = nullptr;
    if (portal != nullptr) pg_call([&]() noexcept { SPI_cursor_close(portal); });
}

Datum Row::value(int column, bool *is_null) const
{
    std::uint64_t index = index_;
    return pg_call([&]() noexcept {
        return SPI_getbinval(SPI_tuptable->vals[index], SPI_tuptable->tupdesc, column, is_null);
    });
}

bool Row::is_null(int column) const
{
    bool null;
    value(column, &null);
    return null;
}

std::int64_t Row::int8(int column) const
{
    bool null;
    Datum d = value(column, &null);
    if (null) throw core::Error(core::ErrorKind::Internal, "unexpected null in pg_backorder");
    return DatumGetInt64(d);
}

std::int32_t Row::int4(int column) const
{
    bool null;
    Datum d = value(column, &null);
    if (null) throw core::Error(core::ErrorKind::Internal, "unexpected null in pg_backorder");
    return DatumGetInt32(d);
}

bool Row::boolean(int column) const
{
    bool null;
    Datum d = value(column, &null);
    return !null && DatumGetBool(d);
}

std::optional<std::int64_t> Row::optional_int8(int column) const
{
    bool null;
    Datum d = value(column, &null);
    if (null) return std::nullopt;
    return DatumGetInt64(d);
}

core::Day Row::date(int column) const
{
    auto day = optional_date(column);
    if (!day) throw core::Error(core::ErrorKind::Internal, "unexpected null in pg_backorder");
    return *day;
}

std::optional<core::Day> Row::optional_date(int column) const
{
    bool null;
    Datum d = value(column, &null);
    if (null) return std::nullopt;
    return DatumGetDateADT(d);
}

std::string Row::text(int column) const
{
    bool null;
    Datum d = value(column, &null);
    if (null) return {};
    const char *chars = pg_call([&]() noexcept {
        return text_to_cstring(reinterpret_cast<::text *>(PG_DETOAST_DATUM_PACKED(d)));
    });
    return std::string(chars);
}

bool engine_is_writing()
{
    return engine_write_depth > 0;
}

void reset_engine_writing()
{
    engine_write_depth = 0;
}

void spi_connect()
{
    int code = pg_call([]() noexcept { return SPI_connect(); });
    check_spi_result(code, "SPI_connect");
}

void spi_finish()
{
    int code = pg_call([]() noexcept { return SPI_finish(); });
    check_spi_result(code, "SPI_finish");
}

}  // namespace backorder::pg
