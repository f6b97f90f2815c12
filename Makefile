# pg_backorder: back-order management inside PostgreSQL, built with PGXS.
#
#   make && make install    build and install into the server pg_config names
#   make installcheck       pg_regress against a running server (PGHOST, PGPORT)
#   make test               everything, on a throwaway cluster (installs what is missing)
#   make demo               a narrated scenario on a throwaway cluster
#   make simulate           a season of a consumer-goods brand on a throwaway cluster, with a
#                           report and charts (SIMULATE_ARGS="--days 30 --seed 7" to vary it)
#   make bench              the extension against a PL/pgSQL baseline (BENCHMARKS.md)
#   make bench-scale        its scale case alone: 1,000,000 order lines

EXTENSION = pg_backorder
MODULE_big = pg_backorder
# The install script is assembled from src/sql/ in file-name order.
SQL_SRCS = $(sort $(wildcard src/sql/*.sql))
DATA_built = pg_backorder--1.0.sql
PGFILEDESC = "pg_backorder - back-order management"

CORE_SRCS = $(sort $(wildcard src/core/*.cpp))
GLUE_SRCS = $(sort $(wildcard src/pg/*.cpp))
OBJS = $(CORE_SRCS:.cpp=.o) $(GLUE_SRCS:.cpp=.o)

# Every sql/*.sql file is a test; a new one cannot be forgotten.
REGRESS = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --inputdir=. --outputdir=build/regress
ISOLATION_SPECS = $(sort $(wildcard test/isolation/specs/*.spec))
ifneq ($(ISOLATION_SPECS),)
ISOLATION = $(patsubst test/isolation/specs/%.spec,%,$(ISOLATION_SPECS))
ISOLATION_OPTS = --inputdir=test/isolation --outputdir=build/isolation
endif

PG_CONFIG ?= pg_config

# The C++ core needs no JIT bitcode, and clang would not see PG_CXXFLAGS.
override with_llvm = no

PG_CPPFLAGS = -Isrc -isystem $(shell $(PG_CONFIG) --includedir-server)
PG_CXXFLAGS = -std=c++17 -Wextra -Wno-unused-parameter -Wno-register -Wno-missing-field-initializers
SHLIB_LINK = -lstdc++

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

pg_backorder--1.0.sql: $(SQL_SRCS)
	cat $^ > $@

# Rebuild everything when a header changes; the tree is small.
$(OBJS): $(wildcard src/core/*.hpp src/pg/*.hpp)

installcheck: | build/regress
build/regress:
	mkdir -p $@

.PHONY: test demo simulate bench bench-scale format
test:
	./test/run_all.sh

demo:
	./demo/run_demo.sh

simulate:
	./tools/simulate/run.sh $(SIMULATE_ARGS)

bench:
	./bench/run_bench.sh

bench-scale:
	./bench/run_bench.sh --scale

format:
	clang-format -i src/core/*.[ch]pp src/pg/*.[ch]pp test/unit/*.cpp tools/*/*.[ch]pp
