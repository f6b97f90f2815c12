#!/usr/bin/env bash
# A tiny run of every case of `make bench`, so that the benchmark cannot rot:
# the baseline answers like the extension, and every case produces figures
# for every side it compares. No timing thresholds.
# Expects PGHOST, PGPORT and PGUSER of a server with pg_backorder installed.
# Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
export PATH=/usr/lib/postgresql/15/bin:$PATH

passed=0
failed=0
check() {
    if [[ $2 == ok ]]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAILED: $1"
    fi
}

export PGDATABASE=pg_backorder_bench_smoke
files=$(mktemp -d /tmp/pg_backorder-bench-smoke.XXXXXX)
chmod 777 "$files"
trap 'rm -rf "$files"; dropdb --if-exists "$PGDATABASE"' EXIT
dropdb --if-exists "$PGDATABASE" && createdb "$PGDATABASE" || exit 1

export BENCH_DIV=100 BENCH_REPS=1 BENCH_PGBENCH_REPS=1 BENCH_SECONDS=1 BENCH_CLIENTS=2
export BENCH_QUOTE_MS=5 BENCH_FILES=$files
source bench/lib.sh

bench_setup && check "setup" ok || { check "setup" no; echo "$passed passed, $failed failed"; exit 1; }
bench_parity && check "the baseline answers and records like the extension" ok ||
    check "the baseline answers and records like the extension" no

for c in 1 2 3 4 5 6 7; do
    if "case$c"; then check "case $c runs" ok; else check "case $c runs" no; fi
done

# Every figure the table compares is there, for each side it names.
while read -r case_id measure sides; do
    for side in ${sides//,/ }; do
        n=$(q "SELECT count(*) FROM bench.result
                WHERE case_id = '$case_id' AND measure = '$measure' AND side = '$side'
                  AND value >= 0")
        [[ $n -ge 1 ]] && check "case $case_id $measure $side" ok ||
            check "case $case_id $measure $side has a figure" no
    done
done <<'LIST'
1 fill extension,baseline,writes
2 q10000 extension,baseline,writes
2 q100000 extension,baseline,writes
3 off extension,baseline,floor,writes
3 on extension,baseline,floor,writes
4 atp_small extension,baseline
4 atp_large extension,baseline
4 promise_small extension,baseline
4 promise_large extension,baseline
5 lines extension,baseline,floor
5 receipts extension,baseline,floor
6 c2 extension,baseline
7 entry_small extension,baseline
7 entry_large extension,baseline
7 receipt_small extension,baseline
7 receipt_large extension,baseline
7 atp_small extension,baseline
7 atp_large extension,baseline
LIST

problems=$(q "SELECT coalesce(sum(value), -1) FROM bench.result
               WHERE case_id = '6' AND (measure = 'check' OR measure LIKE '%failed')")
[[ $problems == 0 ]] && check "no failed transactions, invariants hold on both sides" ok ||
    check "no failed transactions, invariants hold on both sides ($problems)" no

rows=$(bench_report | grep -c '^| [1-7] |')
[[ $rows -ge 20 ]] && check "the table has a row per measure" ok ||
    check "the table has a row per measure ($rows)" no
bench_report

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
