#!/usr/bin/env bash
# bench-vs-hugo.sh — time gongkai against Hugo on the same synthetic site.
#
# Usage: scripts/bench-vs-hugo.sh [REPORTS]     (default 1000)
#
# Generates REPORTS reports with internal/benchcorpus (as a gongkai site and
# as the equivalent Hugo site), builds gongkai once, then runs both whole
# processes alternately RUNS times each under /usr/bin/time -v, and prints the
# median wall time and peak resident memory of each, the ratios gongkai/Hugo
# and whether the targets (time ≤ 0.4, memory ≤ 0.3 of Hugo's) are met. gongkai builds with
# charts (the ECharts bundle the binary carries), checks, search and unit histories.
# For the reader it also prints each program's CPU time (user + system) and
# the median of the wall ratios of each pair of runs, which drift less than
# wall times on a shared machine; the targets are the medians' ratios.
#
# Environment:
#   RUNS=5          measured runs of each program
#   SEED=1          corpus seed
#   BENCH_TMP=DIR   where the corpora and outputs go (default: $TMPDIR or
#                   /tmp); creating files costs very different amounts on
#                   different file systems, so both programs write there.
#   GONGKAI=FILE    a gongkai binary to time instead of building ./cmd/gongkai
#                   (to compare a change).
#   SETTLE=SECONDS  wait this long before the first run (default 0).
#
# On ext4 without a journal (this machine's disk) creating a file skips the
# inodes deleted in the last one to five minutes, one by one: right after
# many files were removed — by an earlier run of this script, whose clean-up
# removes its corpora and outputs — builds spend seconds in the kernel, and
# gongkai, which writes five times as many files as Hugo, far more. Wait
# (SETTLE=300) or measure on a tmpfs (BENCH_TMP=/dev/shm).
#
# Installs what is missing: hugo (apt-get, Debian's v0.111), /usr/bin/time
# (package time), with sudo when not root.
set -euo pipefail

reports=${1:-1000}
runs=${RUNS:-5}
seed=${SEED:-1}
settle=${SETTLE:-0}
gongkai_bin=${GONGKAI:+$(realpath "$GONGKAI")}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

die() { echo "bench-vs-hugo: $*" >&2; exit 1; }
[[ $reports =~ ^[1-9][0-9]*$ ]] || die "REPORTS must be a positive number, not '$reports'"
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not '$runs'"
[[ $settle =~ ^[0-9]+$ ]] || die "SETTLE must be a number of seconds, not '$settle'"

as_root() {
	if [[ $(id -u) -eq 0 ]]; then
		"$@"
	elif command -v sudo >/dev/null; then
		sudo "$@"
	else
		die "need root (or sudo) to run: $*"
	fi
}

apt_install() {
	echo "installing $* …" >&2
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

command -v hugo >/dev/null || apt_install hugo
[[ -x /usr/bin/time ]] || apt_install time
command -v go >/dev/null || die "go is not installed"

cd "$root"
tmp=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/bench-vs-hugo.XXXXXX")
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "generating $reports reports (seed $seed) in $tmp …" >&2
go run ./internal/benchcorpus/cmd/gencorpus -n "$reports" -seed "$seed" -out "$tmp/gongkai-site" -hugo "$tmp/hugo-site"
if [[ -n $gongkai_bin ]]; then
	cp "$gongkai_bin" "$tmp/gongkai"
else
	go build -o "$tmp/gongkai" ./cmd/gongkai
fi
echo "corpus: $(find "$tmp/gongkai-site/content" -name '*.md' -printf '%s\n' | awk '{ s += $1 } END { printf "%.1f MB", s / 1e6 }') of Markdown" >&2
echo "gongkai: $("$tmp/gongkai" version)" >&2
echo "hugo:    $(hugo version)" >&2

# seconds converts /usr/bin/time's h:mm:ss.ss or m:ss.ss to seconds.
seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.3f\n", s }' <<<"$1"; }

# measure NAME CMD… runs CMD once under /usr/bin/time -v and appends
# "wall rss_kb" to $tmp/NAME.times.
#
# Every run writes a fresh output directory, and none is removed before the
# end: on ext4 without a journal (as on this machine's disk) creating an
# inode skips the inodes deleted in the last minute or more, one by one
# (ext4's recently_deleted), so a build right after removing thousands of
# files spends seconds in the kernel, more the more files it writes.
measure() {
	local name=$1
	shift
	if ! /usr/bin/time -v -o "$tmp/time.txt" "$@" >"$tmp/stdout.txt" 2>"$tmp/stderr.txt"; then
		cat "$tmp/stderr.txt" "$tmp/time.txt" >&2
		die "$name failed"
	fi
	if [[ $name == gongkai ]] && grep -q "未找到 ECharts" "$tmp/stderr.txt"; then
		cat "$tmp/stderr.txt" >&2
		die "gongkai built without charts"
	fi
	local wall rss cpu
	wall=$(seconds "$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time.txt")")
	rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$tmp/time.txt")
	cpu=$(awk -F': ' '/^[[:space:]]*(User|System) time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$tmp/time.txt")
	echo "$wall $rss $cpu" >>"$tmp/$name.times"
}

run=0
run_gongkai() {
	run=$((run + 1))
	measure gongkai "$tmp/gongkai" build --src "$tmp/gongkai-site" --out "$tmp/out/gongkai-$run"
}
run_hugo() {
	run=$((run + 1))
	measure hugo hugo --quiet --source "$tmp/hugo-site" --destination "$tmp/out/hugo-$run" --cacheDir "$tmp/hugo-cache"
}

if ((settle > 0)); then
	echo "waiting $settle s …" >&2
	sleep "$settle"
fi
# One unmeasured run of each warms the page cache and checks that both work.
run_gongkai
run_hugo
rm -f "$tmp"/*.times
for i in $(seq "$runs"); do
	echo "run $i/$runs …" >&2
	run_gongkai
	run_hugo
done

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo
echo "$reports reports, $runs runs each (alternating), outputs in $(df --output=fstype "$tmp" | tail -1) under $(dirname "$tmp")"
printf '%-8s %-30s %-30s %s\n' "" "wall time (s), each run" "peak RSS (MB), each run" "CPU time (s), each run"
for name in gongkai hugo; do
	printf '%-8s %-30s %-30s %s\n' "$name" \
		"$(awk '{ printf "%s ", $1 }' "$tmp/$name.times")" \
		"$(awk '{ printf "%.0f ", $2 / 1024 }' "$tmp/$name.times")" \
		"$(awk '{ printf "%s ", $3 }' "$tmp/$name.times")"
done
gw=$(cut -d' ' -f1 "$tmp/gongkai.times" | median)
hw=$(cut -d' ' -f1 "$tmp/hugo.times" | median)
gm=$(cut -d' ' -f2 "$tmp/gongkai.times" | median)
hm=$(cut -d' ' -f2 "$tmp/hugo.times" | median)
gc=$(cut -d' ' -f3 "$tmp/gongkai.times" | median)
hc=$(cut -d' ' -f3 "$tmp/hugo.times" | median)
# The ratio of each pair of runs, gongkai's and the Hugo run after it: a
# shared machine's speed drifts less within a pair than over the whole run.
pr=$(paste -d' ' "$tmp/gongkai.times" "$tmp/hugo.times" | awk '{ print $1 / $4 }' | median)
echo
awk -v gw="$gw" -v hw="$hw" -v gm="$gm" -v hm="$hm" 'BEGIN {
	printf "%-22s %12s %16s\n", "median", "wall (s)", "peak RSS (MB)"
	printf "%-22s %12.3f %16.1f\n", "gongkai", gw, gm / 1024
	printf "%-22s %12.3f %16.1f\n", "hugo", hw, hm / 1024
	printf "%-22s %12.3f %16.3f\n", "ratio gongkai/hugo", gw / hw, gm / hm
	printf "%-22s %12s %16s\n", "target ratio", (gw / hw <= 0.4 ? "<= 0.4 met" : "<= 0.4 NOT met"), (gm / hm <= 0.3 ? "<= 0.3 met" : "<= 0.3 NOT met")
}'
# For the reader, not the targets: what each used of the processors, and
# the wall ratio of each pair of runs.
awk -v gc="$gc" -v hc="$hc" -v pr="$pr" 'BEGIN {
	printf "\nCPU time (user + system), medians: gongkai %.2f s, hugo %.2f s, ratio %.3f\n", gc, hc, gc / hc
	printf "wall time ratio of each pair of runs, median: %.3f\n", pr
}'
