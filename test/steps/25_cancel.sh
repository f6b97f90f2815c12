#!/usr/bin/env bash
# Query cancel inside the engine. A receipt that fills 20,000 queued lines is
# cancelled mid-way, five times by statement_timeout and five times by
# pg_cancel_backend() from another session, at different points of its run.
# Each cancel must leave no trace (rows, stock, ledger and events as before,
# invariants clean), come promptly, not grow the backend's memory, and leave
# the session able to run the next statement. Finally the same receipt runs
# to its end. Ends with "N passed, N failed".
#
# It runs on its own cluster, started with glibc's mmap threshold fixed: by
# default glibc raises the threshold as large blocks are freed and then keeps
# such blocks in the heap, so the resident size wanders by tens of MB between
# identical statements. With it fixed, large blocks are unmapped when freed
# and the resident size follows what is live, to within a few kB.
set -uo pipefail
cd "$(dirname "$0")/../.."
export PATH=/usr/lib/postgresql/15/bin:$PATH
source test/cluster.sh

passed=0
failed=0
lines=20000
db=cancel
work=$(mktemp -d /tmp/pg_backorder-cancel.XXXXXX)
trap 'cluster_stop "$work"' EXIT

# Record a check: check NAME STATUS [FIGURES].
check() {
    if [[ $2 -eq 0 ]]; then
        echo "ok     $1${3:+: $3}"
        passed=$((passed + 1))
    else
        echo "FAILED $1${3:+: $3}"
        failed=$((failed + 1))
    fi
}

finish() {
    echo "$passed passed, $failed failed"
    [[ $failed -eq 0 ]]
    exit
}

sql() { psql -X -q -At -d "$db" "$@"; }

# Everything a receipt would change, as one line.
state() {
    sql -c "SELECT concat_ws(' ',
        (SELECT count(*) FROM backorder.receipt),
        (SELECT count(*) || ':' || coalesce(sum(qty_allocated), 0) FROM backorder.order_line
          WHERE status = 'allocated'),
        (SELECT on_hand || '/' || allocated || '/' || backordered FROM backorder.stock
          WHERE sku = 'BULK'),
        (SELECT count(*) || ':' || coalesce(sum(qty), 0) FROM backorder.allocation),
        (SELECT count(*) FROM backorder.event))"
}

# Number of violated invariants.
violations() {
    sql -c "SELECT count(*) FROM backorder.check()"
}

# The backend's memory: bytes in its memory contexts, and its anonymous
# resident memory (the C++ heap lives there, outside the contexts).
memory_sql="SELECT 'memory', sum(total_bytes),
    substring(pg_read_file('/proc/self/status') from 'RssAnon:\\s+(\\d+) kB')
    FROM pg_backend_memory_contexts;"
receipt_sql="INSERT INTO backorder.receipt (sku, qty) VALUES ('BULK', $lines);"

# Compare the memory lines of a session: the first after a cancel against the
# last. Bounds: a leaked plan of 20,000 lines would be several MB a cancel.
check_memory() {
    local how=$1 file=$2 first last
    first=$(grep '^memory|' "$file" | head -1)
    last=$(grep '^memory|' "$file" | tail -1)
    IFS='|' read -r _ context_first rss_first <<< "$first"
    IFS='|' read -r _ context_last rss_last <<< "$last"
    if [[ -z $first || -z $rss_first ]]; then
        check "backend memory after cancels by $how" 1 "no memory figures"
        return
    fi
    local context_growth=$(((context_last - context_first) / 1024))
    local rss_growth=$((rss_last - rss_first))
    ((context_growth < 256 && rss_growth < 1024))
    check "backend memory does not grow over cancels by $how" $? \
        "contexts ${context_growth} kB, anonymous RSS ${rss_growth} kB from the 1st to the 5th"
}

MALLOC_MMAP_THRESHOLD_=131072 cluster_start "$work" || { check "cancel cluster starts" 1; finish; }
createdb "$db" && sql <<SQL || { check "set up $lines queued lines" 1; finish; }
CREATE EXTENSION pg_backorder;
INSERT INTO backorder.item (sku) VALUES ('BULK');
INSERT INTO backorder.order_line (sku, qty) SELECT 'BULK', 1 FROM generate_series(1, $lines);
SQL
before=$(state)
echo "before: $before"

# How long the receipt takes in full (rolled back); the faster of two runs.
full_ms=
for _ in 1 2; do
    ms=$(sql <<SQL
BEGIN;
SELECT clock_timestamp() AS started \gset
$receipt_sql
SELECT round(extract(epoch FROM clock_timestamp() - :'started') * 1000);
ROLLBACK;
SQL
    )
    [[ -z $full_ms || $ms -lt $full_ms ]] && full_ms=$ms
done
[[ $(state) == "$before" ]]
check "a rolled-back receipt of $lines lines leaves no trace" $? "${full_ms} ms in full"

# Cancel points: from 10% to 60% of the full run, at least 20 ms in.
delays=()
for percent in 10 22 35 48 60; do
    delay=$((full_ms * percent / 100))
    ((delay < 20)) && delay=20
    delays+=("$delay")
done
echo "cancel points: ${delays[*]} ms"

# Each session first runs the receipt in full and rolls it back, so that its
# caches and heap are warm before the first figure is taken.
warm_up="BEGIN; $receipt_sql ROLLBACK;"

# 1. statement_timeout, five times in one session.
{
    echo '\set ON_ERROR_STOP 0'
    echo "$warm_up"
    for delay in "${delays[@]}"; do
        echo "SET statement_timeout = '${delay}ms';"
        echo "$receipt_sql"
        echo "RESET statement_timeout;"
        echo "$memory_sql"
    done
    echo "SELECT 'next', backorder.atp('BULK');"
} > "$work/timeout.sql"
sql -f "$work/timeout.sql" > "$work/timeout.out" 2>&1
timeouts=$(grep -c 'canceling statement due to statement timeout' "$work/timeout.out")
((timeouts == 5))
check "statement_timeout cancels the receipt" $? "$timeouts of 5"
after=$(state)
[[ $after == "$before" ]]
check "no trace after the timeouts" $? "$after"
grep -q '^next|0$' "$work/timeout.out"
check "the session runs the next statement after the timeouts" $?
check_memory statement_timeout "$work/timeout.out"

# 2. pg_cancel_backend() from a second session, five times.
{
    echo '\set ON_ERROR_STOP 0'
    echo "$warm_up"
    echo "SET application_name = 'cancel_target';"
    for _ in "${delays[@]}"; do
        echo "$receipt_sql"
        echo "$memory_sql"
        echo "SELECT pg_sleep(0.2);"
    done
    echo "SELECT 'next', backorder.atp('BULK');"
} > "$work/target.sql"
sql -f "$work/target.sql" > "$work/target.out" 2>&1 &
target=$!
# The canceller waits for each new run of the receipt to be delay ms old,
# cancels it, and reports how long the backend took to stop.
sql > "$work/canceller.out" 2>&1 <<SQL
DO \$\$
DECLARE
    delays int[] := '{$(IFS=,; echo "${delays[*]}")}';
    victim int;
    started timestamptz;
    last_started timestamptz := '-infinity';
    cancelled timestamptz;
    give_up timestamptz := clock_timestamp() + interval '60 s';
BEGIN
    FOR round IN 1 .. array_length(delays, 1) LOOP
        LOOP
            PERFORM pg_stat_clear_snapshot();
            SELECT pid, query_start INTO victim, started FROM pg_stat_activity
             WHERE application_name = 'cancel_target' AND state = 'active'
               AND query LIKE 'INSERT INTO backorder.receipt%' AND query_start > last_started;
            EXIT WHEN victim IS NOT NULL
                  AND clock_timestamp() - started >= delays[round] * interval '1 ms';
            IF clock_timestamp() > give_up THEN
                RAISE EXCEPTION 'receipt % never ran', round;
            END IF;
            PERFORM pg_sleep(0.002);
        END LOOP;
        PERFORM pg_cancel_backend(victim);
        cancelled := clock_timestamp();
        last_started := started;
        -- Wait for the statement to end.
        LOOP
            PERFORM pg_stat_clear_snapshot();
            EXIT WHEN NOT EXISTS (SELECT FROM pg_stat_activity
                                   WHERE pid = victim AND state = 'active'
                                     AND query_start = started);
            PERFORM pg_sleep(0.001);
        END LOOP;
        RAISE NOTICE 'latency|%', round(extract(epoch FROM clock_timestamp() - cancelled) * 1000);
    END LOOP;
END
\$\$;
SQL
wait "$target"
cancels=$(grep -c 'canceling statement due to user request' "$work/target.out")
((cancels == 5))
check "pg_cancel_backend cancels the receipt" $? "$cancels of 5"
latencies=$(grep -o 'latency|[0-9]*' "$work/canceller.out" | cut -d'|' -f2 | tr '\n' ' ')
max_latency=0
for ms in $latencies; do ((ms > max_latency)) && max_latency=$ms; done
[[ -n $latencies ]] && ((max_latency < 250))
check "each cancel takes effect promptly" $? "${latencies}ms"
after=$(state)
[[ $after == "$before" ]]
check "no trace after the cancels" $? "$after"
grep -q '^next|0$' "$work/target.out"
check "the session runs the next statement after the cancels" $?
check_memory pg_cancel_backend "$work/target.out"

count=$(violations)
[[ $count == 0 ]]
check "invariants hold after the cancels" $? "$count violations"

# 3. The same receipt, not cancelled, fills every line.
sql -c "$receipt_sql"
filled=$(sql -c "SELECT count(*) FROM backorder.order_line WHERE status = 'allocated'")
((filled == lines))
check "the receipt then runs to its end" $? "$filled of $lines lines allocated"
count=$(violations)
[[ $count == 0 ]]
check "invariants hold after the receipt" $? "$count violations"
finish
