#!/usr/bin/env bash
# A short concurrent load against the test cluster: 4 clients mix order
# entry, receipts, ship waves, cancels, adjustments and supply changes over
# 200 skus (3 hot), then the driver checks that every acknowledged operation
# is in the database and the books balance.
#
# Then the checks are shown to bite: one acknowledged order line is deleted
# and one receipt is inserted with the engine's triggers off (a half-applied
# operation), and verifying the same log must now fail exactly the checks
# that should notice. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
source test/load_driver.sh

passed=0
failed=0
db=backorder_load_step
work=$(mktemp -d /tmp/pg_backorder-load.XXXXXX)
trap 'rm -rf "$work"; dropdb --if-exists "$db" 2> /dev/null' EXIT

# Record a check of this script: check NAME STATUS [FIGURES].
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

load_driver_build || { check "load driver builds" 1; finish; }
dropdb --if-exists "$db" 2> /dev/null
createdb "$db" && psql -X -q -d "$db" -c 'CREATE EXTENSION pg_backorder' ||
    { check "database with the extension" 1; finish; }

"$LOAD_DRIVER" --clients 4 --ops 2000 --seconds 30 --seed 20 --log "$work/ops.log" \
    "dbname=$db" | tee "$work/run.out"
counts=$(tail -1 "$work/run.out")
if [[ $counts =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
else
    check "load driver reports its checks" 1
fi

psql -X -q -d "$db" <<'SQL'
-- An open line nothing shipped, so only the check for lost lines can notice.
DELETE FROM backorder.order_line
 WHERE line_id = (SELECT min(line_id) FROM backorder.order_line
                   WHERE status IN ('allocated', 'partial', 'backordered') AND qty_shipped = 0);
SET session_replication_role = replica;
INSERT INTO backorder.receipt (sku, qty) VALUES ('LOAD-00001', 5);
SQL
"$LOAD_DRIVER" --verify-only "$work/ops.log" --quiet "dbname=$db" > "$work/tampered.out"
caught=$(grep '^FAILED' "$work/tampered.out" | sed 's/^FAILED //; s/:.*//' | sort | paste -sd'|')
expected=$(printf '%s\n' "every row belongs to a committed operation" \
    "invariant check is clean" "on hand = received + adjusted - shipped, per sku" \
    "order lines of committed operations are present" | paste -sd'|')
[[ $caught == "$expected" ]]
check "verification catches a lost line and a half-applied receipt" $? \
    "$(grep -c '^FAILED' "$work/tampered.out") checks failed"
[[ $caught == "$expected" ]] || cat "$work/tampered.out"
finish
