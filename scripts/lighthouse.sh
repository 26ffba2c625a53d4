#!/usr/bin/env bash
# lighthouse.sh — Lighthouse (mobile) on the sample report, served by nginx
# under a sub-path, as a county portal serves it.
#
# Usage: scripts/lighthouse.sh [RUNS]     (default 3)
#
# Builds the sample site, starts Debian's nginx on a free loopback port with
# a configuration of its own (pid, logs and temporary files in a temporary
# directory, as the current user, gzip on, public/ under /portal/), runs
# Lighthouse 12.2.3 with its mobile settings (simulated slow 4G and a
# 4× slower CPU, a 412×823 screen) RUNS times against
# /portal/2023/yanling-traffic-police/ with Debian's chromium, and prints the
# performance, accessibility, best-practices and SEO scores and the TBT, LCP
# and CLS of each run, then their medians and what kept a score below 100.
# Each run's JSON report is saved in a directory the script prints. nginx
# stops when the script ends, however it ends.
#
# A benchmark, not a CI gate: the figures vary between runs and machines.
#
# Lighthouse lives in scripts/lighthouse (package.json, package-lock.json),
# not in the root package.json, so that CI's npm ci stays small; npm ci runs
# there when it is missing.
#
# Environment:
#   CHROME_PATH=/usr/bin/chromium   the browser Lighthouse drives
#   NGINX=/usr/sbin/nginx           the web server
#   LIGHTHOUSE_OUT=DIR              where the JSON reports go (default: a new
#                                   directory under $TMPDIR or /tmp)
set -euo pipefail

runs=${1:-3}
chrome=${CHROME_PATH:-/usr/bin/chromium}
nginx=${NGINX:-/usr/sbin/nginx}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
page=2023/yanling-traffic-police/

die() { echo "lighthouse: $*" >&2; exit 1; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not '$runs'"
[[ -x $nginx ]] || die "no nginx at $nginx: apt-get install nginx-light (or set NGINX)"
[[ -x $chrome ]] || die "no browser at $chrome: apt-get install chromium (or set CHROME_PATH)"
command -v go >/dev/null || die "go is not installed"
command -v npm >/dev/null || die "npm is not installed"

cd "$root"
if [[ ! -f node_modules/echarts/dist/echarts.min.js ]]; then
	echo "npm ci (ECharts) …" >&2
	npm ci --silent >/dev/null
fi
if [[ ! -x scripts/lighthouse/node_modules/.bin/lighthouse ]]; then
	echo "npm ci (Lighthouse) in scripts/lighthouse …" >&2
	(cd scripts/lighthouse && npm ci --silent >/dev/null)
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-lighthouse.XXXXXX")
out=${LIGHTHOUSE_OUT:-$tmp.reports}
mkdir -p "$out"
cleanup() {
	if [[ -f $tmp/nginx.pid ]]; then
		local pid
		pid=$(<"$tmp/nginx.pid")
		kill -QUIT "$pid" 2>/dev/null || true
		# nginx removes its pid file once it has stopped.
		for _ in $(seq 50); do
			[[ -f $tmp/nginx.pid ]] || break
			sleep 0.1
		done
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "building the sample site …" >&2
go run ./cmd/gongkai build --out "$tmp/public" >/dev/null 2>"$tmp/build.log" || {
	cat "$tmp/build.log" >&2
	die "build failed"
}
grep -q "未找到 ECharts" "$tmp/build.log" && die "the site was built without charts: $(<"$tmp/build.log")"

# free_port prints a loopback port nothing listens on. Another program may
# take it before nginx does; then nginx fails to start and says so.
free_port() {
	local port
	for _ in $(seq 100); do
		port=$((20000 + RANDOM % 20000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return
		fi
	done
	die "no free loopback port found"
}
port=$(free_port)

# Run by root, nginx's workers would switch to nobody, who cannot read the
# temporary directory; the user directive keeps them as the current user
# (nginx ignores it, with a warning, when not run by root).
user=
if [[ $(id -u) -eq 0 ]]; then
	user="user $(id -un) $(id -gn);"
fi
cat >"$tmp/nginx.conf" <<EOF
$user
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/error.log warn;
events { worker_connections 64; }
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log $tmp/access.log;
	client_body_temp_path $tmp/client_body;
	proxy_temp_path $tmp/proxy;
	fastcgi_temp_path $tmp/fastcgi;
	uwsgi_temp_path $tmp/uwsgi;
	scgi_temp_path $tmp/scgi;
	sendfile on;
	# text/html is always compressed once gzip is on.
	gzip on;
	gzip_vary on;
	gzip_types text/css application/javascript text/javascript application/json image/svg+xml;
	server {
		listen 127.0.0.1:$port;
		server_name localhost;
		location /portal/ {
			alias $tmp/public/;
		}
	}
}
EOF
# -e: the error log before the configuration is read, which would
# otherwise be /var/log/nginx/error.log.
"$nginx" -p "$tmp" -c "$tmp/nginx.conf" -e "$tmp/error.log" || {
	cat "$tmp/error.log" >&2 || true
	die "nginx did not start"
}
url=http://127.0.0.1:$port/portal/$page
echo "serving $url (nginx $("$nginx" -v 2>&1 | sed 's/.*\///'))" >&2

lighthouse=scripts/lighthouse/node_modules/.bin/lighthouse
# Debian's chromium wrapper complains on stderr about its own arithmetic.
echo "lighthouse $("$lighthouse" --version), $("$chrome" --version 2>/dev/null)" >&2
reports=()
for i in $(seq "$runs"); do
	report=$out/run-$i.json
	# The default settings of Lighthouse are the mobile ones; --form-factor
	# says so.
	CHROME_PATH=$chrome "$lighthouse" "$url" --quiet \
		--form-factor=mobile \
		--only-categories=performance,accessibility,best-practices,seo \
		--chrome-flags="--headless=new --no-sandbox" \
		--output=json --output-path="$report"
	node scripts/lighthouse/summary.mjs --run "$i" "$report"
	reports+=("$report")
done
node scripts/lighthouse/summary.mjs "${reports[@]}"
echo "JSON reports: $out" >&2
