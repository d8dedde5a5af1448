#!/usr/bin/env bash
# Cache-hit benchmark (release build, wrk on loopback): req/s and p99 for a 20-50 KB variant served from
# MediaProxy's result cache, beside nginx (Debian) serving the same bytes as a static file, in the same run; then
# the same for 256 variants (of 20-50 KB each) asked for in turn.
# Each pair is measured in ROUNDS alternating rounds (default 3) and the medians compared: on this machine one
# server's rate moves by 20-30% from one run to the next. Every answer must be 200: nginx's workers must be able
# to read the files (a 0700 temporary folder made them answer 403, which a rate alone does not show).
#   Benchmarks/cache.sh [seconds=10] [connections=16]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
connections="${2:-16}"
work="$(mktemp -d)"
chmod 755 "$work"  # nginx's workers (not root) read the files from here
rounds="${ROUNDS:-3}"
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
curl -sf "http://127.0.0.1:18092/variant.jpg" | cmp -s - "$work/variant.jpg" \
    || { echo "nginx does not serve the variant's bytes"; exit 1; }

# measure NAME URL [wrk script]: one round; appends "rps p50 p99" to $work/NAME.rounds; fails on any answer that
# is not 2xx.
measure() {
    local out script=()
    [ -n "${3:-}" ] && script=(-s "$3")
    out="$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "${script[@]}" "$2")"
    if grep -q "Non-2xx" <<<"$out"; then echo "$1: answers that are not 2xx"; grep "Non-2xx" <<<"$out"; exit 1; fi
    echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out") $(awk '$1=="50%" {print $2}' <<<"$out") $(awk '$1=="99%" {print $2}' <<<"$out")" \
        >>"$work/${1// /_}.rounds"
}
# pair OURS_NAME OURS_URL THEIR_NAME THEIR_URL [wrk script for ours] [for theirs]: ROUNDS alternating rounds each,
# then each one's median round and the ratio of the medians.
pair() {
    PATHS="${OURS_PATHS:-}" wrk -t2 -c"$connections" -d2s ${5:+-s "$5"} "$2" >/dev/null
    PATHS="${THEIR_PATHS:-}" wrk -t2 -c"$connections" -d2s ${6:+-s "$6"} "$4" >/dev/null
    for _ in $(seq 1 "$rounds"); do
        PATHS="${OURS_PATHS:-}" measure "$1" "$2" "${5:-}"
        PATHS="${THEIR_PATHS:-}" measure "$3" "$4" "${6:-}"
    done
    python3 - "$work" "$1" "$3" <<'PY'
import statistics, sys
work, ours, theirs = sys.argv[1:4]
medians = {}
for name in (ours, theirs):
    rounds = [line.split() for line in open(f"{work}/{name.replace(' ', '_')}.rounds")]
    rates = [float(r[0]) for r in rounds]
    median = sorted(rounds, key=lambda r: float(r[0]))[len(rounds) // 2]
    medians[name] = float(median[0])
    print(f"{name:22} {float(median[0]):10.0f} req/s  p50 {median[1]:>8}  p99 {median[2]:>8}  "
          f"(rounds: {', '.join(f'{rate:.0f}' for rate in rates)})")
print(f"{'':22} ratio of medians {medians[ours] / medians[theirs]:.2f}x")
PY
}
echo "cache hit of a $(stat -c %s "$work/variant.jpg")-byte variant; wrk -c$connections -d${seconds}s on loopback, $(nproc) cores"
pair "mediaproxy (hit)" "http://127.0.0.1:18091$path" "nginx (static file)" "http://127.0.0.1:18092/variant.jpg"

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
OURS_PATHS="$work/ours.txt" THEIR_PATHS="$work/theirs.txt" pair "mediaproxy (256 hits)" "http://127.0.0.1:18091" \
    "nginx (256 files)" "http://127.0.0.1:18092" "$work/rotate.lua" "$work/rotate.lua"
curl -s "http://127.0.0.1:18091/metrics" | grep -E '^mediaproxy_cache_lookups_total'
