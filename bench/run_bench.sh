#!/usr/bin/env bash
# make bench / make bench-scale: pg_backorder against its PL/pgSQL baseline.
#
# Builds and installs the extension, starts a throwaway cluster (fsync on, so
# that synchronous_commit=on costs what it costs), loads the baseline and the
# floor, runs the cases and prints one table. Raw figures and the table are
# kept in build/bench/. See BENCHMARKS.md for the cases and the last results.
#
#   bench/run_bench.sh            every case, 1 to 7 (about 15 minutes)
#   bench/run_bench.sh --scale    case 7 alone: 1,000,000 order lines over 10,000 skus
#
# The sizes and repetitions can be changed with the BENCH_* variables of
# bench/lib.sh; BENCH_CASES picks cases ("1 3").
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/usr/lib/postgresql/15/bin:$PATH

cases=${BENCH_CASES:-1 2 3 4 5 6 7}
[[ ${1:-} == --scale ]] && cases=${BENCH_CASES:-7}

test/install_deps.sh
make -s -j2 > /dev/null
make -s install > /dev/null

source test/cluster.sh
cluster=$(mktemp -d /tmp/pg_backorder-bench.XXXXXX)
trap 'cluster_stop "$cluster"' EXIT
CLUSTER_PG_OPTS="-c fsync=on -c shared_buffers=512MB -c max_wal_size=8GB -c checkpoint_timeout=30min" \
    cluster_start "$cluster"
export BENCH_FILES=$cluster/files
mkdir -p "$BENCH_FILES"
chmod 777 "$BENCH_FILES"

out=build/bench
mkdir -p "$out"
{
    echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo)"\
         "memory, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1),"\
         "Linux $(uname -r)"
    echo "server: $(psql -X -At -c 'SHOW server_version'), fsync on, shared_buffers 512MB,"\
         "cluster in $cluster"
    echo "run: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2> /dev/null ||
         echo unknown), cases $cases, load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/machine.txt"

source bench/lib.sh
bench_setup
for c in $cases; do
    "case$c"
done

psql -X -q -c "\\copy bench.result TO '$out/results.tsv'"
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
echo
bench_report | tee "$out/table.md"
