#!/usr/bin/env bash
# The season simulation, from a fresh machine: install what is missing, build
# and install the extension, build the simulator, and play a season on a
# throwaway PostgreSQL cluster. Options go to backorder-simulate:
#
#   tools/simulate/run.sh [--days N] [--skus N] [--seed N] [--out DIR]
#                         [--connect CONNSTR] [--keep]
#
# The report and the charts go to build/simulation unless --out says otherwise.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH=/usr/lib/postgresql/15/bin:$PATH
log=build/logs
mkdir -p "$log"

test/install_deps.sh

# Run a build step quietly; on failure show the end of its log.
step() {
    local name=$1; shift
    if ! "$@" > "$log/simulate-$name.log" 2>&1; then
        echo "$name failed; the end of $log/simulate-$name.log:" >&2
        tail -30 "$log/simulate-$name.log" >&2
        exit 1
    fi
}

echo "building and installing the extension, building the simulator"
step make make -j2
step install make install
step cmake cmake -S . -B build/simulate -DCMAKE_BUILD_TYPE=Release -DBACKORDER_TESTS=OFF
step build cmake --build build/simulate --target backorder-simulate -j2

exec build/simulate/backorder-simulate --out build/simulation "$@"
