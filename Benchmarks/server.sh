#!/usr/bin/env bash
# Server benchmark (release build, wrk on loopback, caches off): req/s and p50/p99 for cold requests of the
# standard cases, beside thumbor (PyPI, --processes = cores, file loader) and our in-process pipeline in the same
# run; peak RSS of each server.
#   [MARGIN=2] Benchmarks/server.sh [seconds=10] [connections=4]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
connections="${2:-4}"
cores="$(nproc)"
corpus="${CORPUS:-../shared/corpus}"
work="$(mktemp -d)"
cleanup() {
    pkill -f "thumbor --port 18082" 2>/dev/null || true
    kill $(jobs -p) 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

scripts/install-deps
command -v wrk >/dev/null || { sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo; $sudo apt-get install -y -qq wrk >/dev/null; }
python3 -c "import thumbor" 2>/dev/null || python3 -m pip install --quiet thumbor
swift build -c release --product media-proxy
swift build -c release --product media-proxy-bench
bin="$(swift build -c release --show-bin-path)"

mkdir -p "$work/images"
cp "$corpus/jpeg/2569067123_aca715a2ee_o.jpg" "$work/images/photo.jpg"
cp "$corpus/png/alpha-premultiply-2048x1536-paper.png" "$work/images/alpha.png"

"$bin/media-proxy" serve --port 18081 --shrink-on-load-margin "${MARGIN:-2}" --local-root "$work/images" --no-cache --workers "$cores" --queue 1024 \
    --log-level error >"$work/mediaproxy.log" 2>&1 &
mediaproxy=$!
cat >"$work/thumbor.conf" <<CONF
LOADER = 'thumbor.loaders.file_loader'
FILE_LOADER_ROOT_PATH = '$work/images'
STORAGE = 'thumbor.storages.no_storage'
RESULT_STORAGE = None
ALLOW_UNSAFE_URL = True
QUALITY = 80
CONF
thumbor --port 18082 --conf "$work/thumbor.conf" --processes "$cores" -l error >"$work/thumbor.log" 2>&1 &
thumbor=$!
for port in 18081 18082; do
    for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthcheck" && break
        curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.2; done
done

run() { # name url
    curl -sf -o "$work/$1.out" "$2" || { echo "$1: request failed"; return; }
    local out
    out="$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$2")"
    local rps p50 p99
    rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
    p50="$(awk '$1=="50%" {print $2}' <<<"$out")"
    p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
    printf "%-28s %8s req/s  p50 %8s  p99 %8s  %s bytes\n" "$1" "$rps" "$p50" "$p99" "$(stat -c %s "$work/$1.out")"
}
echo "wrk -c$connections -d${seconds}s on loopback, $cores cores, caches off, shrink-on-load margin ${MARGIN:-2}"
wrk -t2 -c"$connections" -d2s "http://127.0.0.1:18081/unsafe/rs:fit:300:300/plain/local:///photo.jpg@jpg" >/dev/null
wrk -t2 -c"$connections" -d2s "http://127.0.0.1:18082/unsafe/fit-in/300x300/photo.jpg" >/dev/null
run "mediaproxy photo->jpeg" "http://127.0.0.1:18081/unsafe/rs:fit:300:300/q:80/plain/local:///photo.jpg@jpg"
run "thumbor    photo->jpeg" "http://127.0.0.1:18082/unsafe/fit-in/300x300/filters:quality(80)/photo.jpg"
run "mediaproxy photo->webp" "http://127.0.0.1:18081/unsafe/rs:fit:300:300/q:79/plain/local:///photo.jpg@webp"
run "thumbor    photo->webp" "http://127.0.0.1:18082/unsafe/fit-in/300x300/filters:quality(79):format(webp)/photo.jpg"
run "mediaproxy alpha->webp" "http://127.0.0.1:18081/unsafe/rs:fit:300:300/q:79/plain/local:///alpha.png@webp"
run "thumbor    alpha->webp" "http://127.0.0.1:18082/unsafe/fit-in/300x300/filters:quality(79):format(webp)/alpha.png"
echo "in-process pipeline, $cores threads:"
BENCH_SHRINK_MARGIN="${MARGIN:-2}" "$bin/media-proxy-bench" --threads "$cores" --seconds "$seconds" --out "$work/bench" \
    "photo->jpeg=$work/images/photo.jpg=rs:fit:300:300/q:80/f:jpg" \
    "photo->webp=$work/images/photo.jpg=rs:fit:300:300/q:79/f:webp" \
    "alpha->webp=$work/images/alpha.png=rs:fit:300:300/q:79/f:webp"
thumbor_rss=0
for pid in $(pgrep -f "thumbor --port 18082"); do
    thumbor_rss=$((thumbor_rss + $(awk '/VmHWM/ {print $2}' "/proc/$pid/status")))
done
echo "peak RSS: mediaproxy $(awk '/VmHWM/ {print $2}' "/proc/$mediaproxy/status") kB," \
     "thumbor (all $(pgrep -fc "thumbor --port 18082") processes) $thumbor_rss kB"
