#!/usr/bin/env bash
# Crash safety: SIGKILL the server under load, restart it, and show that every
# operation the driver saw acknowledged survived, that nothing half-applied is
# left, that the invariants hold, and that work goes on.
#
# On its own throwaway cluster. Three crash cycles while the load driver runs:
#   1 and 3  SIGKILL one backend; the postmaster resets every session and
#            recovers from WAL by itself
#   2        SIGKILL the postmaster and all its processes; pg_ctl restarts it
# The driver's clients reconnect and go on. At the end the driver verifies its
# in-memory log; then the server is stopped in immediate mode (another crash),
# started, the log file is verified again, and a second run adds more load.
# Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
export PATH=/usr/lib/postgresql/15/bin:$PATH
source test/cluster.sh
source test/load_driver.sh

passed=0
failed=0

# Record a check of this script: check NAME STATUS.
check() {
    if [[ $2 -eq 0 ]]; then
        echo "ok     $1"
        passed=$((passed + 1))
    else
        echo "FAILED $1"
        failed=$((failed + 1))
    fi
}

# Add the closing "N passed, N failed" of a driver's output to the totals.
add_driver_counts() {
    local counts
    counts=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -1)
    if [[ -z $counts ]]; then
        check "driver output $(basename "$1") has its counts" 1
        return
    fi
    read -r ok _ bad _ <<< "$counts"
    passed=$((passed + ok))
    failed=$((failed + bad))
}

finish() {
    echo "$passed passed, $failed failed"
    [[ $failed -eq 0 ]]
    exit
}

# Wait up to $1 seconds for the server to accept connections.
wait_ready() {
    local deadline=$((SECONDS + $1))
    until pg_isready -q -d "$db"; do
        ((SECONDS >= deadline)) && return 1
        sleep 0.2
    done
}

# Wait up to $2 seconds for the operation log to grow past $1 lines.
wait_progress() {
    local deadline=$((SECONDS + $2))
    until (($(wc -l < "$log") > $1)); do
        ((SECONDS >= deadline)) && return 1
        sleep 0.2
    done
}

load_driver_build || { check "load driver builds" 1; finish; }
dir=$(mktemp -d /tmp/pg_backorder-crash.XXXXXX)
trap 'cluster_stop "$dir"' EXIT
cluster_start "$dir" || { check "crash cluster starts" 1; finish; }
db=crash
log=$dir/ops.log
createdb "$db" && psql -X -q -d "$db" -c 'CREATE EXTENSION pg_backorder' ||
    { check "database with the extension" 1; finish; }

started=$SECONDS
"$LOAD_DRIVER" --clients 4 --ops 1000000 --seconds 30 --reconnect-seconds 30 --seed 30 \
    --log "$log" "dbname=$db" > "$dir/driver.out" 2>&1 &
driver=$!

survived=0
for cycle in 1 2 3; do
    sleep 4
    before=$(wc -l < "$log")
    postmaster=$(head -1 "$dir/data/postmaster.pid")
    if ((cycle % 2 == 1)); then
        victim=$(psql -X -At -d "$db" -c "SELECT pid FROM pg_stat_activity
                 WHERE application_name = 'pg_backorder_load' ORDER BY state = 'active' DESC,
                 pid LIMIT 1")
        echo "cycle $cycle: SIGKILL backend $victim after $before logged operations"
        kill -KILL "$victim"
    else
        children=$(pgrep -P "$postmaster" | tr '\n' ' ')
        echo "cycle $cycle: SIGKILL postmaster $postmaster and its processes after $before" \
             "logged operations"
        kill -KILL "$postmaster" $children
        while kill -0 "$postmaster" $children 2> /dev/null; do sleep 0.1; done
        # pg_ctl finds the server gone and starts it with its last options.
        as_server_user pg_ctl -D "$dir/data" -l "$dir/server.log" -w restart > /dev/null 2>&1
    fi
    sleep 1
    wait_ready 30
    ready=$?
    check "server accepts connections after crash $cycle" $ready
    at_restart=$(wc -l < "$log")
    wait_progress "$at_restart" 20
    resumed=$?
    check "load resumes after crash $cycle ($(wc -l < "$log") operations logged)" $resumed
    ((ready == 0 && resumed == 0)) && survived=$((survived + 1))
done

wait "$driver"
check "load driver exits cleanly" $?
sed -n '/^operations:/,$p' "$dir/driver.out"
add_driver_counts "$dir/driver.out"

# One more crash with nothing running, then verify the log file from disk.
as_server_user pg_ctl -D "$dir/data" -l "$dir/server.log" -m immediate -w restart \
    > /dev/null 2>&1
wait_ready 30
check "server recovers after an immediate stop" $?
"$LOAD_DRIVER" --verify-only "$log" --quiet "dbname=$db" > "$dir/verify.out" 2>&1
cat "$dir/verify.out"
add_driver_counts "$dir/verify.out"

# Work goes on: a second run on the same data, verified with the first's rows.
"$LOAD_DRIVER" --clients 4 --ops 1500 --seconds 20 --seed 31 --quiet "dbname=$db" \
    > "$dir/after.out" 2>&1
sed -n '/^operations:/p;/^verified:/p;/FAILED/,$p' "$dir/after.out" | grep -v passed
add_driver_counts "$dir/after.out"

acknowledged=$(grep -c '^A ' "$log")
in_doubt=$(grep -c '^D ' "$log")
echo "crash cycles survived: $survived of 3; acknowledged operations verified after the" \
     "crashes: $acknowledged ($in_doubt in doubt); $((SECONDS - started)) s"
finish
