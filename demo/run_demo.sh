#!/usr/bin/env bash
# Install pg_backorder into a throwaway cluster and play a short narrated scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/usr/lib/postgresql/15/bin:$PATH

test/install_deps.sh
make -s -j2 > /dev/null
make -s install > /dev/null
source test/cluster.sh
cluster=$(mktemp -d /tmp/pg_backorder-demo.XXXXXX)
trap 'cluster_stop "$cluster"' EXIT
cluster_start "$cluster"
psql -X -q -f demo/scenario.sql
