#!/bin/sh
# The 404 page at any depth under a sub-path: the mini report built with base_url
# https://example.org/sub/path/ and served by nginx (as the user running the test, on a
# free port, from a temporary config) under /sub/path/; missing pages at the top, in
# charts/ and three folders down get status 404 and the 404 page, whose stylesheet,
# icons and navigation links all resolve (tests/check-404.py). The same without
# base_url, served at the root. Without nginx, python's http.server stands in.
# Usage: tests/run-404.sh MKREPORT
if [ $# -ne 1 ]; then
	echo "usage: $0 MKREPORT" >&2
	exit 2
fi
case $1 in
/*) mk=$1 ;;
*) mk=$(pwd)/$1 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
export LC_ALL=C TZ=UTC NO_COLOR=1
PYTHON=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mkreport-404.XXXXXX")
server=
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
pass=0
fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
ko() { echo "FAIL $1"; fail=$((fail + 1)); }

# NGINX= (empty) in the environment forces the stand-in.
NGINX=${NGINX-$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; })}

# free_port: prints a TCP port free on 127.0.0.1.
free_port() {
	"$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start SITE PREFIX PORT: serves SITE under PREFIX (nginx, else the stand-in) in the
# background; its pid in $server. Returns 1 if it does not answer within 5 s.
start() {
	if [ -n "$NGINX" ]; then
		conf=$tmp/nginx-$3
		mkdir -p "$conf"
		user=
		[ "$(id -u)" = 0 ] && user="user root root;" # workers read the temporary site
		cat >"$conf/nginx.conf" <<EOF
$user
daemon off;
worker_processes 1;
pid $conf/nginx.pid;
error_log $conf/error.log;
events { worker_connections 64; }
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log off;
	client_body_temp_path $conf/body;
	proxy_temp_path $conf/proxy;
	fastcgi_temp_path $conf/fastcgi;
	uwsgi_temp_path $conf/uwsgi;
	scgi_temp_path $conf/scgi;
	server {
		listen 127.0.0.1:$3;
		error_page 404 ${2}404.html;
		location $2 { alias $1/; }
	}
}
EOF
		"$NGINX" -e "$conf/error.log" -p "$conf" -c "$conf/nginx.conf" &
	else
		"$PYTHON" "$root/tests/check-404.py" serve "$1" "$2" "$3" &
	fi
	server=$!
	i=0
	while [ $i -lt 50 ]; do
		"$PYTHON" -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$3" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	[ -n "$NGINX" ] && cat "$conf/error.log"
	return 1
}

# stop: ends the server start started.
stop() {
	kill "$server" 2>/dev/null
	wait "$server" 2>/dev/null
	server=
}

# serve_and_check WHAT CONTENT PREFIX: builds CONTENT, serves it under PREFIX and
# checks the 404 page for missing paths at three depths.
serve_and_check() {
	site=$tmp/site-$(echo "$3" | tr / _)
	if ! "$mk" build -C "$2" -o "$site" -T "$root/templates" --no-pdf --no-cache >/dev/null 2>"$tmp/build.err"; then
		ko "$1: the build failed"; cat "$tmp/build.err"; return
	fi
	port=$(free_port)
	if ! start "$site" "$3" "$port"; then
		ko "$1: the server did not start"; stop; return
	fi
	base=http://127.0.0.1:$port$3
	if "$PYTHON" "$root/tests/check-404.py" check "$base" nope.html charts/nope.html \
	    a/b/c/nope >"$tmp/check.out" 2>&1; then
		ok "$1: 404 at the top, in charts/ and three folders down, styled, links resolve"
	else
		ko "$1"; sed 's/^/  /' "$tmp/check.out"
	fi
	stop
}

server_name=${NGINX:+nginx}
server_name=${server_name:-python http.server}
echo "serving with $server_name"

cp -R "$root/tests/fixtures/mini/content" "$tmp/sub"
sed -i 's|^base_url: .*|base_url: https://example.org/sub/path/|' "$tmp/sub/report.yaml"
serve_and_check "base_url under /sub/path/" "$tmp/sub" /sub/path/

cp -R "$root/tests/fixtures/mini/content" "$tmp/nobase"
sed -i '/^base_url: /d' "$tmp/nobase/report.yaml"
serve_and_check "no base_url, served at the root" "$tmp/nobase" /

# The check fails on a 404 page with relative links (what every page but 404.html has).
site=$tmp/site-_sub_path_
sed -i 's|"/sub/path/|"|g' "$site/404.html"
port=$(free_port)
if start "$site" /sub/path/ "$port"; then
	if "$PYTHON" "$root/tests/check-404.py" check "http://127.0.0.1:$port/sub/path/" \
	    charts/nope.html >/dev/null 2>&1; then
		ko "a 404 page with relative links passed the check"
	else
		ok "a 404 page with relative links fails the check at depth"
	fi
	stop
else
	ko "the server did not start"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
