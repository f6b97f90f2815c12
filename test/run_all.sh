#!/usr/bin/env bash
# Run every test of pg_backorder: the core's unit tests (plain and under
# AddressSanitizer and UndefinedBehaviorSanitizer), then pg_regress and the
# isolation specs against a throwaway cluster, then each test/steps/*.sh.
# Installs what a fresh Debian 12 machine lacks.
# Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH=/usr/lib/postgresql/15/bin:$PATH

test/install_deps.sh || exit 1
source test/cluster.sh

passed=0
failed=0
log=build/logs
mkdir -p "$log"

# Count a runner's results: add $2 passed and $3 failed.
tally() {
    echo "== $1: $2 passed, $3 failed"
    passed=$((passed + $2))
    failed=$((failed + $3))
}

# Run the GoogleTest binaries of a CMake build and tally their test cases.
unit_tests() {
    local name=$1 dir=$2; shift 2
    if ! { cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug "$@" > "$log/$name-cmake.log" &&
           cmake --build "$dir" -j2 > "$log/$name-build.log" 2>&1; }; then
        tail -30 "$log/$name-build.log"
        tally "$name (build)" 0 1
        return
    fi
    ctest --test-dir "$dir" --output-on-failure > "$log/$name.log" 2>&1
    local total bad
    total=$(grep -cE '^ *[0-9]+/[0-9]+ Test +#' "$log/$name.log")
    bad=$(grep -cE '^ *[0-9]+/[0-9]+ Test +#.*\*\*\*' "$log/$name.log")
    grep -E '\*\*\*|Failure|ERROR|runtime error' "$log/$name.log" | head -40
    tally "$name" $((total - bad)) "$bad"
}

echo "== unit tests"
unit_tests unit build/core
echo "== unit tests under sanitizers"
unit_tests sanitized build/core-asan -DBACKORDER_SANITIZE=ON

echo "== build and install the extension"
if ! { make -j2 > "$log/make.log" 2>&1 && make install > "$log/install.log" 2>&1; }; then
    tail -30 "$log/make.log"
    tally "extension build" 0 1
    echo "$passed passed, $failed failed"
    exit 1
fi

cluster=$(mktemp -d /tmp/pg_backorder-test.XXXXXX)
trap 'cluster_stop "$cluster"' EXIT
cluster_start "$cluster" || { tally "cluster start" 0 1; echo "$passed passed, $failed failed"; exit 1; }

echo "== pg_regress and isolation"
rm -rf build/regress build/isolation && mkdir -p build/regress
make installcheck > "$log/regress.log" 2>&1
cat "$log/regress.log" | grep -E '^(ok|not ok|test |     [a-z_0-9]+ +\.\.\.)|tests (passed|failed)' || true
regress_ok=$(grep -cE '^(ok |test .* \.\.\. ok|     [a-z_0-9]+ +\.\.\. ok)' "$log/regress.log")
regress_bad=$(grep -cE '(\.\.\. FAILED|^not ok)' "$log/regress.log")
for diffs in build/regress/regression.diffs build/isolation/regression.diffs; do
    if [[ -f $diffs ]]; then head -150 "$diffs"; fi
done
tally "pg_regress" "$regress_ok" "$regress_bad"

# Further steps (load, crash, benchmark smoke runs, ...) are scripts in
# test/steps/, run in name order against the same cluster. Each ends its
# output with a line "N passed, N failed".
for step in test/steps/*.sh; do
    [[ -e $step ]] || continue
    name=$(basename "$step" .sh)
    echo "== $name"
    "$step" > "$log/$name.log" 2>&1
    status=$?
    tail -25 "$log/$name.log"
    counts=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log/$name.log" | tail -1)
    if [[ -z $counts ]]; then
        tally "$name" 0 1
    else
        read -r step_ok _ step_bad _ <<< "$counts"
        [[ $status -ne 0 && $step_bad -eq 0 ]] && step_bad=1
        tally "$name" "$step_ok" "$step_bad"
    fi
done

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
