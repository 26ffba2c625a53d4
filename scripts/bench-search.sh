#!/usr/bin/env bash
# bench-search.sh — size and speed of the site search on the benchmark corpus.
#
# Usage: scripts/bench-search.sh [REPORTS]     (default 1000)
#
# Generates REPORTS reports with internal/benchcorpus, builds them with this
# checkout, and prints:
#   - the bytes of the search index (search/ but its page) against the bytes
#     of every HTML page (target: at most 25%);
#   - for typical queries, in headless Chromium over file://, the time from
#     typing to the first result shown (target: under 300 ms) and to the
#     count (the page whole), the bytes of the index files loaded by then
#     (target: at most 300 KB) and once the page has read in the background
#     what makes an uncertain count exact, each in a fresh tab;
#   - the median wall time of RUNS full builds of this checkout against RUNS
#     of the same checkout built with the tag gongkai_nosearch, which writes
#     no index, alternately (target: at most 15% slower).
#
# Environment: RUNS=5, SEED=1, BENCH_TMP=DIR (default $TMPDIR or
# /tmp; a tmpfs such as /dev/shm gives steadier build times),
# GONGKAI_SEARCH_QUERIES=q1,q2,… (the queries). Needs chromium.
set -euo pipefail

reports=${1:-1000}
runs=${RUNS:-5}
seed=${SEED:-1}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/bench-search.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

cd "$root"
echo "corpus: $reports reports (seed $seed) in $tmp" >&2
go run ./internal/benchcorpus/cmd/gencorpus -n "$reports" -seed "$seed" -out "$tmp/src"
go build -o "$tmp/gongkai" ./cmd/gongkai
go build -tags gongkai_nosearch -o "$tmp/gongkai-nosearch" ./cmd/gongkai

"$tmp/gongkai" build --src "$tmp/src" --out "$tmp/public" >/dev/null 2>&1 || true
html=$(find "$tmp/public" -name '*.html' -printf '%s\n' | awk '{s+=$1} END {print s}')
index=$(find "$tmp/public/search" -type f ! -name index.html -printf '%s\n' | awk '{s+=$1} END {print s}')
shards=$(find "$tmp/public/search/k" -type f | wc -l)
maxshard=$(find "$tmp/public/search/k" -type f -printf '%s\n' | sort -n | tail -1)
echo
echo "HTML pages:   $html bytes"
echo "search index: $index bytes ($(awk "BEGIN {printf \"%.1f\", 100*$index/$html}")% of the HTML; target ≤ 25%)"
echo "key shards:   $shards, the largest $maxshard bytes"
echo
echo "queries in Chromium over file:// (fresh tab each; targets < 300 ms, ≤ 300 KB):"
printf '  %-16s %9s %9s %11s %11s\n' query first page bytes refined
GONGKAI_SEARCH_SITE="$tmp/public" go test ./internal/browser -run '^$' -bench SearchQueries -benchtime 3x -v 2>&1 |
	awk '/^BenchmarkSearchQueries\/.*ms-to-page/ {
		split($1, a, "/"); q = a[2]; sub(/-[0-9]+$/, "", q)
		for (i = 2; i < NF; i++) {
			if ($(i+1) == "ms-to-first-result") first = $i; if ($(i+1) == "ms-to-page") ms = $i
			if ($(i+1) == "index-bytes-loaded") by = $i; if ($(i+1) == "bytes-after-refining") ref = $i
		}
		printf "  %-16s %6.0f ms %6.0f ms %11d %11d\n", q, first, ms, by, ref }
	     /search_bench_test.go/ && !seen[$0]++ { sub(/^ *search_bench_test.go:[0-9]+: /, "    "); print }'

echo
echo "full build, median of $runs (this checkout against itself built with -tags gongkai_nosearch):"
time_build() {
	local start end
	rm -rf "$tmp/out"
	start=$(date +%s.%N)
	"$1" build --src "$tmp/src" --out "$tmp/out" >/dev/null 2>&1 || true
	end=$(date +%s.%N)
	echo "$end - $start" | bc
}
new=() old=()
for ((i = 0; i < runs; i++)); do
	old+=("$(time_build "$tmp/gongkai-nosearch")")
	new+=("$(time_build "$tmp/gongkai")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m_old=$(median "${old[@]}") m_new=$(median "${new[@]}")
echo "  without search: ${m_old}s   with search: ${m_new}s   ($(awk "BEGIN {printf \"%+.1f\", 100*($m_new/$m_old-1)}")%; target ≤ +15%)"
