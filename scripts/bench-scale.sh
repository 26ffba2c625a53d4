#!/usr/bin/env bash
# bench-scale.sh — peak memory and wall time of a full build at several site
# sizes, to show that memory stays bounded and time linear.
#
# Usage: scripts/bench-scale.sh [REPORTS...]      (default: 2000 20000)
#
# For each size it generates a corpus with internal/benchcorpus (seed 1,
# five years), builds it once with a gongkai binary built from this checkout
# (search, unit histories and year pages included: they are part of every
# build), under /usr/bin/time -v, and prints the wall time, the peak
# resident memory, and per size the time and memory per 1,000 reports.
# The corpora and outputs go under BENCH_TMP (default $TMPDIR or /tmp) and
# are removed afterwards; each 10,000 reports take some 0.6 GB of source and
# 1 GB of output.
#
# Environment:
#   BENCH_TMP=DIR   where the corpora and outputs go
#   KEEP=1          keep them
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(2000 20000)
tmp=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/gongkai-scale.XXXXXX")
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT

if [ ! -x /usr/bin/time ]; then
	echo "bench-scale: /usr/bin/time is missing (apt-get install time)" >&2
	exit 1
fi
cd "$root"
go build -o "$tmp/gongkai" ./cmd/gongkai
go build -o "$tmp/gencorpus" ./internal/benchcorpus/cmd/gencorpus

printf '%8s  %10s  %12s  %14s  %16s\n' reports wall_s peak_rss_MB s_per_1000 MB_per_1000
for n in "${sizes[@]}"; do
	src="$tmp/site-$n"
	"$tmp/gencorpus" -n "$n" -seed 1 -out "$src"
	sync
	/usr/bin/time -v -o "$tmp/time-$n" "$tmp/gongkai" build --src "$src" --out "$tmp/public-$n" >"$tmp/log-$n" 2>&1 || {
		echo "bench-scale: the build of $n reports failed:" >&2
		tail -20 "$tmp/log-$n" >&2
		exit 1
	}
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for (i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tmp/time-$n")
	rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$tmp/time-$n")
	awk -v n="$n" -v w="$wall" -v r="$rss" 'BEGIN { printf "%8d  %10.1f  %12d  %14.2f  %16.1f\n", n, w, r, w*1000/n, r*1000/n }'
	[ -n "${KEEP:-}" ] || rm -rf "$src" "$tmp/public-$n"
done
