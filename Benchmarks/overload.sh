#!/usr/bin/env bash
# Overload (release build, caches off, loopback only): CONNECTIONS connections (default 500) ask for thumbnails
# of a 36 MP JPEG, each request a cold one, for SECONDS (default 20), with the default workers, queue and
# admission gate. Prints the answers by status (429s must carry Retry-After), the server's peak RSS (sampled
# every 50 ms) against BOUND_MB (default 1024), and how long after the storm a normal request is served. Fails
# when the RSS bound is passed, the server dies, a 429 lacks Retry-After, or the next request is not a 200
# within 5 s.
#   Benchmarks/overload.sh [connections=500] [seconds=20]
set -euo pipefail
cd "$(dirname "$0")/.."
connections="${1:-500}"
seconds="${2:-20}"
bound_mb="${BOUND_MB:-1024}"
corpus="${CORPUS:-../shared/corpus}"
work="$(mktemp -d)"
cleanup() {
    kill $(jobs -p) 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

scripts/install-deps
command -v wrk >/dev/null || { sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo; $sudo apt-get install -y -qq wrk >/dev/null; }
swift build -c release --static-swift-stdlib --product media-proxy
swift build -c release --static-swift-stdlib --product media-proxy-server
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)"

mkdir -p "$work/images"
cp Samples/landscape.jpg "$work/images/"
cp "$corpus/jpeg/2569067123_aca715a2ee_o.jpg" "$work/images/photo.jpg"
vips resize "$work/images/photo.jpg" "$work/images/photo36.jpg[Q=92]" 2.700917 --kernel lanczos3

ulimit -n 65536 2>/dev/null || true
"$bin/media-proxy" serve --port 18083 --local-root "$work/images" --no-cache >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:18083/health >/dev/null && break; sleep 0.1; done

# Every request a new variant (a cache buster), so none is a hit; statuses and Retry-After counted per thread.
cat >"$work/storm.lua" <<'LUA'
local counter = 0
local threads = {}
function setup(thread)
    thread:set("id", #threads)
    table.insert(threads, thread)
end
function init(args)
    statuses = {}
    missing_retry = 0
end
function request()
    counter = counter + 1
    return wrk.format("GET", "/unsafe/rs:fit:300:300/cb:" .. id .. "-" .. counter .. "/plain/local:///photo36.jpg@jpg")
end
function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
    if status == 429 and headers["Retry-After"] == nil and headers["retry-after"] == nil then
        missing_retry = missing_retry + 1
    end
end
function done(summary, latency, requests)
    local total, missing = {}, 0
    for _, thread in ipairs(threads) do
        for status, count in pairs(thread:get("statuses")) do total[status] = (total[status] or 0) + count end
        missing = missing + thread:get("missing_retry")
    end
    for status, count in pairs(total) do io.write(string.format("status %d: %d\n", status, count)) end
    io.write(string.format("429 without Retry-After: %d\n", missing))
    io.write(string.format("latency p50 %.1f ms, p99 %.1f ms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA

python3 - "$server" "$work/rss" <<'PY' &
import sys, time
pid, out = sys.argv[1], sys.argv[2]
peak = 0
while True:
    try:
        with open(f"/proc/{pid}/status") as status:
            rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))
    except (FileNotFoundError, StopIteration):
        break
    peak = max(peak, rss)
    with open(out, "w") as f:
        f.write(str(peak // 1024))
    time.sleep(0.05)
PY
echo "storm: $connections connections for $seconds s, 36 MP JPEG thumbnails, each request cold"
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 30s -s "$work/storm.lua" http://127.0.0.1:18083 | tee "$work/wrk.txt"
storm_end=$(date +%s.%N)
status=0
if ! kill -0 "$server" 2>/dev/null; then echo "overload: the server died"; tail -20 "$work/server.log"; exit 1; fi
recovered=""
for _ in $(seq 1 100); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:18083/unsafe/rs:fit:300:300/plain/local:///landscape.jpg@webp")
    if [ "$code" = 200 ]; then recovered=$(python3 -c "import time; print(f'{(time.time() - $storm_end) * 1000:.0f}')"); break; fi
    sleep 0.05
done
peak="$(cat "$work/rss" 2>/dev/null || echo 0)"
echo "peak RSS: $peak MB (bound $bound_mb MB)"
if [ -n "$recovered" ]; then echo "next normal request served ${recovered} ms after the storm"; else echo "overload: not served within 5 s after the storm"; status=1; fi
[ "$peak" -le "$bound_mb" ] || { echo "overload: RSS over the bound"; status=1; }
grep -q "429 without Retry-After: 0" "$work/wrk.txt" || { echo "overload: a 429 without Retry-After"; status=1; }
exit "$status"
