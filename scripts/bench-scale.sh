#!/usr/bin/env bash
# bench-scale.sh — peak memory and wall time of a full build at several site
# sizes, to show that memory stays bounded and time linear.
#
# Usage: scripts/bench-scale.sh [REPORTS...]      (default: 2000 20000)
#
# It generates a corpus of each size with internal/benchcorpus (seed 1, five
# years), then builds them in turn RUNS times, alternating the sizes so that
# a drift in the machine's speed falls on all of them, with a gongkai binary
# built from this checkout (search, unit histories and year pages included:
# they are part of every build), under /usr/bin/time -v. It prints each
# build's wall time and peak resident memory, then per size the medians and
# the time and memory per 1,000 reports, and how many times the smallest
# size's median time the largest takes, against how many times as many
# reports it has (issue #15's target: 20,000 reports in at most 11 times the
# time of 2,000). CPU time (user and system, of all threads) is printed too:
# on a shared machine it drifts less than wall time. The corpora and outputs go under BENCH_TMP (default $TMPDIR
# or /tmp) and are removed afterwards; each 10,000 reports take some 0.5 GB of
# source and 1.3 GB of output, and the search index's temporary files under
# $TMPDIR some 0.4 GB.
#
# Environment:
#   BENCH_TMP=DIR   where the corpora and outputs go
#   RUNS=1          builds of each size
#   KEEP=1          keep the corpora
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(2000 20000)
runs=${RUNS:-1}
for n in "${sizes[@]}" "$runs"; do
	[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "bench-scale: not a positive number: $n" >&2; exit 1; }
done
tmp=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/gongkai-scale.XXXXXX")
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT

if [ ! -x /usr/bin/time ]; then
	echo "bench-scale: /usr/bin/time is missing (apt-get install time)" >&2
	exit 1
fi
cd "$root"
go build -o "$tmp/gongkai" ./cmd/gongkai
go build -o "$tmp/gencorpus" ./internal/benchcorpus/cmd/gencorpus
for n in "${sizes[@]}"; do
	"$tmp/gencorpus" -n "$n" -seed 1 -out "$tmp/site-$n"
done
sync

printf '%8s  %4s  %10s  %10s  %12s\n' reports run wall_s cpu_s peak_rss_MiB
for run in $(seq "$runs"); do
	for n in "${sizes[@]}"; do
		/usr/bin/time -v -o "$tmp/time" "$tmp/gongkai" build --src "$tmp/site-$n" --out "$tmp/public" >"$tmp/log" 2>&1 || {
			echo "bench-scale: the build of $n reports failed:" >&2
			tail -20 "$tmp/log" >&2
			exit 1
		}
		wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for (i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tmp/time")
		rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$tmp/time")
		cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ {s += $2} END {print s}' "$tmp/time")
		printf '%8d  %4d  %10.2f  %10.2f  %12d\n' "$n" "$run" "$wall" "$cpu" "$rss" | tee -a "$tmp/results"
		rm -rf "$tmp/public"
	done
done

echo
printf '%8s  %13s  %12s  %17s  %14s  %16s\n' reports median_wall_s median_cpu_s median_peak_MiB s_per_1000 MiB_per_1000
sort -k1,1n "$tmp/results" | awk '
	{ wall[$1] = wall[$1] " " $3; cpu[$1] = cpu[$1] " " $4; rss[$1] = rss[$1] " " $5; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
	function median(list,   a, n, i, j, t) {
		n = split(list, a, " ")
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	END {
		for (i = 1; i <= k; i++) {
			n = order[i]; w = median(wall[n]); c = median(cpu[n]); r = median(rss[n]); mw[i] = w; mc[i] = c
			printf "%8d  %13.2f  %12.2f  %17.0f  %14.2f  %16.1f\n", n, w, c, r, w * 1000 / n, r * 1000 / n
		}
		if (k > 1)
			printf "\n%d reports take %.2f times the time of %d (%.2f times its CPU time): %.0f times as many reports\n", order[k], mw[k] / mw[1], order[1], mc[k] / mc[1], order[k] / order[1]
	}'
