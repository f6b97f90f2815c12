#!/usr/bin/env bash
# Nightly snapshots with pg_cron: a cluster of its own with pg_cron preloaded schedules
# backorder.snapshot() every minute and sees its row appear (at most 75 seconds).
#
# Installs postgresql-15-cron when missing (as root). If it cannot be installed, says so;
# that counts as a failure only when apt offers the package.
set -uo pipefail
cd "$(dirname "$0")/../.."
export PATH=/usr/lib/postgresql/15/bin:$PATH
source test/cluster.sh

passed=0
failed=0

# Record one check: its name, then the command that must succeed.
check() {
    local name=$1
    shift
    if "$@"; then
        echo "ok - $name"
        passed=$((passed + 1))
    else
        echo "not ok - $name"
        failed=$((failed + 1))
    fi
}

finish() {
    echo "$passed passed, $failed failed"
    [[ $failed -eq 0 ]]
    exit
}

cron_library="$(pg_config --pkglibdir)/pg_cron.so"
if [[ ! -f $cron_library && $(id -u) -eq 0 ]]; then
    echo "installing postgresql-15-cron"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends postgresql-15-cron; } \
        > /tmp/pg_backorder-cron-apt.log 2>&1 || tail -5 /tmp/pg_backorder-cron-apt.log
fi
if [[ ! -f $cron_library ]]; then
    candidate=$(apt-cache policy postgresql-15-cron 2>/dev/null | awk '/Candidate:/ {print $2}')
    if [[ -n $candidate && $candidate != "(none)" ]]; then
        echo "pg_cron is not installed, although apt offers postgresql-15-cron $candidate"
        failed=1
    else
        echo "pg_cron is not installed and apt does not offer postgresql-15-cron: skipped"
    fi
    finish
fi

cluster=$(mktemp -d /tmp/pg_backorder-cron.XXXXXX)
trap 'cluster_stop "$cluster"' EXIT
if ! cluster_start "$cluster"; then
    check "start a cluster" false
    finish
fi

# Jobs run in background workers, so the cluster needs no TCP listener.
cat >> "$cluster/data/postgresql.conf" <<EOF
shared_preload_libraries = 'pg_cron'
cron.database_name = 'postgres'
cron.use_background_workers = on
max_worker_processes = 16
EOF
restart() {
    as_server_user "$PG_BINDIR/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w \
        restart > /dev/null
}
check "restart with pg_cron preloaded" restart

sql() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }

check "create pg_cron and pg_backorder" sql -c "CREATE EXTENSION pg_cron" \
    -c "CREATE EXTENSION pg_backorder"
sql -c "INSERT INTO backorder.item (sku) VALUES ('CUP')" \
    -c "INSERT INTO backorder.receipt (sku, qty) VALUES ('CUP', 5)" \
    -c "INSERT INTO backorder.order_line (sku, qty) VALUES ('CUP', 8)"

# The schedule docs/bi.md recommends is '55 23 * * *'; every minute keeps the test short.
job=$(sql -c "SELECT cron.schedule('backorder-snapshot', '* * * * *',
                                   'SELECT backorder.snapshot()')")
check "cron.schedule registers the job" [ -n "$job" ]
check "the job is listed" [ "$(sql -c "SELECT command FROM cron.job WHERE jobid = $job")" \
    = "SELECT backorder.snapshot()" ]

position=""
for _ in $(seq 1 75); do
    position=$(sql -c "SELECT sku, on_hand, reserved, lines_waiting, units_waiting
                         FROM backorder.daily_position WHERE day = current_date")
    [[ -n $position ]] && break
    sleep 1
done
echo "snapshot written by pg_cron: ${position:-none}"
check "pg_cron wrote today's position within 75 seconds" [ "$position" = "CUP|5|5|1|3" ]
# pg_cron records the outcome just after the job's transaction commits.
succeeded=0
for _ in $(seq 1 10); do
    succeeded=$(sql -c "SELECT count(*) FROM cron.job_run_details
                         WHERE jobid = $job AND status = 'succeeded'")
    [[ $succeeded -ge 1 ]] && break
    sleep 1
done
check "the run is recorded as succeeded" [ "$succeeded" -ge 1 ]
check "cron.unschedule removes the job" [ "$(sql -c "SELECT cron.unschedule($job)")" = t ]

finish
