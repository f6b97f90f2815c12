#!/usr/bin/env bash
# The season simulation: a short season on a throwaway cluster of its own,
# then the same season on the test cluster (--connect). Checks that the
# report and the charts are there, well formed and hold the expected series,
# and that one seed always plays the same season.
# Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
export PATH=/usr/lib/postgresql/15/bin:$PATH

passed=0
failed=0
# Record one check: check NAME COMMAND...
check() {
    local name=$1; shift
    if "$@" > /dev/null 2>&1; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAILED: $name"
    fi
}
finish() {
    echo "$passed passed, $failed failed"
    [[ $failed -eq 0 ]]
    exit
}

work=$(mktemp -d /tmp/pg_backorder-simulate-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
season=(--days 20 --skus 30 --seed 11 --quiet)

if ! { cmake -S . -B build/simulate -DCMAKE_BUILD_TYPE=Release -DBACKORDER_TESTS=OFF &&
       cmake --build build/simulate --target backorder-simulate -j2; } > "$work/build.log" 2>&1; then
    tail -30 "$work/build.log"
    failed=1
    finish
fi
simulate=build/simulate/backorder-simulate

# The README's path: a cluster of the program's own, removed afterwards.
ls -d /tmp/pg_backorder-sim.* 2>/dev/null | sort > "$work/clusters-before"
"$simulate" "${season[@]}" --out "$work/own" > "$work/own.out" 2> "$work/own.err"
status=$?
check "a season on a throwaway cluster succeeds" test "$status" -eq 0
[[ $status -ne 0 ]] && cat "$work/own.err"
check "the output folder is printed" grep -q "Report and charts: $work/own" "$work/own.out"
ls -d /tmp/pg_backorder-sim.* 2>/dev/null | sort > "$work/clusters-after"
check "the throwaway cluster is removed" \
    test -z "$(comm -13 "$work/clusters-before" "$work/clusters-after")"

# The files, each there and not empty; the charts well-formed SVG.
for file in report.txt daily.csv index.html backorder_rate.svg queue.svg fill_rate.svg \
            promises.svg; do
    check "$file is written" test -s "$work/own/$file"
done
for chart in backorder_rate queue fill_rate promises; do
    check "$chart.svg is well-formed XML" xmllint --noout "$work/own/$chart.svg"
    check "$chart.svg is an SVG with a title" \
        grep -q '<svg xmlns="http://www.w3.org/2000/svg".*<text class="title"' \
        <(tr -d '\n' < "$work/own/$chart.svg")
    check "$chart.svg marks the promotion" grep -q 'id="event-promotion"' "$work/own/$chart.svg"
    check "$chart.svg marks the supplier turning unreliable" \
        grep -q 'id="event-supplier"' "$work/own/$chart.svg"
done

# Every expected series is there and draws something.
series_draws() {  # FILE ID: the series group holds a line, area or mark
    tr -d '\n' < "$1" | grep -qE "<g class=\"series\" id=\"series-$2\"[^>]*>(<[^g/][^>]*>|</?text>)*<(polyline|polygon|circle|line|path) "
}
for id in dtc all-7d; do
    check "back-order rate: series $id" series_draws "$work/own/backorder_rate.svg" "$id"
done
check "back-order rate: series wholesale" \
    grep -q 'id="series-wholesale"' "$work/own/backorder_rate.svg"
for id in not-late late-1-7 late-8-21 late-22 at-risk; do
    check "queue: series $id" series_draws "$work/own/queue.svg" "$id"
done
for id in dtc wholesale; do
    check "fill rate: series $id" series_draws "$work/own/fill_rate.svg" "$id"
done
check "promises: series promised" series_draws "$work/own/promises.svg" promised
check "promises: each line ends shipped, cancelled or waiting" bash -c "
    $(declare -f series_draws)
    series_draws '$work/own/promises.svg' shipped ||
    series_draws '$work/own/promises.svg' cancelled ||
    series_draws '$work/own/promises.svg' open"

# The figures behind the charts: one row per day, rates between 0 and 1,
# and some orders waited (a season without back orders would show nothing).
check "daily.csv has a header and 20 days" test "$(wc -l < "$work/own/daily.csv")" -eq 21
check "daily.csv rates are between 0 and 1" awk -F, 'NR > 1 {
        for (c = 7; c <= 9; c++) if ($c != "" && ($c < 0 || $c > 1)) exit 1 }' \
    "$work/own/daily.csv"
check "some lines were back-ordered" awk -F, 'NR > 1 { s += $4 + $5 } END { exit !(s > 0) }' \
    "$work/own/daily.csv"
check "the queue was measured" awk -F, 'NR > 1 { s += $10 + $11 + $12 + $13 } END { exit !(s > 0) }' \
    "$work/own/daily.csv"

# The report's sections.
for section in "What happened" "How customers were served" "Fill rate:" "Back-order rate:" \
               "Average wait:" "Lines at risk:" "Worst skus" "Cause:" "Charts" \
               "Bluebird Stores" "Lotus Garments turned unreliable"; do
    check "the report tells \"$section\"" grep -q "$section" "$work/own/report.txt"
done
check "the report is printed too" grep -q "How customers were served" "$work/own.out"

# The same seed on an existing server (the test cluster) plays the same season.
"$simulate" "${season[@]}" --connect "" --out "$work/existing" > "$work/existing.out" \
    2> "$work/existing.err"
status=$?
check "a season on an existing server succeeds" test "$status" -eq 0
[[ $status -ne 0 ]] && cat "$work/existing.err"
for file in report.txt daily.csv backorder_rate.svg queue.svg fill_rate.svg promises.svg; do
    check "the same seed gives the same $file" cmp "$work/own/$file" "$work/existing/$file"
done
check "its database is dropped afterwards" test -z "$(psql -X -At -c \
    "SELECT 1 FROM pg_database WHERE datname = 'backorder_simulation'")"

# Another seed plays another season.
"$simulate" --days 20 --skus 30 --seed 12 --quiet --out "$work/other" > /dev/null 2>&1
check "another seed gives another season" \
    bash -c "! cmp -s '$work/own/daily.csv' '$work/other/daily.csv'"

# Bad options are refused with the usage.
"$simulate" --days 3 > "$work/bad.out" 2>&1
check "a bad option exits with 2" test $? -eq 2
check "a bad option names the problem" grep -q -- "--days must be a whole number" "$work/bad.out"

finish
