// Compile-time guard: included last by every file of src/core.
//
// The core is plain C++ and is unit-tested without a server, so it must never
// see a PostgreSQL header. The CMake build compiles it without the server's
// include path; this guard also catches an include that slips in through the
// extension's own build.
#if defined(POSTGRES_H) || defined(PG_VERSION_NUM)
#error "src/core must not include PostgreSQL headers"
#endif
