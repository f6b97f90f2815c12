# Throwaway PostgreSQL clusters for tests, the demo and benchmarks. Source it.
#
#   cluster_start DIR     initdb and start a server with its socket in DIR;
#                         exports PGHOST, PGPORT, PGUSER, PGDATABASE
#   cluster_stop DIR      stop it and remove DIR
#
# CLUSTER_PG_OPTS adds server options (e.g. "-c fsync=on" for benchmarks);
# later options win over the defaults below.
#
# initdb and postgres refuse to run as root, so as root the server runs as
# the postgres user; everything else connects through the socket.

PG_BINDIR=${PG_BINDIR:-$(pg_config --bindir)}

as_server_user() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

cluster_start() {
    local dir=$1
    local port=${2:-$((20000 + RANDOM % 20000))}
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
    as_server_user "$PG_BINDIR/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 \
        --locale=C.UTF-8 > "$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; return 1; }
    as_server_user "$PG_BINDIR/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-c listen_addresses='' -k $dir -p $port -c fsync=off -c max_connections=50 ${CLUSTER_PG_OPTS:-}" \
        start > /dev/null || { cat "$dir/server.log"; return 1; }
    export PGHOST=$dir PGPORT=$port PGUSER=postgres PGDATABASE=postgres
}

cluster_stop() {
    local dir=$1
    [[ -d $dir/data ]] && as_server_user "$PG_BINDIR/pg_ctl" -D "$dir/data" -m fast -w stop \
        > /dev/null 2>&1
    rm -rf "$dir"
}
