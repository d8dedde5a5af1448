#!/usr/bin/env bash
# Still-image server benchmark (release build, wrk on loopback, caches off), all in one run:
#   - MediaProxy, one server with one worker per core, loaded by one `wrk -t1 -c4` per core at once;
#   - thumbor the fair way: one single-process instance per core, each loaded by its own `wrk -t1 -c4` at once
#     (thumbor's --processes shares one socket unevenly);
#   - in-process loops: our pipeline, libvips' thumbnail_buffer and Pillow with draft (Benchmarks/peers.py);
#   - the similarity of every answer (luma SSIM, PSNR) to a full-decode Lanczos3 rendering at the answer's size;
#   - peak RSS of each server.
#   Benchmarks/server.sh [seconds=10]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
cores="$(nproc)"
corpus="${CORPUS:-../shared/corpus}"
work="$(mktemp -d)"
cleanup() {
    pkill -f "thumbor --port 1809" 2>/dev/null || true
    kill $(jobs -p) 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

scripts/install-deps
command -v wrk >/dev/null || { sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo; $sudo apt-get install -y -qq wrk >/dev/null; }
. Benchmarks/setup.sh
bench_python thumbor pyvips PIL numpy
swift build -c release --static-swift-stdlib --product media-proxy
swift build -c release --static-swift-stdlib --product media-proxy-server
swift build -c release --static-swift-stdlib --product media-proxy-bench
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)"

mkdir -p "$work/images" "$work/answers"
cp "$corpus/jpeg/2569067123_aca715a2ee_o.jpg" "$work/images/photo.jpg"
vips resize "$work/images/photo.jpg" "$work/images/photo36.jpg[Q=92]" 2.700917 --kernel lanczos3
cp "$corpus/png/alpha-premultiply-2048x1536-paper.png" "$work/images/alpha.png"

"$bin/media-proxy" serve --port 18081 --local-root "$work/images" --no-cache --workers "$cores" --queue 1024 \
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
thumbor_ports=()
for index in $(seq 0 $((cores - 1))); do
    port=$((18090 + index))
    thumbor --port "$port" --conf "$work/thumbor.conf" --processes 1 -l error >"$work/thumbor-$port.log" 2>&1 &
    thumbor_ports+=("$port")
done
for port in 18081 "${thumbor_ports[@]}"; do
    for _ in $(seq 1 150); do
        curl -sf -o /dev/null "http://127.0.0.1:$port/healthcheck" && break
        curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break
        sleep 0.2
    done
done

# load NAME URL... : one wrk -t1 -c4 per URL, all at once; prints summed req/s and the worst p50/p99.
load() {
    local name="$1"; shift
    local index=0 pids=()
    for url in "$@"; do
        wrk -t1 -c4 -d"${seconds}s" --latency "$url" >"$work/wrk-$index.txt" &
        pids+=($!)
        index=$((index + 1))
    done
    wait "${pids[@]}"
    python3 - "$name" "$work" "$index" <<'PY'
import re, sys
name, work, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
def ms(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
total, p50, p99 = 0.0, 0.0, 0.0
for index in range(count):
    out = open(f"{work}/wrk-{index}.txt").read()
    total += float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = max(p50, ms(re.search(r"\n\s+50%\s+(\S+)", out).group(1)))
    p99 = max(p99, ms(re.search(r"\n\s+99%\s+(\S+)", out).group(1)))
print(f"{name:34} {total:8.1f} req/s  p50 {p50:7.1f} ms  p99 {p99:7.1f} ms")
open(f"{work}/rate-{name.split()[0]}-{name.split()[1]}", "w").write(str(total))
PY
}

# case NAME OURS_PATH THUMBOR_PATH SOURCE
case_() {
    local name="$1" ours="$2" theirs="$3" source="$4"
    curl -sf -o "$work/answers/$name-mediaproxy" "http://127.0.0.1:18081$ours"
    curl -sf -o "$work/answers/$name-thumbor" "http://127.0.0.1:${thumbor_ports[0]}$theirs"
    local urls=()
    for _ in $(seq 1 "$cores"); do urls+=("http://127.0.0.1:18081$ours"); done
    load "mediaproxy $name" "${urls[@]}"
    urls=()
    for port in "${thumbor_ports[@]}"; do urls+=("http://127.0.0.1:$port$theirs"); done
    load "thumbor $name" "${urls[@]}"
    "$BENCH_PYTHON" Benchmarks/similarity.py "$work/images/$source" "$work/answers/$name-mediaproxy" "$work/answers/$name-thumbor"
}

echo "servers: MediaProxy (1 process, $cores workers) and $cores thumbor instances; one wrk -t1 -c4 per core; ${seconds}s; caches off"
wrk -t1 -c4 -d2s "http://127.0.0.1:18081/unsafe/rs:fit:300:300/plain/local:///photo.jpg@jpg" >/dev/null
for port in "${thumbor_ports[@]}"; do wrk -t1 -c4 -d2s "http://127.0.0.1:$port/unsafe/fit-in/300x300/photo.jpg" >/dev/null; done
case_ "photo6mp->jpeg" "/unsafe/rs:fit:300:300/q:80/plain/local:///photo.jpg@jpg" \
      "/unsafe/fit-in/300x300/filters:quality(80)/photo.jpg" photo.jpg
case_ "photo6mp->webp" "/unsafe/rs:fit:300:300/q:79/plain/local:///photo.jpg@webp" \
      "/unsafe/fit-in/300x300/filters:quality(79):format(webp)/photo.jpg" photo.jpg
case_ "photo36mp->jpeg" "/unsafe/rs:fit:300:300/q:80/plain/local:///photo36.jpg@jpg" \
      "/unsafe/fit-in/300x300/filters:quality(80)/photo36.jpg" photo36.jpg
case_ "alpha->webp" "/unsafe/rs:fit:300:300/q:79/plain/local:///alpha.png@webp" \
      "/unsafe/fit-in/300x300/filters:quality(79):format(webp)/alpha.png" alpha.png
for name in photo6mp-\>jpeg photo6mp-\>webp photo36mp-\>jpeg alpha-\>webp; do
    python3 -c "import sys; a=float(open(sys.argv[1]).read()); b=float(open(sys.argv[2]).read()); print(f'{sys.argv[3]:20} mediaproxy / thumbor = {a / b:.2f}x')" \
        "$work/rate-mediaproxy-$name" "$work/rate-thumbor-$name" "$name"
done

thumbor_rss=0
for pid in $(pgrep -f "thumbor --port 1809"); do
    thumbor_rss=$((thumbor_rss + $(awk '/VmHWM/ {print $2}' "/proc/$pid/status")))
done
echo "peak RSS: mediaproxy $(awk '/VmHWM/ {print $2}' "/proc/$mediaproxy/status") kB," \
     "thumbor ($(pgrep -fc "thumbor --port 1809") processes together) $thumbor_rss kB"

echo "in-process, $cores threads:"
"$bin/media-proxy-bench" --threads "$cores" --seconds "$seconds" --out "$work/bench" \
    "photo6mp-jpeg=$work/images/photo.jpg=rs:fit:300:300/q:80/f:jpg" \
    "photo6mp-webp=$work/images/photo.jpg=rs:fit:300:300/q:79/f:webp" \
    "photo36mp-jpeg=$work/images/photo36.jpg=rs:fit:300:300/q:80/f:jpg" \
    "alpha-png-webp=$work/images/alpha.png=rs:fit:300:300/q:79/f:webp"
"$BENCH_PYTHON" Benchmarks/peers.py --threads "$cores" --seconds "$seconds" --out "$work/bench" \
    "photo6mp-jpeg=$work/images/photo.jpg=300x300=jpg" \
    "photo6mp-webp=$work/images/photo.jpg=300x300=webp" \
    "photo36mp-jpeg=$work/images/photo36.jpg=300x300=jpg" \
    "alpha-png-webp=$work/images/alpha.png=300x300=webp"
