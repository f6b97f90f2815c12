// The C++/PostgreSQL boundary: one guard for each direction.
//
// PostgreSQL reports errors with longjmp, which skips C++ destructors; C++
// reports them with exceptions, which PostgreSQL frames cannot unwind. So:
//
//  * Every SQL-callable function and trigger is defined with BACKORDER_ENTRY.
//    Its body runs inside run_entry(), which catches every C++ exception,
//    leaves the catch block, and only then raises the PostgreSQL error,
//    keeping SQLSTATE, message, detail and hint.
//
//  * Inside a body, any PostgreSQL call that can raise an error while a C++
//    object with a destructor is alive goes through pg_call(). It runs the
//    call under PG_TRY, and turns a caught error into a PgError exception
//    that unwinds the C++ frames normally; run_entry() re-raises it intact.
//    The callable given to pg_call() must be noexcept and hold no object
//    with a destructor, since the longjmp lands past its frame.
#pragma once

#include <exception>
#include <type_traits>
#include <utility>

#include "pg/postgres.hpp"

namespace backorder::pg {

// A PostgreSQL error caught under pg_call(), carried through C++ frames.
class PgError : public std::exception {
public:
    explicit PgError(ErrorData *data) : data_(data) {}
    const char *what() const noexcept override { return data_->message; }
    ErrorData *data() const noexcept { return data_; }

private:
    ErrorData *data_;  // palloc'd in the caller's memory context
};

// Capture the error being handled in a PG_CATCH block and clear it.
ErrorData *take_error(MemoryContext context);

// Run f() under PG_TRY; a PostgreSQL error becomes a thrown PgError.
template <typename F>
auto pg_call(F &&f) -> decltype(f())
{
    static_assert(noexcept(f()), "pg_call needs a noexcept callable");
    using Result = decltype(f());
    MemoryContext context = CurrentMemoryContext;
    ErrorData *volatile error = nullptr;  // volatile: set after a longjmp
    if constexpr (std::is_void_v<Result>) {
        PG_TRY();
        {
            f();
        }
        PG_CATCH();
        {
            error = take_error(context);
        }
        PG_END_TRY();
        if (error != nullptr) throw PgError(error);
    } else {
        static_assert(std::is_scalar_v<Result>, "pg_call results must be scalars");
        volatile Result result{};
        PG_TRY();
        {
            result = f();
        }
        PG_CATCH();
        {
            error = take_error(context);
        }
        PG_END_TRY();
        if (error != nullptr) throw PgError(error);
        return result;
    }
}

using EntryBody = Datum (*)(FunctionCallInfo);

// Run an entry point's body; raise whatever it threw as a PostgreSQL error.
Datum run_entry(EntryBody body, FunctionCallInfo fcinfo);

// Poll for query cancel from C++ frames: a pending interrupt becomes PgError.
void check_for_interrupts();

}  // namespace backorder::pg

// Define an SQL-callable C function whose body is guarded by run_entry().
#define BACKORDER_ENTRY(name)                                                \
    static Datum name##_body(FunctionCallInfo fcinfo);                       \
    extern "C" {                                                             \
    PG_FUNCTION_INFO_V1(name);                                               \
    Datum name(PG_FUNCTION_ARGS)                                             \
    {                                                                        \
        return backorder::pg::run_entry(name##_body, fcinfo);                \
    }                                                                        \
    }                                                                        \
    static Datum name##_body(FunctionCallInfo fcinfo)
