#!/usr/bin/env bash
# Dump and restore: pg_dump a database that uses pg_backorder, restore it into
# a fresh database with the triggers off (session_replication_role = replica),
# and check that every row, sequence and privilege is kept, the books are
# healthy, and the engine carries on where it stopped. Also check that a
# restore with the triggers on is refused as a whole instead of counting
# receipts twice. Needs PGHOST/PGPORT/PGUSER of a superuser (test/run_all.sh).
# Ends with "N passed, N failed".
set -uo pipefail

src=backorder_dump_source
dst=backorder_dump_restored
naive=backorder_dump_naive
role=backorder_dump_app
passed=0
failed=0

pass() { echo "ok - $1"; passed=$((passed + 1)); }
fail() { echo "FAILED - $1"; failed=$((failed + 1)); }
sql() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$@"; }

drop_all() {
    for db in "$src" "$dst" "$naive"; do dropdb --if-exists "$db" 2> /dev/null; done
    psql -X -q -d postgres -c "DROP ROLE IF EXISTS $role" 2> /dev/null
}
drop_all
work=$(mktemp -d)
trap 'drop_all; rm -rf "$work"' EXIT

# Row count and checksum of every table, and the position of every sequence.
snapshot() {
    sql "$1" <<'SQL'
CREATE TEMP TABLE books (what text, state text);
DO $$
DECLARE
    r record;
    n bigint;
    sum text;
BEGIN
    FOR r IN SELECT c.relname, c.relkind FROM pg_class c
              WHERE c.relnamespace = 'backorder'::regnamespace AND c.relkind IN ('r', 'S')
              ORDER BY c.relname LOOP
        IF r.relkind = 'r' THEN
            EXECUTE format('SELECT count(*), md5(coalesce(string_agg(t::text, %L'
                           ' ORDER BY t::text), %L)) FROM backorder.%I t', E'\n', '', r.relname)
               INTO n, sum;
            INSERT INTO books VALUES (r.relname, n || ' rows ' || sum);
        ELSE
            EXECUTE format('SELECT last_value || %L || is_called FROM backorder.%I', ' ',
                           r.relname) INTO sum;
            INSERT INTO books VALUES (r.relname, sum);
        END IF;
    END LOOP;
END $$;
SELECT what || ': ' || state FROM books ORDER BY what;
SELECT 'privileges of ' || c.relname || ': ' || coalesce(c.relacl::text, 'default')
  FROM pg_class c WHERE c.relnamespace = 'backorder'::regnamespace ORDER BY c.relname;
SELECT 'privileges of ' || p.oid::regprocedure || ': ' || coalesce(p.proacl::text, 'default')
  FROM pg_proc p WHERE p.pronamespace = 'backorder'::regnamespace ORDER BY 1;
SQL
}

# Fill a database with every kind of row the engine writes.
if ! createdb "$src"; then
    fail "create the source database"
    echo "$passed passed, $failed failed"
    exit 1
fi
psql -X -q -d postgres -c "CREATE ROLE $role"
if sql "$src" > "$work/fill.log" 2>&1 <<SQL
CREATE EXTENSION pg_backorder;
SET backorder.today = '2026-03-02';
SELECT backorder.grant_application('$role');
INSERT INTO backorder.item (sku, lead_time_days, allocation_rule, backorderable) VALUES
    ('TEE', 21, 'fifo', true), ('FLOUR', 7, 'due_date', true),
    ('CAP', 10, 'window', true), ('LAMP', 30, 'fifo', false);
INSERT INTO backorder.supply (sku, location, qty, expected_date, supplier) VALUES
    ('TEE', 'main', 60, '2026-03-09', 'Porto Knits'),
    ('FLOUR', 'east', 250.5, '2026-03-04', 'Mill & Co'),
    ('CAP', 'main', 10, '2026-03-20', NULL);
INSERT INTO backorder.receipt (sku, location, qty) VALUES
    ('TEE', 'main', 40), ('FLOUR', 'east', 12.125), ('LAMP', 'main', 1);
INSERT INTO backorder.order_line (order_ref, sku, location, qty, priority, requested_date,
                                  cancel_after, ship_complete, customer) VALUES
    ('W-1', 'TEE', 'main', 30, 10, '2026-03-02', '2026-03-20', false, 'Ünïcode & "Quotes"'),
    ('W-2', 'TEE', 'main', 25, 100, '2026-03-05', NULL, true, 'Bakery'),
    ('W-3', 'FLOUR', 'east', 20.25, 100, '2026-03-03', NULL, false, NULL),
    ('W-4', 'CAP', 'main', 3, 50, '2026-03-02', '2026-03-04', false, NULL),
    ('W-5', 'LAMP', 'main', 2, 100, '2026-03-02', NULL, false, NULL),
    ('W-6', 'TEE', 'main', 5, 200, '2026-03-02', NULL, false, NULL);
INSERT INTO backorder.receipt (sku, location, qty, supply_id) VALUES ('TEE', 'main', 20, 1);
SELECT backorder.ship(1, 12.5);
SELECT backorder.cancel(6);
SELECT backorder.adjust('FLOUR', 'east', -0.125, 'spill');
UPDATE backorder.order_line SET priority = 1 WHERE order_ref = 'W-3';
UPDATE backorder.supply SET expected_date = '2026-03-06' WHERE supply_id = 2;
DELETE FROM backorder.order_line WHERE order_ref = 'W-2';
SELECT backorder.expire('2026-03-05');
SELECT count(*) FROM backorder.check();
SQL
then
    pass "fill the source database"
else
    cat "$work/fill.log"
    fail "fill the source database"
fi
[[ $(sql "$src" -c "SELECT count(*) FROM backorder.check()") == 0 ]] \
    && pass "the source books are healthy" || fail "the source books are healthy"

# Dump, then restore into a fresh database with the triggers off.
if pg_dump -Fc -f "$work/dump" "$src" 2> "$work/dump.log"; then
    pass "pg_dump"
else
    cat "$work/dump.log"
    fail "pg_dump"
fi
createdb "$dst"
if PGOPTIONS='-c session_replication_role=replica' \
    pg_restore --exit-on-error -d "$dst" "$work/dump" 2> "$work/restore.log"; then
    pass "pg_restore with session_replication_role = replica"
else
    cat "$work/restore.log"
    fail "pg_restore with session_replication_role = replica"
fi

# Every table's rows, every sequence and every privilege are as they were.
snapshot "$src" > "$work/source.txt"
snapshot "$dst" > "$work/restored.txt"
tables=$(grep -c ' rows ' "$work/source.txt")
if [[ $tables -ge 9 ]] && diff "$work/source.txt" "$work/restored.txt" > "$work/diff.txt"; then
    pass "all $tables tables, their sequences and privileges are identical"
else
    cat "$work/diff.txt"
    fail "tables, sequences and privileges are identical"
fi
grep ' rows ' "$work/restored.txt" | sed 's/ [0-9a-f]\{32\}$//'
[[ $(sql "$dst" -c "SELECT count(*) FROM backorder.check()") == 0 ]] \
    && pass "the restored books are healthy" || fail "the restored books are healthy"

# The engine carries on: a receipt fills the queue, new ids follow the old ones.
if sql "$dst" > "$work/after.txt" 2>&1 <<SQL
SET backorder.today = '2026-03-02';
SET ROLE $role;
INSERT INTO backorder.receipt (sku, location, qty) VALUES ('FLOUR', 'east', 100);
INSERT INTO backorder.order_line (order_ref, sku, qty) VALUES ('W-7', 'TEE', 1);
RESET ROLE;
SELECT order_ref, line_id, status FROM backorder.order_line
 WHERE order_ref IN ('W-3', 'W-7') ORDER BY line_id;
SELECT count(*) FROM backorder.check();
SQL
then
    if grep -qx 'W-3|3|allocated' "$work/after.txt" \
        && grep -qx 'W-7|7|allocated' "$work/after.txt" \
        && [[ $(tail -1 "$work/after.txt") == 0 ]]; then
        pass "the restored database takes receipts and orders as the application role"
    else
        cat "$work/after.txt"
        fail "the restored database takes receipts and orders as the application role"
    fi
else
    cat "$work/after.txt"
    fail "the restored database takes receipts and orders as the application role"
fi

# With the triggers on, the engine refuses its own rows: the restore fails as a
# whole rather than replaying receipts into doubled stock.
createdb "$naive"
if pg_restore --single-transaction --exit-on-error -d "$naive" "$work/dump" \
    > /dev/null 2> "$work/naive.log"; then
    fail "a restore with the triggers on is refused"
else
    left=$(sql "$naive" -c "SELECT count(*) FROM pg_extension WHERE extname = 'pg_backorder'")
    if [[ $left == 0 ]]; then
        why=$(grep -m1 -o 'cannot [a-z ]*relation "[a-z_]*"\|is maintained by pg_backorder' \
              "$work/naive.log")
        pass "a restore with the triggers on is refused and leaves nothing ($why)"
    else
        fail "a restore with the triggers on is refused and leaves nothing"
    fi
fi

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
