#!/usr/bin/env bash
# Cache-hit benchmark (release build, wrk on loopback): req/s and p99 for a 20-50 KB variant served from
# MediaProxy's result cache, beside nginx (Debian) serving the same bytes as a static file, in the same run; then
# the same for 256 variants (of 20-50 KB each) asked for in turn.
#   Benchmarks/cache.sh [seconds=10] [connections=16]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
connections="${2:-16}"
work="$(mktemp -d)"
cleanup() {
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    kill $(jobs -p) 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

scripts/install-deps
sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
command -v wrk >/dev/null || $sudo apt-get install -y -qq wrk >/dev/null
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || $sudo apt-get install -y -qq nginx >/dev/null
swift build -c release --static-swift-stdlib --product media-proxy
swift build -c release --static-swift-stdlib --product media-proxy-server
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)"

"$bin/media-proxy" serve --port 18091 --local-root Samples --cache-dir "$work/cache" --log-level error \
    >"$work/mediaproxy.log" 2>&1 &
path="/unsafe/rs:fit:900:900/q:88/plain/local:///landscape.jpg@jpg"
for _ in $(seq 1 100); do curl -sf -o "$work/variant.jpg" "http://127.0.0.1:18091$path" && break; sleep 0.2; done
mkdir -p "$work/www"
cp "$work/variant.jpg" "$work/www/variant.jpg"
cat >"$work/nginx.conf" <<CONF
worker_processes $(nproc);
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    server {
        listen 127.0.0.1:18092;
        root $work/www;
        location / { add_header Cache-Control "public, max-age=31536000"; }
    }
}
CONF
/usr/sbin/nginx -c "$work/nginx.conf"
for _ in $(seq 1 50); do curl -sf -o /dev/null "http://127.0.0.1:18092/variant.jpg" && break; sleep 0.1; done

run() { # name url [wrk script]
    local out rps p50 p99 script=()
    [ -n "${3:-}" ] && script=(-s "$3")
    wrk -t2 -c"$connections" -d2s "${script[@]}" "$2" >/dev/null
    out="$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "${script[@]}" "$2")"
    rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
    p50="$(awk '$1=="50%" {print $2}' <<<"$out")"
    p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
    printf "%-22s %10s req/s  p50 %8s  p99 %8s\n" "$1" "$rps" "$p50" "$p99"
}
echo "cache hit of a $(stat -c %s "$work/variant.jpg")-byte variant; wrk -c$connections -d${seconds}s on loopback, $(nproc) cores"
run "mediaproxy (hit)" "http://127.0.0.1:18091$path"
run "nginx (static file)" "http://127.0.0.1:18092/variant.jpg"

# 256 variants: made once by MediaProxy, copied for nginx, then asked for in turn by both.
: >"$work/ours.txt"; : >"$work/theirs.txt"
for size in $(seq 600 855); do
    variant="/unsafe/rs:fit:$size:$size/q:88/plain/local:///landscape.jpg@jpg"
    curl -sf -o "$work/www/v$size.jpg" "http://127.0.0.1:18091$variant"
    echo "$variant" >>"$work/ours.txt"
    echo "/v$size.jpg" >>"$work/theirs.txt"
done
cat >"$work/rotate.lua" <<'LUA'
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
local index = math.random(#paths)
request = function()
    index = index % #paths + 1
    return wrk.format("GET", paths[index])
end
LUA
echo "256 variants of $(du -csb "$work"/www/v*.jpg | tail -1 | cut -f1) bytes in all, asked for in turn"
PATHS="$work/ours.txt" run "mediaproxy (256 hits)" "http://127.0.0.1:18091" "$work/rotate.lua"
PATHS="$work/theirs.txt" run "nginx (256 files)" "http://127.0.0.1:18092" "$work/rotate.lua"
curl -s "http://127.0.0.1:18091/metrics" | grep -E '^mediaproxy_cache_lookups_total'
