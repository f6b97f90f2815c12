# The benchmark cases of pg_backorder against the PL/pgSQL baseline and the
# floor. Source it with PGHOST, PGPORT, PGUSER and PGDATABASE naming a server
# where pg_backorder is installed, then call bench_setup, the case functions
# and bench_report.
#
# Sides: extension (schema backorder), baseline (bench/baseline.sql), floor
# (the same tables without triggers, bench/floor.sql) and writes (the rows an
# operation cannot avoid writing, set-based, on the floor tables).
#
# Sizes and repetitions:
#   BENCH_DIV           divide every size by this (1; the test command uses 100)
#   BENCH_REPS          repetitions of the timed cases (5)
#   BENCH_PGBENCH_REPS  repetitions of the pgbench cases (3)
#   BENCH_SECONDS       seconds per pgbench run (5)
#   BENCH_CLIENTS       client counts of case 6 ("2 4 8")
#   BENCH_QUOTE_MS      milliseconds spent per atp/promise figure (200)
#   BENCH_FILES         a directory the server can read and write, for COPY

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIV=${BENCH_DIV:-1}
REPS=${BENCH_REPS:-5}
PGBENCH_REPS=${BENCH_PGBENCH_REPS:-3}
SECONDS_PER_RUN=${BENCH_SECONDS:-5}
CLIENTS=${BENCH_CLIENTS:-2 4 8}
QUOTE_MS=${BENCH_QUOTE_MS:-200}

# Run SQL; print unaligned rows.
q() {
    psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"
}

# A size divided by BENCH_DIV, at least `min` (default 1).
size() {
    local n=$(($1 / DIV))
    ((n < ${2:-1})) && n=${2:-1}
    echo "$n"
}

# Thousands separators for labels: 100000 -> 100,000.
pretty() {
    printf "%'d" "$1" 2> /dev/null || echo "$1"
}

# The schema of a side.
schema_of() {
    case $1 in
        extension) echo backorder ;;
        baseline) echo baseline ;;
        *) echo floor ;;
    esac
}

# Store one figure: case, measure key, label, side, repetition, value.
record() {
    local stored
    stored=$(q "INSERT INTO bench.result (case_id, measure, label, side, rep, value)
                VALUES ('$1', '$2', '$3', '$4', $5, $6) RETURNING bench.num(value)")
    printf '  %-50s %-9s rep %s: %s\n' "$3" "$4" "$5" "$stored"
}

# Load the shape of pg_backorder's tables into a schema, with its today().
load_shape() {
    {
        echo "CREATE SCHEMA $1;"
        echo "CREATE FUNCTION $1.today() RETURNS date LANGUAGE sql STABLE"
        echo "    AS \$\$ SELECT coalesce(nullif(current_setting('backorder.today', true), '')::date,"
        echo "                            current_date) \$\$;"
        sed "s/\bbackorder\./$1./g" "$BENCH_ROOT/src/sql/10_tables.sql"
    } | psql -X -q -v ON_ERROR_STOP=1 > /dev/null
}

# Create the extension, the baseline, the floor and the bench schema.
bench_setup() {
    q "CREATE EXTENSION pg_backorder" > /dev/null
    load_shape baseline
    load_shape floor
    for file in baseline floor bench; do
        psql -X -q -v ON_ERROR_STOP=1 -f "$BENCH_ROOT/bench/$file.sql" > /dev/null
    done
}

# Items of a sku set on every side; stock rows on the floor.
add_items() {
    local skus=$1 lead=${2:-30}
    for schema in backorder baseline floor; do
        q "INSERT INTO $schema.item (sku, lead_time_days) SELECT s, $lead FROM ($skus) AS k(s);
           INSERT INTO floor.stock (sku, location) SELECT s, 'main' FROM ($skus) AS k(s)
               WHERE '$schema' = 'floor'"
    done
}

# Enter n lines of 1 on a sku of a schema. The baseline's per-row trigger
# updates the stock row once per line, and a long chain of row versions in one
# transaction makes every lookup of that row slower, so its setup commits every
# 1,000 lines; the extension plans a statement at once.
enter_lines() {
    local schema=$1 sku=$2 n=$3
    if [[ $schema == baseline ]]; then
        q "DO \$\$ BEGIN
               FOR chunk IN 0 .. ($n - 1) / 1000 LOOP
                   INSERT INTO baseline.order_line (sku, qty)
                   SELECT '$sku', 1 FROM generate_series(1, least(1000, $n - chunk * 1000));
                   COMMIT;
               END LOOP;
           END \$\$"
    else
        q "INSERT INTO $schema.order_line (sku, qty) SELECT '$sku', 1 FROM generate_series(1, $n)"
    fi
}

# Run pgbench with a script of a side; print "tps failed latency_ms".
run_pgbench() {
    local side=$1 script=$2 options=$3; shift 3
    local file
    file=$(mktemp /tmp/pg_backorder-bench-script.XXXXXX)
    sed "s/@schema@/$(schema_of "$side")/g" "$BENCH_ROOT/bench/pgbench/$script" > "$file"
    local out
    out=$(PGOPTIONS="$options" pgbench -n -M prepared --failures-detailed "$@" -f "$file" 2>&1)
    rm -f "$file"
    local tps failed latency
    tps=$(sed -nE 's/^tps = ([0-9.]+) .*/\1/p' <<< "$out")
    failed=$(sed -nE 's/^number of failed transactions: ([0-9]+).*/\1/p' <<< "$out")
    latency=$(sed -nE 's/^latency average = ([0-9.]+) ms.*/\1/p' <<< "$out")
    if [[ -z $tps ]] || grep -q 'aborted' <<< "$out"; then
        echo "pgbench failed for $side $script:" >&2
        echo "$out" | tail -15 >&2
        return 1
    fi
    echo "$tps ${failed:-0} ${latency:-0}"
}

# 1. A receipt that fills a queue of 10,000 lines of one sku: microseconds per
#    filled line. The floor writes the same rows set-based.
case1() {
    local n r side sku ms
    n=$(size 10000 10)
    echo "case 1: a receipt fills $(pretty "$n") queued lines"
    for ((r = 1; r <= REPS; r++)); do
        sku="c1-$r"
        add_items "SELECT '$sku'"
        for schema in backorder baseline floor; do
            q "INSERT INTO $schema.supply (sku, qty, expected_date)
                   VALUES ('$sku', $n, current_date + 7)"
            enter_lines $schema "$sku" "$n"
        done
        q "UPDATE floor.stock SET backordered = $n WHERE sku = '$sku'"
        for side in extension baseline; do
            local schema
            schema=$(schema_of $side)
            ms=$(q "SELECT bench.elapsed_ms(\$\$
                        INSERT INTO $schema.receipt (sku, qty, supply_id)
                        SELECT '$sku', $n, supply_id FROM $schema.supply WHERE sku = '$sku'\$\$)")
            record 1 fill "receipt filling $(pretty "$n") lines, µs per line" $side $r \
                "$ms * 1000 / $n"
        done
        ms=$(q "SELECT bench.elapsed_ms(\$\$SELECT floor.fill('$sku', $n, $n)\$\$)")
        record 1 fill "receipt filling $(pretty "$n") lines, µs per line" writes $r \
            "$ms * 1000 / $n"
    done
}

# 2. A receipt filling 1,000 lines with 10,000 and with 100,000 lines queued.
#    Both queues are loaded before either is measured, so both see the same
#    tables. Supply comes in orders of 5 receipts each, so the receipt
#    replaces supply the queue already counted on and no other promise moves;
#    each queue is topped up after each repetition.
case2() {
    local fill po r side full queue orders ms label
    fill=$(size 1000)
    po=$((5 * fill))
    for full in 10000 100000; do
        queue=$(size $full 10)
        orders=$(((queue + REPS * fill) / po + 2))
        echo "case 2: loading a queue of $(pretty "$queue") lines"
        add_items "SELECT 'c2-$full'"
        for schema in backorder baseline floor; do
            q "INSERT INTO $schema.supply (sku, qty, expected_date)
                   SELECT 'c2-$full', $po, current_date + 7 * g FROM generate_series(1, $orders) g"
            enter_lines $schema "c2-$full" "$queue"
        done
        q "UPDATE floor.stock SET backordered = $queue WHERE sku = 'c2-$full'"
    done
    echo "case 2: a receipt fills $(pretty "$fill") queued lines"
    for ((r = 1; r <= REPS; r++)); do
        for full in 10000 100000; do
            local sku="c2-$full"
            label="receipt filling $(pretty "$fill") of $(pretty "$(size $full 10)") queued, ms"
            for side in extension baseline; do
                local schema
                schema=$(schema_of $side)
                ms=$(q "SELECT bench.elapsed_ms(\$\$
                            INSERT INTO $schema.receipt (sku, qty, supply_id)
                            SELECT '$sku', $fill, min(supply_id) FROM $schema.supply
                             WHERE sku = '$sku' AND qty > qty_received\$\$)")
                record 2 "q$full" "$label" $side $r "$ms"
                enter_lines $schema "$sku" "$fill"
            done
            ms=$(q "SELECT bench.elapsed_ms(\$\$SELECT floor.fill('$sku', $fill, $fill)\$\$)")
            record 2 "q$full" "$label" writes $r "$ms"
            q "INSERT INTO floor.order_line (sku, qty) SELECT '$sku', 1
                   FROM generate_series(1, $fill);
               UPDATE floor.stock SET backordered = backordered + $fill WHERE sku = '$sku'"
        done
    done
}

# 3. Order entry under pgbench: 2 clients, 1,000 skus with a little stock and
#    open supply, synchronous_commit off and on. Each repetition has its own
#    skus so every run starts from the same state.
case3() {
    local skus run=0 mode r base side sides tps failed latency
    skus=$(size 1000 10)
    echo "case 3: order entry under pgbench, 2 clients, $(pretty "$skus") skus"
    for mode in off on; do
        for ((r = 1; r <= PGBENCH_REPS; r++)); do
            run=$((run + 1))
            base=$((run * 100000))
            local set="SELECT 'c3-' || ($base + g) FROM generate_series(1, $skus) g"
            add_items "$set"
            for schema in backorder baseline; do
                q "INSERT INTO $schema.supply (sku, qty, expected_date)
                       SELECT s, 1000, current_date + 14 FROM ($set) AS k(s);
                   INSERT INTO $schema.receipt (sku, qty) SELECT s, 5 FROM ($set) AS k(s)"
            done
            q "CHECKPOINT"
            # Rotate the order of the sides between repetitions.
            sides=(extension baseline floor writes)
            sides=("${sides[@]:r % 4}" "${sides[@]:0:r % 4}")
            for side in "${sides[@]}"; do
                local script=entry.sql
                [[ $side == writes ]] && script=entry_writes.sql
                read -r tps failed latency < <(run_pgbench $side $script \
                    "-c synchronous_commit=$mode" -c 2 -j 2 -T "$SECONDS_PER_RUN" \
                    -D base=$base -D skus="$skus")
                record 3 "$mode" "order entry, synchronous_commit=$mode, tps" $side $r "$tps"
            done
        done
    done
}

# 4. atp and promise on a sku with 1,000 and with 100,000 waiting lines:
#    microseconds per call (the 100,000 queue is case 2's; the short one gets
#    as many supply lines, so that only the queue's length differs).
case4() {
    local small large orders r side what
    small=$(size 1000 10)
    large=$(size 100000 10)
    orders=$(q "SELECT count(*) FROM backorder.supply WHERE sku = 'c2-100000'")
    echo "case 4: atp and promise with $(pretty "$small") and $(pretty "$large") waiting lines"
    add_items "SELECT 'c4-$small'"
    for schema in backorder baseline; do
        q "INSERT INTO $schema.supply (sku, qty, expected_date)
               SELECT 'c4-$small', $small / $orders + 1, current_date + 7 * g
                 FROM generate_series(1, $orders) g"
        enter_lines $schema "c4-$small" "$small"
    done
    for ((r = 1; r <= REPS; r++)); do
        for what in atp promise; do
            for side in extension baseline; do
                local us
                us=$(q "SELECT bench.quote_us('$side', '$what', 'c4-$small', $QUOTE_MS)")
                record 4 "${what}_small" "$what, $(pretty "$small") waiting, µs" $side $r "$us"
                us=$(q "SELECT bench.quote_us('$side', '$what', 'c2-100000', $QUOTE_MS)")
                record 4 "${what}_large" "$what, $(pretty "$large") waiting, µs" $side $r "$us"
            done
        done
    done
}

# 5. COPY of 100,000 order lines, then of 10,000 receipts, over 1,000 skus
#    (100 lines and 10 receipts of 5 per sku), against a plain COPY into the
#    floor's tables.
case5() {
    local skus lines receipts r side ms
    skus=$(size 1000 10)
    lines=$((skus * 100))
    receipts=$((skus * 10))
    echo "case 5: COPY of $(pretty "$lines") lines and $(pretty "$receipts") receipts"
    for ((r = 1; r <= PGBENCH_REPS; r++)); do
        local set="SELECT 'c5-$r-' || g FROM generate_series(1, $skus) g"
        add_items "$set"
        for schema in backorder baseline; do
            q "INSERT INTO $schema.supply (sku, qty, expected_date)
                   SELECT s, 100, current_date + 10 FROM ($set) AS k(s)"
        done
        local line_file="$BENCH_FILES/c5-lines-$r.tsv" receipt_file="$BENCH_FILES/c5-receipts-$r.tsv"
        q "COPY (SELECT 'SO-' || g, 'c5-$r-' || (g % $skus + 1), 1
                   FROM generate_series(1, $lines) g) TO '$line_file';
           COPY (SELECT 'c5-$r-' || (g % $skus + 1), 5
                   FROM generate_series(1, $receipts) g) TO '$receipt_file'"
        for side in extension baseline floor; do
            local schema
            schema=$(schema_of $side)
            ms=$(q "SELECT bench.elapsed_ms(\$\$COPY $schema.order_line (order_ref, sku, qty)
                                              FROM '$line_file'\$\$)")
            record 5 lines "COPY of $(pretty "$lines") order lines, ms" $side $r "$ms"
        done
        for side in extension baseline floor; do
            local schema
            schema=$(schema_of $side)
            ms=$(q "SELECT bench.elapsed_ms(\$\$COPY $schema.receipt (sku, qty)
                                              FROM '$receipt_file'\$\$)")
            record 5 receipts "COPY of $(pretty "$receipts") receipts, ms" $side $r "$ms"
        done
        # What those receipts cannot avoid writing: each sku's receipts fill
        # 50 waiting lines, each with a ledger row and its events.
        local filled=$((receipts / skus * 5))
        ms=$(q "SELECT bench.elapsed_ms(\$\$SELECT floor.fill(s, $filled, $filled)
                                          FROM ($set) AS k(s)\$\$)")
        record 5 receipts "COPY of $(pretty "$receipts") receipts, ms" writes $r "$ms"
    done
}

# 6. One hot sku under 2 to 8 clients mixing entry and receipts: throughput
#    and failed transactions (deadlocks); the invariants are checked after.
#    synchronous_commit is off: with it on, both sides wait for the log flush
#    while they hold the sku, and the figure is the disk's.
case6() {
    local run=0 r c side tps failed latency
    echo "case 6: a hot sku under ${CLIENTS// /, } clients"
    for ((r = 1; r <= PGBENCH_REPS; r++)); do
        for c in $CLIENTS; do
            for side in extension baseline; do
                run=$((run + 1))
                add_items "SELECT 'c6-$run'"
                q "INSERT INTO $(schema_of $side).supply (sku, qty, expected_date)
                       VALUES ('c6-$run', 1000000, current_date + 30)"
                read -r tps failed latency < <(run_pgbench $side hot.sql \
                    "-c synchronous_commit=off" -c "$c" -j 2 \
                    -T "$SECONDS_PER_RUN" -D k=$run)
                record 6 "c$c" "hot sku, $c clients, synchronous_commit=off, tps" $side $r "$tps"
                record 6 "c${c}_failed" "hot sku, $c clients, failed transactions" $side $r \
                    "$failed"
            done
        done
    done
    bench_check 6
}

# Count the broken invariants of both sides (0: healthy): backorder.check()
# for the extension, the same rules in bench/check.sql for the baseline.
bench_check() {
    local problems
    problems=$(q "SELECT count(*) FROM backorder.check()")
    record "$1" check "check() after all cases, problems" extension 1 "$problems"
    problems=$(psql -X -q -At -v ON_ERROR_STOP=1 -v schema=baseline -f "$BENCH_ROOT/bench/check.sql")
    record "$1" check "check() after all cases, problems" baseline 1 "$problems"
}

# 7. Scale: entry, receipt and atp on 10,000 skus with 1 line per sku, then
#    with 100 (1,000,000 lines): latency per call from pgbench, one client,
#    synchronous_commit off (with it on, the log flush is most of a call).
case7() {
    local skus calls phase r side tps failed latency
    skus=$(size 10000 10)
    calls=$(size 2000 20)
    echo "case 7: $(pretty "$skus") skus with 1, then 100 lines per sku"
    local set="SELECT 'c7-' || g FROM generate_series(1, $skus) g"
    add_items "$set"
    for schema in backorder baseline; do
        q "INSERT INTO $schema.supply (sku, qty, expected_date)
               SELECT s, 1000, current_date + 14 FROM ($set) AS k(s);
           INSERT INTO $schema.order_line (sku, qty) SELECT s, 1 FROM ($set) AS k(s)"
    done
    for phase in small large; do
        local total=$skus
        [[ $phase == large ]] && total=$((skus * 100))
        if [[ $phase == large ]]; then
            echo "  loading $(pretty "$total") lines"
            for schema in backorder baseline; do
                # Chunks of 100 skus: each statement enters 99 lines per sku.
                for ((first = 1; first <= skus; first += 100)); do
                    q "INSERT INTO $schema.order_line (sku, qty)
                           SELECT 'c7-' || k, 1
                             FROM generate_series($first, least($first + 99, $skus)) k,
                                  generate_series(1, 99)"
                done
            done
            q "VACUUM ANALYZE"
        fi
        # Both phases start with the written pages flushed, so that neither
        # measures the write-back of the load before it.
        q "CHECKPOINT"
        for ((r = 1; r <= PGBENCH_REPS; r++)); do
            for side in extension baseline; do
                for what in entry receipt atp; do
                    read -r tps failed latency < <(run_pgbench $side "scale_$what.sql" \
                        "-c synchronous_commit=off" \
                        -c 1 -t "$calls" -D skus="$skus")
                    record 7 "${what}_$phase" "$what at $(pretty "$total") lines, µs" $side $r \
                        "$latency * 1000"
                done
            done
        done
    done
}

# Print the table: every figure as median (min–max) over its repetitions.
bench_report() {
    psql -X -q -At -v ON_ERROR_STOP=1 -f "$BENCH_ROOT/bench/report.sql"
}

# Tell bench/parity.sql to both sides and compare what they answered and
# recorded: quotes, lines, ledger, events and stock. Run it on a fresh
# database (ids are compared). Prints the differences; fails if there are any.
bench_parity() {
    local dir side
    dir=$(mktemp -d /tmp/pg_backorder-parity.XXXXXX)
    for side in extension baseline; do
        local s
        s=$(schema_of $side)
        {
            psql -X -q -v ON_ERROR_STOP=1 -v schema="$s" -f "$BENCH_ROOT/bench/parity.sql"
            psql -X -q -v ON_ERROR_STOP=1 <<SQL
SELECT order_ref, qty_allocated, status, promised_date, qty_allocated_at_entry
  FROM $s.order_line WHERE sku LIKE 'par-%' ORDER BY order_ref;
SELECT l.order_ref, a.qty, a.reason, a.receipt_id
  FROM $s.allocation a JOIN $s.order_line l USING (line_id)
 WHERE a.sku LIKE 'par-%' ORDER BY 1, 2, 3, 4;
SELECT l.order_ref, e.kind, e.qty, e.receipt_id, e.old_date, e.new_date
  FROM $s.event e JOIN $s.order_line l USING (line_id)
 WHERE e.sku LIKE 'par-%' ORDER BY 1, 2, 3, 4, 5, 6;
SELECT sku, location, on_hand, allocated, backordered FROM $s.stock
 WHERE sku LIKE 'par-%' ORDER BY sku;
SELECT supply_id, qty_received FROM $s.supply WHERE sku LIKE 'par-%' ORDER BY supply_id;
SQL
        } > "$dir/$side.out" 2>&1
    done
    local status=0
    diff -u "$dir/extension.out" "$dir/baseline.out" || status=1
    rm -rf "$dir"
    return $status
}
