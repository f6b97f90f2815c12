# The load driver for test steps. Source it, then call load_driver_build.
#
#   load_driver_build     build tools/load if needed; sets LOAD_DRIVER to the binary
#
# It reuses the CMake build of the test command (build/core) when there is
# one, so a step run by `make test` compiles nothing.

load_driver_build() {
    local dir=build/core
    if [[ ! -f $dir/CMakeCache.txt ]]; then
        dir=build/tools
        cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBACKORDER_TESTS=OFF \
            > /dev/null || return 1
    fi
    cmake --build "$dir" -j2 --target pg_backorder_load > "$dir/load-driver-build.log" 2>&1 \
        || { tail -20 "$dir/load-driver-build.log"; return 1; }
    LOAD_DRIVER=$PWD/$dir/pg_backorder_load
}
